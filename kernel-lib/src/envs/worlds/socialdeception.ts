/**
 * SocialDeception: the deceiver carries a treasure and profits from thieves' false beliefs about
 * where it is. It can drop the treasure into a cache or pick it up again, or feint a drop; a drop,
 * pick-up or feint is seen only by thieves that see the deceiver at that moment. A feint is a lie
 * told by action: an announcement "the treasure is in this cache" that watching thieves believe.
 * A thief standing on a cache can raid it. The trick: feint at a decoy cache while watched, then
 * hide the treasure elsewhere, unobserved.
 *
 * Fluent `at(treasure)`: "carried" or "cache_k"; everyone knows at the start that the deceiver
 * carries it. Rewards per step: the deceiver +0.1 for each thief holding a definite false belief
 * about `at(treasure)`; a successful raid gives the thief +10 and the deceiver -10 and ends the
 * episode; an empty raid costs the thief 0.2 and tells it the treasure is not there (a negative
 * observation; thieves watching see it raid, not what it found); if at the end the treasure
 * lies hidden in a cache, never found, the deceiver gets +5.
 *
 * Rules `"tom"` (option `rules`; default `"classic"`, the rules above) make what the thieves
 * believe decide the game: each thief has one raid, and it reaches the cache on its cell or on a
 * neighbouring one (standing guard on a cache no longer protects it). A thief that saw the drop
 * walks over and steals; a thief fooled by a feint spends its raid on the decoy; a thief that saw
 * nothing still believes the treasure carried and only follows the deceiver. The deceiver wins
 * when the treasure ends hidden, never stolen; the rewards are those above.
 *
 * Agents: `deceiver`, `thief_0..`. Actions: the deceiver Discrete(8) (0-4 moves, 5 drop, 6 pick
 * up, 7 feint), a thief Discrete(6) (0-4 moves, 5 raid). View codes: 0 unseen, 1 floor, 2 wall, 3 cache,
 * 4 the deceiver, 5 a thief, 6 the viewer itself.
 *
 * ```ts
 * const env = new SocialDeception({ numThieves: 3, numCaches: 3, rules: "tom" });
 * env.reset({ seed: 1 });
 * ```
 */
import type { AgentId, Fluent, Value } from "../../epistemic/events";
import { GridWorld, GridWorldOptions } from "../gridworld";
import { COLORS, CellGlyph, agentColor } from "../render";
import type { Rng } from "../../random/rng";
import { Discrete } from "../spaces";
import { checkInt } from "./boxworld";
import { believed, SimulationState } from "../sim-state";
import { EnvError } from "../env";
import { CARRIED, DeceptionScript, type DeceptionView } from "./socialdeception-script";

/**
 * Options of SocialDeception.
 *
 * ```ts
 * new SocialDeception({ numThieves: 3, numCaches: 3 });
 * ```
 */
export interface SocialDeceptionOptions extends GridWorldOptions {
  /** Thieves (`thief_0`, ...) besides the deceiver: 1 to 16, default 2. */
  numThieves?: number;
  /** Caches the treasure can be hidden in: 2 to 16, default 3. */
  numCaches?: number;
  /** Side of the square map, border included. Default 11. */
  gridSize?: number;
  /**
   * `"classic"` (default): raids only from the cache's own cell, as often as a thief likes.
   * `"tom"`: one raid per thief, reaching neighbouring caches too (see the module comment).
   */
  rules?: "classic" | "tom";
}

/** A thief's belief after finding empty the cache it was sure of: no definite belief. */
const UNKNOWN = -2;

/**
 * The deception world (rules in the module comment; the scripted policies in
 * socialdeception-script.ts).
 *
 * ```ts
 * const env = new SocialDeception();
 * env.reset({ seed: 0 });
 * env.believedTreasureLocation("thief_0"); // "carried"
 * ```
 */
export class SocialDeception extends GridWorld<number> {
  readonly name = "SocialDeception";
  protected readonly maxCode = 6;
  private readonly numCaches: number;
  private readonly caches: number[] = [];
  private readonly cacheAt: Int32Array;
  /** Where the treasure is: a cache index, or CARRIED. */
  private treasure = CARRIED;
  /** Per agent, its first-order belief about the treasure (cache index, CARRIED). */
  private readonly treasureBelief: Int32Array;
  /** Per thief and cache: 1 when the thief raided that cache and found it empty since it last saw a drop. */
  private readonly ruledOut: Uint8Array;
  private stolen = false;
  private readonly tomRules: boolean;
  /** Per agent, raids left (tom rules; thieves only). */
  private readonly raidsLeft: Uint8Array;
  private readonly script: DeceptionScript;

  constructor(options: SocialDeceptionOptions = {}) {
    const numThieves = options.numThieves ?? 2;
    const numCaches = options.numCaches ?? 3;
    const gridSize = options.gridSize ?? 11;
    const rules = options.rules ?? "classic";
    if (rules !== "classic" && rules !== "tom") {
      throw new EnvError(
        `SocialDeception: rules must be "classic" or "tom", got ${JSON.stringify(rules)}`
      );
    }
    checkInt("numThieves", numThieves, 1, 16);
    checkInt("numCaches", numCaches, 2, 16);
    checkInt("gridSize", gridSize, 7, 64);
    const agents = ["deceiver", ...Array.from({ length: numThieves }, (_, i) => `thief_${i}`)];
    super(
      gridSize,
      gridSize,
      agents,
      [],
      { maxSteps: 80, ...options },
      { numThieves, numCaches, gridSize, rules }
    );
    this.tomRules = rules === "tom";
    this.raidsLeft = new Uint8Array(agents.length);
    this.numCaches = numCaches;
    this.cacheAt = new Int32Array(gridSize * gridSize).fill(-1);
    this.treasureBelief = new Int32Array(agents.length);
    this.ruledOut = new Uint8Array(agents.length * numCaches);
    this.usesMemory = true;
    this.positionsCommonKnowledge = true;
    this.script = new DeceptionScript(this.scriptView());
  }

  /** The deceiver (agent 0) Discrete(8), a thief Discrete(6). */
  protected createActionSpace(agent: number): Discrete {
    return new Discrete(agent === 0 ? 8 : 6);
  }

  /** Where the treasure really is: "carried" or "cache_k". */
  get treasureLocation(): string {
    return this.valueOf(this.treasure);
  }

  /**
   * Where `agent` believes the treasure is, from the drops, pick-ups and empty raids it
   * witnessed; undefined when it has no definite belief (it found its cache empty).
   */
  believedTreasureLocation(agent: AgentId): string | undefined {
    const b = this.treasureBelief[this.agentIdx(agent)];
    return b === UNKNOWN ? undefined : this.valueOf(b);
  }

  private valueOf(where: number): string {
    return where === CARRIED ? "carried" : where === UNKNOWN ? "?" : `cache_${where}`;
  }

  protected worldFluents(): {
    world: Record<Fluent, Value>;
    domains: Record<Fluent, Value[]>;
    commonKnowledge: Fluent[];
  } {
    return {
      world: { "at(treasure)": "carried" },
      domains: {
        "at(treasure)": [
          "carried",
          ...Array.from({ length: this.numCaches }, (_, k) => `cache_${k}`)
        ]
      },
      commonKnowledge: ["at(treasure)"]
    };
  }

  protected layoutGrid(rng: Rng): void {
    const n = this.map.width;
    this.map.addBorder();
    // A wall across the middle with two doors: the two halves hide each other.
    const mid = Math.floor(n / 2);
    for (let x = 1; x < n - 1; x++) this.map.setWall(x, mid);
    this.map.setWall(rng.intBetween(1, Math.floor(n / 2) - 1), mid, false);
    this.map.setWall(rng.intBetween(Math.floor(n / 2) + 1, n - 2), mid, false);
    const isDoorway = (c: number): boolean => {
      const y = Math.floor(c / n);
      return y === mid || y === mid - 1 || y === mid + 1;
    };
    this.cacheAt.fill(-1);
    this.caches.length = 0;
    for (let k = 0; k < this.numCaches; k++) {
      const c = this.randomFreeCell(rng, (cell) => this.cacheAt[cell] < 0 && !isDoorway(cell));
      this.caches.push(c);
      this.cacheAt[c] = k;
    }
    for (let a = 0; a < this.numAgents; a++)
      this.placeObject(
        a,
        this.randomFreeCell(rng, (c) => this.cacheAt[c] < 0)
      );
    this.treasure = CARRIED;
    this.treasureBelief.fill(CARRIED);
    this.ruledOut.fill(0);
    this.stolen = false;
    this.script.restart();
    this.raidsLeft.fill(1);
  }

  /** `at(treasure)` and each agent's belief about it; raids, feints and guard plans start afresh. */
  protected setWorldState(state: SimulationState): void {
    this.treasure = this.parseWhere(state.world["at(treasure)"], "the world");
    for (let a = 0; a < this.numAgents; a++) {
      const v = believed(state, this.possibleAgents[a], "at(treasure)");
      this.treasureBelief[a] =
        v === undefined ? UNKNOWN : this.parseWhere(v, this.possibleAgents[a]);
    }
    this.ruledOut.fill(0);
    this.stolen = false;
    // The raids spent are not part of the state: a simulation gives every thief its raid back.
    this.raidsLeft.fill(1);
    this.script.restart();
  }

  private parseWhere(value: Value | undefined, whose: string): number {
    if (value === "carried") return CARRIED;
    const k = typeof value === "string" && /^cache_\d+$/.test(value) ? Number(value.slice(6)) : -1;
    if (k < 0 || k >= this.numCaches) {
      throw new EnvError(
        `${this.name}.setState: at(treasure) of ${whose} must be "carried" or cache_0..cache_${this.numCaches - 1}, got ${JSON.stringify(value)}`
      );
    }
    return k;
  }

  protected applyActions(actions: Record<AgentId, number>): void {
    for (let a = 0; a < this.numAgents; a++) {
      const act = actions[this.possibleAgents[a]];
      if (act <= 4) this.tryMoveAgent(a, act);
    }
    this.pendingDeceiver = actions[this.possibleAgents[0]];
    this.pendingRaids = [];
    for (let a = 1; a < this.numAgents; a++) {
      if (actions[this.possibleAgents[a]] !== 5) continue;
      const k = this.cacheInReach(a);
      if (k < 0 || (this.tomRules && this.raidsLeft[a] === 0)) continue;
      if (this.tomRules) this.raidsLeft[a]--;
      this.pendingRaids.push(a);
      this.pendingTargets.push(k);
    }
  }

  private pendingDeceiver = 0;
  private pendingRaids: number[] = [];
  private pendingTargets: number[] = [];

  /**
   * The cache thief `a` can raid: the one on its cell; under tom rules also one on a neighbouring
   * cell, the one it believes holds the treasure first. -1 for none.
   */
  private cacheInReach(a: number): number {
    const here = this.cacheAt[this.pos[a]];
    if (!this.tomRules || here >= 0) return here;
    let found = -1;
    for (let m = 1; m <= 4; m++) {
      const c = this.neighbour(this.pos[a], m);
      const k = c < 0 ? -1 : this.cacheAt[c];
      if (k >= 0 && (found < 0 || k === this.treasureBelief[a])) found = k;
    }
    return found;
  }

  protected afterStep(rewards: Float64Array): void {
    const here = this.pos[0];
    const cache = this.cacheAt[here];
    if (this.pendingDeceiver === 5 && this.treasure === CARRIED && cache >= 0)
      this.moveTreasure(cache);
    else if (this.pendingDeceiver === 6 && this.treasure >= 0 && this.treasure === cache)
      this.moveTreasure(CARRIED);
    else if (this.pendingDeceiver === 7 && cache >= 0) this.feint(cache);
    this.pendingRaids.forEach((thief, i) => {
      const k = this.pendingTargets[i];
      if (k === this.treasure && !this.stolen) {
        this.stolen = true;
        rewards[thief] += 10;
        rewards[0] -= 10;
        const witnesses = this.observersWhere((a) => a === thief || this.sees(a, this.pos[thief]));
        for (const name of Object.keys(witnesses))
          this.treasureBelief[this.possibleAgents.indexOf(name)] = k;
        this.emit({
          kind: "sensing",
          fluents: ["at(treasure)"],
          values: { "at(treasure)": `cache_${k}` },
          observers: witnesses,
          t: this.t,
          label: `${this.possibleAgents[thief]} raids cache_${k} and finds the treasure`
        });
      } else {
        rewards[thief] -= 0.2;
        if (k !== this.treasure) this.emptyRaid(thief, k);
        else this.ruledOut[thief * this.numCaches + k] = 1;
      }
    });
    this.pendingTargets = [];
    if (this.stolen) return;
    let fooled = 0;
    for (let a = 1; a < this.numAgents; a++) {
      const b = this.treasureBelief[a];
      if (b !== UNKNOWN && b !== this.treasure) fooled++;
    }
    rewards[0] += 0.1 * fooled;
    if (this.t >= this.maxSteps && this.treasure !== CARRIED) rewards[0] += 5;
  }

  /**
   * A raid that finds cache k empty: the thief learns the treasure is not there (a negative
   * observation); a thief sure of k no longer knows where it is (anywhere else, which overrides
   * what it had ruled out before). Watchers see the raid, not what it found.
   */
  private emptyRaid(thief: number, k: number): void {
    const row = thief * this.numCaches;
    if (this.treasureBelief[thief] === k) {
      this.treasureBelief[thief] = UNKNOWN;
      this.ruledOut.fill(0, row, row + this.numCaches);
    }
    this.ruledOut[row + k] = 1;
    // every cache ruled out: only "carried" is left
    if (
      this.treasureBelief[thief] === UNKNOWN &&
      this.ruledOut.subarray(row, row + this.numCaches).every((x) => x === 1)
    )
      this.treasureBelief[thief] = CARRIED;
    const observers = this.observersWhere((a) => a === thief || this.sees(a, this.pos[thief]));
    for (const name of Object.keys(observers))
      if (name !== this.possibleAgents[thief]) observers[name] = "partial";
    this.emit({
      kind: "negative",
      fluent: "at(treasure)",
      values: [`cache_${k}`],
      observers,
      t: this.t,
      label: `${this.possibleAgents[thief]} raids cache_${k} and finds it empty`
    });
  }

  private moveTreasure(to: number): void {
    const cell = this.pos[0];
    const observers = this.observersWhere((a) => a === 0 || this.sees(a, cell));
    for (let a = 0; a < this.numAgents; a++) {
      if (a !== 0 && !this.sees(a, cell)) continue;
      this.treasureBelief[a] = to;
      for (let k = 0; k < this.numCaches; k++) this.ruledOut[a * this.numCaches + k] = 0;
    }
    this.treasure = to;
    this.emit({
      kind: "ontic",
      actor: "deceiver",
      effects: { "at(treasure)": this.valueOf(to) },
      observers,
      t: this.t,
      label:
        to === CARRIED
          ? "the deceiver picks the treasure up"
          : `the deceiver drops the treasure in cache_${to}`
    });
  }

  private feint(cache: number): void {
    const cell = this.pos[0];
    const observers = this.observersWhere((a) => a === 0 || this.sees(a, cell));
    for (let a = 1; a < this.numAgents; a++) {
      if (!this.sees(a, cell)) continue;
      this.treasureBelief[a] = cache;
      this.ruledOut[a * this.numCaches + cache] = 0;
    }
    this.emit({
      kind: "announcement",
      speaker: "deceiver",
      claim: { fluent: "at(treasure)", value: `cache_${cache}` },
      observers,
      t: this.t,
      label: `the deceiver pretends to drop the treasure in cache_${cache}`
    });
  }

  protected isTerminal(): boolean {
    return this.stolen;
  }

  protected cellCode(cell: number, viewer: number): number {
    const o = this.occ[cell] - 1;
    if (o === viewer) return 6;
    if (o === 0) return 4;
    if (o > 0) return 5;
    return this.cacheAt[cell] >= 0 ? 3 : 1;
  }

  protected glyph(cell: number, viewer?: number): CellGlyph {
    if (this.map.walls[cell]) return { ch: "#", bg: COLORS.wall };
    const k = this.cacheAt[cell];
    const bg = k >= 0 ? COLORS.cache : COLORS.floor;
    const o = this.occ[cell] - 1;
    if (o === 0) return { ch: "D", bg, fg: agentColor(0), round: true, label: "D" };
    if (o > 0) return { ch: "T", bg, fg: agentColor(1), round: true, label: `t${o - 1}` };
    // A hidden treasure is not seen in a cache, so an agent's own view shows a plain cache.
    const treasure = viewer === undefined && this.treasure === k;
    return k >= 0 ? { ch: treasure ? "$" : "c", bg, label: String(k) } : { ch: ".", bg };
  }

  protected statusLines(): string[] {
    const beliefs = this.possibleAgents
      .slice(1)
      .map(
        (t, i) =>
          `${t}:${this.valueOf(this.treasureBelief[i + 1])}${this.tomRules && this.raidsLeft[i + 1] === 0 ? " (raided)" : ""}`
      );
    return [
      `t=${this.t} treasure: ${this.valueOf(this.treasure)}${this.stolen ? " (stolen)" : ""}`,
      `thieves believe ${beliefs.join(" ")}`
    ];
  }

  /**
   * The scripted expert. The deceiver walks to the nearest cache and feints a drop there while
   * watched (the decoy), then carries the treasure to the cache farthest from the decoy, drops it
   * when nobody watches (under tom rules: no thief that could still raid), and stands guard on
   * it. A thief raids the cache it believes holds the treasure unless it found it empty there;
   * otherwise it watches the deceiver while it sees it, and sweeps the caches it has not found
   * empty while it does not. Under tom rules a thief with its raid spent stays put, and one
   * without a cache to raid follows the deceiver (to where it last saw it) to see where the
   * treasure goes.
   *
   * ```ts
   * env.step(Object.fromEntries(env.agents.map((a) => [a, env.expertAction(a)])));
   * ```
   */
  expertAction(agent: AgentId): number {
    return this.script.expert(this.agentIdx(agent));
  }

  /**
   * The script without what depends on the thieves' views or beliefs (a depth-0 agent's own
   * policy: to it the thieves are part of the environment, with nothing to fool): the deceiver
   * carries the treasure to the nearest cache and drops it there at once, then stays. A thief's
   * script reads only its own perception and beliefs, so it is the expert's.
   *
   * ```ts
   * env.beliefBlindAction("deceiver");
   * ```
   */
  beliefBlindAction(agent: AgentId): number {
    return this.script.blind(this.agentIdx(agent));
  }

  /** What the scripts read of this world. */
  private scriptView(): DeceptionView {
    const numCaches = this.numCaches;
    return {
      numAgents: this.numAgents,
      tomRules: this.tomRules,
      caches: this.caches,
      pos: this.pos,
      treasure: () => this.treasure,
      belief: (a) => this.treasureBelief[a],
      ruledOut: (a, k) => this.ruledOut[a * numCaches + k] === 1,
      raidsLeft: (a) => this.raidsLeft[a],
      cacheInReach: (a) => this.cacheInReach(a),
      sees: (a, cell) => this.sees(a, cell),
      memoryOf: (a, o) => this.memoryOf(a, o),
      stepToward: (from, goal) => this.stepToward(from, goal),
      distancesFrom: (cell) => this.map.distancesTo(cell)
    };
  }
}
