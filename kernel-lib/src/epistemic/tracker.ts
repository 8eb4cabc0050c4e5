import type { AgentId, BeliefGroundTruth, EpistemicEvent, Fluent, Value } from "./events";

/**
 * How a tracker starts: the true world and what is common knowledge at the start.
 *
 * ```ts
 * const init: TrackerInit = {
 *   agents: ["sally", "anne"],
 *   world: { "at(marble)": "basket" },
 *   commonKnowledge: ["at(marble)"],
 *   domains: { "at(marble)": ["basket", "box"] }
 * };
 * new ChainTracker(init);
 * ```
 */
export interface TrackerInit {
  /** The agents whose beliefs are tracked (names unique). */
  agents: AgentId[];
  /** The true initial value of every fluent the world has. */
  world: Record<Fluent, Value>;
  /**
   * Fluents whose initial values every agent knows, and knows that every agent knows, to any
   * depth (e.g. the room layout). Fluents not listed start unknown to everyone.
   */
  commonKnowledge?: Fluent[];
  /**
   * The possible values of each fluent (needed for unknowns and partial observation). Required
   * for every fluent not in commonKnowledge; other fluents' domains grow with the values events use.
   */
  domains?: Record<Fluent, Value[]>;
  /** Longest agent chain tracked by representations that need a bound. */
  maxDepth?: number;
}

/**
 * A belief tracker applies epistemic events and answers what an agent chain believes.
 * Two representations implement it (possible worlds and perspective chains) and agree where
 * both apply. Every method throws a clear error on bad input and leaves the state unchanged.
 *
 * ```ts
 * const tracker: BeliefTracker = new KripkeTracker(init); // or new ChainTracker(init)
 * tracker.apply({ kind: "ontic", effects: { "at(marble)": "box" }, observers: { anne: "full" } });
 * tracker.believedValues(["sally"], "at(marble)"); // ["basket"]: sally did not see the move
 * tracker.believedValues(["anne", "sally"], "at(marble)"); // ["basket"]
 * ```
 */
export interface BeliefTracker {
  /** The agents whose beliefs are tracked, in the order of the init. */
  readonly agents: readonly AgentId[];
  /** Applies one event; throws (state unchanged) on unknown agents/fluents or impossible events. */
  apply(event: EpistemicEvent): void;
  /**
   * The values that the last agent of `chain`, as seen through the chain before it, considers
   * possible for `fluent`: `["sally","anne"]` asks what sally thinks anne thinks.
   * One value is a definite belief; several mean uncertainty. The empty chain asks the world.
   */
  believedValues(chain: readonly AgentId[], fluent: Fluent): Value[];
  /** Every perspective up to `depth` (default: the tracker's maxDepth, at most 2 if unbounded). */
  groundTruth(depth?: number): BeliefGroundTruth;
  /**
   * Optional: asks the perspective at the end of `chain` (default: the world) about a formula,
   * given as data or text: "yes", "no" or "unknown". Both built-in trackers implement it.
   */
  ask?(
    formula: import("./formula").Formula | string,
    chain?: readonly AgentId[]
  ): "yes" | "no" | "unknown";
  /**
   * Optional: the lies told so far (claims whose value the speaker did not consider possible).
   * Both built-in trackers implement it.
   */
  deceptions?(): import("./deception").DeceptionRecord[];
  /** An independent copy (for planning and what-if questions). */
  clone(): BeliefTracker;
}
