/**
 * What the agents of a grid world see, and the position events that follow (rules in
 * gridworld.ts's module comment): each agent's view with line of sight, the log of this step's
 * moves, the first-order position memory (`memory[a * objects + o]`, -1 for no definite belief),
 * and the ontic, sensing and "it moved" events computed from them. Internal to `GridWorld`.
 *
 * ```ts
 * const perception = new GridPerception(body);
 * perception.recordMove(o, from, to, actor);
 * perception.update(t, events, memory, emit);
 * ```
 */
import type { AgentId, EpistemicEvent, Fluent, Observers, Value } from "../epistemic/events";
import type { GridMap, LosTable } from "./grid";

/**
 * The grid state a perception reads (the arrays are shared with the world, not copied).
 *
 * ```ts
 * new GridPerception({ map, los, pos, occ, memory, agents, cellNames, fluentNames });
 * ```
 */
export interface GridBody {
  map: GridMap;
  los: LosTable;
  /** Cell of each object (agents first). */
  pos: Int32Array;
  /** Object index + 1 at each cell, 0 for none. */
  occ: Int32Array;
  /** Believed cell of object o by agent a at [a * objects + o], -1 for none. */
  memory: Int32Array;
  agents: readonly AgentId[];
  cellNames: readonly string[];
  fluentNames: readonly string[];
}

/**
 * Views, the move log and the position events of one grid world.
 *
 * ```ts
 * if (perception.sees(a, cell)) { ... }
 * ```
 */
export class GridPerception {
  private readonly map: GridMap;
  private readonly los: LosTable;
  private readonly pos: Int32Array;
  private readonly occ: Int32Array;
  private readonly memory: Int32Array;
  private readonly agents: readonly AgentId[];
  private readonly cellNames: readonly string[];
  private readonly fluentNames: readonly string[];
  private readonly numAgents: number;
  private readonly numObjects: number;
  /** Per agent, `epoch` at each cell it sees now. */
  private readonly stamps: Uint32Array[];
  /** Per agent, the cell at each view position (-1 unseen or outside). */
  readonly viewCells: Int32Array[];
  private epoch = 1;
  private readonly moveObj: Int32Array;
  private readonly moveFrom: Int32Array;
  private readonly moveTo: Int32Array;
  private readonly moveActor: Int32Array;
  private moveCount = 0;

  constructor(body: GridBody) {
    this.map = body.map;
    this.los = body.los;
    this.pos = body.pos;
    this.occ = body.occ;
    this.memory = body.memory;
    this.agents = body.agents;
    this.cellNames = body.cellNames;
    this.fluentNames = body.fluentNames;
    this.numAgents = body.agents.length;
    this.numObjects = body.pos.length;
    const cells = this.map.width * this.map.height;
    this.stamps = this.agents.map(() => new Uint32Array(cells));
    this.viewCells = this.agents.map(() => new Int32Array(this.los.side * this.los.side));
    const n = this.numObjects * 2 + 4;
    this.moveObj = new Int32Array(n);
    this.moveFrom = new Int32Array(n);
    this.moveTo = new Int32Array(n);
    this.moveActor = new Int32Array(n);
  }

  /** Forgets the last episode's views and moves. */
  newEpisode(): void {
    this.moveCount = 0;
    this.epoch += 2;
  }

  /** Starts a step's move log. */
  newStep(): void {
    this.moveCount = 0;
  }

  /** Logs a move of object o (actor = agent index, or -1). */
  recordMove(o: number, from: number, to: number, actor: number): void {
    const m = this.moveCount++;
    this.moveObj[m] = o;
    this.moveFrom[m] = from;
    this.moveTo[m] = to;
    this.moveActor[m] = actor;
  }

  /** Whether agent a sees `cell` now. */
  sees(a: number, cell: number): boolean {
    return this.stamps[a][cell] === this.epoch;
  }

  /** A test of what agent a sees now (for renders of its view). */
  visibleTo(a: number): (cell: number) => boolean {
    const stamp = this.stamps[a];
    const epoch = this.epoch;
    return (cell) => stamp[cell] === epoch;
  }

  /**
   * Recomputes every agent's view; then, when `events` or `memory` is on, updates the memory
   * from the logged moves and what is seen, and emits the position events (when `events`).
   */
  update(t: number, events: boolean, memory: boolean, emit: (event: EpistemicEvent) => void): void {
    const epoch = ++this.epoch;
    const w = this.map.width;
    for (let a = 0; a < this.numAgents; a++) {
      const p = this.pos[a];
      this.map.markVisible(
        p % w,
        (p - (p % w)) / w,
        this.los,
        this.stamps[a],
        epoch,
        this.viewCells[a]
      );
    }
    if (!events && !memory) return;
    this.witnessMoves(t, events, epoch, emit);
    for (let a = 0; a < this.numAgents; a++) this.look(a, t, events, epoch, emit);
  }

  /** Move events: full for the mover and who sees the destination, partial for who saw it leave. */
  private witnessMoves(
    t: number,
    events: boolean,
    epoch: number,
    emit: (event: EpistemicEvent) => void
  ): void {
    const nObj = this.numObjects;
    for (let m = 0; m < this.moveCount; m++) {
      const o = this.moveObj[m];
      const from = this.moveFrom[m];
      const to = this.moveTo[m];
      const actor = this.moveActor[m];
      const observers: Observers | undefined = events ? {} : undefined;
      for (let a = 0; a < this.numAgents; a++) {
        const stamp = this.stamps[a];
        if (a === actor || a === o || stamp[to] === epoch) {
          this.memory[a * nObj + o] = to;
          if (observers) observers[this.agents[a]] = "full";
        } else if (stamp[from] >= epoch - 1 && stamp[from] !== 0) {
          this.memory[a * nObj + o] = -1;
          if (observers) observers[this.agents[a]] = "partial";
        }
      }
      if (observers) {
        emit({
          kind: "ontic",
          ...(actor >= 0 ? { actor: this.agents[actor] } : {}),
          effects: { [this.fluentNames[o]]: this.cellNames[to] },
          observers,
          t
        });
      }
    }
  }

  /** What agent a senses in its view, and what it sees has moved away while unwatched. */
  private look(
    a: number,
    t: number,
    events: boolean,
    epoch: number,
    emit: (event: EpistemicEvent) => void
  ): void {
    const nObj = this.numObjects;
    const view = this.viewCells[a];
    let sensed: Record<Fluent, Value> | undefined;
    for (let k = 0; k < view.length; k++) {
      const cell = view[k];
      if (cell < 0) continue;
      const o = this.occ[cell] - 1;
      if (o < 0 || this.memory[a * nObj + o] === cell) continue;
      this.memory[a * nObj + o] = cell;
      if (events) (sensed ??= {})[this.fluentNames[o]] = this.cellNames[cell];
    }
    if (sensed) {
      const fluents = Object.keys(sensed);
      emit({
        kind: "sensing",
        fluents,
        values: sensed,
        observers: { [this.agents[a]]: "full" },
        t
      });
    }
    // An object believed in a cell the agent now sees without it moved while unwatched: the
    // agent learns that it moved, not where to (a partial observer of its move, as for a move
    // seen leaving). Without this, beliefs would contradict what the agent is looking at.
    let lost: Record<Fluent, Value> | undefined;
    for (let o = 0; o < nObj; o++) {
      const m = this.memory[a * nObj + o];
      if (m < 0 || this.stamps[a][m] !== epoch || this.occ[m] === o + 1) continue;
      this.memory[a * nObj + o] = -1;
      if (events) (lost ??= {})[this.fluentNames[o]] = this.cellNames[this.pos[o]];
    }
    if (lost) {
      emit({
        kind: "ontic",
        effects: lost,
        observers: { [this.agents[a]]: "partial" },
        t,
        label: `${this.agents[a]} sees that ${Object.keys(lost).join(", ")} moved`
      });
    }
  }
}
