/**
 * `pwmk collect`: one shard of a collection (`--shard-index i --num-shards k`), the unit a job
 * system fans out, or a whole collection on local worker threads (`--workers n`). Episode seeds
 * are partitioned by shard index, so the union of the k shards is the single-machine dataset.
 *
 * ```sh
 * pwmk collect --env MultiAgentBoxWorld --episodes 100 --seed 7 --shard-index 3 --num-shards 16 --out runs/box --json
 * ```
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Command, Option } from "commander";
import { envNames } from "../../envs/registry";
import { collect } from "../../data/parallel";
import {
  collectShard,
  NamedPolicy,
  shardEpisodes,
  shardFileName,
  ShardResult,
  ShardSpec
} from "../../data/shards";
import type { DatasetFormat } from "../../data/formats";
import {
  CliIO,
  fraction,
  intAtLeast,
  jsonObject,
  runCommand,
  UsageError,
  withCommonHelp
} from "../io";

interface CollectFlags {
  env: string;
  envOptions?: Record<string, unknown>;
  episodes: number;
  seed: number;
  shardIndex?: number;
  numShards?: number;
  workers?: number;
  out: string;
  format: DatasetFormat;
  policy: string;
  mixProbability?: number;
  saveBeliefs?: boolean;
  beliefDepth?: number;
  maxSteps?: number;
  resume?: boolean;
  overwrite?: boolean;
  json?: boolean;
}

function parsePolicy(text: string): NamedPolicy {
  const names = ["random", "expert", "mixed"];
  if (names.includes(text)) return text as NamedPolicy;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(
      `--policy must be random, expert, mixed or a JSON object of those per agent, got "${text}"`
    );
  }
  if (
    typeof parsed !== "object" ||
    parsed === null ||
    Array.isArray(parsed) ||
    !Object.values(parsed).every((v) => names.includes(v as string))
  )
    throw new UsageError(`--policy per agent must map agent names to random, expert or mixed`);
  return parsed as NamedPolicy;
}

/**
 * Adds the `collect` subcommand to `program`.
 *
 * ```ts
 * registerCollect(new Command("pwmk"), io, (code) => (exit = code));
 * ```
 */
export function registerCollect(
  program: Command,
  io: CliIO,
  setExit: (code: number) => void
): void {
  const cmd = program
    .command("collect")
    .description(
      "collect episodes into shard files; one shard with --shard-index/--num-shards, or all shards on local threads with --workers"
    )
    .addOption(
      new Option("--env <name>", "environment to collect from")
        .choices(envNames())
        .makeOptionMandatory()
    )
    .option("--env-options <json>", "environment constructor options as a JSON object", jsonObject)
    .requiredOption(
      "--episodes <n>",
      "episodes of the whole collection (all shards)",
      intAtLeast(0)
    )
    .option("--seed <n>", "base seed: episode e resets with seed + e", intAtLeast(0), 0)
    .option(
      "--shard-index <i>",
      "the shard to produce (0-based; needs --num-shards)",
      intAtLeast(0)
    )
    .option("--num-shards <k>", "shards the collection is cut into", intAtLeast(1))
    .option("--workers <n>", "collect all shards on n local worker threads", intAtLeast(1))
    .requiredOption("--out <dir>", "directory of the shard files")
    .addOption(
      new Option("--format <form>", "shard file form").choices(["jsonl", "binary"]).default("jsonl")
    )
    .option(
      "--policy <policy>",
      'random, expert, mixed, or a JSON object per agent like {"agent_0":"expert"}',
      "random"
    )
    .option("--mix-probability <p>", "probability of the expert action under mixed", fraction)
    .option("--save-beliefs", "record belief ground truth at every step")
    .option("--belief-depth <d>", "longest agent chain of saved beliefs", intAtLeast(1))
    .option("--max-steps <n>", "safety bound on steps per episode", intAtLeast(1))
    .option("--resume", "continue a shard left incomplete by an interrupted run")
    .option("--overwrite", "replace existing shard files");
  withCommonHelp(cmd, [
    "pwmk collect --env SallyAnneWorld --episodes 200 --save-beliefs --workers 2 --out runs/sa",
    "pwmk collect --env MultiAgentBoxWorld --episodes 1000 --shard-index 3 --num-shards 16 --out runs/box --json",
    "pwmk collect --env HideAndSeek --episodes 50 --policy expert --out runs/hs --resume"
  ]).action(async (flags: CollectFlags) => {
    await runCommand(io, flags.json === true, "collect", setExit, async (ctx) => {
      const base: Omit<ShardSpec, "shardIndex" | "numShards"> = {
        env: flags.env,
        envOptions: flags.envOptions,
        numEpisodes: flags.episodes,
        seed: flags.seed,
        dir: flags.out,
        format: flags.format,
        policy: parsePolicy(flags.policy),
        mixProbability: flags.mixProbability,
        saveBeliefs: flags.saveBeliefs,
        beliefDepth: flags.beliefDepth,
        maxStepsPerEpisode: flags.maxSteps,
        resume: flags.resume,
        overwrite: flags.overwrite
      };
      let shards: ShardResult[];
      // Shard files left by an earlier run: continuing or replacing them is the user's choice,
      // so without a flag it is bad usage, said before anything is written.
      const sharded = flags.shardIndex !== undefined && flags.numShards !== undefined;
      const workerShards = Math.max(1, flags.workers ?? 1);
      const planned = sharded
        ? [shardFileName(flags.shardIndex!, flags.numShards!, flags.format)]
        : Array.from({ length: workerShards }, (_, i) =>
            shardFileName(i, workerShards, flags.format)
          );
      const existing = planned.filter((name) => nonEmptyFile(path.join(flags.out, name)));
      if (existing.length > 0 && !flags.resume && !flags.overwrite) {
        throw new UsageError(
          `${path.join(flags.out, existing[0])} already exists; pass --resume to continue it or --overwrite to replace it`
        );
      }
      if (flags.shardIndex !== undefined || flags.numShards !== undefined) {
        if (flags.shardIndex === undefined || flags.numShards === undefined)
          throw new UsageError("--shard-index and --num-shards go together");
        if (flags.workers !== undefined)
          throw new UsageError("--workers collects every shard; leave out --shard-index");
        if (flags.shardIndex >= flags.numShards)
          throw new UsageError(
            `--shard-index must be below --num-shards (${flags.numShards}), got ${flags.shardIndex}`
          );
        const { count } = shardEpisodes(flags.episodes, flags.shardIndex, flags.numShards);
        const bar = ctx.progress(
          `collect ${flags.env} shard ${flags.shardIndex}`,
          count,
          "episodes"
        );
        let done = 0;
        shards = [
          collectShard(
            { ...base, shardIndex: flags.shardIndex, numShards: flags.numShards },
            (_episode, phase) => phase === "end" && bar.update(++done)
          )
        ];
        bar.stop();
      } else {
        const bar = ctx.progress(`collect ${flags.env}`, flags.episodes, "episodes");
        const run = await collect({
          ...base,
          workers: flags.workers ?? 1,
          progress: false,
          onEpisodeEnd: (done) => bar.update(done)
        });
        bar.stop();
        shards = run.shards;
      }
      const episodes = shards.reduce((n, s) => n + s.episodes, 0);
      const steps = shards.reduce((n, s) => n + s.steps, 0);
      return {
        value: { env: flags.env, episodes, steps, shards },
        text: shards.map(
          (s) =>
            `shard ${s.shardIndex} of ${s.numShards}: ${s.numEpisodes === 0 ? "no episodes" : `episodes ${s.firstEpisode}-${s.firstEpisode + s.numEpisodes - 1}`} -> ${s.path} (${s.episodes} collected now, ${s.steps} steps, ${s.seconds.toFixed(1)} s)`
        )
      };
    });
  });
}

function nonEmptyFile(file: string): boolean {
  try {
    return fs.statSync(file).size > 0;
  } catch {
    return false;
  }
}
