/**
 * SocialDeception: the deception world (rules and events in socialdeception-rules.ts) with its
 * scripted policies: the expert (who reasons about what the others see) and the belief-blind
 * script a depth-0 agent rolls out with.
 *
 * ```ts
 * const env = new SocialDeception({ numThieves: 3, numCaches: 3 });
 * env.reset({ seed: 1 });
 * env.expertAction("deceiver");
 * ```
 */
import type { AgentId } from "../../epistemic/events";
import { CARRIED, SocialDeceptionRules } from "./socialdeception-rules";

export type { SocialDeceptionOptions } from "./socialdeception-rules";

/**
 * The deception world: the deceiver hides a treasure from thieves who raid the cache they
 * believe holds it (rules in socialdeception-rules.ts; `rules: "tom"` makes beliefs decide).
 *
 * ```ts
 * const env = new SocialDeception();
 * env.reset({ seed: 0 });
 * env.believedTreasureLocation("thief_0"); // "carried"
 * ```
 */
export class SocialDeception extends SocialDeceptionRules {
  /** Whether a thief that could still steal (tom rules: its raid unspent) sees the deceiver. */
  private watched(): boolean {
    for (let a = 1; a < this.numAgents; a++)
      if (this.sees(a, this.pos[0]) && (!this.tomRules || this.raidsLeft[a] > 0)) return true;
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
  expertAction(agent: AgentId): number {
    const a = this.agentIdx(agent);
    const here = this.pos[a];
    if (a === 0) return this.deceiverExpert(here);
    if (this.tomRules && this.raidsLeft[a] === 0) return 0;
    const belief = this.treasureBelief[a];
    if (belief >= 0 && !this.ruledOut[a * this.numCaches + belief]) {
      const cell = this.caches[belief];
      if (this.cacheInReach(a) === belief) return 5;
      return this.stepToward(here, cell);
    }
    if (this.tomRules) {
      const last = this.memoryOf(a, 0);
      const target = last >= 0 ? last : this.pos[0];
      const d = this.map.distancesTo(here)[target];
      return d >= 0 && d <= 2 ? 0 : this.stepToward(here, target);
    }
    if (this.sees(a, this.pos[0])) return 0;
    // Out of sight of the deceiver: sweep the caches not yet found empty, nearest first.
    const dist = this.map.distancesTo(here);
    let next = -1;
    for (let k = 0; k < this.numCaches; k++) {
      if (this.ruledOut[a * this.numCaches + k] || dist[this.caches[k]] < 0) continue;
      if (next < 0 || dist[this.caches[k]] < dist[this.caches[next]]) next = k;
    }
    if (next < 0) {
      // Every cache found empty: the treasure is carried; go and watch the deceiver again.
      const last = this.memoryOf(a, 0);
      return this.stepToward(here, last >= 0 ? last : this.pos[0]);
    }
    return here === this.caches[next] ? 5 : this.stepToward(here, this.caches[next]);
  }

  /**
   * The deceiver's script without what depends on the thieves' views or beliefs (a depth-0
   * agent's own policy: to it the thieves are part of the environment, with nothing to fool): it
   * carries the treasure to the nearest cache and drops it there at once, then stays.
   * Thieves have no view-dependent script: theirs is returned as it is.
   *
   * ```ts
   * env.beliefBlindAction("deceiver");
   * ```
   */
  beliefBlindAction(agent: AgentId): number {
    const a = this.agentIdx(agent);
    if (a !== 0) return this.expertAction(agent);
    const here = this.pos[0];
    if (this.treasure !== CARRIED) return 0;
    const hide = this.caches[this.nearestCache(here)];
    return here === hide ? 5 : this.stepToward(here, hide);
  }

  private deceiverExpert(here: number): number {
    if (this.decoy < 0) this.decoy = this.nearestCache(here);
    const decoyCell = this.caches[this.decoy];
    if (this.phase === 0) {
      if (here !== decoyCell) return this.stepToward(here, decoyCell);
      if (!this.watched()) return 0;
      this.phase = 1;
      return 7;
    }
    if (this.phase === 1 && this.treasure === CARRIED) {
      const hide = this.caches[this.farthestCache(decoyCell)];
      if (here !== hide) return this.stepToward(here, hide);
      return this.watched() ? 0 : 5;
    }
    // Hidden: guard the cache by standing on it (nobody can raid a cell the deceiver occupies).
    this.phase = 2;
    return 0;
  }

  private nearestCache(from: number): number {
    const dist = this.map.distancesTo(from);
    let best = 0;
    for (let k = 1; k < this.numCaches; k++)
      if (
        dist[this.caches[k]] >= 0 &&
        (dist[this.caches[best]] < 0 || dist[this.caches[k]] < dist[this.caches[best]])
      )
        best = k;
    return best;
  }

  private farthestCache(from: number): number {
    const dist = this.map.distancesTo(from);
    let best = 0;
    for (let k = 1; k < this.numCaches; k++)
      if (dist[this.caches[k]] > dist[this.caches[best]]) best = k;
    return best;
  }
}
