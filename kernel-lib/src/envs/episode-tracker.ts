/**
 * The belief-tracker handling every world shares: the belief mode and depth (validated), the
 * tracker of the current episode (started from the world's initial state, with the events the
 * layout buffered replayed into it), and the one error a caller gets when there is none. Used by
 * `EpisodeEnv`; internal to `envs/`.
 *
 * ```ts
 * const beliefs = new EpisodeTracker(() => "MyWorld", { beliefs: "track" }, 2);
 * beliefs.start(init, bufferedEvents);
 * beliefs.apply(event);
 * beliefs.require(true).groundTruth(2);
 * ```
 */
import type { AgentId, BeliefGroundTruth, EpistemicEvent } from "../epistemic/events";
import type { BeliefTracker, TrackerInit } from "../epistemic/tracker";
import { BeliefMode, EnvError } from "./env";
import { defaultTrackerFactory, TrackerFactory } from "./tracking";

/**
 * The belief options a world accepts.
 *
 * ```ts
 * const options: TrackerOptions = { beliefs: "events", beliefDepth: 3 };
 * ```
 */
export interface TrackerOptions {
  /** "track": events and a belief tracker; "events": events only; "off": neither. */
  beliefs?: BeliefMode;
  /** Longest agent chain the tracker keeps. */
  beliefDepth?: number;
  /** Builds the belief tracker (default: the epistemic ChainTracker). */
  trackerFactory?: TrackerFactory;
}

/**
 * One env's tracker handling (see the module comment).
 *
 * ```ts
 * if (beliefs.mode !== "off") beliefs.start(init, events);
 * ```
 */
export class EpisodeTracker {
  readonly mode: BeliefMode;
  readonly depth: number;
  private readonly factory: TrackerFactory;
  private tracker: BeliefTracker | undefined;
  private init: TrackerInit | undefined;

  constructor(
    /** The env's name (read late: a subclass sets it after the base constructor). */
    private readonly envName: () => string,
    options: TrackerOptions,
    defaultDepth: number
  ) {
    this.mode = options.beliefs ?? "track";
    if (!["track", "events", "off"].includes(this.mode)) {
      throw new EnvError(
        `beliefs must be "track", "events" or "off", got ${JSON.stringify(options.beliefs)}`
      );
    }
    this.depth = options.beliefDepth ?? defaultDepth;
    if (!Number.isInteger(this.depth) || this.depth < 1 || this.depth > 12) {
      throw new EnvError(
        `beliefDepth must be an integer from 1 to 12, got ${JSON.stringify(options.beliefDepth)}`
      );
    }
    this.factory = options.trackerFactory ?? defaultTrackerFactory;
  }

  /** The tracker's start for the current episode, once started. */
  get initial(): TrackerInit | undefined {
    return this.init;
  }

  /** Forgets the episode's tracker (a reset, or close). */
  clear(): void {
    this.tracker = undefined;
    this.init = undefined;
  }

  /**
   * Starts the episode's tracker from `init` (with beliefs "track"; otherwise only `init` is kept)
   * and replays the events buffered before it. Those must not be ontic: the tracker starts from
   * the initial world, where such a change would count twice.
   */
  start(init: TrackerInit, buffered: readonly EpistemicEvent[]): void {
    for (const event of buffered) {
      if (event.kind === "ontic")
        throw new Error(`${this.envName()}: layout must not emit ontic events`);
    }
    this.init = init;
    if (this.mode !== "track") return;
    const tracker = this.factory(init);
    for (const event of buffered) tracker.apply(event);
    this.tracker = tracker;
  }

  /**
   * Starts the tracker from `init` (replaying `buffered`) and returns a view of it whose `apply`
   * calls `record` instead (which must apply the event through `apply`), for a simulator that
   * applies its own events.
   */
  view(
    init: TrackerInit,
    buffered: readonly EpistemicEvent[],
    record: (event: EpistemicEvent) => void
  ): BeliefTracker {
    if (this.mode !== "track") {
      throw new EnvError(`${this.envName()}: a tracker view needs beliefs: "track"`);
    }
    this.start(init, buffered);
    return new RecordingView(this.tracker!, record);
  }

  /** Feeds an event to the tracker, if there is one. */
  apply(event: EpistemicEvent): void {
    this.tracker?.apply(event);
  }

  /** The tracker, or an EnvError saying why there is none. */
  require(episodeStarted: boolean): BeliefTracker {
    if (this.mode !== "track") {
      throw new EnvError(
        `${this.envName()} was created with beliefs: "${this.mode}"; use beliefs: "track" for belief ground truth`
      );
    }
    if (!episodeStarted || !this.tracker) {
      throw new EnvError(`${this.envName()}: call reset() before asking for beliefs`);
    }
    return this.tracker;
  }
}

/** A tracker view whose `apply` records through the env (clones do not record). */
class RecordingView implements BeliefTracker {
  constructor(
    private readonly inner: BeliefTracker,
    private readonly record: (event: EpistemicEvent) => void
  ) {}
  get agents(): readonly AgentId[] {
    return this.inner.agents;
  }
  apply(event: EpistemicEvent): void {
    this.record(event);
  }
  believedValues(chain: readonly AgentId[], fluent: string) {
    return this.inner.believedValues(chain, fluent);
  }
  groundTruth(depth?: number): BeliefGroundTruth {
    return this.inner.groundTruth(depth);
  }
  clone(): BeliefTracker {
    return this.inner.clone();
  }
}
