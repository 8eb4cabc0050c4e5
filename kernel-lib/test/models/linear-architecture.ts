/** A user's own architecture for the tests: one linear map per observation, no belief head. */
import * as tf from "@tensorflow/tfjs-core";
import { registerArchitecture } from "../../src/models/architectures";

registerArchitecture("test-linear", {
  params: (c) => [
    { name: "linear/kernel", shape: [c.obsDim, c.obsDim], init: "glorot" },
    { name: "linear/action", shape: [c.actionDim, c.obsDim], init: "embedding" }
  ],
  forward: (c, w, obs, actions) => {
    const [B, T, N, D] = obs.shape;
    const rows = tf.reshape(obs, [B * T * N, D]);
    const moved = tf.matMul(
      tf.oneHot(tf.reshape(actions, [B * T * N]), c.actionDim),
      w["linear/action"]
    );
    const next = tf.add(tf.matMul(rows, w["linear/kernel"]), moved);
    return { nextObs: tf.reshape(next, [B, T, N, D]) as tf.Tensor4D, beliefLogits: null };
  }
});
