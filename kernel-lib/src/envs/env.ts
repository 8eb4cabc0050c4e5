/**
 * The PerspectiveEnv contract, modelled on PettingZoo's parallel API: all live agents act at once,
 * and every result is a record keyed by agent. On top of PettingZoo, an env reports the epistemic
 * events each agent witnessed (`infos[agent].events`, `env.lastEvents`) and the belief ground
 * truth computed from them (`getBeliefGroundTruth()`).
 *
 * ```ts
 * const env = new MultiAgentBoxWorld({ gridSize: 8, numAgents: 2, numBoxes: 2, viewRadius: 3 });
 * let { observations } = env.reset({ seed: 1 });
 * while (env.agents.length > 0) {
 *   const actions = Object.fromEntries(env.agents.map((a) => [a, env.actionSpace(a).sample()]));
 *   ({ observations } = env.step(actions));
 * }
 * ```
 */
import type { AgentId, BeliefGroundTruth, EpistemicEvent } from "../epistemic/events";
import type { TrackerInit } from "../epistemic/tracker";
import type { Space } from "./spaces";

/**
 * Per-agent information returned by `reset` and `step`.
 *
 * ```ts
 * const { events } = env.step(actions).infos.agent_0;
 * ```
 */
export interface AgentInfo {
  /** The epistemic events of this step that this agent witnessed (fully or partially). */
  events: EpistemicEvent[];
  /** World-specific extras, e.g. the agent's role. */
  [key: string]: unknown;
}

/**
 * What `reset` returns.
 *
 * ```ts
 * const { observations, infos } = env.reset({ seed: 0 });
 * ```
 */
export interface ResetResult<Obs> {
  /** Each agent's first observation, a member of its `observationSpace`. */
  observations: Record<AgentId, Obs>;
  /** Each agent's info: what it witnessed of the start (`events`) and world extras. */
  infos: Record<AgentId, AgentInfo>;
}

/**
 * What `step` returns: one entry per agent that was live when the step began.
 *
 * ```ts
 * const { rewards, terminations, truncations } = env.step(actions);
 * ```
 */
export interface StepResult<Obs> {
  /** Each agent's observation after the step. */
  observations: Record<AgentId, Obs>;
  /** The reward each agent got for this step (world-specific scale, see the world's docs). */
  rewards: Record<AgentId, number>;
  /** True for an agent whose episode ended in the world (goal reached, caught, ...). */
  terminations: Record<AgentId, boolean>;
  /** True for an agent cut off by a limit (`maxSteps`) rather than by the world. */
  truncations: Record<AgentId, boolean>;
  /** Each agent's info: the events it witnessed this step and world extras. */
  infos: Record<AgentId, AgentInfo>;
}

/**
 * Options of `reset`.
 *
 * ```ts
 * env.reset({ seed: 3, options: { map: rows } });
 * ```
 */
export interface ResetOptions {
  /** Seeds the env's generator; without it the env continues its current sequence. */
  seed?: number;
  /** World-specific options. */
  options?: Record<string, unknown>;
}

/**
 * Render modes: text, an RGB image, or a self-contained SVG document.
 *
 * ```ts
 * const mode: RenderMode = "svg";
 * ```
 */
export type RenderMode = "ansi" | "rgb_array" | "svg";

/**
 * An RGB image: row-major bytes, `shape` = [height, width, 3].
 *
 * ```ts
 * const { data, shape } = env.render("rgb_array");
 * ```
 */
export interface RgbImage {
  /** The pixels, row by row, 3 bytes (red, green, blue; 0-255) each. */
  data: Uint8Array;
  /** `[height, width, 3]`. */
  shape: [number, number, 3];
}

/**
 * Options of `render`: `agent` renders only what that agent sees now.
 *
 * ```ts
 * env.render("ansi", { agent: "agent_0" });
 * ```
 */
export interface RenderOptions {
  /** Draw only what this agent sees now (default: everything). */
  agent?: AgentId;
}

/**
 * How much epistemic bookkeeping an env does.
 *
 * ```ts
 * new HideAndSeek({ beliefs: "off" }); // fastest, no events
 * ```
 */
export type BeliefMode = "track" | "events" | "off";

/**
 * A partially observable multi-agent environment with epistemic ground truth.
 * `agents` lists the live agents; an agent leaves it when it is terminated or truncated, and
 * stepping when no agent is live throws.
 *
 * ```ts
 * const env: PerspectiveEnv = new SallyAnneWorld();
 * ```
 */
export interface PerspectiveEnv<Obs = unknown, Act = unknown> {
  /** The env's name, e.g. "MultiAgentBoxWorld". */
  readonly name: string;
  /** Every agent that can appear, in a fixed order. */
  readonly possibleAgents: readonly AgentId[];
  /** The agents still acting in the current episode. */
  readonly agents: readonly AgentId[];
  /** Starts an episode. */
  reset(options?: ResetOptions): ResetResult<Obs>;
  /** Advances one step; `actions` must hold one valid action for every live agent. */
  step(actions: Record<AgentId, Act>): StepResult<Obs>;
  /**
   * What `agent` observes: the space its observations are drawn from (the same object on every
   * call). Throws EnvError for an agent not in `possibleAgents`.
   */
  observationSpace(agent: AgentId): Space<Obs>;
  /**
   * The actions `agent` can take (the same object on every call; seed it with
   * `actionSpace(agent).seed(n)` for reproducible random actions). Throws EnvError for an agent
   * not in `possibleAgents`.
   */
  actionSpace(agent: AgentId): Space<Act>;
  /**
   * The current state as text ("ansi") or a self-contained SVG document ("svg"); with
   * `options.agent`, only what that agent sees now. Throws EnvError before `reset()`.
   */
  render(mode: "ansi" | "svg", options?: RenderOptions): string;
  /** The current state as an RGB image (`encodePng` turns it into PNG bytes). */
  render(mode: "rgb_array", options?: RenderOptions): RgbImage;
  /** The current state in `mode`; an unknown mode throws EnvError naming the three modes. */
  render(mode: RenderMode, options?: RenderOptions): string | RgbImage;
  /** Releases resources; the env cannot be used afterwards. */
  close(): void;
  /** What each agent believes, and believes others believe, from the events it witnessed. */
  getBeliefGroundTruth(depth?: number): BeliefGroundTruth;
  /**
   * How a tracker for the current episode starts (the initial world, common knowledge, domains),
   * so that the episode's events can be replayed; undefined when the env emits no events.
   */
  getTrackerInit(): TrackerInit | undefined;
  /** Every epistemic event of the last reset or step, in order. */
  readonly lastEvents: readonly EpistemicEvent[];
  /** A scripted policy that does better than random: the action for `agent` now. */
  expertAction(agent: AgentId): Act;
  /** JSON-safe constructor options, to rebuild the same env (stored in dataset headers). */
  readonly config: Readonly<Record<string, unknown>>;
}

/**
 * An error from an env, naming the problem (bad action, stepping a finished episode, ...).
 *
 * ```ts
 * try { env.step({}); } catch (e) { if (e instanceof EnvError) console.log(e.message); }
 * ```
 */
export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

/**
 * Checks a step's actions against the live agents and their action spaces; throws an EnvError
 * naming the agent and the problem. Used by every env before it changes anything.
 *
 * ```ts
 * checkActions(env.name, env.agents, (a) => env.possibleAgents.includes(a), (a) => env.actionSpace(a), actions);
 * ```
 */
export function checkActions(
  name: string,
  live: readonly AgentId[],
  known: (agent: string) => boolean,
  actionSpace: (agent: AgentId) => Space,
  actions: Record<AgentId, unknown>
): void {
  if (typeof actions !== "object" || actions === null) {
    throw new EnvError(`${name}.step needs an object of actions keyed by agent`);
  }
  for (const key of Object.keys(actions)) {
    if (!known(key)) throw new EnvError(`${name}.step: unknown agent ${JSON.stringify(key)}`);
    if (!live.includes(key))
      throw new EnvError(`${name}.step: agent ${key} is done and cannot act`);
  }
  for (const agent of live) {
    if (!(agent in actions)) throw new EnvError(`${name}.step: missing action for ${agent}`);
    const why = actionSpace(agent).explain(actions[agent]);
    if (why) throw new EnvError(`${name}.step: invalid action for ${agent}: ${why}`);
  }
}
