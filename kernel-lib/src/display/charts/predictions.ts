/**
 * A world model's predictions beside the ground truth as a notebook output: one small chart per
 * quantity (true and predicted, step by step) with its mean absolute error.
 */
import { inspect } from "util";
import type { Displayable, MimeBundle } from "../bundle";
import { assertPayload } from "../payloads/kind";
import { formatNumber } from "../payloads/line-chart";
import {
  meanAbsoluteError,
  predictionCharts,
  PREDICTIONS_MIME,
  PREDICTIONS_V1,
  type PredictionsPayload
} from "../payloads/predictions";
import { chartGroup, chartHeight, htmlFallback, svgDocument } from "./svg-chart";
import { VEGA_LITE_MIME, vegaLiteLines } from "./vega-lite";

/** Quantities drawn unless `dims` picks others. */
const MAX_QUANTITIES = 16;

/**
 * Values per step: a vector per step (`truth[t][k]`, e.g. observations; typed arrays welcome),
 * a number per step, or named series (`{ "sally x": [..], "sally y": [..] }`).
 *
 * ```ts
 * const perStep: PredictionValues = [[0, 1], [1, 1]];
 * const named: PredictionValues = { "sally x": [1, 2] };
 * ```
 */
export type PredictionValues =
  | ReadonlyArray<ArrayLike<number> | number | null>
  | Readonly<Record<string, ReadonlyArray<number | null>>>;

/**
 * What {@link predictionChart} draws: the truth and the predictions in the same shape.
 *
 * ```ts
 * const input: PredictionInput = { truth: [[0, 1], [1, 1]], predicted: [[0.1, 0.9], [0.7, 1]], labels: ["room", "present"] };
 * ```
 */
export interface PredictionInput {
  /** What really happened, per step (or per named series). */
  truth: PredictionValues;
  /** What the model predicted, in the same shape as `truth`. */
  predicted: PredictionValues;
  /** Step numbers (default 1, 2, …). */
  steps?: readonly number[];
  /** Names of the vector components (default "0", "1", …). */
  labels?: readonly string[];
}

/**
 * Options of {@link predictionChart}.
 *
 * ```ts
 * const o: PredictionChartOptions = { title: "Sally's observation", dims: [0, 3], xLabel: "step" };
 * ```
 */
export interface PredictionChartOptions {
  /** The chart's heading. */
  title?: string;
  /** The name of the horizontal axis, e.g. "step". */
  xLabel?: string;
  /** Which vector components (indices) or named series to draw (default: all, at most 16). */
  dims?: ReadonlyArray<number | string>;
}

/**
 * Builds a chart of predictions against ground truth. Throws a clear error when the truth and
 * the predictions differ in shape, a value is not a number, or there are too many quantities.
 *
 * ```ts
 * const rollout = model.predictTrajectory(start, actions);
 * pwmk.display(pwmk.predictionChart({
 *   truth: steps.map((t) => data.observation(0, t + 1, 0)),
 *   predicted: rollout.map((step) => step[0]),
 *   labels: ["room", "present sally", "present anne", "marble seen in", "heard"]
 * }, { title: "Sally's observation, predicted" }));
 * ```
 */
export function predictionChart(
  input: PredictionInput,
  options: PredictionChartOptions = {}
): PredictionChart {
  if (typeof input !== "object" || input === null || !("truth" in input) || !("predicted" in input))
    throw new Error(
      "predictionChart needs { truth, predicted } (a vector or a number per step, or named series)"
    );
  const truth = columns(input.truth, "truth", input.labels);
  const predicted = columns(input.predicted, "predicted", input.labels);
  const steps = truth.length === 0 ? 0 : truth[0].values.length;
  const names = truth.map((c) => c.label);
  if (predicted.length !== truth.length || predicted.some((c, i) => c.label !== names[i]))
    throw new Error(
      `predictionChart: truth has ${truth.length} quantities (${names.slice(0, 5).join(", ")}) but predicted has ${predicted.length}`
    );
  for (const c of [...truth, ...predicted]) {
    if (c.values.length !== steps)
      throw new Error(
        `predictionChart: ${c.label} has ${c.values.length} steps, expected ${steps}`
      );
  }
  const stepNumbers = input.steps
    ? [...input.steps]
    : Array.from({ length: steps }, (_, i) => i + 1);
  if (stepNumbers.length !== steps)
    throw new Error(`predictionChart: ${stepNumbers.length} step numbers for ${steps} steps`);
  let picked = truth.map((_, i) => i);
  if (options.dims) {
    picked = options.dims.map((d) => {
      const i = typeof d === "number" ? d : names.indexOf(d);
      if (!Number.isInteger(i) || i < 0 || i >= names.length)
        throw new Error(
          `predictionChart: dims has ${inspect(d)}, which is not one of the ${names.length} quantities`
        );
      return i;
    });
  } else if (picked.length > MAX_QUANTITIES) {
    throw new Error(
      `predictionChart: ${picked.length} quantities are too many for one picture; pick up to ${MAX_QUANTITIES} with { dims: [...] }`
    );
  }
  const payload: PredictionsPayload = {
    version: "1.0",
    steps: stepNumbers,
    quantities: picked.map((i) => ({
      label: names[i],
      truth: truth[i].values,
      predicted: predicted[i].values
    }))
  };
  if (options.title !== undefined) payload.title = String(options.title);
  if (options.xLabel !== undefined) payload.xLabel = String(options.xLabel);
  return PredictionChart.fromPayload(payload);
}

/**
 * True for `{ truth, predicted }` objects, so `display(x)` draws them.
 *
 * ```ts
 * isPredictionInput({ truth: [1, 2], predicted: [1, 2.5] }); // true
 * ```
 */
export function isPredictionInput(value: unknown): value is PredictionInput {
  return typeof value === "object" && value !== null && "truth" in value && "predicted" in value;
}

/**
 * Predictions beside the ground truth; `pwmk.display(chart)` shows it.
 *
 * ```ts
 * chart.payload.quantities.map((q) => q.label);
 * ```
 */
export class PredictionChart implements Displayable {
  private constructor(
    /** The JSON payload the extension draws (the prediction chart's MIME type), validated. */
    readonly payload: Readonly<PredictionsPayload>
  ) {}

  /**
   * Validates a payload (throwing every problem) and wraps it.
   *
   * ```ts
   * PredictionChart.fromPayload({ version: "1.0", steps: [], quantities: [] });
   * ```
   */
  static fromPayload(payload: unknown): PredictionChart {
    assertPayload(PREDICTIONS_V1, payload);
    return new PredictionChart(JSON.parse(JSON.stringify(payload)) as PredictionsPayload);
  }

  /** Our payload, Vega-Lite, the SVG (also as HTML) and text. */
  toMimeBundle(): MimeBundle {
    const svg = this.toSVG();
    const bundle: MimeBundle = {
      [PREDICTIONS_MIME]: JSON.parse(JSON.stringify(this.payload)),
      "image/svg+xml": svg,
      "text/html": htmlFallback(svg, this.title()),
      "text/plain": this.toText()
    };
    if (this.payload.quantities.length > 0) bundle[VEGA_LITE_MIME] = this.toVegaLite();
    return bundle;
  }

  /** A Vega-Lite v5 spec: one chart per quantity, three to a row. */
  toVegaLite(): Record<string, unknown> {
    return vegaLiteLines(predictionCharts(this.payload), {
      xTitle: this.xLabel(),
      title: this.title()
    });
  }

  /** The static picture: one chart per quantity, three to a row. */
  toSVG(): string {
    const specs = predictionCharts(this.payload).map((c) => ({
      ...c,
      xLabel: this.xLabel(),
      width: 300,
      height: 170
    }));
    const rowHeight = Math.max(40, ...specs.map(chartHeight));
    const groups = specs.map((s, i) => chartGroup(s, (i % 3) * 310, Math.floor(i / 3) * rowHeight));
    const rows = Math.max(1, Math.ceil(specs.length / 3));
    return svgDocument(
      Math.min(3, Math.max(1, specs.length)) * 310,
      rows * rowHeight,
      groups,
      this.title()
    );
  }

  /** One line per quantity with its error, then the values step by step (true / predicted). */
  toText(): string {
    const p = this.payload;
    const lines = [
      `${this.title()}: ${p.quantities.length} quantities over ${p.steps.length} steps`
    ];
    for (const q of p.quantities)
      lines.push(`  ${q.label}: mean absolute error ${fmt(meanAbsoluteError(q))}`);
    lines.push(
      [this.xLabel(), ...p.quantities.map((q) => `${q.label} (true / predicted)`)].join("\t")
    );
    p.steps.slice(0, 100).forEach((s, i) => {
      lines.push(
        [String(s), ...p.quantities.map((q) => `${fmt(q.truth[i])} / ${fmt(q.predicted[i])}`)].join(
          "\t"
        )
      );
    });
    return lines.join("\n");
  }

  /** tslab and the Node REPL print the chart's text view instead of the object's fields. */
  [inspect.custom](): string {
    return this.toText();
  }

  private title(): string {
    return this.payload.title ?? "Predicted against true";
  }

  private xLabel(): string {
    return this.payload.xLabel ?? "step";
  }
}

/** The quantities of one side as named columns of values per step. */
function columns(
  values: PredictionValues,
  side: string,
  labels?: readonly string[]
): Array<{ label: string; values: Array<number | null> }> {
  if (Array.isArray(values)) {
    const rows = values as ReadonlyArray<ArrayLike<number> | number | null>;
    rows.forEach((r, t) => {
      if (
        r !== null &&
        typeof r !== "number" &&
        (typeof r !== "object" || typeof r.length !== "number")
      )
        throw new Error(
          `predictionChart: ${side}[${t}] is ${inspect(r)}, not a number or a vector`
        );
    });
    const width = rows.reduce<number>(
      (w, r) => Math.max(w, typeof r === "number" || r === null ? 1 : (r.length ?? 0)),
      0
    );
    if (rows.length > 0 && width === 0)
      throw new Error(`predictionChart: ${side} holds no numbers`);
    if (labels && labels.length !== width)
      throw new Error(`predictionChart: ${labels.length} labels for ${width} components`);
    return Array.from({ length: width }, (_, k) => ({
      label: labels?.[k] ?? String(k),
      values: rows.map((r, t) => {
        const v = typeof r === "number" || r === null ? (k === 0 ? r : null) : r[k];
        return number(v, `${side}[${t}]${typeof r === "number" ? "" : `[${k}]`}`);
      })
    }));
  }
  if (typeof values !== "object" || values === null)
    throw new Error(
      `predictionChart: ${side} must be an array of steps or named series, got ${inspect(values)}`
    );
  return Object.entries(values).map(([label, series]) => {
    if (!Array.isArray(series))
      throw new Error(`predictionChart: ${side}.${label} must be an array`);
    return { label, values: series.map((v, t) => number(v, `${side}.${label}[${t}]`)) };
  });
}

function number(v: unknown, where: string): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== "number" || Number.isNaN(v))
    throw new Error(`predictionChart: ${where} is ${inspect(v)}, not a number`);
  if (!Number.isFinite(v)) throw new Error(`predictionChart: ${where} is ${v}`);
  return v;
}

function fmt(v: number | null | undefined): string {
  return typeof v === "number" && !Number.isNaN(v) ? formatNumber(v) : "–";
}
