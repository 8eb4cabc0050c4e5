import * as path from "path";
import * as tf from "@tensorflow/tfjs-core";
import { useBestBackend } from "../../src/models/backend";
import { PerspectiveWorldModel } from "../../src/models/world-model";
import { lossCounts } from "../../src/models/batch";
import { lossAndGradients } from "../../src/models/gradients";
import { startParallelStep } from "../../src/training/parallel-step";
import { createTrainStep } from "../../src/training/step";
import { randomBatch, SMALL } from "./fixtures";

beforeAll(async () => {
  await useBestBackend();
});

async function train(
  threads: number,
  steps: number,
  seed = 3
): Promise<{ weights: Float32Array[]; losses: number[] }> {
  const model = new PerspectiveWorldModel({ ...SMALL, seed });
  const engine = await createTrainStep({ model, learningRate: 1e-2, threads });
  const losses: number[] = [];
  try {
    for (let s = 0; s < steps; s++) losses.push((await engine.step(randomBatch(100 + s, 6))).loss);
    return { weights: model.getWeights(), losses };
  } finally {
    await engine.dispose();
    model.dispose();
  }
}

function maxDiff(a: Float32Array[], b: Float32Array[]): number {
  let d = 0;
  a.forEach((w, i) => w.forEach((v, j) => (d = Math.max(d, Math.abs(v - b[i][j])))));
  return d;
}

describe("createTrainStep", () => {
  test("same seed, same data -> same weights (one thread and two)", async () => {
    const one = await train(1, 3);
    expect(maxDiff(one.weights, (await train(1, 3)).weights)).toBe(0);
    const two = await train(2, 3);
    expect(maxDiff(two.weights, (await train(2, 3)).weights)).toBe(0);
  }, 120_000);

  test("the data-parallel gradients equal the single-thread gradients up to float rounding", async () => {
    const model = new PerspectiveWorldModel(SMALL);
    const parallel = await startParallelStep(model, 2, 60_000);
    try {
      const batch = randomBatch(11, 7);
      const counts = lossCounts(batch, model.config);
      const single = lossAndGradients(model, batch, counts, 1);
      for (const slices of [2, 3]) {
        const split = await parallel.gradients(batch, slices, counts, 1);
        expect(split.parts.loss).toBeCloseTo(single.parts.loss, 5);
        expect(split.parts.beliefLoss).toBeCloseTo(single.parts.beliefLoss, 5);
        single.grads.forEach((g, i) => {
          const a = g.dataSync();
          const b = split.grads[i].dataSync();
          const scale = Math.max(1e-3, ...Array.from(a, Math.abs));
          a.forEach((v, j) => expect(Math.abs(v - b[j]) / scale).toBeLessThan(1e-4));
        });
        tf.dispose(split.grads);
      }
      tf.dispose(single.grads);
    } finally {
      await parallel.stop();
      model.dispose();
    }
  }, 120_000);

  test("one and two threads train to the same weights (within Adam's sensitivity)", async () => {
    const one = await train(1, 2);
    const two = await train(2, 2);
    two.losses.forEach((l, i) => expect(l).toBeCloseTo(one.losses[i], 4));
    // Adam moves a weight by up to the learning rate (1e-2) per step; rounding differences
    // flip at most a few tiny gradients.
    expect(maxDiff(one.weights, two.weights)).toBeLessThan(1e-2);
  }, 120_000);

  test("the loss falls on a fixed batch", async () => {
    const model = new PerspectiveWorldModel(SMALL);
    const engine = await createTrainStep({ model, learningRate: 1e-2, threads: 1 });
    const batch = randomBatch(7, 4);
    const first = model.loss(batch);
    for (let s = 0; s < 30; s++) await engine.step(batch);
    const last = model.loss(batch);
    expect(last.obsLoss).toBeLessThan(first.obsLoss * 0.5);
    expect(last.beliefLoss).toBeLessThan(first.beliefLoss * 0.5);
    await engine.dispose();
    model.dispose();
  }, 120_000);

  test("tensors stay flat across steps", async () => {
    const model = new PerspectiveWorldModel(SMALL);
    for (const threads of [1, 2]) {
      const engine = await createTrainStep({ model, learningRate: 1e-3, threads });
      await engine.step(randomBatch(8, 4));
      const before = tf.memory().numTensors;
      for (let s = 0; s < 4; s++) await engine.step(randomBatch(9 + s, 4));
      model.loss(randomBatch(20));
      model.predict(randomBatch(21));
      expect(tf.memory().numTensors).toBe(before);
      await engine.dispose();
    }
    model.dispose();
  }, 120_000);

  test("the optimizer state resumes a run exactly", async () => {
    const straight = await train(1, 4);
    const model = new PerspectiveWorldModel(SMALL);
    let engine = await createTrainStep({ model, learningRate: 1e-2, threads: 1 });
    for (let s = 0; s < 2; s++) await engine.step(randomBatch(100 + s, 6));
    const state = engine.getOptimizerState();
    const weights = model.getWeights();
    await engine.dispose();
    model.dispose();
    const resumed = new PerspectiveWorldModel({ ...SMALL, seed: 99 });
    resumed.setWeights(weights);
    engine = await createTrainStep({ model: resumed, learningRate: 1e-2, threads: 1 });
    engine.setOptimizerState(state);
    for (let s = 2; s < 4; s++) await engine.step(randomBatch(100 + s, 6));
    expect(maxDiff(resumed.getWeights(), straight.weights)).toBe(0);
    await engine.dispose();
    resumed.dispose();
  }, 120_000);

  test("a worker that fails or does not start in time stops the engine with the reason", async () => {
    const model = new PerspectiveWorldModel(SMALL);
    await expect(
      createTrainStep({
        model,
        learningRate: 1e-3,
        threads: 2,
        workerModules: [path.join(__dirname, "failing-module.ts")]
      })
    ).rejects.toThrow(/step worker 0 failed: Error: this module refuses to load/);
    await expect(
      createTrainStep({ model, learningRate: 1e-3, threads: 2, timeoutMs: 1 })
    ).rejects.toThrow(/step worker 0 did not start within 1 ms; the workers were stopped/);
    model.dispose();
  }, 120_000);

  test("bad options and batches are refused by name", async () => {
    const model = new PerspectiveWorldModel(SMALL);
    await expect(createTrainStep({ model, learningRate: -1 })).rejects.toThrow(
      /learningRate must be a positive number/
    );
    await expect(createTrainStep({ model, learningRate: 1e-3, threads: 0 })).rejects.toThrow(
      /threads must be a positive integer/
    );
    const engine = await createTrainStep({ model, learningRate: 1e-3, threads: 1 });
    await expect(engine.step({ ...randomBatch(1), numAgents: 3 })).rejects.toThrow(
      /batch has 3 agents, the model was built for 2/
    );
    expect(() => engine.setOptimizerState({ step: 1, m: [], v: [] })).toThrow(
      /optimizer state.m needs/
    );
    await engine.dispose();
    await expect(engine.step(randomBatch(1))).rejects.toThrow(/disposed/);
    model.dispose();
  });
});
