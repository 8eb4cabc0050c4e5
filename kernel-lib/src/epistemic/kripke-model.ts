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
    const W = this.worlds.length;
    // Pairs (world, event) are numbered through one array per event key, indexed by world.
    const pairsOfEvent = new Map<string, Int32Array>();
    const pairWorld: number[] = [];
    const pairEvent: ModelEvent[] = [];
    const addPair = (w: number, e: ModelEvent): number => {
      let row = pairsOfEvent.get(e.key);
      if (row === undefined) {
        row = new Int32Array(W).fill(-1);
        pairsOfEvent.set(e.key, row);
      }
      let i = row[w];
      if (i < 0) {
        i = pairWorld.length;
        if (i >= maxWorlds) {
          throw new RangeError(`the possible-worlds model would exceed ${maxWorlds} worlds`);
        }
        row[w] = i;
        pairWorld.push(w);
        pairEvent.push(e);
      }
      return i;
    };
    const actual = addPair(this.actual, model.actual);
    const newClusterOf: number[][] = Array.from({ length: agents }, () => []);
    const newClusters: number[][][] = Array.from({ length: agents }, () => []);
    // memo[a]: successor key -> new cluster id per old cluster of a.
    const memo: Map<string, Int32Array>[] = Array.from({ length: agents }, () => new Map());
    for (let p = 0; p < pairWorld.length; p++) {
      const w = pairWorld[p];
      const e = pairEvent[p];
      for (let a = 0; a < agents; a++) {
        const c = this.clusterOf[a][w];
        const skey = model.successorKey(a, e);
        let ids = memo[a].get(skey);
        if (ids === undefined) {
          ids = new Int32Array(this.clusters[a].length).fill(-1);
          memo[a].set(skey, ids);
        }
        let id = ids[c];
        if (id < 0) {
          const members: number[] = [];
          let valuations: Int32Array[] | undefined;
          const cluster = () => (valuations ??= this.clusters[a][c].map((m) => this.worlds[m]));
          for (const w2 of this.clusters[a][c]) {
            for (const e2 of model.successors(a, e, this.worlds[w2], cluster))
              members.push(addPair(w2, e2));
          }
          id = newClusters[a].length;
          newClusters[a].push(members);
          ids[c] = id;
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

  /**
   * The smallest bisimilar model (partition refinement on valuations and belief sets), with its
   * worlds and belief sets in a canonical order: bisimilar models contract to identical
   * structures, so {@link canonicalKey} can compare states by their text.
   */
  contract(): KripkeModel {
    const W = this.worlds.length;
    const agents = this.clusterOf.length;
    // Worlds are named by rank: of their valuation first, then of their signature (name, and
    // per agent the rank of the sorted names it considers possible). Ranks never depend on the
    // order the worlds come in, so the names, and the model rebuilt from them, are canonical.
    let { names: name, count } = rankBy(W, (x, y) => compareArrays(this.worlds[x], this.worlds[y]));
    while (count < W) {
      const cur = name;
      const clusterRank = this.clusters.map((cs) => {
        const sets = cs.map((members) => sortedUnique(members, cur));
        return rankBy(sets.length, (x, y) => compareArrays(sets[x], sets[y])).names;
      });
      // Each world's signature, flat: name, then one cluster rank per agent.
      const K = agents + 1;
      const sig = new Int32Array(W * K);
      for (let w = 0; w < W; w++) {
        sig[w * K] = cur[w];
        for (let a = 0; a < agents; a++) sig[w * K + a + 1] = clusterRank[a][this.clusterOf[a][w]];
      }
      const next = rankBy(W, (x, y) => {
        for (let i = 0; i < K; i++) {
          const d = sig[x * K + i] - sig[y * K + i];
          if (d !== 0) return d;
        }
        return 0;
      });
      if (next.count === count) break;
      name = next.names;
      count = next.count;
    }
    const rep = new Int32Array(count).fill(-1);
    for (let w = 0; w < W; w++) if (rep[name[w]] < 0) rep[name[w]] = w;
    const worlds = Array.from(rep, (w) => this.worlds[w]);
    const clusterOf: Int32Array[] = [];
    const clusters: number[][][] = [];
    for (let a = 0; a < agents; a++) {
      // The belief sets the kept worlds use, in final names, numbered by rank (canonical).
      const used = new Int32Array(this.clusters[a].length).fill(-1);
      const sets: Int32Array[] = [];
      const olds: number[] = [];
      for (let b = 0; b < count; b++) {
        const old = this.clusterOf[a][rep[b]];
        if (used[old] < 0) {
          used[old] = sets.length;
          sets.push(sortedUnique(this.clusters[a][old], name));
          olds.push(old);
        }
      }
      const { names: setRank, count: nSets } = rankBy(sets.length, (x, y) =>
        compareArrays(sets[x], sets[y])
      );
      const list: number[][] = new Array<number[]>(nSets);
      sets.forEach((set, i) => (list[setRank[i]] ??= Array.from(set)));
      const of = new Int32Array(count);
      for (let b = 0; b < count; b++) of[b] = setRank[used[this.clusterOf[a][rep[b]]]];
      clusterOf.push(of);
      clusters.push(list);
    }
    return new KripkeModel(worlds, clusterOf, clusters, name[this.actual]);
  }
}

/** Lexicographic order of two number arrays (a proper prefix comes first). */
function compareArrays(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** The distinct names of `members`, ascending. */
function sortedUnique(members: readonly number[], name: Int32Array): Int32Array {
  const out = new Int32Array(members.length);
  for (let i = 0; i < members.length; i++) out[i] = name[members[i]];
  out.sort();
  let k = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[k++] = out[i];
  return out.subarray(0, k);
}

/** Names 0..n-1 by the rank of their class under `cmp` (equal items share a name). */
function rankBy(
  n: number,
  cmp: (x: number, y: number) => number
): { names: Int32Array; count: number } {
  const order = Array.from({ length: n }, (_, i) => i).sort(cmp);
  const names = new Int32Array(n);
  let r = -1;
  for (let k = 0; k < n; k++) {
    if (k === 0 || cmp(order[k - 1], order[k]) !== 0) r++;
    names[order[k]] = r;
  }
  return { names, count: r + 1 };
}
