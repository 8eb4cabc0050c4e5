/**
 * Replaying an action sequence in an environment for the env planner: the env is reset with the
 * plan's seed and stepped with the planning agent's actions while the others follow their
 * policies (with a generator reseeded at every replay, so a replay is deterministic); then its
 * tracker answers the goal and gives the state's key and the belief trajectory.
 *
 * ```ts
 * const r = replayer({ env, agent: "anne", goal: "B(sally, at(marble) = basket)" });
 * r.replay([0, 4]);
 * r.env.getTracker().ask!(r.goal.formula); // "yes" | "no"
 * ```
 */
import { chainsUpTo, type AgentId, type Fluent, type Value } from "../epistemic/events";
import { formulaToString, type Formula } from "../epistemic/formula";
import type { BeliefTracker } from "../epistemic/tracker";
import type { PerspectiveEnv } from "../envs/env";
import { MOVE_NAMES } from "../envs/grid";
import { GridWorld } from "../envs/gridworld";
import { Discrete } from "../envs/spaces";
import { Rng } from "../random/rng";
import { goalTerms, type GoalTerms } from "./goal-terms";

/**
 * An env the planner can search: a PerspectiveEnv with Discrete actions whose belief tracker is
 * on (built-in worlds made with `beliefs: "track"`, the default).
 *
 * ```ts
 * const env: PlanningEnv = new MultiAgentBoxWorld({ gridSize: 6 });
 * ```
 */
export interface PlanningEnv extends PerspectiveEnv<unknown, number> {
  /** The tracker fed with the episode's events (the env made with beliefs "track"). */
  getTracker(): BeliefTracker;
}

/**
 * How another agent acts while the planning agent searches: "noop" (action 0: stay / wait in
 * the built-in worlds), "random" (seeded), "expert" (the world's scripted policy) or a
 * function of the env, the agent, a seeded generator and the step index.
 *
 * ```ts
 * const leaveFirst: EnvOtherPolicy = (env, agent, rng, t) => (t === 0 ? 2 : 0);
 * ```
 */
export type EnvOtherPolicy =
  | "noop"
  | "random"
  | "expert"
  | ((env: PlanningEnv, agent: AgentId, rng: Rng, t: number) => number);

/**
 * One step of an env plan as plain data: the joint action, the true value of every fluent, what
 * each agent believes of each (its value when it is sure, "unknown" otherwise), the goal's
 * top-level conjuncts and whether each holds, and the rewards of the step.
 *
 * ```ts
 * r.beliefTrajectory[2].beliefs.sally["at(marble)"]; // "basket": she did not see the move
 * ```
 */
export interface EnvBeliefStep {
  /** 0 for the reset, then 1, 2, ... */
  step: number;
  /** The planning agent's action (its name); null at the reset. */
  action: string | null;
  /** Every live agent's action of the step; null at the reset. */
  joint: Record<AgentId, number> | null;
  /** The true value of every fluent. */
  world: Record<Fluent, Value>;
  /** Per agent, per fluent: the value it is sure of, or "unknown". */
  beliefs: Record<AgentId, Record<Fluent, Value | "unknown">>;
  /** Each top-level goal conjunct, as text, and whether it holds here. */
  goals: { formula: string; holds: boolean }[];
  /** Each agent's reward for the step (empty at the reset). */
  rewards: Record<AgentId, number>;
}

/** What a replay is built from (the env planner's options without the search settings). */
export interface ReplayOptions {
  /** The env searched; the planner resets and steps it (use one you are not playing in). */
  env: PlanningEnv;
  /** The planning agent (default the env's first agent). */
  agent?: AgentId;
  /** The goal, in the formula language of `pwmk/epistemic` (`B`, `C`, `!`, `&`, `|`). */
  goal: string | Formula;
  /** The others' policy: one for all or per agent (missing ones "noop"). Default "noop". */
  others?: EnvOtherPolicy | Record<AgentId, EnvOtherPolicy>;
  /** The reset seed of every replay (default 0). */
  seed?: number;
  /** World options passed to every reset. */
  resetOptions?: Record<string, unknown>;
  /** The planning agent's actions to consider (default all of its Discrete space). */
  actions?: readonly number[];
}

/** Everything a replay needs; built once per plan() or validatePlan(). */
export interface Replayer {
  env: PlanningEnv;
  agent: AgentId;
  seed: number;
  names: string[];
  choices: number[];
  goal: GoalTerms;
  chains: AgentId[][];
  fluents: Fluent[];
  /** Resets the env and plays `path`; false when the planning agent was done before its end. */
  replay(
    path: readonly number[],
    onStep?: (joint: Record<AgentId, number>, r: Record<AgentId, number>) => void
  ): boolean;
  calls: number;
}

/**
 * Checks the options (agent, actions, others, goal against the env's fluents, agents, domains
 * and tracked depth; errors name the problem) and builds the replayer.
 */
export function replayer(options: ReplayOptions): Replayer {
  if (!options || typeof options !== "object")
    throw new TypeError("plan() takes an options object");
  const env = options.env;
  if (!env || typeof env.reset !== "function" || typeof env.step !== "function") {
    throw new TypeError(
      "plan({ env }) needs a PerspectiveEnv (reset, step) with its belief tracker on"
    );
  }
  if (typeof env.getTracker !== "function") {
    throw new TypeError(
      `plan({ env }): ${env.name} has no getTracker(); planning reads the env's belief tracker`
    );
  }
  const agent = options.agent ?? env.possibleAgents[0];
  if (!env.possibleAgents.includes(agent)) {
    throw new RangeError(
      `unknown agent ${JSON.stringify(agent)}; agents: ${env.possibleAgents.join(", ")}`
    );
  }
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a non-negative integer (got ${String(seed)})`);
  const space = env.actionSpace(agent);
  if (!(space instanceof Discrete) || space.start !== 0) {
    throw new RangeError(`plan({ env }): ${agent} needs a Discrete(n) action space starting at 0`);
  }
  const names = actionNames(env, space.n);
  const choices = options.actions ? [...options.actions] : names.map((_, i) => i);
  for (const a of choices) {
    if (!Number.isInteger(a) || a < 0 || a >= space.n)
      throw new RangeError(
        `actions: ${String(a)} is not an action of ${agent} (0 .. ${space.n - 1})`
      );
  }
  const policies = otherPolicies(env, agent, options.others);
  const goal = goalTerms(options.goal);
  env.reset({ seed, ...(options.resetOptions ? { options: options.resetOptions } : {}) });
  let tracker: BeliefTracker;
  try {
    tracker = env.getTracker();
  } catch (e) {
    throw new RangeError(`plan({ env }) needs the env's belief tracker: ${(e as Error).message}`);
  }
  if (typeof tracker.ask !== "function")
    throw new TypeError(`plan({ env }): ${env.name}'s tracker cannot evaluate formulas (no ask)`);
  const init = env.getTrackerInit()!;
  checkGoal(goal, init.agents, init.world, init.domains ?? {}, init.maxDepth ?? 2);
  const fluents = Object.keys(init.world);
  const sizes = new Map(
    env.possibleAgents.map((a) => [a, (env.actionSpace(a) as Discrete).n] as const)
  );
  const r: Replayer = {
    env,
    agent,
    seed,
    names,
    choices,
    goal,
    fluents,
    chains: [[], ...chainsUpTo(init.agents, Math.min(init.maxDepth ?? 2, 3))],
    calls: 0,
    replay(path, onStep) {
      env.reset({ seed, ...(options.resetOptions ? { options: options.resetOptions } : {}) });
      const rng = new Rng(seed + 0x9e37);
      for (let t = 0; t < path.length; t++) {
        if (!env.agents.includes(agent)) return false;
        const joint: Record<AgentId, number> = {};
        for (const a of env.agents) {
          if (a === agent) joint[a] = path[t];
          else {
            const p = policies.get(a) ?? "noop";
            joint[a] =
              p === "noop"
                ? 0
                : p === "random"
                  ? rng.int(sizes.get(a)!)
                  : p === "expert"
                    ? env.expertAction(a)
                    : p(env, a, rng, t);
          }
        }
        const result = env.step(joint);
        r.calls++;
        onStep?.(joint, result.rewards);
      }
      return true;
    }
  };
  return r;
}

function actionNames(env: PlanningEnv, n: number): string[] {
  const own = (env as { actionNames?: unknown }).actionNames;
  if (Array.isArray(own) && own.length === n && own.every((x) => typeof x === "string"))
    return [...own];
  if (env instanceof GridWorld && n === MOVE_NAMES.length) return [...MOVE_NAMES];
  return Array.from({ length: n }, (_, i) => String(i));
}

function otherPolicies(
  env: PlanningEnv,
  agent: AgentId,
  others: ReplayOptions["others"]
): Map<AgentId, EnvOtherPolicy> {
  const ok = (p: unknown) =>
    p === "noop" || p === "random" || p === "expert" || typeof p === "function";
  const out = new Map<AgentId, EnvOtherPolicy>();
  if (typeof others === "object" && others !== null) {
    for (const [a, p] of Object.entries(others)) {
      if (!env.possibleAgents.includes(a))
        throw new RangeError(
          `others: unknown agent ${JSON.stringify(a)}; agents: ${env.possibleAgents.join(", ")}`
        );
      if (a === agent) throw new RangeError(`others: ${a} is the planning agent`);
      if (!ok(p))
        throw new RangeError(
          `others.${a} must be "noop", "random", "expert" or a function, got ${JSON.stringify(p)}`
        );
      out.set(a, p);
    }
  } else if (others !== undefined) {
    if (!ok(others))
      throw new RangeError(
        `others must be "noop", "random", "expert", a function or a record per agent, got ${JSON.stringify(others)}`
      );
    for (const a of env.possibleAgents) if (a !== agent) out.set(a, others);
  }
  return out;
}

function checkGoal(
  goal: GoalTerms,
  agents: readonly AgentId[],
  world: Record<Fluent, Value>,
  domains: Record<Fluent, Value[]>,
  maxDepth: number
): void {
  for (const a of goal.agents) {
    if (!agents.includes(a))
      throw new RangeError(
        `the goal names unknown agent ${JSON.stringify(a)}; agents: ${agents.join(", ")}`
      );
  }
  for (const { fluent, value } of goal.atoms) {
    if (!(fluent in world)) {
      throw new RangeError(
        `the goal names unknown fluent ${JSON.stringify(fluent)}; fluents: ${Object.keys(world).join(", ")}`
      );
    }
    const domain = domains[fluent];
    if (domain && !domain.some((v) => String(v) === String(value))) {
      const shown = domain.slice(0, 6).map(String).join(", ");
      throw new RangeError(
        `the goal's value ${JSON.stringify(value)} is not a possible value of ${fluent} (${shown}${domain.length > 6 ? ", ..." : ""})`
      );
    }
  }
  if (goal.depth > maxDepth) {
    throw new RangeError(
      `the goal nests beliefs ${goal.depth} deep; the env tracks ${maxDepth} (raise its beliefDepth)`
    );
  }
}

/** A state's key: the live agents, every fluent's true value and every tracked belief (sorted). */
export function stateKey(r: Replayer, tracker: BeliefTracker): string {
  const parts: string[] = [r.env.agents.join(",")];
  for (const chain of r.chains) {
    for (const f of r.fluents) {
      const v = tracker.believedValues(chain, f).map(String);
      parts.push(v.length === 1 ? v[0] : v.sort().join("|"));
    }
  }
  return parts.join(";");
}

/** Replays `path`, recording an EnvBeliefStep per step; `ended` is where the agent's episode ended. */
export function trajectoryOf(
  r: Replayer,
  path: readonly number[]
): { steps: EnvBeliefStep[]; ended: number } {
  const steps: EnvBeliefStep[] = [];
  const record = (
    action: string | null,
    joint: Record<AgentId, number> | null,
    rewards: Record<AgentId, number>
  ) => {
    const tracker = r.env.getTracker();
    const world: Record<Fluent, Value> = {};
    for (const f of r.fluents) world[f] = tracker.believedValues([], f)[0];
    const beliefs: EnvBeliefStep["beliefs"] = {};
    for (const a of r.env.possibleAgents) {
      const row: Record<Fluent, Value | "unknown"> = {};
      for (const f of r.fluents) {
        const v = tracker.believedValues([a], f);
        row[f] = v.length === 1 ? v[0] : "unknown";
      }
      beliefs[a] = row;
    }
    const goals = r.goal.conjuncts.map((c) => ({
      formula: formulaToString(c),
      holds: tracker.ask!(c) === "yes"
    }));
    steps.push({ step: steps.length, action, joint, world, beliefs, goals, rewards });
  };
  let ended = path.length;
  let k = 0;
  r.replay([]);
  record(null, null, {});
  const ok = r.replay(path, (joint, rewards) => {
    record(r.names[path[k]], { ...joint }, { ...rewards });
    k++;
  });
  if (!ok) ended = k;
  return { steps, ended };
}
