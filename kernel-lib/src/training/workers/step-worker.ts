/**
 * The body of a training step worker thread (started by `createTrainStep({ threads })`): it
 * holds a replica of the model, and for each `step` message reads the current weights from shared
 * memory, computes the gradients of its slice of the batch, writes them into its region of the
 * shared gradient buffer and replies with the slice's loss parts. The parent stops it with
 * `worker.terminate()`.
 *
 * ```ts
 * new Worker(bootstrap, { eval: true, workerData: { kind: "pwmk-train-step", entry: __filename, ... } });
 * ```
 */
import { parentPort, workerData } from "worker_threads";
import { useBestBackend } from "../../models/backend";
import type { LossCounts } from "../../models/batch";
import { lossAndGradients } from "../../models/gradients";
import type { ResolvedConfig } from "../../models/params";
import type { LossParts, WorldModelBatch } from "../../models/types";
import { modelTensors, PerspectiveWorldModel } from "../../models/world-model";

/**
 * What a step worker is started with.
 *
 * ```ts
 * const data: StepWorkerData = { kind: "pwmk-train-step", entry, config, backend: "wasm", weights, grads, index: 0, total };
 * ```
 */
export interface StepWorkerData {
  kind: "pwmk-train-step";
  entry: string;
  tsx?: string;
  config: ResolvedConfig;
  /** Modules to require first (they register users' architectures). */
  modules: string[];
  /** The backend the parent runs, so that every replica computes the same way. */
  backend: string;
  /** The current weights, all laid end to end (float32). */
  weights: SharedArrayBuffer;
  /** One region of `total` floats per worker for its gradients. */
  grads: SharedArrayBuffer;
  index: number;
  total: number;
}

/**
 * A message from a step worker to its parent.
 *
 * ```ts
 * worker.on("message", (m: StepWorkerMessage) => { if (m.type === "done") console.log(m.parts.loss); });
 * ```
 */
export type StepWorkerMessage =
  | { type: "ready" }
  | { type: "done"; parts: LossParts }
  | { type: "error"; name: string; message: string };

interface StepRequest {
  type: "step";
  batch: WorldModelBatch;
  counts: LossCounts;
  beliefWeight: number;
}

async function run(data: StepWorkerData): Promise<void> {
  const port = parentPort!;
  const post = (m: StepWorkerMessage): void => port.postMessage(m);
  const report = (err: unknown): void => {
    const e = err instanceof Error ? err : new Error(String(err));
    post({ type: "error", name: e.name, message: e.message });
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    for (const m of data.modules) require(m);
    await useBestBackend({ only: [data.backend] });
    const model = new PerspectiveWorldModel(data.config);
    const vars = modelTensors(model).variables();
    const weights = new Float32Array(data.weights);
    const grads = new Float32Array(data.grads, data.index * data.total * 4, data.total);
    port.on("message", (m: StepRequest) => {
      try {
        let offset = 0;
        model.setWeights(
          vars.map((v) => {
            const w = weights.slice(offset, offset + v.size);
            offset += v.size;
            return w;
          })
        );
        const result = lossAndGradients(model, m.batch, m.counts, m.beliefWeight);
        offset = 0;
        for (const g of result.grads) {
          grads.set(g.dataSync() as Float32Array, offset);
          offset += g.size;
          g.dispose();
        }
        post({ type: "done", parts: result.parts });
      } catch (e) {
        report(e);
      }
    });
    post({ type: "ready" });
  } catch (e) {
    report(e);
  }
}

const data = workerData as StepWorkerData | undefined;
if (parentPort && data?.kind === "pwmk-train-step") void run(data);
