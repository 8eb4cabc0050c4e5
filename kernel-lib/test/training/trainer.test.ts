/**
 * WorldModelTrainer: what a user relies on when training from a notebook — the same seeds give the
 * same weights, a run resumed from a checkpoint ends where the uninterrupted run ends, early
 * stopping stops and puts back the best weights, tensors do not leak across epochs, callbacks see
 * a plain JSON history, and bad settings are refused by name.
 */
import * as fs from "fs";
import * as os from "os";
import { join } from "path";
import * as tf from "@tensorflow/tfjs-core";
import { DataCollector } from "../../src/data";
import { SallyAnneWorld } from "../../src/envs";
import { PerspectiveWorldModel } from "../../src/models/world-model";
import { WorldModelData } from "../../src/training/data";
import { latestCheckpoint, readCheckpoint } from "../../src/training/checkpoint";
import { WorldModelTrainer } from "../../src/training/trainer";
import type { TrainerConfig } from "../../src/training/trainer-config";
import type { TrainingHistory } from "../../src/training/history";

jest.setTimeout(120_000);

let train: WorldModelData;
let val: WorldModelData;
let dir: string;

beforeAll(() => {
  const env = new SallyAnneWorld({ randomStart: true, seekers: {}, maxSteps: 8 });
  const ds = new DataCollector(env).collect({
    numEpisodes: 40,
    policy: "random",
    saveBeliefs: true,
    progress: false
  }).dataset!;
  ({ train, val } = WorldModelData.split(ds, { train: 0.75, val: 0.25, test: 0 }));
});
beforeEach(() => {
  dir = fs.mkdtempSync(join(os.tmpdir(), "pwmk-trainer-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const CONFIG: TrainerConfig = { batchSize: 8, learningRate: 3e-3, horizon: 8, seed: 5, threads: 1 };

async function newTrainer(config: TrainerConfig = CONFIG): Promise<WorldModelTrainer> {
  const model = await PerspectiveWorldModel.create({
    ...train.modelConfig(),
    hiddenDim: 16,
    numLayers: 1,
    numHeads: 2,
    seed: 3
  });
  return new WorldModelTrainer({ model, config });
}

async function trained(
  epochs: number,
  extra: Partial<Parameters<WorldModelTrainer["fit"]>[0]> = {}
): Promise<{ trainer: WorldModelTrainer; weights: Float32Array[] }> {
  const trainer = await newTrainer();
  await trainer.fit({ train, val, epochs, progress: false, restoreBest: false, ...extra });
  const weights = trainer.model.getWeights();
  return { trainer, weights };
}

async function done(trainer: WorldModelTrainer): Promise<void> {
  await trainer.dispose();
  trainer.model.dispose();
}

describe("WorldModelTrainer", () => {
  it("gives the same weights for the same seeds and data, and different ones for another trainer seed", async () => {
    const a = await trained(2);
    const b = await trained(2);
    expect(b.weights).toEqual(a.weights);
    const other = await newTrainer({ ...CONFIG, seed: 6 });
    await other.fit({ train, epochs: 2, progress: false });
    expect(other.model.getWeights()).not.toEqual(a.weights);
    await Promise.all([done(a.trainer), done(b.trainer), done(other)]);
  });

  it("resumed from a checkpoint, ends exactly where the uninterrupted run ends", async () => {
    const whole = await trained(3);
    const first = await trained(2, { checkpointDir: dir });
    await done(first.trainer);
    expect(latestCheckpoint(dir)).toBe(join(dir, "epoch-0002"));
    const resumed = await newTrainer();
    const history = await resumed.fit({
      train,
      val,
      epochs: 3,
      resumeFrom: dir,
      progress: false,
      restoreBest: false
    });
    expect(resumed.model.getWeights()).toEqual(whole.weights);
    expect(history.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(history.epochs.map((e) => e.valLoss)).toEqual(
      whole.trainer.history.epochs.map((e) => e.valLoss)
    );
    // The checkpoint model reloads on its own.
    const reloaded = await PerspectiveWorldModel.load(join(dir, "epoch-0002", "model"));
    expect(reloaded.getWeights().length).toBe(whole.weights.length);
    reloaded.dispose();
    await Promise.all([done(whole.trainer), done(resumed)]);
  });

  it("refuses to resume with another configuration", async () => {
    const first = await trained(1, { checkpointDir: dir });
    await done(first.trainer);
    const other = await newTrainer({ ...CONFIG, batchSize: 4 });
    await expect(other.fit({ train, epochs: 2, resumeFrom: dir, progress: false })).rejects.toThrow(
      /written with batchSize = 8, this trainer has 4/
    );
    await done(other);
  });

  it("stops early when validation stops improving and puts back the best weights", async () => {
    const trainer = await newTrainer();
    const seen: Float32Array[][] = [];
    const history = await trainer.fit({
      train,
      val,
      epochs: 6,
      patience: 2,
      minDelta: 1e9, // nothing after the first epoch counts as an improvement
      progress: false,
      callbacks: { onEpochEnd: () => void seen.push(trainer.model.getWeights()) }
    });
    expect(history.epochs.length).toBe(3);
    expect(history.stoppedEarly).toBe(true);
    expect(history.bestEpoch).toBe(1);
    expect(trainer.model.getWeights()).toEqual(seen[0]);
    expect(seen[2]).not.toEqual(seen[0]);
    await done(trainer);
  });

  it("resumed, still puts back the best epoch's weights when it came before the checkpoint", async () => {
    const noProgress = {
      patience: 10,
      minDelta: 1e9,
      checkpointDir: dir,
      progress: false as const
    };
    const first = await newTrainer();
    await first.fit({ train, val, epochs: 2, ...noProgress });
    await done(first);
    const resumed = await newTrainer();
    const history = await resumed.fit({ train, val, epochs: 3, resumeFrom: dir, ...noProgress });
    expect(history.bestEpoch).toBe(1);
    expect(resumed.model.getWeights()).toEqual(readCheckpoint(join(dir, "epoch-0001")).weights);
    await done(resumed);
  });

  it("keeps the number of live tensors flat across epochs", async () => {
    const trainer = await newTrainer();
    const counts: number[] = [];
    await trainer.fit({
      train,
      val,
      epochs: 4,
      progress: false,
      callbacks: () => void counts.push(tf.memory().numTensors)
    });
    expect(counts.slice(1)).toEqual([counts[1], counts[1], counts[1]]);
    expect(counts[0]).toBe(counts[1]);
    await done(trainer);
  });

  it("calls back with a plain JSON history, per batch and per epoch, and prints one line per epoch", async () => {
    const trainer = await newTrainer();
    const snapshots: TrainingHistory[] = [];
    let batches = 0;
    const keras: number[][] = [];
    let atBegin: TrainingHistory | undefined;
    let printed = "";
    await trainer.fit({
      train,
      val,
      epochs: 2,
      progress: (text) => {
        printed += text;
      },
      callbacks: [
        (h) => void snapshots.push(JSON.parse(JSON.stringify(h)) as TrainingHistory),
        { onBatchEnd: () => void batches++ },
        // tfjs / Keras style: the epoch index counts from 0, the record's epoch from 1.
        {
          onTrainBegin: (h) => void (atBegin = h),
          onEpochEnd: (epoch, logs) => void keras.push([epoch, logs.epoch])
        }
      ]
    });
    // Callbacks get copies: what one keeps is the run as it was then.
    expect(atBegin!.epochs).toEqual([]);
    expect(keras).toEqual([
      [0, 1],
      [1, 2]
    ]);
    expect(snapshots.map((h) => h.epochs.length)).toEqual([1, 2]);
    expect(snapshots[1]).toEqual(trainer.history);
    const last = trainer.history.epochs[1];
    for (const k of ["trainLoss", "trainObsLoss", "trainBeliefLoss", "valLoss", "valBeliefAcc"])
      expect(Number.isFinite(last[k as keyof typeof last])).toBe(true);
    expect(trainer.history.backend).toBe(tf.getBackend());
    expect(batches).toBe(2 * train.numBatches({ batchSize: 8, horizon: 8 }));
    expect(printed.split("\n").filter((l) => l.includes("epoch 2/2")).length).toBe(1);
    expect(printed).toMatch(/epoch 2\/2 \[#+\] \d+\/\d+ 100% .* val \d/);
    await done(trainer);
  });

  it("evaluates a recorded dataset as it is, encoded with the model's belief spec", async () => {
    const trainer = await newTrainer();
    const env = new SallyAnneWorld({ randomStart: true, seekers: {}, maxSteps: 8 });
    const heldOut = new DataCollector(env).collect({
      numEpisodes: 4,
      seed: 1000,
      saveBeliefs: true,
      progress: false
    }).dataset!;
    const direct = trainer.evaluate(heldOut);
    const encoded = WorldModelData.fromDataset(heldOut, { beliefSpec: train.beliefSpec });
    expect(direct).toEqual(trainer.evaluate(encoded));
    expect(direct.counts.steps).toBe(heldOut.numSteps);
    await done(trainer);
  });

  it("refuses bad settings by name", async () => {
    const model = await PerspectiveWorldModel.create({
      ...train.modelConfig(),
      hiddenDim: 8,
      numLayers: 1,
      numHeads: 1,
      maxSteps: 8,
      seed: 0
    });
    expect(() => new WorldModelTrainer({ model, config: { horizon: 16 } })).toThrow(
      /horizon 16 is longer than the model's maxSteps \(8\)/
    );
    expect(() => new WorldModelTrainer({ model, config: { batchSize: 0 } })).toThrow(
      /batchSize must be a positive integer/
    );
    const trainer = new WorldModelTrainer({ model, config: { horizon: 8, threads: 1 } });
    await expect(trainer.fit({ train, epochs: 0 })).rejects.toThrow(
      /epochs must be a positive integer/
    );
    await expect(trainer.fit({ train, epochs: 1, resumeFrom: dir })).rejects.toThrow(
      /no checkpoint to resume from/
    );
    await done(trainer);
  });
});
