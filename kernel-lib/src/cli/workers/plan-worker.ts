/**
 * The body of the worker thread `pwmk plan` searches in (started by `planInWorker`): it runs
 * `EpistemicPlanner.plan` on the options it was given and posts the result, or the error with
 * whether it is an mA* syntax error (bad usage). It reads no messages: the parent stops it with
 * `worker.terminate()`.
 *
 * ```ts
 * new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: { ...workerModule(__filename, "plan-worker"), options } });
 * ```
 */
import { parentPort, workerData } from "worker_threads";
import { MAStarSyntaxError } from "../../planning/mastar/lexer";
import { EpistemicPlanner } from "../../planning/planner";

type PlanOptions = Parameters<EpistemicPlanner["plan"]>[0];
type PlanResult = ReturnType<EpistemicPlanner["plan"]>;

/**
 * A message from the plan worker to its parent.
 *
 * ```ts
 * worker.on("message", (m: PlanWorkerMessage) => { if (m.type === "result") show(m.result); });
 * ```
 */
export type PlanWorkerMessage =
  { type: "result"; result: PlanResult } | { type: "error"; message: string; syntax: boolean };

function run(): void {
  const port = parentPort;
  if (!port) throw new Error("plan-worker runs in a worker thread only");
  try {
    const result = new EpistemicPlanner().plan(workerData.options as PlanOptions);
    port.postMessage({ type: "result", result } satisfies PlanWorkerMessage);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    port.postMessage({
      type: "error",
      message: e.message,
      syntax: e instanceof MAStarSyntaxError
    } satisfies PlanWorkerMessage);
  }
}

if (parentPort && workerData?.options) run();
