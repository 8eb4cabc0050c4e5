/**
 * Recognising, before the product update, an action whose execution leaves the state
 * bisimilar to itself: a Grapevine secret told to listeners who all know it, a door opened that
 * was open. Two in five progressions of the 5-agent Grapevine are such, and each would build and
 * contract a product only to find the state it started from.
 *
 * Why it is exact. Call the chain the worlds reachable from the actual one through agents who
 * perceive the action (full or partial). If every chain world has the actual outcome (sensing,
 * announcement) or keeps its valuation (ontic), the product pairs each chain world w with an
 * event that changes nothing and whose successors, for every perceiving agent, are again chain
 * worlds with such events; oblivious agents go to (w', ε) copies of the model. So every pair is
 * bisimilar to its world, no full observer's belief is corrected, and when every world of the
 * model is reachable the contracted product is the (contracted, canonical) model itself. The
 * product's size (chain plus ε copies) is checked against maxWorlds so that a search that would
 * have been cut is still cut.
 *
 * ```ts
 * if (leavesUnchanged(action, model, perceive, maxWorlds)) return state; // same key
 * ```
 */
import type { KripkeModel } from "../epistemic/kripke-model";
import type { PlanningAction } from "./problem";
import type { Perception } from "./update-models";

// Marks reused between calls: world w is in the chain when chain[w] === stamp (no clearing).
let chain = new Int32Array(256);
let copy = new Int32Array(256);
let stamp = 0;
const stack: number[] = [];

/** Whether executing `action`, perceived as given, leaves `model` bisimilar to itself. */
export function leavesUnchanged(
  action: PlanningAction,
  model: KripkeModel,
  perceive: Perception,
  maxWorlds: number
): boolean {
  const W = model.size;
  const agents = perceive.length;
  const pointed = model.worlds[model.actual];
  if (!nothingChangesAt(action, pointed, pointed)) return false;
  if (chain.length < W) {
    chain = new Int32Array(2 * W);
    copy = new Int32Array(2 * W);
    stamp = 0;
  }
  if (++stamp > 0x3fffffff) {
    chain.fill(0);
    copy.fill(0);
    stamp = 1;
  }
  const { clusters, clusterOf } = model;
  stack.length = 0;
  stack.push(model.actual);
  chain[model.actual] = stamp;
  let inChain = 1;
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (!nothingChangesAt(action, model.worlds[u], pointed)) return false;
    for (let a = 0; a < agents; a++) {
      if (perceive[a] === 0) continue;
      for (const v of clusters[a][clusterOf[a][u]]) {
        if (chain[v] !== stamp) {
          chain[v] = stamp;
          inChain++;
          stack.push(v);
        }
      }
    }
  }
  // The ε copies: what oblivious agents consider possible from the chain, and all it reaches.
  let copies = 0;
  for (let u = 0; u < W; u++) {
    if (chain[u] !== stamp) continue;
    for (let a = 0; a < agents; a++) {
      if (perceive[a] !== 0) continue;
      for (const v of clusters[a][clusterOf[a][u]]) {
        if (copy[v] !== stamp) {
          copy[v] = stamp;
          copies++;
          stack.push(v);
        }
      }
    }
  }
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (let a = 0; a < agents; a++) {
      for (const v of clusters[a][clusterOf[a][u]]) {
        if (copy[v] !== stamp) {
          copy[v] = stamp;
          copies++;
          stack.push(v);
        }
      }
    }
  }
  if (inChain + copies > maxWorlds) return false;
  for (let w = 0; w < W; w++) if (chain[w] !== stamp && copy[w] !== stamp) return false;
  return true;
}

/**
 * Whether the action's event at a world with valuation v changes nothing: the same outcome as
 * the actual world (sensing, announcement), or every effect firing there assigns what v holds.
 */
function nothingChangesAt(action: PlanningAction, v: Int32Array, pointed: Int32Array): boolean {
  switch (action.kind) {
    case "sensing":
      for (const f of action.sensed) if (v[f] !== pointed[f]) return false;
      return true;
    case "announcement":
      return holdsAll(action.announced, v) === holdsAll(action.announced, pointed);
    case "ontic":
      for (const e of action.effects) {
        if (!e.condition(v)) continue;
        for (const [f, x] of e.assignments) if (v[f] !== x) return false;
      }
      return true;
  }
}

function holdsAll(literals: ReadonlyArray<readonly [number, number]>, v: Int32Array): boolean {
  for (const [f, x] of literals) if (v[f] !== x) return false;
  return true;
}
