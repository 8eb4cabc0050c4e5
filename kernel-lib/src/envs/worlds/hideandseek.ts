/**
 * HideAndSeek: hiders win by being where the seekers do not believe they are. Each step a hider
 * gets +1 when no seeker holds a definite, correct belief about its cell (from what the seekers
 * witnessed: seeing it, or seeing it move), and -1 otherwise; a seeker gets the negated mean of
 * the hiders' rewards. Inner walls give cover. The episode is truncated after `episodeLength`.
 *
 * Rules `"tom"` (option `rules`; default `"classic"`, the rules above) make the seekers' beliefs
 * decide the game: a hider is caught when a seeker reaches it (stands on a neighbouring cell),
 * which ends the episode; the seekers go where they believe a hider is, or where they last saw
 * one, so a hider that slips out of view and away from where it was seen leads them astray. A
 * hider gets -10 when caught, otherwise +0.1 per step while no seeker locates it and -0.1 while
 * one does; a seeker gets the negated mean of the hiders' rewards. A hider wins by not being
 * caught.
 *
 * Agents: `hider_0..`, `seeker_0..`. Actions: Discrete(5) moves. View codes: 0 unseen, 1 floor,
 * 2 wall, 3 a hider, 4 a seeker, 5 the viewer itself.
 *
 * ```ts
 * const env = new HideAndSeek({ arenaSize: 11, numHiders: 2, numSeekers: 2, episodeLength: 60 });
 * env.reset({ seed: 3 });
 * ```
 */
import type { AgentId } from "../../epistemic/events";
import { GridWorld, GridWorldOptions } from "../gridworld";
import { COLORS, CellGlyph, agentColor } from "../render";
import type { Rng } from "../../random/rng";
import { Discrete } from "../spaces";
import { checkInt } from "./boxworld";
import { EnvError } from "../env";

/**
 * Options of HideAndSeek.
 *
 * ```ts
 * new HideAndSeek({ arenaSize: 11, numHiders: 2, numSeekers: 2, episodeLength: 60 });
 * ```
 */
export interface HideAndSeekOptions extends Omit<GridWorldOptions, "maxSteps"> {
  /** Side of the square arena, border included. Default 11. */
  arenaSize?: number;
  /** Hiders (`hider_0`, ...): 1 to 16, default 2. */
  numHiders?: number;
  /** Seekers (`seeker_0`, ...): 1 to 16, default 2. */
  numSeekers?: number;
  /** Steps per episode. Default 60. */
  episodeLength?: number;
  /** `"classic"` (default) or `"tom"`: caught by a seeker's reach (see the module comment). */
  rules?: "classic" | "tom";
}

/**
 * The hide-and-seek world (rules in the module comment).
 *
 * ```ts
 * const env = new HideAndSeek();
 * env.reset({ seed: 0 });
 * env.isLocated("hider_0");
 * ```
 */
export class HideAndSeek extends GridWorld<number> {
  readonly name = "HideAndSeek";
  protected readonly maxCode = 5;
  private readonly numHiders: number;
  /** Per seeker, the cell it is exploring towards. */
  private readonly exploreGoal: Int32Array;
  private readonly tomRules: boolean;
  /** Tom rules: per seeker and hider, the cell where it last saw the hider (-1: none, or visited). */
  private readonly lastSeen: Int32Array;
  /** Tom rules: whether a hider has been caught. */
  private caught = false;

  constructor(options: HideAndSeekOptions = {}) {
    const arenaSize = options.arenaSize ?? 11;
    const numHiders = options.numHiders ?? 2;
    const numSeekers = options.numSeekers ?? 2;
    const episodeLength = options.episodeLength ?? 60;
    checkInt("arenaSize", arenaSize, 7, 64);
    checkInt("numHiders", numHiders, 1, 16);
    checkInt("numSeekers", numSeekers, 1, 16);
    checkInt("episodeLength", episodeLength, 1, 100000);
    const rules = options.rules ?? "classic";
    if (rules !== "classic" && rules !== "tom") {
      throw new EnvError(
        `HideAndSeek: rules must be "classic" or "tom", got ${JSON.stringify(rules)}`
      );
    }
    const agents = [
      ...Array.from({ length: numHiders }, (_, i) => `hider_${i}`),
      ...Array.from({ length: numSeekers }, (_, i) => `seeker_${i}`)
    ];
    super(
      arenaSize,
      arenaSize,
      agents,
      [],
      { ...options, maxSteps: episodeLength },
      { arenaSize, numHiders, numSeekers, episodeLength, rules }
    );
    this.numHiders = numHiders;
    this.exploreGoal = new Int32Array(numSeekers);
    this.tomRules = rules === "tom";
    this.lastSeen = new Int32Array(numSeekers * numHiders);
    this.usesMemory = true;
  }

  /** Discrete(5) moves for every agent. */
  protected createActionSpace(): Discrete {
    return new Discrete(5);
  }

  /** Whether some seeker holds a definite, correct belief about where `hider` is. */
  isLocated(hider: AgentId): boolean {
    return this.located(this.agentIdx(hider));
  }

  /**
   * Whether `hider` has been caught (tom rules: a seeker reached it; the episode ends).
   *
   * ```ts
   * if (step.terminations.hider_0) env.isCaught("hider_0"); // true
   * ```
   */
  isCaught(hider: AgentId): boolean {
    const h = this.agentIdx(hider);
    return this.caught && this.reached(h);
  }

  private reached(h: number): boolean {
    for (let m = 1; m <= 4; m++) {
      const c = this.neighbour(this.pos[h], m);
      if (c >= 0 && this.occ[c] > this.numHiders) return true;
    }
    return false;
  }

  private located(h: number): boolean {
    for (let s = this.numHiders; s < this.numAgents; s++)
      if (this.memoryOf(s, h) === this.pos[h]) return true;
    return false;
  }

  protected layoutGrid(rng: Rng): void {
    const n = this.map.width;
    this.map.addBorder();
    // Pillars and short walls for cover.
    const count = Math.floor((n * n) / 18);
    for (let i = 0; i < count; i++) {
      const x = rng.intBetween(2, n - 3);
      const y = rng.intBetween(2, n - 3);
      this.map.setWall(x, y);
      if (rng.int(2) === 0) this.map.setWall(Math.min(n - 3, x + 1), y);
      else this.map.setWall(x, Math.min(n - 3, y + 1));
    }
    const half = Math.floor(n / 2);
    for (let a = 0; a < this.numAgents; a++) {
      const hider = a < this.numHiders;
      // Hiders start on the left half, seekers on the right.
      this.placeObject(
        a,
        this.randomFreeCell(rng, (c) => c % n < half === hider)
      );
    }
    this.exploreGoal.fill(-1);
    this.lastSeen.fill(-1);
    this.caught = false;
  }

  /** Seekers pick new places to explore and remember only what the state gives them. */
  protected setWorldState(): void {
    this.exploreGoal.fill(-1);
    this.lastSeen.fill(-1);
    this.caught = false;
  }

  protected applyActions(actions: Record<AgentId, number>): void {
    for (let a = 0; a < this.numAgents; a++) this.tryMoveAgent(a, actions[this.possibleAgents[a]]);
  }

  protected afterStep(rewards: Float64Array): void {
    let sum = 0;
    for (let h = 0; h < this.numHiders; h++) {
      if (this.tomRules && this.reached(h)) {
        this.caught = true;
        rewards[h] = -10;
      } else rewards[h] = (this.located(h) ? -1 : 1) * (this.tomRules ? 0.1 : 1);
      sum += rewards[h];
    }
    for (let s = this.numHiders; s < this.numAgents; s++) rewards[s] = -sum / this.numHiders;
  }

  protected isTerminal(): boolean {
    return this.caught;
  }

  protected cellCode(cell: number, viewer: number): number {
    const o = this.occ[cell] - 1;
    if (o < 0) return 1;
    if (o === viewer) return 5;
    return o < this.numHiders ? 3 : 4;
  }

  protected glyph(cell: number): CellGlyph {
    if (this.map.walls[cell]) return { ch: "#", bg: COLORS.wall };
    const o = this.occ[cell] - 1;
    if (o < 0) return { ch: ".", bg: COLORS.floor };
    const hider = o < this.numHiders;
    const i = hider ? o : o - this.numHiders;
    return {
      ch: hider ? "H" : "S",
      bg: COLORS.floor,
      fg: agentColor(hider ? 0 : 1),
      round: !hider,
      label: `${hider ? "h" : "s"}${i}`
    };
  }

  protected statusLines(): string[] {
    const located = [];
    for (let h = 0; h < this.numHiders; h++)
      if (this.located(h)) located.push(this.possibleAgents[h]);
    const caught = this.caught ? " (caught)" : "";
    return [`t=${this.t} located: ${located.length ? located.join(", ") : "none"}${caught}`];
  }

  /**
   * The scripted expert. A hider moves to the neighbouring cell seen by the fewest seekers it knows
   * of (where it last saw them), breaking ties by distance from them. A seeker chases a hider it
   * sees or last saw, otherwise explores towards random cells. Under tom rules a seeker that has
   * lost sight of a hider first goes to where it last saw it.
   */
  expertAction(agent: AgentId): number {
    return this.script(this.agentIdx(agent), true);
  }

  /**
   * The script without what depends on the others' views or beliefs (a depth-0 agent's own
   * policy: to it the others are part of the environment): a hider steps to the neighbouring cell
   * farthest from the seekers it knows of, whether they can see it there or not. A seeker's
   * script needs no change (it acts on what it sees itself).
   *
   * ```ts
   * env.beliefBlindAction("hider_0");
   * ```
   */
  beliefBlindAction(agent: AgentId): number {
    return this.script(this.agentIdx(agent), false);
  }

  private script(a: number, views: boolean): number {
    const w = this.map.width;
    const here = this.pos[a];
    if (a < this.numHiders) {
      let best = 0;
      let bestScore = -Infinity;
      for (let m = 0; m <= 4; m++) {
        const c = m === 0 ? here : this.neighbour(here, m);
        if (c < 0 || (m > 0 && this.occ[c] !== 0)) continue;
        let score = 0;
        for (let s = this.numHiders; s < this.numAgents; s++) {
          const sc = this.memoryOf(a, s);
          if (sc < 0) continue;
          const dx = (sc % w) - (c % w);
          const dy = Math.floor(sc / w) - Math.floor(c / w);
          const r = this.los.radius + 1;
          if (
            views &&
            dx * dx + dy * dy <= r * r &&
            this.map.canSee(sc % w, Math.floor(sc / w), c % w, Math.floor(c / w))
          )
            score -= 10;
          score += Math.min(Math.abs(dx) + Math.abs(dy), 8) * 0.1;
        }
        if (score > bestScore) {
          bestScore = score;
          best = m;
        }
      }
      return best;
    }
    const s = a - this.numHiders;
    let goal = -1;
    let bestD = Infinity;
    for (let h = 0; h < this.numHiders; h++) {
      const c = this.memoryOf(a, h);
      if (this.tomRules && c >= 0) this.lastSeen[s * this.numHiders + h] = c;
      if (c < 0) continue;
      const d = Math.abs((c % w) - (here % w)) + Math.abs(Math.floor(c / w) - Math.floor(here / w));
      if (d < bestD) {
        bestD = d;
        goal = c;
      }
    }
    if (goal >= 0) return this.stepToward(here, goal);
    if (this.tomRules) {
      const chase = this.lastSeenGoal(a, s);
      if (chase >= 0) return this.stepToward(here, chase);
    }
    if (this.exploreGoal[s] < 0 || this.exploreGoal[s] === here) {
      this.exploreGoal[s] = this.randomFreeCell(this.rng);
    }
    const move = this.stepToward(here, this.exploreGoal[s]);
    if (move === 0) this.exploreGoal[s] = -1;
    return move;
  }

  /** The nearest cell where seeker `s` last saw a hider it has lost, until it gets there. */
  private lastSeenGoal(a: number, s: number): number {
    const here = this.pos[a];
    let best = -1;
    let bestD = Infinity;
    for (let h = 0; h < this.numHiders; h++) {
      const k = s * this.numHiders + h;
      if (this.lastSeen[k] === here) this.lastSeen[k] = -1;
      const c = this.lastSeen[k];
      if (c < 0) continue;
      const d = this.map.distancesTo(here)[c];
      if (d >= 0 && d < bestD) {
        bestD = d;
        best = c;
      }
    }
    return best;
  }
}
