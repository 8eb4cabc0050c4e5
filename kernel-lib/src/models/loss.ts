/**
 * The training loss: masked mean squared error of the next observations, plus the weighted mean
 * cross-entropy of the belief labels, each summed and divided by the whole batch's counts.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { BatchTensors, LossCounts } from "./batch";
import type { NetworkOutput } from "./network";

/**
 * Log-probabilities of each belief target's classes: a log-softmax over each target's own segment
 * of the logits' last axis.
 *
 * ```ts
 * const logp = segmentLogSoftmax(logits, [3, 2]); // same shape as logits
 * ```
 */
export function segmentLogSoftmax(logits: tf.Tensor4D, counts: number[]): tf.Tensor4D {
  const parts = tf.split(logits, counts, 3).map((p) => tf.logSoftmax(p));
  return (parts.length === 1 ? parts[0] : tf.concat(parts, 3)) as tf.Tensor4D;
}

/**
 * The loss tensors of one forward pass: `obs` and `belief` are the two means (scalars), `total`
 * = obs + weight * belief, the one to differentiate.
 *
 * ```ts
 * const { total } = lossTensors(out, t, counts, [3, 2], 1);
 * ```
 */
export function lossTensors(
  out: NetworkOutput,
  t: BatchTensors,
  counts: LossCounts,
  classCounts: number[],
  beliefWeight: number
): { total: tf.Scalar; obs: tf.Scalar; belief: tf.Scalar } {
  const err = tf.mul(tf.square(tf.sub(out.nextObs, t.nextObs)), t.mask);
  const obs = tf.div(tf.sum(err), Math.max(1, counts.obs)) as tf.Scalar;
  let belief = tf.scalar(0);
  if (out.beliefLogits && t.beliefTarget && counts.labels > 0) {
    const logp = segmentLogSoftmax(out.beliefLogits, classCounts);
    belief = tf.div(tf.neg(tf.sum(tf.mul(logp, t.beliefTarget))), counts.labels) as tf.Scalar;
  }
  const total = beliefWeight === 0 ? obs : (tf.add(obs, tf.mul(belief, beliefWeight)) as tf.Scalar);
  return { total, obs, belief };
}
