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
import { satisfyingWorlds, type Resolved } from "../epistemic/formula-eval";
import type { KripkeModel } from "../epistemic/kripke-model";
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
  model: KripkeModel;
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

/** The key of a model already contracted (and so in canonical order). */
export function keyOfContracted(m: KripkeModel): string {
  const codes: number[] = [];
  // One UTF-16 unit per number; larger numbers are escaped as 0xFFFF and two units.
  const put = (x: number) => {
    if (x < 0xffff) codes.push(x);
    else codes.push(0xffff, x >>> 16, x & 0xffff);
  };
  put(m.actual);
  put(m.size);
  for (const v of m.worlds) for (let i = 0; i < v.length; i++) put(v[i] + 1);
  for (let a = 0; a < m.clusterOf.length; a++) {
    const of = m.clusterOf[a];
    for (let w = 0; w < of.length; w++) put(of[w]);
    put(m.clusters[a].length);
    for (const members of m.clusters[a]) {
      put(members.length);
      for (const x of members) put(x);
    }
  }
  let out = "";
  for (let i = 0; i < codes.length; i += 4096)
    out += String.fromCharCode(...codes.slice(i, i + 4096));
  return out;
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
      return phi.args.every((g) => holdsAt(model, g, w));
    case "or":
      return phi.args.some((g) => holdsAt(model, g, w));
    case "believes":
      return model.clusters[phi.a][model.clusterOf[phi.a][w]].every((v) =>
        holdsAt(model, phi.arg, v)
      );
    case "common":
      return satisfyingWorlds(model, phi)[w] === 1;
  }
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
