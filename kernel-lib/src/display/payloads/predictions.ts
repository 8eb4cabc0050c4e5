/**
 * Predictions payload (`application/vnd.pwmk.predictions.v1+json`): a world model's predictions
 * beside the ground truth, step by step, for a few named quantities (observation features,
 * positions, belief probabilities), drawn as one small chart per quantity with its mean absolute
 * error.
 *
 * ```ts
 * import { PREDICTIONS_V1, validatePayload } from "pwmk/payloads";
 * validatePayload(PREDICTIONS_V1, {
 *   version: "1.0",
 *   steps: [1, 2],
 *   quantities: [{ label: "room", truth: [0, 1], predicted: [0.1, 0.8] }]
 * }); // []
 * ```
 */
import type { PayloadKind } from "./kind";
import type { LineSeries } from "./line-chart";

/**
 * MIME type of predictions beside ground truth, major version 1.
 *
 * ```ts
 * pwmk.toMimeBundle(pwmk.predictionChart({ truth, predicted }))[PREDICTIONS_MIME];
 * ```
 */
export const PREDICTIONS_MIME = "application/vnd.pwmk.predictions.v1+json";

/**
 * One predicted quantity: its true and predicted value per step (`null`: none at that step).
 *
 * ```ts
 * const q: PredictedQuantity = { label: "sally x", truth: [1, 2], predicted: [1, 2.4] };
 * ```
 */
export interface PredictedQuantity {
  /** The quantity's name, e.g. "sally x". */
  label: string;
  /** The true value per step, aligned with `steps`. */
  truth: Array<number | null>;
  /** The predicted value per step. */
  predicted: Array<number | null>;
}

/**
 * The payload of {@link PREDICTIONS_MIME}.
 *
 * ```ts
 * const p: PredictionsPayload = { version: "1.0", steps: [1], quantities: [], xLabel: "step" };
 * ```
 */
export interface PredictionsPayload {
  /** The payload format's "major.minor" version; a reader accepts any minor of its major. */
  version: `1.${number}`;
  /** The heading shown above the view. */
  title?: string;
  /** Name of the x axis ("step" when absent). */
  xLabel?: string;
  /** The x value of each step. */
  steps: number[];
  /** One chart line pair (truth and prediction) per quantity. */
  quantities: PredictedQuantity[];
}

const TEXT = { type: "string", maxLength: 100_000 } as const;
const VALUES = { type: "array", items: { type: ["number", "null"] } } as const;

/**
 * The predictions kind: MIME type, version, JSON Schema and the rules beyond it (one true and
 * one predicted value per step, steps increasing).
 *
 * ```ts
 * readPayload(PREDICTIONS_V1, model.data[PREDICTIONS_MIME]);
 * ```
 */
export const PREDICTIONS_V1: PayloadKind<PredictionsPayload> = {
  name: "prediction chart",
  slug: "predictions",
  mime: PREDICTIONS_MIME,
  major: 1,
  version: "1.0",
  schema: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://pwmk.dev/schemas/predictions.v1.json",
    title: "PWMK predictions beside ground truth, format 1.x",
    type: "object",
    required: ["version", "steps", "quantities"],
    properties: {
      version: { type: "string", pattern: "^1\\.(0|[1-9][0-9]*)$" },
      title: TEXT,
      xLabel: TEXT,
      steps: { type: "array", maxItems: 100_000, items: { type: "number" } },
      quantities: {
        type: "array",
        maxItems: 64,
        items: {
          type: "object",
          required: ["label", "truth", "predicted"],
          properties: { label: TEXT, truth: VALUES, predicted: VALUES }
        }
      }
    }
  },
  rules: (payload) => {
    const problems: string[] = [];
    payload.steps.forEach((s, i) => {
      if (i > 0 && s <= payload.steps[i - 1])
        problems.push(`steps[${i}] ${s} does not come after ${payload.steps[i - 1]}`);
    });
    const n = payload.steps.length;
    payload.quantities.forEach((q, i) => {
      for (const part of ["truth", "predicted"] as const) {
        if (q[part].length !== n)
          problems.push(`quantities[${i}].${part} has ${q[part].length} values for ${n} steps`);
      }
    });
    return problems;
  }
};

/**
 * Mean absolute error of a quantity over the steps where both values exist (NaN when none).
 *
 * ```ts
 * meanAbsoluteError({ label: "x", truth: [1, 2], predicted: [1, 3] }); // 0.5
 * ```
 */
export function meanAbsoluteError(q: PredictedQuantity): number {
  let sum = 0;
  let count = 0;
  q.truth.forEach((t, i) => {
    const p = q.predicted[i];
    if (typeof t === "number" && typeof p === "number") {
      sum += Math.abs(p - t);
      count++;
    }
  });
  return count === 0 ? NaN : sum / count;
}

/**
 * One chart per quantity, ready for `layoutLineChart`: steps as x, the truth and the prediction
 * as two series, the quantity's mean absolute error in the title.
 *
 * ```ts
 * predictionCharts(payload)[0].title; // "room (mean abs. error 0.15)"
 * ```
 */
export function predictionCharts(
  payload: PredictionsPayload
): Array<{ title: string; x: number[]; series: LineSeries[] }> {
  return payload.quantities.map((q) => {
    const mae = meanAbsoluteError(q);
    const error = Number.isNaN(mae) ? "" : ` (mean abs. error ${Number(mae.toPrecision(3))})`;
    return {
      title: `${q.label}${error}`,
      x: payload.steps,
      series: [
        { label: "true", values: q.truth },
        { label: "predicted", values: q.predicted }
      ]
    };
  });
}
