/**
 * Evaluation of a world model on held-out episodes, beside the baselines it must beat:
 * - `stateMse`: one-step prediction error of the next observation (teacher forcing), against
 *   copy-the-last-observation;
 * - `rolloutMse[k - 1]`: error k steps into a rollout that feeds its own predictions back, against
 *   copying the rollout's first observation;
 * - `beliefAcc`: accuracy on every belief label, against the majority class of each target and
 *   against a reader of the true state, and the same on the labels that are false beliefs (where
 *   the true state is, by definition, the wrong answer).
 *
 * ```ts
 * const report = evaluateWorldModel(model, test, { horizon: 16 });
 * report.stateMse < report.baselines.copyLastStateMse; // the model learned the dynamics
 * report.beliefAccOnFalseBelief > report.baselines.trueStateBeliefAccOnFalseBelief;
 * ```
 */
import type { WorldModel } from "../models/types";
import type { WorldModelData } from "./data";
import { TrainingDataError } from "./features";

/**
 * Options of `evaluateWorldModel`.
 *
 * ```ts
 * evaluateWorldModel(model, test, { horizon: 16, rolloutSteps: 8, majorityFrom: train });
 * ```
 */
export interface EvaluateOptions {
  /** Steps per sequence (default 16; at most the model's maxSteps). */
  horizon?: number;
  /** Sequences per forward pass (default 32). */
  batchSize?: number;
  /** Rollout length for `rolloutMse` (default min(horizon, 8); 0 skips rollouts). */
  rolloutSteps?: number;
  /** At most this many rollouts, from the first windows in dataset order (default 64). */
  maxRollouts?: number;
  /**
   * The data whose most frequent class per target is the majority baseline (default: the
   * evaluated data itself, the strongest such baseline).
   */
  majorityFrom?: WorldModelData;
  /** Called as the work advances: `done` of `total` units (batches, then rollouts). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * What `evaluateWorldModel` reports (means; NaN where there was nothing to measure, e.g. no
 * false-belief labels).
 *
 * ```ts
 * console.table({ model: report.beliefAcc, majority: report.baselines.majorityBeliefAcc });
 * ```
 */
export interface EvaluationReport {
  /** Mean squared error per observation scalar of one-step predictions. */
  stateMse: number;
  /** rolloutMse[k - 1]: mean squared error k steps into a rollout. */
  rolloutMse: number[];
  /** Fraction (0-1) of belief labels whose most probable predicted class is right. */
  beliefAcc: number;
  /** The same, over the labels that differ from the world's true value (false beliefs) only. */
  beliefAccOnFalseBelief: number;
  /** Accuracy per target name, and how many labels it had. */
  beliefAccByTarget: Record<string, { acc: number; labels: number }>;
  /** How much was measured: unmasked steps, belief labels, false-belief labels, rollouts. */
  counts: { steps: number; beliefLabels: number; falseBeliefLabels: number; rollouts: number };
  /** The same measures for simple predictors, to read the model's figures against. */
  baselines: {
    /** stateMse of predicting that the next observation equals the current one. */
    copyLastStateMse: number;
    /** rolloutMse of predicting that nothing changes after the rollout's first observation. */
    copyFirstRolloutMse: number[];
    /** beliefAcc of predicting each target's most frequent label (in `majorityFrom`). */
    majorityBeliefAcc: number;
    /** beliefAccOnFalseBelief of the same majority predictor. */
    majorityBeliefAccOnFalseBelief: number;
    /** Predicting the true value of the fluent as every agent's belief. */
    trueStateBeliefAcc: number;
    /** Its accuracy on false beliefs: 0 by construction, the floor a ToM model must beat. */
    trueStateBeliefAccOnFalseBelief: number;
  };
}

/** Running means. */
class Mean {
  sum = 0;
  n = 0;
  add(x: number, w = 1): void {
    this.sum += x;
    this.n += w;
  }
  get value(): number {
    return this.n > 0 ? this.sum / this.n : NaN;
  }
}

/**
 * The most frequent label of each target in `data` (over all holders; -1 without labels).
 *
 * ```ts
 * const majority = majorityClasses(train); // one class index per target of train.beliefSpec
 * ```
 */
export function majorityClasses(data: WorldModelData): Int32Array {
  const spec = data.beliefSpec;
  if (!spec) return new Int32Array(0);
  const F = spec.targets.length;
  const counts = spec.targets.map((t) => new Array<number>(t.values.length).fill(0));
  for (const ep of data.episodes) {
    if (!ep.beliefs) continue;
    for (let i = 0; i < ep.beliefs.length; i++)
      if (ep.beliefs[i] >= 0) counts[i % F][ep.beliefs[i]]++;
  }
  return Int32Array.from(counts, (c) => (Math.max(...c) > 0 ? c.indexOf(Math.max(...c)) : -1));
}

/**
 * Evaluates `model` on every step of `data` (see the module comment).
 *
 * ```ts
 * const { stateMse, beliefAcc, baselines } = evaluateWorldModel(model, test);
 * ```
 */
export function evaluateWorldModel(
  model: WorldModel,
  data: WorldModelData,
  options: EvaluateOptions = {}
): EvaluationReport {
  const horizon = options.horizon ?? 16;
  const batchSize = options.batchSize ?? 32;
  if (data.episodes.length === 0) throw new TrainingDataError("no episodes to evaluate");
  const spec = data.beliefSpec;
  const F = spec?.targets.length ?? 0;
  const majority = majorityClasses(options.majorityFrom ?? data);
  const mse = new Mean();
  const copyLast = new Mean();
  const acc = new Mean();
  const accFalse = new Mean();
  const maj = new Mean();
  const majFalse = new Mean();
  const truthAcc = new Mean();
  const truthFalse = new Mean();
  const byTarget = Array.from({ length: F }, () => new Mean());
  let steps = 0;
  const batches = data.numBatches({ batchSize, horizon });
  const total = batches + plannedRollouts(data, horizon, options);
  let done = 0;
  for (const batch of data.batches({ batchSize, horizon })) {
    options.onProgress?.(done++, total);
    const pred = model.predict(batch);
    const { batchSize: B, steps: T, numAgents: N, obsDim: D } = batch;
    for (let bt = 0; bt < B * T; bt++) {
      if (batch.mask[bt] === 0) continue;
      steps++;
      for (let i = bt * N * D; i < (bt + 1) * N * D; i++) {
        mse.add((pred.nextObs[i] - batch.nextObs[i]) ** 2);
        copyLast.add((batch.obs[i] - batch.nextObs[i]) ** 2);
      }
      if (!batch.beliefTargets || !batch.falseBelief || !batch.truth) continue;
      for (let n = 0; n < N; n++) {
        for (let f = 0; f < F; f++) {
          const at = (bt * N + n) * F + f;
          const label = batch.beliefTargets[at];
          if (label < 0) continue;
          const isFalse = batch.falseBelief[at] === 1;
          const hit = pred.beliefs[at] === label ? 1 : 0;
          const majHit = majority[f] === label ? 1 : 0;
          const truthHit = batch.truth[bt * F + f] === label ? 1 : 0;
          acc.add(hit);
          maj.add(majHit);
          truthAcc.add(truthHit);
          byTarget[f].add(hit);
          if (isFalse) {
            accFalse.add(hit);
            majFalse.add(majHit);
            truthFalse.add(truthHit);
          }
        }
      }
    }
  }
  const rollouts = rolloutErrors(model, data, horizon, options, () =>
    options.onProgress?.(done++, total)
  );
  options.onProgress?.(total, total);
  return {
    stateMse: mse.value,
    rolloutMse: rollouts.model,
    beliefAcc: acc.value,
    beliefAccOnFalseBelief: accFalse.value,
    beliefAccByTarget: Object.fromEntries(
      (spec?.targets ?? []).map((t, f) => [
        t.name,
        { acc: byTarget[f].value, labels: byTarget[f].n }
      ])
    ),
    counts: { steps, beliefLabels: acc.n, falseBeliefLabels: accFalse.n, rollouts: rollouts.count },
    baselines: {
      copyLastStateMse: copyLast.value,
      copyFirstRolloutMse: rollouts.copyFirst,
      majorityBeliefAcc: maj.value,
      majorityBeliefAccOnFalseBelief: majFalse.value,
      trueStateBeliefAcc: truthAcc.value,
      trueStateBeliefAccOnFalseBelief: truthFalse.value
    }
  };
}

/** How many rollouts `rolloutErrors` will run (for progress). */
function plannedRollouts(data: WorldModelData, horizon: number, options: EvaluateOptions): number {
  const K = options.rolloutSteps ?? Math.min(horizon, 8);
  const maxRollouts = options.maxRollouts ?? 64;
  let count = 0;
  if (K === 0) return 0;
  for (const w of data.windows(horizon)) {
    if (count >= maxRollouts) break;
    if (w.length >= K) count++;
  }
  return count;
}

/** Rollout error per step, over the first `maxRollouts` windows long enough for the rollout. */
function rolloutErrors(
  model: WorldModel,
  data: WorldModelData,
  horizon: number,
  options: EvaluateOptions,
  onRollout: () => void
): { model: number[]; copyFirst: number[]; count: number } {
  const K = options.rolloutSteps ?? Math.min(horizon, 8);
  const maxRollouts = options.maxRollouts ?? 64;
  const N = data.numAgents;
  const D = data.obsDim;
  const modelErr = Array.from({ length: K }, () => new Mean());
  const copyErr = Array.from({ length: K }, () => new Mean());
  let count = 0;
  for (const w of data.windows(horizon)) {
    if (count >= maxRollouts || K === 0) break;
    if (w.length < K) continue;
    const ep = data.episodes[w.episode];
    const obsAt = (t: number, n: number) => ep.obs.subarray((t * N + n) * D, (t * N + n + 1) * D);
    const init = Array.from({ length: N }, (_, n) => obsAt(w.start, n));
    const actions = Array.from({ length: K }, (_, k) =>
      ep.actions.subarray((w.start + k) * N, (w.start + k + 1) * N)
    );
    onRollout();
    const predicted = model.predictTrajectory(init, actions);
    for (let k = 0; k < K; k++) {
      for (let n = 0; n < N; n++) {
        const truth = obsAt(w.start + k + 1, n);
        for (let d = 0; d < D; d++) {
          modelErr[k].add((predicted[k][n][d] - truth[d]) ** 2);
          copyErr[k].add((init[n][d] - truth[d]) ** 2);
        }
      }
    }
    count++;
  }
  return { model: modelErr.map((m) => m.value), copyFirst: copyErr.map((m) => m.value), count };
}
