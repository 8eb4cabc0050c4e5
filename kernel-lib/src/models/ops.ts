/**
 * The few tensor operations the world model is made of, shaped so that the backend's fast kernels
 * do the work: every linear map is one 2-D matMul over rows that fold (sequence, step, agent)
 * together, and its gradient uses explicit transposes, because on the wasm backend a matMul with a
 * transpose flag runs about ten times slower than a transpose followed by a plain matMul.
 */
import * as tf from "@tensorflow/tfjs-core";

/** Column sums of 2-D `dy` as a [1, rows] x [rows, cols] matMul: summing over axis 0 directly is slow on wasm. */
function columnSums(dy: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(tf.matMul(tf.ones([1, dy.shape[0]]), dy), [dy.shape[1]]);
}

/**
 * `x @ w + b` for 2-D `x` [rows, in], `w` [in, out], `b` [out], with a gradient made of plain
 * matMuls (no transpose flags, no reductions over the row axis).
 *
 * ```ts
 * const y = dense(tf.ones([4, 3]), tf.ones([3, 2]), tf.zeros([2])); // [4, 2]
 * ```
 */
export const dense = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x, w), b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, sw] = saved as tf.Tensor2D[];
      const dy2 = dy as tf.Tensor2D;
      return [tf.matMul(dy2, tf.transpose(sw)), tf.matMul(tf.transpose(sx), dy2), columnSums(dy2)];
    }
  };
}) as (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor2D;

/**
 * `x @ e` where `x` is a constant (a one-hot selection) and `e` a learned table: an embedding
 * lookup as a matMul, whose gradient is one plain matMul.
 *
 * ```ts
 * const rows = lookup(tf.oneHot(ids, 5), table); // [ids.size, dim]
 * ```
 */
export const lookup = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, e, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([x]);
  return {
    value: tf.matMul(x, e),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
      tf.zerosLike(saved[0]),
      tf.matMul(tf.transpose(saved[0] as tf.Tensor2D), dy as tf.Tensor2D)
    ]
  };
}) as (x: tf.Tensor, e: tf.Tensor) => tf.Tensor2D;

/**
 * Layer normalisation over the last axis of rows [rows, d], with gain and bias, and a
 * hand-written gradient: a dozen ops instead of the two dozen autodiff would record, and the
 * gain and bias gradients as column-sum matMuls.
 *
 * ```ts
 * layerNorm(x, gamma, beta); // same shape as x
 * ```
 */
export const layerNorm = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, gamma, beta, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
  const { mean, variance } = tf.moments(x, -1, true);
  const rstd = tf.rsqrt(tf.add(variance, 1e-5));
  const xhat = tf.mul(tf.sub(x, mean), rstd) as tf.Tensor2D;
  save([xhat, rstd, gamma]);
  return {
    value: tf.add(tf.mul(xhat, gamma), beta),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sxhat, srstd, sgamma] = saved;
      const dy2 = dy as tf.Tensor2D;
      const g = tf.mul(dy2, sgamma);
      // dx = rstd * (g - mean(g) - xhat * mean(g * xhat)), means over the row.
      const dx = tf.mul(
        tf.sub(tf.sub(g, tf.mean(g, -1, true)), tf.mul(sxhat, tf.mean(tf.mul(g, sxhat), -1, true))),
        srstd
      );
      return [dx, columnSums(tf.mul(dy2, sxhat) as tf.Tensor2D), columnSums(dy2)];
    }
  };
}) as (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor2D;

const masks = new Map<number, tf.Tensor2D>();

/** A `[T, T]` additive mask: 0 on and below the diagonal, a large negative number above it. */
function causalMask(steps: number): tf.Tensor2D {
  let mask = masks.get(steps);
  if (!mask || mask.isDisposed) {
    const data = new Float32Array(steps * steps);
    for (let i = 0; i < steps; i++) for (let j = i + 1; j < steps; j++) data[i * steps + j] = -1e9;
    mask = tf.keep(tf.tensor2d(data, [steps, steps]));
    masks.set(steps, mask);
  }
  return mask;
}

/** The weights of one pre-norm transformer block. */
export interface BlockWeights {
  ln1g: tf.Tensor;
  ln1b: tf.Tensor;
  wq: tf.Tensor;
  bq: tf.Tensor;
  wk: tf.Tensor;
  bk: tf.Tensor;
  wv: tf.Tensor;
  bv: tf.Tensor;
  wo: tf.Tensor;
  bo: tf.Tensor;
  ln2g: tf.Tensor;
  ln2b: tf.Tensor;
  w1: tf.Tensor;
  b1: tf.Tensor;
  w2: tf.Tensor;
  b2: tf.Tensor;
}

/**
 * One pre-norm causal transformer block over `sequences` sequences of `steps` tokens each, the
 * tokens given as rows [sequences * steps, d]. Only attention needs the sequence axis (a batched
 * matMul per head over T <= maxSteps); the projections and the feed-forward run on all rows at once.
 *
 * ```ts
 * const y = causalBlock(rows, block, { sequences: 32, steps: 16, heads: 4 });
 * ```
 */
export function causalBlock(
  x: tf.Tensor,
  w: BlockWeights,
  shape: { sequences: number; steps: number; heads: number }
): tf.Tensor2D {
  const { sequences: S, steps: T, heads: H } = shape;
  const d = x.shape[1] as number;
  const dh = d / H;
  const normed = layerNorm(x, w.ln1g, w.ln1b);
  // Heads to the front with rank-4 transposes (fast on wasm, unlike splits on the feature axis).
  const heads = (kernel: tf.Tensor, bias: tf.Tensor) =>
    tf.reshape(tf.transpose(tf.reshape(dense(normed, kernel, bias), [S, T, H, dh]), [0, 2, 1, 3]), [
      S * H,
      T,
      dh
    ]) as tf.Tensor3D;
  const [q, k, v] = [heads(w.wq, w.bq), heads(w.wk, w.bk), heads(w.wv, w.bv)];
  const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh)), causalMask(T));
  const ctx = tf.matMul(tf.softmax(scores), v); // [S*H, T, dh]
  const merged = tf.reshape(tf.transpose(tf.reshape(ctx, [S, H, T, dh]), [0, 2, 1, 3]), [S * T, d]);
  const h = tf.add(x, dense(merged as tf.Tensor2D, w.wo, w.bo));
  const ff = dense(tf.relu(dense(layerNorm(h, w.ln2g, w.ln2b), w.w1, w.b1)), w.w2, w.b2);
  return tf.add(h, ff) as tf.Tensor2D;
}
