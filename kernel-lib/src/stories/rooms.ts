/**
 * Co-presence semantics for room worlds: a small scripted world of rooms, containers, objects
 * and agents, whose operations (enter, exit, move, peek, reveal, tell) become events of the one
 * event model with state-dependent observers, and feed a belief tracker.
 *
 * The conventions follow the false-belief story generators (ToMi, Hi-ToM):
 * - agents in a room witness everything that happens there (moves, arrivals, departures, peeks);
 *   an agent that has left sees nothing of what happens afterwards;
 * - an agent entering a room sees who is (and is not) there and where the objects in the room's
 *   open containers are, and everyone present sees it look;
 * - "The X is in the Y" ({@link RoomWorld.reveal}) is seen by everyone in X's room;
 * - a private tell is heard by the listener alone, a public one by every agent; a listener
 *   adopts a claim when it trusts the speaker, by default or by rule (Hi-ToM: trust whoever
 *   was in the object's room more recently); the speaker never changes its own belief and
 *   assumes it was believed; a trusting listener takes the speaker to be sincere; whether a
 *   listener trusted is its own affair unless `trustKnown` is set.
 *
 * Fluents: `at(object)` = its container; `in(agent, room)` = true/false.
 *
 * ```ts
 * const w = new RoomWorld({
 *   agents: ["sally", "anne"],
 *   rooms: { room: ["basket", "box"] },
 *   objects: { marble: "basket" },
 *   agentRooms: { sally: "room", anne: "room" }
 * });
 * w.exit("sally");
 * w.move("anne", "marble", "box");
 * w.whereDoes(["sally"], "marble");        // ["basket"]
 * w.whereDoes(["anne", "sally"], "marble"); // ["basket"]
 * w.enter("sally", "room");
 * w.whereDoes(["sally"], "marble");        // ["box"]
 * ```
 */
import type { AgentId, EpistemicEvent, Fluent, Observers, Value } from "../epistemic/events";
import { ChainTracker } from "../epistemic/chain-tracker";
import type { BeliefTracker, TrackerInit } from "../epistemic/tracker";

/** Thrown when an operation does not fit the room world (state unchanged). */
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
 */
export type TrustPolicy =
  | "always"
  | "never"
  | "recency"
  | ((listener: AgentId, speaker: AgentId, object: string, world: RoomWorld) => boolean);

/** The layout and starting state of a room world. */
export interface RoomWorldSpec {
  agents: AgentId[];
  /** Each room with its containers, e.g. `{ kitchen: ["basket", "box"] }`. */
  rooms: Record<string, string[]>;
  /** Where each object starts: object → container. */
  objects: Record<string, string>;
  /** Where each agent starts (a room); agents not listed start outside every room. */
  agentRooms?: Record<AgentId, string>;
  /** Containers whose contents are not visible without peeking. */
  closedContainers?: string[];
  trust?: TrustPolicy;
  /**
   * Whether listeners of a tell know which of them trusted it (default false, as in Hi-ToM:
   * each listener's trust is its own, and only the speaker assumes it was believed).
   */
  trustKnown?: boolean;
  /** Builds the tracker fed with the events (default: a ChainTracker). */
  trackerFactory?: (init: TrackerInit) => BeliefTracker;
  /** maxDepth passed in the TrackerInit (default: the tracker's own default). */
  maxDepth?: number;
}

/** One operation of the story with the events it produced. */
export interface RoomStep {
  t: number;
  text: string;
  events: EpistemicEvent[];
}

/** Options of a tell. */
export interface TellOptions {
  /** Per-listener trust for this tell (overrides the world's policy), or one value for all. */
  trust?: boolean | Record<AgentId, boolean>;
  /** Whether listeners know which of them trusted (default: the world's `trustKnown`). */
  trustKnown?: boolean;
}

/** The fluent naming where an object is. */
export const objectFluent = (object: string): Fluent => `at(${object})`;
/** The fluent saying whether an agent is in a room. */
export const presenceFluent = (agent: AgentId, room: string): Fluent => `in(${agent}, ${room})`;

const NAME = /^[a-z][A-Za-z0-9_]*$/;

/** A scripted room world that turns story operations into witnessed epistemic events. */
export class RoomWorld {
  readonly agents: readonly AgentId[];
  readonly rooms: readonly string[];
  readonly tracker: BeliefTracker;
  /** The TrackerInit the tracker was built from. */
  readonly trackerInit: TrackerInit;
  private readonly containerRoom = new Map<string, string>();
  private readonly closed: Set<string>;
  private readonly objectAt = new Map<string, string>();
  private readonly start = new Map<string, string>();
  private readonly agentRoom = new Map<AgentId, string | undefined>();
  /** lastIn[agent][room]: last step the agent was in the room (Infinity while there). */
  private readonly lastIn = new Map<string, number>();
  private readonly trust: TrustPolicy;
  private readonly trustKnown: boolean;
  private readonly log: RoomStep[] = [];
  private t = 0;

  constructor(spec: RoomWorldSpec) {
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
    for (const r of rooms) {
      checkName("room", r);
      if (!Array.isArray(spec.rooms[r])) {
        throw new RoomWorldError(
          `rooms.${r} must be a list of container names, e.g. ["basket", "box"] (got ${JSON.stringify(spec.rooms[r])})`
        );
      }
      for (const c of spec.rooms[r]) {
        checkName("container", c);
        this.containerRoom.set(c, r);
      }
    }
    for (const [o, c] of Object.entries(spec.objects ?? {})) {
      checkName("object", o);
      if (!this.containerRoom.has(c))
        throw new RoomWorldError(`object "${o}" starts in unknown container "${c}"`);
      this.objectAt.set(o, c);
      this.start.set(o, c);
    }
    this.closed = new Set(spec.closedContainers ?? []);
    for (const c of this.closed)
      if (!this.containerRoom.has(c)) throw new RoomWorldError(`unknown closed container "${c}"`);
    for (const a of spec.agents) {
      const r = spec.agentRooms?.[a];
      if (r !== undefined && !rooms.includes(r))
        throw new RoomWorldError(`agent "${a}" starts in unknown room "${r}"`);
      this.agentRoom.set(a, r);
      if (r) this.lastIn.set(`${a}|${r}`, Infinity);
    }
    for (const a of Object.keys(spec.agentRooms ?? {})) {
      if (!spec.agents.includes(a))
        throw new RoomWorldError(`agentRooms names unknown agent "${a}"`);
    }
    this.agents = [...spec.agents];
    this.rooms = rooms;
    const trust = spec.trust ?? "always";
    if (typeof trust !== "function" && !["always", "never", "recency"].includes(trust)) {
      throw new RoomWorldError(
        `unknown trust policy ${JSON.stringify(trust)} (use "always", "never", "recency" or a function)`
      );
    }
    this.trust = trust;
    this.trustKnown = spec.trustKnown ?? false;

    // Everyone knows the layout and where everyone starts; object locations start unknown.
    const world: Record<Fluent, Value> = {};
    const domains: Record<Fluent, Value[]> = {};
    const containers = [...this.containerRoom.keys()];
    for (const [o, c] of this.objectAt) {
      world[objectFluent(o)] = c;
      domains[objectFluent(o)] = containers;
    }
    const commonKnowledge: Fluent[] = [];
    for (const a of this.agents) {
      for (const r of rooms) {
        const f = presenceFluent(a, r);
        world[f] = this.agentRoom.get(a) === r;
        domains[f] = [false, true];
        commonKnowledge.push(f);
      }
    }
    this.trackerInit = {
      agents: [...this.agents],
      world,
      domains,
      commonKnowledge,
      maxDepth: spec.maxDepth
    };
    this.tracker = (spec.trackerFactory ?? ((init) => new ChainTracker(init)))(this.trackerInit);
    // Agents that start in a room see its visible objects.
    const initial: EpistemicEvent[] = [];
    for (const r of rooms) {
      const visible = this.visibleObjects(r);
      const present = this.occupants(r);
      if (visible.length > 0 && present.length > 0) {
        initial.push({
          kind: "sensing",
          fluents: visible.map(objectFluent),
          observers: full(present),
          label: `everyone in ${r} sees it`,
          t: 0
        });
      }
    }
    this.emit("start", initial);
  }

  /** Where the object really is. */
  whereIs(object: string): string {
    return this.containerOf(object);
  }

  /** Where the object was when the story started (ToMi's memory question). */
  startContainer(object: string): string {
    this.containerOf(object);
    return this.start.get(object)!;
  }

  /** The room an agent is in, or undefined when outside. */
  roomOf(agent: AgentId): string | undefined {
    this.checkAgent(agent);
    return this.agentRoom.get(agent);
  }

  /** The agents in a room now. */
  occupants(room: string): AgentId[] {
    return this.agents.filter((a) => this.agentRoom.get(a) === room);
  }

  /**
   * Where the last agent of the chain, as seen through the others, thinks the object is:
   * `whereDoes(["anne", "sally"], "marble")` asks where anne thinks sally thinks it is.
   * Several containers mean uncertainty.
   */
  whereDoes(chain: readonly AgentId[], object: string): string[] {
    this.containerOf(object);
    return this.tracker.believedValues(chain, objectFluent(object)) as string[];
  }

  /** Every operation so far with the events it produced. */
  history(): RoomStep[] {
    return this.log.map((s) => ({ ...s, events: [...s.events] }));
  }

  /** The agent walks into a room (leaving the one it was in, if any). */
  enter(agent: AgentId, room: string): this {
    this.checkAgent(agent);
    this.checkRoom(room);
    const from = this.agentRoom.get(agent);
    if (from === room) throw new RoomWorldError(`${agent} is already in ${room}`);
    const events: EpistemicEvent[] = [];
    if (from) events.push(this.departure(agent, from));
    const present = this.occupants(room);
    events.push({
      kind: "ontic",
      actor: agent,
      effects: { [presenceFluent(agent, room)]: true },
      observers: full([agent, ...present]),
      label: `${agent} enters ${room}`,
      t: this.t + 1
    });
    const witnesses = full([agent, ...present]);
    const others = this.agents.filter((a) => a !== agent).map((a) => presenceFluent(a, room));
    const visible = this.visibleObjects(room).map(objectFluent);
    // Nothing to see (a lone agent entering a room with no visible objects): no sensing event.
    if (others.length + visible.length > 0) {
      events.push({
        kind: "sensing",
        fluents: [...others, ...visible],
        observers: witnesses,
        label: `${agent} looks around ${room}`,
        t: this.t + 1
      });
    }
    return this.commit(`${agent} entered the ${room}.`, events, () => {
      if (from) this.lastIn.set(`${agent}|${from}`, this.t);
      this.agentRoom.set(agent, room);
      this.lastIn.set(`${agent}|${room}`, Infinity);
    });
  }

  /** The agent leaves its room (to outside every room). */
  exit(agent: AgentId): this {
    const from = this.requireInRoom(agent);
    return this.commit(`${agent} exited the ${from}.`, [this.departure(agent, from)], () => {
      this.agentRoom.set(agent, undefined);
      this.lastIn.set(`${agent}|${from}`, this.t);
    });
  }

  /** The agent moves an object within its room into a container. */
  move(agent: AgentId, object: string, container: string): this {
    const room = this.requireInRoom(agent);
    const at = this.containerOf(object);
    this.checkContainer(container);
    if (this.containerRoom.get(at) !== room) {
      throw new RoomWorldError(
        `${agent} cannot move the ${object}: it is in the ${at} in ${this.containerRoom.get(at)}, and ${agent} is in ${room}`
      );
    }
    if (this.containerRoom.get(container) !== room) {
      throw new RoomWorldError(
        `${agent} cannot move the ${object} to the ${container}: that is in ${this.containerRoom.get(container)}, not in ${room}`
      );
    }
    if (at === container) throw new RoomWorldError(`the ${object} is already in the ${container}`);
    const event: EpistemicEvent = {
      kind: "ontic",
      actor: agent,
      effects: { [objectFluent(object)]: container },
      observers: full(this.occupants(room)),
      label: `${agent} moves the ${object} to the ${container}`,
      t: this.t + 1
    };
    return this.commit(`${agent} moved the ${object} to the ${container}.`, [event], () =>
      this.objectAt.set(object, container)
    );
  }

  /** The agent looks into a container of its room: it sees what is inside; the others present see it look (and, if the container is open, see inside too). */
  peek(agent: AgentId, container: string): this {
    const room = this.requireInRoom(agent);
    this.checkContainer(container);
    if (this.containerRoom.get(container) !== room) {
      throw new RoomWorldError(
        `${agent} cannot look in the ${container}: it is in ${this.containerRoom.get(container)}, not in ${room}`
      );
    }
    const inside = [...this.objectAt]
      .filter(([, c]) => c === container)
      .map(([o]) => objectFluent(o));
    const others = this.occupants(room).filter((a) => a !== agent);
    const observers: Observers = { [agent]: "full" };
    for (const a of others) observers[a] = this.closed.has(container) ? "partial" : "full";
    const events: EpistemicEvent[] =
      inside.length > 0
        ? [
            {
              kind: "sensing",
              fluents: inside,
              observers,
              label: `${agent} looks in the ${container}`,
              t: this.t + 1
            }
          ]
        : [];
    return this.commit(`${agent} looked in the ${container}.`, events, () => undefined);
  }

  /** "The object is in the container": everyone in the object's room sees where it is. */
  reveal(object: string): this {
    const at = this.containerOf(object);
    const room = this.containerRoom.get(at)!;
    const present = this.occupants(room);
    const events: EpistemicEvent[] =
      present.length > 0
        ? [
            {
              kind: "sensing",
              fluents: [objectFluent(object)],
              observers: full(present),
              label: `the ${object} is in the ${at}`,
              t: this.t + 1
            }
          ]
        : [];
    return this.commit(`The ${object} is in the ${at}.`, events, () => undefined);
  }

  /** The speaker privately tells one listener that the object is in the container (true or not). */
  tellPrivately(
    speaker: AgentId,
    listener: AgentId,
    object: string,
    container: string,
    options: TellOptions = {}
  ): this {
    this.checkAgent(speaker);
    this.checkAgent(listener);
    if (speaker === listener) throw new RoomWorldError(`${speaker} cannot tell itself`);
    return this.tell(
      speaker,
      [listener],
      object,
      container,
      options,
      `${speaker} privately told ${listener} that the ${object} is in the ${container}.`
    );
  }

  /** The speaker publicly claims that the object is in the container: every agent hears it. */
  tellPublicly(
    speaker: AgentId,
    object: string,
    container: string,
    options: TellOptions = {}
  ): this {
    this.checkAgent(speaker);
    const listeners = this.agents.filter((a) => a !== speaker);
    return this.tell(
      speaker,
      listeners,
      object,
      container,
      options,
      `${speaker} publicly claimed that the ${object} is in the ${container}.`
    );
  }

  /** Whether `listener` trusts `speaker` about `object` under the world's policy. */
  trusts(listener: AgentId, speaker: AgentId, object: string): boolean {
    const policy = this.trust;
    if (policy === "always") return true;
    if (policy === "never") return false;
    if (typeof policy === "function") return policy(listener, speaker, object, this);
    const room = this.containerRoom.get(this.containerOf(object))!;
    const l = this.lastIn.get(`${listener}|${room}`) ?? -Infinity;
    const s = this.lastIn.get(`${speaker}|${room}`) ?? -Infinity;
    if (l === -Infinity) return s > l || s === -Infinity;
    return s > l;
  }

  // ---- internals ----

  private tell(
    speaker: AgentId,
    listeners: AgentId[],
    object: string,
    container: string,
    options: TellOptions,
    text: string
  ): this {
    this.containerOf(object);
    this.checkContainer(container);
    if (
      options.trust !== undefined &&
      typeof options.trust !== "boolean" &&
      (typeof options.trust !== "object" || options.trust === null || Array.isArray(options.trust))
    ) {
      throw new RoomWorldError(
        `trust must be true, false or a map from listener to true/false (got ${JSON.stringify(options.trust)})`
      );
    }
    if (options.trust !== undefined && typeof options.trust !== "boolean") {
      for (const a of Object.keys(options.trust)) {
        if (!listeners.includes(a))
          throw new RoomWorldError(`trust given for "${a}", who is not a listener of this tell`);
      }
    }
    const trust: Record<AgentId, boolean> = {};
    for (const l of listeners) {
      const given = typeof options.trust === "boolean" ? options.trust : options.trust?.[l];
      trust[l] = given ?? this.trusts(l, speaker, object);
    }
    const event: EpistemicEvent = {
      kind: "announcement",
      speaker,
      claim: { fluent: objectFluent(object), value: container },
      observers: full([speaker, ...listeners]),
      trust,
      trustKnown: options.trustKnown ?? this.trustKnown,
      label: text,
      t: this.t + 1
    };
    return this.commit(text, [event], () => undefined);
  }

  private departure(agent: AgentId, from: string): EpistemicEvent {
    return {
      kind: "ontic",
      actor: agent,
      effects: { [presenceFluent(agent, from)]: false },
      observers: full(this.occupants(from)),
      label: `${agent} leaves ${from}`,
      t: this.t + 1
    };
  }

  /** Applies the events to a copy first, so a failing event leaves world and tracker unchanged. */
  private commit(text: string, events: EpistemicEvent[], change: () => void): this {
    if (events.length > 1) {
      const probe = this.tracker.clone();
      for (const e of events) probe.apply(e);
    }
    for (const e of events) this.tracker.apply(e);
    this.t++;
    change();
    this.log.push({ t: this.t, text, events });
    return this;
  }

  private emit(text: string, events: EpistemicEvent[]): void {
    for (const e of events) this.tracker.apply(e);
    this.log.push({ t: this.t, text, events });
  }

  private visibleObjects(room: string): string[] {
    return [...this.objectAt]
      .filter(([, c]) => this.containerRoom.get(c) === room && !this.closed.has(c))
      .map(([o]) => o);
  }

  private containerOf(object: string): string {
    const c = this.objectAt.get(object);
    if (c === undefined)
      throw new RoomWorldError(
        `unknown object "${object}" (known: ${[...this.objectAt.keys()].join(", ")})`
      );
    return c;
  }

  private checkAgent(agent: AgentId): void {
    if (!this.agentRoom.has(agent))
      throw new RoomWorldError(`unknown agent "${agent}" (known: ${this.agents.join(", ")})`);
  }

  private checkRoom(room: string): void {
    if (!this.rooms.includes(room))
      throw new RoomWorldError(`unknown room "${room}" (known: ${this.rooms.join(", ")})`);
  }

  private checkContainer(container: string): void {
    if (!this.containerRoom.has(container)) {
      throw new RoomWorldError(
        `unknown container "${container}" (known: ${[...this.containerRoom.keys()].join(", ")})`
      );
    }
  }

  private requireInRoom(agent: AgentId): string {
    this.checkAgent(agent);
    const r = this.agentRoom.get(agent);
    if (!r) throw new RoomWorldError(`${agent} is not in any room`);
    return r;
  }
}

function full(agents: readonly AgentId[]): Observers {
  const o: Observers = {};
  for (const a of agents) o[a] = "full";
  return o;
}
