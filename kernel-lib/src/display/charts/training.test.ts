import { checkMimeBundle } from "../bundle";
import { toMimeBundle } from "../display";
import { validatePayload } from "../payloads/kind";
import {
  TRAINING_HISTORY_MIME,
  TRAINING_HISTORY_V1,
  type TrainingHistoryPayload
} from "../payloads/training-history";
import { trainingChart, trainingPayload } from "./training";
import { VEGA_LITE_MIME } from "./vega-lite";

const history = [
  {
    epoch: 1,
    loss: 0.92,
    valLoss: 0.95,
    beliefAccuracy: 0.41,
    falseBeliefAccuracy: 0.2,
    stepsPerSecond: 310
  },
  {
    epoch: 2,
    loss: 0.61,
    valLoss: 0.7,
    beliefAccuracy: 0.66,
    falseBeliefAccuracy: 0.45,
    stepsPerSecond: 325
  },
  {
    epoch: 3,
    loss: 0.43,
    valLoss: null,
    beliefAccuracy: 0.79,
    falseBeliefAccuracy: 0.61,
    stepsPerSecond: 330
  }
];

describe("trainingChart", () => {
  it("builds one schema-valid bundle: payload, Vega-Lite, SVG, HTML and text", () => {
    const bundle = trainingChart(history, { title: "World model", totalEpochs: 10 }).toMimeBundle();
    checkMimeBundle(bundle);
    expect(Object.keys(bundle).sort()).toEqual(
      [TRAINING_HISTORY_MIME, VEGA_LITE_MIME, "image/svg+xml", "text/html", "text/plain"].sort()
    );
    const payload = bundle[TRAINING_HISTORY_MIME] as TrainingHistoryPayload;
    expect(validatePayload(TRAINING_HISTORY_V1, payload)).toEqual([]);
    expect(payload.metrics).toEqual([
      { key: "loss", label: "loss", panel: "loss" },
      { key: "valLoss", label: "val loss", panel: "loss" },
      { key: "beliefAccuracy", label: "belief accuracy", panel: "accuracy" },
      { key: "falseBeliefAccuracy", label: "false belief accuracy", panel: "accuracy" },
      { key: "stepsPerSecond", label: "steps per second", panel: "other" }
    ]);
    expect(payload.epochs[2].values.valLoss).toBeNull();
    expect(bundle["text/plain"]).toMatch(
      /^World model: epoch 3\/10 · loss 0\.43 · belief accuracy 0\.79/
    );
  });

  it("draws one static chart per panel, with legends and the missing value as a gap", () => {
    const svg = trainingChart(history).toSVG();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const title of ["Loss", "Accuracy", "Other metrics"])
      expect(svg).toContain(`>${title}</text>`);
    for (const label of ["val loss", "false belief accuracy"])
      expect(svg).toContain(`>${label}</text>`);
    // val loss has 2 points (epoch 3 missing): one path with a single segment
    const paths = svg.match(/<path d="[^"]*"/g)!;
    expect(paths).toHaveLength(5);
    expect(paths[1]).toMatch(/^<path d="M[\d.]+,[\d.]+ L[\d.]+,[\d.]+"$/);
  });

  it("gives Vega-Lite a side-by-side chart per panel over long-format rows", () => {
    const spec = trainingChart(history).toVegaLite() as {
      hconcat: Array<{ transform: unknown[]; encoding: { y: { scale?: unknown } } }>;
      data: { values: Array<Record<string, unknown>> };
    };
    expect(spec.hconcat).toHaveLength(3);
    expect(spec.hconcat[1].encoding.y.scale).toEqual({ domain: [0, 1] });
    expect(spec.data.values).toContainEqual({ panel: 0, x: 2, series: "val loss", value: 0.7 });
    expect(spec.data.values.filter((r) => r.series === "val loss")).toHaveLength(2);
  });

  it("reads Keras-style columns and nested per-split records", () => {
    expect(trainingPayload({ loss: [0.9, 0.5], acc: [0.5, 0.8] }).epochs).toEqual([
      { epoch: 1, values: { loss: 0.9, acc: 0.5 } },
      { epoch: 2, values: { loss: 0.5, acc: 0.8 } }
    ]);
    const nested = trainingPayload({
      epochs: [{ epoch: 5, train: { loss: 1, obsLoss: 0.4 }, val: { loss: 1.2 } }]
    });
    expect(nested.metrics.map((m) => [m.key, m.label, m.panel])).toEqual([
      ["train.loss", "train loss", "loss"],
      ["train.obsLoss", "train obs loss", "loss"],
      ["val.loss", "val loss", "loss"]
    ]);
  });

  it("is what display() draws for a plain history, and for a trainer holding one", () => {
    const bundle = toMimeBundle({ history });
    expect((bundle[TRAINING_HISTORY_MIME] as TrainingHistoryPayload).epochs).toHaveLength(3);
    const trainer = { model: {}, history: { epochs: history, totalEpochs: 3 } };
    expect(
      (toMimeBundle(trainer as never)[TRAINING_HISTORY_MIME] as TrainingHistoryPayload).epochs
    ).toHaveLength(3);
  });

  it("escapes hostile metric names and titles in every fallback", () => {
    const evil = '<img src=x onerror="alert(1)">';
    const bundle = trainingChart([{ [evil]: 1 }, { [evil]: 2 }], {
      title: "<script>alert(1)</script>"
    }).toMimeBundle();
    for (const type of ["image/svg+xml", "text/html"]) {
      const markup = bundle[type] as string;
      expect(markup).not.toMatch(/<script|<img/);
      expect(markup).toContain("&lt;script&gt;");
    }
  });

  it.each([
    [[], /no epochs/],
    [[{ epoch: 1, note: "x" }], /no numeric metric/],
    [[{ epoch: "one", loss: 1 }], /epoch 0 has epoch 'one', not a number/],
    [
      [
        { epoch: 2, loss: 1 },
        { epoch: 1, loss: 1 }
      ],
      /epochs\[1\]\.epoch 1 does not come after 2/
    ],
    [[3], /epoch 0 must be an object of metrics/],
    ["loss", /needs per-epoch records/]
  ])("refuses %j with a clear error", (input, message) => {
    expect(() => trainingChart(input as never)).toThrow(message);
  });
});
