/**
 * The one epistemic event model of PWMK. Environments emit these events, the belief trackers
 * apply them, and the planner progresses states with them. Events are plain JSON data so they can
 * be stored in datasets and replayed.
 *
 * World state is a set of fluents, each with one value. A fluent is written in Prolog syntax
 * without its value, e.g. `at(marble)`; its value is appended as the last argument when it is
 * stored as a fact, so `at(marble)` = `basket` becomes `at(marble, basket)`.
 *
 * ```ts
 * const move: OnticEvent = {
 *   kind: "ontic",
 *   actor: "anne",
 *   effects: { "at(marble)": "box" },
 *   observers: { anne: "full" } // sally is absent, hence oblivious
 * };
 * ```
 */

/**
 * An agent's name.
 *
 * ```ts
 * const chain: AgentId[] = ["anne", "sally"]; // what anne thinks sally thinks
 * ```
 */
export type AgentId = string;

/**
 * A fluent without its value, in Prolog syntax.
 *
 * ```ts
 * const marble: Fluent = "at(marble)"; // or a proposition such as "door_open"
 * ```
 */
export type Fluent = string;

/**
 * A fluent's value: an atom (string), a number or a boolean.
 *
 * ```ts
 * const world: Record<Fluent, Value> = { "at(marble)": "basket", door_open: false, "count(coins)": 3 };
 * ```
 */
export type Value = string | number | boolean;

/**
 * How an agent perceives an event:
 * - `full`: sees that it happened and its outcome (the new values, the sensed value, the claim);
 * - `partial`: knows that it happened, but not the outcome;
 * - `oblivious`: believes nothing happened.
 */
export type Observability = "full" | "partial" | "oblivious";

/** Per-agent observability, resolved for the state the event happens in. Unlisted agents are oblivious. */
export type Observers = Record<AgentId, Observability>;

interface EventBase {
  /** Optional label for explanations and replays, e.g. "anne moves the marble to the box". */
  label?: string;
  /** Optional time step at which the event happened. */
  t?: number;
}

/** The world changes: each fluent in `effects` takes its new value. */
export interface OnticEvent extends EventBase {
  /** Tells the event kinds apart. */
  kind: "ontic";
  /** The agent that caused the change, if any. */
  actor?: AgentId;
  /** The new value of each fluent that changes; the other fluents keep theirs. */
  effects: Record<Fluent, Value>;
  /** Who sees the change (full), notices that something changed (partial), or neither. */
  observers: Observers;
}

/** Agents learn the current value of fluents (they look, they peek). The world does not change. */
export interface SensingEvent extends EventBase {
  /** Tells the event kinds apart. */
  kind: "sensing";
  /** The fluents whose current values are sensed. */
  fluents: Fluent[];
  /** Who learns the values (full), who knows they were sensed but not what (partial). */
  observers: Observers;
  /**
   * Optional: the values the full observers sensed. Trackers read the world instead; an agent
   * that replays only the events it witnessed uses them to keep its own copy of the world right.
   */
  values?: Record<Fluent, Value>;
}

/**
 * A statement is made. Full observers hear the claim; partial observers know something was said
 * but not what; oblivious agents know nothing of it. A listener adopts the claim only if it
 * trusts the speaker (`trust[listener]`, default true); the speaker's own beliefs never change
 * by its own claim. A claim that differs from the speaker's belief is a lie and is tracked.
 */
export interface AnnouncementEvent extends EventBase {
  /** Tells the event kinds apart. */
  kind: "announcement";
  /**
   * Who makes the claim (a full observer of it, whose own beliefs it leaves as they were);
   * absent: the claim comes from no agent, so there is no speaker to have lied.
   */
  speaker?: AgentId;
  /** The claim: a fluent and the value claimed for it. */
  claim: {
    /** The fluent the claim is about. */
    fluent: Fluent;
    /** The value claimed for it (true or not). */
    value: Value;
  };
  /** Who hears the claim (full), who knows something was said (partial). */
  observers: Observers;
  /** Per-listener trust in the speaker; missing means trusting. */
  trust?: Record<AgentId, boolean>;
  /**
   * Whether everyone who heard the claim, the speaker included, knows which listeners trusted it
   * (true: trust follows from facts they all know, e.g. a fixed policy). Default false: each
   * listener's trust is its own; other listeners assume it kept its belief, and the speaker
   * assumes every listener believed it.
   */
  trustKnown?: boolean;
}

/**
 * A look that finds nothing: full observers learn that `fluent` has none of `values` (the
 * object is in none of the containers they looked into), which must be true. An observer drops
 * those values from what it considers possible; one that was sure of them now considers every
 * other value of the domain. What it thinks the other full observers concluded is coarser:
 * whoever it thought might have believed one of them now considers every other value. Partial
 * observers know that the full observers looked (and would have seen the object had it been
 * there), not what they found; oblivious agents notice nothing.
 *
 * ```ts
 * const raid: NegativeObservationEvent = {
 *   kind: "negative",
 *   fluent: "at(treasure)",
 *   values: ["cache_2"],
 *   observers: { thief: "full" }
 * };
 * ```
 */
export interface NegativeObservationEvent extends EventBase {
  /** Tells the event kinds apart. */
  kind: "negative";
  /** The fluent looked for, e.g. `at(treasure)`. */
  fluent: Fluent;
  /** The values the observers find the fluent does not have (non-empty). */
  values: Value[];
  /** Who looked (full), who knows they looked (partial). */
  observers: Observers;
}

/**
 * Any event of the one event model: the world changes, agents sense, a claim is made, or a look
 * finds nothing. Trackers, worlds and stories all speak it.
 *
 * ```ts
 * const move: EpistemicEvent = {
 *   kind: "ontic",
 *   effects: { "at(marble)": "box" },
 *   observers: { anne: "full" } // sally is out: oblivious
 * };
 * tracker.apply(move);
 * ```
 */
export type EpistemicEvent =
  OnticEvent | SensingEvent | AnnouncementEvent | NegativeObservationEvent;

/**
 * What every agent believes, and believes others believe, as plain data.
 * `perspectives["sally/anne"]["at(marble)"]` lists the values that sally thinks anne considers
 * possible for `at(marble)`: one value is a definite belief, several mean uncertainty, a missing
 * fluent means no belief at all (unknown).
 */
export interface BeliefGroundTruth {
  /** The agents whose chains are keys of `perspectives`. */
  agents: AgentId[];
  /** Longest agent chain included. */
  depth: number;
  /** Per chain key (`chainKey`, e.g. "sally/anne"), per fluent, the values considered possible. */
  perspectives: Record<string, Record<Fluent, Value[]>>;
}

/** The key of an agent chain in BeliefGroundTruth.perspectives: agents joined by "/". */
export function chainKey(chain: readonly AgentId[]): string {
  return chain.join("/");
}

/**
 * Every agent chain of length 1 to `depth` with no agent directly nested in itself, in
 * depth-first order: `chainsUpTo(["a", "b"], 2)` gives a, a/b, b, b/a.
 */
export function chainsUpTo(agents: readonly AgentId[], depth: number): AgentId[][] {
  const out: AgentId[][] = [];
  const grow = (chain: AgentId[]) => {
    out.push(chain);
    if (chain.length === depth) return;
    for (const a of agents) if (a !== chain[chain.length - 1]) grow([...chain, a]);
  };
  for (const a of agents) grow([a]);
  return out;
}
