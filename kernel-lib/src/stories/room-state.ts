/**
 * The state of a room world without beliefs: where everyone and everything is, what each agent
 * can see, and the checks of names. {@link RoomWorld} extends it with the events it emits.
 *
 * ```ts
 * const w = new RoomWorld(spec); // a RoomState too
 * w.occupants("room"); // ["sally", "anne"]
 * ```
 */
import type { AgentId } from "../epistemic/events";
import { RoomLayout, RoomWorldError } from "./room-spec";

/** Where agents and objects are, and what agents can see (see {@link RoomWorld}). */
export class RoomState {
  /** The story's agents, in the order of the spec. */
  readonly agents: readonly AgentId[];
  /** The rooms, in the order of the spec. */
  readonly rooms: readonly string[];
  /** The room of each container (containers never move). */
  protected readonly containerRoom: Map<string, string>;
  /** The closed containers: their contents are seen only by peeking. */
  protected readonly closed: Set<string>;
  /** The container of each object now. */
  protected readonly objectAt: Map<string, string>;
  /** The container of each object when the story started. */
  protected readonly start: Map<string, string>;
  /** The room of each agent now, undefined while outside every room. */
  protected readonly agentRoom: Map<AgentId, string | undefined>;
  /** lastIn[agent][room]: last step the agent was in the room (Infinity while there). */
  protected readonly lastIn = new Map<string, number>();

  constructor(layout: RoomLayout) {
    this.agents = layout.agents;
    this.rooms = layout.rooms;
    this.containerRoom = layout.containerRoom;
    this.closed = layout.closed;
    this.objectAt = layout.objectAt;
    this.start = new Map(layout.objectAt);
    this.agentRoom = layout.agentRoom;
    for (const [a, r] of this.agentRoom) if (r) this.lastIn.set(`${a}|${r}`, Infinity);
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

  /**
   * The room a container stands in.
   *
   * ```ts
   * world.roomOfContainer("basket"); // "room"
   * ```
   */
  roomOfContainer(container: string): string {
    this.checkContainer(container);
    return this.containerRoom.get(container)!;
  }

  /** The agents in a room now. */
  occupants(room: string): AgentId[] {
    return this.agents.filter((a) => this.agentRoom.get(a) === room);
  }

  /**
   * Hi-ToM's recency: whether `speaker` was in the object's room more recently than `listener`
   * (a listener never there trusts anyone who was; one there now trusts no one).
   */
  protected wasThereLater(speaker: AgentId, listener: AgentId, object: string): boolean {
    const room = this.containerRoom.get(this.containerOf(object))!;
    const l = this.lastIn.get(`${listener}|${room}`) ?? -Infinity;
    const s = this.lastIn.get(`${speaker}|${room}`) ?? -Infinity;
    if (l === -Infinity) return s > l || s === -Infinity;
    return s > l;
  }

  /** The open containers of a room. */
  protected openContainers(room: string): string[] {
    return [...this.containerRoom]
      .filter(([c, r]) => r === room && !this.closed.has(c))
      .map(([c]) => c);
  }

  /** Whether the agent can see into the container now (it is open and in the agent's room). */
  protected sees(agent: AgentId, container: string): boolean {
    const room = this.agentRoom.get(agent);
    return (
      room !== undefined &&
      this.containerRoom.get(container) === room &&
      !this.closed.has(container)
    );
  }

  /** The objects an agent in `room` sees: those in the room's open containers. */
  protected visibleObjects(room: string): string[] {
    return [...this.objectAt]
      .filter(([, c]) => this.containerRoom.get(c) === room && !this.closed.has(c))
      .map(([o]) => o);
  }

  /** The container holding `object` now; throws RoomWorldError for an unknown object. */
  protected containerOf(object: string): string {
    const c = this.objectAt.get(object);
    if (c === undefined)
      throw new RoomWorldError(
        `unknown object "${object}" (known: ${[...this.objectAt.keys()].join(", ")})`
      );
    return c;
  }

  /** Throws RoomWorldError, listing the known agents, when `agent` is not in the story. */
  protected checkAgent(agent: AgentId): void {
    if (!this.agentRoom.has(agent))
      throw new RoomWorldError(`unknown agent "${agent}" (known: ${this.agents.join(", ")})`);
  }

  /** Throws RoomWorldError, listing the known rooms, when `room` is not one of them. */
  protected checkRoom(room: string): void {
    if (!this.rooms.includes(room))
      throw new RoomWorldError(`unknown room "${room}" (known: ${this.rooms.join(", ")})`);
  }

  /** Throws RoomWorldError, listing the known containers, when `container` is not one of them. */
  protected checkContainer(container: string): void {
    if (!this.containerRoom.has(container)) {
      throw new RoomWorldError(
        `unknown container "${container}" (known: ${[...this.containerRoom.keys()].join(", ")})`
      );
    }
  }

  /** The room `agent` is in; throws RoomWorldError when it is unknown or outside every room. */
  protected requireInRoom(agent: AgentId): string {
    this.checkAgent(agent);
    const r = this.agentRoom.get(agent);
    if (!r) throw new RoomWorldError(`${agent} is not in any room`);
    return r;
  }
}
