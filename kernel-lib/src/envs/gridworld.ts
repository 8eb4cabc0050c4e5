/**
 * The shared machinery of the grid worlds: agents and objects on a walled grid, views with line
 * of sight, the witnessed epistemic events of every step, a belief tracker fed with them, the
 * PettingZoo-style bookkeeping (live agents, terminations, truncations, action validation) and
 * rendering. A world subclass supplies its layout, rules, reward and expert policy.
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
import type {
  AgentId,
  BeliefGroundTruth,
  EpistemicEvent,
  Fluent,
  Observers,
  Value
} from "../epistemic/events";
import type { BeliefTracker, TrackerInit } from "../epistemic/tracker";
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
import { DX, DY, GridMap, LosTable } from "./grid";
import { CellGlyph, GridScene, renderGridRgb, renderGridSvg, renderGridText } from "./render";
import { Rng } from "../random/rng";
import { Box, Dict, MultiDiscrete, Space } from "./spaces";
import { defaultTrackerFactory, TrackerFactory } from "./tracking";

/**
 * Options every grid world accepts.
 *
 * ```ts
 * new HideAndSeek({ viewRadius: 4, beliefs: "events", beliefDepth: 3, seed: 1 });
 * ```
 */
export interface GridWorldOptions {
  /** How far agents see (cells, Euclidean, walls occlude). Default 3. */
  viewRadius?: number;
  /** Episode length: agents are truncated after this many steps. */
  maxSteps?: number;
  /** "track" (default): events and a belief tracker; "events": events only; "off": neither. */
  beliefs?: BeliefMode;
  /** Longest agent chain the tracker keeps (default 2). */
  beliefDepth?: number;
  /** Seed of the first reset when reset() is given none (default 0). */
  seed?: number;
  /** Builds the belief tracker (default: the epistemic ChainTracker). */
  trackerFactory?: TrackerFactory;
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

const EMPTY_INFO_EVENTS: EpistemicEvent[] = Object.freeze([]) as unknown as EpistemicEvent[];
// Module-local copies for the hot path (a bundler's live-binding getters would cost a call each).
const STEP_X = Int8Array.from(DX);
const STEP_Y = Int8Array.from(DY);

/**
 * The base of the grid worlds (see the module comment for the events it emits).
 *
 * ```ts
 * const env: GridWorld = new MultiAgentBoxWorld();
 * env.positionBelief("agent_1", "box_0");
 * ```
 */
export abstract class GridWorld<Act = number> implements PerspectiveEnv<GridObservation, Act> {
  abstract readonly name: string;
  readonly possibleAgents: readonly AgentId[];
  readonly config: Readonly<Record<string, unknown>>;
  /** The live agents. */
  agents: AgentId[] = [];
  lastEvents: EpistemicEvent[] = [];

  protected readonly map: GridMap;
  protected readonly numAgents: number;
  /** Agents first, then the world's other objects. */
  protected readonly objects: readonly string[];
  /** Cell of each object. */
  protected readonly pos: Int32Array;
  /** Object index + 1 at each cell, 0 for none. */
  protected readonly occ: Int32Array;
  protected readonly los: LosTable;
  /** Believed cell of object o by agent a at [a * objects + o], -1 for no definite belief. */
  protected readonly memory: Int32Array;
  protected readonly rng: Rng;
  protected t = 0;
  protected readonly maxSteps: number;
  protected readonly beliefs: BeliefMode;
  /** Whether the world needs `memory` even when events are off. */
  protected usesMemory = false;
  /** Whether initial object positions are common knowledge. */
  protected positionsCommonKnowledge = false;
  protected readonly cellNames: string[];
  protected readonly fluentNames: string[];

  private readonly stamps: Uint32Array[];
  private readonly viewCells: Int32Array[];
  private epoch = 1;
  private readonly moveObj: Int32Array;
  private readonly moveFrom: Int32Array;
  private readonly moveTo: Int32Array;
  private readonly moveActor: Int32Array;
  private moveCount = 0;
  private tracker: BeliefTracker | undefined;
  private episodeInit: TrackerInit | undefined;
  private readonly trackerFactory: TrackerFactory;
  private readonly beliefDepth: number;
  private closed = false;
  private started = false;
  private readonly agentIndex = new Map<AgentId, number>();
  private obsSpace: Dict | undefined;
  private readonly rewardBuf: Float64Array;

  protected constructor(
    width: number,
    height: number,
    agentNames: readonly AgentId[],
    otherObjects: readonly string[],
    options: GridWorldOptions,
    config: Record<string, unknown>
  ) {
    const viewRadius = options.viewRadius ?? 3;
    this.los = LosTable.forRadius(viewRadius);
    this.map = new GridMap(width, height);
    this.possibleAgents = [...agentNames];
    this.numAgents = agentNames.length;
    this.objects = [...agentNames, ...otherObjects];
    if (new Set(this.objects).size !== this.objects.length)
      throw new EnvError("object names must be unique");
    agentNames.forEach((a, i) => this.agentIndex.set(a, i));
    this.pos = new Int32Array(this.objects.length).fill(-1);
    this.occ = new Int32Array(width * height);
    this.memory = new Int32Array(this.numAgents * this.objects.length).fill(-1);
    this.maxSteps = options.maxSteps ?? 100;
    if (!Number.isInteger(this.maxSteps) || this.maxSteps < 1) {
      throw new EnvError(`maxSteps must be a positive integer, got ${String(options.maxSteps)}`);
    }
    this.beliefs = options.beliefs ?? "track";
    if (!["track", "events", "off"].includes(this.beliefs)) {
      throw new EnvError(
        `beliefs must be "track", "events" or "off", got ${JSON.stringify(options.beliefs)}`
      );
    }
    this.beliefDepth = options.beliefDepth ?? 2;
    if (!Number.isInteger(this.beliefDepth) || this.beliefDepth < 1 || this.beliefDepth > 12) {
      throw new EnvError(
        `beliefDepth must be an integer from 1 to 12, got ${JSON.stringify(options.beliefDepth)}`
      );
    }
    this.trackerFactory = options.trackerFactory ?? defaultTrackerFactory;
    this.rng = new Rng(options.seed ?? 0);
    this.cellNames = [];
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) this.cellNames.push(`c${x}_${y}`);
    this.fluentNames = this.objects.map((o) => `at(${o})`);
    this.stamps = agentNames.map(() => new Uint32Array(width * height));
    this.viewCells = agentNames.map(() => new Int32Array(this.los.side * this.los.side));
    const n = this.objects.length * 2 + 4;
    this.moveObj = new Int32Array(n);
    this.moveFrom = new Int32Array(n);
    this.moveTo = new Int32Array(n);
    this.moveActor = new Int32Array(n);
    this.rewardBuf = new Float64Array(this.numAgents);
    this.config = {
      ...config,
      viewRadius,
      maxSteps: this.maxSteps,
      beliefs: this.beliefs,
      beliefDepth: this.beliefDepth,
      seed: options.seed ?? 0
    };
  }

  // ---- world hooks -------------------------------------------------------------------------

  /** Builds the episode: walls (on a cleared map), object positions (`placeObject`), world state. */
  protected abstract layout(rng: Rng, options: Record<string, unknown>): void;
  /**
   * Throws when the reset options cannot make an episode; called before reset changes anything,
   * so a rejected reset leaves the current episode as it was.
   */
  protected checkResetOptions(_options: Record<string, unknown>): void {}
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
  protected extraObservation(_agent: number): Record<string, Uint8Array | Int32Array> {
    return {};
  }
  /** Status lines under renders. */
  protected statusLines(): string[] {
    return [`t=${this.t}`];
  }
  abstract actionSpace(agent: AgentId): Space<Act>;
  abstract expertAction(agent: AgentId): Act;

  // ---- the contract ------------------------------------------------------------------------

  observationSpace(agent: AgentId): Space<GridObservation> {
    this.agentIdx(agent);
    if (!this.obsSpace) {
      this.obsSpace = new Dict({
        view: new Box(0, this.maxCode, [this.los.side, this.los.side], "uint8"),
        position: new MultiDiscrete([this.map.width, this.map.height]),
        ...this.extraObservationSpaces()
      });
    }
    return this.obsSpace as unknown as Space<GridObservation>;
  }

  reset(options: ResetOptions = {}): ResetResult<GridObservation> {
    this.assertOpen();
    this.checkResetOptions(options.options ?? {});
    if (options.seed !== undefined) this.rng.reseed(options.seed);
    this.map.walls.fill(0);
    this.occ.fill(0);
    this.pos.fill(-1);
    this.t = 0;
    this.lastEvents = [];
    this.tracker = undefined;
    this.moveCount = 0;
    this.epoch += 2;
    // Layout events (e.g. a private briefing) are buffered, then replayed into the new tracker.
    try {
      this.layout(this.rng, options.options ?? {});
    } catch (err) {
      // A rejected layout leaves no half-built episode behind: the env needs a new reset.
      this.started = false;
      this.agents = [];
      throw err;
    }
    this.started = true;
    this.agents = [...this.possibleAgents];
    this.memory.fill(-1);
    if (this.positionsCommonKnowledge) {
      for (let a = 0; a < this.numAgents; a++) this.memory.set(this.pos, a * this.objects.length);
    }
    this.episodeInit = this.beliefs === "off" ? undefined : this.trackerInit();
    if (this.episodeInit) {
      for (const event of this.lastEvents)
        if (event.kind === "ontic")
          throw new Error(`${this.name}: layout must not emit ontic events`);
    }
    if (this.beliefs === "track") {
      const tracker = this.trackerFactory(this.episodeInit!);
      for (const event of this.lastEvents) tracker.apply(event);
      this.tracker = tracker;
    }
    this.updateViews();
    const observations: Record<AgentId, GridObservation> = {};
    for (let a = 0; a < this.numAgents; a++) observations[this.possibleAgents[a]] = this.observe(a);
    return { observations, infos: this.buildInfos() };
  }

  step(actions: Record<AgentId, Act>): StepResult<GridObservation> {
    this.assertOpen();
    if (!this.started) throw new EnvError(`${this.name}: call reset() before step()`);
    if (this.agents.length === 0) {
      throw new EnvError(
        `${this.name}: the episode is over (every agent is terminated or truncated); call reset()`
      );
    }
    this.validateActions(actions);
    const live = this.agents;
    this.lastEvents = [];
    this.moveCount = 0;
    this.t++;
    const rewards = this.rewardBuf;
    rewards.fill(0);
    this.applyActions(actions, rewards);
    this.updateViews();
    this.afterStep(rewards);
    const terminal = this.isTerminal();
    const truncated = !terminal && this.t >= this.maxSteps;
    const result: StepResult<GridObservation> = {
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
    let visible: ((cell: number) => boolean) | undefined;
    let title = `${this.name} t=${this.t}`;
    let viewer: number | undefined;
    if (options.agent !== undefined) {
      const a = this.agentIdx(options.agent);
      viewer = a;
      const stamp = this.stamps[a];
      const epoch = this.epoch;
      visible = (cell) => stamp[cell] === epoch;
      title += ` — view of ${options.agent}`;
    }
    const scene: GridScene = {
      width: this.map.width,
      height: this.map.height,
      title,
      glyph: (cell) => this.glyph(cell, viewer),
      visible,
      // The status lines tell the world's hidden state (targets, beliefs): not in an agent's view.
      status: viewer === undefined ? this.statusLines() : [`t=${this.t}`]
    };
    if (mode === "ansi") return renderGridText(scene);
    if (mode === "rgb_array") return renderGridRgb(scene);
    if (mode === "svg") return renderGridSvg(scene);
    throw new EnvError(
      `unknown render mode ${JSON.stringify(mode)}; use "ansi", "rgb_array" or "svg"`
    );
  }

  close(): void {
    this.closed = true;
    this.agents = [];
    this.tracker = undefined;
  }

  getBeliefGroundTruth(depth?: number): BeliefGroundTruth {
    return this.requireTracker().groundTruth(depth);
  }

  getTrackerInit(): TrackerInit | undefined {
    return this.episodeInit;
  }

  /** The tracker fed with this episode's events (beliefs: "track" only), for questions. */
  getTracker(): BeliefTracker {
    return this.requireTracker();
  }

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

  /** The name of cell (x, y), as used in fluent values. */
  cellName(x: number, y: number): string {
    return this.cellNames[y * this.map.width + x];
  }

  /** The current time step. */
  get time(): number {
    return this.t;
  }

  // ---- helpers for worlds ------------------------------------------------------------------

  protected agentIdx(agent: AgentId): number {
    const a = this.agentIndex.get(agent);
    if (a === undefined) {
      throw new EnvError(
        `unknown agent ${JSON.stringify(agent)}; agents: ${this.possibleAgents.join(", ")}`
      );
    }
    return a;
  }

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
    const m = this.moveCount++;
    this.moveObj[m] = o;
    this.moveFrom[m] = from;
    this.moveTo[m] = to;
    this.moveActor[m] = actor;
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
    return this.stamps[a][cell] === this.epoch;
  }

  protected memoryOf(a: number, o: number): number {
    return this.memory[a * this.objects.length + o];
  }

  /** Whether events are being produced. */
  protected get eventsOn(): boolean {
    return this.beliefs !== "off";
  }

  /** Records an event (and feeds the tracker). */
  protected emit(event: EpistemicEvent): void {
    if (this.beliefs === "off") return;
    this.lastEvents.push(event);
    this.tracker?.apply(event);
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

  // ---- internals ---------------------------------------------------------------------------

  private assertOpen(): void {
    if (this.closed) throw new EnvError(`${this.name} is closed`);
  }

  private requireTracker(): BeliefTracker {
    this.assertOpen();
    if (this.beliefs !== "track") {
      throw new EnvError(
        `${this.name} was created with beliefs: "${this.beliefs}"; use beliefs: "track" for belief ground truth`
      );
    }
    if (!this.tracker) throw new EnvError(`${this.name}: call reset() before asking for beliefs`);
    return this.tracker;
  }

  private validateActions(actions: Record<AgentId, Act>): void {
    checkActions(
      this.name,
      this.agents,
      (a) => this.agentIndex.has(a),
      (a) => this.actionSpace(a),
      actions
    );
  }

  private trackerInit(): TrackerInit {
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

  /** Recomputes every agent's view, then emits the position events of this step's moves. */
  private updateViews(): void {
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
    const track = this.eventsOn || this.usesMemory;
    if (!track) return;
    const nObj = this.objects.length;
    const events = this.eventsOn;
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
          if (observers) observers[this.possibleAgents[a]] = "full";
        } else if (stamp[from] >= epoch - 1 && stamp[from] !== 0) {
          this.memory[a * nObj + o] = -1;
          if (observers) observers[this.possibleAgents[a]] = "partial";
        }
      }
      if (observers) {
        this.emit({
          kind: "ontic",
          ...(actor >= 0 ? { actor: this.possibleAgents[actor] } : {}),
          effects: { [this.fluentNames[o]]: this.cellNames[to] },
          observers,
          t: this.t
        });
      }
    }
    for (let a = 0; a < this.numAgents; a++) {
      const view = this.viewCells[a];
      let sensed: Fluent[] | undefined;
      for (let k = 0; k < view.length; k++) {
        const cell = view[k];
        if (cell < 0) continue;
        const o = this.occ[cell] - 1;
        if (o < 0 || this.memory[a * nObj + o] === cell) continue;
        this.memory[a * nObj + o] = cell;
        if (events) (sensed ??= []).push(this.fluentNames[o]);
      }
      if (sensed) {
        this.emit({
          kind: "sensing",
          fluents: sensed,
          observers: { [this.possibleAgents[a]]: "full" },
          t: this.t
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
        this.emit({
          kind: "ontic",
          effects: lost,
          observers: { [this.possibleAgents[a]]: "partial" },
          t: this.t,
          label: `${this.possibleAgents[a]} sees that ${Object.keys(lost).join(", ")} moved`
        });
      }
    }
  }

  private observe(a: number): GridObservation {
    const cells = this.viewCells[a];
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

  private buildInfos(): Record<AgentId, AgentInfo> {
    const infos: Record<AgentId, AgentInfo> = {};
    if (this.beliefs === "off") {
      for (const agent of this.agents) infos[agent] = { events: EMPTY_INFO_EVENTS };
      return infos;
    }
    for (const agent of this.agents) infos[agent] = { events: [] };
    for (const event of this.lastEvents) {
      for (const [agent, how] of Object.entries(event.observers)) {
        if (how !== "oblivious" && infos[agent]) infos[agent].events.push(event);
      }
    }
    return infos;
  }
}
