import { checkMimeBundle } from "../bundle";
import { toMimeBundle } from "../display";
import { validatePayload } from "../payloads/kind";
import {
  PREDICTIONS_MIME,
  PREDICTIONS_V1,
  predictionCharts,
  type PredictionsPayload
} from "../payloads/predictions";
import { predictionChart } from "./predictions";
import { VEGA_LITE_MIME } from "./vega-lite";

const truth = [new Float32Array([0, 1]), new Float32Array([0.5, 1]), new Float32Array([1, 0])];
const predicted = [
  new Float32Array([0, 0.5]),
  new Float32Array([0.5, 1]),
  new Float32Array([0.5, 0])
];

describe("predictionChart", () => {
  it("builds one schema-valid bundle: a chart per quantity, true beside predicted, with its error", () => {
    const chart = predictionChart(
      { truth, predicted, labels: ["room", "marble seen"] },
      { title: "Sally" }
    );
    const bundle = chart.toMimeBundle();
    checkMimeBundle(bundle);
    expect(Object.keys(bundle).sort()).toEqual(
      [PREDICTIONS_MIME, VEGA_LITE_MIME, "image/svg+xml", "text/html", "text/plain"].sort()
    );
    const payload = bundle[PREDICTIONS_MIME] as PredictionsPayload;
    expect(validatePayload(PREDICTIONS_V1, payload)).toEqual([]);
    expect(payload.steps).toEqual([1, 2, 3]);
    expect(payload.quantities).toEqual([
      { label: "room", truth: [0, 0.5, 1], predicted: [0, 0.5, 0.5] },
      { label: "marble seen", truth: [1, 1, 0], predicted: [0.5, 1, 0] }
    ]);
    expect(predictionCharts(payload).map((c) => c.title)).toEqual([
      "room (mean abs. error 0.167)",
      "marble seen (mean abs. error 0.167)"
    ]);
    expect(bundle["text/plain"]).toContain("  room: mean absolute error 0.1667");
    expect(bundle["text/plain"]).toContain("3\t1 / 0.5\t0 / 0");
    expect(bundle["image/svg+xml"]).toContain(">predicted</text>");
  });

  it("reads named series and numbers per step, picks quantities with dims, and is what display() draws", () => {
    const named = predictionChart(
      { truth: { x: [1, 2], y: [3, 4] }, predicted: { x: [1, 2.5], y: [3, 3] } },
      { dims: ["y"] }
    );
    expect(named.payload.quantities).toEqual([{ label: "y", truth: [3, 4], predicted: [3, 3] }]);
    const scalar = toMimeBundle({ truth: [1, 2, 3], predicted: [1, 2, 2], steps: [0, 5, 10] })[
      PREDICTIONS_MIME
    ] as PredictionsPayload;
    expect(scalar).toMatchObject({
      steps: [0, 5, 10],
      quantities: [{ label: "0", truth: [1, 2, 3], predicted: [1, 2, 2] }]
    });
  });

  it.each([
    [{ truth: [[1, 2]], predicted: [[1]] }, /truth has 2 quantities \(0, 1\) but predicted has 1/],
    [{ truth: [1, 2], predicted: [1] }, /0 has 1 steps, expected 2/],
    [{ truth: [1, "2"], predicted: [1, 2] }, /truth\[1\] is '2', not a number or a vector/],
    [{ truth: [[1, 2]], predicted: [[1, 2]], labels: ["a"] }, /1 labels for 2 components/],
    [{ truth: { x: [1] }, predicted: { x: [1] } }, null],
    [
      { truth: [Array(20).fill(0)], predicted: [Array(20).fill(0)] },
      /20 quantities are too many .* dims/
    ],
    [{ truth: [1] }, /needs \{ truth, predicted \}/]
  ])("checks %j", (input, message) => {
    if (message === null) expect(() => predictionChart(input as never)).not.toThrow();
    else expect(() => predictionChart(input as never)).toThrow(message);
  });

  it("escapes hostile quantity names", () => {
    const svg = predictionChart({
      truth: { "<script>x</script>": [1] },
      predicted: { "<script>x</script>": [1] }
    }).toSVG();
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&lt;script&gt;");
  });
});
