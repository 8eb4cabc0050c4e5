/**
 * The episode bookkeeping every world shares, as a base class: live agents, the step counter,
 * terminations and truncations at `maxSteps`, the per-episode generator (reseeded by
 * `reset({ seed })`), action checks before anything changes, a reset whose rejected layout leaves
 * no half-built episode, the belief tracker (created at reset, fed with every emitted event, asked
 * for the ground truth), per-agent infos, render dispatch, and one seeded action and observation
 * space per agent. A world supplies its layout, its step, observations, spaces, drawings and expert.
 * The grid worlds (through `GridWorld`) and `SallyAnneWorld` are built on it; so can yours (see
 * docs/environments.md, "Writing a custom environment").
 *
 * Space seeding: as in PettingZoo, `reset({ seed })` does not reseed the spaces (seed them with
 * `env.actionSpace(agent).seed(n)`). Until then each agent's spaces start from a seed derived from
 * the env's `seed` option, the agent's index and the kind of space, so runs replay without extra
 * calls and no two spaces of one env share a stream.
 *
 * ```ts
 * class Counter extends EpisodeEnv<number, number> { ... } // see docs/environments.md
 * ```
 */
import type { AgentId, BeliefGroundTruth, EpistemicEvent } from "../epistemic/events";
import type { BeliefTracker, TrackerInit } from "../epistemic/tracker";
import { EpisodeTracker, TrackerOptions } from "./episode-tracker";
import { Rng } from "../random/rng";
import {
  AgentInfo,
  BeliefMode,
  checkActions,
  EnvError,
  PerspectiveEnv,
  RenderMode,
  RenderOptions,
  ResetOptions,
  ResetResult,
  RgbImage,
  StepResult
} from "./env";
import { deriveSeed, SPACE_KIND } from "./seeding";
import type { Space } from "./spaces";

/**
 * Options the shared bookkeeping reads (every world accepts them, or fixes some).
 *
 * ```ts
 * new MyWorld({ maxSteps: 50, beliefs: "events", beliefDepth: 3, seed: 1 });
 * ```
 */
export interface EpisodeOptions extends TrackerOptions {
  /** Episode length: live agents are truncated after this many steps. */
  maxSteps?: number;
  /** Seed of the first reset when reset() is given none, and the root of the spaces' seeds. */
  seed?: number;
}

/**
 * The drawing of the current state in each render mode; `render` picks one by mode.
 *
 * ```ts
 * const drawing: Drawing = { ansi: () => "...", svg: () => "<svg/>", rgb_array: () => image };
 * ```
 */
export interface Drawing {
  /** The text view: one character per cell or thing, lines joined by "\n". */
  ansi(): string;
  /** A self-contained SVG document; every name placed in it must be XML-escaped. */
  svg(): string;
  /** The image view, `shape` = [height, width, 3]. */
  rgb_array(): RgbImage;
}

/**
 * What the bookkeeping defaults to when the options leave it open.
 *
 * ```ts
 * super(agents, options, { maxSteps: 100, beliefDepth: 2 });
 * ```
 */
export interface EpisodeDefaults {
  /** The world's episode length when `options.maxSteps` is absent. */
  maxSteps: number;
  /** The world's longest tracked agent chain when `options.beliefDepth` is absent. */
  beliefDepth: number;
}

const NO_EVENTS: EpistemicEvent[] = Object.freeze([]) as unknown as EpistemicEvent[];
const RENDER_MODES: readonly string[] = ["ansi", "rgb_array", "svg"];

/**
 * The base of every world (see the module comment for what it keeps).
 *
 * ```ts
 * const env: EpisodeEnv<unknown, number> = new MultiAgentBoxWorld();
 * env.reset({ seed: 0 });
 * env.time; // 0
 * ```
 */
export abstract class EpisodeEnv<Obs, Act> implements PerspectiveEnv<Obs, Act> {
  abstract readonly name: string;
  abstract readonly config: Readonly<Record<string, unknown>>;
  readonly possibleAgents: readonly AgentId[];
  /** The live agents. */
  agents: AgentId[] = [];
  lastEvents: EpistemicEvent[] = [];

  /** `possibleAgents.length`; agent indices run 0 .. numAgents - 1 in that order. */
  protected readonly numAgents: number;
  /** The env's generator: reseeded by `reset({ seed })`, continued by `reset()`. */
  protected readonly rng: Rng;
  /** Steps taken in this episode. */
  protected t = 0;
  /** Steps after which live agents are truncated (a positive integer). */
  protected readonly maxSteps: number;
  /** The bookkeeping in force: "track" (a tracker answers), "events" (events only) or "off". */
  protected readonly beliefs: BeliefMode;
  /** The longest agent chain the tracker keeps. */
  protected readonly beliefDepth: number;
  /** The `seed` option (default 0). */
  protected readonly baseSeed: number;

  private readonly agentIndex = new Map<AgentId, number>();
  private readonly tracking: EpisodeTracker;
  private readonly rewardBuf: Float64Array;
  private actionSpaces: Space<Act>[] | undefined;
  private observationSpaces: Space<Obs>[] | undefined;
  private closed = false;
  private started = false;

  protected constructor(
    agents: readonly AgentId[],
    options: EpisodeOptions,
    defaults: EpisodeDefaults
  ) {
    this.possibleAgents = [...agents];
    this.numAgents = agents.length;
    agents.forEach((a, i) => this.agentIndex.set(a, i));
    if (this.agentIndex.size !== agents.length) throw new EnvError("agent names must be unique");
    this.maxSteps = options.maxSteps ?? defaults.maxSteps;
    if (!Number.isInteger(this.maxSteps) || this.maxSteps < 1) {
      throw new EnvError(`maxSteps must be a positive integer, got ${String(options.maxSteps)}`);
    }
    this.tracking = new EpisodeTracker(() => this.name, options, defaults.beliefDepth);
    this.beliefs = this.tracking.mode;
    this.beliefDepth = this.tracking.depth;
    this.baseSeed = options.seed ?? 0;
    this.rng = new Rng(this.baseSeed);
    this.rewardBuf = new Float64Array(this.numAgents);
  }

  // ---- what a world supplies ---------------------------------------------------------------

  /**
   * Throws when the reset options cannot make an episode; called before reset changes anything,
   * so a rejected reset leaves the current episode as it was.
   */
  protected checkResetOptions(_options: Record<string, unknown>): void {}
  /**
   * Builds the episode's initial state from the env's generator. It may emit non-ontic events
   * (a private briefing): they are replayed into the tracker started after it. If it throws, the
   * env has no episode until the next successful reset.
   */
  protected abstract layout(rng: Rng, options: Record<string, unknown>): void;
  /**
   * The tracker's start for this episode (called after `layout` unless the world attached one
   * itself with `trackerView`); undefined when the world emits no events.
   */
  protected trackerInit(): TrackerInit | undefined {
    return undefined;
  }
  /** After the tracker is ready: the first look (e.g. views and the events of what is seen). */
  protected afterLayout(): void {}
  /**
   * Applies the validated actions of the live agents, emitting events and adding rewards into
   * `rewards` (by agent index); returns whether the episode is over for everyone (termination).
   */
  protected abstract advance(actions: Record<AgentId, Act>, rewards: Float64Array): boolean;
  /** What agent `agent` (an index) observes now. */
  protected abstract observe(agent: number): Obs;
  /** Adds world extras to the infos of a reset or step (e.g. why an action was rejected). */
  protected decorateInfos(_infos: Record<AgentId, AgentInfo>): void {}
  /** Agent `agent`'s action space (called once per agent; the base seeds it). */
  protected abstract createActionSpace(agent: number): Space<Act>;
  /** Agent `agent`'s observation space (called once per agent; the base seeds it). */
  protected abstract createObservationSpace(agent: number): Space<Obs>;
  /** The current state drawn for everyone (`viewer` undefined) or as agent `viewer` sees it. */
  protected abstract draw(viewer: number | undefined, title: string): Drawing;
  abstract expertAction(agent: AgentId): Act;

  // ---- the contract ------------------------------------------------------------------------

  actionSpace(agent: AgentId): Space<Act> {
    const a = this.agentIdx(agent);
    this.actionSpaces ??= this.makeSpaces(SPACE_KIND.action, (i) => this.createActionSpace(i));
    return this.actionSpaces[a];
  }

  observationSpace(agent: AgentId): Space<Obs> {
    const a = this.agentIdx(agent);
    this.observationSpaces ??= this.makeSpaces(SPACE_KIND.observation, (i) =>
      this.createObservationSpace(i)
    );
    return this.observationSpaces[a];
  }

  reset(options: ResetOptions = {}): ResetResult<Obs> {
    this.assertOpen();
    const worldOptions = options.options ?? {};
    this.checkResetOptions(worldOptions);
    if (options.seed !== undefined) this.rng.reseed(options.seed);
    this.t = 0;
    this.lastEvents = [];
    this.tracking.clear();
    try {
      this.layout(this.rng, worldOptions);
      if (this.beliefs !== "off" && this.tracking.initial === undefined) {
        const init = this.trackerInit();
        if (init) this.tracking.start(init, this.lastEvents);
      }
    } catch (err) {
      this.started = false;
      this.agents = [];
      this.tracking.clear();
      throw err;
    }
    this.started = true;
    this.agents = [...this.possibleAgents];
    this.afterLayout();
    const observations: Record<AgentId, Obs> = {};
    for (let a = 0; a < this.numAgents; a++) observations[this.possibleAgents[a]] = this.observe(a);
    return { observations, infos: this.buildInfos() };
  }

  step(actions: Record<AgentId, Act>): StepResult<Obs> {
    this.assertOpen();
    if (!this.started) throw new EnvError(`${this.name}: call reset() before step()`);
    if (this.agents.length === 0) {
      throw new EnvError(
        `${this.name}: the episode is over (every agent is terminated or truncated); call reset()`
      );
    }
    checkActions(
      this.name,
      this.agents,
      (a) => this.agentIndex.has(a),
      (a) => this.actionSpace(a),
      actions
    );
    const live = this.agents;
    this.lastEvents = [];
    this.t++;
    const rewards = this.rewardBuf;
    rewards.fill(0);
    const terminal = this.advance(actions, rewards);
    const truncated = !terminal && this.t >= this.maxSteps;
    const result: StepResult<Obs> = {
      observations: {},
      rewards: {},
      terminations: {},
      truncations: {},
      infos: this.buildInfos()
    };
    for (const agent of live) {
      const a = this.agentIndex.get(agent)!;
      result.observations[agent] = this.observe(a);
      result.rewards[agent] = rewards[a];
      result.terminations[agent] = terminal;
      result.truncations[agent] = truncated;
    }
    if (terminal || truncated) this.agents = [];
    return result;
  }

  render(mode: "ansi" | "svg", options?: RenderOptions): string;
  render(mode: "rgb_array", options?: RenderOptions): RgbImage;
  render(mode: RenderMode, options?: RenderOptions): string | RgbImage;
  render(mode: RenderMode = "ansi", options: RenderOptions = {}): string | RgbImage {
    this.assertOpen();
    if (!this.started) throw new EnvError(`${this.name}: call reset() before render()`);
    const viewer = options.agent === undefined ? undefined : this.agentIdx(options.agent);
    if (!RENDER_MODES.includes(mode)) {
      throw new EnvError(
        `unknown render mode ${JSON.stringify(mode)}; use "ansi", "rgb_array" or "svg"`
      );
    }
    const view = viewer === undefined ? "" : ` — view of ${this.possibleAgents[viewer]}`;
    return this.draw(viewer, `${this.name} t=${this.t}${view}`)[mode]();
  }

  close(): void {
    this.closed = true;
    this.agents = [];
    this.tracking.clear();
  }

  getBeliefGroundTruth(depth?: number): BeliefGroundTruth {
    return this.requireTracker().groundTruth(depth);
  }

  getTrackerInit(): TrackerInit | undefined {
    return this.tracking.initial;
  }

  /** The tracker fed with this episode's events (beliefs: "track" only), for questions. */
  getTracker(): BeliefTracker {
    return this.requireTracker();
  }

  /** The current time step. */
  get time(): number {
    return this.t;
  }

  /** Whether an episode has been laid out (a successful reset). */
  protected get hasEpisode(): boolean {
    return this.started;
  }

  // ---- helpers for worlds ------------------------------------------------------------------

  /** The index of `agent`; throws an EnvError naming the known agents. */
  protected agentIdx(agent: AgentId): number {
    const a = this.agentIndex.get(agent);
    if (a === undefined) {
      throw new EnvError(
        `unknown agent ${JSON.stringify(agent)}; agents: ${this.possibleAgents.join(", ")}`
      );
    }
    return a;
  }

  /** Whether events are being produced. */
  protected get eventsOn(): boolean {
    return this.beliefs !== "off";
  }

  /** Records an event of this reset or step (and feeds the tracker); nothing when beliefs are off. */
  protected emit(event: EpistemicEvent): void {
    if (this.beliefs === "off") return;
    this.tracking.apply(event); // first: an event the tracker refuses is not recorded
    this.lastEvents.push(event);
  }

  /**
   * For a world whose own simulator applies events to a tracker (as RoomWorld does): starts this
   * episode's tracker from `init` and returns a view of it whose `apply` goes through `emit`, so
   * the events land in `lastEvents` and infos. Call it during `layout`; it needs beliefs "track".
   */
  protected trackerView(init: TrackerInit): BeliefTracker {
    return this.tracking.view(init, this.lastEvents, (event) => this.emit(event));
  }

  // ---- internals ---------------------------------------------------------------------------

  private makeSpaces<S extends Space>(kind: number, make: (agent: number) => S): S[] {
    return this.possibleAgents.map((_, i) => {
      const space = make(i);
      space.seed(deriveSeed(this.baseSeed, kind, i));
      return space;
    });
  }

  /** Throws an EnvError once the env is closed. */
  protected assertOpen(): void {
    if (this.closed) throw new EnvError(`${this.name} is closed`);
  }

  private requireTracker(): BeliefTracker {
    this.assertOpen();
    return this.tracking.require(this.started);
  }

  private buildInfos(): Record<AgentId, AgentInfo> {
    const infos: Record<AgentId, AgentInfo> = {};
    if (this.beliefs === "off") {
      for (const agent of this.agents) infos[agent] = { events: NO_EVENTS };
    } else {
      for (const agent of this.agents) infos[agent] = { events: [] };
      for (const event of this.lastEvents) {
        for (const [agent, how] of Object.entries(event.observers)) {
          if (how !== "oblivious" && infos[agent]) infos[agent].events.push(event);
        }
      }
    }
    this.decorateInfos(infos);
    return infos;
  }
}
