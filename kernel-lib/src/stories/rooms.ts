/**
 * Co-presence semantics for room worlds: a small scripted world of rooms, containers, objects
 * and agents, whose operations (enter, exit, move, peek, reveal, tell) become events of the one
 * event model with state-dependent observers, and feed a belief tracker.
 *
 * The conventions follow the false-belief story generators (ToMi, Hi-ToM):
 * - agents in a room witness everything that happens there (moves, arrivals, departures, peeks);
 *   an agent that has left sees nothing of what happens afterwards;
 * - an agent entering a room sees who is (and is not) there, where the objects in the room's
 *   open containers are, and that the other objects are in none of them; everyone present sees
 *   it look;
 * - "The X is in the Y" ({@link RoomWorld.reveal}) is seen by everyone in X's room;
 * - looking into a container shows what is inside, and that every other object is not there (a
 *   negative observation);
 * - a private tell is heard by the listener alone, a public one by every agent; a listener
 *   adopts a claim when it trusts the speaker, by default or by rule (Hi-ToM: trust whoever
 *   was in the object's room more recently), unless she sees that the claim is false; the
 *   speaker never changes its own belief; a trusting listener takes the speaker to be sincere;
 *   when trust follows from facts everyone knows (`trustKnown`, the default for the built-in
 *   policies) everyone who heard, the speaker included, knows who trusted; otherwise each
 *   listener's trust is its own and the speaker assumes it was believed.
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
import type { AgentId, EpistemicEvent, Fluent, Observers } from "../epistemic/events";
import { ChainTracker } from "../epistemic/chain-tracker";
import type { BeliefTracker, TrackerInit } from "../epistemic/tracker";
import { RoomState } from "./room-state";
import {
  checkRoomSpec,
  checkTellOptions,
  full,
  objectFluent,
  presenceFluent,
  RoomStep,
  RoomWorldError,
  RoomWorldSpec,
  roomTrackerInit,
  TellOptions,
  TrustPolicy
} from "./room-spec";

export {
  objectFluent,
  presenceFluent,
  RoomStep,
  RoomView,
  RoomWorldError,
  RoomWorldSpec,
  TellOptions,
  TrustPolicy
} from "./room-spec";

/**
 * A scripted room world that turns story operations into witnessed epistemic events.
 *
 * ```ts
 * const w = new RoomWorld({
 *   agents: ["sally", "anne"],
 *   rooms: { room: ["basket", "box"] },
 *   objects: { marble: "basket" },
 *   agentRooms: { sally: "room", anne: "room" }
 * });
 * w.exit("sally").move("anne", "marble", "box");
 * w.whereDoes(["sally"], "marble"); // ["basket"]
 * ```
 */
export class RoomWorld extends RoomState {
  /** The tracker fed with every event of the story: ask it what anyone believes. */
  readonly tracker: BeliefTracker;
  /** The TrackerInit the tracker was built from. */
  readonly trackerInit: TrackerInit;
  private readonly trust: TrustPolicy;
  private readonly trustKnown: boolean;
  private readonly log: RoomStep[] = [];
  private t = 0;

  constructor(spec: RoomWorldSpec) {
    const layout = checkRoomSpec(spec);
    super(layout);
    this.trust = layout.trust;
    this.trustKnown = layout.trustKnown;

    this.trackerInit = roomTrackerInit(layout, spec.maxDepth);
    this.tracker = (spec.trackerFactory ?? ((init) => new ChainTracker(init)))(this.trackerInit);
    // Agents that start in a room see its visible objects.
    const initial: EpistemicEvent[] = [];
    for (const r of this.rooms) {
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
      if (present.length > 0) initial.push(...this.notInSight(r, full(present), 0));
    }
    this.emit("start", initial);
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
    events.push(...this.notInSight(room, witnesses, this.t + 1));
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

  /**
   * The agent looks into a container of its room: it sees what is inside, and that every other
   * object is not there; the others present see it look (and, if the container is open, see
   * inside too).
   */
  peek(agent: AgentId, container: string): this {
    const room = this.requireInRoom(agent);
    this.checkContainer(container);
    if (this.containerRoom.get(container) !== room) {
      throw new RoomWorldError(
        `${agent} cannot look in the ${container}: it is in ${this.containerRoom.get(container)}, not in ${room}`
      );
    }
    const observers: Observers = { [agent]: "full" };
    for (const a of this.occupants(room)) {
      if (a !== agent) observers[a] = this.closed.has(container) ? "partial" : "full";
    }
    const label = `${agent} looks in the ${container}`;
    const inside: Fluent[] = [];
    const events: EpistemicEvent[] = [];
    for (const [o, c] of this.objectAt) {
      if (c === container) inside.push(objectFluent(o));
      else {
        events.push({
          kind: "negative",
          fluent: objectFluent(o),
          values: [container],
          observers: { ...observers },
          label: `${label}: no ${o}`,
          t: this.t + 1
        });
      }
    }
    if (inside.length > 0) {
      events.unshift({ kind: "sensing", fluents: inside, observers, label, t: this.t + 1 });
    }
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
    return this.wasThereLater(speaker, listener, object);
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
    checkTellOptions(options, listeners);
    // Perception beats testimony: a listener who sees where the object is, or sees that the
    // claimed container does not hold it, does not adopt the claim.
    const truth = this.containerOf(object);
    const trust: Record<AgentId, boolean> = {};
    for (const l of listeners) {
      const given = typeof options.trust === "boolean" ? options.trust : options.trust?.[l];
      const contradicted = container !== truth && (this.sees(l, truth) || this.sees(l, container));
      trust[l] = !contradicted && (given ?? this.trusts(l, speaker, object));
    }
    const event: EpistemicEvent = {
      kind: "announcement",
      speaker,
      claim: { fluent: objectFluent(object), value: container },
      observers: full([speaker, ...listeners]),
      trust,
      trustKnown: options.trustKnown ?? (options.trust === undefined && this.trustKnown),
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

  /**
   * Looking around a room: every object not in sight is in none of the room's open containers
   * (a negative observation per such object).
   */
  private notInSight(room: string, observers: Observers, t: number): EpistemicEvent[] {
    const open = this.openContainers(room);
    if (open.length === 0) return [];
    const visible = new Set(this.visibleObjects(room));
    return [...this.objectAt.keys()]
      .filter((o) => !visible.has(o))
      .map((o) => ({
        kind: "negative",
        fluent: objectFluent(o),
        values: open,
        observers,
        label: `no ${o} in sight in ${room}`,
        t
      }));
  }
}
