/**
 * The chart payloads (training history, search tree, divergence): pwmk's validator, the
 * published JSON Schema (checked by ajv, draft 2020-12) and the renderers' reading agree on one
 * corpus; what pwmk's builders write is valid.
 */
import Ajv2020 from "ajv/dist/2020";
import { divergenceChart, predictionChart, searchTree, trainingChart } from "pwmk/display";
import {
  DIVERGENCE_V1,
  PREDICTIONS_V1,
  SEARCH_TREE_V1,
  TRAINING_HISTORY_V1,
  readPayload,
  validatePayload,
  type PayloadKind
} from "pwmk/payloads";

const ajv = new Ajv2020({ strict: true });

const training = trainingChart([{ epoch: 1, loss: 0.5, beliefAccuracy: 0.4 }], {
  totalEpochs: 3
}).payload;
const tree = searchTree({
  visits: 3,
  value: 0.1,
  children: [{ action: "go", visits: 3, value: 0.2 }]
}).payload;
const divergence = divergenceChart([
  { step: 0, a: "sally", b: "world", mean: 0, perFluent: {} }
]).payload;
const predictions = predictionChart({ truth: [1, 2], predicted: [1, 2.5] }).payload;
const edit = <T>(p: T, change: Record<string, unknown>) => ({
  ...JSON.parse(JSON.stringify(p)),
  ...change
});

/** [kind, name, payload, schema verdict, full verdict]: rules beyond the schema make the two differ. */
const corpus: Array<[PayloadKind<unknown>, string, unknown, boolean, boolean]> = [
  [TRAINING_HISTORY_V1, "built by pwmk", training, true, true],
  [
    TRAINING_HISTORY_V1,
    "a later minor version",
    edit(training, { version: "1.4", extra: 1 }),
    true,
    true
  ],
  [TRAINING_HISTORY_V1, "major 2", edit(training, { version: "2.0" }), false, false],
  [
    TRAINING_HISTORY_V1,
    "unknown panel",
    edit(training, { metrics: [{ key: "loss", panel: "speed" }] }),
    false,
    false
  ],
  [
    TRAINING_HISTORY_V1,
    "string value",
    edit(training, { epochs: [{ epoch: 1, values: { loss: "0.5" } }] }),
    false,
    false
  ],
  [
    TRAINING_HISTORY_V1,
    "undeclared metric",
    edit(training, { epochs: [{ epoch: 1, values: { acc: 1 } }] }),
    true,
    false
  ],
  [
    TRAINING_HISTORY_V1,
    "epochs out of order",
    edit(training, {
      epochs: [
        { epoch: 2, values: {} },
        { epoch: 1, values: {} }
      ]
    }),
    true,
    false
  ],
  [SEARCH_TREE_V1, "built by pwmk", tree, true, true],
  [SEARCH_TREE_V1, "no nodes", edit(tree, { nodes: [] }), false, false],
  [
    SEARCH_TREE_V1,
    "fractional visits",
    edit(tree, { nodes: [{ id: "0", visits: 1.5, value: 0 }] }),
    false,
    false
  ],
  [SEARCH_TREE_V1, "root not a node", edit(tree, { root: "9" }), true, false],
  [
    SEARCH_TREE_V1,
    "parent cycle",
    edit(tree, {
      nodes: [
        { id: "0", visits: 1, value: 0 },
        { id: "a", parent: "b", visits: 1, value: 0 },
        { id: "b", parent: "a", visits: 1, value: 0 }
      ]
    }),
    true,
    false
  ],
  [DIVERGENCE_V1, "built by pwmk", divergence, true, true],
  [DIVERGENCE_V1, "no measure", edit(divergence, { measure: undefined }), false, false],
  [
    DIVERGENCE_V1,
    "value not a number",
    edit(divergence, { series: [{ a: "x", b: "y", values: ["1"] }] }),
    false,
    false
  ],
  [
    DIVERGENCE_V1,
    "values and steps differ",
    edit(divergence, { series: [{ a: "x", b: "y", values: [] }] }),
    true,
    false
  ],
  [PREDICTIONS_V1, "built by pwmk", predictions, true, true],
  [PREDICTIONS_V1, "no steps", edit(predictions, { steps: undefined }), false, false],
  [
    PREDICTIONS_V1,
    "text value",
    edit(predictions, { quantities: [{ label: "0", truth: ["1", 2], predicted: [1, 2] }] }),
    false,
    false
  ],
  [
    PREDICTIONS_V1,
    "values and steps differ",
    edit(predictions, { quantities: [{ label: "0", truth: [1], predicted: [1, 2] }] }),
    true,
    false
  ]
];

describe.each(corpus)("%s: %s", (kind, _name, payload, schemaOk, fullOk) => {
  const clean = JSON.parse(JSON.stringify(payload)) as unknown;
  it("the JSON Schema (ajv) and pwmk's checker give the schema's verdict", () => {
    expect(ajv.validate(kind.schema, clean)).toBe(schemaOk);
  });
  it("pwmk's validator and the renderer's reading give the full verdict", () => {
    expect(validatePayload(kind, clean).length === 0).toBe(fullOk);
    expect(readPayload(kind, clean).ok).toBe(fullOk);
    expect(readPayload(kind, JSON.stringify(clean)).ok).toBe(fullOk);
  });
});
