/**
 * WorldModelTrainer: trains a PerspectiveWorldModel on `WorldModelData` with Adam (the step engine
 * of step.ts, on one or more threads), validates after every epoch, stops early when the monitored
 * loss stops improving, writes an atomic checkpoint per epoch, resumes from one exactly, reports
 * progress as a self-rewriting terminal line, and calls your callbacks with a plain JSON history
 * (which a notebook hands to a live chart).
 *
 * The batch order of epoch e is drawn from a generator seeded with (config.seed, e), so the same
 * model seed, trainer seed, thread count and data give the same weights, and a run resumed from a
 * checkpoint continues exactly as if it had never stopped.
 *
 * ```ts
 * const { train, val, test } = WorldModelData.split(TrajectoryDataset.load("sa.jsonl"));
 * const model = await PerspectiveWorldModel.create({ ...train.modelConfig(), hiddenDim: 64, numLayers: 2, numHeads: 4, seed: 0 });
 * const trainer = new WorldModelTrainer({ model, config: { batchSize: 16, learningRate: 3e-3, horizon: 12, seed: 0 } });
 * const history = await trainer.fit({ train, val, epochs: 20, patience: 4, checkpointDir: "runs/ckpt" });
 * console.log(trainer.evaluate(test));
 * ```
 */
import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs-core";
import { ProgressLine } from "../data/progress";
import type { LossParts, TrainStep } from "../models/types";
import type { PerspectiveWorldModel } from "../models/world-model";
import { Rng } from "../random/rng";
import {
  checkpointName,
  CheckpointError,
  latestCheckpoint,
  readCheckpoint,
  TrainerState,
  writeCheckpoint
} from "./checkpoint";
import { TrajectoryDataset } from "../data/dataset";
import { WorldModelData } from "./data";
import { evaluateWorldModel, EvaluateOptions, EvaluationReport } from "./evaluate";
import { TrainingDataError } from "./features";
import { EpochRecord, emptyHistory, TrainingHistory } from "./history";
import { createTrainStep } from "./step";
import {
  checkSetting,
  resolveTrainerConfig,
  type FitOptions,
  type ResolvedTrainerConfig,
  type TrainerConfig,
  type TrainingCallback
} from "./trainer-config";

/** Sum of losses weighted by real steps, for epoch means. */
class LossMean {
  private w = 0;
  private sums = { loss: 0, obsLoss: 0, beliefLoss: 0 };
  add(parts: LossParts, weight: number): void {
    this.w += weight;
    this.sums.loss += parts.loss * weight;
    this.sums.obsLoss += parts.obsLoss * weight;
    this.sums.beliefLoss += parts.beliefLoss * weight;
  }
  get value(): LossParts {
    const w = this.w || 1;
    return {
      loss: this.sums.loss / w,
      obsLoss: this.sums.obsLoss / w,
      beliefLoss: this.sums.beliefLoss / w
    };
  }
}

function realSteps(mask: Float32Array): number {
  let n = 0;
  for (const m of mask) n += m;
  return n;
}

/**
 * Trains and evaluates a world model (see the module comment).
 *
 * ```ts
 * const trainer = new WorldModelTrainer({ model, config: { batchSize: 16, horizon: 8, seed: 1 } });
 * await trainer.fit({ train, val, epochs: 10 });
 * trainer.history.epochs.length; // 10, or fewer after an early stop
 * ```
 */
export class WorldModelTrainer {
  /** The model trained (its weights change in place). */
  readonly model: PerspectiveWorldModel;
  /** The trainer's configuration with every default filled in. */
  readonly config: ResolvedTrainerConfig;
  /** The history of the last `fit` (a resumed fit includes the epochs before the checkpoint). */
  history: TrainingHistory;
  private engine?: TrainStep;
  private state: TrainerState = { epoch: 0, bestLoss: null, bestEpoch: null, badEpochs: 0 };

  constructor(options: { model: PerspectiveWorldModel; config?: TrainerConfig }) {
    const { model } = options;
    if (!model || typeof model.getWeights !== "function")
      throw new TrainingDataError(
        "WorldModelTrainer needs { model: PerspectiveWorldModel, config }"
      );
    this.config = resolveTrainerConfig(options.config ?? {}, model.config.maxSteps);
    this.model = model;
    this.history = emptyHistory(tf.getBackend(), this.config.threads ?? 1, 0);
  }

  /** The checkpoint-relevant part of the configuration (a resume must match it). */
  private configRecord(): Record<string, unknown> {
    const { batchSize, learningRate, horizon, beliefLossWeight, seed } = this.config;
    return { batchSize, learningRate, horizon, beliefLossWeight, seed };
  }

  private async startEngine(): Promise<TrainStep> {
    if (!this.engine) {
      this.engine = await createTrainStep({
        model: this.model,
        learningRate: this.config.learningRate,
        beliefLossWeight: this.config.beliefLossWeight,
        ...(this.config.threads !== undefined ? { threads: this.config.threads } : {})
      });
    }
    return this.engine;
  }

  /**
   * Trains for `epochs` epochs in total (see FitOptions); resolves to the history.
   *
   * ```ts
   * const history = await trainer.fit({ train, val, epochs: 10, callbacks: (h) => console.log(h.epochs.length) });
   * ```
   */
  async fit(options: FitOptions): Promise<TrainingHistory> {
    const { train, val, epochs } = options;
    checkSetting(
      Number.isSafeInteger(epochs) && epochs > 0,
      `epochs must be a positive integer, got ${epochs}`
    );
    checkSetting(
      train !== undefined && Array.isArray(train.episodes),
      "fit needs { train: WorldModelData }"
    );
    checkSetting(train.episodes.length > 0, "the training data has no episodes");
    for (const [name, d] of Object.entries({ train, val }))
      if (d) {
        checkSetting(
          d.numAgents === this.model.config.numAgents && d.obsDim === this.model.config.obsDim,
          `${name} data has ${d.numAgents} agents and obsDim ${d.obsDim}, the model was built for ${this.model.config.numAgents} and ${this.model.config.obsDim}`
        );
        checkSetting(
          d.actionDim <= this.model.config.actionDim,
          `${name} data has ${d.actionDim} actions, the model ${this.model.config.actionDim}`
        );
      }
    const patience = options.patience ?? Infinity;
    checkSetting(patience > 0, `patience must be positive, got ${patience}`);
    const minDelta = options.minDelta ?? 0;
    const restoreBest = options.restoreBest ?? val !== undefined;
    const callbacks =
      options.callbacks === undefined ? [] : ([] as TrainingCallback[]).concat(options.callbacks);
    const engine = await this.startEngine();
    this.history = emptyHistory(tf.getBackend(), engine.threads, epochs);
    this.state = { epoch: 0, bestLoss: null, bestEpoch: null, badEpochs: 0 };
    const resumed =
      options.resumeFrom !== undefined
        ? this.resume(options.resumeFrom, engine, epochs)
        : undefined;
    let bestWeights: Float32Array[] | undefined = restoreBest
      ? resumed && this.state.bestEpoch !== this.state.epoch
        ? bestCheckpointWeights(resumed, this.state.bestEpoch)
        : this.model.getWeights()
      : undefined;
    const sink =
      options.progress === false
        ? undefined
        : typeof options.progress === "function"
          ? options.progress
          : undefined;
    const showProgress = options.progress !== false;
    for (const cb of callbacks)
      if (typeof cb !== "function") await cb.onTrainBegin?.(this.snapshot());

    for (let epoch = this.state.epoch + 1; epoch <= epochs; epoch++) {
      if (this.state.badEpochs >= patience) break;
      const started = Date.now();
      const batchOptions = { batchSize: this.config.batchSize, horizon: this.config.horizon };
      const total = train.numBatches(batchOptions);
      const bar = showProgress
        ? new ProgressLine(`epoch ${epoch}/${epochs}`, total, sink)
        : undefined;
      const trainLoss = new LossMean();
      let step = 0;
      for (const batch of train.batches({
        ...batchOptions,
        rng: epochRng(this.config.seed, epoch)
      })) {
        const parts = await engine.step(batch);
        trainLoss.add(parts, realSteps(batch.mask));
        step++;
        bar?.update(step, `loss ${parts.loss.toFixed(4)}`);
        for (const cb of callbacks)
          if (typeof cb !== "function")
            await cb.onBatchEnd?.(step - 1, { ...parts, epoch, steps: total }, this.snapshot());
      }
      const seconds = (Date.now() - started) / 1000;
      const t = trainLoss.value;
      const record: EpochRecord = {
        epoch,
        trainLoss: t.loss,
        trainObsLoss: t.obsLoss,
        trainBeliefLoss: t.beliefLoss,
        steps: step,
        stepsPerSecond: step / Math.max(seconds, 1e-3),
        seconds
      };
      if (val && val.episodes.length > 0) Object.assign(record, this.validate(val));
      this.history.epochs.push(record);
      const monitored = record.valLoss ?? record.trainLoss;
      const improved = this.state.bestLoss === null || monitored < this.state.bestLoss - minDelta;
      if (improved) {
        this.state.bestLoss = monitored;
        this.state.bestEpoch = epoch;
        this.state.badEpochs = 0;
        if (restoreBest) bestWeights = this.model.getWeights();
      } else this.state.badEpochs++;
      this.state.epoch = epoch;
      this.history.bestEpoch = this.state.bestEpoch ?? undefined;
      this.history.bestLoss = this.state.bestLoss ?? undefined;
      this.history.stoppedEarly = this.state.badEpochs >= patience && epoch < epochs;
      bar?.done(
        `loss ${t.loss.toFixed(4)}` +
          (record.valLoss !== undefined ? ` val ${record.valLoss.toFixed(4)}` : "") +
          (record.valBeliefAcc !== undefined && !Number.isNaN(record.valBeliefAcc)
            ? ` belief acc ${record.valBeliefAcc.toFixed(3)}`
            : "")
      );
      if (options.checkpointDir)
        await this.checkpoint(options.checkpointDir, improved, options.keepCheckpoints);
      for (const cb of callbacks) {
        if (typeof cb === "function") await cb(this.snapshot());
        else await cb.onEpochEnd?.(epoch - 1, { ...record }, this.snapshot());
      }
    }
    if (restoreBest && bestWeights && this.state.bestEpoch !== this.state.epoch)
      this.model.setWeights(bestWeights);
    for (const cb of callbacks)
      if (typeof cb !== "function") await cb.onTrainEnd?.(this.snapshot());
    return this.history;
  }

  /**
   * A copy of the history for callbacks: what they keep is what the run was at that moment, and
   * nothing they do changes the trainer's record.
   */
  private snapshot(): TrainingHistory {
    return structuredClone(this.history);
  }

  /** Validation losses and belief accuracy of the current weights. */
  private validate(val: WorldModelData): Partial<EpochRecord> {
    const mean = new LossMean();
    for (const batch of val.batches({
      batchSize: this.config.batchSize,
      horizon: this.config.horizon
    }))
      mean.add(this.model.loss(batch, this.config.beliefLossWeight), realSteps(batch.mask));
    const v = mean.value;
    const out: Partial<EpochRecord> = {
      valLoss: v.loss,
      valObsLoss: v.obsLoss,
      valBeliefLoss: v.beliefLoss
    };
    if (val.beliefSpec) {
      const report = this.evaluate(val, { rolloutSteps: 0 });
      out.valBeliefAcc = report.beliefAcc;
      out.valFalseBeliefAcc = report.beliefAccOnFalseBelief;
    }
    return out;
  }

  private async checkpoint(dir: string, best: boolean, keep?: number): Promise<void> {
    await writeCheckpoint(
      dir,
      checkpointName(this.state.epoch),
      {
        trainer: { ...this.state },
        history: this.history,
        config: this.configRecord(),
        weights: this.model.getWeights(),
        optimizer: this.engine!.getOptimizerState()
      },
      { saveModel: (d) => this.model.save(d), best, ...(keep !== undefined ? { keep } : {}) }
    );
  }

  /** Restores the state of the checkpoint `from` names; returns the checkpoint's path. */
  private resume(from: string, engine: TrainStep, epochs: number): string {
    const target = fs.existsSync(path.join(from, "trainer.json")) ? from : latestCheckpoint(from);
    if (!target) throw new CheckpointError(`no checkpoint to resume from in ${from}`);
    const saved = readCheckpoint(target);
    const mine = this.configRecord();
    for (const [k, v] of Object.entries(mine))
      if (saved.config[k] !== v)
        throw new CheckpointError(
          `${target} was written with ${k} = ${JSON.stringify(saved.config[k])}, this trainer has ${JSON.stringify(v)}`
        );
    const sizes = this.model.getWeights().map((w) => w.length);
    if (
      sizes.length !== saved.weights.length ||
      sizes.some((n, i) => n !== saved.weights[i].length)
    )
      throw new CheckpointError(
        `${target} holds weights of a different architecture than this model`
      );
    this.model.setWeights(saved.weights);
    engine.setOptimizerState(saved.optimizer);
    this.state = { ...saved.trainer };
    this.history = {
      ...saved.history,
      totalEpochs: epochs,
      backend: tf.getBackend(),
      threads: engine.threads
    };
    return target;
  }

  /**
   * Evaluates the model on `data` against the baselines (see `evaluateWorldModel`). A recorded
   * dataset is encoded with the model's belief spec first.
   *
   * ```ts
   * const { stateMse, beliefAcc, baselines } = trainer.evaluate(test, { majorityFrom: train });
   * trainer.evaluate(TrajectoryDataset.load("held-out.jsonl"));
   * ```
   */
  evaluate(
    data: WorldModelData | TrajectoryDataset,
    options: EvaluateOptions = {}
  ): EvaluationReport {
    const spec = this.model.config.beliefSpec;
    const encoded =
      data instanceof TrajectoryDataset
        ? WorldModelData.fromDataset(data, spec ? { beliefSpec: spec } : { noBeliefs: true })
        : data;
    return evaluateWorldModel(this.model, encoded, {
      horizon: this.config.horizon,
      batchSize: this.config.batchSize,
      ...options
    });
  }

  /** Stops the step engine's worker threads; the model stays usable. */
  async dispose(): Promise<void> {
    const engine = this.engine;
    this.engine = undefined;
    await engine?.dispose();
  }
}

/**
 * The weights of the best epoch of a resumed run, from the `best.json` checkpoint next to the
 * resumed one (undefined when it was pruned or belongs to another epoch: nothing to restore).
 */
function bestCheckpointWeights(
  resumedFrom: string,
  bestEpoch: number | null
): Float32Array[] | undefined {
  const best = latestCheckpoint(path.dirname(resumedFrom), "best");
  if (!best || bestEpoch === null) return undefined;
  const saved = readCheckpoint(best);
  return saved.trainer.epoch === bestEpoch ? saved.weights : undefined;
}

/** The generator of epoch `epoch`'s batch order: a function of the trainer seed and the epoch. */
function epochRng(seed: number, epoch: number): Rng {
  return new Rng(seed * 65536 + epoch);
}
