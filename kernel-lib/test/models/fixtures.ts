import { Rng } from "../../src/random/rng";
import type { WorldModelBatch, WorldModelConfig } from "../../src/models/types";

export const SPEC = {
  agents: ["anne", "sally"],
  targets: [
    { name: "at(marble)", fluent: "at(marble)", values: ["basket", "box", "hand"] },
    {
      name: "at(marble) | sally",
      fluent: "at(marble)",
      values: ["basket", "box"],
      about: ["sally"]
    }
  ]
};

export const SMALL: WorldModelConfig = {
  obsDim: 6,
  actionDim: 3,
  hiddenDim: 16,
  numAgents: 2,
  numLayers: 2,
  numHeads: 2,
  maxSteps: 8,
  beliefSpec: SPEC,
  seed: 3
};

/** A random batch of the SMALL shape; labels in range, some missing (-1). */
export function randomBatch(seed: number, batchSize = 4, steps = 5): WorldModelBatch {
  const rng = new Rng(seed);
  const N = 2;
  const D = 6;
  const F = SPEC.targets.length;
  const n = batchSize * steps;
  return {
    batchSize,
    steps,
    numAgents: N,
    obsDim: D,
    obs: Float32Array.from({ length: n * N * D }, () => rng.float() * 2 - 1),
    actions: Int32Array.from({ length: n * N }, () => rng.int(3)),
    nextObs: Float32Array.from({ length: n * N * D }, () => rng.float() * 2 - 1),
    mask: Float32Array.from({ length: n }, (_, i) =>
      i % steps === steps - 1 && i < steps ? 0 : 1
    ),
    beliefTargets: Int32Array.from({ length: n * N * F }, (_, i) =>
      rng.float() < 0.2 ? -1 : rng.int(SPEC.targets[i % F].values.length)
    )
  };
}
