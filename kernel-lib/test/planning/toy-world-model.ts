/**
 * A world model whose predictions are known, for testing planners over learned models: a
 * registered architecture with two weights set by hand instead of trained.
 *
 * Two agents on a line, "mover" (0) and "watcher" (1). Each agent's observation is [p, q]: its
 * own position and where it sees the other. Action 0 stays, 1 steps +1, 2 steps -1 (the weight
 * "toy/step" holds the steps). Next observation: p + step(own action), and q = the other's new
 * position. The belief head has one target, where the mover is (c0 .. c3): the mover reads its
 * own p, the watcher its q, with logits k (2 v x - v^2) for value v (k = "toy/sharp"), so the
 * most probable value is the nearest cell and k sets how sure the model is.
 */
import * as tf from "@tensorflow/tfjs-core";
import { registerArchitecture } from "../../src/models/architectures";
import { PerspectiveWorldModel } from "../../src/models/world-model";

const CELLS = [0, 1, 2, 3];

registerArchitecture("toy-line", {
  params: (c) => [
    { name: "toy/step", shape: [c.actionDim, 1], init: "zeros" },
    { name: "toy/sharp", shape: [1], init: "ones" }
  ],
  forward: (_c, w, obs, actions) => {
    const [B, T] = obs.shape;
    const p = tf.squeeze(tf.slice(obs, [0, 0, 0, 0], [B, T, 2, 1]), [3]);
    const q = tf.squeeze(tf.slice(obs, [0, 0, 0, 1], [B, T, 2, 1]), [3]);
    const step = tf.reshape(tf.gather(tf.reshape(w["toy/step"], [-1]), actions), [B, T, 2]);
    const moved = tf.add(p, step);
    const nextObs = tf.stack([moved, tf.reverse(moved, 2)], 3) as tf.Tensor4D;
    // The mover's estimate of its own position is p; the watcher's is q.
    const x = tf.concat([tf.slice(p, [0, 0, 0], [B, T, 1]), tf.slice(q, [0, 0, 1], [B, T, 1])], 2);
    const v = tf.tensor1d(CELLS);
    const logits = tf.mul(
      w["toy/sharp"],
      tf.sub(tf.mul(tf.mul(tf.expandDims(x, 3), 2), v), tf.mul(v, v))
    ) as tf.Tensor4D;
    return { nextObs, beliefLogits: logits };
  }
});

/** The toy model with sharpness k (see the module comment). */
export async function toyLineModel(k: number): Promise<PerspectiveWorldModel> {
  const model = await PerspectiveWorldModel.create({
    obsDim: 2,
    actionDim: 3,
    hiddenDim: 4,
    numAgents: 2,
    numLayers: 1,
    numHeads: 1,
    maxSteps: 12,
    seed: 0,
    architecture: "toy-line",
    beliefSpec: {
      agents: ["mover", "watcher"],
      targets: [{ name: "at(mover)", fluent: "at(mover)", values: CELLS.map((c) => `c${c}`) }]
    }
  });
  const names = model.weightNames();
  model.setWeights(
    names.map((n) =>
      n.endsWith("toy/step") ? new Float32Array([0, 1, -1]) : new Float32Array([k])
    )
  );
  return model;
}
