/**
 * Pointed KD45 Kripke models with the product update and bisimulation contraction.
 *
 * A world is a valuation (one value index per fluent). Each agent's accessibility relation is
 * stored as belief sets: `clusterOf[a][w]` names the set of worlds agent a considers possible
 * at w, and all worlds in that set share it (transitive and euclidean).
 */
import type { ActionModel, ModelEvent } from "./action-models";

export class KripkeModel {
  constructor(
    /** Valuations, one per world. */
    readonly worlds: Int32Array[],
    /** clusterOf[a][w]: index into clusters[a]. */
    readonly clusterOf: Int32Array[],
    /** clusters[a][c]: the worlds in belief set c of agent a. */
    readonly clusters: number[][][],
    readonly actual: number
  ) {}

  get size(): number {
    return this.worlds.length;
  }

  /** The worlds agent a considers possible from any world in `from` (deduplicated). */
  successors(a: number, from: Iterable<number>): number[] {
    const seenCluster = new Set<number>();
    const out = new Set<number>();
    for (const w of from) {
      const c = this.clusterOf[a][w];
      if (seenCluster.has(c)) continue;
      seenCluster.add(c);
      for (const v of this.clusters[a][c]) out.add(v);
    }
    return [...out];
  }

  /**
   * The product update with an action model, keeping only worlds reachable from the actual
   * one, followed by bisimulation contraction. Throws (model unchanged) if the result would
   * exceed `maxWorlds` before contraction.
   */
  update(model: ActionModel, agents: number, maxWorlds: number): KripkeModel {
    const pairIndex = new Map<string, number>();
    const pairWorld: number[] = [];
    const pairEvent: ModelEvent[] = [];
    const addPair = (w: number, e: ModelEvent): number => {
      const key = `${w}|${e.key}`;
      let i = pairIndex.get(key);
      if (i === undefined) {
        i = pairWorld.length;
        if (i >= maxWorlds) {
          throw new RangeError(`the possible-worlds model would exceed ${maxWorlds} worlds`);
        }
        pairIndex.set(key, i);
        pairWorld.push(w);
        pairEvent.push(e);
      }
      return i;
    };
    const actual = addPair(this.actual, model.actual);
    const newClusterOf: number[][] = Array.from({ length: agents }, () => []);
    const newClusters: number[][][] = Array.from({ length: agents }, () => []);
    const memo: Map<string, number>[] = Array.from({ length: agents }, () => new Map());
    for (let p = 0; p < pairWorld.length; p++) {
      const w = pairWorld[p];
      const e = pairEvent[p];
      for (let a = 0; a < agents; a++) {
        const c = this.clusterOf[a][w];
        const key = `${c}|${model.successorKey(a, e)}`;
        let id = memo[a].get(key);
        if (id === undefined) {
          const members: number[] = [];
          let valuations: Int32Array[] | undefined;
          const cluster = () => (valuations ??= this.clusters[a][c].map((m) => this.worlds[m]));
          for (const w2 of this.clusters[a][c]) {
            for (const e2 of model.successors(a, e, this.worlds[w2], cluster))
              members.push(addPair(w2, e2));
          }
          id = newClusters[a].length;
          newClusters[a].push(members);
          memo[a].set(key, id);
        }
        newClusterOf[a][p] = id;
      }
    }
    const worlds = pairWorld.map((w, p) => {
      const post = pairEvent[p].post;
      if (post.length === 0) return this.worlds[w];
      const val = this.worlds[w].slice();
      for (const [f, v] of post) val[f] = v;
      return val;
    });
    return new KripkeModel(
      worlds,
      newClusterOf.map((c) => Int32Array.from(c)),
      newClusters,
      actual
    ).contract();
  }

  /** The smallest bisimilar model (partition refinement on valuations and belief sets). */
  contract(): KripkeModel {
    const W = this.worlds.length;
    const agents = this.clusterOf.length;
    let block = new Int32Array(W);
    let count = intern(W, (w) => this.worlds[w].join(","), block);
    for (;;) {
      const sigs = this.clusters.map((cs) => {
        const ids = new Map<string, number>();
        return cs.map((members) => {
          const key = [...new Set(members.map((m) => block[m]))].sort((x, y) => x - y).join(",");
          let id = ids.get(key);
          if (id === undefined) {
            id = ids.size;
            ids.set(key, id);
          }
          return id;
        });
      });
      const next = new Int32Array(W);
      const cur = block;
      const n = intern(
        W,
        (w) => {
          let k = `${cur[w]}`;
          for (let a = 0; a < agents; a++) k += `:${sigs[a][this.clusterOf[a][w]]}`;
          return k;
        },
        next
      );
      block = next;
      if (n === count) break;
      count = n;
    }
    if (count === W) return this;
    const rep = new Int32Array(count).fill(-1);
    for (let w = 0; w < W; w++) if (rep[block[w]] < 0) rep[block[w]] = w;
    const worlds = Array.from(rep, (w) => this.worlds[w]);
    const clusterOf: Int32Array[] = [];
    const clusters: number[][][] = [];
    for (let a = 0; a < agents; a++) {
      const ids = new Map<string, number>();
      const list: number[][] = [];
      const of = new Int32Array(count);
      for (let b = 0; b < count; b++) {
        const members = [
          ...new Set(this.clusters[a][this.clusterOf[a][rep[b]]].map((m) => block[m]))
        ].sort((x, y) => x - y);
        const key = members.join(",");
        let id = ids.get(key);
        if (id === undefined) {
          id = list.length;
          ids.set(key, id);
          list.push(members);
        }
        of[b] = id;
      }
      clusterOf.push(of);
      clusters.push(list);
    }
    return new KripkeModel(worlds, clusterOf, clusters, block[this.actual]);
  }
}

/** Numbers the distinct keys of 0..n-1 into `out`; returns how many there are. */
function intern(n: number, key: (i: number) => string, out: Int32Array): number {
  const ids = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const k = key(i);
    let id = ids.get(k);
    if (id === undefined) {
      id = ids.size;
      ids.set(k, id);
    }
    out[i] = id;
  }
  return ids.size;
}
