import { inspect } from "util";
import { BeliefGraph, beliefGraph } from "./belief-graph";
import { checkMimeBundle } from "./bundle";
import { BELIEF_GRAPH_MIME, BELIEF_GRAPH_V1, validatePayload } from "./payloads";

const validateBeliefGraphPayload = (value: unknown) => validatePayload(BELIEF_GRAPH_V1, value);

const sallyAnne = {
  title: "Sally-Anne",
  agents: ["sally", "anne"],
  beliefs: [
    { agent: "sally", proposition: "at(marble, basket)" },
    { agent: "anne", proposition: "at(marble, box)", credence: 0.75 }
  ]
};

describe("beliefGraph", () => {
  it("turns beliefs into agent nodes, proposition nodes and believes edges", () => {
    const g = beliefGraph(sallyAnne);
    expect(g.payload).toEqual({
      version: "1.0",
      title: "Sally-Anne",
      nodes: [
        { id: "sally", kind: "agent" },
        { id: "anne", kind: "agent" },
        { id: "p0", kind: "proposition", label: "at(marble, basket)" },
        { id: "p1", kind: "proposition", label: "at(marble, box)" }
      ],
      edges: [
        { from: "sally", to: "p0", relation: "believes" },
        { from: "anne", to: "p1", relation: "believes", credence: 0.75 }
      ]
    });
  });

  it("shares one proposition node between agents who believe the same thing", () => {
    const g = beliefGraph({
      beliefs: [
        { agent: "a", proposition: "p" },
        { agent: "b", proposition: "p" }
      ]
    });
    expect(g.payload.nodes.filter((n) => n.kind === "proposition")).toHaveLength(1);
    expect(g.payload.edges.map((e) => e.to)).toEqual(["p0", "p0"]);
  });

  it("never gives a proposition an id that an agent already uses", () => {
    const g = beliefGraph({ beliefs: [{ agent: "p0", proposition: "x" }] });
    expect(g.payload.edges[0]).toEqual({ from: "p0", to: "p1", relation: "believes" });
    expect(validateBeliefGraphPayload(g.payload)).toEqual([]);
  });

  it.each([
    [
      { agents: ["sally"], beliefs: [{ agent: "anne", proposition: "x" }] },
      /"anne" is not in agents/
    ],
    [{ beliefs: [{ agent: "", proposition: "x" }] }, /agent must be a non-empty string/],
    [{ beliefs: [{ agent: "a", proposition: "" }] }, /proposition must be a non-empty string/],
    [
      {
        beliefs: [
          { agent: "a", proposition: "x" },
          { agent: "a", proposition: "x" }
        ]
      },
      /a believes "x" twice/
    ],
    [
      { beliefs: [{ agent: "a", proposition: "x", credence: 1.5 }] },
      /credence must be ≤ 1, got 1.5/
    ],
    [{ agents: ["a", "a"], beliefs: [] }, /"a" is listed twice/],
    [{}, /needs \{ beliefs/]
  ])("rejects bad input %# with a clear error", (spec, message) => {
    expect(() => beliefGraph(spec as never)).toThrow(message);
  });

  it("keeps its payload safe from later changes to the input or to returned bundles", () => {
    const spec = structuredClone(sallyAnne);
    const g = beliefGraph(spec);
    spec.beliefs[0].proposition = "changed";
    const bundle = g.toMimeBundle();
    (bundle[BELIEF_GRAPH_MIME] as { nodes: unknown[] }).nodes.length = 0;
    expect(g.payload.nodes).toHaveLength(4);
    expect(Object.isFrozen(g.payload.nodes[0])).toBe(true);
  });
});

describe("BeliefGraph.toMimeBundle", () => {
  const bundle = beliefGraph(sallyAnne).toMimeBundle();

  it("carries the pwmk payload as an object, SVG and HTML fallbacks and plain text", () => {
    expect(Object.keys(bundle).sort()).toEqual(
      [BELIEF_GRAPH_MIME, "image/svg+xml", "text/html", "text/plain"].sort()
    );
    expect(typeof bundle[BELIEF_GRAPH_MIME]).toBe("object");
    expect(() => checkMimeBundle(bundle)).not.toThrow();
  });

  it("draws every agent and proposition, and each belief as an arrow, in the SVG", () => {
    const svg = bundle["image/svg+xml"] as string;
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const text of [
      "sally",
      "anne",
      "at(marble, basket)",
      "at(marble, box)",
      "Sally-Anne",
      "0.8"
    ]) {
      expect(svg).toContain(`>${text}</text>`);
    }
    expect(svg.match(/<line /g)).toHaveLength(2);
    expect(svg.match(/marker-end="url\(#pwmk-arrow-[0-9a-f]{8}\)"/g)).toHaveLength(2);
  });

  it("wraps the same drawing, and nothing else, in the HTML fallback", () => {
    expect(bundle["text/html"]).toBe(
      `<div class="pwmk-belief-graph">${bundle["image/svg+xml"]}</div>`
    );
  });

  it("lists each belief on its own line in the plain text", () => {
    expect(bundle["text/plain"]).toBe(
      'Belief graph "Sally-Anne": 2 agents, 2 propositions, 2 beliefs\n' +
        "  sally believes at(marble, basket)\n" +
        "  anne believes at(marble, box) (credence 0.75)"
    );
  });

  it("escapes untrusted names and propositions in the SVG", () => {
    const evil = beliefGraph({
      title: '</text><script>alert("t")</script>',
      beliefs: [{ agent: "<img src=x onerror=alert(1)>", proposition: "a & b \u0000 'q'" }]
    }).toSVG();
    expect(evil).not.toMatch(/<script|<img|\u0000/);
    expect(evil).toContain("&lt;/text&gt;&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;");
    expect(evil).toContain("a &amp; b \uFFFD &#39;q&#39;");
  });

  it("shortens long labels in the drawing but keeps them whole in the payload", () => {
    const long = "x".repeat(300);
    const g = beliefGraph({ beliefs: [{ agent: "a", proposition: long }] });
    expect(g.toSVG()).not.toContain(long);
    expect(g.toSVG()).toContain("…</text>");
    expect(g.payload.nodes[1].label).toBe(long);
  });

  it("draws an empty graph with a note rather than nothing", () => {
    expect(beliefGraph({ beliefs: [] }).toSVG()).toContain("(empty belief graph)");
  });
});

describe("BeliefGraph.fromPayload", () => {
  it("rebuilds an equal graph from a payload it wrote", () => {
    const g = beliefGraph(sallyAnne);
    expect(BeliefGraph.fromPayload(JSON.parse(JSON.stringify(g.payload))).toMimeBundle()).toEqual(
      g.toMimeBundle()
    );
  });

  it("refuses an invalid payload, naming every problem", () => {
    expect(() => BeliefGraph.fromPayload({ version: "1.0", nodes: {}, edges: {} })).toThrow(
      "invalid belief graph: payload.nodes must be an array, got an object; payload.edges must be an array, got an object"
    );
  });

  it("prints as its text summary in tslab and the REPL", () => {
    expect(inspect(beliefGraph(sallyAnne))).toBe(beliefGraph(sallyAnne).toText());
  });
});
