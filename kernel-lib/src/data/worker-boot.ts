/**
 * How pwmk starts its worker threads: the worker runs the compiled module, or under ts-jest /
 * tsx the TypeScript source through tsx's require hook, so the same code path serves the
 * library, the tests and the notebooks. Start one with
 * `new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: { ...workerModule(__filename, "x-worker"), ... } })`.
 */
import * as path from "path";

/** The script every pwmk worker thread evaluates first. */
export const WORKER_BOOTSTRAP = String.raw`
const { workerData } = require("worker_threads");
if (workerData.tsx) require(workerData.tsx).register();
require(workerData.entry);
`;

/** The worker module `workers/<name>` beside `callerFile`, and tsx's hook when running from source. */
export function workerModule(callerFile: string, name: string): { entry: string; tsx?: string } {
  const ext = path.extname(callerFile);
  const entry = path.join(path.dirname(callerFile), "workers", `${name}${ext}`);
  return ext === ".ts" ? { entry, tsx: require.resolve("tsx/cjs/api") } : { entry };
}
