/**
 * The forward pass of the Perspective World Model as a pure function of its weights, used for
 * training, prediction and by the saved model's layer alike (one copy of the architecture):
 *
 * 1. perspective encoder: each agent's observation -> latent, conditioned on whose view it is
 *    (an agent embedding added after the first layer); rows = B * T * N;
 * 2. dynamics: per step, all agents' latents and action embeddings -> one token (rows = B * T),
 *    a position embedding, `numLayers` causal transformer blocks;
 * 3. decoder: token -> every agent's next observation, as a change to its current one;
 * 4. belief head: each agent's own latents only (rows = B * N * T, one sequence per agent), causal
 *    attention blocks, then one logit per class of each belief target.
 */
import * as tf from "@tensorflow/tfjs-core";
import { causalBlock, dense, layerNorm, lookup, type BlockWeights } from "./ops";
import { beliefClassCounts, type ResolvedConfig } from "./params";

/** Weights by name (see params.ts). */
export type Weights = Record<string, tf.Tensor>;

/**
 * What the network returns: next observations `[B, T, N, obsDim]` and, with a belief head, belief
 * logits `[B, T, N, classes]`.
 *
 * ```ts
 * const { nextObs, beliefLogits } = forward(config, weights, obs, actions);
 * ```
 */
export interface NetworkOutput {
  /** Predicted next observations, `[B, T, N, obsDim]`. */
  nextObs: tf.Tensor4D;
  /** Belief logits, `[B, T, N, classes]` (every target's classes end to end); null without targets. */
  beliefLogits: tf.Tensor4D | null;
}

/** One-hot step indices [S * T, maxSteps] of S sequences of T steps. */
function positions(S: number, T: number, maxSteps: number): tf.Tensor2D {
  return tf.oneHot(tf.tile(tf.range(0, T, 1, "int32"), [S]), maxSteps) as tf.Tensor2D;
}

function block(w: Weights, prefix: string): BlockWeights {
  const g = (n: string) => w[`${prefix}/${n}`];
  return {
    ln1g: g("ln1_gamma"),
    ln1b: g("ln1_beta"),
    wq: g("query_kernel"),
    bq: g("query_bias"),
    wk: g("key_kernel"),
    bk: g("key_bias"),
    wv: g("value_kernel"),
    bv: g("value_bias"),
    wo: g("out_kernel"),
    bo: g("out_bias"),
    ln2g: g("ln2_gamma"),
    ln2b: g("ln2_beta"),
    w1: g("ff1_kernel"),
    b1: g("ff1_bias"),
    w2: g("ff2_kernel"),
    b2: g("ff2_bias")
  };
}

/**
 * Runs the model on observations [B, T, N, obsDim] (float32) and actions [B, T, N] (int32).
 *
 * ```ts
 * const out = tf.tidy(() => forward(config, weights, obs, actions));
 * ```
 */
export function forward(
  c: ResolvedConfig,
  w: Weights,
  obs: tf.Tensor4D,
  actions: tf.Tensor3D
): NetworkOutput {
  const [B, T, N, D] = obs.shape;
  const H = c.hiddenDim;
  const rows = B * T * N;
  // 1. Perspective encoder.
  const h1 = dense(tf.reshape(obs, [rows, D]), w["encoder/kernel1"], w["encoder/bias1"]);
  const whose = tf.oneHot(tf.tile(tf.range(0, N, 1, "int32"), [B * T]), N);
  const seen = tf.add(h1, lookup(whose, w["encoder/agent_embedding"]));
  const latents = dense(tf.relu(seen) as tf.Tensor2D, w["encoder/kernel2"], w["encoder/bias2"]);
  // 2. Dynamics: one token per step from every agent's latent and action.
  const act = lookup(
    tf.oneHot(tf.reshape(actions, [rows]), c.actionDim),
    w["dynamics/action_embedding"]
  );
  const joint = tf.reshape(tf.add(latents, act), [B * T, N * H]);
  let tokens = tf.add(
    dense(joint, w["dynamics/joint_kernel"], w["dynamics/joint_bias"]),
    lookup(positions(B, T, c.maxSteps), w["dynamics/position_embedding"])
  );
  for (let l = 0; l < c.numLayers; l++)
    tokens = causalBlock(tokens, block(w, `dynamics/block${l}`), {
      sequences: B,
      steps: T,
      heads: c.numHeads
    });
  tokens = layerNorm(tokens, w["dynamics/ln_gamma"], w["dynamics/ln_beta"]);
  // 3. Decoder: the change of every agent's observation.
  const delta = dense(
    tf.relu(dense(tokens, w["decoder/kernel1"], w["decoder/bias1"])) as tf.Tensor2D,
    w["decoder/kernel2"],
    w["decoder/bias2"]
  );
  const nextObs = tf.add(obs, tf.reshape(delta, [B, T, N, D])) as tf.Tensor4D;
  // 4. Belief head over each agent's own sequence of latents.
  const classes = beliefClassCounts(c).reduce((a, b) => a + b, 0);
  if (classes === 0) return { nextObs, beliefLogits: null };
  const own = tf.transpose(tf.reshape(latents, [B, T, N, H]), [0, 2, 1, 3]); // [B, N, T, H]
  let mine = tf.reshape(tf.add(own, tf.slice(w["belief/position_embedding"], [0, 0], [T, H])), [
    B * N * T,
    H
  ]);
  for (let l = 0; l < c.beliefLayers; l++)
    mine = causalBlock(mine, block(w, `belief/block${l}`), {
      sequences: B * N,
      steps: T,
      heads: c.numHeads
    });
  mine = layerNorm(mine, w["belief/ln_gamma"], w["belief/ln_beta"]);
  const logits = dense(mine, w["belief/kernel"], w["belief/bias"]);
  const beliefLogits = tf.transpose(
    tf.reshape(logits, [B, N, T, classes]),
    [0, 2, 1, 3]
  ) as tf.Tensor4D;
  return { nextObs, beliefLogits };
}
