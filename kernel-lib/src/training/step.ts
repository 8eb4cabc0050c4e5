/**
 * The training step engine: `createTrainStep({ model, learningRate })` gives an object whose
 * `step(batch)` computes the gradients of the batch's loss and applies one Adam step to the
 * model's weights. With `threads` > 1 the batch is cut into slices of sequences, each thread
 * (the calling one and worker threads, see parallel-step.ts) computes its slice's gradients, and
 * the calling thread sums them in a fixed order: same seed and data give the same weights, and
 * the result equals the single-thread step up to float rounding.
 *
 * ```ts
 * const model = await PerspectiveWorldModel.create(config);
 * const engine = await createTrainStep({ model, learningRate: 1e-3 });
 * const { loss } = await engine.step(batch);
 * await engine.dispose();
 * ```
 */
import * as os from "os";
import * as tf from "@tensorflow/tfjs-core";
import { Adam } from "../models/adam";
import { checkBatch, lossCounts } from "../models/batch";
import { lossAndGradients } from "../models/gradients";
import {
  ModelError,
  type LossParts,
  type OptimizerState,
  type TrainStep,
  type TrainStepOptions,
  type WorldModelBatch
} from "../models/types";
import { modelTensors, PerspectiveWorldModel } from "../models/world-model";
import { startParallelStep } from "./parallel-step";

/**
 * Options of `createTrainStep`: the model to train, plus the step options.
 *
 * ```ts
 * const options: CreateTrainStepOptions = { model, learningRate: 3e-4, threads: 2 };
 * ```
 */
export interface CreateTrainStepOptions extends TrainStepOptions {
  /** The model whose weights each step updates. */
  model: PerspectiveWorldModel;
}

/** Fewest sequences per thread for the default to use another thread. */
export const MIN_SEQUENCES_PER_THREAD = 8;

/**
 * Starts a training step engine (see the module comment). `threads` defaults to the machine's
 * parallelism; each step uses at most one thread per `MIN_SEQUENCES_PER_THREAD` sequences of
 * its batch unless `threads` was given.
 *
 * ```ts
 * const engine = await createTrainStep({ model, learningRate: 1e-3, threads: 2 });
 * ```
 */
export async function createTrainStep(options: CreateTrainStepOptions): Promise<TrainStep> {
  const { model } = options;
  if (!(model instanceof PerspectiveWorldModel))
    throw new ModelError("createTrainStep needs { model: PerspectiveWorldModel, learningRate }");
  const threads = options.threads ?? os.availableParallelism();
  if (!Number.isSafeInteger(threads) || threads < 1)
    throw new ModelError(`threads must be a positive integer, got ${String(threads)}`);
  const beliefWeight = options.beliefLossWeight ?? 1;
  if (!(beliefWeight >= 0))
    throw new ModelError(`beliefLossWeight must be >= 0, got ${beliefWeight}`);
  const adam = new Adam(modelTensors(model).variables(), {
    learningRate: options.learningRate,
    beta1: options.beta1 ?? 0.9,
    beta2: options.beta2 ?? 0.999,
    epsilon: options.epsilon ?? 1e-7
  });
  const parallel =
    threads > 1
      ? await startParallelStep(
          model,
          threads - 1,
          options.timeoutMs ?? 120_000,
          options.workerModules
        ).catch((e) => {
          adam.dispose();
          throw e;
        })
      : undefined;
  const fixedThreads = options.threads !== undefined;
  let disposed = false;

  return {
    threads,
    async step(batch: WorldModelBatch): Promise<LossParts> {
      if (disposed) throw new ModelError("this training step engine was disposed");
      checkBatch(batch, model.config);
      const counts = lossCounts(batch, model.config);
      const slices = Math.min(
        threads,
        batch.batchSize,
        fixedThreads ? threads : Math.max(1, Math.floor(batch.batchSize / MIN_SEQUENCES_PER_THREAD))
      );
      const { parts, grads } =
        slices > 1 && parallel
          ? await parallel.gradients(batch, slices, counts, beliefWeight)
          : lossAndGradients(model, batch, counts, beliefWeight);
      try {
        adam.apply(grads);
      } finally {
        tf.dispose(grads);
      }
      return parts;
    },
    getOptimizerState(): OptimizerState {
      return adam.getState();
    },
    setOptimizerState(state: OptimizerState): void {
      adam.setState(state);
    },
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      adam.dispose();
      await parallel?.stop();
    }
  };
}
