/**
 * `collect({ workers })`: a collection run on worker threads, one shard file per worker (see
 * `shards.ts` for why the shards together equal the single-thread dataset). Each worker makes its
 * env by name (`makeEnv`), so the env is given as a name and options, and policies by name.
 *
 * Every wait is bounded: a worker must start within `startTimeoutMs` and finish each episode
 * within `episodeTimeoutMs`; on an error, a timeout or an abort every worker is terminated and the
 * promise rejects with a DatasetError naming the worker, its shard and the episode. Shard files
 * left incomplete are continued by running the same call again with `resume: true`.
 *
 * ```ts
 * const run = await collect({ env: "HideAndSeek", numEpisodes: 200, seed: 7, workers: 4, dir: "runs/hs", saveBeliefs: true });
 * const ds = loadShards(run.dir);
 * ```
 */
import { WORKER_BOOTSTRAP, workerModule } from "./worker-boot";
import * as os from "os";
import { Worker } from "worker_threads";
import { makeEnv } from "../envs/registry";
import { ProgressLine, ProgressSink } from "./progress";
import { DatasetError } from "./records";
import { collectShard, ShardResult, ShardSpec } from "./shards";
import type { WorkerMessage } from "./workers/collect-worker";

/**
 * Options of `collect`: a shard spec without the shard, plus how to run the workers.
 *
 * ```ts
 * const options: ParallelCollectOptions = { env: "MultiAgentBoxWorld", numEpisodes: 50, workers: 2, dir: "out" };
 * ```
 */
export interface ParallelCollectOptions extends Omit<ShardSpec, "shardIndex" | "numShards"> {
  /**
   * Worker threads, one shard each (default: the machine's parallelism, at most numEpisodes).
   * 0 collects a single shard in the calling thread.
   */
  workers?: number;
  /** Stops the collection: the workers are terminated and the promise rejects. */
  signal?: AbortSignal;
  /** Longest wait for a worker to start (default 60 000 ms). */
  startTimeoutMs?: number;
  /** Longest time a worker may spend on one episode (default 600 000 ms). */
  episodeTimeoutMs?: number;
  /** Print a progress line (default true), or send it to a function. */
  progress?: boolean | ProgressSink;
  /** Called after each finished episode with the count so far and the total (a caller's own display). */
  onEpisodeEnd?: (done: number, total: number) => void;
}

/**
 * What `collect` returns: the shards written, in shard order.
 *
 * ```ts
 * const { shards, episodes, steps, dir } = await collect({ env: "BeliefCircles", numEpisodes: 10, dir: "bc" });
 * ```
 */
export interface ParallelCollectResult {
  /** The directory holding the shard files. */
  dir: string;
  /** What each shard reported, in shard order. */
  shards: ShardResult[];
  /** Shard file paths, in shard order (what `loadShards` takes). */
  paths: string[];
  /** Episodes collected by this call, over all shards (fewer than asked when resuming). */
  episodes: number;
  /** Environment steps collected by this call. */
  steps: number;
  /** Wall-clock time of the whole collection. */
  seconds: number;
}

/**
 * Collects `numEpisodes` episodes into `dir` on worker threads (see the module comment).
 *
 * ```ts
 * const run = await collect({ env: "MultiAgentBoxWorld", numEpisodes: 40, seed: 1, workers: 2, dir: "runs/box" });
 * run.paths; // ["runs/box/shard-00000-of-00002.jsonl", "runs/box/shard-00001-of-00002.jsonl"]
 * ```
 */
export async function collect(options: ParallelCollectOptions): Promise<ParallelCollectResult> {
  const {
    workers: requested,
    signal,
    startTimeoutMs,
    episodeTimeoutMs,
    progress,
    onEpisodeEnd,
    ...base
  } = options;
  const workers =
    requested ?? Math.max(1, Math.min(os.availableParallelism(), Math.max(1, options.numEpisodes)));
  if (!Number.isSafeInteger(workers) || workers < 0)
    throw new DatasetError(`workers must be a non-negative integer, got ${String(workers)}`);
  if (typeof options.policy === "function")
    throw new DatasetError(
      "a policy function cannot be sent to worker threads; use a policy name (random, expert, mixed) per agent, or DataCollector in this thread"
    );
  // Fail here, before any thread starts, on an unknown env name or options the env refuses.
  makeEnv(options.env, options.envOptions ?? {});
  const numShards = Math.max(1, workers);
  const specs: ShardSpec[] = Array.from({ length: numShards }, (_, i) => ({
    ...base,
    shardIndex: i,
    numShards
  }));
  const bar =
    progress === false
      ? undefined
      : new ProgressLine(
          `collect ${options.env} (${numShards} shard${numShards > 1 ? "s" : ""})`,
          options.numEpisodes,
          typeof progress === "function" ? progress : undefined
        );
  const t0 = Date.now();
  let finished = 0;
  const tick = (): void => {
    finished++;
    bar?.update(finished);
    onEpisodeEnd?.(finished, options.numEpisodes);
  };
  let shards: ShardResult[];
  if (workers === 0) {
    if (signal?.aborted) throw new DatasetError("collection aborted before it started");
    shards = [collectShard(specs[0], (_e, phase) => phase === "end" && tick())];
  } else {
    shards = await runWorkers(specs, {
      signal,
      startTimeoutMs: startTimeoutMs ?? 60_000,
      episodeTimeoutMs: episodeTimeoutMs ?? 600_000,
      onEpisodeEnd: tick
    });
  }
  const seconds = (Date.now() - t0) / 1000;
  const steps = shards.reduce((n, s) => n + s.steps, 0);
  bar?.done(`${steps} steps`);
  return {
    dir: options.dir,
    shards,
    paths: shards.map((s) => s.path),
    episodes: shards.reduce((n, s) => n + s.episodes, 0),
    steps,
    seconds
  };
}

interface RunOptions {
  signal?: AbortSignal;
  startTimeoutMs: number;
  episodeTimeoutMs: number;
  onEpisodeEnd(): void;
}

/** Runs one worker per spec; resolves with their results or rejects after stopping them all. */
function runWorkers(specs: ShardSpec[], run: RunOptions): Promise<ShardResult[]> {
  const { entry, tsx } = workerModule(__filename, "collect-worker");
  return new Promise<ShardResult[]>((resolve, reject) => {
    const results: (ShardResult | undefined)[] = specs.map(() => undefined);
    const live = new Set<Worker>();
    const timers: (NodeJS.Timeout | undefined)[] = specs.map(() => undefined);
    let settled = false;

    // Terminates the live workers and waits (at most 10 s) until they are gone, so that no
    // worker still writes to a shard when the caller retries with resume: true.
    const stopAll = (): Promise<unknown> => {
      for (const t of timers) clearTimeout(t);
      run.signal?.removeEventListener("abort", onAbort);
      const stopping = [...live].map((w) => w.terminate());
      live.clear();
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise((res) => (timer = setTimeout(res, 10_000)));
      return Promise.race([Promise.allSettled(stopping), limit]).finally(() => clearTimeout(timer));
    };
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      void stopAll().then(() => reject(new DatasetError(message)));
    };
    const onAbort = (): void =>
      fail("collection aborted; the workers were stopped (resume: true continues the shards)");
    if (run.signal?.aborted) {
      onAbort();
      return;
    }
    run.signal?.addEventListener("abort", onAbort);

    specs.forEach((spec, i) => {
      const who = `worker ${i} (shard ${spec.shardIndex} of ${spec.numShards})`;
      let episode: number | undefined;
      const arm = (ms: number, what: () => string): void => {
        clearTimeout(timers[i]);
        timers[i] = setTimeout(() => fail(`${who} ${what()}`), ms);
      };
      let worker: Worker;
      try {
        worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: { entry, tsx, spec } });
      } catch (e) {
        fail(`${who} could not start: ${(e as Error).message}`);
        return;
      }
      live.add(worker);
      arm(run.startTimeoutMs, () => `did not start within ${run.startTimeoutMs} ms`);
      worker.on("message", (m: WorkerMessage) => {
        if (settled) return;
        if (m.type === "ready" || m.type === "episode") {
          if (m.type === "episode") {
            episode = m.phase === "start" ? m.episode : undefined;
            if (m.phase === "end") run.onEpisodeEnd();
          }
          arm(
            run.episodeTimeoutMs,
            () =>
              `${episode === undefined ? "started no episode" : `did not finish episode ${episode}`} within ${run.episodeTimeoutMs} ms; stopped (resume: true continues the shard)`
          );
        } else if (m.type === "error") {
          fail(
            `${who} failed${m.episode === undefined ? "" : ` on episode ${m.episode}`}: ${m.name}: ${m.message}`
          );
        } else {
          clearTimeout(timers[i]);
          results[i] = m.result;
          live.delete(worker);
          if (results.every((r) => r !== undefined)) {
            settled = true;
            void stopAll().then(() => resolve(results as ShardResult[]));
          }
        }
      });
      worker.on("error", (e) =>
        fail(`${who} crashed${episode === undefined ? "" : ` on episode ${episode}`}: ${e.message}`)
      );
      worker.on("exit", (code) => {
        live.delete(worker);
        if (results[i] === undefined)
          fail(
            `${who} exited with code ${code}${episode === undefined ? "" : ` during episode ${episode}`} before finishing its shard`
          );
      });
    });
  });
}
