/**
 * `pwmk train`: trains a PerspectiveWorldModel on datasets or shard directories (recorded with
 * `--save-beliefs` for the belief head) and writes into `--out`: `model/` (TensorFlow.js layers
 * format), `history.json`, and a checkpoint per epoch under `checkpoints/`. `--resume` continues
 * an interrupted run from its latest checkpoint. The progress line goes to stderr, so that
 * `--json` keeps stdout to one JSON object.
 *
 * ```sh
 * pwmk train runs/sa --out runs/sa-model --epochs 20 --hidden 64 --layers 2 --heads 4 --json
 * pwmk train runs/sa --out runs/sa-model --epochs 30 --resume   # after an interruption
 * ```
 */
import * as fs from "fs";
import * as path from "path";
import { Command } from "commander";
import { loadShards } from "../../data/shards";
import { PerspectiveWorldModel } from "../../models/world-model";
import { latestCheckpoint } from "../../training/checkpoint";
import { WorldModelData } from "../../training/data";
import type { EpochRecord } from "../../training/history";
import { WorldModelTrainer } from "../../training/trainer";
import { CliIO, intAtLeast, runCommand, UsageError, withCommonHelp } from "../io";
import type { Progress } from "../progress";
import { parseSplit } from "./export";

interface TrainFlags {
  out: string;
  epochs: number;
  batchSize: number;
  lr: string;
  horizon: number;
  beliefWeight: string;
  seed: number;
  hidden: number;
  layers: number;
  heads: number;
  threads?: number;
  patience?: number;
  split: string;
  splitSeed: number;
  resume?: boolean;
  json?: boolean;
}

function positiveNumber(text: string, flag: string, allowZero = false): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n < 0 || (!allowZero && n === 0))
    throw new UsageError(
      `${flag} must be a ${allowZero ? "non-negative" : "positive"} number, got "${text}"`
    );
  return n;
}

/**
 * Adds the `train` subcommand to `program`.
 *
 * ```ts
 * registerTrain(new Command("pwmk"), io, (code) => (exit = code));
 * ```
 */
export function registerTrain(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program
    .command("train")
    .description("train a world model on datasets or shard directories")
    .argument("<inputs...>", "dataset files (.jsonl, .pwmkb) or directories of shards")
    .requiredOption("--out <dir>", "directory for model/, history.json and checkpoints/")
    .option("--epochs <n>", "total epochs", intAtLeast(1), 20)
    .option("--batch-size <n>", "sequences per step", intAtLeast(1), 32)
    .option("--lr <rate>", "Adam learning rate", "0.001")
    .option("--horizon <n>", "steps per sequence", intAtLeast(1), 16)
    .option("--belief-weight <w>", "weight of the belief loss", "1")
    .option("--seed <n>", "seed of the model weights and the batch order", intAtLeast(0), 0)
    .option("--hidden <n>", "latent and transformer width", intAtLeast(1), 64)
    .option("--layers <n>", "transformer layers", intAtLeast(1), 2)
    .option("--heads <n>", "attention heads (must divide --hidden)", intAtLeast(1), 4)
    .option("--threads <n>", "gradient threads (default: all cores)", intAtLeast(1))
    .option("--patience <n>", "stop after n epochs without validation improvement", intAtLeast(1))
    .option(
      "--split <fractions>",
      "train,val,test fractions (split by episode seed)",
      "0.8,0.1,0.1"
    )
    .option("--split-seed <n>", "seed of the split assignment", intAtLeast(0), 0)
    .option("--resume", "continue from the latest checkpoint in --out/checkpoints");
  withCommonHelp(cmd, [
    "pwmk train runs/sa --out runs/sa-model --epochs 20 --hidden 64 --layers 2 --heads 4",
    "pwmk train runs/sa --out runs/sa-model --epochs 30 --resume    # after an interruption",
    "pwmk train runs/a.jsonl runs/b.jsonl --out runs/ab-model --patience 3 --json"
  ]).action(async (inputs: string[], flags: TrainFlags) => {
    await runCommand(io, flags.json === true, "train", setExit, async (ctx) => {
      const learningRate = positiveNumber(flags.lr, "--lr");
      const beliefLossWeight = positiveNumber(flags.beliefWeight, "--belief-weight", true);
      for (const input of inputs)
        if (!fs.existsSync(input))
          throw new UsageError(`no such dataset file or directory: ${input}`);
      const split = { ...parseSplit(flags.split), seed: flags.splitSeed };
      const checkpoints = path.join(flags.out, "checkpoints");
      const resumeFrom = flags.resume ? latestCheckpoint(checkpoints) : undefined;
      if (flags.resume && !resumeFrom)
        throw new UsageError(`--resume: no checkpoint in ${checkpoints}`);
      if (!flags.resume && latestCheckpoint(checkpoints))
        throw new UsageError(
          `${flags.out} already holds a training run; pass --resume to continue it or choose another --out`
        );
      const { train, val } = WorldModelData.split(loadShards(inputs), split);
      if (train.episodes.length === 0)
        throw new UsageError("the split leaves no training episodes");
      const model = await PerspectiveWorldModel.create({
        ...train.modelConfig(),
        hiddenDim: flags.hidden,
        numLayers: flags.layers,
        numHeads: flags.heads,
        maxSteps: Math.max(64, flags.horizon),
        seed: flags.seed
      });
      const trainer = new WorldModelTrainer({
        model,
        config: {
          batchSize: flags.batchSize,
          learningRate,
          horizon: flags.horizon,
          beliefLossWeight,
          seed: flags.seed,
          ...(flags.threads !== undefined ? { threads: flags.threads } : {})
        }
      });
      // A bar per epoch over its optimizer steps; a summary line per epoch (also under --json).
      let bar: Progress | undefined;
      const progress = {
        onBatchEnd: (batch: number, logs: { epoch: number; steps: number; loss: number }) => {
          bar ??= ctx.progress(`epoch ${logs.epoch}/${flags.epochs}`, logs.steps, "batches");
          bar.update(batch + 1, `loss ${logs.loss.toFixed(4)}`);
        },
        onEpochEnd: (_epoch: number, r: EpochRecord) => {
          bar?.stop();
          bar = undefined;
          ctx.log(
            `epoch ${r.epoch}/${flags.epochs} loss ${r.trainLoss.toFixed(4)}` +
              (r.valLoss !== undefined ? ` val ${r.valLoss.toFixed(4)}` : "") +
              (r.valBeliefAcc !== undefined && !Number.isNaN(r.valBeliefAcc)
                ? ` belief acc ${r.valBeliefAcc.toFixed(3)}`
                : "") +
              ` (${r.seconds.toFixed(1)} s)`
          );
        }
      };
      try {
        const history = await trainer.fit({
          train,
          ...(val.episodes.length > 0 ? { val } : {}),
          epochs: flags.epochs,
          checkpointDir: checkpoints,
          progress: false,
          callbacks: [progress],
          ...(flags.patience !== undefined ? { patience: flags.patience } : {}),
          ...(resumeFrom ? { resumeFrom } : {})
        });
        const modelDir = path.join(flags.out, "model");
        fs.rmSync(modelDir, { recursive: true, force: true });
        await model.save(modelDir);
        fs.writeFileSync(path.join(flags.out, "history.json"), JSON.stringify(history, null, 1));
        const last = history.epochs[history.epochs.length - 1];
        return {
          value: {
            model: modelDir,
            epochs: history.epochs.length,
            bestEpoch: history.bestEpoch,
            stoppedEarly: history.stoppedEarly,
            backend: history.backend,
            threads: history.threads,
            last
          },
          text: [
            `trained ${history.epochs.length} epochs on ${history.backend} (${history.threads} thread(s)); ` +
              `train loss ${last.trainLoss.toFixed(4)}` +
              (last.valLoss !== undefined ? `, val loss ${last.valLoss.toFixed(4)}` : ""),
            `model: ${modelDir}`
          ]
        };
      } finally {
        await trainer.dispose();
        model.dispose();
      }
    });
  });
}
