/**
 * Sharded collection: a collection of N episodes cut into shards, each a dataset file of its own
 * that one thread, process or cluster job writes, and merged back by listing the files.
 *
 * Episode e always resets with seed `seed + e` and draws its policy from `new Rng(seed + e)`, and
 * shard i of k holds the contiguous block of episodes `shardEpisodes(n, i, k)`; so the shards of a
 * collection hold, together, exactly the episodes a single `DataCollector.collect` would record,
 * whatever the number of shards, workers or machines. The split of an episode into train, val or
 * test follows from its seed alone (`assignSplit`), so it does not change with the listing.
 *
 * ```ts
 * collectShard({ env: "MultiAgentBoxWorld", numEpisodes: 100, seed: 7, shardIndex: 3, numShards: 16, dir: "runs/box" });
 * const ds = loadShards("runs/box"); // every shard file in the directory, episodes in order
 * const { train, val, test } = splitBySeed(ds, { train: 0.8, val: 0.1, test: 0.1 });
 * ```
 */
import * as fs from "fs";
import * as path from "path";
import type { AgentId } from "../epistemic/events";
import { makeEnv } from "../envs/registry";
import { DataCollector } from "./collector";
import { LoadOptions, SplitOptions, TrajectoryDataset } from "./dataset";
import { assertSameHeader, DatasetFormat } from "./formats";
import { DatasetError, Episode } from "./records";

/**
 * A policy that can cross a thread or process boundary: a built-in name, or one per agent.
 *
 * ```ts
 * const policy: NamedPolicy = { hider_0: "expert", seeker_0: "random" };
 * ```
 */
export type NamedPolicy =
  "random" | "expert" | "mixed" | Record<AgentId, "random" | "expert" | "mixed">;

/**
 * Everything needed to produce one shard, as plain data (it is sent to worker threads and can be
 * written as command-line flags).
 *
 * ```ts
 * const spec: ShardSpec = { env: "HideAndSeek", numEpisodes: 40, seed: 0, shardIndex: 0, numShards: 4, dir: "hs" };
 * ```
 */
export interface ShardSpec {
  /** A name `makeEnv` knows. */
  env: string;
  /** Constructor options of the env (default {}). */
  envOptions?: Record<string, unknown>;
  /** Episodes of the whole collection (all shards together). */
  numEpisodes: number;
  /** Base seed of the whole collection (default 0): episode e resets with seed + e. */
  seed?: number;
  /** Which shard to produce, from 0 to numShards - 1. */
  shardIndex: number;
  /** How many shards the collection is cut into (each a contiguous block of episodes). */
  numShards: number;
  /** Directory of the shard files (created if missing). */
  dir: string;
  /** Default "jsonl". */
  format?: DatasetFormat;
  /** The policy by name, for all agents or per agent (default "random"). */
  policy?: NamedPolicy;
  /** As in `CollectOptions`: the expert's probability under "mixed" (default 0.5). */
  mixProbability?: number;
  /** Record belief ground truth each step (default false). */
  saveBeliefs?: boolean;
  /** Longest agent chain saved (default 2). */
  beliefDepth?: number;
  /** Perspectives with more possible values than this store the fluent as unknown (default 4). */
  beliefValueCap?: number;
  /** Continue a shard file left incomplete by an interrupted job. */
  resume?: boolean;
  /** Replace an existing shard file. */
  overwrite?: boolean;
  /** Safety bound on steps per episode (default 100000). */
  maxStepsPerEpisode?: number;
}

/**
 * What producing one shard reports.
 *
 * ```ts
 * const { path, episodes, steps } = collectShard(spec);
 * ```
 */
export interface ShardResult {
  /** The shard produced. */
  shardIndex: number;
  /** Out of how many. */
  numShards: number;
  /** The shard's file: `dir/shard-<index>-of-<count>.<jsonl|pwmkb>`. */
  path: string;
  /** First episode index of the shard and how many episodes it holds. */
  firstEpisode: number;
  /** Episodes the shard holds when complete. */
  numEpisodes: number;
  /** Episodes and steps collected by this call (fewer than the shard's when resuming). */
  episodes: number;
  /** Environment steps collected by this call. */
  steps: number;
  /** Wall-clock time of this call. */
  seconds: number;
}

/**
 * The contiguous block of episode indices of shard `shardIndex` out of `numShards`; the blocks of
 * all shards partition `0 ... numEpisodes - 1` and differ in size by at most one.
 *
 * ```ts
 * shardEpisodes(10, 1, 3); // { first: 3, count: 3 }  (shards hold 0-2, 3-5, 6-9)
 * ```
 */
export function shardEpisodes(
  numEpisodes: number,
  shardIndex: number,
  numShards: number
): { first: number; count: number } {
  if (!Number.isSafeInteger(numEpisodes) || numEpisodes < 0)
    throw new DatasetError(
      `numEpisodes must be a non-negative integer, got ${String(numEpisodes)}`
    );
  if (!Number.isSafeInteger(numShards) || numShards < 1)
    throw new DatasetError(`numShards must be a positive integer, got ${String(numShards)}`);
  if (!Number.isSafeInteger(shardIndex) || shardIndex < 0 || shardIndex >= numShards)
    throw new DatasetError(
      `shardIndex must be an integer from 0 to ${numShards - 1}, got ${String(shardIndex)}`
    );
  const first = Math.floor((numEpisodes * shardIndex) / numShards);
  const end = Math.floor((numEpisodes * (shardIndex + 1)) / numShards);
  return { first, count: end - first };
}

const SHARD_NAME = /^shard-(\d+)-of-(\d+)\.(jsonl|pwmkb)$/;

/**
 * The file name of a shard: `shard-00003-of-00016.jsonl` (or `.pwmkb` for the binary form).
 *
 * ```ts
 * shardFileName(3, 16, "binary"); // "shard-00003-of-00016.pwmkb"
 * ```
 */
export function shardFileName(
  shardIndex: number,
  numShards: number,
  format: DatasetFormat = "jsonl"
): string {
  const pad = (n: number): string => String(n).padStart(5, "0");
  return `shard-${pad(shardIndex)}-of-${pad(numShards)}.${format === "binary" ? "pwmkb" : "jsonl"}`;
}

/**
 * Produces one shard in this thread: makes the env by name, collects the shard's block of
 * episodes into `dir/shardFileName(...)` and reports what it did. The same call backs
 * `collect({ workers })` and the `pwmk collect` command.
 *
 * ```ts
 * const r = collectShard({ env: "MultiAgentBoxWorld", numEpisodes: 8, shardIndex: 1, numShards: 2, dir: "out" });
 * r.path; // "out/shard-00001-of-00002.jsonl", episodes 4-7
 * ```
 */
export function collectShard(
  spec: ShardSpec,
  onEpisode?: (episode: number, phase: "start" | "end", steps: number) => void
): ShardResult {
  const { first, count } = shardEpisodes(spec.numEpisodes, spec.shardIndex, spec.numShards);
  const format = spec.format ?? "jsonl";
  if (format !== "jsonl" && format !== "binary")
    throw new DatasetError(`format must be "jsonl" or "binary", got ${JSON.stringify(format)}`);
  const env = makeEnv(spec.env, spec.envOptions ?? {});
  fs.mkdirSync(spec.dir, { recursive: true });
  const file = path.join(spec.dir, shardFileName(spec.shardIndex, spec.numShards, format));
  const resuming = spec.resume === true && fs.existsSync(file);
  const result = new DataCollector(env).collect({
    numEpisodes: count,
    firstEpisode: first,
    seed: spec.seed ?? 0,
    policy: spec.policy,
    mixProbability: spec.mixProbability,
    saveBeliefs: spec.saveBeliefs,
    beliefDepth: spec.beliefDepth,
    beliefValueCap: spec.beliefValueCap,
    maxStepsPerEpisode: spec.maxStepsPerEpisode,
    path: file,
    format,
    resume: resuming,
    overwrite: spec.overwrite,
    keepInMemory: false,
    progress: false,
    onEpisode
  });
  return {
    shardIndex: spec.shardIndex,
    numShards: spec.numShards,
    path: file,
    firstEpisode: first,
    numEpisodes: count,
    episodes: result.episodes,
    steps: result.steps,
    seconds: result.seconds
  };
}

/**
 * The dataset files a listing names: files as given, directories expanded to their `.jsonl` and
 * `.pwmkb` files in name order.
 */
function listDatasetFiles(source: string | string[]): string[] {
  const files: string[] = [];
  for (const item of Array.isArray(source) ? source : [source]) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(item);
    } catch {
      throw new DatasetError(`no such dataset file or directory: ${item}`);
    }
    if (!stat.isDirectory()) {
      files.push(item);
      continue;
    }
    const inside = fs
      .readdirSync(item)
      .filter((f) => /\.(jsonl|pwmkb)$/i.test(f))
      .sort()
      .map((f) => path.join(item, f));
    if (inside.length === 0)
      throw new DatasetError(`${item} holds no dataset files (.jsonl or .pwmkb)`);
    files.push(...inside);
  }
  if (files.length === 0) throw new DatasetError("no dataset files given");
  return files;
}

/**
 * Opens shards as one dataset: a directory (its `.jsonl` and `.pwmkb` files), a list of files, or
 * both. The headers must agree (same env, options, spaces and belief settings); an episode
 * found in two files is an error naming both; episodes come out in index order, so the merge of a
 * collection's shards equals the dataset one machine would have written. Shards missing from a
 * `shard-i-of-k` listing are reported in `warnings`.
 *
 * ```ts
 * const ds = loadShards(["runs/a/shard-00000-of-00002.jsonl", "runs/a/shard-00001-of-00002.jsonl"]);
 * ds.episodes.map((e) => e.index); // 0, 1, 2, ...
 * ```
 */
export function loadShards(
  source: string | string[],
  options: LoadOptions = {}
): TrajectoryDataset {
  const files = listDatasetFiles(source);
  const owner = new Map<number, string>();
  const episodes: Episode[] = [];
  const warnings: string[] = [];
  let first: TrajectoryDataset | undefined;
  const seenShards = new Map<number, Set<number>>();
  for (const file of files) {
    const ds = TrajectoryDataset.load(file, options);
    if (first) assertSameHeader(ds.header, first.header, file);
    else first = ds;
    warnings.push(...ds.warnings);
    for (const ep of ds.episodes) {
      const other = owner.get(ep.index);
      if (other !== undefined)
        throw new DatasetError(
          `episode ${ep.index} is in both ${other} and ${file}; list each shard once`
        );
      owner.set(ep.index, file);
      episodes.push(ep);
    }
    const m = SHARD_NAME.exec(path.basename(file));
    if (m) {
      const of = Number(m[2]);
      if (!seenShards.has(of)) seenShards.set(of, new Set());
      seenShards.get(of)!.add(Number(m[1]));
    }
  }
  for (const [of, seen] of seenShards) {
    const missing = Array.from({ length: of }, (_, i) => i).filter((i) => !seen.has(i));
    if (missing.length > 0)
      warnings.push(
        `shard(s) ${missing.join(", ")} of ${of} are not in the listing; the dataset is partial`
      );
  }
  episodes.sort((a, b) => a.index - b.index);
  return new TrajectoryDataset(first!.header, episodes, warnings);
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The part an episode belongs to, from its reset seed alone (a hash of the seed and the split
 * seed compared with the fractions): the same episode lands in the same part in every shard
 * listing, on every machine. Part sizes follow the fractions on average, not exactly.
 *
 * ```ts
 * assignSplit(ds.episodes[0].seed, { train: 0.8, val: 0.1, test: 0.1 }); // "train", "val" or "test"
 * ```
 */
export function assignSplit(episodeSeed: number, options: SplitOptions): "train" | "val" | "test" {
  const { train, val, test } = options;
  if ([train, val, test].some((f) => !(f >= 0)) || Math.abs(train + val + test - 1) > 1e-9) {
    throw new DatasetError(
      `split fractions must be non-negative and sum to 1, got ${train} + ${val} + ${test}`
    );
  }
  if (!Number.isSafeInteger(episodeSeed) || episodeSeed < 0)
    throw new DatasetError(`an episode seed is a non-negative integer, got ${episodeSeed}`);
  const salt = (options.seed ?? 0) >>> 0;
  let h = fmix32((episodeSeed >>> 0) ^ 0x9e3779b9);
  h = fmix32((h ^ Math.floor(episodeSeed / 4294967296)) >>> 0);
  h = fmix32((h ^ salt ^ 0x27d4eb2f) >>> 0);
  const u = h / 4294967296;
  return u < train ? "train" : u < train + val ? "val" : "test";
}

/**
 * Splits a dataset by `assignSplit` of each episode's seed (unlike `dataset.split`, which shuffles
 * the episodes present): merging more shards never moves an episode between parts.
 *
 * ```ts
 * const { train, val, test } = splitBySeed(loadShards("runs/box"), { train: 0.8, val: 0.1, test: 0.1 });
 * ```
 */
export function splitBySeed(
  dataset: TrajectoryDataset,
  options: SplitOptions
): { train: TrajectoryDataset; val: TrajectoryDataset; test: TrajectoryDataset } {
  const parts: Record<"train" | "val" | "test", Episode[]> = { train: [], val: [], test: [] };
  for (const ep of dataset.episodes) parts[assignSplit(ep.seed, options)].push(ep);
  const make = (eps: Episode[]) => new TrajectoryDataset(dataset.header, eps);
  return { train: make(parts.train), val: make(parts.val), test: make(parts.test) };
}
