/**
 * Epistemic planning states: contracted pointed Kripke models with a canonical key, so that two
 * bisimilar states (whatever the order of their worlds) get the same key and are expanded once;
 * progression by an action through its update model and the landed product update; and
 * evaluation of formulas at the actual world.
 *
 * ```ts
 * const s = initialState(problem);
 * const t = progress(problem, s, problem.actions[0]); // undefined when not executable
 * canonicalKey(s.model) === s.key; // true
 * ```
 */
import type { Resolved } from "../epistemic/formula-eval";
import { KripkeModel } from "../epistemic/kripke-model";
import type { PlanningAction, PlanningProblem } from "./problem";
import { updateModelOf } from "./update-models";

/**
 * A search state: the contracted model and its canonical key.
 *
 * ```ts
 * const s: EpistemicState = initialState(problem);
 * s.model.size; // worlds
 * ```
 */
export interface EpistemicState {
  /** The contracted pointed model (opaque; read it through `holdsAt`). */
  model: KripkeModel;
  /** The canonical key: equal for states bisimilar to each other (`canonicalKey`). */
  key: string;
}

/** Largest model (before contraction) one progression may build. */
export const DEFAULT_MAX_WORLDS = 200_000;

/**
 * A key that is equal for two pointed models exactly when they are bisimilar: the text of the
 * contracted model, whose worlds and belief sets KripkeModel.contract() puts in a canonical
 * order (partition refinement that names worlds by the rank of their signatures, never by
 * their position).
 *
 * ```ts
 * canonicalKey(model) === canonicalKey(shuffledCopyOf(model)); // true
 * ```
 */
export function canonicalKey(model: KripkeModel): string {
  return keyOfContracted(model.contract());
}

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
    for (let i = 0; i < v.length && binary; i++) if (v[i] !== 0 && v[i] !== 1) binary = false;
  }
  let bits = true;
  for (let a = 0; a < agents && bits; a++) bits = setsAreBits(m.clusterOf[a], m.clusters[a]);
  const out = new KeyWriter(8 + W * (Math.ceil(L / 15) + agents));
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
      const own = new Uint8Array(W);
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
  const used = new Uint8Array(sets.length);
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

/** Numbers written as UTF-16 units (see keyOfContracted). */
class KeyWriter {
  private codes: Uint16Array;
  private n = 0;
  constructor(capacity: number) {
    this.codes = new Uint16Array(Math.max(16, capacity));
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
    for (let i = 0; i < this.n; i += 4096)
      out += String.fromCharCode.apply(
        null,
        this.codes.subarray(i, Math.min(this.n, i + 4096)) as unknown as number[]
      );
    return out;
  }
}

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

/**
 * The initial state of a problem.
 *
 * ```ts
 * initialState(problem).model.size; // 2 for an unknown coin
 * ```
 */
export function initialState(problem: PlanningProblem): EpistemicState {
  return { model: problem.initial, key: keyOfContracted(problem.initial) };
}

/**
 * Whether a resolved formula holds at world `w` (default: the actual world).
 *
 * ```ts
 * holdsAt(state.model, problem.goalParts[0]); // true once the first goal conjunct is reached
 * ```
 */
export function holdsAt(model: KripkeModel, phi: Resolved, w: number = model.actual): boolean {
  switch (phi.op) {
    case "atom":
      return model.worlds[w][phi.f] === phi.v;
    case "const":
      return phi.value;
    case "not":
      return !holdsAt(model, phi.arg, w);
    case "and":
      for (const g of phi.args) if (!holdsAt(model, g, w)) return false;
      return true;
    case "or":
      for (const g of phi.args) if (holdsAt(model, g, w)) return true;
      return false;
    case "believes":
      for (const v of model.clusters[phi.a][model.clusterOf[phi.a][w]])
        if (!holdsAt(model, phi.arg, v)) return false;
      return true;
    case "common":
      return commonAt(model, phi.group, phi.arg, w);
  }
}

/**
 * Common belief of `group` in φ at w: φ holds in every world the group's beliefs reach from w
 * in one or more steps (the greatest fixpoint of satisfyingWorlds, found by a search from w).
 */
function commonAt(model: KripkeModel, group: readonly number[], phi: Resolved, w: number): boolean {
  const reached = new Uint8Array(model.size);
  const opened = group.map((a) => new Uint8Array(model.clusters[a].length));
  const stack = [w];
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (let i = 0; i < group.length; i++) {
      const a = group[i];
      const c = model.clusterOf[a][u];
      if (opened[i][c]) continue;
      opened[i][c] = 1;
      for (const v of model.clusters[a][c]) {
        if (reached[v]) continue;
        reached[v] = 1;
        if (!holdsAt(model, phi, v)) return false;
        stack.push(v);
      }
    }
  }
  return true;
}

/**
 * The state after executing `action`, or undefined when it is not executable in `state`
 * (its executable laws, or a false announcement).
 *
 * ```ts
 * const next = progress(problem, state, problem.actions.find((a) => a.name === "open_a")!);
 * ```
 */
export function progress(
  problem: PlanningProblem,
  state: EpistemicState,
  action: PlanningAction,
  maxWorlds: number = DEFAULT_MAX_WORLDS
): EpistemicState | undefined {
  const m = state.model;
  if (!holdsAt(m, action.executable)) return undefined;
  const pointed = m.worlds[m.actual];
  if (action.kind === "announcement" && !action.announced.every(([f, x]) => pointed[f] === x))
    return undefined;
  const perceive = new Uint8Array(problem.agents.length);
  for (const o of action.observers) {
    if (perceive[o.agent] === 2 || !holdsAt(m, o.condition)) continue;
    perceive[o.agent] = o.partial ? 1 : 2;
  }
  const model = m.update(updateModelOf(action, m, perceive), problem.agents.length, maxWorlds);
  return { model, key: keyOfContracted(model) };
}
