/**
 * SocialDeception's scripted policies, kept apart from its rules: the expert (which reasons about
 * what the others see) and the belief-blind script a depth-0 agent rolls out with. They read the
 * world through a `DeceptionView`; the deceiver's plan (decoy, phase) is their own state.
 *
 * ```ts
 * const script = new DeceptionScript(view);
 * script.expert(0); // the deceiver's next action
 * ```
 */

/** Where the treasure is when the deceiver carries it. */
export const CARRIED = -1;

/**
 * What the scripts read of the world (agent and object indices; the deceiver is agent 0).
 *
 * ```ts
 * const view: DeceptionView = env.scriptView();
 * ```
 */
export interface DeceptionView {
  readonly numAgents: number;
  readonly tomRules: boolean;
  /** The cell of each cache. */
  readonly caches: readonly number[];
  /** The cell of each object. */
  readonly pos: Int32Array;
  /** Where the treasure is: a cache index or CARRIED. */
  treasure(): number;
  /** Agent a's belief about the treasure (a cache index, CARRIED, or below for none). */
  belief(a: number): number;
  ruledOut(a: number, cache: number): boolean;
  raidsLeft(a: number): number;
  cacheInReach(a: number): number;
  sees(a: number, cell: number): boolean;
  memoryOf(a: number, o: number): number;
  stepToward(from: number, goal: number): number;
  distancesFrom(cell: number): Int32Array;
}

/**
 * The scripted policies of SocialDeception over a view of the world.
 *
 * ```ts
 * new DeceptionScript(view).blind(0);
 * ```
 */
export class DeceptionScript {
  /** The cache the deceiver feints at (-1: not chosen yet). */
  private decoy = -1;
  /** 0: going to feint, 1: going to hide, 2: hidden. */
  private phase = 0;

  constructor(private readonly w: DeceptionView) {}

  /** Starts the deceiver's plan afresh (a new episode, or a state set from outside). */
  restart(): void {
    this.decoy = -1;
    this.phase = this.w.treasure() === CARRIED ? 0 : 2;
  }

  /** Whether a thief that could still steal (tom rules: its raid unspent) sees the deceiver. */
  private watched(): boolean {
    for (let a = 1; a < this.w.numAgents; a++)
      if (this.w.sees(a, this.w.pos[0]) && (!this.w.tomRules || this.w.raidsLeft(a) > 0))
        return true;
    return false;
  }

  /**
   * The scripted expert. The deceiver walks to the nearest cache and feints a drop there while
   * watched (the decoy), then carries the treasure to the cache farthest from the decoy, drops it
   * when nobody watches, and stands guard on it. A thief raids the cache it
   * believes holds the treasure unless it found it empty there; otherwise it watches the deceiver
   * while it sees it, and sweeps the caches it has not found empty while it does not. Under tom
   * rules a thief with its raid spent stays put, and one without a cache to raid follows the
   * deceiver (to where it last saw it) to see where the treasure goes.
   */
  expert(agent: number): number {
    const a = agent;
    const here = this.w.pos[a];
    if (a === 0) return this.deceiverExpert(here);
    if (this.w.tomRules && this.w.raidsLeft(a) === 0) return 0;
    const belief = this.w.belief(a);
    if (belief >= 0 && !this.w.ruledOut(a, belief)) {
      const cell = this.w.caches[belief];
      if (this.w.cacheInReach(a) === belief) return 5;
      return this.w.stepToward(here, cell);
    }
    if (this.w.tomRules) {
      const last = this.w.memoryOf(a, 0);
      const target = last >= 0 ? last : this.w.pos[0];
      const d = this.w.distancesFrom(here)[target];
      return d >= 0 && d <= 2 ? 0 : this.w.stepToward(here, target);
    }
    if (this.w.sees(a, this.w.pos[0])) return 0;
    // Out of sight of the deceiver: sweep the caches not yet found empty, nearest first.
    const dist = this.w.distancesFrom(here);
    let next = -1;
    for (let k = 0; k < this.w.caches.length; k++) {
      if (this.w.ruledOut(a, k) || dist[this.w.caches[k]] < 0) continue;
      if (next < 0 || dist[this.w.caches[k]] < dist[this.w.caches[next]]) next = k;
    }
    if (next < 0) {
      // Every cache found empty: the treasure is carried; go and watch the deceiver again.
      const last = this.w.memoryOf(a, 0);
      return this.w.stepToward(here, last >= 0 ? last : this.w.pos[0]);
    }
    return here === this.w.caches[next] ? 5 : this.w.stepToward(here, this.w.caches[next]);
  }

  /**
   * The deceiver's script without what depends on the thieves' views or beliefs (a depth-0
   * agent's own policy: to it the thieves are part of the environment, with nothing to fool): it
   * carries the treasure to the nearest cache and drops it there at once, then stays.
   * Thieves have no view-dependent script: theirs is returned as it is.
   */
  blind(agent: number): number {
    const a = agent;
    if (a !== 0) return this.expert(agent);
    const here = this.w.pos[0];
    if (this.w.treasure() !== CARRIED) return 0;
    const hide = this.w.caches[this.nearestCache(here)];
    return here === hide ? 5 : this.w.stepToward(here, hide);
  }

  private deceiverExpert(here: number): number {
    if (this.decoy < 0) this.decoy = this.nearestCache(here);
    const decoyCell = this.w.caches[this.decoy];
    if (this.phase === 0) {
      if (here !== decoyCell) return this.w.stepToward(here, decoyCell);
      if (!this.watched()) return 0;
      this.phase = 1;
      return 7;
    }
    if (this.phase === 1 && this.w.treasure() === CARRIED) {
      const hide = this.w.caches[this.farthestCache(decoyCell)];
      if (here !== hide) return this.w.stepToward(here, hide);
      return this.watched() ? 0 : 5;
    }
    // Hidden: guard the cache by standing on it (nobody can raid a cell the deceiver occupies).
    this.phase = 2;
    return 0;
  }

  private nearestCache(from: number): number {
    const dist = this.w.distancesFrom(from);
    let best = 0;
    for (let k = 1; k < this.w.caches.length; k++)
      if (
        dist[this.w.caches[k]] >= 0 &&
        (dist[this.w.caches[best]] < 0 || dist[this.w.caches[k]] < dist[this.w.caches[best]])
      )
        best = k;
    return best;
  }

  private farthestCache(from: number): number {
    const dist = this.w.distancesFrom(from);
    let best = 0;
    for (let k = 1; k < this.w.caches.length; k++)
      if (dist[this.w.caches[k]] > dist[this.w.caches[best]]) best = k;
    return best;
  }
}
