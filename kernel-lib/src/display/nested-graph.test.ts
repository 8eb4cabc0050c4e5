import { checkMimeBundle } from "./bundle";
import { nestedBeliefGraph, NestedBeliefGraph } from "./nested-graph";
import {
  BELIEF_GRAPH_V2,
  BELIEF_GRAPH_V2_MIME,
  checkSchema,
  BELIEF_GRAPH_V2_SCHEMA,
  validatePayload
} from "./payloads";

const HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">';

const sallyAnne = {
  title: "Sally-Anne",
  snapshots: [
    {
      label: "before",
      world: ["at(marble) = basket"],
      beliefs: [
        { chain: ["sally"], fact: "at(marble) = basket" },
        { chain: ["anne"], fact: "at(marble) = basket" }
      ]
    },
    {
      label: "after anne moved it",
      world: ["at(marble) = box"],
      beliefs: [
        { chain: ["sally"], fact: "at(marble) = basket" },
        { chain: ["anne"], fact: "at(marble) = box" },
        { chain: ["anne", "sally"], fact: "at(marble) = basket", credence: 0.9 }
      ]
    }
  ]
};

describe("nestedBeliefGraph", () => {
  it("keeps nested chains as structure, one fact per distinct text, the world per snapshot", () => {
    const p = nestedBeliefGraph(sallyAnne).payload;
    expect(p.agents).toEqual([{ id: "sally" }, { id: "anne" }]);
    expect(p.facts).toEqual([
      { id: "f0", label: "at(marble) = basket" },
      { id: "f1", label: "at(marble) = box" }
    ]);
    expect(p.snapshots[1].world).toEqual(["f1"]);
    expect(p.snapshots[1].beliefs[2]).toEqual({
      chain: ["anne", "sally"],
      fact: "f0",
      credence: 0.9
    });
    expect(validatePayload(BELIEF_GRAPH_V2, p)).toEqual([]);
    expect(checkSchema(BELIEF_GRAPH_V2_SCHEMA, p)).toEqual([]);
  });

  it("bundles the payload, a static drawing of the last snapshot and the beliefs in words", () => {
    const bundle = nestedBeliefGraph(sallyAnne).toMimeBundle();
    checkMimeBundle(bundle);
    expect(Object.keys(bundle).sort()).toEqual(
      [BELIEF_GRAPH_V2_MIME, "image/svg+xml", "text/html", "text/plain"].sort()
    );
    expect(bundle["text/plain"]).toContain(
      "anne believes sally believes at(marble) = basket (credence 0.9, false in the world)"
    );
    const svg = bundle["image/svg+xml"] as string;
    expect(svg).toContain("snapshot 2 of 2: after anne moved it");
    expect(svg).toContain("at(marble) = box");
    // The false beliefs are drawn red: sally's and anne's picture of sally.
    expect(svg.match(/stroke="#c53030"/g)).toHaveLength(2);
  });

  it("escapes hostile labels everywhere in the static drawing and cuts 100 kB strings", () => {
    const huge = "x".repeat(100_000);
    const g = nestedBeliefGraph({
      title: HOSTILE,
      snapshots: [{ label: HOSTILE, beliefs: [{ chain: [HOSTILE, huge], fact: HOSTILE }] }]
    });
    const { "image/svg+xml": svg, "text/plain": text } = g.toMimeBundle();
    expect(svg).not.toMatch(/<script|<img/);
    expect(svg).toContain("&lt;script&gt;");
    expect((svg as string).length).toBeLessThan(20_000);
    expect(text.length).toBeLessThan(2_000);
  });

  it.each([
    [{ snapshots: [] }, /at least one snapshot/],
    [
      { snapshots: [{ beliefs: [{ chain: [], fact: "f" }] }] },
      /chain must list at least one agent/
    ],
    [{ snapshots: [{ beliefs: [{ chain: ["a"], fact: "" }] }] }, /fact must be non-empty text/],
    [
      { snapshots: [{ beliefs: [{ chain: ["a"], fact: "f", credence: 2 }] }] },
      /credence must be ≤ 1/
    ],
    [
      {
        snapshots: [
          {
            beliefs: [
              { chain: ["a"], fact: "f" },
              { chain: ["a"], fact: "f" }
            ]
          }
        ]
      },
      /repeats an earlier belief/
    ]
  ])("refuses bad input %# with an error naming the problem", (spec, message) => {
    expect(() => nestedBeliefGraph(spec as never)).toThrow(message);
  });

  it("round-trips through its payload", () => {
    const g = nestedBeliefGraph(sallyAnne);
    expect(
      NestedBeliefGraph.fromPayload(JSON.parse(JSON.stringify(g.payload))).toMimeBundle()
    ).toEqual(g.toMimeBundle());
  });
});
