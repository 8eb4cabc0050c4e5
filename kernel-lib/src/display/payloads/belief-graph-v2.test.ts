import { BELIEF_GRAPH_V1 } from "./belief-graph-v1";
import {
  BELIEF_GRAPH_V2,
  beliefGraphV1ToV2,
  beliefInWords,
  chainId,
  layoutBeliefGraphV2,
  type BeliefGraphV2Payload
} from "./belief-graph-v2";
import { validatePayload } from "./kind";

const g: BeliefGraphV2Payload = {
  version: "2.0",
  agents: [
    { id: "anne", label: "Anne" },
    { id: "sally", label: "Sally" }
  ],
  facts: [{ id: "f0", label: "the marble is in the basket" }],
  snapshots: [
    {
      world: [],
      beliefs: [
        { chain: ["anne", "sally"], fact: "f0" },
        { chain: ["sally"], fact: "f0" }
      ]
    }
  ]
};

describe("belief graph format 2", () => {
  it("reads a chain in words", () => {
    expect(beliefInWords(g, g.snapshots[0], g.snapshots[0].beliefs[0])).toBe(
      "Anne believes Sally believes the marble is in the basket (false in the world)"
    );
  });

  it("lays out one row per chain, nested chains one column right of the chain they extend", () => {
    const l = layoutBeliefGraphV2(g, { top: 0 });
    expect(l.chains.map((c) => c.chain.join(">"))).toEqual(["anne", "anne>sally", "sally"]);
    const [anne, anneSally, sally] = l.chains;
    expect(anneSally.parent).toBe(anne.id);
    expect(anneSally.x).toBeGreaterThan(anne.x + anne.width);
    expect(new Set([anne.y, anneSally.y, sally.y]).size).toBe(3);
    expect(l.facts.get("f0")!.x).toBeGreaterThan(anneSally.x + anneSally.width);
    expect(l.chainById.get(chainId(["anne", "sally"]))).toBe(anneSally);
  });

  it("lays out 1,000 chains with every box inside the drawing", () => {
    const agents = Array.from({ length: 10 }, (_, i) => ({ id: `a${i}` }));
    const beliefs = [];
    for (const a of agents)
      for (const b of agents)
        if (a !== b)
          for (const c of agents.slice(0, 10))
            if (c !== b) beliefs.push({ chain: [a.id, b.id, c.id], fact: "f0" });
    const big: BeliefGraphV2Payload = { ...g, agents, snapshots: [{ beliefs }] };
    expect(validatePayload(BELIEF_GRAPH_V2, big)).toEqual([]);
    const l = layoutBeliefGraphV2(big, { top: 0 });
    expect(l.chains.length).toBeGreaterThanOrEqual(900);
    for (const c of l.chains) expect(c.y + c.height).toBeLessThanOrEqual(l.height);
  });

  it("converts format 1 so saved notebooks still draw", () => {
    const v1 = {
      version: "1.0" as const,
      title: "old",
      nodes: [
        { id: "sally", kind: "agent" as const },
        { id: "p0", kind: "proposition" as const, label: "at(marble, basket)" }
      ],
      edges: [{ from: "sally", to: "p0", relation: "believes" as const, credence: 0.5 }]
    };
    expect(validatePayload(BELIEF_GRAPH_V1, v1)).toEqual([]);
    const v2 = beliefGraphV1ToV2(v1);
    expect(validatePayload(BELIEF_GRAPH_V2, v2)).toEqual([]);
    expect(v2.snapshots[0].beliefs).toEqual([{ chain: ["sally"], fact: "p0", credence: 0.5 }]);
  });

  it("names unknown agents and facts in beliefs", () => {
    const bad = {
      ...g,
      snapshots: [{ world: ["nope"], beliefs: [{ chain: ["anne", "ghost"], fact: "f9" }] }]
    };
    expect(validatePayload(BELIEF_GRAPH_V2, bad)).toEqual([
      'snapshots[0].world[0] "nope" is not a fact',
      'snapshots[0].beliefs[0].chain[1] "ghost" is not an agent',
      'snapshots[0].beliefs[0].fact "f9" is not a fact'
    ]);
  });
});
