import { BeliefStore } from "../beliefs/store";
import { ChainTracker } from "../epistemic/chain-tracker";
import { ProbabilisticBeliefs } from "../epistemic/probabilistic/probabilistic-beliefs";
import { RoomWorld } from "../stories/rooms";
import { runStory } from "../stories/story";
import { beliefGraphOf } from "./belief-sources";
import { toMimeBundle } from "./display";
import { BELIEF_GRAPH_V2_MIME, type BeliefGraphV2Payload } from "./payloads";

const words = (p: BeliefGraphV2Payload, snapshot: number) => {
  const facts = new Map(p.facts.map((f) => [f.id, f.label]));
  const world = new Set(p.snapshots[snapshot].world ?? []);
  return p.snapshots[snapshot].beliefs.map(
    (b) => `${b.chain.join(">")}: ${facts.get(b.fact)}${world.has(b.fact) ? "" : " (false)"}`
  );
};

function sallyAnne(): RoomWorld {
  const w = new RoomWorld({
    agents: ["sally", "anne"],
    rooms: { room: ["basket", "box"] },
    objects: { marble: "basket" },
    agentRooms: { sally: "room", anne: "room" }
  });
  return w.exit("sally").move("anne", "marble", "box");
}

describe("beliefGraphOf", () => {
  it("replays a RoomWorld: one snapshot per step, nested false beliefs against the world", () => {
    const g = beliefGraphOf(sallyAnne(), { fluents: (f) => f.startsWith("at(") });
    const p = g.payload;
    expect(p.snapshots.map((s) => s.label)).toEqual([
      "t=0: start",
      "t=1: sally exited the room.",
      "t=2: anne moved the marble to the box."
    ]);
    expect(words(p, 0)).toContain("anne>sally: at(marble) = basket");
    expect(words(p, 2)).toEqual(
      expect.arrayContaining([
        "sally: at(marble) = basket (false)",
        "anne: at(marble) = box",
        "anne>sally: at(marble) = basket (false)"
      ])
    );
  });

  it("is what display shows for a RoomWorld, a story run and a tracker", () => {
    const run = runStory(
      "1 Mia and Leo entered the pantry.\n2 The plum is in the crate.\n3 Mia exited the pantry.\n4 Leo moved the plum to the box."
    );
    for (const source of [sallyAnne(), run, run.world.tracker]) {
      const bundle = toMimeBundle(source);
      expect(bundle[BELIEF_GRAPH_V2_MIME]).toBeDefined();
      expect(bundle["image/svg+xml"]).toMatch(/^<svg/);
    }
    const text = toMimeBundle(run)["text/plain"];
    expect(text).toMatch(/mia believes at\(plum\) = crate \(false in the world\)/i);
  });

  it("reads a tracker's current beliefs at the depth asked", () => {
    const t = new ChainTracker({
      agents: ["a", "b"],
      world: { lit: true },
      commonKnowledge: ["lit"],
      maxDepth: 3
    });
    const p = beliefGraphOf(t, { depth: 3 }).payload;
    expect(Math.max(...p.snapshots[0].beliefs.map((b) => b.chain.length))).toBe(3);
    expect(p.facts).toEqual([{ id: "f0", label: "lit" }]);
    expect(p.snapshots[0].world).toEqual(["f0"]);
  });

  it("gives probabilistic beliefs their credences", () => {
    const pb = new ProbabilisticBeliefs({
      agents: ["sally"],
      world: { "at(marble)": "box" },
      domains: { "at(marble)": ["basket", "box"] },
      maxDepth: 1
    } as never);
    const p = beliefGraphOf(pb).payload;
    const credences = p.snapshots[0].beliefs.map((b) => b.credence);
    expect(credences).toEqual([0.5, 0.5]);
    expect(p.snapshots[0].world?.map((id) => p.facts.find((f) => f.id === id)?.label)).toEqual([
      "at(marble) = box"
    ]);
  });

  it("reads a belief store's snapshots and its current state, nested believes/2 as chains", async () => {
    const kb = await BeliefStore.create();
    try {
      await kb.assertFact("at(marble, box)");
      await kb.addBelief("sally", "at(marble, basket)");
      await kb.snapshot(0);
      await kb.addBelief("anne", "believes(sally, at(marble, basket))");
      const p = beliefGraphOf(kb).payload;
      expect(p.snapshots.map((s) => s.label)).toEqual(["t=0", "now"]);
      expect(words(p, 1)).toEqual(
        expect.arrayContaining([
          "sally: at(marble,basket) (false)",
          "anne>sally: at(marble,basket) (false)"
        ])
      );
    } finally {
      await kb.close();
    }
  });

  it("refuses what it cannot read, naming what it reads", () => {
    expect(() => beliefGraphOf(42 as never)).toThrow(/needs a belief tracker/);
  });
});
