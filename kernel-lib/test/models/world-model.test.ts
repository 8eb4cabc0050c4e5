import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { useBestBackend } from "../../src/models/backend";
import { pwmkModelFiles } from "../../src/models/io";
import { ModelError } from "../../src/models/types";
import { PerspectiveWorldModel } from "../../src/models/world-model";
import { randomBatch, SMALL } from "./fixtures";

beforeAll(async () => {
  await useBestBackend();
});

const at = (
  batch: { steps: number; numAgents: number; obsDim: number },
  b: number,
  t: number,
  n: number
) => ((b * batch.steps + t) * batch.numAgents + n) * batch.obsDim;

describe("PerspectiveWorldModel", () => {
  test("predicts next observations and beliefs for every step, agent and target", () => {
    const model = new PerspectiveWorldModel(SMALL);
    const batch = randomBatch(1);
    const { nextObs, beliefs, beliefProbs } = model.predict(batch);
    expect(nextObs).toHaveLength(4 * 5 * 2 * 6);
    expect(beliefs).toHaveLength(4 * 5 * 2 * 2);
    expect(beliefProbs).toHaveLength(4 * 5 * 2 * 5); // 3 + 2 classes
    // Each target's probabilities sum to one.
    const first = Array.from(beliefProbs.slice(0, 5));
    expect(first.slice(0, 3).reduce((a, b) => a + b)).toBeCloseTo(1, 5);
    expect(first.slice(3).reduce((a, b) => a + b)).toBeCloseTo(1, 5);
    expect(beliefs[1]).toBeLessThan(2);
    model.dispose();
  });

  test("is causal: changing a later step never changes an earlier prediction", () => {
    const model = new PerspectiveWorldModel(SMALL);
    const batch = randomBatch(2);
    const before = model.predict(batch);
    const changed = { ...batch, obs: batch.obs.slice(), actions: batch.actions.slice() };
    for (let k = 0; k < 6; k++) changed.obs[at(batch, 1, 3, 0) + k] += 5;
    changed.actions[(1 * 5 + 3) * 2 + 1] = (changed.actions[(1 * 5 + 3) * 2 + 1] + 1) % 3;
    const after = model.predict(changed);
    const perStep = 2 * 6;
    const earlier = (a: Float32Array) =>
      Array.from(a.slice(at(batch, 1, 0, 0), at(batch, 1, 3, 0)));
    expect(earlier(after.nextObs)).toEqual(earlier(before.nextObs));
    const beliefsUpTo = (a: Float32Array) =>
      Array.from(a.slice(1 * 5 * 2 * 5, (1 * 5 + 3) * 2 * 5));
    expect(beliefsUpTo(after.beliefProbs)).toEqual(beliefsUpTo(before.beliefProbs));
    // The changed step itself does change.
    expect(
      Array.from(after.nextObs.slice(at(batch, 1, 3, 0), at(batch, 1, 3, 0) + perStep))
    ).not.toEqual(
      Array.from(before.nextObs.slice(at(batch, 1, 3, 0), at(batch, 1, 3, 0) + perStep))
    );
    model.dispose();
  });

  test("the belief head reads only the agent's own history", () => {
    const model = new PerspectiveWorldModel(SMALL);
    const batch = randomBatch(3);
    const before = model.predict(batch);
    const changed = { ...batch, obs: batch.obs.slice(), actions: batch.actions.slice() };
    for (let b = 0; b < 4; b++)
      for (let t = 0; t < 5; t++)
        for (let k = 0; k < 6; k++) changed.obs[at(batch, b, t, 1) + k] *= -3;
    changed.actions.fill(2);
    const after = model.predict(changed);
    const agentZero = (a: Float32Array) =>
      Array.from(a).filter((_, i) => Math.floor(i / 5) % 2 === 0);
    expect(agentZero(after.beliefProbs)).toEqual(agentZero(before.beliefProbs));
    const agentOne = (a: Float32Array) =>
      Array.from(a).filter((_, i) => Math.floor(i / 5) % 2 === 1);
    expect(agentOne(after.beliefProbs)).not.toEqual(agentOne(before.beliefProbs));
    // predictBeliefs sees the same thing from the agent's own observations alone.
    const own = Array.from({ length: 5 }, (_, t) =>
      Array.from(batch.obs.slice(at(batch, 0, t, 0), at(batch, 0, t, 0) + 6))
    );
    const [where] = model.predictBeliefs({ observations: own }, "anne");
    const last = before.beliefProbs.slice((0 * 5 + 4) * 2 * 5, (0 * 5 + 4) * 2 * 5 + 3);
    expect(where.probs.basket).toBeCloseTo(last[0], 5);
    expect(where.probs.hand).toBeCloseTo(last[2], 5);
    model.dispose();
  });

  test("the same seed gives the same weights, another seed others", () => {
    const a = new PerspectiveWorldModel(SMALL);
    const b = new PerspectiveWorldModel(SMALL);
    const c = new PerspectiveWorldModel({ ...SMALL, seed: 4 });
    expect(a.getWeights()).toEqual(b.getWeights());
    expect(a.getWeights()[0]).not.toEqual(c.getWeights()[0]);
    [a, b, c].forEach((m) => m.dispose());
  });

  test("rolls out several steps, feeding its own predictions back", () => {
    const model = new PerspectiveWorldModel(SMALL);
    const batch = randomBatch(4, 1, 1);
    const init = [Array.from(batch.obs.slice(0, 6)), Array.from(batch.obs.slice(6, 12))];
    const rollout = model.predictTrajectory(init, [
      [batch.actions[0], batch.actions[1]],
      [1, 2],
      [0, 0]
    ]);
    expect(rollout).toHaveLength(3);
    expect(rollout[2]).toHaveLength(2);
    expect(rollout[2][1]).toHaveLength(6);
    const oneStep = model.predict(batch).nextObs;
    expect(Array.from(rollout[0][0])).toEqual(Array.from(oneStep.slice(0, 6)));
    // Longer than maxSteps: the context slides.
    expect(
      model.predictTrajectory(
        init,
        Array.from({ length: 12 }, () => [0, 1])
      )
    ).toHaveLength(12);
    model.dispose();
  });

  test("save -> load gives identical predictions, and the files are a standard layers model", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-wm-"));
    try {
      const model = new PerspectiveWorldModel(SMALL);
      const batch = randomBatch(5);
      const before = model.predict(batch);
      await model.save(dir);
      expect(fs.readdirSync(dir).sort()).toEqual(["model.json", "weights.bin"]);
      const json = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8"));
      expect(json.format).toBe("layers-model");
      expect(json.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toContain(
        "perspective_world_model/encoder/kernel1"
      );
      const again = await PerspectiveWorldModel.load(dir);
      expect(again.config).toEqual(model.config);
      const after = again.predict(batch);
      expect(Array.from(after.nextObs)).toEqual(Array.from(before.nextObs));
      expect(Array.from(after.beliefProbs)).toEqual(Array.from(before.beliefProbs));
      // Plain tfjs-layers reads it too (the layer class is registered by importing the models).
      const plain = await tfl.loadLayersModel(pwmkModelFiles(dir));
      const [next] = plain.predict([
        tf.tensor4d(batch.obs, [4, 5, 2, 6]),
        tf.tensor3d(batch.actions, [4, 5, 2], "int32")
      ]) as tf.Tensor[];
      expect(Array.from(next.dataSync())).toEqual(Array.from(before.nextObs));
      tf.dispose(next);
      plain.dispose();
      [model, again].forEach((m) => m.dispose());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("bad configurations, batches and files get errors that name the problem", async () => {
    expect(() => new PerspectiveWorldModel({ ...SMALL, numHeads: 3 })).toThrow(
      /numHeads \(3\) must divide hiddenDim \(16\)/
    );
    expect(() => new PerspectiveWorldModel({ ...SMALL, obsDim: 0 })).toThrow(
      /obsDim must be a positive integer/
    );
    expect(
      () =>
        new PerspectiveWorldModel({ ...SMALL, beliefSpec: { ...SMALL.beliefSpec!, agents: ["a"] } })
    ).toThrow(/beliefSpec.agents/);
    const model = new PerspectiveWorldModel(SMALL);
    const batch = randomBatch(6);
    expect(() => model.predict({ ...batch, obs: batch.obs.slice(1) })).toThrow(ModelError);
    expect(() => model.predict({ ...batch, obs: batch.obs.slice(1) })).toThrow(
      /batch.obs has 239 values, expected 240/
    );
    const actions = batch.actions.slice();
    actions[7] = 3;
    expect(() => model.predict({ ...batch, actions })).toThrow(
      /batch.actions\[7\] = 3 is not an action/
    );
    expect(() =>
      model.predict({
        ...batch,
        steps: 12,
        obs: new Float32Array(4 * 12 * 12),
        nextObs: new Float32Array(4 * 12 * 12),
        actions: new Int32Array(96),
        mask: new Float32Array(48)
      })
    ).toThrow(/more than the model's maxSteps \(8\)/);
    const labels = batch.beliefTargets!.slice();
    labels[1] = 2;
    expect(() => model.loss({ ...batch, beliefTargets: labels })).toThrow(
      /not a class of target 1/
    );
    expect(() => model.predictBeliefs({ observations: [[1, 2, 3, 4, 5, 6]] }, "bob")).toThrow(
      /unknown agent "bob"/
    );
    expect(() => model.predictTrajectory([[1, 2, 3]], [])).toThrow(/one observation per agent/);
    await expect(PerspectiveWorldModel.load("/nonexistent/pwmk-model")).rejects.toThrow(
      /no saved model/
    );
    model.dispose();
    expect(() => model.predict(batch)).toThrow(/disposed/);
  });
});
