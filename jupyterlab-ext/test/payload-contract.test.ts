import Ajv2020 from "ajv/dist/2020";
import { beliefGraph } from "pwmk/display";
import {
  BELIEF_GRAPH_MIME,
  BELIEF_GRAPH_SCHEMA,
  BELIEF_GRAPH_V1,
  BELIEF_GRAPH_V2,
  TRAJECTORY,
  readPayload,
  validatePayload
} from "pwmk/payloads";
import { beliefGraphRendererFactory } from "../src/renderers/belief-graph";

jest.mock("@lumino/widgets", () => ({ Widget: class {}, Panel: class {} }));
const validateBeliefGraphPayload = (value: unknown) => validatePayload(BELIEF_GRAPH_V1, value);
const checkBeliefGraph = (value: unknown) => readPayload(BELIEF_GRAPH_V1, value);

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

describe("pwmk's one validator agrees with the published JSON Schema (ajv, draft 2020-12)", () => {
  it("the renderer draws the MIME type pwmk sends", () => {
    expect(beliefGraphRendererFactory.mimeTypes).toContain(BELIEF_GRAPH_MIME);
    expect(Object.keys(beliefGraph({ beliefs: [] }).toMimeBundle())).toContain(BELIEF_GRAPH_MIME);
  });

  it.each(structural)(
    "%s: ajv, validatePayload and readPayload give the same verdict",
    (_name, payload, valid) => {
      expect(schemaAccepts(payload)).toBe(valid);
      expect(validateBeliefGraphPayload(payload).length === 0).toBe(valid);
      expect(checkBeliefGraph(payload).ok).toBe(valid);
    }
  );

  it.each(semantic)(
    "%s: the schema allows it, but the payload rules refuse it",
    (_name, payload) => {
      expect(schemaAccepts(payload)).toBe(true);
      expect(validateBeliefGraphPayload(payload)).not.toEqual([]);
      expect(checkBeliefGraph(payload).ok).toBe(false);
    }
  );
});

describe("format 2 and trajectories: ajv and pwmk's checker agree", () => {
  const v2 = {
    version: "2.0",
    agents: [{ id: "anne" }, { id: "sally" }],
    facts: [{ id: "f0", label: "at(marble) = basket" }],
    snapshots: [
      { world: ["f0"], beliefs: [{ chain: ["anne", "sally"], fact: "f0", credence: 0.5 }] }
    ]
  };
  const trajectory = {
    version: "1.0",
    grid: { width: 3, height: 3, walls: [[0, 0]] },
    agents: [{ id: "a" }],
    objects: [{ id: "key" }],
    steps: [
      {
        agents: [{ at: [1, 1], fov: [[1, 1]], thinks: [null, [2, 2]], predicted: null }],
        objects: [[2, 2]]
      }
    ]
  };
  const cases: [string, typeof BELIEF_GRAPH_V2 | typeof TRAJECTORY, unknown, boolean][] = [
    ["v2 as built", BELIEF_GRAPH_V2, v2, true],
    [
      "v2 with an empty chain",
      BELIEF_GRAPH_V2,
      { ...v2, snapshots: [{ beliefs: [{ chain: [], fact: "f0" }] }] },
      false
    ],
    ["v2 with no snapshot", BELIEF_GRAPH_V2, { ...v2, snapshots: [] }, false],
    [
      "v2 credence as text",
      BELIEF_GRAPH_V2,
      { ...v2, snapshots: [{ beliefs: [{ chain: ["anne"], fact: "f0", credence: "1" }] }] },
      false
    ],
    ["trajectory as built", TRAJECTORY, trajectory, true],
    [
      "trajectory cell with three numbers",
      TRAJECTORY,
      { ...trajectory, grid: { width: 3, height: 3, walls: [[0, 0, 0]] } },
      false
    ],
    [
      "trajectory fractional cell",
      TRAJECTORY,
      { ...trajectory, steps: [{ agents: [{ at: [0.5, 1] }] }] },
      false
    ],
    [
      "trajectory zero-width grid",
      TRAJECTORY,
      { ...trajectory, grid: { width: 0, height: 3 } },
      false
    ]
  ];
  it.each(cases)("%s", (_name, kind, payload, valid) => {
    const ajv = new Ajv2020({ strict: true }).compile(kind.schema);
    expect(ajv(payload)).toBe(valid);
    expect(validatePayload(kind as never, payload).length === 0).toBe(valid);
  });
});
