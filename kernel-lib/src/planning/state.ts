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
 * A key that is equal for two pointed models exactly when their bisimulation contractions are
 * isomorphic, i.e. when the states are bisimilar. Worlds are named by canonical partition
 * refinement: each round ranks the distinct signatures (valuation, then per agent the sorted
 * names of the worlds believed possible) in sorted order, so names never depend on world order.
 *
 * ```ts
 * canonicalKey(model) === canonicalKey(model.contract()); // true
 * ```
 */
export function canonicalKey(model: KripkeModel): string {
  const W = model.size;
  const agents = model.clusterOf.length;
  const valuation = model.worlds.map((v) => v.join(""));
  let name = rank(valuation);
  let count = new Set(name).size;
  let clusterNames: string[][] = [];
  for (;;) {
    const cur = name;
    clusterNames = model.clusters.map((cs) =>
      cs.map((members) => [...new Set(members.map((m) => cur[m]))].sort((x, y) => x - y).join(","))
    );
    const sig = Array.from({ length: W }, (_, w) => {
      let s = `${cur[w]}`;
      for (let a = 0; a < agents; a++) s += `|${clusterNames[a][model.clusterOf[a][w]]}`;
      return s;
    });
    const next = rank(sig);
    const n = new Set(next).size;
    // Stable: keep the names the cluster names were written with.
    if (n === count) break;
    name = next;
    count = n;
  }
  // One line per distinct name, in name order: its valuation and what each agent considers.
  const lines: string[] = new Array<string>(count);
  for (let w = 0; w < W; w++) {
    if (lines[name[w]] !== undefined) continue;
    let s = valuation[w];
    for (let a = 0; a < agents; a++) s += `|${clusterNames[a][model.clusterOf[a][w]]}`;
    lines[name[w]] = s;
  }
  return `${name[model.actual]}#${lines.join(";")}`;
}

/** Names each item by the rank of its string among the distinct strings. */
function rank(items: string[]): number[] {
  const distinct = [...new Set(items)].sort();
  const id = new Map(distinct.map((s, i) => [s, i]));
  return items.map((s) => id.get(s)!);
}

/**
 * The initial state of a problem.
 *
 * ```ts
 * initialState(problem).model.size; // 2 for an unknown coin
 * ```
 */
export function initialState(problem: PlanningProblem): EpistemicState {
  return { model: problem.initial, key: canonicalKey(problem.initial) };
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
  return { model, key: canonicalKey(model) };
}
