/**
 * Belief labels and the true state, per step of a recorded episode: what each agent believes
 * about each belief target (from the recorded belief ground truth), the world's true value of each
 * target's fluent (replayed from the episode's initial world and its ontic events), and so which
 * labels are false beliefs.
 *
 * ```ts
 * const truth = trueStates(ds.episodes[0]); // truth[t]["at(marble)"] === "box"
 * const labels = beliefLabels(spec, ds.episodes[0].beliefs![t], 0); // one class index per target
 * ```
 */
import type { BeliefGroundTruth, Fluent, Value } from "../epistemic/events";
import type { Episode } from "../data/records";
import type { BeliefSpec } from "../models/types";
import { TrainingDataError } from "./features";

/**
 * The world's true value of every fluent after each step of `episode` (index 0: after the reset),
 * replayed from `trackerInit.world` and the effects of the ontic events.
 *
 * ```ts
 * trueStates(episode)[0]; // the initial world, changed by the reset's ontic events
 * ```
 */
export function trueStates(episode: Episode): Record<Fluent, Value>[] {
  if (!episode.trackerInit) {
    throw new TrainingDataError(
      `episode ${episode.index} has no tracker init, so its true state cannot be replayed`
    );
  }
  const world: Record<Fluent, Value> = { ...episode.trackerInit.world };
  return episode.events.map((events) => {
    for (const e of events) if (e.kind === "ontic") Object.assign(world, e.effects);
    return { ...world };
  });
}

/**
 * The belief chain key of target `f` held by agent `holder` (e.g. "anne/sally"), or undefined
 * when the chain would nest an agent directly in itself.
 */
function chainOf(spec: BeliefSpec, f: number, holder: number): string | undefined {
  const chain = [spec.agents[holder], ...(spec.targets[f].about ?? [])];
  for (let i = 1; i < chain.length; i++) if (chain[i] === chain[i - 1]) return undefined;
  return chain.join("/");
}

/**
 * Class indices of what agent number `holder` (in `spec.agents`) believes about each target in
 * `gt`: the index of its single believed value, or -1 when it believes nothing definite (unknown,
 * several values, a value outside the target's classes, a self-nested chain).
 *
 * ```ts
 * beliefLabels(spec, episode.beliefs![3], 1); // Int32Array with one entry per target
 * ```
 */
export function beliefLabels(spec: BeliefSpec, gt: BeliefGroundTruth, holder: number): Int32Array {
  const out = new Int32Array(spec.targets.length).fill(-1);
  spec.targets.forEach((target, f) => {
    const key = chainOf(spec, f, holder);
    const values = key === undefined ? undefined : gt.perspectives[key]?.[target.fluent];
    if (values && values.length === 1) out[f] = target.values.indexOf(String(values[0]));
  });
  return out;
}

/**
 * Class index of the true value of each target's fluent in `world` (-1 when the fluent is not in
 * the world or its value is not one of the target's classes).
 *
 * ```ts
 * truthLabels(spec, trueStates(episode)[t]);
 * ```
 */
export function truthLabels(spec: BeliefSpec, world: Record<Fluent, Value>): Int32Array {
  return Int32Array.from(spec.targets, (target) =>
    target.fluent in world ? target.values.indexOf(String(world[target.fluent])) : -1
  );
}
