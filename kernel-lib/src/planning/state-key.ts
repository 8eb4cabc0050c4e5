/**
 * Canonical keys of contracted pointed Kripke models, which are also the states' compact form:
 * the search keeps keys only and rebuilds a model from its key when it expands it.
 *
 * ```ts
 * const key = keyOfContracted(model.contract());
 * decodeState(key).model; // the same model
 * ```
 */
import { KripkeModel } from "../epistemic/kripke-model";
import type { EpistemicState } from "./state";

/**
 * The key of a model already contracted (and so in canonical order). It is also the state's
 * compact form: {@link decodeState} rebuilds the model from it, so the search keeps only keys.
 * Layout, one UTF-16 unit per number (larger numbers escaped as 0xFFFF and two units): a
 * format (bit 0: valuations of 0/1 values, packed 15 to a unit; bit 1: every belief set holds
 * only worlds that point to it, so a set is given by one bit per world), the actual world, the
 * number of worlds, of values per world and of agents, the valuations, then per agent either
 * each world's set and bit (2 * set + bit) or each world's set followed by the sets' members.
 */
export function keyOfContracted(m: KripkeModel): string {
  const W = m.size;
  const L = W > 0 ? m.worlds[0].length : 0;
  const agents = m.clusterOf.length;
  let binary = true;
  for (let w = 0; w < W && binary; w++) {
    const v = m.worlds[w];
    if (v.length !== L) binary = false;
    for (let i = 0; i < L; i++) if ((v[i] & ~1) !== 0) binary = false;
  }
  let bits = true;
  for (let a = 0; a < agents && bits; a++) bits = setsAreBits(m.clusterOf[a], m.clusters[a]);
  const out = writer;
  out.reset();
  out.put((binary ? 1 : 0) | (bits ? 2 : 0));
  out.put(m.actual);
  out.put(W);
  out.put(L);
  out.put(agents);
  for (let w = 0; w < W; w++) {
    const v = m.worlds[w];
    if (binary) {
      for (let i = 0; i < L; i += 15) {
        let x = 0;
        for (let j = i; j < i + 15 && j < L; j++) x |= v[j] << (j - i);
        out.put(x);
      }
    } else {
      out.put(v.length);
      for (let i = 0; i < v.length; i++) out.put(v[i] + 1);
    }
  }
  for (let a = 0; a < agents; a++) {
    const of = m.clusterOf[a];
    if (bits) {
      const own = zeroedBytes(W);
      for (const members of m.clusters[a]) for (const x of members) own[x] = 1;
      for (let w = 0; w < W; w++) out.put(2 * of[w] + own[w]);
    } else {
      for (let w = 0; w < W; w++) out.put(of[w]);
      out.put(m.clusters[a].length);
      for (const members of m.clusters[a]) {
        out.put(members.length);
        for (const x of members) out.put(x);
      }
    }
  }
  return out.text();
}

/**
 * Whether agent a's belief sets are given by one bit per world: every set is used, holds only
 * worlds that point to it, in ascending order.
 */
function setsAreBits(of: Int32Array, sets: readonly (readonly number[])[]): boolean {
  const used = zeroedBytes(sets.length);
  for (let w = 0; w < of.length; w++) {
    if (of[w] >= sets.length) return false;
    used[of[w]] = 1;
  }
  for (let c = 0; c < sets.length; c++) {
    if (!used[c]) return false;
    const members = sets[c];
    for (let i = 0; i < members.length; i++) {
      if (of[members[i]] !== c || (i > 0 && members[i] <= members[i - 1])) return false;
    }
  }
  return true;
}

let bytes = new Uint8Array(256);

/** A zeroed scratch array of at least n bytes, reused. */
function zeroedBytes(n: number): Uint8Array {
  if (bytes.length < n) bytes = new Uint8Array(2 * n);
  bytes.fill(0, 0, n);
  return bytes;
}

/** Numbers written as UTF-16 units (see keyOfContracted), into a buffer reused for every key. */
class KeyWriter {
  private codes = new Uint16Array(1024);
  private n = 0;
  reset(): void {
    this.n = 0;
  }
  put(x: number): void {
    if (this.n + 3 > this.codes.length) {
      const grown = new Uint16Array(this.codes.length * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    if (x < 0xffff) this.codes[this.n++] = x;
    else {
      this.codes[this.n++] = 0xffff;
      this.codes[this.n++] = x >>> 16;
      this.codes[this.n++] = x & 0xffff;
    }
  }
  text(): string {
    let out = "";
    for (let i = 0; i < this.n; i += 4096) {
      const part = this.codes.subarray(i, Math.min(this.n, i + 4096));
      out += String.fromCharCode.apply(null, part as unknown as number[]);
    }
    return out;
  }
}

const writer = new KeyWriter();

/**
 * The state a key stands for: the contracted model rebuilt from {@link keyOfContracted}'s text.
 *
 * ```ts
 * decodeState(s.key).model.size === s.model.size; // true
 * ```
 */
export function decodeState(key: string): EpistemicState {
  let i = 0;
  const get = (): number => {
    const x = key.charCodeAt(i++);
    if (x < 0xffff) return x;
    const hi = key.charCodeAt(i++);
    return hi * 0x10000 + key.charCodeAt(i++);
  };
  const format = get();
  const actual = get();
  const W = get();
  const L = get();
  const agents = get();
  const worlds = new Array<Int32Array>(W);
  for (let w = 0; w < W; w++) {
    if (format & 1) {
      const v = new Int32Array(L);
      for (let j = 0; j < L; j += 15) {
        const x = get();
        for (let k = j; k < j + 15 && k < L; k++) v[k] = (x >> (k - j)) & 1;
      }
      worlds[w] = v;
    } else {
      const v = new Int32Array(get());
      for (let k = 0; k < v.length; k++) v[k] = get() - 1;
      worlds[w] = v;
    }
  }
  const clusterOf: Int32Array[] = [];
  const clusters: number[][][] = [];
  for (let a = 0; a < agents; a++) {
    const of = new Int32Array(W);
    const sets: number[][] = [];
    if (format & 2) {
      for (let w = 0; w < W; w++) {
        const x = get();
        const c = x >> 1;
        of[w] = c;
        while (sets.length <= c) sets.push([]);
        if (x & 1) sets[c].push(w);
      }
    } else {
      for (let w = 0; w < W; w++) of[w] = get();
      const n = get();
      for (let c = 0; c < n; c++) {
        const members = new Array<number>(get());
        for (let k = 0; k < members.length; k++) members[k] = get();
        sets.push(members);
      }
    }
    clusterOf.push(of);
    clusters.push(sets);
  }
  return { model: new KripkeModel(worlds, clusterOf, clusters, actual), key };
}
