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
  const chain = new Uint8Array(W);
  const stack = [model.actual];
  chain[model.actual] = 1;
  let inChain = 1;
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (!nothingChangesAt(action, model.worlds[u], pointed)) return false;
    for (let a = 0; a < agents; a++) {
      if (perceive[a] === 0) continue;
      for (const v of model.clusters[a][model.clusterOf[a][u]]) {
        if (chain[v] === 0) {
          chain[v] = 1;
          inChain++;
          stack.push(v);
        }
      }
    }
  }
  // The ε copies: what oblivious agents consider possible from the chain, and all it reaches.
  const copy = new Uint8Array(W);
  let copies = 0;
  const reach = (v: number) => {
    if (copy[v] === 0) {
      copy[v] = 1;
      copies++;
      stack.push(v);
    }
  };
  for (let u = 0; u < W; u++) {
    if (chain[u] === 0) continue;
    for (let a = 0; a < agents; a++)
      if (perceive[a] === 0) for (const v of model.clusters[a][model.clusterOf[a][u]]) reach(v);
  }
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (let a = 0; a < agents; a++)
      for (const v of model.clusters[a][model.clusterOf[a][u]]) reach(v);
  }
  if (inChain + copies > maxWorlds) return false;
  for (let w = 0; w < W; w++) if (chain[w] === 0 && copy[w] === 0) return false;
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
