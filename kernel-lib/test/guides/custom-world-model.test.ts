/**
 * The code of docs/guides/custom-world-model.md, run as a test: an architecture of one's own is
 * registered, trained briefly by the ordinary trainer, saved and loaded. The page's code blocks
 * are the `#region` blocks of this file (`scripts/docs/snippets.mjs --check`).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
// #region imports
import * as tf from "@tensorflow/tfjs-core";
import * as pwmk from "../../src";
import { registerArchitecture, type ResolvedConfig, type Weights } from "../../src/models";
// #endregion imports

jest.setTimeout(180_000);

// #region register
/** Classes of every belief target, laid end to end (the width of the belief logits). */
const beliefClasses = (c: ResolvedConfig): number =>
  (c.beliefSpec?.targets ?? []).reduce((sum, target) => sum + target.values.length, 0);

registerArchitecture("step-mlp", {
  // The named weights: the model creates them from the configuration's seed, saves and loads them.
  params: (c) => [
    { name: "mlp/in", shape: [c.obsDim + c.actionDim, c.hiddenDim], init: "glorot" },
    { name: "mlp/bias", shape: [c.hiddenDim], init: "zeros" },
    { name: "mlp/out", shape: [c.hiddenDim, c.obsDim], init: "glorot" },
    ...(c.beliefSpec
      ? [{ name: "mlp/belief", shape: [c.hiddenDim, beliefClasses(c)], init: "glorot" as const }]
      : [])
  ],
  // One step at a time, one agent at a time: [B, T, N, obsDim] observations and int32 [B, T, N]
  // actions in; next observations (and belief logits) out. Gradients come from tfjs.
  forward: (c, w: Weights, obs, actions) => {
    const [B, T, N, D] = obs.shape;
    const rows = tf.reshape(obs, [B * T * N, D]);
    const acted = tf.cast(tf.oneHot(tf.reshape(actions, [B * T * N]), c.actionDim), "float32");
    const hidden = tf.relu(
      tf.add(tf.matMul(tf.concat([rows, acted], 1), w["mlp/in"]), w["mlp/bias"])
    );
    // Predict the change: "nothing moves" is the easy answer to improve on.
    const next = tf.add(rows, tf.matMul(hidden, w["mlp/out"]));
    // Each agent's belief logits read only that agent's own row (its observation and action).
    const beliefs = c.beliefSpec ? tf.matMul(hidden, w["mlp/belief"]) : null;
    return {
      nextObs: tf.reshape(next, [B, T, N, D]),
      beliefLogits: beliefs ? tf.reshape(beliefs, [B, T, N, beliefClasses(c)]) : null
    };
  }
});
// #endregion register

describe("docs/guides/custom-world-model.md", () => {
  // The guide saves to "runs/": run it in a directory of its own.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-guide-wm-"));
  const cwd = process.cwd();
  beforeAll(() => process.chdir(dir));
  afterAll(() => {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a registered architecture trains, saves and loads like the built-in one", async () => {
    // #region data
    const env = new pwmk.SallyAnneWorld({ randomStart: true, seekers: {}, maxSteps: 8 });
    const dataset = new pwmk.DataCollector(env).collect({
      numEpisodes: 40,
      policy: "random",
      saveBeliefs: true, // the belief labels
      progress: false
    }).dataset!;
    const { train, val } = pwmk.WorldModelData.split(dataset, { train: 0.75, val: 0.25, test: 0 });
    // #endregion data

    // #region train
    const model = await pwmk.PerspectiveWorldModel.create({
      ...train.modelConfig(), // obsDim, actionDim, numAgents, beliefSpec from the data
      architecture: "step-mlp",
      hiddenDim: 32,
      numLayers: 1, // read by the transformer only, but part of every configuration
      numHeads: 1,
      seed: 0
    });
    const trainer = new pwmk.WorldModelTrainer({
      model,
      config: { batchSize: 8, learningRate: 1e-2, horizon: 8, seed: 0, threads: 1 }
    });
    const history = await trainer.fit({ train, val, epochs: 4, progress: false });
    const losses = history.epochs.map((e) => e.trainLoss); // falls epoch by epoch
    await trainer.dispose();
    // #endregion train
    expect(losses).toHaveLength(4);
    expect(losses[3]).toBeLessThan(losses[0]);
    expect(history.epochs[3].valBeliefAcc).toBeGreaterThan(0);
    expect(model.weightNames()).toEqual(["mlp/in", "mlp/bias", "mlp/out", "mlp/belief"]);

    // #region save
    await model.save("runs/step-mlp");
    const loaded = await pwmk.PerspectiveWorldModel.load("runs/step-mlp");
    const { architecture } = loaded.config; // "step-mlp": register it before loading
    const seen = val.agentHistory(0, 0, 3); // what agent 0 saw and did up to step 3
    const believed = loaded.predictBeliefs(seen, 0); // [{ target, value, probs }], one per target
    // #endregion save
    expect(architecture).toBe("step-mlp");
    // A saved model naming an architecture this kernel never registered is refused by name.
    const manifest = path.join(dir, "runs/step-mlp/model.json");
    fs.writeFileSync(
      manifest,
      fs.readFileSync(manifest, "utf8").replace(/"step-mlp"/g, '"step-mpl"')
    );
    await expect(pwmk.PerspectiveWorldModel.load("runs/step-mlp")).rejects.toThrow(
      /unknown architecture "step-mpl"; registered: transformer, step-mlp/
    );
    const batch = val.batches({ batchSize: 4, horizon: 8, seed: 1 }).next().value!;
    expect(Array.from(loaded.predict(batch).nextObs)).toEqual(
      Array.from(model.predict(batch).nextObs)
    );
    const predicted = believed;
    expect(predicted.length).toBe(train.modelConfig().beliefSpec!.targets.length);
    for (const p of predicted) {
      expect(Object.values(p.probs).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(Object.keys(p.probs)).toContain(p.value);
    }
    loaded.dispose();
    model.dispose();
  });

  it("refuses an architecture it does not know, naming the registered ones", async () => {
    await expect(
      pwmk.PerspectiveWorldModel.create({
        obsDim: 4,
        actionDim: 2,
        hiddenDim: 8,
        numAgents: 2,
        numLayers: 1,
        numHeads: 1,
        seed: 0,
        architecture: "step-mpl"
      })
    ).rejects.toThrow(/unknown architecture "step-mpl"; registered: transformer, step-mlp/);
  });
});
