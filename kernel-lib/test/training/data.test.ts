/**
 * The dataset adapter: recorded episodes become batches whose steps line up (the next observation
 * of step t is the observation of step t + 1), whose belief labels are what the tracker recorded,
 * and whose false-belief flags mark exactly the labels that differ from the true state.
 */
import { DataCollector, PolicyFn, splitBySeed, TrajectoryDataset } from "../../src/data";
import { HideAndSeek, MultiAgentBoxWorld, SallyAnneWorld } from "../../src/envs";
import { Box } from "../../src/envs/spaces";
import { beliefSpecOf } from "../../src/training/spec";
import { WorldModelData } from "../../src/training/data";
import {
  actionEncoding,
  observationEncoding,
  TrainingDataError
} from "../../src/training/features";

/** sally leaves, anne moves the marble to the box, then both wait: sally's belief is false. */
function sallyAnneStory(): TrajectoryDataset {
  const env = new SallyAnneWorld({ seekers: {}, maxSteps: 4 });
  const script: Record<string, string[]> = {
    sally: ["exit", "wait", "wait", "wait"],
    anne: ["wait", "move marble box", "wait", "wait"]
  };
  let t = 0;
  const policy: PolicyFn = (agent, _obs, e) => {
    const act = (e as SallyAnneWorld).actionIndex(script[agent][Math.min(t, 3)]);
    if (agent === "anne") t++;
    return act;
  };
  const result = new DataCollector(env).collect({
    numEpisodes: 1,
    policy,
    saveBeliefs: true,
    progress: false
  });
  return result.dataset!;
}

function randomStories(numEpisodes: number): TrajectoryDataset {
  const env = new SallyAnneWorld({ randomStart: true, seekers: {}, maxSteps: 12 });
  return new DataCollector(env).collect({
    numEpisodes,
    policy: "random",
    saveBeliefs: true,
    progress: false
  }).dataset!;
}

describe("WorldModelData", () => {
  it("labels what each agent believes, the true state, and the false beliefs", () => {
    const data = WorldModelData.fromDataset(sallyAnneStory());
    const spec = data.beliefSpec!;
    expect(spec.agents).toEqual(["sally", "anne"]);
    const f = spec.targets.findIndex((t) => t.name === "at(marble)");
    const nested = spec.targets.findIndex((t) => t.name === "at(marble) | sally");
    expect(f).toBeGreaterThanOrEqual(0);
    expect(nested).toBeGreaterThanOrEqual(0);
    const values = spec.targets[f].values;
    const batch = data.batch(data.windows(8), 8);
    const F = spec.targets.length;
    const at = (t: number, n: number, g: number) => ((0 * 8 + t) * 2 + n) * F + g;
    // Step 2 (after anne moved the marble while sally was out).
    expect(values[batch.beliefTargets![at(2, 0, f)]]).toBe("basket");
    expect(values[batch.beliefTargets![at(2, 1, f)]]).toBe("box");
    expect(values[batch.truth![2 * F + f]]).toBe("box");
    expect(batch.falseBelief![at(2, 0, f)]).toBe(1);
    expect(batch.falseBelief![at(2, 1, f)]).toBe(0);
    // anne knows sally still thinks "basket"; sally cannot hold a belief about herself.
    expect(values[batch.beliefTargets![at(2, 1, nested)]]).toBe("basket");
    expect(batch.beliefTargets![at(2, 0, nested)]).toBe(-1);
    // Before anne moves it, nobody's belief is false.
    expect(batch.falseBelief![at(0, 0, f)]).toBe(0);
  });

  it("lines up steps: nextObs[t] is obs[t + 1], actions are the recorded ones, padding is masked", () => {
    const ds = randomStories(6);
    const data = WorldModelData.fromDataset(ds);
    const ep = ds.episodes[0];
    const H = 5;
    const windows = data.windows(H).filter((w) => w.episode === 0);
    const batch = data.batch(windows, H);
    const N = 2;
    const D = data.obsDim;
    const row = (arr: Float32Array, b: number, t: number, n: number) =>
      Array.from(arr.subarray(((b * H + t) * N + n) * D, ((b * H + t) * N + n + 1) * D));
    for (let b = 0; b < windows.length; b++) {
      for (let t = 0; t < H; t++) {
        const s = windows[b].start + t;
        if (s >= ep.actions.length) {
          expect(batch.mask[b * H + t]).toBe(0);
          continue;
        }
        expect(batch.mask[b * H + t]).toBe(1);
        if (t + 1 < H && s + 1 < ep.actions.length)
          expect(row(batch.nextObs, b, t, 1)).toEqual(row(batch.obs, b, t + 1, 1));
        expect(batch.actions[(b * H + t) * N]).toBe(ep.actions[s].sally);
        expect(batch.actions[(b * H + t) * N + 1]).toBe(ep.actions[s].anne);
      }
    }
    // The windows cover every step of every episode exactly once.
    const covered = data.windows(H).reduce((n, w) => n + w.length, 0);
    expect(covered).toBe(ds.numSteps);
  });

  it("gives one agent's own history and an episode's joint actions, as the model reads them", () => {
    const ds = sallyAnneStory();
    const data = WorldModelData.fromDataset(ds);
    const anne = data.agentHistory(0, 1, 2);
    expect(anne.observations.length).toBe(3);
    expect(Array.from(anne.observations[2])).toEqual(Array.from(data.observation(0, 2, 1)));
    expect(Array.from(anne.actions!)).toEqual([0, 1].map((t) => ds.episodes[0].actions[t].anne));
    expect(data.jointActions(0).map((a) => Array.from(a))).toEqual(
      ds.episodes[0].actions.map((a) => [a.sally, a.anne])
    );
    expect(() => data.observation(0, 9, 0)).toThrow(/episode 0 has 4 steps/);
  });

  it("encodes observations scaled by their spaces", () => {
    const enc = observationEncoding({
      a: {
        type: "Dict",
        spaces: {
          pos: { type: "MultiDiscrete", nvec: [5, 3] },
          view: { type: "Box", low: 0, high: 4, shape: [2], dtype: "uint8" }
        }
      },
      b: { type: "Discrete", n: 3, start: 1 }
    });
    expect(enc.dim).toBe(4);
    const out = new Float32Array(8).fill(9);
    enc.encode("a", { pos: [4, 1], view: new Uint8Array([2, 4]) }, out, 0);
    enc.encode("b", 2, out, 4);
    expect(Array.from(out)).toEqual([1, 0.5, 0.5, 1, 0.5, 0, 0, 0]);
    expect(() => enc.encode("a", { pos: [4], view: new Uint8Array([2, 4]) }, out, 0)).toThrow(
      /observation of a has no number at pos\.\[1\]/
    );
  });

  it("encodes discrete and multi-discrete actions, and refuses continuous ones by name", () => {
    const acts = actionEncoding({
      a: { type: "MultiDiscrete", nvec: [5, 3] },
      b: { type: "Discrete", n: 4, start: 0 }
    });
    expect(acts.size).toBe(15);
    expect(acts.encode("a", [4, 2])).toBe(14);
    expect(() => acts.encode("b", 4)).toThrow(/action of b does not fit its Discrete space/);
    expect(() => actionEncoding({ c: new Box(-1, 1, [2]).toJSON() })).toThrow(
      /c has a Box action space/
    );
  });

  it("splits by the dataset's own split by seed and encodes every part with one spec", () => {
    const ds = randomStories(30);
    const parts = WorldModelData.split(ds, { train: 0.6, val: 0.2, test: 0.2 });
    const bySeed = splitBySeed(ds, { train: 0.6, val: 0.2, test: 0.2 });
    expect(parts.train.episodes.map((e) => e.seed)).toEqual(
      bySeed.train.episodes.map((e) => e.seed)
    );
    expect(parts.test.episodes.map((e) => e.seed)).toEqual(bySeed.test.episodes.map((e) => e.seed));
    expect(parts.val.beliefSpec).toBe(parts.train.beliefSpec);
    expect(parts.train.beliefSpec).toEqual(beliefSpecOf(ds));
  });

  it("shuffles windows with a seed: the same seed gives the same batches", () => {
    const data = WorldModelData.fromDataset(randomStories(8));
    const first = (seed: number) =>
      [...data.batches({ batchSize: 4, horizon: 4, seed })].map((b) => Array.from(b.obs));
    expect(first(3)).toEqual(first(3));
    expect(first(3)).not.toEqual(first(4));
    expect(data.numBatches({ batchSize: 4, horizon: 4 })).toBe(first(3).length);
  });

  it("reads grid worlds: BoxWorld views and positions, HideAndSeek", () => {
    for (const env of [
      new MultiAgentBoxWorld({ gridSize: 8, maxSteps: 10 }),
      new HideAndSeek({ episodeLength: 10 })
    ]) {
      const ds = new DataCollector(env).collect({
        numEpisodes: 2,
        policy: "random",
        saveBeliefs: true,
        progress: false
      }).dataset!;
      const data = WorldModelData.fromDataset(ds);
      const [batch] = data.batches({ batchSize: 2, horizon: 10 });
      expect(batch.obs.every((x) => x >= 0 && x <= 1)).toBe(true);
      expect(data.beliefSpec!.targets.length).toBeGreaterThan(0);
    }
  });

  it("says clearly what is missing: beliefs that were not recorded", () => {
    const env = new SallyAnneWorld();
    const ds = new DataCollector(env).collect({ numEpisodes: 1, progress: false }).dataset!;
    expect(WorldModelData.fromDataset(ds).beliefSpec).toBeUndefined();
    expect(() => beliefSpecOf(ds)).toThrow(/recorded without beliefs; collect it with saveBeliefs/);
    expect(() =>
      WorldModelData.fromDataset(ds, { beliefSpec: beliefSpecOf(sallyAnneStory()) })
    ).toThrow(TrainingDataError);
  });
});
