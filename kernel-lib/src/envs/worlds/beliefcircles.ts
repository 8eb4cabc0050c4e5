/**
 * BeliefCircles: a theory-of-mind benchmark. The leader (`agent_0`) alone is shown which landmark
 * is the target. Every agent is rewarded (+1 per step) for standing on or next to the landmark the
 * LEADER BELIEVES is the target — not the true one. Midway the target may switch silently: only
 * agents that see the new target landmark at that moment notice (the leader usually does not), so
 * followers who noticed must still go where the leader believes, not where the target is.
 * With `communication`, agents can announce a landmark as the target to everyone who sees them
 * (listeners trust the claim, so a false claim misleads).
 *
 * Actions: Discrete(5) moves, or with communication MultiDiscrete([5, numLandmarks + 1]) = [move,
 * say] where say 0 is silence and k claims landmark_(k-1). Observations add `signal` (k+1 when the
 * agent saw landmark_k become the target this step) and `heard` (per speaker, the claimed landmark
 * + 1, or 0). View codes: 0 unseen, 1 floor, 2 wall, 3 + k landmark_k, then another agent, then self.
 *
 * ```ts
 * const env = new BeliefCircles({ numAgents: 4, numLandmarks: 3, communication: true });
 * env.reset({ seed: 0 });
 * ```
 */
import type { AgentId, Fluent, Value } from "../../epistemic/events";
import { GridWorld, GridWorldOptions } from "../gridworld";
import { COLORS, CellGlyph, agentColor } from "../render";
import type { Rng } from "../../random/rng";
import { Box, Discrete, MultiDiscrete, Space } from "../spaces";
import { checkInt } from "./boxworld";

/**
 * Options of BeliefCircles.
 *
 * ```ts
 * new BeliefCircles({ numAgents: 4, numLandmarks: 3, communication: true, switchProbability: 1 });
 * ```
 */
export interface BeliefCirclesOptions extends GridWorldOptions {
  /** Agents, the leader `agent_0` included: 2 to 16, default 3. */
  numAgents?: number;
  /** Landmarks, one of them the target: 2 to 16, default 3. */
  numLandmarks?: number;
  /** Let agents announce a landmark as the target (adds a "say" part to the action). Default false. */
  communication?: boolean;
  /** Side of the square arena, border included. Default 9. */
  gridSize?: number;
  /** Probability that the target switches once during the episode. Default 0.5. */
  switchProbability?: number;
}

/**
 * The theory-of-mind landmark world (rules in the module comment).
 *
 * ```ts
 * const env = new BeliefCircles({ numAgents: 3 });
 * env.reset({ seed: 0 });
 * env.believedTarget("agent_0");
 * ```
 */
export class BeliefCircles extends GridWorld<number | ArrayLike<number>> {
  readonly name = "BeliefCircles";
  protected readonly maxCode: number;
  private readonly numLandmarks: number;
  private readonly communication: boolean;
  private readonly switchProbability: number;
  private landmarks: number[] = [];
  private readonly landmarkAt: Int32Array;
  private target = 0;
  private switchAt = -1;
  /** First-order belief about the target per agent (landmark index, -1 unknown). */
  private readonly targetBelief: Int32Array;
  /** The leader's claim each follower last heard (landmark index, -1 none). */
  private readonly heardFromLeader: Int32Array;
  private readonly signal: Int32Array;
  private readonly heard: Int32Array;
  private readonly say: Int32Array;

  constructor(options: BeliefCirclesOptions = {}) {
    const numAgents = options.numAgents ?? 3;
    const numLandmarks = options.numLandmarks ?? 3;
    const gridSize = options.gridSize ?? 9;
    const communication = options.communication ?? false;
    checkInt("numAgents", numAgents, 2, 16);
    checkInt("numLandmarks", numLandmarks, 2, 16);
    checkInt("gridSize", gridSize, 7, 64);
    const agents = Array.from({ length: numAgents }, (_, i) => `agent_${i}`);
    super(
      gridSize,
      gridSize,
      agents,
      [],
      { maxSteps: 50, ...options },
      { numAgents, numLandmarks, communication, gridSize }
    );
    this.numLandmarks = numLandmarks;
    this.communication = communication;
    this.switchProbability = options.switchProbability ?? 0.5;
    this.maxCode = 4 + numLandmarks;
    this.landmarkAt = new Int32Array(gridSize * gridSize).fill(-1);
    this.targetBelief = new Int32Array(numAgents);
    this.heardFromLeader = new Int32Array(numAgents);
    this.signal = new Int32Array(numAgents);
    this.heard = new Int32Array(numAgents * numAgents);
    this.say = new Int32Array(numAgents);
    this.usesMemory = true;
  }

  /** Discrete(5) moves, or with communication MultiDiscrete([5, numLandmarks + 1]). */
  protected createActionSpace(): Space<number | ArrayLike<number>> {
    return this.communication ? new MultiDiscrete([5, this.numLandmarks + 1]) : new Discrete(5);
  }

  /** The true target landmark's name. */
  get trueTarget(): string {
    return `landmark_${this.target}`;
  }

  /** The landmark `agent` believes is the target (from the events it witnessed), or undefined. */
  believedTarget(agent: AgentId): string | undefined {
    const b = this.targetBelief[this.agentIdx(agent)];
    return b < 0 ? undefined : `landmark_${b}`;
  }

  protected worldFluents(): {
    world: Record<Fluent, Value>;
    domains: Record<Fluent, Value[]>;
    commonKnowledge: Fluent[];
  } {
    return {
      world: { target: `landmark_${this.target}` },
      domains: { target: Array.from({ length: this.numLandmarks }, (_, k) => `landmark_${k}`) },
      commonKnowledge: []
    };
  }

  protected layoutGrid(rng: Rng): void {
    const n = this.map.width;
    this.map.addBorder();
    for (let s = 0; s < Math.floor(n / 4); s++) {
      const x = rng.intBetween(2, n - 3);
      const y = rng.intBetween(2, n - 4);
      this.map.setWall(x, y);
      this.map.setWall(x, y + 1);
    }
    this.landmarkAt.fill(-1);
    this.landmarks = [];
    for (let k = 0; k < this.numLandmarks; k++) {
      const c = this.randomFreeCell(rng, (cell) => this.landmarkAt[cell] < 0);
      this.landmarks.push(c);
      this.landmarkAt[c] = k;
    }
    for (let a = 0; a < this.numAgents; a++)
      this.placeObject(
        a,
        this.randomFreeCell(rng, (c) => this.landmarkAt[c] < 0)
      );
    this.target = rng.int(this.numLandmarks);
    this.switchAt =
      rng.float() < this.switchProbability
        ? rng.intBetween(Math.floor(this.maxSteps / 3), Math.floor((2 * this.maxSteps) / 3))
        : -1;
    this.targetBelief.fill(-1);
    this.heardFromLeader.fill(-1);
    this.heard.fill(0);
    this.signal.fill(0);
    // The leader is shown the target, privately.
    this.targetBelief[0] = this.target;
    this.signal[0] = this.target + 1;
    this.emit({
      kind: "sensing",
      fluents: ["target"],
      observers: { [this.possibleAgents[0]]: "full" },
      t: 0,
      label: "the leader is shown the target"
    });
  }

  protected applyActions(actions: Record<AgentId, number | ArrayLike<number>>): void {
    this.signal.fill(0);
    this.heard.fill(0);
    for (let a = 0; a < this.numAgents; a++) {
      const act = actions[this.possibleAgents[a]];
      this.tryMoveAgent(a, typeof act === "number" ? act : act[0]);
      this.say[a] = typeof act === "number" ? 0 : act[1];
    }
  }

  protected afterStep(rewards: Float64Array): void {
    if (this.t === this.switchAt) {
      let next = this.target;
      while (next === this.target) next = this.rng.int(this.numLandmarks);
      this.target = next;
      const cell = this.landmarks[next];
      const observers = this.observersWhere((a) => this.sees(a, cell));
      for (let a = 0; a < this.numAgents; a++) {
        if (this.sees(a, cell)) {
          this.targetBelief[a] = next;
          this.signal[a] = next + 1;
        }
      }
      this.emit({
        kind: "ontic",
        effects: { target: `landmark_${next}` },
        observers,
        t: this.t,
        label: "the target switches"
      });
    }
    if (this.communication) this.announce();
    const leaderBelief = this.targetBelief[0];
    if (leaderBelief < 0) return;
    for (let a = 0; a < this.numAgents; a++)
      rewards[a] = this.near(this.pos[a], this.landmarks[leaderBelief]) ? 1 : 0;
  }

  private announce(): void {
    const say = this.say;
    for (let s = 0; s < this.numAgents; s++) {
      if (say[s] === 0) continue;
      const claim = say[s] - 1;
      const cell = this.pos[s];
      const listeners = this.observersWhere((a) => a === s || this.sees(a, cell));
      for (let a = 0; a < this.numAgents; a++) {
        if (a === s || !this.sees(a, cell)) continue;
        this.heard[a * this.numAgents + s] = claim + 1;
        this.targetBelief[a] = claim;
        if (s === 0) this.heardFromLeader[a] = claim;
      }
      this.emit({
        kind: "announcement",
        speaker: this.possibleAgents[s],
        claim: { fluent: "target", value: `landmark_${claim}` },
        observers: listeners,
        t: this.t
      });
    }
  }

  private near(cell: number, other: number): boolean {
    const w = this.map.width;
    return (
      Math.abs((cell % w) - (other % w)) <= 1 &&
      Math.abs(Math.floor(cell / w) - Math.floor(other / w)) <= 1
    );
  }

  protected isTerminal(): boolean {
    return false;
  }

  protected extraObservationSpaces(): Record<string, Space> {
    return {
      signal: new Box(0, this.numLandmarks, [1], "int32"),
      heard: new Box(0, this.numLandmarks, [this.numAgents], "int32")
    };
  }

  /** Agent `a`'s `signal` (what it saw become the target) and `heard` (each speaker's claim). */
  protected extraObservation(a: number): Record<string, Int32Array> {
    return {
      signal: Int32Array.of(this.signal[a]),
      heard: this.heard.slice(a * this.numAgents, (a + 1) * this.numAgents)
    };
  }

  protected cellCode(cell: number, viewer: number): number {
    const o = this.occ[cell] - 1;
    if (o >= 0) return o === viewer ? 4 + this.numLandmarks : 3 + this.numLandmarks;
    const k = this.landmarkAt[cell];
    return k >= 0 ? 3 + k : 1;
  }

  protected glyph(cell: number, viewer?: number): CellGlyph {
    if (this.map.walls[cell]) return { ch: "#", bg: COLORS.wall };
    const k = this.landmarkAt[cell];
    // An agent's own view does not mark the true target: no agent can see which one it is.
    const target = viewer === undefined && k === this.target;
    const bg = k < 0 ? COLORS.floor : target ? COLORS.target : COLORS.landmark;
    const o = this.occ[cell] - 1;
    if (o >= 0) return { ch: String(o % 10), bg, fg: agentColor(o), round: true, label: String(o) };
    return k >= 0
      ? { ch: String.fromCharCode(65 + k), bg, label: String.fromCharCode(65 + k) }
      : { ch: ".", bg };
  }

  protected statusLines(): string[] {
    const lead = this.targetBelief[0];
    return [
      `t=${this.t} target: landmark_${this.target} (${String.fromCharCode(65 + this.target)}); leader believes: ${lead < 0 ? "?" : `landmark_${lead}`}`
    ];
  }

  /**
   * The scripted expert: the leader walks to the landmark it believes is the target and, with
   * communication, announces it; a follower walks to the landmark the leader last claimed, else
   * towards where it last saw the leader, else to the middle of the arena.
   */
  expertAction(agent: AgentId): number | Int32Array {
    const a = this.agentIdx(agent);
    let goal = -1;
    if (a === 0) {
      if (this.targetBelief[0] >= 0) goal = this.landmarks[this.targetBelief[0]];
    } else if (this.heardFromLeader[a] >= 0) {
      goal = this.landmarks[this.heardFromLeader[a]];
    } else {
      // Follow the leader; never having seen it, head for the middle, where it is likely seen.
      goal = this.memoryOf(a, 0);
      if (goal < 0) {
        const w = this.map.width;
        const mid = Math.floor(this.map.height / 2) * w + Math.floor(w / 2);
        goal = this.map.walls[mid] === 0 ? mid : this.landmarks[0];
      }
    }
    let move = 0;
    if (goal >= 0 && !this.near(this.pos[a], goal)) move = this.stepToward(this.pos[a], goal);
    else if (goal < 0) move = 1 + this.rng.int(4);
    if (!this.communication) return move;
    const say = a === 0 && this.targetBelief[0] >= 0 ? this.targetBelief[0] + 1 : 0;
    return Int32Array.of(move, say);
  }
}
