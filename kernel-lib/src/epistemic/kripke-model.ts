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
    // Pairs (world, event) are numbered through one row per event key, indexed by world. Models
    // hand out the same event objects again and again, so the row is cached per object too.
    const rowOfKey = new Map<string, Int32Array>();
    const rowOfEvent = new Map<ModelEvent, Int32Array>();
    const pairWorld: number[] = [];
    const pairEvent: ModelEvent[] = [];
    const addPair = (w: number, e: ModelEvent): number => {
      let row = rowOfEvent.get(e);
      if (row === undefined) {
        row = rowOfKey.get(e.key);
        if (row === undefined) {
          row = new Int32Array(W).fill(-1);
          rowOfKey.set(e.key, row);
        }
        rowOfEvent.set(e, row);
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
    const newClusterOf: number[][] = [];
    const newClusters: number[][][] = [];
    // New cluster ids per old cluster of each agent, one array per successor key (and, to spare
    // building the key, per event object).
    const idsOfKey: Map<string, Int32Array>[] = [];
    const idsOfEvent: Map<ModelEvent, Int32Array>[] = [];
    for (let a = 0; a < agents; a++) {
      newClusterOf.push([]);
      newClusters.push([]);
      idsOfKey.push(new Map());
      idsOfEvent.push(new Map());
    }
    // The valuations of the old belief set being expanded, built only if the model asks.
    let setAgent = 0;
    let setIndex = 0;
    let setValuations: Int32Array[] | undefined;
    const cluster = (): readonly Int32Array[] =>
      (setValuations ??= this.clusters[setAgent][setIndex].map((m) => this.worlds[m]));
    for (let p = 0; p < pairWorld.length; p++) {
      const w = pairWorld[p];
      const e = pairEvent[p];
      for (let a = 0; a < agents; a++) {
        const c = this.clusterOf[a][w];
        let ids = idsOfEvent[a].get(e);
        if (ids === undefined) {
          const skey = model.successorKey(a, e);
          ids = idsOfKey[a].get(skey);
          if (ids === undefined) {
            ids = new Int32Array(this.clusters[a].length).fill(-1);
            idsOfKey[a].set(skey, ids);
          }
          idsOfEvent[a].set(e, ids);
        }
        let id = ids[c];
        if (id < 0) {
          const members: number[] = [];
          setAgent = a;
          setIndex = c;
          setValuations = undefined;
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
    const worlds = new Array<Int32Array>(pairWorld.length);
    for (let p = 0; p < pairWorld.length; p++) {
      const post = pairEvent[p].post;
      const old = this.worlds[pairWorld[p]];
      if (post.length === 0) {
        worlds[p] = old;
        continue;
      }
      const val = old.slice();
      for (const [f, v] of post) val[f] = v;
      worlds[p] = val;
    }
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
    // per agent the sorted names it considers possible, compared lexicographically). Ranks never
    // depend on the order the worlds come in, so the names, and the model rebuilt from them, are
    // canonical.
    let { names: name, count } = rankValuations(this.worlds);
    const sets = this.clusters.map((cs) => new BeliefSetNames(cs));
    let fresh = false;
    while (count < W) {
      for (const s of sets) s.rename(name);
      fresh = true;
      const cur = name;
      const next = rankBy(W, (x, y) => {
        const d = cur[x] - cur[y];
        if (d !== 0) return d;
        for (let a = 0; a < agents; a++) {
          const cx = this.clusterOf[a][x];
          const cy = this.clusterOf[a][y];
          if (cx !== cy) {
            const e = sets[a].compare(cx, cy);
            if (e !== 0) return e;
          }
        }
        return 0;
      });
      if (next.count === count) break;
      fresh = false;
      name = next.names;
      count = next.count;
    }
    if (!fresh) for (const s of sets) s.rename(name);
    const rep = new Int32Array(count).fill(-1);
    for (let w = 0; w < W; w++) if (rep[name[w]] < 0) rep[name[w]] = w;
    const worlds = Array.from(rep, (w) => this.worlds[w]);
    const clusterOf: Int32Array[] = [];
    const clusters: number[][][] = [];
    for (let a = 0; a < agents; a++) {
      // The belief sets the kept worlds use, numbered by rank (canonical).
      const used = new Int32Array(this.clusters[a].length).fill(-1);
      const olds: number[] = [];
      for (let b = 0; b < count; b++) {
        const old = this.clusterOf[a][rep[b]];
        if (used[old] < 0) {
          used[old] = olds.length;
          olds.push(old);
        }
      }
      const s = sets[a];
      const { names: setRank, count: nSets } = rankBy(olds.length, (x, y) =>
        s.compare(olds[x], olds[y])
      );
      const list: number[][] = new Array<number[]>(nSets);
      for (let i = 0; i < olds.length; i++) list[setRank[i]] ??= s.members(olds[i]);
      const of = new Int32Array(count);
      for (let b = 0; b < count; b++) of[b] = setRank[used[this.clusterOf[a][rep[b]]]];
      clusterOf.push(of);
      clusters.push(list);
    }
    return new KripkeModel(worlds, clusterOf, clusters, name[this.actual]);
  }
}

/**
 * One agent's belief sets under a naming of the worlds: each set as the ascending distinct names
 * of its members, kept in one flat buffer (set c at [start[c], start[c] + length[c])).
 */
class BeliefSetNames {
  private readonly start: Int32Array;
  private readonly length: Int32Array;
  private readonly buf: Int32Array;

  constructor(private readonly sets: readonly (readonly number[])[]) {
    this.start = new Int32Array(sets.length + 1);
    for (let c = 0; c < sets.length; c++) this.start[c + 1] = this.start[c] + sets[c].length;
    this.length = new Int32Array(sets.length);
    this.buf = new Int32Array(this.start[sets.length]);
  }

  /** Recomputes every set's names under `name`. */
  rename(name: Int32Array): void {
    const buf = this.buf;
    for (let c = 0; c < this.sets.length; c++) {
      const members = this.sets[c];
      const s = this.start[c];
      const n = members.length;
      for (let i = 0; i < n; i++) buf[s + i] = name[members[i]];
      if (n <= 24) insertionSort(buf, s, s + n);
      else buf.subarray(s, s + n).sort();
      let k = 0;
      for (let i = 0; i < n; i++)
        if (k === 0 || buf[s + i] !== buf[s + k - 1]) buf[s + k++] = buf[s + i];
      this.length[c] = k;
    }
  }

  /** Lexicographic order of sets x and y (a proper prefix comes first). */
  compare(x: number, y: number): number {
    const buf = this.buf;
    const sx = this.start[x];
    const sy = this.start[y];
    const nx = this.length[x];
    const ny = this.length[y];
    const n = nx < ny ? nx : ny;
    for (let i = 0; i < n; i++) {
      const d = buf[sx + i] - buf[sy + i];
      if (d !== 0) return d;
    }
    return nx - ny;
  }

  /** Set c's names as a plain array. */
  members(c: number): number[] {
    const out = new Array<number>(this.length[c]);
    for (let i = 0; i < out.length; i++) out[i] = this.buf[this.start[c] + i];
    return out;
  }
}

/** Sorts buf[from, to) ascending in place (short ranges). */
function insertionSort(buf: Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const x = buf[i];
    let j = i - 1;
    while (j >= from && buf[j] > x) {
      buf[j + 1] = buf[j];
      j--;
    }
    buf[j + 1] = x;
  }
}

/**
 * Names worlds by the rank of their valuation in lexicographic order. Valuations of 0/1 values
 * (up to 30 of them) are compared as the binary numbers they spell, which orders them the same.
 */
function rankValuations(worlds: readonly Int32Array[]): { names: Int32Array; count: number } {
  const W = worlds.length;
  const L = W > 0 ? worlds[0].length : 0;
  const packed = new Int32Array(W);
  let binary = L <= 30;
  for (let w = 0; w < W && binary; w++) {
    const v = worlds[w];
    if (v.length !== L) binary = false;
    let x = 0;
    for (let f = 0; f < L && binary; f++) {
      const b = v[f];
      if (b !== 0 && b !== 1) binary = false;
      x = (x << 1) | b;
    }
    packed[w] = x;
  }
  return binary
    ? rankBy(W, (x, y) => packed[x] - packed[y])
    : rankBy(W, (x, y) => compareArrays(worlds[x], worlds[y]));
}

/** Lexicographic order of two number arrays (a proper prefix comes first). */
function compareArrays(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** Names 0..n-1 by the rank of their class under `cmp` (equal items share a name). */
function rankBy(
  n: number,
  cmp: (x: number, y: number) => number
): { names: Int32Array; count: number } {
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort(cmp);
  const names = new Int32Array(n);
  let r = -1;
  for (let k = 0; k < n; k++) {
    if (k === 0 || cmp(order[k - 1], order[k]) !== 0) r++;
    names[order[k]] = r;
  }
  return { names, count: r + 1 };
}
