/**
 * `pwmk/training`: training the Perspective World Model on recorded datasets. The dataset adapter
 * (`WorldModelData`: episodes as batches, belief labels from the recorded ground truth, false-belief
 * flags, the dataset's own split by seed), `WorldModelTrainer` (fit with validation, early
 * stopping, atomic checkpoints, exact resume, callbacks with a JSON history), the evaluation
 * against baselines (`evaluateWorldModel`), checkpoints, and the training step engine.
 * See docs/training.md.
 *
 * ```ts
 * import { WorldModelData, WorldModelTrainer } from "pwmk/training";
 * const { train, val, test } = WorldModelData.split(TrajectoryDataset.load("sa.jsonl"));
 * const trainer = new WorldModelTrainer({ model, config: { batchSize: 16, horizon: 12, seed: 0 } });
 * await trainer.fit({ train, val, epochs: 20, patience: 4 });
 * trainer.evaluate(test, { majorityFrom: train });
 * ```
 * @module pwmk/training
 */
export { WorldModelTrainer } from "./trainer";
export {
  resolveTrainerConfig,
  type FitOptions,
  type ResolvedTrainerConfig,
  type TrainerConfig,
  type TrainingCallback
} from "./trainer-config";
export {
  WorldModelData,
  type AdapterOptions,
  type BatchOptions,
  type EncodedEpisode,
  type EpisodeWindow
} from "./data";
export { beliefSpecOf, type BeliefSpecOptions } from "./spec";
export { trueStates } from "./labels";
export {
  actionEncoding,
  observationEncoding,
  TrainingDataError,
  type ActionEncoding,
  type ObservationEncoding
} from "./features";
export {
  evaluateWorldModel,
  majorityClasses,
  type EvaluateOptions,
  type EvaluationReport
} from "./evaluate";
export type { EpochRecord, TrainingHistory } from "./history";
export {
  CheckpointError,
  latestCheckpoint,
  readCheckpoint,
  type CheckpointState,
  type TrainerState
} from "./checkpoint";
export { createTrainStep, type CreateTrainStepOptions } from "./step";
