/**
 * MultiAgentBoxWorld: agents push boxes onto goals in a walled grid with a few inner walls. Each
 * agent sees only its surroundings, so goals and boxes that one agent sees stay unknown to another.
 * Team reward: +1 when a box lands on a goal, -1 when one leaves it, -0.01 per step; the episode
 * ends when every box is on a goal, or is truncated after `maxSteps`.
 *
 * Actions: Discrete(5), 0 stay, 1 up, 2 down, 3 left, 4 right; walking into a box pushes it when
 * the cell behind it is free. View codes: 0 unseen, 1 floor, 2 wall, 3 goal, 4 box, 5 box on goal,
 * 6 another agent, 7 the viewer itself.
 *
 * ```ts
 * const env = new MultiAgentBoxWorld({ gridSize: 10, numAgents: 4, numBoxes: 3, viewRadius: 3 });
 * const { observations } = env.reset({ seed: 7 });
 * env.step({ agent_0: 1, agent_1: 0, agent_2: 4, agent_3: 2 });
 * ```
 */
import type { AgentId } from "../../epistemic/events";
import { EnvError } from "../env";
import { GridWorld, GridWorldOptions } from "../gridworld";
import { COLORS, CellGlyph, agentColor } from "../render";
import type { Rng } from "../../random/rng";
import { Discrete } from "../spaces";

/**
 * Options of MultiAgentBoxWorld.
 *
 * ```ts
 * new MultiAgentBoxWorld({ gridSize: 10, numAgents: 4, numBoxes: 3, viewRadius: 3 });
 * ```
 */
export interface BoxWorldOptions extends GridWorldOptions {
  /** Side of the square grid, border walls included (>= 6). Default 10. */
  gridSize?: number;
  /** Agents: 1 to 32, default 2. */
  numAgents?: number;
  /** Boxes: 1 to 32, default 2 (they and their goals must fit on the grid). */
  numBoxes?: number;
}

/**
 * The box-pushing world (rules in the module comment).
 *
 * ```ts
 * const env = new MultiAgentBoxWorld();
 * env.reset({ seed: 0 });
 * env.boxesOnGoals; // 0
 * ```
 */
export class MultiAgentBoxWorld extends GridWorld<number> {
  readonly name = "MultiAgentBoxWorld";
  protected readonly maxCode = 7;
  private readonly numBoxes: number;
  private readonly isGoal: Uint8Array;
  private goals: number[] = [];
  private onGoal = 0;

  constructor(options: BoxWorldOptions = {}) {
    const gridSize = options.gridSize ?? 10;
    const numAgents = options.numAgents ?? 2;
    const numBoxes = options.numBoxes ?? 2;
    checkInt("gridSize", gridSize, 6, 64);
    checkInt("numAgents", numAgents, 1, 32);
    checkInt("numBoxes", numBoxes, 1, 32);
    if (
      2 * numBoxes > (gridSize - 4) * (gridSize - 4) ||
      numAgents + 2 * numBoxes > ((gridSize - 2) * (gridSize - 2)) / 2
    ) {
      throw new EnvError(
        `MultiAgentBoxWorld: ${numAgents} agents and ${numBoxes} boxes do not fit a ${gridSize}x${gridSize} grid`
      );
    }
    const agents = Array.from({ length: numAgents }, (_, i) => `agent_${i}`);
    const boxes = Array.from({ length: numBoxes }, (_, i) => `box_${i}`);
    super(
      gridSize,
      gridSize,
      agents,
      boxes,
      { maxSteps: 200, ...options },
      { gridSize, numAgents, numBoxes }
    );
    this.numBoxes = numBoxes;
    this.isGoal = new Uint8Array(gridSize * gridSize);
  }

  /** Discrete(5) for every agent (each agent its own, seeded object). */
  protected createActionSpace(): Discrete {
    return new Discrete(5);
  }

  /** Cells of the goals. */
  get goalCells(): readonly number[] {
    return this.goals;
  }

  /** How many boxes are on goals. */
  get boxesOnGoals(): number {
    return this.onGoal;
  }

  protected layoutGrid(rng: Rng, options: Record<string, unknown>): void {
    if (options.map !== undefined) return this.layoutFromRows(options.map);
    const n = this.map.width;
    this.map.addBorder();
    // A few short inner walls that occlude sight; redrawn (fewer each time) until enough cells
    // stay open for goals and boxes.
    for (let attempt = 0; ; attempt++) {
      const segments = Math.max(0, Math.floor(n / 3) - Math.floor(attempt / 3));
      for (let s = 0; s < segments; s++) {
        const horizontal = rng.int(2) === 0;
        // A wall starts at least 2 cells in from the border and ends before the last inner
        // cell, so small grids (6 or 7) get shorter segments.
        const len = Math.min(rng.intBetween(2, 3), n - 5);
        const x0 = rng.intBetween(2, n - 3 - (horizontal ? len : 0));
        const y0 = rng.intBetween(2, n - 3 - (horizontal ? 0 : len));
        for (let i = 0; i < len; i++)
          this.map.setWall(horizontal ? x0 + i : x0, horizontal ? y0 : y0 + i);
      }
      let open = 0;
      for (let c = 0; c < n * n; c++) if (this.map.walls[c] === 0 && this.interiorOpen(c)) open++;
      if (open >= 2 * this.numBoxes + 2 || segments === 0) break;
      this.map.walls.fill(0);
      this.map.addBorder();
    }
    this.isGoal.fill(0);
    const open = (c: number): boolean => this.interiorOpen(c);
    this.goals = [];
    for (let b = 0; b < this.numBoxes; b++) {
      const g = this.randomFreeCell(rng, (c) => open(c) && this.isGoal[c] === 0);
      this.isGoal[g] = 1;
      this.goals.push(g);
    }
    for (let b = 0; b < this.numBoxes; b++) {
      this.placeObject(
        this.numAgents + b,
        this.randomFreeCell(rng, (c) => open(c) && this.isGoal[c] === 0)
      );
    }
    for (let a = 0; a < this.numAgents; a++) this.placeObject(a, this.randomFreeCell(rng));
    this.onGoal = 0;
  }

  protected checkResetOptions(options: Record<string, unknown>): void {
    if (options.map !== undefined) this.parseRows(options.map);
  }

  /**
   * A fixed map, `reset({ options: { map: rows } })`: "#" wall, "G" goal, "B" box, "*" box on a
   * goal, "0".."9" agents, anything else floor. It must match the env's size and counts.
   */
  private layoutFromRows(rows: unknown): void {
    const { walls, goals, boxCells, agentCells } = this.parseRows(rows);
    const n = this.map.width;
    for (const c of walls) this.map.setWall(c % n, Math.floor(c / n));
    this.isGoal.fill(0);
    this.goals = goals;
    for (const g of goals) this.isGoal[g] = 1;
    boxCells.forEach((c, b) => this.placeObject(this.numAgents + b, c));
    agentCells.forEach((c, a) => this.placeObject(a, c));
    this.onGoal = boxCells.filter((c) => this.isGoal[c]).length;
  }

  /** Reads a map without changing anything; throws an EnvError naming what is wrong. */
  private parseRows(rows: unknown): {
    walls: number[];
    goals: number[];
    boxCells: number[];
    agentCells: number[];
  } {
    const n = this.map.width;
    if (
      !Array.isArray(rows) ||
      rows.length !== n ||
      rows.some((r) => typeof r !== "string" || r.length !== n)
    ) {
      throw new EnvError(`map must be ${n} strings of length ${n}`);
    }
    const walls: number[] = [];
    const goals: number[] = [];
    const boxCells: number[] = [];
    const agentCells = new Array<number>(this.numAgents).fill(-1);
    (rows as string[]).forEach((row, y) => {
      for (let x = 0; x < n; x++) {
        const c = y * n + x;
        const ch = row[x];
        if (ch === "#") walls.push(c);
        if (ch === "G" || ch === "*") goals.push(c);
        if (ch === "B" || ch === "*") boxCells.push(c);
        if (ch >= "0" && ch <= "9") {
          const a = Number(ch);
          if (a >= this.numAgents)
            throw new EnvError(`map has agent ${a} but the env has ${this.numAgents} agents`);
          if (agentCells[a] >= 0) throw new EnvError(`map places agent ${a} twice`);
          agentCells[a] = c;
        }
      }
    });
    if (boxCells.length !== this.numBoxes || goals.length !== this.numBoxes) {
      throw new EnvError(
        `map needs ${this.numBoxes} boxes and ${this.numBoxes} goals, has ${boxCells.length} and ${goals.length}`
      );
    }
    if (agentCells.includes(-1))
      throw new EnvError(`map must place agents 0..${this.numAgents - 1}`);
    return { walls, goals, boxCells, agentCells };
  }

  /** A floor cell whose four neighbours are floor, so a box there can be pushed every way. */
  private interiorOpen(cell: number): boolean {
    for (let m = 1; m <= 4; m++) if (this.neighbour(cell, m) < 0) return false;
    return true;
  }

  protected applyActions(actions: Record<AgentId, number>, rewards: Float64Array): void {
    let delta = 0;
    for (let a = 0; a < this.numAgents; a++) {
      const move = actions[this.possibleAgents[a]];
      if (move === 0) continue;
      const to = this.neighbour(this.pos[a], move);
      if (to < 0) continue;
      const o = this.occ[to] - 1;
      if (o >= this.numAgents) {
        const behind = this.neighbour(to, move);
        if (behind < 0 || this.occ[behind] !== 0) continue;
        delta += this.isGoal[behind] - this.isGoal[to];
        this.moveObject(o, behind, a);
        this.moveObject(a, to, a);
      } else if (o < 0) {
        this.moveObject(a, to, a);
      }
    }
    this.onGoal += delta;
    const r = delta - 0.01;
    for (let a = 0; a < this.numAgents; a++) rewards[a] = r;
  }

  protected isTerminal(): boolean {
    return this.onGoal === this.numBoxes;
  }

  protected cellCode(cell: number, viewer: number): number {
    const o = this.occ[cell] - 1;
    if (o >= this.numAgents) return this.isGoal[cell] ? 5 : 4;
    if (o >= 0) return o === viewer ? 7 : 6;
    return this.isGoal[cell] ? 3 : 1; // goal or floor
  }

  protected glyph(cell: number): CellGlyph {
    if (this.map.walls[cell]) return { ch: "#", bg: COLORS.wall };
    const bg = this.isGoal[cell] ? COLORS.goal : COLORS.floor;
    const o = this.occ[cell] - 1;
    if (o >= this.numAgents) return { ch: this.isGoal[cell] ? "*" : "B", bg, fg: COLORS.box };
    if (o >= 0) return { ch: String(o % 10), bg, fg: agentColor(o), round: true, label: String(o) };
    return { ch: this.isGoal[cell] ? "G" : ".", bg };
  }

  protected statusLines(): string[] {
    return [`t=${this.t} boxes on goals: ${this.onGoal}/${this.numBoxes}`];
  }

  /**
   * The scripted expert (it uses the full state): each agent takes a box not yet on a goal
   * (agent i the i-th such box), picks the nearest free goal, walks behind the box and pushes it
   * along the axis with the larger remaining distance.
   */
  expertAction(agent: AgentId): number {
    const a = this.agentIdx(agent);
    const pending: number[] = [];
    for (let b = 0; b < this.numBoxes; b++) {
      if (!this.isGoal[this.pos[this.numAgents + b]]) pending.push(this.numAgents + b);
    }
    if (pending.length === 0) return 0;
    const box = pending[a % pending.length];
    const w = this.map.width;
    const bc = this.pos[box];
    const bx = bc % w;
    const by = Math.floor(bc / w);
    let goal = -1;
    let best = Infinity;
    for (const g of this.goals) {
      if (this.occ[g] !== 0 && this.occ[g] - 1 >= this.numAgents) continue;
      const d = Math.abs((g % w) - bx) + Math.abs(Math.floor(g / w) - by);
      if (d < best) {
        best = d;
        goal = g;
      }
    }
    if (goal < 0) return 0;
    const dx = (goal % w) - bx;
    const dy = Math.floor(goal / w) - by;
    const horizontal = dx > 0 ? 4 : 3;
    const vertical = dy > 0 ? 2 : 1;
    const moves =
      Math.abs(dx) >= Math.abs(dy)
        ? [dx && horizontal, dy && vertical]
        : [dy && vertical, dx && horizontal];
    const isBox = (c: number): boolean => this.occ[c] - 1 >= this.numAgents;
    for (const move of moves) {
      if (!move) continue;
      const ahead = this.neighbour(bc, move);
      const pushFrom = this.neighbour(bc, OPPOSITE[move]);
      if (ahead < 0 || pushFrom < 0 || this.occ[ahead] !== 0) continue;
      if (this.pos[a] === pushFrom) return move;
      const step = this.stepToward(this.pos[a], pushFrom, isBox);
      if (step !== 0) return step;
    }
    return 1 + this.rng.int(4);
  }
}

const OPPOSITE = [0, 2, 1, 4, 3] as const;

function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EnvError(`${name} must be an integer in [${min}, ${max}], got ${String(value)}`);
  }
}

export { checkInt };
