/**
 * Tournaments: play a world over a fixed list of seeds with a contestant in each role (a
 * ToMAgent of some depth, the world's scripted expert, or a random player) and report each
 * agent's win rate with a 95% Wilson confidence interval and its mean return.
 *
 * ```ts
 * const result = tournament({ env: "SocialDeception", agents: { deceiver: 1 }, seeds: [0, 1, 2, 3] });
 * result.agents.deceiver.rate; // wins / episodes
 * ```
 */
import type { AgentId } from "../epistemic/events";
import { makeEnv } from "../envs/registry";
import type { PerspectiveEnv } from "../envs/env";
import type { SimulableEnv } from "../planning/mcts-env";
import { MctsError } from "../planning/mcts";
import { Rng } from "../random/rng";
import type { Discrete } from "../envs/spaces";
import type { SocialDeception } from "../envs/worlds/socialdeception";
import { ToMAgent } from "./tom-agent";

/**
 * Who plays a role: a ToM depth (0, 1, 2) for a ToMAgent, "expert" (the world's scripted
 * policy) or "random".
 *
 * ```ts
 * const roles: Record<string, Contestant> = { deceiver: 2, thief_0: "expert", thief_1: 0 };
 * ```
 */
export type Contestant = number | "expert" | "random";

/**
 * How an episode ended, for deciding who won.
 *
 * ```ts
 * const outcome = (e: EpisodeOutcome) => ({ deceiver: !e.terminated });
 * ```
 */
export interface EpisodeOutcome {
  /** The env at the episode's end (read its state to decide who won). */
  env: PerspectiveEnv;
  /** The seed the episode was reset with. */
  seed: number;
  /** Each agent's total reward. */
  returns: Record<AgentId, number>;
  /** Whether the episode ended by termination (not by running out of steps). */
  terminated: boolean;
  /** Steps the episode took. */
  steps: number;
}

/**
 * Options of tournament.
 *
 * ```ts
 * tournament({ env: { name: "HideAndSeek", options: { episodeLength: 30 } }, agents: { hider_0: 1 }, seeds: [1, 2] });
 * ```
 */
export interface TournamentOptions {
  /** A built-in world by name, with options. */
  env: string | { name: string; options?: Record<string, unknown> };
  /** The contestant of each role; roles left out are played by the world's expert. */
  agents: Record<AgentId, Contestant>;
  /** One episode per seed (reset with it), in order. */
  seeds: readonly number[];
  /** Search settings of the ToMAgents: simulations per decision (ToMAgent's default when absent). */
  numSimulations?: number;
  /** Steps each ToMAgent simulates ahead (ToMAgent's default when absent). */
  maxDepth?: number;
  /**
   * Who won an episode (by agent). Defaults exist for SocialDeception (the deceiver wins when the
   * treasure ends hidden in a cache, never stolen; a thief when it is stolen) and HideAndSeek (a
   * hider wins when its return is positive: unlocated more often than located; a seeker when the
   * hiders' mean return is not; under `rules: "tom"` the hiders win when none is caught).
   */
  outcome?: (episode: EpisodeOutcome) => Record<AgentId, boolean>;
  /** Called after each episode (progress). */
  onEpisode?: (episode: EpisodeOutcome) => void;
}

/**
 * One agent's results.
 *
 * ```ts
 * const { rate, ci: [lo, hi] } = result.agents.deceiver;
 * ```
 */
export interface AgentScore {
  /** Who played the role. */
  contestant: Contestant;
  /** Episodes the role won. */
  wins: number;
  /** Episodes played. */
  episodes: number;
  /** `wins / episodes`. */
  rate: number;
  /** 95% Wilson score interval of the win rate. */
  ci: [number, number];
  /** The role's mean return per episode. */
  meanReturn: number;
}

/**
 * What tournament returns.
 *
 * ```ts
 * Object.entries(result.agents).map(([id, s]) => `${id}: ${s.rate}`);
 * ```
 */
export interface TournamentResult {
  /** The world's name. */
  env: string;
  /** Episodes played (one per seed). */
  episodes: number;
  /** Each role's score. */
  agents: Record<AgentId, AgentScore>;
  /** Per seed, in order: each agent's return and whether it won. */
  perEpisode: { seed: number; returns: Record<AgentId, number>; won: Record<AgentId, boolean> }[];
}

/**
 * How often one agent did better in run `a` than in run `b` on the same seeds (paired by seed,
 * ties left out), with a 95% Wilson interval: an interval above 0.5 means `a` is better. `by`
 * says what "better" is: a higher return (default), or a win where the other run lost.
 *
 * ```ts
 * const d1 = tournament({ env: "HideAndSeek", agents: { hider_0: 1 }, seeds });
 * const d0 = tournament({ env: "HideAndSeek", agents: { hider_0: 0 }, seeds });
 * pairedComparison(d1, d0, "hider_0"); // { better, worse, ties, rate, ci }
 * pairedComparison(d1, d0, "hider_0", "win"); // won where the other lost, and the reverse
 * ```
 */
export function pairedComparison(
  a: TournamentResult,
  b: TournamentResult,
  agent: AgentId,
  by: "return" | "win" = "return"
): { better: number; worse: number; ties: number; rate: number; ci: [number, number] } {
  if (by !== "return" && by !== "win") {
    throw new MctsError(
      `pairedComparison: by must be "return" or "win", got ${JSON.stringify(by)}`
    );
  }
  if (
    a.perEpisode.length !== b.perEpisode.length ||
    a.perEpisode.some((e, i) => e.seed !== b.perEpisode[i].seed)
  ) {
    throw new MctsError("pairedComparison needs two tournaments over the same seeds");
  }
  if (!(agent in (a.agents ?? {}))) throw new MctsError(`unknown agent ${JSON.stringify(agent)}`);
  let better = 0;
  let worse = 0;
  a.perEpisode.forEach((e, i) => {
    const other = b.perEpisode[i];
    const d =
      by === "win"
        ? Number(e.won[agent]) - Number(other.won[agent])
        : e.returns[agent] - other.returns[agent];
    if (d > 1e-9) better++;
    else if (d < -1e-9) worse++;
  });
  const n = better + worse;
  return {
    better,
    worse,
    ties: a.perEpisode.length - n,
    rate: n === 0 ? 0.5 : better / n,
    ci: n === 0 ? [0, 1] : wilsonInterval(better, n)
  };
}

/**
 * The 95% Wilson score interval of `wins` successes in `n` trials.
 *
 * ```ts
 * wilsonInterval(8, 10); // [0.49, 0.94] (rounded)
 * ```
 */
export function wilsonInterval(wins: number, n: number, z = 1.96): [number, number] {
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(wins) || wins < 0 || wins > n) {
    throw new RangeError(
      `wilsonInterval needs 0 <= wins <= n integers and n >= 1, got ${wins}/${n}`
    );
  }
  const p = wins / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * A simulation copy of a built-in env for the episode started with `seed`: the same world and
 * options with `beliefs: "off"`, reset to the same layout. Agents put it into the worlds they
 * sample; it tells them only the static layout (walls, caches), which they are taken to know.
 *
 * ```ts
 * env.reset({ seed: 5 });
 * const sim = simulationCopy(env, 5);
 * ```
 */
export function simulationCopy(env: PerspectiveEnv, seed: number): SimulableEnv {
  const sim = makeEnv(env.name, { ...env.config, beliefs: "off" }) as unknown as SimulableEnv;
  if (typeof sim.setState !== "function") {
    throw new MctsError(`${env.name} cannot be put into a sampled state (no setState)`);
  }
  sim.reset({ seed });
  return sim;
}

/**
 * Plays every seed once with the given contestants and scores each agent (see the module comment).
 *
 * ```ts
 * tournament({ env: "SocialDeception", agents: { deceiver: 2 }, seeds: [0, 1, 2] }).agents.deceiver.ci;
 * ```
 */
export function tournament(options: TournamentOptions): TournamentResult {
  const { name, envOptions } = parseEnv(options?.env);
  const seeds = options.seeds;
  if (
    !Array.isArray(seeds) ||
    seeds.length === 0 ||
    seeds.some((s) => !Number.isSafeInteger(s) || s < 0)
  ) {
    throw new MctsError("tournament needs seeds: a non-empty list of non-negative integers");
  }
  const env = makeEnv(name, { ...envOptions, beliefs: "events" });
  const roles = { ...options.agents };
  for (const [id, c] of Object.entries(roles)) {
    if (!env.possibleAgents.includes(id)) {
      throw new MctsError(
        `unknown agent ${JSON.stringify(id)}; agents of ${name}: ${env.possibleAgents.join(", ")}`
      );
    }
    if (c !== "expert" && c !== "random" && !(Number.isInteger(c) && c >= 0 && c <= 2)) {
      throw new MctsError(
        `the contestant of ${id} must be a ToM depth 0-2, "expert" or "random", got ${JSON.stringify(c)}`
      );
    }
  }
  for (const id of env.possibleAgents) roles[id] ??= "expert";
  const outcome = options.outcome ?? defaultOutcome(name);
  const wins: Record<AgentId, number> = {};
  const totals: Record<AgentId, number> = {};
  for (const id of env.possibleAgents) wins[id] = totals[id] = 0;
  const perEpisode: TournamentResult["perEpisode"] = [];
  for (const seed of seeds) {
    const episode = playEpisode(env, seed, roles, options);
    const won = outcome(episode);
    perEpisode.push({ seed, returns: { ...episode.returns }, won: { ...won } });
    for (const id of env.possibleAgents) {
      if (won[id]) wins[id]++;
      totals[id] += episode.returns[id];
    }
    options.onEpisode?.(episode);
  }
  env.close();
  const agents: Record<AgentId, AgentScore> = {};
  for (const id of env.possibleAgents) {
    agents[id] = {
      contestant: roles[id],
      wins: wins[id],
      episodes: seeds.length,
      rate: wins[id] / seeds.length,
      ci: wilsonInterval(wins[id], seeds.length),
      meanReturn: totals[id] / seeds.length
    };
  }
  return { env: name, episodes: seeds.length, agents, perEpisode };
}

function playEpisode(
  env: PerspectiveEnv,
  seed: number,
  roles: Record<AgentId, Contestant>,
  options: TournamentOptions
): EpisodeOutcome {
  const reset = env.reset({ seed });
  const init = env.getTrackerInit()!;
  const rng = new Rng(seed);
  const players = new Map<AgentId, ToMAgent>();
  const sims: SimulableEnv[] = [];
  for (const [id, c] of Object.entries(roles)) {
    if (typeof c !== "number") continue;
    const sim = simulationCopy(env, seed);
    sims.push(sim);
    const agent = new ToMAgent({
      id,
      tomDepth: c,
      simulator: sim,
      init,
      seed: seed * 31 + players.size,
      ...(options.numSimulations !== undefined ? { numSimulations: options.numSimulations } : {}),
      ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {})
    });
    agent.observe(reset.observations[id], reset.infos[id].events);
    players.set(id, agent);
  }
  const returns: Record<AgentId, number> = {};
  for (const id of env.possibleAgents) returns[id] = 0;
  let terminated = false;
  let steps = 0;
  while (env.agents.length > 0) {
    const actions: Record<AgentId, number> = {};
    for (const id of env.agents) {
      const player = players.get(id);
      actions[id] = player
        ? player.act()
        : roles[id] === "random"
          ? rng.int((env.actionSpace(id) as unknown as Discrete).n)
          : (env.expertAction(id) as number);
    }
    const step = env.step(actions);
    steps++;
    for (const [id, r] of Object.entries(step.rewards)) returns[id] += r;
    terminated = Object.values(step.terminations).some(Boolean);
    for (const [id, player] of players) {
      if (id in step.observations) player.observe(step.observations[id], step.infos[id].events);
    }
  }
  for (const sim of sims) sim.close();
  return { env, seed, returns, terminated, steps };
}

function parseEnv(env: TournamentOptions["env"] | undefined): {
  name: string;
  envOptions: Record<string, unknown>;
} {
  if (typeof env === "string") return { name: env, envOptions: {} };
  if (env && typeof env === "object" && typeof env.name === "string") {
    return { name: env.name, envOptions: env.options ?? {} };
  }
  throw new MctsError(
    'tournament needs env: a world name or { name, options }, e.g. "SocialDeception"'
  );
}

/**
 * Who won an episode of a built-in world, by its rules (see TournamentOptions.outcome); throws
 * for a world without one.
 *
 * ```ts
 * defaultOutcome("SocialDeception")(episode).deceiver; // true: the treasure ended hidden
 * ```
 */
export function defaultOutcome(name: string): (e: EpisodeOutcome) => Record<AgentId, boolean> {
  if (name === "SocialDeception") {
    return (e) => {
      const won: Record<AgentId, boolean> = {};
      // The deceiver wins as the world rewards it: the treasure ends hidden in a cache, never found.
      const hidden = !e.terminated && (e.env as SocialDeception).treasureLocation !== "carried";
      for (const id of e.env.possibleAgents) won[id] = id === "deceiver" ? hidden : e.terminated;
      return won;
    };
  }
  if (name === "HideAndSeek") {
    return (e) => {
      const hiders = e.env.possibleAgents.filter((a) => a.startsWith("hider_"));
      if (e.env.config.rules === "tom") {
        // Tom rules: the hiders win by not being caught, the seekers by catching one.
        const won: Record<AgentId, boolean> = {};
        for (const id of e.env.possibleAgents)
          won[id] = id.startsWith("hider_") ? !e.terminated : e.terminated;
        return won;
      }
      const mean = hiders.reduce((s, h) => s + e.returns[h], 0) / hiders.length;
      const won: Record<AgentId, boolean> = {};
      for (const id of e.env.possibleAgents)
        won[id] = id.startsWith("hider_") ? e.returns[id] > 0 : mean <= 0;
      return won;
    };
  }
  throw new MctsError(`no default outcome for ${name}: pass outcome(episode) => { agent: won }`);
}
