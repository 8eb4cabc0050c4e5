/**
 * The loss of a batch and its gradients with respect to every weight of the model, in the order
 * of the weights. A slice of a batch is normalised by the whole batch's counts (`counts`), so the
 * gradients of the slices sum to the gradient of the batch: that is what makes the data-parallel
 * step equal to the single-thread one.
 */
import * as tf from "@tensorflow/tfjs-core";
import { batchTensors, type LossCounts } from "./batch";
import { lossTensors } from "./loss";
import { beliefClassCounts } from "./params";
import type { LossParts, WorldModelBatch } from "./types";
import { modelTensors, type PerspectiveWorldModel } from "./world-model";

/**
 * Loss parts of `batch` (each already divided by the batch's counts) and the gradients of the
 * total, one tensor per weight; the caller disposes the gradients.
 *
 * ```ts
 * const { parts, grads } = lossAndGradients(model, batch, lossCounts(batch, model.config), 1);
 * tf.dispose(grads);
 * ```
 */
export function lossAndGradients(
  model: PerspectiveWorldModel,
  batch: WorldModelBatch,
  counts: LossCounts,
  beliefWeight: number
): { parts: LossParts; grads: tf.Tensor[] } {
  const vars = modelTensors(model).variables();
  let kept: tf.Tensor[] = [];
  const t = batchTensors(batch, model.config);
  try {
    const { value, grads } = tf.variableGrads(() => {
      const l = lossTensors(
        modelTensors(model).forward(t.obs, t.actions),
        t,
        counts,
        beliefClassCounts(model.config),
        beliefWeight
      );
      kept = [tf.keep(l.obs), tf.keep(l.belief)];
      return l.total;
    }, vars);
    const [obsLoss, beliefLoss] = kept.map((k) => k.dataSync()[0]);
    const loss = value.dataSync()[0];
    value.dispose();
    return { parts: { loss, obsLoss, beliefLoss }, grads: vars.map((v) => grads[v.name]) };
  } finally {
    tf.dispose(kept);
    tf.dispose([t.obs, t.actions, t.nextObs, t.mask, ...(t.beliefTarget ? [t.beliefTarget] : [])]);
  }
}
