/**
 * The world model's training speed (issue 9), in the standard configuration: per-agent MLP
 * encoder 64 -> 128, 2 causal transformer layers d = 128 with 4 heads and ff = 256, T = 16,
 * batch 32, 2 agents, Adam.
 *
 * - steps/s of `createTrainStep` on the default backend with the default threads, against the
 *   same model in PyTorch on the CPU with 2 threads (bench/worldmodel_torch.py, run in the same
 *   bench run); target >= 0.7x;
 * - the same with one thread, against the same PyTorch figure;
 * - GFLOP/s reached by the step (FLOPs counted analytically below), against a plain 512 x 512
 *   matMul on the same backend: how much of the backend's fast kernel the step keeps busy.
 */
import { spawnSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import type { Figure, Suite } from "./harness";
import { useBestBackend } from "../src/models/backend";
import { resolveConfig, type ResolvedConfig } from "../src/models/params";
import type { WorldModelBatch, WorldModelConfig } from "../src/models/types";
import { PerspectiveWorldModel } from "../src/models/world-model";
import { Rng } from "../src/random/rng";
import { createTrainStep } from "../src/training/step";

const STANDARD: WorldModelConfig = {
  obsDim: 64,
  actionDim: 5,
  hiddenDim: 128,
  numAgents: 2,
  numLayers: 2,
  numHeads: 4,
  ffDim: 256,
  seed: 0
};
const BATCH = 32;
const STEPS = 16;
const SECONDS = 6;
const ROUNDS = 3;

/**
 * Multiply-adds x 2 of one training step (forward + backward = 3 x forward) of a model without a
 * belief head on a [B, T] batch; elementwise work is not counted.
 */
export function trainStepFlops(c: ResolvedConfig, B: number, T: number): number {
  const { obsDim: D, hiddenDim: H, numAgents: N, ffDim: F, numHeads: heads } = c;
  const rows = B * T * N;
  const tokens = B * T;
  const mm = (r: number, i: number, o: number) => 2 * r * i * o;
  const encoder = mm(rows, D, H) + mm(rows, H, H);
  const joint = mm(tokens, N * H, H);
  const block =
    mm(tokens, H, 3 * H) +
    mm(tokens, H, H) +
    mm(tokens, H, F) +
    mm(tokens, F, H) +
    2 * mm(B * heads * T, H / heads, T); // scores and context
  const decoder = mm(tokens, H, H) + mm(tokens, H, N * D);
  return 3 * (encoder + joint + c.numLayers * block + decoder);
}

function batch(seed: number): WorldModelBatch {
  const rng = new Rng(seed);
  const { obsDim: D, numAgents: N, actionDim: A } = STANDARD;
  const n = BATCH * STEPS;
  return {
    batchSize: BATCH,
    steps: STEPS,
    numAgents: N,
    obsDim: D,
    obs: Float32Array.from({ length: n * N * D }, () => rng.float() * 2 - 1),
    actions: Int32Array.from({ length: n * N }, () => rng.int(A)),
    nextObs: Float32Array.from({ length: n * N * D }, () => rng.float() * 2 - 1),
    mask: new Float32Array(n).fill(1)
  };
}

/** A model and a step engine with `threads` threads, timed in windows. */
async function stepper(threads: number) {
  const model = new PerspectiveWorldModel(STANDARD);
  const engine = await createTrainStep({ model, learningRate: 1e-3, threads });
  const data = batch(1);
  for (let i = 0; i < 3; i++) await engine.step(data);
  return {
    /** Steps per second over a window of `seconds`. */
    async window(seconds: number): Promise<number> {
      let n = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < seconds * 1000) {
        await engine.step(data);
        n++;
      }
      return n / ((performance.now() - t0) / 1000);
    },
    async dispose(): Promise<void> {
      await engine.dispose();
      model.dispose();
    }
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** GFLOP/s of a plain 512 x 512 x 512 matMul on the current backend. */
function matMulGflops(): number {
  const a = tf.randomUniform([512, 512]);
  const b = tf.randomUniform([512, 512]);
  const run = () => tf.tidy(() => tf.matMul(a, b).dataSync());
  for (let i = 0; i < 3; i++) run();
  const samples: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) run();
    samples.push((performance.now() - t0) / 10 / 1000);
  }
  tf.dispose([a, b]);
  const s = samples.sort((x, y) => x - y)[2];
  return (2 * 512 ** 3) / s / 1e9;
}

interface TorchResult {
  available: boolean;
  reason?: string;
  steps_per_second?: number;
  threads?: number;
  torch?: string;
}

function torchAnchor(seconds: number): TorchResult {
  const script = path.join(__dirname, "worldmodel_torch.py");
  const args = JSON.stringify({
    batch: BATCH,
    steps: STEPS,
    agents: STANDARD.numAgents,
    obsDim: STANDARD.obsDim,
    actionDim: STANDARD.actionDim,
    hidden: STANDARD.hiddenDim,
    layers: STANDARD.numLayers,
    heads: STANDARD.numHeads,
    ff: STANDARD.ffDim,
    threads: 2,
    seconds
  });
  const run = spawnSync("/usr/bin/python3", [script, args], { encoding: "utf8", timeout: 300_000 });
  if (run.error) return { available: false, reason: `python3 did not run: ${run.error.message}` };
  if (run.status !== 0)
    return {
      available: false,
      reason: `worldmodel_torch.py failed: ${run.stderr.trim().split("\n").pop()}`
    };
  return JSON.parse(run.stdout) as TorchResult;
}

export const worldModelSuite: Suite = {
  name: "world model training step",
  async run(report: (f: Figure) => void): Promise<void> {
    const backend = await useBestBackend();
    const threads = os.availableParallelism();
    const config = resolveConfig(STANDARD);
    const flops = trainStepFlops(config, BATCH, STEPS);
    console.log(
      `  backend ${backend.name} (${backend.skipped.map((s) => `${s.name}: ${s.reason}`).join("; ")}); ` +
        `${(flops / 1e9).toFixed(3)} GFLOP per step; ${threads} threads`
    );
    // pwmk and PyTorch take turns (three rounds), so that a change in the machine's load
    // during the run weighs on both sides alike.
    const multi = await stepper(threads);
    const one = threads > 1 ? await stepper(1) : multi;
    const rates = { multi: [] as number[], one: [] as number[], torch: [] as number[] };
    let torch: TorchResult = { available: false };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        rates.multi.push(await multi.window(SECONDS / ROUNDS));
        if (threads > 1) rates.one.push(await one.window(SECONDS / ROUNDS));
        torch = torchAnchor(SECONDS / ROUNDS);
        if (!torch.available || torch.steps_per_second === undefined) break;
        rates.torch.push(torch.steps_per_second);
      }
    } finally {
      await multi.dispose();
      if (one !== multi) await one.dispose();
    }
    const parallel = median(rates.multi);
    const single = threads > 1 ? median(rates.one) : parallel;
    const peak = matMulGflops();
    if (rates.torch.length > 0) torch = { ...torch, steps_per_second: median(rates.torch) };
    if (!torch.available || torch.steps_per_second === undefined) {
      console.log(
        `  PyTorch anchor missing: ${torch.reason ?? "no figure"} (install Debian's python3-torch: scripts/install-system-deps.sh)`
      );
    } else {
      const anchor = {
        name: `PyTorch ${torch.torch} CPU, ${torch.threads} threads, steps/s`,
        value: torch.steps_per_second
      };
      report({
        name: `world model train step, pwmk ${backend.name}, ${threads} threads`,
        value: parallel,
        unit: "steps/s",
        anchor,
        better: "higher",
        target: { minRatio: 0.7, note: "issue 9: at least 0.7x PyTorch's steps per second" }
      });
      report({
        name: `world model train step, pwmk ${backend.name}, 1 thread`,
        value: single,
        unit: "steps/s",
        anchor,
        better: "higher"
      });
    }
    report({
      name: `world model train step GFLOP/s, pwmk ${backend.name}, ${threads} threads`,
      value: (parallel * flops) / 1e9,
      unit: "GFLOP/s",
      anchor: { name: `512x512 matMul GFLOP/s, ${backend.name}, 1 thread`, value: peak },
      better: "higher"
    });
  }
};
