import { BELIEF_GRAPH_V1 } from "./belief-graph-v1";
import { readPayload, validatePayload } from "./kind";
import { checkSchema } from "./schema";

const validateBeliefGraphPayload = (value: unknown) => validatePayload(BELIEF_GRAPH_V1, value);

const ok = {
  version: "1.0",
  nodes: [
    { id: "sally", kind: "agent" },
    { id: "p0", kind: "proposition", label: "at(marble, basket)" }
  ],
  edges: [{ from: "sally", to: "p0", relation: "believes" }]
};

describe("validatePayload on a format-1 belief graph", () => {
  it("accepts a well-formed payload", () => {
    expect(validateBeliefGraphPayload(ok)).toEqual([]);
  });

  it("accepts later minor versions and unknown extra fields (minor versions only add)", () => {
    expect(validateBeliefGraphPayload({ ...ok, version: "1.7", layout: "radial" })).toEqual([]);
  });

  it.each([
    [null, "payload must be a JSON object, got null"],
    ["{}", 'payload must be a JSON object, got "{}"'],
    [{ ...ok, version: "2.0" }, 'version is "2.0"; this reader reads belief-graph format 1.x'],
    [{ ...ok, version: 1 }, 'version must be a "major.minor" string, got 1'],
    [{ ...ok, title: 3 }, "title must be a string, got 3"],
    [{ ...ok, nodes: [ok.nodes[0], ok.nodes[0]] }, 'nodes[1].id "sally" is used by another node'],
    [{ ...ok, nodes: [{ id: "", kind: "agent" }] }, "payload.nodes[0].id must not be empty"],
    [
      { ...ok, nodes: [{ id: "x", kind: "robot" }] },
      'payload.nodes[0].kind must be one of "agent", "proposition", got "robot"'
    ],
    [
      { ...ok, edges: [{ from: "sally", to: "nobody", relation: "believes" }] },
      'edges[0].to "nobody" is not a node'
    ],
    [
      { ...ok, edges: [{ from: "p0", to: "sally", relation: "believes" }] },
      'edges[0].from "p0" is not an agent'
    ],
    [
      { ...ok, edges: [{ from: "sally", to: "p0", relation: "knows" }] },
      'edges[0].relation must be "believes", got "knows"'
    ],
    [
      { ...ok, edges: [{ from: "sally", to: "p0", relation: "believes", credence: -1 }] },
      "payload.edges[0].credence must be ≥ 0, got -1"
    ],
    [{ ...ok, edges: "none" }, 'payload.edges must be an array, got "none"']
  ])("reports problem %# by name", (payload, problem) => {
    expect(validateBeliefGraphPayload(payload)).toContainEqual(expect.stringContaining(problem));
  });
});

describe("readPayload", () => {
  it("reads the payload as an object or as JSON text (tslab's per-type fallback)", () => {
    expect(readPayload(BELIEF_GRAPH_V1, ok)).toEqual({ ok: true, payload: ok });
    expect(readPayload(BELIEF_GRAPH_V1, JSON.stringify(ok))).toEqual({ ok: true, payload: ok });
  });

  it("names another major version and what this reader draws", () => {
    expect(readPayload(BELIEF_GRAPH_V1, { ...ok, version: "2.1" })).toEqual({
      ok: false,
      title: "Unsupported belief graph version",
      detail:
        "this output uses belief-graph format 2.1, but this viewer draws format 1.x; " +
        "install the jupyterlab-pwmk that matches your pwmk version"
    });
  });

  it("refuses text that is not JSON and text that is too long, before parsing", () => {
    expect(readPayload(BELIEF_GRAPH_V1, "<svg/>")).toMatchObject({
      ok: false,
      title: "Not a PWMK belief graph",
      detail: "the output holds text that is not JSON"
    });
    expect(readPayload(BELIEF_GRAPH_V1, JSON.stringify(ok), 10)).toMatchObject({
      ok: false,
      detail: expect.stringContaining("more than the 10 this viewer reads")
    });
  });

  it("lists at most five problems and counts the rest", () => {
    const nodes = Array.from({ length: 8 }, () => ({ id: 1, kind: "agent" }));
    const result = readPayload(BELIEF_GRAPH_V1, { version: "1.0", nodes, edges: [] });
    expect(result).toMatchObject({ ok: false, title: "Malformed belief graph" });
    if (!result.ok) {
      expect(result.detail.split("; ")).toHaveLength(5);
      expect(result.detail).toMatch(/\(and 3 more\)$/);
    }
  });

  it("never echoes a 100 kB label whole in a message", () => {
    const huge = "<script>".repeat(12_500);
    const result = readPayload(BELIEF_GRAPH_V1, {
      version: "1.0",
      nodes: [{ id: huge, kind: "robot" }],
      edges: []
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detail.length).toBeLessThan(300);
  });
});

describe("checkSchema", () => {
  it("checks tuples, integers, anyOf and closed objects", () => {
    const point = {
      type: "array",
      items: { type: "integer", minimum: 0 },
      minItems: 2,
      maxItems: 2
    } as const;
    expect(checkSchema(point, [1, 2])).toEqual([]);
    expect(checkSchema(point, [1.5, 2])).toEqual(["payload[0] must be an integer, got 1.5"]);
    expect(checkSchema(point, [1])).toEqual(["payload needs at least 2 items, got 1"]);
    const either = { anyOf: [point, { type: "null" }] } as const;
    expect(checkSchema(either, null)).toEqual([]);
    expect(checkSchema(either, "x")).toEqual([
      'payload matches none of its allowed forms, got "x"'
    ]);
    const closed = {
      type: "object",
      properties: { a: { type: "number" } },
      additionalProperties: false
    } as const;
    expect(checkSchema(closed, { a: 1, b: 2 })).toEqual(['payload has an unknown field "b"']);
  });

  it("refuses a schema keyword it does not implement, rather than skip the rule", () => {
    expect(() => checkSchema({ oneOf: [] } as never, 1)).toThrow(/unsupported keyword "oneOf"/);
  });

  it("does not treat __proto__ or other inherited names as declared fields", () => {
    const closed = { type: "object", properties: {}, additionalProperties: false } as const;
    expect(checkSchema(closed, JSON.parse('{"__proto__": 1, "toString": 2}'))).toHaveLength(2);
  });
});
