/**
 * A ToMAgent whose beliefs about others come from a learned world model's belief head, run on the
 * agent's own observations. HideAndSeek, seed 1 (11x11, 1 hider, 1 seeker): the hider starts at
 * c4_4, the seeker at c8_7, and the hider steps left to c3_4 unseen.
 *
 * Most tests use a model whose predictions are known: a PerspectiveWorldModel whose belief head's
 * last layer has zero weights and chosen biases, so that whatever it reads, it predicts the given
 * distribution for each target (the other classes get probability ~0). One test uses a seeded,
 * untrained model, whose predictions depend on what it reads, and the last one a small model
 * trained on HideAndSeek's own episodes with tracker labels (a few seconds).
 */
import { ToMAgent } from "../../src/agents/tom-agent";
import { simulationCopy } from "../../src/agents/tournament";
import { datasetEncoding } from "../../src/agents/model-perspective";
import { HideAndSeek } from "../../src/envs/worlds/hideandseek";
import type { SimulationState } from "../../src/envs/sim-state";
import type { BeliefSpec } from "../../src/models/types";
import { PerspectiveWorldModel } from "../../src/models/world-model";
import { DataCollector } from "../../src/data";
import { WorldModelData } from "../../src/training/data";
import { WorldModelTrainer } from "../../src/training/trainer";

jest.setTimeout(120_000);

const AGENTS = ["hider_0", "seeker_0"];
const FLUENTS = ["at(hider_0)", "at(seeker_0)"];
const ABOUTS = [[], ["seeker_0"], ["hider_0"], ["seeker_0", "hider_0"], ["hider_0", "seeker_0"]];
const name = (f: string, about: string[]) => (about.length ? `${f} | ${about.join("/")}` : f);

/** The real episode: reset, then the hider steps left (action 3) while the seeker stays. */
function episode() {
  const env = new HideAndSeek({ numHiders: 1, numSeekers: 1, episodeLength: 20 });
  const reset = env.reset({ seed: 1 });
  const init = env.getTrackerInit()!;
  const step = env.step({ hider_0: 3, seeker_0: 0 });
  expect(env.positionBelief("hider_0", "hider_0")).toBe("c3_4");
  const seen = [
    { obs: reset.observations.hider_0 as unknown, events: reset.infos.hider_0.events },
    { obs: step.observations.hider_0 as unknown, events: step.infos.hider_0.events }
  ];
  return { env, init, seen, cells: init.domains!["at(hider_0)"].map(String) };
}

function specOf(cells: string[], abouts = ABOUTS, agents = AGENTS): BeliefSpec {
  return {
    agents,
    targets: FLUENTS.flatMap((fluent) =>
      abouts.map((about) => ({
        name: name(fluent, about),
        fluent,
        values: cells,
        ...(about.length ? { about } : {})
      }))
    )
  };
}

async function model(spec: BeliefSpec | undefined, obsDim = 51) {
  return PerspectiveWorldModel.create({
    obsDim,
    actionDim: 5,
    hiddenDim: 8,
    numAgents: 2,
    numLayers: 1,
    numHeads: 1,
    ...(spec ? { beliefSpec: spec } : {}),
    seed: 0
  });
}

/** A model that predicts `known[target]` (value -> probability) whatever it reads. */
async function knownModel(cells: string[], known: Record<string, Record<string, number>>) {
  const spec = specOf(cells);
  const m = await model(spec);
  const weights = m.getWeights();
  const names = m.weightNames();
  const kernel = names.findIndex((n) => n.endsWith("belief/kernel"));
  const bias = names.findIndex((n) => n.endsWith("belief/bias"));
  weights[kernel].fill(0);
  let at = 0;
  for (const t of spec.targets) {
    const want = known[t.name];
    t.values.forEach((v, k) => {
      // Unnamed targets are uniform; unnamed classes of a named one get ~0.
      weights[bias][at + k] = want ? (want[v] ? Math.log(want[v]) : -40) : 0;
    });
    at += t.values.length;
  }
  m.setWeights(weights);
  return m;
}

/** The hider knows where both are; what it thinks the seeker believes is `seekerThinks`. */
function hiderBeliefs(seekerThinks: Record<string, number>) {
  return {
    "at(hider_0)": { c3_4: 1 },
    "at(seeker_0)": { c8_7: 1 },
    "at(hider_0) | seeker_0": seekerThinks,
    "at(seeker_0) | seeker_0": { c8_7: 1 }
  };
}

function hider(m: PerspectiveWorldModel, tomDepth: number, numSimulations = 150, events = true) {
  const { env, init, seen } = episode();
  const sim = simulationCopy(env, 1);
  const loaded: SimulationState[] = [];
  const setState = sim.setState.bind(sim);
  sim.setState = (s: SimulationState) => {
    loaded.push(s);
    setState(s);
  };
  const agent = new ToMAgent({
    id: "hider_0",
    tomDepth,
    simulator: sim,
    init,
    worldModel: m,
    numSimulations,
    maxDepth: 6,
    seed: 4
  });
  for (const s of seen) agent.observe(s.obs, events ? s.events : []);
  return { agent, loaded, seen };
}

describe("ToMAgent with a worldModel", () => {
  it("attributes to the seeker what the model predicts, on its own observations", async () => {
    const { cells, seen } = episode();
    const m = await model(specOf(cells));
    try {
      const { agent } = hider(m, 1);
      // The same prediction, computed here from the hider's observations alone.
      const enc = datasetEncoding(simulationCopy(episode().env, 1), "hider_0");
      const predicted = m.predictBeliefs({ observations: seen.map((s) => enc(s.obs)) }, "hider_0");
      const attributed = agent.beliefs(["hider_0", "seeker_0"])["at(hider_0)"];
      const target = predicted.find((p) => p.target === "at(hider_0) | seeker_0")!;
      for (const c of cells) expect(attributed[c]).toBeCloseTo(target.probs[c], 6);
      // An untrained model's prediction moves with what the hider saw: after the reset only, it differs.
      const early = m.predictBeliefs({ observations: [enc(seen[0].obs)] }, "hider_0");
      const earlyProbs = early.find((p) => p.target === "at(hider_0) | seeker_0")!.probs;
      expect(cells.some((c) => Math.abs(earlyProbs[c] - target.probs[c]) > 1e-4)).toBe(true);
    } finally {
      m.dispose();
    }
  });

  it("searches worlds drawn from the predictions, not from the true state", async () => {
    const { cells } = episode();
    // The seeker never saw the hider; the model says it thinks c4_4 (0.7) or c5_4 (0.3).
    const m = await knownModel(cells, hiderBeliefs({ c4_4: 0.7, c5_4: 0.3 }));
    try {
      const { agent, loaded } = hider(m, 1, 200);
      agent.act();
      expect(loaded.length).toBe(200);
      const thinks = loaded.map((s) => s.beliefs!.seeker_0["at(hider_0)"]);
      expect(new Set(thinks)).toEqual(new Set(["c4_4", "c5_4"])); // never the true c3_4
      const share = thinks.filter((c) => c === "c4_4").length / thinks.length;
      expect(share).toBeGreaterThan(0.6);
      expect(share).toBeLessThan(0.8);
      // Its own world and beliefs: the predicted (definite) cells.
      expect(loaded.every((s) => s.world["at(hider_0)"] === "c3_4")).toBe(true);
      expect(loaded[0].beliefs!.hider_0).toEqual({ "at(hider_0)": "c3_4", "at(seeker_0)": "c8_7" });
      // The events are not read: a hider told nothing decides the same.
      const again = hider(m, 1, 200, false).agent;
      expect(again.act()).toBe(agent.lastSearch!.action);
      expect(again.lastSearch!.stats).toEqual(agent.lastSearch!.stats);
    } finally {
      m.dispose();
    }
  });

  it("at depth 0 ignores what the model says the seeker believes", async () => {
    const { cells } = episode();
    const stale = await knownModel(cells, hiderBeliefs({ c4_4: 1 }));
    const right = await knownModel(cells, hiderBeliefs({ c3_4: 1 }));
    try {
      const decide = (m: PerspectiveWorldModel) => {
        const { agent } = hider(m, 0);
        return [agent.act(), agent.lastSearch!.tree];
      };
      expect(decide(stale)).toEqual(decide(right));
    } finally {
      stale.dispose();
      right.dispose();
    }
  });

  it.each([1, 2])(
    "at depth %i stays hidden when the seeker is predicted to believe a stale cell",
    async (depth) => {
      const { cells } = episode();
      const stale = await knownModel(cells, {
        ...hiderBeliefs({ c4_4: 1 }),
        "at(hider_0) | seeker_0/hider_0": { c3_4: 1 }
      });
      const right = await knownModel(cells, {
        ...hiderBeliefs({ c3_4: 1 }),
        "at(hider_0) | seeker_0/hider_0": { c3_4: 1 }
      });
      try {
        const unseen = hider(stale, depth).agent;
        const seen = hider(right, depth).agent;
        const stay = (a: ToMAgent) => {
          a.act();
          return a.lastSearch!.stats[0].value;
        };
        // Staying put is worth far more when the seeker is predicted to look in the wrong cell.
        expect(stay(unseen)).toBeGreaterThan(stay(seen) + 1);
        if (depth === 1) expect(seen.lastSearch!.action).not.toBe(0);
      } finally {
        stale.dispose();
        right.dispose();
      }
    }
  );

  it("refuses a model without a belief head, with missing targets or of another world", async () => {
    const { env, init, cells } = episode();
    const make = (worldModel: PerspectiveWorldModel, tomDepth: number) =>
      new ToMAgent({
        id: "hider_0",
        tomDepth,
        simulator: simulationCopy(env, 1),
        init,
        worldModel
      });
    const models = {
      none: await model(undefined),
      ownOnly: await model(specOf(cells, [[]])),
      depth1: await model(specOf(cells, [[], ["seeker_0"]])),
      narrow: await model(specOf(cells), 40),
      others: await model(specOf(cells, ABOUTS, ["sally", "anne"])),
      wider: await model(specOf([...cells, "c0_0"])),
      smaller: await model(specOf(cells.filter((c) => !["c9_9", "c9_8"].includes(c))))
    };
    try {
      expect(() => make(models.none, 0)).toThrow(/no belief head/);
      expect(() => make(models.ownOnly, 0)).not.toThrow();
      expect(() => make(models.ownOnly, 1)).toThrow(
        "a depth-1 ToMAgent hider_0 needs belief targets its worldModel's beliefSpec lacks: at(hider_0) | seeker_0, at(seeker_0) | seeker_0"
      );
      expect(() => make(models.depth1, 1)).not.toThrow();
      expect(() => make(models.depth1, 2)).toThrow(/lacks: at\(hider_0\) \| seeker_0\/hider_0, /);
      expect(() => make(models.narrow, 1)).toThrow(
        /reads observations of 40 values, this world's encode to 51/
      );
      expect(() => make(models.others, 1)).toThrow(
        /is for agents sally, anne, this world has hider_0, seeker_0/
      );
      // Classes outside this layout's free cells (trained on other layouts) are fine.
      expect(() => make(models.wider, 1)).not.toThrow();
      expect(() => make(models.smaller, 1)).toThrow(
        /at\(hider_0\) of ToMAgent's worldModel has no class for "c9_8", "c9_9" of this world's domain/
      );
      expect(() => make({} as PerspectiveWorldModel, 1)).toThrow(/must be a PerspectiveWorldModel/);
    } finally {
      for (const m of Object.values(models)) m.dispose();
    }
  });
});

describe("ToMAgent with a world model trained on the world's own data", () => {
  it("plays an episode at depth 2 from what the trained model predicts on its own observations", async () => {
    // Tracker labels to depth 3 (what the hider thinks the seeker thinks it believes), 60
    // scripted episodes, a few epochs: the point is the whole path, not the model's accuracy.
    const world = (seed: number) =>
      new HideAndSeek({ numHiders: 1, numSeekers: 1, episodeLength: 8, beliefDepth: 3, seed });
    const dataset = new DataCollector(world(0)).collect({
      numEpisodes: 60,
      policy: "expert",
      saveBeliefs: true,
      beliefDepth: 3,
      progress: false
    }).dataset!;
    const { train } = WorldModelData.split(dataset);
    const trained = await PerspectiveWorldModel.create({
      ...train.modelConfig(),
      hiddenDim: 16,
      numLayers: 1,
      numHeads: 1,
      seed: 0
    });
    const trainer = new WorldModelTrainer({
      model: trained,
      config: { batchSize: 16, learningRate: 1e-2, horizon: 8, seed: 0, threads: 1 }
    });
    try {
      await trainer.fit({ train, epochs: 3, progress: false });
      const env = world(0);
      let step = env.reset({ seed: 7 });
      const agent = new ToMAgent({
        id: "hider_0",
        tomDepth: 2,
        simulator: simulationCopy(env, 7),
        init: env.getTrackerInit()!,
        worldModel: trained,
        numSimulations: 16,
        maxDepth: 4,
        seed: 1
      });
      const cells = env.getTrackerInit()!.domains!["at(hider_0)"].map(String);
      const seen: Float32Array[] = [];
      for (let t = 0; env.agents.length > 0; t++) {
        agent.observe(step.observations.hider_0, step.infos.hider_0.events);
        // The training data's own encoding of what the hider saw, and the model's prediction.
        const row = new Float32Array(train.obsDim);
        train.obsEncoding.encode("hider_0", step.observations.hider_0, row, 0);
        seen.push(row);
        const seeker = "seeker_0";
        const predicted = trained
          .predictBeliefs({ observations: seen }, "hider_0")
          .find((p) => p.target === `at(hider_0) | ${seeker}/hider_0`)!.probs;
        const total = cells.reduce((s, c) => s + predicted[c], 0);
        const attributed = agent.beliefs(["hider_0", seeker, "hider_0"])["at(hider_0)"];
        for (const c of cells) expect(attributed[c]).toBeCloseTo(predicted[c] / total, 5);
        const action = agent.act();
        expect(action >= 0 && action < 5).toBe(true);
        step = env.step({ hider_0: action, seeker_0: env.expertAction("seeker_0") });
        expect(t).toBeLessThan(8);
      }
      expect(seen.length).toBeGreaterThan(3);
    } finally {
      await trainer.dispose();
      trained.dispose();
    }
  });
});
