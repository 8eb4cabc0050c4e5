/**
 * DataCollector: runs a policy in an env for a number of episodes and records every reset and
 * step — observations, actions, rewards, terminations, truncations, the witnessed events and,
 * optionally, the belief ground truth — in memory and/or streamed to a dataset file, with a
 * progress line. Episode e is reset with seed `seed + e` and its policy draws from its own seeded
 * generator, so an interrupted collection resumed later yields the same episodes.
 *
 * ```ts
 * const env = new HideAndSeek({ arenaSize: 9 });
 * const result = new DataCollector(env).collect({ numEpisodes: 20, policy: "mixed", saveBeliefs: true, path: "hs.jsonl" });
 * result.dataset?.split({ train: 0.8, val: 0.1, test: 0.1 });
 * ```
 */
import * as fs from "fs";
import type { AgentId } from "../epistemic/events";
import type { PerspectiveEnv } from "../envs/env";
import { EnvError } from "../envs/env";
import { Rng } from "../random/rng";
import { TrajectoryDataset } from "./dataset";
import { DatasetFormat, DatasetWriter, readDatasetFile } from "./formats";
import { ProgressLine, ProgressSink } from "./progress";
import {
  compactBeliefs,
  DatasetError,
  DatasetHeader,
  datasetHeader,
  EpisodeAssembler,
  TrajectoryRecord
} from "./records";

/**
 * A policy function: the action of `agent` given its observation.
 *
 * ```ts
 * const stay: PolicyFn = () => 0;
 * ```
 */
export type PolicyFn = (
  agent: AgentId,
  observation: unknown,
  env: PerspectiveEnv,
  rng: Rng
) => unknown;

/**
 * A built-in policy name, a function, or one of those per agent.
 *
 * ```ts
 * const spec: PolicySpec = { hider_0: "expert", seeker_0: "random" };
 * ```
 */
export type PolicySpec =
  | "random"
  | "expert"
  | "mixed"
  | PolicyFn
  | Record<AgentId, "random" | "expert" | "mixed" | PolicyFn>;

/**
 * Options of `DataCollector.collect`.
 *
 * ```ts
 * const options: CollectOptions = { numEpisodes: 10, policy: "mixed", saveBeliefs: true, path: "out.jsonl" };
 * ```
 */
export interface CollectOptions {
  /** Episodes to play (a non-negative integer). */
  numEpisodes: number;
  /** Default "random". "mixed" picks the expert action with probability `mixProbability`. */
  policy?: PolicySpec;
  /** For the "mixed" policy: the probability of the expert action at each step (default 0.5). */
  mixProbability?: number;
  /** Record belief ground truth each step (the env must track beliefs). Default false. */
  saveBeliefs?: boolean;
  /** Longest agent chain saved (default 2). */
  beliefDepth?: number;
  /** Perspectives with more possible values than this for a fluent store it as unknown (default 4). */
  beliefValueCap?: number;
  /** Stream records to this file (`.jsonl` or `.pwmkb`). */
  path?: string;
  /** The file format; by default from the extension of `path`. */
  format?: DatasetFormat;
  /** Add `numEpisodes` episodes to an existing file (its header must match). */
  append?: boolean;
  /** Continue an existing file until it holds `numEpisodes` complete episodes. */
  resume?: boolean;
  /** Replace an existing file (otherwise an existing dataset is never overwritten). */
  overwrite?: boolean;
  /** Base seed (default 0): episode e resets with seed + e. */
  seed?: number;
  /** Print a progress line (default true), or send it to a function. */
  progress?: boolean | ProgressSink;
  /** Keep the episodes in memory and return them as `dataset` (default: when there is no path). */
  keepInMemory?: boolean;
  /** Safety bound on steps per episode (default 100000). */
  maxStepsPerEpisode?: number;
  /**
   * Index of the first episode of a fresh collection or resume (default 0): episodes
   * `firstEpisode ... firstEpisode + numEpisodes - 1`, so a shard keeps global episode numbers.
   */
  firstEpisode?: number;
  /** Called when an episode starts and when it ends (`steps`: its length so far). */
  onEpisode?: (episode: number, phase: "start" | "end", steps: number) => void;
}

/**
 * What `collect` returns.
 *
 * ```ts
 * const { episodes, steps, meanReturns, dataset } = collector.collect({ numEpisodes: 5 });
 * ```
 */
export interface CollectResult {
  /** Episodes played in this call. */
  episodes: number;
  /** Environment steps taken in this call, over all its episodes. */
  steps: number;
  /** Mean return per agent over the episodes collected now. */
  meanReturns: Record<AgentId, number>;
  /** Wall-clock time of the collection. */
  seconds: number;
  /** `steps / seconds`. */
  stepsPerSecond: number;
  /** The file written, when `options.path` was given. */
  path?: string;
  /** The episodes in memory, when kept (`keepInMemory`, by default when there is no path). */
  dataset?: TrajectoryDataset;
}

/**
 * Runs a policy in an env and records the episodes (see the module comment).
 *
 * ```ts
 * const result = new DataCollector(new HideAndSeek()).collect({ numEpisodes: 5, policy: "expert" });
 * ```
 */
export class DataCollector {
  constructor(
    /** The environment played; its episodes are reset with seeds from `collect`'s `seed`. */
    readonly env: PerspectiveEnv
  ) {}

  /** The header describing datasets collected from this env with the given options. */
  header(
    options: Pick<CollectOptions, "saveBeliefs" | "beliefDepth" | "beliefValueCap"> = {}
  ): DatasetHeader {
    return datasetHeader(this.env, {
      saved: options.saveBeliefs ?? false,
      depth: options.beliefDepth ?? 2,
      valueCap: options.beliefValueCap ?? 4
    });
  }

  /**
   * Plays `options.numEpisodes` episodes (episode e reset with seed `seed + e`) and records
   * them, streamed to `options.path` and/or kept in memory as `dataset`. Throws DatasetError for
   * a bad count or first episode, append/resume without a path, an existing file it may not
   * overwrite, or a file collected with another seed; asking for beliefs from an env that tracks
   * none fails before any file is touched.
   */
  collect(options: CollectOptions): CollectResult {
    const env = this.env;
    const { numEpisodes } = options;
    if (!Number.isInteger(numEpisodes) || numEpisodes < 0) {
      throw new DatasetError(
        `numEpisodes must be a non-negative integer, got ${String(numEpisodes)}`
      );
    }
    if ((options.append || options.resume) && !options.path)
      throw new DatasetError("append and resume need a path");
    const first = options.firstEpisode ?? 0;
    if (!Number.isSafeInteger(first) || first < 0)
      throw new DatasetError(
        `firstEpisode must be a non-negative integer, got ${String(options.firstEpisode)}`
      );
    const header = this.header(options);
    const policies = this.resolvePolicies(options.policy ?? "random");
    const mix = options.mixProbability ?? 0.5;
    const baseSeed = options.seed ?? 0;
    const saveBeliefs = header.beliefs.saved;
    if (saveBeliefs) {
      // Fails early, before any file is touched, when the env tracks no beliefs.
      env.reset({ seed: baseSeed });
      env.getBeliefGroundTruth();
    }
    const keep = options.keepInMemory ?? !options.path;
    const maxSteps = options.maxStepsPerEpisode ?? 100000;

    // Which episode indices to collect.
    let todo: number[];
    if (options.path && (options.append || options.resume) && fs.existsSync(options.path)) {
      const done = new Set<number>();
      let max = -1;
      for (const item of readDatasetFile(options.path)) {
        if (item.kind !== "record") continue;
        const record = item.record;
        max = Math.max(max, record.episode);
        if (record.type === "end") done.add(record.episode);
        // Episode e is reset with seed base + e: a different base would mix two collections.
        if (record.type === "reset" && record.seed - record.episode !== baseSeed) {
          throw new DatasetError(
            `${options.path} was collected with seed: ${record.seed - record.episode} (episode ${record.episode} has seed ${record.seed}); pass that seed to ${options.resume ? "resume" : "append to"} it`
          );
        }
      }
      if (options.resume) {
        todo = [];
        for (let e = first; todo.length + done.size < numEpisodes; e++)
          if (!done.has(e)) todo.push(e);
      } else {
        todo = Array.from({ length: numEpisodes }, (_, i) => max + 1 + i);
      }
    } else {
      todo = Array.from({ length: numEpisodes }, (_, i) => first + i);
    }

    const writer = options.path
      ? DatasetWriter.open(options.path, header, {
          format: options.format,
          append: options.append || options.resume,
          overwrite: options.overwrite
        })
      : undefined;
    const assembler = keep ? new EpisodeAssembler() : undefined;
    const sink =
      options.progress === false
        ? undefined
        : typeof options.progress === "function"
          ? options.progress
          : undefined;
    const bar =
      options.progress === false
        ? undefined
        : new ProgressLine(`collect ${env.name}`, todo.length, sink);
    const emit = (record: TrajectoryRecord): void => {
      writer?.write(record);
      assembler?.add(record, "collector");
    };
    const beliefs = () =>
      compactBeliefs(env.getBeliefGroundTruth(header.beliefs.depth), header.beliefs.valueCap);
    const sums: Record<AgentId, number> = Object.fromEntries(env.possibleAgents.map((a) => [a, 0]));
    let steps = 0;
    const t0 = Date.now();
    try {
      todo.forEach((episode, done) => {
        const seed = baseSeed + episode;
        const rng = new Rng(seed);
        options.onEpisode?.(episode, "start", 0);
        const reset = env.reset({ seed });
        const trackerInit = env.getTrackerInit();
        emit({
          type: "reset",
          episode,
          seed,
          observations: reset.observations,
          events: [...env.lastEvents],
          ...(trackerInit ? { trackerInit } : {}),
          ...(saveBeliefs ? { beliefs: beliefs() } : {})
        });
        let observations = reset.observations;
        const returns: Record<AgentId, number> = Object.fromEntries(
          env.possibleAgents.map((a) => [a, 0])
        );
        let t = 0;
        while (env.agents.length > 0) {
          if (t >= maxSteps)
            throw new EnvError(`episode ${episode} did not end within ${maxSteps} steps`);
          const actions: Record<AgentId, unknown> = {};
          for (const agent of env.agents) {
            let policy = policies[agent];
            if (policy === "mixed") policy = rng.float() < mix ? "expert" : "random";
            actions[agent] =
              policy === "random"
                ? env.actionSpace(agent).sample(rng)
                : policy === "expert"
                  ? env.expertAction(agent)
                  : policy(agent, observations[agent], env, rng);
          }
          const result = env.step(actions);
          t++;
          steps++;
          for (const [a, r] of Object.entries(result.rewards)) returns[a] += r;
          emit({
            type: "step",
            episode,
            t,
            actions,
            observations: result.observations,
            rewards: result.rewards,
            terminations: result.terminations,
            truncations: result.truncations,
            events: [...env.lastEvents],
            ...(saveBeliefs ? { beliefs: beliefs() } : {})
          });
          observations = result.observations;
          bar?.update(done, `${steps} steps`);
        }
        emit({ type: "end", episode, length: t, returns });
        options.onEpisode?.(episode, "end", t);
        for (const a of env.possibleAgents) sums[a] += returns[a];
        bar?.update(done + 1, `${steps} steps`);
      });
    } finally {
      writer?.close();
    }
    const seconds = (Date.now() - t0) / 1000;
    bar?.done(`${steps} steps, ${(steps / Math.max(seconds, 1e-3)).toFixed(0)} steps/s`);
    const n = Math.max(1, todo.length);
    return {
      episodes: todo.length,
      steps,
      meanReturns: Object.fromEntries(env.possibleAgents.map((a) => [a, sums[a] / n])),
      seconds,
      stepsPerSecond: steps / Math.max(seconds, 1e-6),
      path: options.path,
      dataset: assembler ? new TrajectoryDataset(header, assembler.episodes) : undefined
    };
  }

  private resolvePolicies(
    spec: PolicySpec
  ): Record<AgentId, "random" | "expert" | "mixed" | PolicyFn> {
    const env = this.env;
    const valid = (p: unknown): boolean =>
      p === "random" || p === "expert" || p === "mixed" || typeof p === "function";
    if (typeof spec === "string" || typeof spec === "function") {
      if (!valid(spec))
        throw new DatasetError(
          `unknown policy ${JSON.stringify(spec)}; use "random", "expert", "mixed" or a function`
        );
      return Object.fromEntries(env.possibleAgents.map((a) => [a, spec]));
    }
    for (const key of Object.keys(spec)) {
      if (!env.possibleAgents.includes(key))
        throw new DatasetError(`policy given for unknown agent ${JSON.stringify(key)}`);
    }
    return Object.fromEntries(
      env.possibleAgents.map((a) => {
        const p = spec[a] ?? "random";
        if (!valid(p)) throw new DatasetError(`unknown policy ${JSON.stringify(p)} for ${a}`);
        return [a, p];
      })
    );
  }
}
