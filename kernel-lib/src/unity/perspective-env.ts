/**
 * A Unity scene as a `PerspectiveEnv`, so collectors, world models, planners and viewers work on
 * it unchanged. Every agent of every behavior is one PerspectiveEnv agent, named like
 * `"GridWorld_team0_agent3"` (behavior "GridWorld?team=0", agent id 3). An agent's
 * observation is a record of its sensors (`{ CameraSensor: Float32Array, ... }`, channels first,
 * values in [0, 1] for cameras). An episode ends for an agent when Unity reports it done; the
 * PerspectiveEnv episode ends when every agent is done (Unity has already restarted them, and
 * they wait with zero actions until the next reset).
 *
 * Calls block: a worker thread runs the async `UnityEnvironment`. Unity seeds its random
 * generator only at launch, so `reset({ seed })` relaunches the player with that seed (unless it
 * was just launched with it); `reset()` without a seed starts new episodes in the running player.
 * Unity scenes report no epistemic events, so the belief ground truth is empty.
 *
 * ```ts
 * const env = new UnityPerspectiveEnv({ fileName: simulatedBuildPath(), basePort: 0 });
 * let { observations } = env.reset({ seed: 1 });
 * while (env.agents.length > 0)
 *   ({ observations } = env.step(Object.fromEntries(env.agents.map((a) => [a, env.actionSpace(a).sample()]))));
 * env.close();
 * ```
 */
import { Box, Dict, Discrete, MultiDiscrete, type Space } from "../envs/spaces";
import {
  checkActions,
  EnvError,
  type AgentInfo,
  type PerspectiveEnv,
  type RenderMode,
  type RenderOptions,
  type ResetOptions,
  type ResetResult,
  type RgbImage,
  type StepResult
} from "../envs/env";
import type { AgentId, BeliefGroundTruth, EpistemicEvent } from "../epistemic/events";
import { Rng } from "../random/rng";
import { checkActionTuple, type ActionBatch, type ActionTuple } from "./actions";
import type { UnityEnvironmentOptions } from "./environment";
import { renderViews, type AgentView } from "./perspective-render";
import type { BehaviorSpec } from "./steps";
import { UnitySyncClient, type SyncSnapshot } from "./sync-client";

/** One agent's observation: its sensors by name. */
export type UnityObservation = Record<string, Float32Array>;

/**
 * Options of `UnityPerspectiveEnv`: those of `UnityEnvironment.create` (without side channels,
 * which live in the worker) plus a name.
 *
 * ```ts
 * new UnityPerspectiveEnv({ fileName: "builds/GridWorld", noGraphics: true, name: "GridWorld" });
 * ```
 */
export type UnityPerspectiveOptions = Omit<UnityEnvironmentOptions, "sideChannels"> & {
  name?: string;
  /**
   * How `reset({ seed })` seeds the scene: "relaunch" (default) starts the player again with
   * that seed, which works with every build; `{ parameter: "seed" }` sends the seed as that
   * environment parameter with the RESET instead (fast; the scene must reseed its generator
   * from it in OnEpisodeBegin, as the simulated build does). Seeds must then be below 2^24.
   */
  reseed?: "relaunch" | { parameter: string };
};

interface Row {
  behavior: string;
  id: number;
}

/**
 * The PerspectiveEnv name of an agent: "GridWorld?team=0" agent 3 is "GridWorld_team0_agent3"
 * (letters, digits, "_", "-" and "." only, so names are safe in patterns, atoms and file names).
 */
export function unityAgentName(behavior: string, id: number): AgentId {
  const q = behavior.indexOf("?team=");
  const base = (q >= 0 ? behavior.slice(0, q) : behavior).replace(/[^A-Za-z0-9_.-]/g, "_");
  const team = q >= 0 ? `_team${behavior.slice(q + 6).replace(/[^A-Za-z0-9_.-]/g, "_")}` : "";
  return `${base}${team}_agent${id}`;
}

function actionSpaceOf(spec: BehaviorSpec): Space {
  const { continuousSize: c, discreteBranches: d } = spec.actionSpec;
  const continuous = c > 0 ? new Box(-1, 1, [c]) : undefined;
  const discrete =
    d.length === 1 ? new Discrete(d[0]) : d.length > 1 ? new MultiDiscrete(d) : undefined;
  if (continuous && discrete) return new Dict({ continuous, discrete });
  const only = continuous ?? discrete;
  if (!only) throw new EnvError(`${spec.name} has no actions`);
  return only;
}

function observationSpaceOf(spec: BehaviorSpec): Space {
  return new Dict(
    Object.fromEntries(
      spec.observationSpecs.map((o) => [
        o.name,
        o.shape.length === 3 ? new Box(0, 1, o.shape) : new Box(-Infinity, Infinity, o.shape)
      ])
    )
  );
}

/**
 * A Unity environment behind the PerspectiveEnv contract (see the module comment).
 *
 * ```ts
 * const env = new UnityPerspectiveEnv({ fileName: simulatedBuildPath(), basePort: 0, seed: 3 });
 * ```
 */
export class UnityPerspectiveEnv implements PerspectiveEnv<UnityObservation, unknown> {
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly possibleAgents: readonly AgentId[];
  readonly lastEvents: readonly EpistemicEvent[] = [];
  private live: AgentId[] = [];
  private readonly client = new UnitySyncClient();
  private snap: SyncSnapshot;
  private readonly specs: Record<string, BehaviorSpec>;
  private readonly actionSpaces = new Map<AgentId, Space>();
  private readonly observationSpaces = new Map<AgentId, Space>();
  private readonly rows = new Map<AgentId, Row>();
  private lastObs: Record<AgentId, UnityObservation> = {};
  private launchSeed: number;
  private fresh = true;
  private closed = false;
  private readonly rng = new Rng(0);
  private readonly timeoutMs: number;

  constructor(private readonly options: UnityPerspectiveOptions = {}) {
    if ((options as { sideChannels?: unknown }).sideChannels !== undefined)
      throw new EnvError(
        "UnityPerspectiveEnv takes no sideChannels (use UnityEnvironment for them)"
      );
    const r = options.reseed;
    if (
      r !== undefined &&
      r !== "relaunch" &&
      !(
        typeof r === "object" &&
        r !== null &&
        typeof r.parameter === "string" &&
        r.parameter !== ""
      )
    )
      throw new EnvError(
        `reseed must be "relaunch" or { parameter: "<name>" }, got ${JSON.stringify(r)}`
      );
    this.name = options.name ?? "UnityEnvironment";
    this.config = JSON.parse(JSON.stringify(options)) as Record<string, unknown>;
    this.launchSeed = options.seed ?? 0;
    this.timeoutMs =
      ((options.connectTimeout ?? options.timeoutWait ?? 60) + (options.timeoutWait ?? 60) + 30) *
      1000;
    this.snap = this.open();
    this.specs = this.snap.specs;
    const agents: AgentId[] = [];
    for (const [behavior, spec] of Object.entries(this.specs)) {
      const actions = actionSpaceOf(spec);
      const observations = observationSpaceOf(spec);
      for (const id of this.snap.steps[behavior][0].agentId) {
        const a = unityAgentName(behavior, id);
        if (this.rows.has(a)) throw new EnvError(`two Unity agents would both be named ${a}`);
        agents.push(a);
        this.rows.set(a, { behavior, id });
        this.actionSpaces.set(a, actions);
        this.observationSpaces.set(a, observations);
      }
    }
    if (agents.length === 0) {
      this.client.call({ op: "close" }, this.timeoutMs);
      this.client.terminate();
      throw new EnvError("the Unity environment has no agent asking for decisions after a reset");
    }
    this.possibleAgents = agents;
  }

  /** Launches the player with the current seed (and our options minus the name) and resets it. */
  private open(): SyncSnapshot {
    const unityOptions: Record<string, unknown> = { ...this.options, seed: this.launchSeed };
    delete unityOptions.name;
    delete unityOptions.reseed;
    const parameter = this.seedParameter;
    const parameters = parameter ? { [parameter]: this.launchSeed } : undefined;
    try {
      return this.client.call({ op: "open", options: unityOptions, parameters }, this.timeoutMs)!;
    } catch (e) {
      this.client.terminate();
      this.closed = true;
      throw e;
    }
  }

  private get seedParameter(): string | undefined {
    const r = this.options.reseed;
    return typeof r === "object" && r !== null ? r.parameter : undefined;
  }

  /** `pwmk.display(env)` shows what the agents see now (SVG) and a text summary. */
  toMimeBundle(): { "text/plain": string; "image/svg+xml": string } {
    return { "image/svg+xml": this.render("svg"), "text/plain": this.render("ansi") };
  }

  get agents(): readonly AgentId[] {
    return this.live;
  }

  /** The pid of the Unity player now running. */
  get playerPid(): number | undefined {
    return this.snap.playerPid;
  }

  private check(): void {
    if (this.closed) throw new EnvError(`${this.name} is closed`);
  }

  reset(options: ResetOptions = {}): ResetResult<UnityObservation> {
    this.check();
    const seed = options.seed;
    const parameter = this.seedParameter;
    if (seed !== undefined && !Number.isInteger(seed))
      throw new EnvError(`${this.name}.reset: seed must be an integer`);
    if (seed !== undefined && parameter && Math.abs(seed) >= 2 ** 24)
      throw new EnvError(
        `${this.name}.reset: a seed sent as a parameter must be below 2^24 (it travels as a float)`
      );
    if (seed !== undefined) this.rng.reseed(seed);
    if (seed !== undefined && !(this.fresh && seed === this.launchSeed)) {
      this.launchSeed = seed;
      if (parameter) {
        this.snap = this.client.call(
          { op: "reset", parameters: { [parameter]: seed } },
          this.timeoutMs
        )!;
      } else this.snap = this.open();
      this.checkSameAgents();
    } else if (!this.fresh) {
      this.snap = this.client.call({ op: "reset" }, this.timeoutMs)!;
      this.checkSameAgents();
    }
    this.fresh = false;
    this.live = [...this.possibleAgents];
    const observations: Record<AgentId, UnityObservation> = {};
    const infos: Record<AgentId, AgentInfo> = {};
    for (const a of this.live) {
      const found = this.find(a, "decision")!;
      observations[a] = found.obs;
      infos[a] = found.info;
    }
    this.lastObs = observations;
    return { observations, infos };
  }

  private checkSameAgents(): void {
    for (const a of this.possibleAgents)
      if (!this.find(a, "decision"))
        throw new EnvError(
          `${this.name}: agent ${a} did not come back after a reset; the scene changed its agents`
        );
  }

  /** The agent's row in this snapshot's decision or terminal steps, as observation + info. */
  private find(
    agent: AgentId,
    kind: "decision" | "terminal"
  ): { obs: UnityObservation; reward: number; info: AgentInfo; interrupted: boolean } | undefined {
    const { behavior, id } = this.rows.get(agent)!;
    const steps = this.snap.steps[behavior];
    if (!steps) return undefined;
    const batch = kind === "decision" ? steps[0] : steps[1];
    const row = batch.agentId.indexOf(id);
    if (row < 0) return undefined;
    const spec = this.specs[behavior];
    const obs: UnityObservation = {};
    spec.observationSpecs.forEach((os, k) => {
      const size = os.shape.reduce((x, y) => x * y, 1);
      // A fresh array of this realm (the batch came from the worker thread).
      obs[os.name] = new Float32Array(batch.obs[k].data.subarray(row * size, (row + 1) * size));
    });
    const info: AgentInfo = { events: [], behavior, agentId: id, groupId: batch.groupId[row] };
    if (kind === "decision") {
      const masks = (batch as SyncSnapshot["steps"][string][0]).actionMask;
      if (masks)
        info.actionMask = masks.flatMap((m) =>
          Array.from(m.data.subarray(row * m.shape[1], (row + 1) * m.shape[1]))
        );
    }
    const interrupted =
      kind === "terminal" ? (batch as SyncSnapshot["steps"][string][1]).interrupted[row] : false;
    return { obs, reward: batch.reward[row], info, interrupted };
  }

  step(actions: Record<AgentId, unknown>): StepResult<UnityObservation> {
    this.check();
    if (this.live.length === 0)
      throw new EnvError(`${this.name}.step: every agent is done; call reset()`);
    checkActions(
      this.name,
      this.live,
      (a) => this.rows.has(a),
      (a) => this.actionSpace(a),
      actions
    );
    const batches: Record<string, ActionBatch> = {};
    for (const [behavior, spec] of Object.entries(this.specs)) {
      const ids = this.snap.steps[behavior]?.[0].agentId ?? [];
      if (ids.length === 0) continue;
      const rows = ids.map((id) => {
        const a = unityAgentName(behavior, id);
        return this.live.includes(a)
          ? this.toTuple(spec, actions[a])
          : {
              continuous: new Array(spec.actionSpec.continuousSize).fill(0),
              discrete: new Array(spec.actionSpec.discreteBranches.length).fill(0)
            };
      });
      const { continuousSize, discreteBranches } = spec.actionSpec;
      batches[behavior] = checkActionTuple(behavior, spec.actionSpec, ids.length, {
        ...(continuousSize > 0 ? { continuous: rows.map((r) => r.continuous) } : {}),
        ...(discreteBranches.length > 0 ? { discrete: rows.map((r) => r.discrete) } : {})
      });
    }
    this.snap = this.client.call({ op: "step", actions: batches }, this.timeoutMs)!;
    const result: StepResult<UnityObservation> = {
      observations: {},
      rewards: {},
      terminations: {},
      truncations: {},
      infos: {}
    };
    const stillLive: AgentId[] = [];
    for (const a of this.live) {
      const ended = this.find(a, "terminal");
      const found = ended ?? this.find(a, "decision");
      if (!found) {
        this.close();
        throw new EnvError(
          `${this.name}: agent ${a} did not request a decision this step; the adapter needs every agent to decide every step (Decision Period 1)`
        );
      }
      result.observations[a] = found.obs;
      result.rewards[a] = found.reward;
      result.terminations[a] = !!ended && !found.interrupted;
      result.truncations[a] = !!ended && found.interrupted;
      result.infos[a] = ended ? { ...found.info, interrupted: found.interrupted } : found.info;
      if (!ended) stillLive.push(a);
    }
    this.live = stillLive;
    this.lastObs = { ...this.lastObs, ...result.observations };
    return result;
  }

  private toTuple(
    spec: BehaviorSpec,
    action: unknown
  ): { continuous: number[]; discrete: number[] } {
    const { continuousSize: c, discreteBranches: d } = spec.actionSpec;
    if (c > 0 && d.length > 0) {
      const a = action as { continuous: ArrayLike<number>; discrete: ArrayLike<number> };
      return { continuous: Array.from(a.continuous), discrete: Array.from(a.discrete) };
    }
    if (c > 0) return { continuous: Array.from(action as ArrayLike<number>), discrete: [] };
    return {
      continuous: [],
      discrete: d.length === 1 ? [action as number] : Array.from(action as ArrayLike<number>)
    };
  }

  observationSpace(agent: AgentId): Space<UnityObservation> {
    const s = this.observationSpaces.get(agent);
    if (!s) throw new EnvError(`${this.name}: unknown agent ${JSON.stringify(agent)}`);
    return s as Space<UnityObservation>;
  }

  actionSpace(agent: AgentId): Space {
    const s = this.actionSpaces.get(agent);
    if (!s) throw new EnvError(`${this.name}: unknown agent ${JSON.stringify(agent)}`);
    return s;
  }

  /** A random action among those the scene allows now (Unity scenes bring no scripted policy). */
  expertAction(agent: AgentId): unknown {
    const space = this.actionSpace(agent);
    const found = this.live.includes(agent) ? this.find(agent, "decision") : undefined;
    const mask = found?.info.actionMask as number[] | undefined;
    if (space instanceof Discrete && mask) {
      const allowed = Array.from({ length: space.n }, (_, i) => i).filter((i) => !mask[i]);
      if (allowed.length > 0) return allowed[this.rng.int(allowed.length)];
    }
    return space.sample(this.rng);
  }

  render(mode: "ansi" | "svg", options?: RenderOptions): string;
  render(mode: "rgb_array", options?: RenderOptions): RgbImage;
  render(mode: RenderMode, options?: RenderOptions): string | RgbImage;
  render(mode: RenderMode, options: RenderOptions = {}): string | RgbImage {
    this.check();
    const agents = options.agent ? [options.agent] : [...this.possibleAgents];
    for (const a of agents) this.observationSpace(a); // names an unknown agent
    const views: AgentView[] = agents.map((a) => ({
      agent: a,
      live: this.live.includes(a),
      observation: this.lastObs[a],
      specs: this.specs[this.rows.get(a)!.behavior].observationSpecs
    }));
    return renderViews(this.name, views, mode);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.client.call({ op: "close" }, this.timeoutMs);
    } finally {
      this.client.terminate();
    }
  }

  getBeliefGroundTruth(depth = 1): BeliefGroundTruth {
    return { agents: [...this.possibleAgents], depth, perspectives: {} };
  }

  getTrackerInit(): undefined {
    return undefined;
  }
}

export type { ActionTuple };
