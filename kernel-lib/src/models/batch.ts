/**
 * Batches: checking their shape against a model, cutting them into slices of sequences (for
 * data-parallel steps), and turning them into the tensors of the forward pass and the loss.
 */
import * as tf from "@tensorflow/tfjs-core";
import { beliefClassCounts, type ResolvedConfig } from "./params";
import { ModelError, type WorldModelBatch } from "./types";

function expectLength(name: string, arr: ArrayLike<number> | undefined, n: number, shape: string) {
  if (arr === undefined) throw new ModelError(`batch.${name} is missing`);
  if (arr.length !== n)
    throw new ModelError(`batch.${name} has ${arr.length} values, expected ${n} (${shape})`);
}

/**
 * Checks a batch against a model's configuration; throws a ModelError naming the first problem.
 *
 * ```ts
 * checkBatch(batch, resolveConfig(config));
 * ```
 */
export function checkBatch(batch: WorldModelBatch, c: ResolvedConfig): void {
  if (typeof batch !== "object" || batch === null)
    throw new ModelError("a batch must be an object");
  const { batchSize: B, steps: T, numAgents: N, obsDim: D } = batch;
  for (const [k, v] of Object.entries({ batchSize: B, steps: T, numAgents: N, obsDim: D }))
    if (!Number.isSafeInteger(v) || v <= 0)
      throw new ModelError(`batch.${k} must be a positive integer, got ${String(v)}`);
  if (N !== c.numAgents)
    throw new ModelError(`batch has ${N} agents, the model was built for ${c.numAgents}`);
  if (D !== c.obsDim)
    throw new ModelError(`batch has obsDim ${D}, the model was built for ${c.obsDim}`);
  if (T > c.maxSteps)
    throw new ModelError(`batch has ${T} steps, more than the model's maxSteps (${c.maxSteps})`);
  const shape = `[${B}, ${T}, ${N}, ${D}]`;
  if (!(batch.obs instanceof Float32Array))
    throw new ModelError("batch.obs must be a Float32Array");
  if (!(batch.nextObs instanceof Float32Array))
    throw new ModelError("batch.nextObs must be a Float32Array");
  expectLength("obs", batch.obs, B * T * N * D, shape);
  expectLength("nextObs", batch.nextObs, B * T * N * D, shape);
  expectLength("actions", batch.actions, B * T * N, `[${B}, ${T}, ${N}]`);
  expectLength("mask", batch.mask, B * T, `[${B}, ${T}]`);
  for (let i = 0; i < batch.actions.length; i++) {
    const a = batch.actions[i];
    if (!Number.isInteger(a) || a < 0 || a >= c.actionDim)
      throw new ModelError(
        `batch.actions[${i}] = ${a} is not an action of this model (0 .. ${c.actionDim - 1})`
      );
  }
  const counts = beliefClassCounts(c);
  if (batch.beliefTargets !== undefined) {
    const F = counts.length;
    if (F === 0) throw new ModelError("batch has belief targets but the model has no beliefSpec");
    expectLength("beliefTargets", batch.beliefTargets, B * T * N * F, `[${B}, ${T}, ${N}, ${F}]`);
    for (let i = 0; i < batch.beliefTargets.length; i++) {
      const label = batch.beliefTargets[i];
      const f = i % F;
      if (!Number.isInteger(label) || label < -1 || label >= counts[f])
        throw new ModelError(
          `batch.beliefTargets[${i}] = ${label} is not a class of target ${f} (-1 .. ${counts[f] - 1})`
        );
    }
  }
}

/**
 * Sequences `from` .. `to` - 1 of a batch, sharing its memory.
 *
 * ```ts
 * const firstHalf = sliceBatch(batch, 0, batch.batchSize / 2);
 * ```
 */
export function sliceBatch(batch: WorldModelBatch, from: number, to: number): WorldModelBatch {
  const { steps: T, numAgents: N, obsDim: D } = batch;
  const cut = <A extends { subarray(a: number, b: number): A }>(a: A, per: number): A =>
    a.subarray(from * per, to * per);
  const F = batch.beliefTargets ? batch.beliefTargets.length / (batch.batchSize * T * N) : 0;
  return {
    batchSize: to - from,
    steps: T,
    numAgents: N,
    obsDim: D,
    obs: cut(batch.obs, T * N * D),
    actions: cut(batch.actions, T * N),
    nextObs: cut(batch.nextObs, T * N * D),
    mask: cut(batch.mask, T),
    ...(batch.beliefTargets ? { beliefTargets: cut(batch.beliefTargets, T * N * F) } : {}),
    ...(batch.falseBelief ? { falseBelief: cut(batch.falseBelief, T * N * F) } : {}),
    ...(batch.truth ? { truth: cut(batch.truth, T * F) } : {})
  };
}

/**
 * How the loss of a batch is normalised: real steps times agents times obsDim, and labelled
 * belief entries on real steps. A slice of a batch is normalised by the whole batch's counts, so
 * that the gradients of the slices add up to the gradient of the batch.
 *
 * ```ts
 * const counts = lossCounts(batch, resolved);
 * ```
 */
export interface LossCounts {
  obs: number;
  labels: number;
}

/**
 * The normalisers of a batch's loss (see LossCounts).
 *
 * ```ts
 * lossCounts(batch, resolved).labels; // labelled entries on real steps
 * ```
 */
export function lossCounts(batch: WorldModelBatch, c: ResolvedConfig): LossCounts {
  const { batchSize: B, steps: T, numAgents: N, obsDim: D } = batch;
  let real = 0;
  let labels = 0;
  const F = beliefClassCounts(c).length;
  for (let i = 0; i < B * T; i++) {
    if (batch.mask[i] === 0) continue;
    real++;
    if (batch.beliefTargets && F > 0)
      for (let j = i * N * F; j < (i + 1) * N * F; j++) if (batch.beliefTargets[j] >= 0) labels++;
  }
  return { obs: real * N * D, labels };
}

/**
 * A batch as tensors: inputs of the forward pass and the targets of the loss. `beliefTarget` is
 * a one-hot [B, T, N, classes] tensor, zero where there is no label or on padding.
 *
 * ```ts
 * const t = batchTensors(batch, resolved); // dispose with tf.dispose(Object.values(t))
 * ```
 */
export interface BatchTensors {
  obs: tf.Tensor4D;
  actions: tf.Tensor3D;
  nextObs: tf.Tensor4D;
  mask: tf.Tensor4D;
  beliefTarget: tf.Tensor4D | null;
}

/**
 * Builds the tensors of a batch (see BatchTensors).
 *
 * ```ts
 * const t = batchTensors(batch, resolved);
 * ```
 */
export function batchTensors(batch: WorldModelBatch, c: ResolvedConfig): BatchTensors {
  const { batchSize: B, steps: T, numAgents: N, obsDim: D } = batch;
  const counts = beliefClassCounts(c);
  let beliefTarget: tf.Tensor4D | null = null;
  if (batch.beliefTargets && counts.length > 0) {
    const F = counts.length;
    const V = counts.reduce((a, b) => a + b, 0);
    const offsets = counts.map((_, f) => counts.slice(0, f).reduce((a, b) => a + b, 0));
    const onehot = new Float32Array(B * T * N * V);
    for (let bt = 0; bt < B * T; bt++) {
      if (batch.mask[bt] === 0) continue;
      for (let n = 0; n < N; n++)
        for (let f = 0; f < F; f++) {
          const label = batch.beliefTargets[(bt * N + n) * F + f];
          if (label >= 0) onehot[(bt * N + n) * V + offsets[f] + label] = 1;
        }
    }
    beliefTarget = tf.tensor4d(onehot, [B, T, N, V]);
  }
  return {
    obs: tf.tensor4d(batch.obs, [B, T, N, D]),
    actions: tf.tensor3d(Int32Array.from(batch.actions), [B, T, N], "int32"),
    nextObs: tf.tensor4d(batch.nextObs, [B, T, N, D]),
    mask: tf.tensor4d(batch.mask, [B, T, 1, 1]),
    beliefTarget
  };
}
