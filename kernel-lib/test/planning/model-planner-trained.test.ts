/**
 * A plan made in a learned world model holds in the real env: a small PerspectiveWorldModel is
 * trained here (seeded, one thread) on SallyAnneWorld episodes where Sally waits, leaves or
 * returns and Anne waits, moves the marble or leaves; planning in its predictions for "Anne
 * believes the marble is in the box and Sally still believes it is in the basket" (Sally leaves at
 * the first step) gives a plan that, re-executed in the real SallyAnneWorld, reaches the goal.
 * It takes about half a minute on a loaded machine.
 */
import { DataCollector, type PolicyFn } from "../../src/data";
import { SallyAnneWorld } from "../../src/envs";
import { PerspectiveWorldModel } from "../../src/models/world-model";
import { EpistemicPlanner, validatePlan } from "../../src/planning";
import { WorldModelData } from "../../src/training/data";
import { WorldModelTrainer } from "../../src/training/trainer";

jest.setTimeout(300_000);

const story = () => new SallyAnneWorld({ seekers: {}, maxSteps: 6 });
const pick =
  (actions: number[]): PolicyFn =>
  (_agent, _obs, _env, rng) =>
    actions[rng.int(actions.length)];

it("plans in a trained world model, and the plan reaches the goal in the real env", async () => {
  // sally: wait, enter, exit; anne: wait, exit, enter, move to the basket or the box.
  const dataset = new DataCollector(
    new SallyAnneWorld({ seekers: {}, maxSteps: 6, seed: 0 })
  ).collect({
    numEpisodes: 300,
    policy: { sally: pick([0, 0, 1, 2]), anne: pick([0, 2, 1, 3, 4]) },
    saveBeliefs: true,
    progress: false
  }).dataset!;
  const { train, val } = WorldModelData.split(dataset);
  const model = await PerspectiveWorldModel.create({
    ...train.modelConfig(),
    hiddenDim: 48,
    numLayers: 1,
    numHeads: 2,
    seed: 0
  });
  const trainer = new WorldModelTrainer({
    model,
    config: { batchSize: 16, learningRate: 3e-3, horizon: 6, seed: 0, threads: 1 }
  });
  try {
    await trainer.fit({ train, val, epochs: 40, patience: 8, progress: false });
    const real = story();
    const first = real.reset({ seed: 0 }).observations;
    const start = train.agents.map((a) => {
      const row = new Float32Array(train.obsDim);
      train.obsEncoding.encode(a, first[a], row, 0);
      return row;
    });
    const goal = "B(anne, at(marble) = box) & B(sally, at(marble) = basket)";
    const r = new EpistemicPlanner().plan({
      worldModel: model,
      start,
      agent: "anne",
      goal,
      others: { sally: (t) => (t === 0 ? 2 : 0) },
      actionNames: real.actionNames,
      maxDepth: 3
    });
    if (r.status !== "solved") throw new Error(`no plan in the model: ${r.message}`);
    expect(r.source).toBe("model");
    const check = validatePlan(r.plan, {
      env: story(),
      agent: "anne",
      goal,
      others: { sally: (_env, _agent, _rng, t) => (t === 0 ? 2 : 0) }
    });
    expect(check.reason).toBeUndefined();
    expect(check.valid).toBe(true);
  } finally {
    await trainer.dispose();
    model.dispose();
  }
});
