/**
 * How `pwmk plan` searches: in a worker thread, so that the command stays responsive while the
 * synchronous search runs. That lets it show progress once a search runs long (time used of the
 * `--timeout` budget, the only measure of a search whose size is unknown in advance) and stop a
 * worker that overruns its budget, so no search outlives the command.
 *
 * ```ts
 * const result = await planInWorker({ problem: text, timeout: 60_000 }, ctx);
 * ```
 */
import { Worker } from "worker_threads";
import { WORKER_BOOTSTRAP, workerModule } from "../data/worker-boot";
import type { EpistemicPlanner } from "../planning/planner";
import { CommandContext, UsageError } from "./io";
import type { Progress } from "./progress";
import type { PlanWorkerMessage } from "./workers/plan-worker";

type PlanOptions = Parameters<EpistemicPlanner["plan"]>[0];
type PlanResult = ReturnType<EpistemicPlanner["plan"]>;

/** A search shorter than this shows no progress. */
const SHOW_PROGRESS_AFTER_MS = 1000;
/** How long past its own timeout a search may take to return before its worker is stopped. */
const OVERRUN_GRACE_MS = 10_000;
/** The planner's default timeout (PlanOptions.timeout). */
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Runs `EpistemicPlanner.plan(options)` in a worker thread and resolves to its result; rejects
 * with a UsageError for an mA* syntax error, an Error for any other failure or an overrun. The
 * worker is always terminated before the promise settles.
 *
 * ```ts
 * const result = await planInWorker({ problem: fs.readFileSync(file, "utf8"), strategy: "bfs" }, ctx);
 * ```
 */
export function planInWorker(options: PlanOptions, ctx: CommandContext): Promise<PlanResult> {
  const budgetMs = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const started = Date.now();
  const worker = new Worker(WORKER_BOOTSTRAP, {
    eval: true,
    workerData: { ...workerModule(__filename, "plan-worker"), options }
  });
  let bar: Progress | undefined;
  const seconds = () => Math.floor((Date.now() - started) / 1000);
  const ticker = setInterval(() => {
    if (Date.now() - started < SHOW_PROGRESS_AFTER_MS) return;
    const limit = Math.ceil(budgetMs / 1000);
    bar ??= ctx.progress(`plan (${options.strategy ?? "bfs"})`, limit, "s of the time limit");
    bar.update(Math.min(seconds(), limit));
  }, 250);
  return new Promise<PlanResult>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearInterval(ticker);
      clearTimeout(overrun);
      bar?.stop();
      // terminate() resolves once the thread is gone: nothing keeps searching after the command.
      void worker.terminate().finally(outcome);
    };
    const overrun = setTimeout(
      () =>
        finish(() =>
          reject(
            new Error(
              `the search did not return within ${OVERRUN_GRACE_MS / 1000} s after its ${budgetMs} ms timeout and was stopped`
            )
          )
        ),
      budgetMs + OVERRUN_GRACE_MS
    );
    worker.on("message", (m: PlanWorkerMessage) => {
      if (m.type === "result") finish(() => resolve(m.result));
      else finish(() => reject(m.syntax ? new UsageError(m.message) : new Error(m.message)));
    });
    worker.on("error", (e) => finish(() => reject(new Error(`the search crashed: ${e.message}`))));
    worker.on("exit", (code) =>
      finish(() => reject(new Error(`the search stopped (exit code ${code}) without a result`)))
    );
  });
}
