/**
 * The update (event) models of mA* actions, in the ActionModel form that the landed product
 * update (KripkeModel.update) consumes, so planning progresses states with the same machinery as
 * the KripkeTracker. They follow the mA* semantics of the EFP planners:
 * - ontic: full observers (and, since mA* gives ontic actions no partial observers, aware_of
 *   agents too) see the action; each world gets the effects whose conditions hold in that world;
 *   oblivious agents believe nothing happened (ε).
 * - sensing (`determines F`) and announcement (`announces ℓ1, ..., ℓk`): one event per outcome
 *   (the values of F, or the truth of the announced conjunction); full observers keep the worlds
 *   with the actual outcome (world deletion, as in mA*), partial observers know that the full
 *   observers learned the outcome but not which, oblivious agents notice nothing. Where a full
 *   observer held a false belief that leaves it no world with the actual outcome, its worlds are
 *   corrected to the outcome instead of deleted (the tracker's rule), so beliefs stay consistent.
 *
 * ```ts
 * const am = updateModelOf(action, model, observers);
 * const next = model.update(am, agents.length, 200_000); // contracted
 * ```
 */
import type { ActionModel, ModelEvent } from "../epistemic/action-models";
import type { KripkeModel } from "../epistemic/kripke-model";
import type { PlanningAction } from "./problem";

/** How each agent perceives one execution: 0 oblivious, 1 partial, 2 full. */
export type Perception = Uint8Array;

const EPSILON: ModelEvent = { key: "ε", post: [] };

/** The update model of `action` executed in `model`, given who perceives it how. */
export function updateModelOf(
  action: PlanningAction,
  model: KripkeModel,
  perceive: Perception
): ActionModel {
  const pointed = model.worlds[model.actual];
  return action.kind === "ontic"
    ? onticModel(action, pointed, perceive)
    : epistemicModel(action, pointed, perceive);
}

function onticModel(
  action: PlanningAction,
  pointed: Int32Array,
  perceive: Perception
): ActionModel {
  const events = new Map<string, ModelEvent>();
  /** The event whose effects are those firing in valuation v. */
  const eventAt = (v: Int32Array): ModelEvent => {
    let key = "o";
    const fired: number[] = [];
    action.effects.forEach((e, i) => {
      if (e.condition(v)) {
        fired.push(i);
        key += `${i},`;
      }
    });
    let e = events.get(key);
    if (!e) {
      const post = new Map<number, number>();
      for (const i of fired) for (const [f, x] of action.effects[i].assignments) post.set(f, x);
      e = { key, post: [...post] };
      events.set(key, e);
    }
    return e;
  };
  return {
    actual: eventAt(pointed),
    successors: (a, e, w) => (e === EPSILON || perceive[a] === 0 ? [EPSILON] : [eventAt(w)]),
    successorKey: (a, e) => (e === EPSILON || perceive[a] === 0 ? "ε" : "o")
  };
}

function epistemicModel(
  action: PlanningAction,
  pointed: Int32Array,
  perceive: Perception
): ActionModel {
  const sensing = action.kind === "sensing";
  const outcome = sensing
    ? (v: Int32Array) => action.sensed.map((f) => v[f]).join(",")
    : (v: Int32Array) => (action.announced.every(([f, x]) => v[f] === x) ? "1" : "0");
  const events = new Map<string, ModelEvent>();
  const event = (o: string): ModelEvent => {
    let e = events.get(o);
    if (!e) {
      e = { key: o, post: [] };
      events.set(o, e);
    }
    return e;
  };
  /** The correction of a false belief: the outcome's values assigned (empty when not determined). */
  const corrected = new Map<string, ModelEvent>();
  const correction = (o: string): ModelEvent[] => {
    let e = corrected.get(o);
    if (!e) {
      let post: Array<readonly [number, number]> = [];
      if (sensing) post = o.split(",").map((x, i) => [action.sensed[i], Number(x)] as const);
      else if (o === "1") post = [...action.announced];
      else if (action.announced.length === 1)
        post = [[action.announced[0][0], 1 - action.announced[0][1]]];
      e = { key: `c${o}`, post };
      corrected.set(o, e);
    }
    return e.post.length > 0 ? [e] : [];
  };
  const outcomesOf = new WeakMap<readonly Int32Array[], Set<string>>();
  const outcomesIn = (cluster: readonly Int32Array[]): Set<string> => {
    let s = outcomesOf.get(cluster);
    if (!s) {
      s = new Set(cluster.map(outcome));
      outcomesOf.set(cluster, s);
    }
    return s;
  };
  return {
    actual: event(outcome(pointed)),
    successors: (a, e, w, cluster) => {
      if (e === EPSILON || perceive[a] === 0) return [EPSILON];
      if (perceive[a] === 1) return [event(outcome(w))];
      const o = e.key.startsWith("c") ? e.key.slice(1) : e.key;
      if (outcome(w) === o) return [event(o)];
      return outcomesIn(cluster()).has(o) ? [] : correction(o);
    },
    successorKey: (a, e) => {
      if (e === EPSILON || perceive[a] === 0) return "ε";
      if (perceive[a] === 1) return "p";
      return `f${e.key.startsWith("c") ? e.key.slice(1) : e.key}`;
    }
  };
}
