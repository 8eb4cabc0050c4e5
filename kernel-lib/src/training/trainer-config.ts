/**
 * What `WorldModelTrainer` and its `fit` take: the trainer configuration with its defaults and
 * checks, the callbacks, and the options of a run.
 *
 * ```ts
 * const config = resolveTrainerConfig({ batchSize: 16 }, 64); // the defaults filled in
 * ```
 */
import type { ProgressSink } from "../data/progress";
import type { LossParts } from "../models/types";
import type { WorldModelData } from "./data";
import { TrainingDataError } from "./features";
import type { EpochRecord, TrainingHistory } from "./history";

/**
 * The trainer's configuration (all optional; defaults in brackets).
 *
 * ```ts
 * const config: TrainerConfig = { batchSize: 32, learningRate: 1e-3, horizon: 16, beliefLossWeight: 1, seed: 0 };
 * ```
 */
export interface TrainerConfig {
  /** Sequences per step [32]. */
  batchSize?: number;
  /** Adam's learning rate [1e-3]. */
  learningRate?: number;
  /** Steps per sequence (T) [16]; at most the model's maxSteps. */
  horizon?: number;
  /** Weight of the belief loss in the total loss [1]. */
  beliefLossWeight?: number;
  /** Seeds the batch order of every epoch [0]. */
  seed?: number;
  /** Threads computing gradients [the step engine's default: the machine's parallelism]. */
  threads?: number;
}

/**
 * Hooks called while `fit` runs. A plain function is called with the history so far (plain JSON)
 * after every epoch, which is all a live chart needs. An object has the hooks of TensorFlow.js's
 * `model.fit` callbacks (`onEpochEnd(epoch, logs)` with the epoch counted from 0, and so on), so
 * Keras-style callbacks written for tfjs, and display helpers built for them, work unchanged; each
 * hook also receives the history.
 *
 * ```ts
 * const log: TrainingCallback = { onEpochEnd: (epoch, logs) => console.log(epoch + 1, logs.valLoss) };
 * await trainer.fit({ train, epochs: 3, callbacks: [log, (history) => live.update(history)] });
 * ```
 */
export type TrainingCallback =
  | ((history: TrainingHistory) => void | Promise<void>)
  | {
      /** Once before the first epoch of `fit`, with the history so far (empty on a fresh run). */
      onTrainBegin?(history: TrainingHistory): void | Promise<void>;
      /** After each optimizer step: its index in the epoch (from 0) and its losses. */
      onBatchEnd?(
        batch: number,
        logs: LossParts & { epoch: number; steps: number },
        history: TrainingHistory
      ): void | Promise<void>;
      /** After each epoch: its index (from 0) and its record (whose `epoch` counts from 1). */
      onEpochEnd?(epoch: number, logs: EpochRecord, history: TrainingHistory): void | Promise<void>;
      /** Once after the last epoch (and after restoring the best weights, when asked). */
      onTrainEnd?(history: TrainingHistory): void | Promise<void>;
    };

/**
 * Options of `fit`.
 *
 * ```ts
 * await trainer.fit({ train, val, epochs: 30, patience: 5, checkpointDir: "runs/ckpt", resumeFrom: "runs/ckpt" });
 * ```
 */
export interface FitOptions {
  /** The training data, in batches of the trainer's `batchSize` and `horizon`. */
  train: WorldModelData;
  /** Validation data: its loss picks the best epoch and drives early stopping. */
  val?: WorldModelData;
  /** The total number of epochs (a resumed run continues up to it). */
  epochs: number;
  /** Called as training advances (a function gets the history after each epoch). */
  callbacks?: TrainingCallback | TrainingCallback[];
  /** Stop after this many epochs without improvement of the validation loss (training loss without val). */
  patience?: number;
  /** An improvement smaller than this does not count [0]. */
  minDelta?: number;
  /** Put back the weights of the best epoch at the end [true when val is given]. */
  restoreBest?: boolean;
  /** Write a checkpoint here after every epoch (atomically; see checkpoint.ts). */
  checkpointDir?: string;
  /** Keep this many recent checkpoints besides the best [2]. */
  keepCheckpoints?: number;
  /** Continue from a checkpoint: its path, or a checkpoint directory (its latest checkpoint). */
  resumeFrom?: string;
  /** Print a progress line [true], or send it to a function. */
  progress?: boolean | ProgressSink;
}

/** A trainer configuration with its defaults filled in. */
export type ResolvedTrainerConfig = Required<Omit<TrainerConfig, "threads">> & { threads?: number };

/**
 * Throws a TrainingDataError with `message` unless `cond` holds.
 *
 * ```ts
 * checkSetting(epochs > 0, `epochs must be positive, got ${epochs}`);
 * ```
 */
export function checkSetting(cond: boolean, message: string): void {
  if (!cond) throw new TrainingDataError(message);
}

/**
 * Fills in the defaults of a trainer configuration and checks it (`maxSteps`: the model's longest
 * sequence, which bounds the horizon); a bad value is a TrainingDataError naming it.
 *
 * ```ts
 * resolveTrainerConfig({}, 64).batchSize; // 32
 * ```
 */
export function resolveTrainerConfig(c: TrainerConfig, maxSteps: number): ResolvedTrainerConfig {
  const config: ResolvedTrainerConfig = {
    batchSize: c.batchSize ?? 32,
    learningRate: c.learningRate ?? 1e-3,
    horizon: c.horizon ?? 16,
    beliefLossWeight: c.beliefLossWeight ?? 1,
    seed: c.seed ?? 0,
    ...(c.threads !== undefined ? { threads: c.threads } : {})
  };
  const { batchSize, learningRate, horizon, beliefLossWeight, seed } = config;
  checkSetting(
    Number.isSafeInteger(batchSize) && batchSize > 0,
    `batchSize must be a positive integer, got ${batchSize}`
  );
  checkSetting(
    Number.isSafeInteger(horizon) && horizon > 0,
    `horizon must be a positive integer, got ${horizon}`
  );
  checkSetting(
    horizon <= maxSteps,
    `horizon ${horizon} is longer than the model's maxSteps (${maxSteps})`
  );
  checkSetting(
    learningRate > 0 && Number.isFinite(learningRate),
    `learningRate must be a positive number, got ${learningRate}`
  );
  checkSetting(beliefLossWeight >= 0, `beliefLossWeight must be >= 0, got ${beliefLossWeight}`);
  checkSetting(
    Number.isSafeInteger(seed) && seed >= 0 && seed < 2 ** 32,
    `seed must be an integer in [0, 2^32), got ${seed}`
  );
  return config;
}
