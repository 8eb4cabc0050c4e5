/**
 * The body of a collection worker thread (started by `collect({ workers })`): it produces the
 * shard described by `workerData.spec` and reports each episode's start and end, then the result,
 * or the error with the episode it happened in. It reads no messages: the parent stops it with
 * `worker.terminate()`.
 *
 * ```ts
 * new Worker(bootstrap, { eval: true, workerData: { entry: __filename, spec } });
 * ```
 */
import { parentPort, workerData } from "worker_threads";
import { collectShard, ShardSpec } from "../shards";

/**
 * A message from a collection worker to its parent.
 *
 * ```ts
 * worker.on("message", (m: WorkerMessage) => { if (m.type === "error") console.log(m.episode); });
 * ```
 */
export type WorkerMessage =
  | { type: "ready" }
  | { type: "episode"; episode: number; phase: "start" | "end"; steps: number }
  | { type: "done"; result: ReturnType<typeof collectShard> }
  | { type: "error"; name: string; message: string; episode?: number };

function run(): void {
  const port = parentPort;
  if (!port) throw new Error("collect-worker runs in a worker thread only");
  const post = (m: WorkerMessage): void => port.postMessage(m);
  post({ type: "ready" });
  let current: number | undefined;
  try {
    const result = collectShard(workerData.spec as ShardSpec, (episode, phase, steps) => {
      current = phase === "start" ? episode : undefined;
      post({ type: "episode", episode, phase, steps });
    });
    post({ type: "done", result });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    post({ type: "error", name: e.name, message: e.message, episode: current });
  }
}

if (parentPort && workerData?.spec) run();
