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
import type { KripkeModel } from "../epistemic/kripke-model";
import { keyOfContracted } from "./state-key";
import type { PlanningAction, PlanningProblem } from "./problem";
import { leavesUnchanged } from "./unchanged";
import { updateModelOf } from "./update-models";

export { decodeState, keyOfContracted } from "./state-key";

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
  // A state the action cannot change is its own successor (see unchanged.ts): same key.
  if (leavesUnchanged(action, m, perceive, maxWorlds)) return state;
  const model = m.update(updateModelOf(action, m, perceive), problem.agents.length, maxWorlds);
  return { model, key: keyOfContracted(model) };
}
