/**
 * `pwmk/models`: the Perspective World Model on TensorFlow.js — the model, its configuration and
 * batch contract, backend selection, and the files of the TensorFlow.js layers format. Importing
 * it registers the model's layer class, so `tf.loadLayersModel` reads saved models. The training
 * step engine is in `pwmk/training`.
 *
 * ```ts
 * import { PerspectiveWorldModel, useBestBackend } from "pwmk/models";
 * console.log((await useBestBackend()).name); // "wasm" when no native backend is installed
 * const model = new PerspectiveWorldModel({ obsDim: 64, actionDim: 5, hiddenDim: 128, numAgents: 2, numLayers: 2, numHeads: 4, seed: 0 });
 * await model.save("runs/wm");
 * ```
 * @module pwmk/models
 */
// Importing the model registers its layer class (layer.ts) for tf.loadLayersModel.
export { modelTensors, PerspectiveWorldModel, type ModelTensors } from "./world-model";
export { backendReport, useBestBackend, type BackendReport } from "./backend";
export { pwmkModelFiles } from "./io";
export { registerArchitecture, type Architecture } from "./architectures";
export { paramSpecs, resolveConfig, type ParamSpec, type ResolvedConfig } from "./params";
export type { NetworkOutput, Weights } from "./network";
export {
  ModelError,
  type AgentHistory,
  type BeliefTarget,
  // pwmk/display's BeliefSpec is the belief graph's input; this is the model's label spec.
  type BeliefSpec as WorldModelBeliefSpec,
  type LossParts,
  type OptimizerState,
  type PredictedBelief,
  type TrainStep,
  type TrainStepOptions,
  type WorldModel,
  type WorldModelBatch,
  type WorldModelConfig,
  type WorldModelPrediction
} from "./types";
