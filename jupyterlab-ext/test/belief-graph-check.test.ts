import Ajv2020 from "ajv/dist/2020";
import {
  BELIEF_GRAPH_MIME as KERNEL_MIME,
  BELIEF_GRAPH_SCHEMA,
  beliefGraph,
  validateBeliefGraphPayload
} from "pwmk/display";
import { BELIEF_GRAPH_MIME, checkBeliefGraph } from "../src/renderers/belief-graph-check";

const schemaAccepts = new Ajv2020({ strict: true }).compile(BELIEF_GRAPH_SCHEMA);

const good = beliefGraph({
  title: "Sally-Anne",
  beliefs: [
    { agent: "sally", proposition: "at(marble, basket)" },
    { agent: "anne", proposition: "at(marble, box)", credence: 0.5 }
  ]
}).payload;
const copy = () => JSON.parse(JSON.stringify(good));
const withNodes = (nodes: unknown) => ({ ...copy(), nodes });
const withEdges = (edges: unknown) => ({ ...copy(), edges });

/** Payloads the JSON Schema alone can judge. */
const structural: [string, unknown, boolean][] = [
  ["built by pwmk", good, true],
  ["empty graph", { version: "1.0", nodes: [], edges: [] }, true],
  [
    "a later minor version with an extra field",
    { ...copy(), version: "1.3", layout: "radial" },
    true
  ],
  ["major version 2", { ...copy(), version: "2.0" }, false],
  ["version with leading zero", { ...copy(), version: "1.01" }, false],
  ["numeric version", { ...copy(), version: 1 }, false],
  ["no version", { nodes: [], edges: [] }, false],
  ["nodes not an array", withNodes({}), false],
  ["node with unknown kind", withNodes([{ id: "x", kind: "robot" }]), false],
  ["node with empty id", withNodes([{ id: "", kind: "agent" }]), false],
  ["label not a string", withNodes([{ id: "x", kind: "agent", label: 5 }]), false],
  ["title not a string", { ...copy(), title: ["t"] }, false],
  ["edges missing", { version: "1.0", nodes: [] }, false],
  ["other relation", withEdges([{ from: "sally", to: "p0", relation: "knows" }]), false],
  [
    "credence above 1",
    withEdges([{ from: "sally", to: "p0", relation: "believes", credence: 2 }]),
    false
  ],
  ["an array", [], false],
  ["null", null, false]
];

/** Payloads that satisfy the schema but break rules only the validators check. */
const semantic: [string, unknown][] = [
  [
    "duplicate node ids",
    withNodes([
      { id: "a", kind: "agent" },
      { id: "a", kind: "agent" }
    ])
  ],
  ["edge to a missing node", withEdges([{ from: "sally", to: "nowhere", relation: "believes" }])],
  ["edge from a proposition", withEdges([{ from: "p0", to: "p1", relation: "believes" }])],
  ["edge to an agent", withEdges([{ from: "sally", to: "anne", relation: "believes" }])]
];

describe("the renderer's check agrees with pwmk's contract (kernel and renderer cannot drift)", () => {
  it("uses the MIME type pwmk sends", () => {
    expect(BELIEF_GRAPH_MIME).toBe(KERNEL_MIME);
    expect(Object.keys(beliefGraph({ beliefs: [] }).toMimeBundle())).toContain(BELIEF_GRAPH_MIME);
  });

  it.each(structural)(
    "%s: schema, pwmk validator and renderer give the same verdict",
    (_name, payload, valid) => {
      expect(schemaAccepts(payload)).toBe(valid);
      expect(validateBeliefGraphPayload(payload).length === 0).toBe(valid);
      expect(checkBeliefGraph(payload).ok).toBe(valid);
    }
  );

  it.each(semantic)(
    "%s: the schema allows it, but pwmk and the renderer both refuse it",
    (_name, payload) => {
      expect(schemaAccepts(payload)).toBe(true);
      expect(validateBeliefGraphPayload(payload)).not.toEqual([]);
      expect(checkBeliefGraph(payload).ok).toBe(false);
    }
  );
});

describe("checkBeliefGraph messages", () => {
  it("says which format version it got and which it draws", () => {
    expect(checkBeliefGraph({ ...copy(), version: "2.1" })).toEqual({
      ok: false,
      title: "Unsupported belief graph version",
      detail:
        "this output uses belief-graph format 2.1, but this jupyterlab-pwmk draws format 1.x; " +
        "install the jupyterlab-pwmk that matches your pwmk version"
    });
  });

  it("accepts the payload as a JSON string, as tslab's per-type fallback sends it", () => {
    expect(checkBeliefGraph(JSON.stringify(good))).toEqual({ ok: true, graph: good });
  });

  it("names text that is not JSON", () => {
    expect(checkBeliefGraph("<svg/>")).toMatchObject({
      ok: false,
      detail: "the output holds text that is not JSON"
    });
  });

  it("lists at most five problems and counts the rest", () => {
    const nodes = Array.from({ length: 8 }, () => ({ id: 1, kind: "agent" }));
    const result = checkBeliefGraph({ version: "1.0", nodes, edges: [] });
    expect(result).toMatchObject({ ok: false, title: "Malformed belief graph" });
    if (!result.ok) {
      expect(result.detail.split("; ")).toHaveLength(5);
      expect(result.detail).toMatch(/\(and 3 more\)$/);
    }
  });
});
