/**
 * `pwmk eval`: evaluates a saved world model on the held-out part of datasets or shard
 * directories, beside the baselines it has to beat (copy-last, nothing-changes rollouts,
 * majority class from the training part, the true-state reader on false beliefs). The split is by
 * episode seed, so `--split` and `--split-seed` as given to `pwmk train` select the same episodes.
 *
 * ```sh
 * pwmk eval runs/sa --model runs/sa-model/model --part test --json
 * ```
 */
import * as fs from "fs";
import { Command, Option } from "commander";
import { loadShards } from "../../data/shards";
import { PerspectiveWorldModel } from "../../models/world-model";
import { WorldModelData } from "../../training/data";
import { evaluateWorldModel } from "../../training/evaluate";
import { CliIO, intAtLeast, runCommand, UsageError, withCommonHelp } from "../io";
import type { Progress } from "../progress";
import { parseSplit } from "./export";

interface EvalFlags {
  model: string;
  part: "train" | "val" | "test";
  split: string;
  splitSeed: number;
  horizon: number;
  rolloutSteps: number;
  json?: boolean;
}

const fmt = (x: number) => (Number.isNaN(x) ? "n/a" : x.toFixed(4));

/**
 * Adds the `eval` subcommand to `program`.
 *
 * ```ts
 * registerEval(new Command("pwmk"), io, (code) => (exit = code));
 * ```
 */
export function registerEval(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program
    .command("eval")
    .description("evaluate a saved world model on held-out episodes against baselines")
    .argument("<inputs...>", "dataset files (.jsonl, .pwmkb) or directories of shards")
    .requiredOption("--model <dir>", "a saved model (model.json + weights.bin)")
    .addOption(
      new Option("--part <part>", "which part of the split")
        .choices(["train", "val", "test"])
        .default("test")
    )
    .option(
      "--split <fractions>",
      "train,val,test fractions (as given to pwmk train)",
      "0.8,0.1,0.1"
    )
    .option("--split-seed <n>", "seed of the split assignment", intAtLeast(0), 0)
    .option("--horizon <n>", "steps per sequence", intAtLeast(1), 16)
    .option("--rollout-steps <n>", "rollout length of the multi-step error", intAtLeast(0), 8);
  withCommonHelp(cmd, [
    "pwmk eval runs/sa --model runs/sa-model/model",
    "pwmk eval runs/sa --model runs/sa-model/model --part val --split 0.7,0.15,0.15 --json"
  ]).action(async (inputs: string[], flags: EvalFlags) => {
    await runCommand(io, flags.json === true, "eval", setExit, async (ctx) => {
      for (const input of inputs)
        if (!fs.existsSync(input))
          throw new UsageError(`no such dataset file or directory: ${input}`);
      if (!fs.existsSync(flags.model))
        throw new UsageError(`no such model directory: ${flags.model}`);
      const model = await PerspectiveWorldModel.load(flags.model);
      try {
        const split = { ...parseSplit(flags.split), seed: flags.splitSeed };
        const parts = WorldModelData.split(loadShards(inputs), split, {
          ...(model.config.beliefSpec
            ? { beliefSpec: model.config.beliefSpec }
            : { noBeliefs: true })
        });
        const data = parts[flags.part];
        if (data.episodes.length === 0)
          throw new UsageError(`the ${flags.part} part of the split holds no episodes`);
        const horizon = Math.min(flags.horizon, model.config.maxSteps);
        let bar: Progress | undefined;
        const report = evaluateWorldModel(model, data, {
          horizon,
          rolloutSteps: Math.min(flags.rolloutSteps, horizon),
          majorityFrom: parts.train.episodes.length > 0 ? parts.train : data,
          onProgress: (done, total) => {
            bar ??= ctx.progress(`eval ${flags.part}`, total, "batches and rollouts");
            bar.update(done);
          }
        });
        bar?.stop();
        const b = report.baselines;
        const K = report.rolloutMse.length;
        return {
          value: { part: flags.part, episodes: data.episodes.length, report },
          text: [
            `${flags.part}: ${data.episodes.length} episodes, ${report.counts.steps} steps`,
            `next observation MSE   ${fmt(report.stateMse)}   copy last ${fmt(b.copyLastStateMse)}`,
            ...(K > 0
              ? [
                  `rollout MSE at step ${K}  ${fmt(report.rolloutMse[K - 1])}   nothing changes ${fmt(b.copyFirstRolloutMse[K - 1])}`
                ]
              : []),
            `belief accuracy        ${fmt(report.beliefAcc)}   majority class ${fmt(b.majorityBeliefAcc)}`,
            `  on false beliefs     ${fmt(report.beliefAccOnFalseBelief)}   true state ${fmt(b.trueStateBeliefAccOnFalseBelief)} (${report.counts.falseBeliefLabels} labels)`
          ]
        };
      } finally {
        model.dispose();
      }
    });
  });
}
