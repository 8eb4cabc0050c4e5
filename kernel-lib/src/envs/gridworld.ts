/**
 * The shared machinery of the grid worlds: agents and objects on a walled grid, views with line
 * of sight (`GridPerception`), the witnessed epistemic events of every step, and grid rendering,
 * on top of the episode bookkeeping every world shares (`EpisodeEnv`: live agents, terminations,
 * truncations, action validation, the belief tracker, render dispatch). A world subclass supplies
 * its layout, rules, reward and expert policy.
 *
 * Events emitted for object positions (fluent `at(<object>)`, value the cell name `c<x>_<y>`):
 * - a move is an ontic event; agents that see the destination after the step observe it fully,
 *   agents that saw the origin (before or after the step) but not the destination observe it
 *   partially (they know it left, not where to), the mover observes it fully, others are oblivious;
 * - an agent that sees an object where it did not believe it to be senses its position
 *   (a private sensing event). Seeing what one already believes would change nothing, so it is
 *   not emitted;
 * - an agent that sees empty the cell it believed an object in learns that it moved, not where
 *   (a private ontic event, the agent its only, partial, observer).
 * `positionBelief(agent, object)` is the first-order projection of exactly these events (the
 * tests check it against the tracker); worlds use it for rewards and expert policies cheaply.
 *
 * ```ts
 * class MyWorld extends GridWorld { ... }
 * ```
 */
import type { AgentId, EpistemicEvent, Fluent, Observers, Value } from "../epistemic/events";
import type { TrackerInit } from "../epistemic/tracker";
import type { Rng } from "../random/rng";
import { EnvError } from "./env";
import { Drawing, EpisodeEnv, EpisodeOptions } from "./episode";
import { DX, DY, GridMap, LosTable } from "./grid";
import { GridPerception } from "./grid-perception";
import { believed, objectCells, SimulationState } from "./sim-state";
import { CellGlyph, GridScene, renderGridRgb, renderGridSvg, renderGridText } from "./render";
import { Box, Dict, MultiDiscrete, Space } from "./spaces";

/**
 * Options every grid world accepts.
 *
 * ```ts
 * new HideAndSeek({ viewRadius: 4, beliefs: "events", beliefDepth: 3, seed: 1 });
 * ```
 */
export interface GridWorldOptions extends EpisodeOptions {
  /** How far agents see (cells, Euclidean, walls occlude). Default 3. */
  viewRadius?: number;
}

/**
 * A grid world observation: the agent's egocentric view and its own position, plus world extras.
 *
 * ```ts
 * const { view, position } = env.reset().observations.agent_0;
 * ```
 */
export type GridObservation = Record<string, Uint8Array | Int32Array>;

/**
 * Cell codes shared by all grid views: 0 unseen or outside, 1 floor, 2 wall; worlds add more.
 *
 * ```ts
 * const seen = obs.view.filter((c) => c !== VIEW_UNSEEN).length;
 * ```
 */
export const VIEW_UNSEEN = 0;
/**
 * View code of an empty floor cell.
 *
 * ```ts
 * obs.view[24] === VIEW_FLOOR;
 * ```
 */
export const VIEW_FLOOR = 1;
/**
 * View code of a wall.
 *
 * ```ts
 * obs.view[0] === VIEW_WALL;
 * ```
 */
export const VIEW_WALL = 2;

// Module-local copies for the hot path (a bundler's live-binding getters would cost a call each).
const STEP_X = Int8Array.from(DX);
const STEP_Y = Int8Array.from(DY);

/**
 * One step of a grid world as plain data (see `GridWorld.frame()`).
 *
 * ```ts
 * const { width, height, walls, objects, agents } = env.frame();
 * ```
 */
export interface GridFrame {
  /** Cells across. */
  width: number;
  /** Cells down. */
  height: number;
  /** The step of the episode (0 after reset). */
  t: number;
  /** The wall cells as `[x, y]`. */
  walls: [number, number][];
  /** Agents first, then the world's other objects; `at` null when off the grid. */
  objects: { id: string; agent: boolean; at: [number, number] | null }[];
  /** Per agent, in `possibleAgents` order: what it sees and believes now. */
  agents: {
    id: AgentId;
    /** Cells the agent sees now. */
    sees: [number, number][];
    /** Where the agent definitely believes each object is, aligned with `objects`. */
    thinks?: ([number, number] | null)[];
  }[];
}

/**
 * The base of the grid worlds (see the module comment for the events it emits).
 *
 * ```ts
 * const env: GridWorld = new MultiAgentBoxWorld();
 * env.positionBelief("agent_1", "box_0");
 * ```
 */
export abstract class GridWorld<Act = number> extends EpisodeEnv<GridObservation, Act> {
  /** The constructor options as JSON-safe data (what dataset headers store to rebuild the env). */
  readonly config: Readonly<Record<string, unknown>>;

  /** The walls and floor; cell index = y * width + x. */
  protected readonly map: GridMap;
  /** Agents first, then the world's other objects. */
  protected readonly objects: readonly string[];
  /** Cell of each object. */
  protected readonly pos: Int32Array;
  /** Object index + 1 at each cell, 0 for none. */
  protected readonly occ: Int32Array;
  /** @internal The line-of-sight table of the view radius (its `radius` and window `side`). */
  protected readonly los: LosTable;
  /** Believed cell of object o by agent a at [a * objects + o], -1 for no definite belief. */
  protected readonly memory: Int32Array;
  /** Whether the world needs `memory` even when events are off. */
  protected usesMemory = false;
  /** Whether initial object positions are common knowledge. */
  protected positionsCommonKnowledge = false;
  /** The value naming each cell in events and beliefs: `c<x>_<y>`, by cell index. */
  protected readonly cellNames: string[];
  /** The fluent of each object's position, `at(<object>)`, aligned with `objects`. */
  protected readonly fluentNames: string[];

  private readonly perception: GridPerception;
  private readonly emitter = (event: EpistemicEvent): void => this.emit(event);

  protected constructor(
    width: number,
    height: number,
    agentNames: readonly AgentId[],
    otherObjects: readonly string[],
    options: GridWorldOptions,
    config: Record<string, unknown>
  ) {
    super(agentNames, options, { maxSteps: 100, beliefDepth: 2 });
    const viewRadius = options.viewRadius ?? 3;
    this.los = LosTable.forRadius(viewRadius);
    this.map = new GridMap(width, height);
    this.objects = [...agentNames, ...otherObjects];
    if (new Set(this.objects).size !== this.objects.length)
      throw new EnvError("object names must be unique");
    this.pos = new Int32Array(this.objects.length).fill(-1);
    this.occ = new Int32Array(width * height);
    this.memory = new Int32Array(this.numAgents * this.objects.length).fill(-1);
    this.cellNames = [];
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) this.cellNames.push(`c${x}_${y}`);
    this.fluentNames = this.objects.map((o) => `at(${o})`);
    this.perception = new GridPerception({
      map: this.map,
      los: this.los,
      pos: this.pos,
      occ: this.occ,
      memory: this.memory,
      agents: this.possibleAgents,
      cellNames: this.cellNames,
      fluentNames: this.fluentNames
    });
    this.config = {
      ...config,
      viewRadius,
      maxSteps: this.maxSteps,
      beliefs: this.beliefs,
      beliefDepth: this.beliefDepth,
      seed: this.baseSeed
    };
  }

  // ---- world hooks -------------------------------------------------------------------------

  /** Builds the episode: walls (on a cleared map), object positions (`placeObject`), world state. */
  protected abstract layoutGrid(rng: Rng, options: Record<string, unknown>): void;
  /** Applies validated actions of the live agents; adds rewards into `rewards` (by agent index). */
  protected abstract applyActions(actions: Record<AgentId, Act>, rewards: Float64Array): void;
  /** After views are updated and position events emitted: world events and view-dependent rewards. */
  protected afterStep(_rewards: Float64Array): void {}
  /** Whether the episode is over (all agents terminate). */
  protected abstract isTerminal(): boolean;
  /** The view code of a non-wall cell as seen by agent `viewer` (>= 1). */
  protected abstract cellCode(cell: number, viewer: number): number;
  /** The highest view code. */
  protected abstract readonly maxCode: number;
  /**
   * How a cell is drawn; with `viewer` (an agent index) as that agent sees it, so hidden state
   * (a treasure in a cache, the true target) must not show.
   */
  protected abstract glyph(cell: number, viewer?: number): CellGlyph;
  /** World fluents beyond object positions, for the tracker. */
  protected worldFluents(): {
    world: Record<Fluent, Value>;
    domains: Record<Fluent, Value[]>;
    commonKnowledge: Fluent[];
  } {
    return { world: {}, domains: {}, commonKnowledge: [] };
  }
  /** Extra observation entries and their spaces. */
  protected extraObservationSpaces(): Record<string, Space> {
    return {};
  }
  /**
   * Agent `_agent`'s entries for the keys of `extraObservationSpaces` (each a member of its
   * space), merged into its observation beside `view` and `position`. None by default.
   */
  protected extraObservation(_agent: number): Record<string, Uint8Array | Int32Array> {
    return {};
  }
  /** Status lines under renders. */
  protected statusLines(): string[] {
    return [`t=${this.t}`];
  }

  // ---- the episode hooks, for every grid world -----------------------------------------------

  protected layout(rng: Rng, options: Record<string, unknown>): void {
    this.map.walls.fill(0);
    this.occ.fill(0);
    this.pos.fill(-1);
    this.perception.newEpisode();
    // Layout events (e.g. a private briefing) are buffered, then replayed into the new tracker.
    this.layoutGrid(rng, options);
    this.memory.fill(-1);
    if (this.positionsCommonKnowledge) {
      for (let a = 0; a < this.numAgents; a++) this.memory.set(this.pos, a * this.objects.length);
    }
  }

  protected afterLayout(): void {
    this.perception.update(this.t, this.eventsOn, this.usesMemory, this.emitter);
  }

  protected advance(actions: Record<AgentId, Act>, rewards: Float64Array): boolean {
    this.perception.newStep();
    this.applyActions(actions, rewards);
    this.perception.update(this.t, this.eventsOn, this.usesMemory, this.emitter);
    this.afterStep(rewards);
    return this.isTerminal();
  }

  protected createObservationSpace(): Space<GridObservation> {
    return new Dict({
      view: new Box(0, this.maxCode, [this.los.side, this.los.side], "uint8"),
      position: new MultiDiscrete([this.map.width, this.map.height]),
      ...this.extraObservationSpaces()
    }) as unknown as Space<GridObservation>;
  }

  protected observe(a: number): GridObservation {
    const cells = this.perception.viewCells[a];
    const view = new Uint8Array(cells.length);
    const walls = this.map.walls;
    for (let k = 0; k < cells.length; k++) {
      const cell = cells[k];
      view[k] = cell < 0 ? 0 : walls[cell] === 1 ? 2 : this.cellCode(cell, a); // VIEW_UNSEEN, VIEW_WALL
    }
    const p = this.pos[a];
    const position = new Int32Array(2);
    position[0] = p % this.map.width;
    position[1] = (p - position[0]) / this.map.width;
    const extra = this.extraObservation(a);
    return { view, position, ...extra };
  }

  protected trackerInit(): TrackerInit {
    const world: Record<Fluent, Value> = {};
    const domains: Record<Fluent, Value[]> = {};
    const floor: string[] = [];
    for (let c = 0; c < this.cellNames.length; c++)
      if (this.map.walls[c] === 0) floor.push(this.cellNames[c]);
    for (let o = 0; o < this.objects.length; o++) {
      world[this.fluentNames[o]] = this.cellNames[this.pos[o]];
      domains[this.fluentNames[o]] = floor;
    }
    const extra = this.worldFluents();
    const commonKnowledge = [
      ...(this.positionsCommonKnowledge ? this.fluentNames : []),
      ...extra.commonKnowledge
    ];
    return {
      agents: [...this.possibleAgents],
      world: { ...world, ...extra.world },
      domains: { ...domains, ...extra.domains },
      commonKnowledge,
      maxDepth: this.beliefDepth
    };
  }

  protected draw(viewer: number | undefined, title: string): Drawing {
    const scene: GridScene = {
      width: this.map.width,
      height: this.map.height,
      title,
      glyph: (cell) => this.glyph(cell, viewer),
      visible: viewer === undefined ? undefined : this.perception.visibleTo(viewer),
      // The status lines tell the world's hidden state (targets, beliefs): not in an agent's view.
      status: viewer === undefined ? this.statusLines() : [`t=${this.t}`]
    };
    return {
      ansi: () => renderGridText(scene),
      rgb_array: () => renderGridRgb(scene),
      svg: () => renderGridSvg(scene)
    };
  }

  // ---- simulation ----------------------------------------------------------------------------

  /**
   * Puts this env, a simulation copy made with `beliefs: "off"` and reset, into `state`: the
   * objects on the cells it names, the world's fluents, each agent's definite beliefs and the
   * time step; every agent is live again. The layout (walls, caches) stays. Planners use it to
   * simulate a world sampled from an agent's beliefs, so no tracker could follow the jump.
   *
   * ```ts
   * const sim = new HideAndSeek({ beliefs: "off" });
   * sim.reset({ seed: 1 });
   * sim.setState({ world: { "at(hider_0)": "c1_1", ... }, beliefs: { seeker_0: {} } });
   * ```
   */
  setState(state: SimulationState): void {
    this.assertOpen();
    if (this.eventsOn) {
      throw new EnvError(
        `${this.name}.setState needs a simulation copy made with beliefs: "off" (a tracker cannot follow a jump)`
      );
    }
    if (!this.hasEpisode) throw new EnvError(`${this.name}: call reset() before setState()`);
    this.cellIndex ??= new Map(this.cellNames.map((c, i) => [c, i]));
    const cells = objectCells(this.name, state, this.fluentNames, this.cellIndex, this.map.walls);
    this.occ.fill(0);
    cells.forEach((cell, o) => {
      this.pos[o] = cell;
      this.occ[cell] = o + 1;
    });
    const nObj = this.objects.length;
    for (let a = 0; a < this.numAgents; a++) {
      for (let o = 0; o < nObj; o++) {
        const v = believed(state, this.possibleAgents[a], this.fluentNames[o]);
        const cell = v === undefined ? undefined : this.cellIndex.get(String(v));
        this.memory[a * nObj + o] = cell === undefined ? -1 : cell;
      }
    }
    this.setWorldState(state);
    if (state.t !== undefined) this.t = state.t;
    if (state.seed !== undefined) this.rng.reseed(state.seed);
    this.agents = [...this.possibleAgents];
    // What everyone sees now overrides the beliefs given (they look before they act).
    this.perception.newStep();
    this.perception.update(this.t, false, this.usesMemory, this.emitter);
  }

  /** Sets the world's own fluents and beliefs from a state (called by `setState`). */
  protected setWorldState(_state: SimulationState): void {}

  private cellIndex: Map<string, number> | undefined;

  // ---- questions -----------------------------------------------------------------------------

  /** The cell name that `agent` definitely believes `object` is in, or undefined. */
  positionBelief(agent: AgentId, object: string): string | undefined {
    const a = this.agentIdx(agent);
    const o = this.objects.indexOf(object);
    if (o < 0)
      throw new EnvError(
        `unknown object ${JSON.stringify(object)}; objects: ${this.objects.join(", ")}`
      );
    const cell = this.memory[a * this.objects.length + o];
    return cell < 0 ? undefined : this.cellNames[cell];
  }

  /**
   * The world at this step as plain data, for viewers (trajectory replays): the grid and its
   * walls, every object's cell (agents first), each agent's field of view and where it
   * definitely believes each object is (`thinks`, aligned with `objects`; null: no definite
   * belief; absent when the env keeps no beliefs). Cells are `[x, y]`.
   *
   * ```ts
   * const f = env.frame();
   * f.agents[0].sees.length; // cells agent 0 sees now
   * ```
   */
  frame(): GridFrame {
    if (!this.hasEpisode) throw new EnvError(`${this.name}: call reset() before frame()`);
    const w = this.map.width;
    const xy = (cell: number): [number, number] => [cell % w, (cell - (cell % w)) / w];
    const walls: [number, number][] = [];
    for (let c = 0; c < this.map.walls.length; c++) if (this.map.walls[c] === 1) walls.push(xy(c));
    const keepsBeliefs = this.beliefs !== "off" || this.usesMemory;
    const n = this.objects.length;
    return {
      width: w,
      height: this.map.height,
      t: this.t,
      walls,
      objects: this.objects.map((id, o) => ({
        id,
        agent: o < this.numAgents,
        at: this.pos[o] < 0 ? null : xy(this.pos[o])
      })),
      agents: this.possibleAgents.map((id, a) => {
        const visible = this.perception.visibleTo(a);
        const sees: [number, number][] = [];
        for (let c = 0; c < this.map.walls.length; c++) if (visible(c)) sees.push(xy(c));
        const frame: GridFrame["agents"][number] = { id, sees };
        if (keepsBeliefs) {
          frame.thinks = Array.from(this.memory.subarray(a * n, (a + 1) * n), (c) =>
            c < 0 ? null : xy(c)
          );
        }
        return frame;
      })
    };
  }

  /** The name of cell (x, y), as used in fluent values. */
  cellName(x: number, y: number): string {
    return this.cellNames[y * this.map.width + x];
  }

  // ---- helpers for worlds ------------------------------------------------------------------

  /** Puts object o on a free floor cell (during layout). */
  protected placeObject(o: number, cell: number): void {
    if (this.map.walls[cell] === 1 || this.occ[cell] !== 0)
      throw new Error(`cell ${cell} is not free`);
    if (this.pos[o] >= 0) this.occ[this.pos[o]] = 0;
    this.pos[o] = cell;
    this.occ[cell] = o + 1;
  }

  /** Whether a cell is floor with no object on it. */
  protected isFree(cell: number): boolean {
    return this.map.walls[cell] === 0 && this.occ[cell] === 0;
  }

  /** A uniformly random free floor cell, optionally also satisfying `ok`. */
  protected randomFreeCell(rng: Rng, ok: (cell: number) => boolean = () => true): number {
    const cells: number[] = [];
    for (let c = 0; c < this.occ.length; c++) if (this.isFree(c) && ok(c)) cells.push(c);
    if (cells.length === 0)
      throw new EnvError(`${this.name}: no free cell left; make the grid larger`);
    return rng.choice(cells);
  }

  /** Moves object o to a free cell, recording the move (actor = agent index or -1). */
  protected moveObject(o: number, to: number, actor: number): void {
    const from = this.pos[o];
    this.occ[from] = 0;
    this.occ[to] = o + 1;
    this.pos[o] = to;
    this.perception.recordMove(o, from, to, actor);
  }

  /** The cell one move away from `cell`, or -1 if that is a wall. */
  protected neighbour(cell: number, move: number): number {
    const w = this.map.width;
    const x = (cell % w) + STEP_X[move];
    const y = Math.floor(cell / w) + STEP_Y[move];
    return this.map.isWall(x, y) ? -1 : y * w + x;
  }

  /** Moves agent a one step if the target cell is free; returns whether it moved. */
  protected tryMoveAgent(a: number, move: number): boolean {
    if (move === 0) return false;
    const to = this.neighbour(this.pos[a], move);
    if (to < 0 || this.occ[to] !== 0) return false;
    this.moveObject(a, to, a);
    return true;
  }

  /** Whether agent a sees `cell` now. */
  protected sees(a: number, cell: number): boolean {
    return this.perception.sees(a, cell);
  }

  /**
   * The cell where agent `a` last saw object `o` (object index into `objects`: agents first), or
   * -1 when it has no definite belief. Kept only when the world uses memory (see `usesMemory`).
   */
  protected memoryOf(a: number, o: number): number {
    return this.memory[a * this.objects.length + o];
  }

  /** The agents (by index) for which `pred` holds, as full observers. */
  protected observersWhere(pred: (a: number) => boolean): Observers {
    const obs: Observers = {};
    for (let a = 0; a < this.numAgents; a++) if (pred(a)) obs[this.possibleAgents[a]] = "full";
    return obs;
  }

  /**
   * A first step of a shortest path from `from` towards `goal` around walls and occupied cells
   * (ignoring occupants when that is the only way), 0 when there or unreachable.
   */
  protected stepToward(from: number, goal: number, blocked?: (cell: number) => boolean): number {
    if (from === goal) return 0;
    const occupied = (c: number): boolean =>
      c !== from && (this.occ[c] !== 0 || (blocked !== undefined && blocked(c)));
    for (const avoid of [occupied, blocked]) {
      const dist = this.map.distancesTo(goal, avoid);
      let best = 0;
      let bestD = dist[from] < 0 ? Infinity : dist[from];
      for (let m = 1; m <= 4; m++) {
        const n = this.neighbour(from, m);
        if (n < 0 || dist[n] < 0 || (n !== goal && this.occ[n] !== 0)) continue;
        if (dist[n] < bestD) {
          bestD = dist[n];
          best = m;
        }
      }
      if (best !== 0) return best;
    }
    return 0;
  }
}
