/**
 * The vocabulary of room worlds: their spec, options and errors, the fluents they use, and the
 * check that turns a {@link RoomWorldSpec} into a layout (see rooms.ts for the world itself).
 *
 * ```ts
 * const spec: RoomWorldSpec = {
 *   agents: ["sally", "anne"],
 *   rooms: { room: ["basket", "box"] },
 *   objects: { marble: "basket" },
 *   agentRooms: { sally: "room", anne: "room" }
 * };
 * objectFluent("marble"); // "at(marble)"
 * ```
 */
import type { AgentId, EpistemicEvent, Fluent, Observers, Value } from "../epistemic/events";
import type { BeliefTracker, TrackerInit } from "../epistemic/tracker";

/**
 * Thrown when an operation does not fit the room world (state unchanged).
 *
 * ```ts
 * try { world.exit("bob"); } catch (e) { e instanceof RoomWorldError; } // unknown agent "bob"
 * ```
 */
export class RoomWorldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RoomWorldError";
  }
}

/**
 * Who trusts whom when a tell does not say:
 * - `"always"`: every listener trusts (default);
 * - `"never"`: no listener trusts;
 * - `"recency"`: a listener trusts a speaker who was in the object's room more recently than
 *   itself (Hi-ToM's "trust whoever exited later"); a listener never in that room trusts anyone
 *   who was; a listener that is there now trusts no one;
 * - a function deciding per tell.
 * Whatever the policy, a listener who sees the object's container, or sees that the claimed
 * container does not hold it, does not adopt a claim that contradicts what she sees.
 *
 * ```ts
 * new RoomWorld({ ...spec, trust: "recency" });
 * new RoomWorld({ ...spec, trust: (listener, speaker) => speaker !== "anne" });
 * ```
 */
export type TrustPolicy =
  | "always"
  | "never"
  | "recency"
  | ((listener: AgentId, speaker: AgentId, object: string, world: RoomView) => boolean);

/**
 * What a trust function may read of the world deciding it (a {@link RoomWorld} is one).
 *
 * ```ts
 * const trust: TrustPolicy = (listener, speaker, object, world) =>
 *   world.roomOf(listener) !== world.roomOfContainer(world.whereIs(object));
 * ```
 */
export interface RoomView {
  /** The story's agents. */
  readonly agents: readonly AgentId[];
  /** The tracker fed with the story's events: ask it what anyone believes. */
  readonly tracker: BeliefTracker;
  /** The container that really holds `object` now; throws RoomWorldError for an unknown one. */
  whereIs(object: string): string;
  /** The room `agent` is in, or undefined when it is outside every room. */
  roomOf(agent: AgentId): string | undefined;
  /** The room `container` stands in (containers never move). */
  roomOfContainer(container: string): string;
  /** The agents in `room` now, in story order. */
  occupants(room: string): AgentId[];
  /**
   * Where the last agent of `chain`, as seen through the ones before it, thinks `object` is
   * (`["anne", "sally"]`: where anne thinks sally thinks it is); several containers mean
   * uncertainty.
   */
  whereDoes(chain: readonly AgentId[], object: string): string[];
}

/**
 * The layout and starting state of a room world.
 *
 * ```ts
 * const spec: RoomWorldSpec = {
 *   agents: ["sally", "anne"],
 *   rooms: { room: ["basket", "box"] },
 *   objects: { marble: "basket" },
 *   agentRooms: { sally: "room", anne: "room" },
 *   trust: "recency"
 * };
 * ```
 */
export interface RoomWorldSpec {
  /** The agents of the story (names unique). */
  agents: AgentId[];
  /** Each room with its containers, e.g. `{ kitchen: ["basket", "box"] }`. */
  rooms: Record<string, string[]>;
  /** Where each object starts: object → container. */
  objects: Record<string, string>;
  /** Where each agent starts (a room); agents not listed start outside every room. */
  agentRooms?: Record<AgentId, string>;
  /** Containers whose contents are not visible without peeking. */
  closedContainers?: string[];
  /** Who trusts whom when a tell does not say (default "always"; see TrustPolicy). */
  trust?: TrustPolicy;
  /**
   * Whether everyone who hears a tell, the speaker included, knows which listeners trusted it.
   * Default: true for the policies "always", "never" and "recency" (trust then follows from
   * facts everyone knows; for "recency" this is Hi-ToM's stated assumption that the exit order
   * is known to all), false for a function policy. A tell can override it.
   */
  trustKnown?: boolean;
  /** Builds the tracker fed with the events (default: a ChainTracker). */
  trackerFactory?: (init: TrackerInit) => BeliefTracker;
  /** maxDepth passed in the TrackerInit (default: the tracker's own default). */
  maxDepth?: number;
}

/**
 * One operation of the story with the events it produced.
 *
 * ```ts
 * world.history().map((s) => s.text); // ["start", "sally exited the room.", ...]
 * ```
 */
export interface RoomStep {
  /** The operation's number: 0 for the start, then 1, 2, ... */
  t: number;
  /** The operation as an English sentence, e.g. "sally exited the room." */
  text: string;
  /** The events it produced, in order (what the tracker was fed). */
  events: EpistemicEvent[];
}

/**
 * Options of a tell.
 *
 * ```ts
 * world.tellPrivately("anne", "sally", "marble", "box", { trust: false }); // sally's own doubt
 * world.tellPublicly("anne", "marble", "box", { trust: { bob: false }, trustKnown: true });
 * ```
 */
export interface TellOptions {
  /** Per-listener trust for this tell (overrides the world's policy), or one value for all. */
  trust?: boolean | Record<AgentId, boolean>;
  /**
   * Whether everyone who hears it knows which listeners trusted. Default: false when `trust` is
   * given here (trust set for one tell is each listener's own affair), else the world's
   * `trustKnown`.
   */
  trustKnown?: boolean;
}

/**
 * The fluent naming where an object is.
 *
 * ```ts
 * objectFluent("marble"); // "at(marble)"
 * ```
 */
export const objectFluent = (object: string): Fluent => `at(${object})`;

/**
 * The fluent saying whether an agent is in a room.
 *
 * ```ts
 * presenceFluent("sally", "kitchen"); // "in(sally, kitchen)"
 * ```
 */
export const presenceFluent = (agent: AgentId, room: string): Fluent => `in(${agent}, ${room})`;

/** Every listed agent as a full observer. */
export function full(agents: readonly AgentId[]): Observers {
  const o: Observers = {};
  for (const a of agents) o[a] = "full";
  return o;
}

/** A checked spec: the layout as maps. */
export interface RoomLayout {
  agents: AgentId[];
  rooms: string[];
  containerRoom: Map<string, string>;
  closed: Set<string>;
  objectAt: Map<string, string>;
  agentRoom: Map<AgentId, string | undefined>;
  trust: TrustPolicy;
  trustKnown: boolean;
}

const NAME = /^[a-z][A-Za-z0-9_]*$/;
const POLICIES = ["always", "never", "recency"];

/** Checks a spec, naming the first problem (RoomWorldError), and returns its layout. */
export function checkRoomSpec(spec: RoomWorldSpec): RoomLayout {
  if (!spec || !Array.isArray(spec.agents) || spec.agents.length === 0) {
    throw new RoomWorldError("a room world needs a non-empty list of agents");
  }
  const names = new Set<string>();
  const checkName = (kind: string, n: string) => {
    if (typeof n !== "string" || !NAME.test(n)) {
      throw new RoomWorldError(
        `bad ${kind} name ${JSON.stringify(n)}: use a lower-case Prolog atom like "kitchen"`
      );
    }
    if (names.has(n)) throw new RoomWorldError(`the name "${n}" is used twice`);
    names.add(n);
  };
  spec.agents.forEach((a) => checkName("agent", a));
  const rooms = Object.keys(spec.rooms ?? {});
  if (rooms.length === 0) throw new RoomWorldError("a room world needs at least one room");
  const containerRoom = new Map<string, string>();
  for (const r of rooms) {
    checkName("room", r);
    if (!Array.isArray(spec.rooms[r])) {
      throw new RoomWorldError(
        `rooms.${r} must be a list of container names, e.g. ["basket", "box"] (got ${JSON.stringify(spec.rooms[r])})`
      );
    }
    for (const c of spec.rooms[r]) {
      checkName("container", c);
      containerRoom.set(c, r);
    }
  }
  const objectAt = new Map<string, string>();
  for (const [o, c] of Object.entries(spec.objects ?? {})) {
    checkName("object", o);
    if (!containerRoom.has(c))
      throw new RoomWorldError(`object "${o}" starts in unknown container "${c}"`);
    objectAt.set(o, c);
  }
  const closed = new Set(spec.closedContainers ?? []);
  for (const c of closed)
    if (!containerRoom.has(c)) throw new RoomWorldError(`unknown closed container "${c}"`);
  const agentRoom = new Map<AgentId, string | undefined>();
  for (const a of spec.agents) {
    const r = spec.agentRooms?.[a];
    if (r !== undefined && !rooms.includes(r))
      throw new RoomWorldError(`agent "${a}" starts in unknown room "${r}"`);
    agentRoom.set(a, r);
  }
  for (const a of Object.keys(spec.agentRooms ?? {})) {
    if (!spec.agents.includes(a)) throw new RoomWorldError(`agentRooms names unknown agent "${a}"`);
  }
  const trust = spec.trust ?? "always";
  if (typeof trust !== "function" && !POLICIES.includes(trust)) {
    throw new RoomWorldError(
      `unknown trust policy ${JSON.stringify(trust)} (use "always", "never", "recency" or a function)`
    );
  }
  if (spec.trustKnown !== undefined && typeof spec.trustKnown !== "boolean") {
    throw new RoomWorldError(
      `trustKnown must be true or false (got ${JSON.stringify(spec.trustKnown)})`
    );
  }
  return {
    agents: [...spec.agents],
    rooms,
    containerRoom,
    closed,
    objectAt,
    agentRoom,
    trust,
    trustKnown: spec.trustKnown ?? typeof trust !== "function"
  };
}

/**
 * The tracker's starting point for a layout: everyone knows the layout and where everyone starts
 * (presence fluents are common knowledge); where the objects are starts unknown, any container.
 */
export function roomTrackerInit(layout: RoomLayout, maxDepth: number | undefined): TrackerInit {
  const world: Record<Fluent, Value> = {};
  const domains: Record<Fluent, Value[]> = {};
  const containers = [...layout.containerRoom.keys()];
  for (const [o, c] of layout.objectAt) {
    world[objectFluent(o)] = c;
    domains[objectFluent(o)] = containers;
  }
  const commonKnowledge: Fluent[] = [];
  for (const a of layout.agents) {
    for (const r of layout.rooms) {
      const f = presenceFluent(a, r);
      world[f] = layout.agentRoom.get(a) === r;
      domains[f] = [false, true];
      commonKnowledge.push(f);
    }
  }
  return { agents: [...layout.agents], world, domains, commonKnowledge, maxDepth };
}

/** Checks the options of a tell to `listeners` (RoomWorldError naming the problem). */
export function checkTellOptions(options: TellOptions, listeners: readonly AgentId[]): void {
  const trust = options.trust;
  if (
    trust !== undefined &&
    typeof trust !== "boolean" &&
    (typeof trust !== "object" || trust === null || Array.isArray(trust))
  ) {
    throw new RoomWorldError(
      `trust must be true, false or a map from listener to true/false (got ${JSON.stringify(trust)})`
    );
  }
  if (trust !== undefined && typeof trust !== "boolean") {
    for (const a of Object.keys(trust)) {
      if (!listeners.includes(a))
        throw new RoomWorldError(`trust given for "${a}", who is not a listener of this tell`);
    }
  }
  if (options.trustKnown !== undefined && typeof options.trustKnown !== "boolean") {
    throw new RoomWorldError(
      `trustKnown must be true or false (got ${JSON.stringify(options.trustKnown)})`
    );
  }
}
