/**
 * ProbabilisticBeliefs is a BeliefTracker, so a room world can feed it directly: the story's
 * co-presence semantics come from the room world, the probabilities from the noise model.
 */
import { RoomWorld, RoomWorldSpec } from "./rooms";
import { ProbabilisticBeliefs } from "../epistemic/probabilistic";

const spec: RoomWorldSpec = {
  agents: ["sally", "anne", "bob"],
  rooms: { kitchen: ["basket", "box"], garden: ["crate"] },
  objects: { marble: "basket" },
  agentRooms: { sally: "kitchen", anne: "kitchen", bob: "garden" },
  maxDepth: 2
};

/** The same story on any tracker: first- and second-order false beliefs, re-entry, a lie, a peek. */
const story: Array<(w: RoomWorld) => RoomWorld> = [
  (w) => w.exit("sally"),
  (w) => w.move("anne", "marble", "box"),
  (w) => w.enter("bob", "kitchen"),
  (w) => w.move("bob", "marble", "basket"),
  (w) => w.exit("anne"),
  (w) => w.enter("sally", "kitchen"),
  (w) => w.tellPrivately("anne", "bob", "marble", "box"), // a lie: anne saw bob put it back
  (w) => w.tellPrivately("anne", "sally", "marble", "box", { trust: true }), // sally sees it too
  (w) => w.peek("bob", "basket")
];

describe("ProbabilisticBeliefs inside a room world", () => {
  it("gives the same possible locations as the ChainTracker for every chain after every step", () => {
    const symbolic = new RoomWorld(spec);
    let probabilistic: ProbabilisticBeliefs | undefined;
    const withProbabilities = new RoomWorld({
      ...spec,
      trackerFactory: (init) => (probabilistic = new ProbabilisticBeliefs(init))
    });
    for (const step of story) {
      step(symbolic);
      step(withProbabilities);
      expect(withProbabilities.tracker.groundTruth(2)).toEqual(symbolic.tracker.groundTruth(2));
    }
    expect(withProbabilities.tracker).toBe(probabilistic);
    expect(withProbabilities.whereDoes(["anne"], "marble")).toEqual(["basket"]);
    // bob watches the basket, so he does not believe anne's lie, and anne (who saw him stay
    // by it) knows it: under the "always" policy trust is common knowledge
    expect(withProbabilities.whereDoes(["anne", "bob"], "marble")).toEqual(["basket"]);
    expect(withProbabilities.whereDoes(["bob"], "marble")).toEqual(["basket"]);
  });

  it("adds graded confidence when perception is noisy", () => {
    const world = new RoomWorld({
      ...spec,
      trackerFactory: (init) =>
        new ProbabilisticBeliefs({
          ...init,
          noise: { observationAccuracy: 0.9, sensorAccuracy: 0.75 }
        })
    });
    world.exit("sally").move("anne", "marble", "box");
    const beliefs = world.tracker as ProbabilisticBeliefs;
    expect(beliefs.probability(["anne"], "at(marble)", "box")).toBeCloseTo(
      0.9 / (0.9 + 0.05 * 2),
      12
    );
    expect(beliefs.probability(["sally"], "at(marble)", "basket")).toBeGreaterThan(0.7);
    const last = beliefs.divergenceHistory.filter((r) => r.a === "sally" && r.b === "anne").pop()!;
    expect(last.perFluent["at(marble)"]).toBeGreaterThan(0.3);
  });
});
