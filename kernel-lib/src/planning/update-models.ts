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

/**
 * An event with the one-event successor list that names it, built once: the product update
 * asks for successors per world, and handing out the same arrays spares the garbage collector.
 */
interface PlanEvent extends ModelEvent {
  readonly alone: ModelEvent[];
  /** Sensing and announcement: the outcome (sensed values as bits, or announced 1 / 0). */
  readonly outcome: number;
  /** Sensing and announcement: the successor key of full observers at this event. */
  readonly fullKey: string;
}

function planEvent(key: string, post: ModelEvent["post"], outcome = -1): PlanEvent {
  const e = { key, post, outcome, fullKey: `f${outcome}`, alone: [] as ModelEvent[] };
  e.alone.push(e);
  return e;
}

const EPSILON: PlanEvent = planEvent("ε", []);
const NONE: ModelEvent[] = [];

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
  const effects = action.effects;
  const events = new Map<number | string, PlanEvent>();
  /** Which effects fire in valuation v: a bit mask (a list beyond 30 effects). */
  const firing = (v: Int32Array): number | string => {
    if (effects.length <= 30) {
      let mask = 0;
      for (let i = 0; i < effects.length; i++) if (effects[i].condition(v)) mask |= 1 << i;
      return mask;
    }
    return effects.map((e) => (e.condition(v) ? "1" : "0")).join("");
  };
  /** The event whose effects are those firing in valuation v. */
  const eventAt = (v: Int32Array): PlanEvent => {
    const fired = firing(v);
    let e = events.get(fired);
    if (!e) {
      const post = new Map<number, number>();
      for (let i = 0; i < effects.length; i++)
        if (effects[i].condition(v)) for (const [f, x] of effects[i].assignments) post.set(f, x);
      e = planEvent(`o${fired}`, [...post]);
      events.set(fired, e);
    }
    return e;
  };
  return {
    actual: eventAt(pointed),
    successors: (a, e, w) =>
      e === EPSILON || perceive[a] === 0 ? EPSILON.alone : eventAt(w).alone,
    successorKey: (a, e) => (e === EPSILON || perceive[a] === 0 ? "ε" : "o")
  };
}

function epistemicModel(
  action: PlanningAction,
  pointed: Int32Array,
  perceive: Perception
): ActionModel {
  const sensing = action.kind === "sensing";
  const sensed = action.sensed;
  const announced = action.announced;
  // Outcomes are numbers: the sensed values as bits (through a table beyond 30 fluents).
  const wide = new Map<string, number>();
  const widths: string[] = [];
  /** The outcome in valuation v: the sensed values, or whether the announcement holds (1 / 0). */
  const outcome = (v: Int32Array): number => {
    if (sensing) {
      if (sensed.length > 30) {
        const text = sensed.map((f) => v[f]).join(",");
        let o = wide.get(text);
        if (o === undefined) {
          o = widths.length;
          wide.set(text, o);
          widths.push(text);
        }
        return o;
      }
      let o = 0;
      for (let i = 0; i < sensed.length; i++) o |= v[sensed[i]] << i;
      return o;
    }
    for (let i = 0; i < announced.length; i++) if (v[announced[i][0]] !== announced[i][1]) return 0;
    return 1;
  };
  /** The sensed value of the i-th sensed fluent in outcome o. */
  const sensedValue = (o: number, i: number): number =>
    sensed.length > 30 ? Number(widths[o].split(",")[i]) : (o >> i) & 1;
  const events = new Map<number, PlanEvent>();
  const event = (o: number): PlanEvent => {
    let e = events.get(o);
    if (!e) {
      e = planEvent(String(o), [], o);
      events.set(o, e);
    }
    return e;
  };
  /** The correction of a false belief: the outcome's values assigned (none when not determined). */
  const corrected = new Map<number, ModelEvent[]>();
  const correction = (o: number): ModelEvent[] => {
    let c = corrected.get(o);
    if (!c) {
      let post: Array<readonly [number, number]> = [];
      if (sensing) post = sensed.map((f, i) => [f, sensedValue(o, i)] as const);
      else if (o === 1) post = [...announced];
      else if (announced.length === 1) post = [[announced[0][0], 1 - announced[0][1]]];
      c = post.length > 0 ? planEvent(`c${o}`, post, o).alone : NONE;
      corrected.set(o, c);
    }
    return c;
  };
  const outcomesOf = new WeakMap<readonly Int32Array[], Set<number>>();
  const outcomesIn = (cluster: readonly Int32Array[]): Set<number> => {
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
      if (e === EPSILON || perceive[a] === 0) return EPSILON.alone;
      if (perceive[a] === 1) return event(outcome(w)).alone;
      const o = (e as PlanEvent).outcome;
      if (outcome(w) === o) return event(o).alone;
      return outcomesIn(cluster()).has(o) ? NONE : correction(o);
    },
    successorKey: (a, e) => {
      if (e === EPSILON || perceive[a] === 0) return "ε";
      if (perceive[a] === 1) return "p";
      return (e as PlanEvent).fullKey;
    }
  };
}
