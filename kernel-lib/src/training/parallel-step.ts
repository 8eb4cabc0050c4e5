/**
 * The data-parallel half of the training step: worker threads each hold a replica of the model
 * and compute the gradients of one slice of the batch while the calling thread computes the first
 * slice. Weights go out and gradients come back through shared memory (no copies of messages);
 * the calling thread sums the slices' gradients in slice order, so the result is deterministic.
 *
 * Every wait is bounded (`timeoutMs`); a worker that fails, exits or times out stops them all
 * and the step rejects with a ModelError naming the worker. `stop()` terminates the workers.
 *
 * ```ts
 * const parallel = await startParallelStep(model, 1, 120_000);
 * const { parts, grads } = await parallel.gradients(batch, 2, lossCounts(batch, model.config), 1);
 * await parallel.stop();
 * ```
 */
import { WORKER_BOOTSTRAP, workerModule } from "../data/worker-boot";
import { Worker } from "worker_threads";
import * as tf from "@tensorflow/tfjs-core";
import { backendReport } from "../models/backend";
import { sliceBatch, type LossCounts } from "../models/batch";
import { lossAndGradients } from "../models/gradients";
import { ModelError, type LossParts, type WorldModelBatch } from "../models/types";
import { modelTensors, type PerspectiveWorldModel } from "../models/world-model";
import type { StepWorkerData, StepWorkerMessage } from "./workers/step-worker";

/**
 * Running step workers.
 *
 * ```ts
 * const { parts, grads } = await parallel.gradients(batch, 2, counts, 1);
 * ```
 */
export interface ParallelStep {
  /** Gradients of `batch` cut into `slices` slices (at most workers + 1); caller disposes grads. */
  gradients(
    batch: WorldModelBatch,
    slices: number,
    counts: LossCounts,
    beliefWeight: number
  ): Promise<{ parts: LossParts; grads: tf.Tensor[] }>;
  stop(): Promise<void>;
}

/** Contiguous slices of `n` sequences, as even as possible, in order. */
function cut(n: number, slices: number): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (let i = 0; i < slices; i++) {
    const size = Math.floor(n / slices) + (i < n % slices ? 1 : 0);
    out.push([from, from + size]);
    from += size;
  }
  return out;
}

/** A copy of a slice, so that posting it copies only the slice. */
function ownSlice(batch: WorldModelBatch, from: number, to: number): WorldModelBatch {
  const s = sliceBatch(batch, from, to);
  return {
    ...s,
    obs: s.obs.slice(),
    actions: s.actions.slice(),
    nextObs: s.nextObs.slice(),
    mask: s.mask.slice(),
    ...(s.beliefTargets ? { beliefTargets: s.beliefTargets.slice() } : {}),
    falseBelief: undefined,
    truth: undefined
  };
}

/**
 * Starts `workers` worker threads holding replicas of `model` (see the module comment).
 *
 * ```ts
 * const parallel = await startParallelStep(model, os.availableParallelism() - 1, 120_000);
 * ```
 */
export async function startParallelStep(
  model: PerspectiveWorldModel,
  workers: number,
  timeoutMs: number,
  modules: string[] = []
): Promise<ParallelStep> {
  const vars = modelTensors(model).variables();
  const sizes = vars.map((v) => v.size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const weights = new Float32Array(new SharedArrayBuffer(total * 4));
  const gradBuffer = new SharedArrayBuffer(workers * total * 4);
  const backend = backendReport()?.name ?? tf.getBackend();
  const { entry, tsx } = workerModule(__filename, "step-worker");
  const live: Worker[] = [];
  let failure: ModelError | undefined;
  // One pending reply per worker: resolve/reject of the current wait.
  const waiting = new Map<
    number,
    { resolve(m: StepWorkerMessage): void; reject(e: Error): void }
  >();

  const stop = async (): Promise<void> => {
    const stopping = live.splice(0).map((w) => w.terminate());
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise((res) => (timer = setTimeout(res, 10_000)));
    await Promise.race([Promise.allSettled(stopping), limit]).finally(() => clearTimeout(timer));
  };
  const fail = (message: string): void => {
    if (!failure) failure = new ModelError(message);
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
    void stop();
  };
  const reply = (i: number, what: string): Promise<StepWorkerMessage> =>
    new Promise<StepWorkerMessage>((resolve, reject) => {
      if (failure) return reject(failure);
      const timer = setTimeout(
        () =>
          fail(`step worker ${i} did not ${what} within ${timeoutMs} ms; the workers were stopped`),
        timeoutMs
      );
      waiting.set(i, {
        resolve: (m) => (clearTimeout(timer), resolve(m)),
        reject: (e) => (clearTimeout(timer), reject(e))
      });
    });

  for (let i = 0; i < workers; i++) {
    const workerData: StepWorkerData = {
      kind: "pwmk-train-step",
      entry,
      tsx,
      config: model.config,
      modules,
      backend,
      weights: weights.buffer as SharedArrayBuffer,
      grads: gradBuffer,
      index: i,
      total
    };
    const worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData });
    live.push(worker);
    worker.on("message", (m: StepWorkerMessage) => {
      if (m.type === "error") return fail(`step worker ${i} failed: ${m.name}: ${m.message}`);
      const w = waiting.get(i);
      waiting.delete(i);
      w?.resolve(m);
    });
    worker.on("error", (e) => fail(`step worker ${i} crashed: ${e.message}`));
    worker.on("exit", (code) => {
      if (live.includes(worker)) fail(`step worker ${i} exited with code ${code}`);
    });
  }
  try {
    await Promise.all(live.map((_, i) => reply(i, "start")));
  } catch (e) {
    await stop();
    throw e;
  }

  return {
    async gradients(batch, slices, counts, beliefWeight) {
      if (failure) throw failure;
      const ranges = cut(batch.batchSize, Math.min(slices, workers + 1));
      // Publish the current weights, then let the workers compute slices 1.. while this
      // thread computes slice 0.
      let offset = 0;
      for (const v of vars) {
        weights.set(v.dataSync() as Float32Array, offset);
        offset += v.size;
      }
      const replies = ranges.slice(1).map(([from, to], k) => {
        const wait = reply(k, "finish a step");
        live[k].postMessage({
          type: "step",
          batch: ownSlice(batch, from, to),
          counts,
          beliefWeight
        });
        return wait;
      });
      const mine = lossAndGradients(model, sliceBatch(batch, ...ranges[0]), counts, beliefWeight);
      let messages: StepWorkerMessage[];
      try {
        messages = await Promise.all(replies);
      } catch (e) {
        tf.dispose(mine.grads);
        throw e;
      }
      const parts = { ...mine.parts };
      for (const m of messages)
        if (m.type === "done") {
          parts.loss += m.parts.loss;
          parts.obsLoss += m.parts.obsLoss;
          parts.beliefLoss += m.parts.beliefLoss;
        }
      const grads = tf.tidy(() =>
        mine.grads.map((g, j) => {
          const start = sizes.slice(0, j).reduce((a, b) => a + b, 0);
          let sum: tf.Tensor = g;
          for (let k = 0; k < messages.length; k++) {
            const view = new Float32Array(gradBuffer, (k * total + start) * 4, sizes[j]);
            sum = tf.add(sum, tf.tensor(view.slice(), g.shape, "float32"));
          }
          return sum;
        })
      );
      tf.dispose(mine.grads);
      return { parts, grads };
    },
    stop
  };
}
