/**
 * Bisimulation contraction of pointed KD45 models into a canonical form: the smallest bisimilar
 * model with its worlds and belief sets numbered by rank, never by position, so bisimilar models
 * contract to identical structures.
 *
 * Worlds are named by rank: of their valuation first (lexicographic), then of their signature,
 * which is their name followed, per agent, by the rank of the belief set they point to (its
 * members' names, ascending and distinct, compared lexicographically); until no class splits.
 * Everything runs on typed arrays reused from one call to the next (contraction runs to the end
 * without calling out, so it is never re-entered): valuations of 0/1 values are ranked as the
 * binary numbers they spell, signatures by counting sorts, one key at a time.
 *
 * ```ts
 * const parts = contractParts({ worlds, clusterOf, clusters, actual });
 * parts.worlds.length; // the number of bisimulation classes reachable in the model
 * ```
 */

/**
 * The data of a pointed model, as KripkeModel holds it; clusterOf[a] may be longer than the
 * number of worlds (the product update hands over buffers it reuses).
 */
export interface ModelParts {
  worlds: readonly Int32Array[];
  clusterOf: readonly Int32Array[];
  clusters: readonly (readonly number[])[][];
  actual: number;
}

// Scratch buffers, by slot, grown on demand.
const NAME = 0;
const NEXT = 1;
const BASE = 2;
const START = 3;
const LENGTH = 4;
const MEMBERS = 5;
const RANK = 6;
const SEEN = 7;
const USED = 8;
const USED_START = 9;
const DISTINCT = 10;
const ORDER = 11;
const SPARE = 12;
const KEY = 13;
const COUNTS = 14;
const REP = 15;
const pool: Int32Array[] = [];
let keyPool = new Float64Array(64);

function scratch(slot: number, n: number): Int32Array {
  let b = pool[slot];
  if (b === undefined || b.length < n) {
    b = new Int32Array(Math.max(n, 2 * (b?.length ?? 32)));
    pool[slot] = b;
  }
  return b;
}

/**
 * Belief sets of all agents in flat arrays: agent a's set c is number g = base[a] + c; its
 * members' names, ascending and distinct, are members[start[g], start[g] + length[g]).
 */
interface FlatSets {
  base: Int32Array;
  start: Int32Array;
  length: Int32Array;
  members: Int32Array;
  /** rank[g]: the rank of set g among its agent's used sets (equal sets share it). */
  rank: Int32Array;
  /** The sets some world points to, agent a's at used[usedStart[a], usedStart[a + 1]). */
  used: Int32Array;
  usedStart: Int32Array;
  /** distinct[a]: how many different sets agent a's worlds point to. */
  distinct: Int32Array;
}

/** The contracted, canonically numbered model of `m` (see the module comment). */
export function contractParts(m: ModelParts): {
  worlds: Int32Array[];
  clusterOf: Int32Array[];
  clusters: number[][][];
  actual: number;
} {
  const W = m.worlds.length;
  const agents = m.clusterOf.length;
  const sets = flatSets(m);
  let name = scratch(NAME, W);
  let next = scratch(NEXT, W);
  let count = rankValuations(m.worlds, name);
  for (;;) {
    rankSets(m, sets, name);
    if (count === W) break;
    const nextCount = rankSignatures(m, sets, name, count, next);
    // No class split: the names, and so the set ranks just computed, are final.
    if (nextCount === count) break;
    [name, next] = [next, name];
    count = nextCount;
  }
  const rep = scratch(REP, count).fill(-1, 0, count);
  for (let w = 0; w < W; w++) if (rep[name[w]] < 0) rep[name[w]] = w;
  const worlds = new Array<Int32Array>(count);
  for (let b = 0; b < count; b++) worlds[b] = m.worlds[rep[b]];
  // Every world points to a set equal to its representative's, so the distinct sets, numbered
  // by rank, are the contracted model's.
  const flat = new Int32Array(agents * count);
  const clusterOf: Int32Array[] = [];
  const clusters: number[][][] = [];
  for (let a = 0; a < agents; a++) {
    const of = flat.subarray(a * count, (a + 1) * count);
    const list = new Array<number[]>(sets.distinct[a]);
    for (let b = 0; b < count; b++) {
      const g = sets.base[a] + m.clusterOf[a][rep[b]];
      const r = sets.rank[g];
      of[b] = r;
      if (list[r] === undefined) {
        const out = new Array<number>(sets.length[g]);
        for (let i = 0; i < out.length; i++) out[i] = sets.members[sets.start[g] + i];
        list[r] = out;
      }
    }
    clusterOf.push(of);
    clusters.push(list);
  }
  return { worlds, clusterOf, clusters, actual: name[m.actual] };
}

function flatSets(m: ModelParts): FlatSets {
  const agents = m.clusterOf.length;
  const base = scratch(BASE, agents + 1);
  base[0] = 0;
  for (let a = 0; a < agents; a++) base[a + 1] = base[a] + m.clusters[a].length;
  const G = base[agents];
  const start = scratch(START, G + 1);
  start[0] = 0;
  for (let a = 0; a < agents; a++) {
    const cs = m.clusters[a];
    for (let c = 0; c < cs.length; c++) start[base[a] + c + 1] = start[base[a] + c] + cs[c].length;
  }
  const seen = scratch(SEEN, G).fill(0, 0, G);
  const used = scratch(USED, G);
  const usedStart = scratch(USED_START, agents + 1);
  let u = 0;
  for (let a = 0; a < agents; a++) {
    usedStart[a] = u;
    const of = m.clusterOf[a];
    for (let w = 0; w < m.worlds.length; w++) {
      const g = base[a] + of[w];
      if (seen[g] === 0) {
        seen[g] = 1;
        used[u++] = g;
      }
    }
  }
  usedStart[agents] = u;
  return {
    base,
    start,
    length: scratch(LENGTH, G),
    members: scratch(MEMBERS, start[G]),
    rank: scratch(RANK, G),
    used,
    usedStart,
    distinct: scratch(DISTINCT, agents)
  };
}

/** Renames the used sets' members by `name` and ranks each agent's sets. */
function rankSets(m: ModelParts, sets: FlatSets, name: Int32Array): void {
  const { start, length, members: buf, used, usedStart, rank } = sets;
  for (let a = 0; a < m.clusterOf.length; a++) {
    const cs = m.clusters[a];
    for (let i = usedStart[a]; i < usedStart[a + 1]; i++) {
      const g = used[i];
      const members = cs[g - sets.base[a]];
      const s = start[g];
      const n = members.length;
      for (let k = 0; k < n; k++) buf[s + k] = name[members[k]];
      if (n <= 24) insertionSort(buf, s, s + n);
      else buf.subarray(s, s + n).sort();
      let k = 0;
      for (let j = 0; j < n; j++)
        if (k === 0 || buf[s + j] !== buf[s + k - 1]) buf[s + k++] = buf[s + j];
      length[g] = k;
    }
    const from = usedStart[a];
    const to = usedStart[a + 1];
    sortSets(sets, from, to);
    let r = -1;
    for (let i = from; i < to; i++) {
      if (i === from || compareSets(sets, used[i - 1], used[i]) !== 0) r++;
      rank[used[i]] = r;
    }
    sets.distinct[a] = r + 1;
  }
}

/** Sorts used[from, to) by the sets' contents. */
function sortSets(sets: FlatSets, from: number, to: number): void {
  const used = sets.used;
  if (to - from <= 32) {
    for (let i = from + 1; i < to; i++) {
      const x = used[i];
      let j = i - 1;
      while (j >= from && compareSets(sets, used[j], x) > 0) {
        used[j + 1] = used[j];
        j--;
      }
      used[j + 1] = x;
    }
    return;
  }
  const order = Array.from(used.subarray(from, to));
  order.sort((x, y) => compareSets(sets, x, y));
  used.set(order, from);
}

/** Lexicographic order of sets x and y (a proper prefix comes first). */
function compareSets(sets: FlatSets, x: number, y: number): number {
  if (x === y) return 0;
  const { members: buf, start, length } = sets;
  const sx = start[x];
  const sy = start[y];
  const nx = length[x];
  const ny = length[y];
  const n = nx < ny ? nx : ny;
  for (let i = 0; i < n; i++) {
    const d = buf[sx + i] - buf[sy + i];
    if (d !== 0) return d;
  }
  return nx - ny;
}

/**
 * Names worlds (into `out`) by the rank of their signature: name, then each agent's set rank;
 * counting sorts, least significant key first. Returns the number of names.
 */
function rankSignatures(
  m: ModelParts,
  sets: FlatSets,
  name: Int32Array,
  count: number,
  out: Int32Array
): number {
  const W = m.worlds.length;
  const agents = m.clusterOf.length;
  let order = scratch(ORDER, W);
  let spare = scratch(SPARE, W);
  const key = scratch(KEY, W);
  for (let w = 0; w < W; w++) order[w] = w;
  for (let a = agents - 1; a >= 0; a--) {
    const of = m.clusterOf[a];
    const base = sets.base[a];
    for (let w = 0; w < W; w++) key[w] = sets.rank[base + of[w]];
    countingSort(order, spare, key, sets.distinct[a], W);
    [order, spare] = [spare, order];
  }
  for (let w = 0; w < W; w++) key[w] = name[w];
  countingSort(order, spare, key, count, W);
  [order, spare] = [spare, order];
  pool[ORDER] = order;
  pool[SPARE] = spare;
  let r = -1;
  for (let i = 0; i < W; i++) {
    const w = order[i];
    if (i === 0 || !sameSignature(m, sets, name, order[i - 1], w)) r++;
    out[w] = r;
  }
  return r + 1;
}

/** Stable counting sort of order[0, W) by key[w] in [0, range), into `into`. */
function countingSort(
  order: Int32Array,
  into: Int32Array,
  key: Int32Array,
  range: number,
  W: number
): void {
  const counts = scratch(COUNTS, range + 1).fill(0, 0, range + 1);
  for (let i = 0; i < W; i++) counts[key[order[i]] + 1]++;
  for (let k = 0; k < range; k++) counts[k + 1] += counts[k];
  for (let i = 0; i < W; i++) into[counts[key[order[i]]]++] = order[i];
}

function sameSignature(
  m: ModelParts,
  sets: FlatSets,
  name: Int32Array,
  x: number,
  y: number
): boolean {
  if (name[x] !== name[y]) return false;
  for (let a = 0; a < m.clusterOf.length; a++) {
    const of = m.clusterOf[a];
    const base = sets.base[a];
    if (sets.rank[base + of[x]] !== sets.rank[base + of[y]]) return false;
  }
  return true;
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

const INDEX_BITS = 2 ** 20;

/**
 * Names worlds (into `out`) by the rank of their valuation in lexicographic order; returns the
 * number of names. Valuations of 0/1 values (up to 30 of them, and fewer than 2^20 worlds) are
 * ranked as the binary numbers they spell, which orders them the same, by a native sort of
 * number * 2^20 + world.
 */
function rankValuations(worlds: readonly Int32Array[], out: Int32Array): number {
  const W = worlds.length;
  const L = W > 0 ? worlds[0].length : 0;
  if (keyPool.length < W) keyPool = new Float64Array(2 * W);
  const keys = keyPool.subarray(0, W);
  let binary = L <= 30 && W < INDEX_BITS;
  for (let w = 0; w < W && binary; w++) {
    const v = worlds[w];
    if (v.length !== L) binary = false;
    let x = 0;
    for (let f = 0; f < L && binary; f++) {
      const b = v[f];
      if (b !== 0 && b !== 1) binary = false;
      x = x * 2 + b;
    }
    keys[w] = x * INDEX_BITS + w;
  }
  if (!binary) {
    const order = Array.from({ length: W }, (_, i) => i);
    const cmp = (x: number, y: number) => compareArrays(worlds[x], worlds[y]);
    order.sort(cmp);
    let r = -1;
    for (let k = 0; k < W; k++) {
      if (k === 0 || cmp(order[k - 1], order[k]) !== 0) r++;
      out[order[k]] = r;
    }
    return r + 1;
  }
  keys.sort();
  let r = -1;
  let last = -1;
  for (let i = 0; i < W; i++) {
    const packed = Math.floor(keys[i] / INDEX_BITS);
    if (packed !== last) r++;
    last = packed;
    out[keys[i] - packed * INDEX_BITS] = r;
  }
  return r + 1;
}

/** Lexicographic order of two number arrays (a proper prefix comes first). */
function compareArrays(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}
