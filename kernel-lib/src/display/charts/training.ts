/**
 * Training histories as notebook outputs: a dashboard of line charts (loss, belief accuracy,
 * other metrics) per epoch, with our payload, Vega-Lite, a static SVG and text.
 */
import { inspect } from "util";
import type { Displayable, MimeBundle } from "../bundle";
import { assertPayload } from "../payloads/kind";
import {
  TRAINING_HISTORY_MIME,
  TRAINING_HISTORY_V1,
  trainingPanels,
  trainingProgress,
  type TrainingEpochRecord,
  type TrainingHistoryPayload,
  type TrainingMetric,
  type TrainingPanel
} from "../payloads/training-history";
import { VEGA_LITE_MIME, vegaLiteLines } from "./vega-lite";
import { chartGroup, chartHeight, htmlFallback, svgDocument } from "./svg-chart";

/**
 * What {@link trainingChart} reads: per-epoch records (`{ epoch, loss, valLoss, beliefAccuracy }`,
 * nested objects such as `{ train: { loss } }` flattened to "train.loss"), an object holding them
 * under `epochs` or `history` (a trainer's history), or columns (`{ loss: [..], valLoss: [..] }`,
 * Keras style). Numbers are metrics; other fields are ignored; `epoch` defaults to 1, 2, ….
 *
 * ```ts
 * const h: TrainingHistoryInput = [{ epoch: 1, loss: 0.9 }, { epoch: 2, loss: 0.6 }];
 * ```
 */
export type TrainingHistoryInput =
  | ReadonlyArray<Record<string, unknown>>
  | { readonly epochs: ReadonlyArray<Record<string, unknown>> }
  | { readonly history: ReadonlyArray<Record<string, unknown>> }
  | Readonly<Record<string, ReadonlyArray<number | null>>>;

/**
 * Options of {@link trainingChart}.
 *
 * ```ts
 * const o: TrainingChartOptions = { title: "World model", totalEpochs: 20, panels: { lr: "other" } };
 * ```
 */
export interface TrainingChartOptions {
  /** The chart's heading (default "Training"). */
  title?: string;
  /** Planned number of epochs (shows progress "epoch 3/20"). */
  totalEpochs?: number;
  /** True when training has finished. */
  done?: boolean;
  /** Panel of a metric key, where the name does not say it (names ending in "loss" or "accuracy"/"acc" do). */
  panels?: Record<string, TrainingPanel>;
  /** Display labels for metric keys (default: "valLoss" reads "val loss"). */
  labels?: Record<string, string>;
  /** Metric keys to leave out (default: "steps" and "seconds", a trainer's bookkeeping). */
  exclude?: string[];
}

/**
 * Builds a training dashboard from a history. Throws a clear error for a history it cannot
 * read (not per-epoch records or columns, no numeric metric, non-increasing epochs).
 *
 * ```ts
 * const chart = pwmk.trainingChart([
 *   { epoch: 1, loss: 0.92, valLoss: 0.95, beliefAccuracy: 0.41 },
 *   { epoch: 2, loss: 0.61, valLoss: 0.7, beliefAccuracy: 0.66 }
 * ], { title: "World model" });
 * pwmk.display(chart);
 * ```
 */
export function trainingChart(
  history: TrainingHistoryInput,
  options: TrainingChartOptions = {}
): TrainingChart {
  return TrainingChart.fromPayload(trainingPayload(history, options));
}

/**
 * True for values {@link trainingChart} can read, so `display(x)` can take a history directly.
 *
 * ```ts
 * isTrainingHistory([{ epoch: 1, loss: 0.5 }]); // true
 * ```
 */
export function isTrainingHistory(value: unknown): value is TrainingHistoryInput {
  try {
    return recordsOf(value as TrainingHistoryInput).some((r) =>
      Object.keys(flatten(r)).some((k) => k !== "epoch")
    );
  } catch {
    return false;
  }
}

/**
 * A training dashboard; `pwmk.display(chart)` shows it.
 *
 * ```ts
 * chart.payload.epochs.length; // epochs so far
 * chart.toMimeBundle()["application/vnd.vegalite.v5+json"]; // the Vega-Lite spec
 * ```
 */
export class TrainingChart implements Displayable {
  private constructor(
    /** The JSON payload the extension draws (the training chart's MIME type), validated. */
    readonly payload: Readonly<TrainingHistoryPayload>
  ) {}

  /**
   * Validates a payload (throwing every problem) and wraps it.
   *
   * ```ts
   * TrainingChart.fromPayload({ version: "1.0", metrics: [], epochs: [] });
   * ```
   */
  static fromPayload(payload: unknown): TrainingChart {
    assertPayload(TRAINING_HISTORY_V1, payload);
    return new TrainingChart(JSON.parse(JSON.stringify(payload)) as TrainingHistoryPayload);
  }

  /** Our payload, Vega-Lite (once there is an epoch), the SVG (also as HTML) and text. */
  toMimeBundle(): MimeBundle {
    const svg = this.toSVG();
    const bundle: MimeBundle = {
      [TRAINING_HISTORY_MIME]: JSON.parse(JSON.stringify(this.payload)),
      "image/svg+xml": svg,
      "text/html": htmlFallback(svg, this.title()),
      "text/plain": this.toText()
    };
    // Vega-Lite cannot draw zero charts; a live dashboard before its first epoch has none.
    if (this.payload.epochs.length > 0) bundle[VEGA_LITE_MIME] = this.toVegaLite();
    return bundle;
  }

  /** A Vega-Lite v5 spec: one line chart per panel, side by side. */
  toVegaLite(): Record<string, unknown> {
    return vegaLiteLines(
      trainingPanels(this.payload).map((p) => ({
        title: p.title,
        x: p.x,
        series: p.series,
        yMin: p.yMin,
        yMax: p.yMax
      })),
      { xTitle: "epoch", title: this.title() }
    );
  }

  /** The static dashboard: one chart per panel, side by side. */
  toSVG(): string {
    const panels = trainingPanels(this.payload);
    const specs = panels.map((p) => ({ ...p, xLabel: "epoch", width: 360, height: 220 }));
    const height = Math.max(60, ...specs.map(chartHeight));
    const groups = specs.map((s, i) => chartGroup(s, i * 370, 0));
    if (groups.length === 0)
      groups.push(
        `<text x="8" y="30" font-family="sans-serif" font-size="12" fill="#555">no epochs yet</text>`
      );
    return svgDocument(
      Math.max(370, specs.length * 370),
      height,
      groups,
      `${this.title()}: ${trainingProgress(this.payload)}`
    );
  }

  /** A summary line and a table of the last epochs. */
  toText(): string {
    const p = this.payload;
    const lines = [`${this.title()}: ${trainingProgress(p)}`];
    const shown = p.epochs.slice(-10);
    if (shown.length > 0) {
      const keys = p.metrics.map((m) => m.key);
      lines.push(["epoch", ...p.metrics.map((m) => m.label ?? m.key)].join("\t"));
      for (const e of shown) {
        lines.push([String(e.epoch), ...keys.map((k) => fmt(e.values[k]))].join("\t"));
      }
      if (p.epochs.length > shown.length)
        lines.splice(1, 0, `(last ${shown.length} of ${p.epochs.length} epochs)`);
    }
    return lines.join("\n");
  }

  /** tslab and the Node REPL print the chart's text view instead of the object's fields. */
  [inspect.custom](): string {
    return this.toText();
  }

  private title(): string {
    return this.payload.title ?? "Training";
  }
}

function base(
  options: TrainingChartOptions,
  metrics: TrainingMetric[],
  epochs: TrainingEpochRecord[]
): TrainingHistoryPayload {
  const payload: TrainingHistoryPayload = { version: "1.0", metrics, epochs };
  if (options.title !== undefined) payload.title = String(options.title);
  if (options.totalEpochs !== undefined) payload.totalEpochs = options.totalEpochs;
  if (options.done !== undefined) payload.done = options.done;
  return payload;
}

/**
 * The payload of a history (see {@link TrainingHistoryInput}); throws naming what it cannot read.
 *
 * ```ts
 * trainingPayload({ loss: [0.9, 0.5] }).epochs; // [{ epoch: 1, values: { loss: 0.9 } }, …]
 * ```
 */
export function trainingPayload(
  history: TrainingHistoryInput,
  options: TrainingChartOptions & { allowEmpty?: boolean } = {}
): TrainingHistoryPayload {
  const records = recordsOf(history);
  if (records.length === 0) {
    const planned = (history as { totalEpochs?: unknown }).totalEpochs;
    if (
      options.totalEpochs === undefined &&
      typeof planned === "number" &&
      Number.isInteger(planned)
    )
      options = { ...options, totalEpochs: planned };
    if (options.allowEmpty) return base(options, [], []);
    throw new Error("trainingChart: the history has no epochs");
  }
  const exclude = new Set(["epoch", ...(options.exclude ?? ["steps", "seconds"])]);
  // A trainer's history knows how many epochs were asked for.
  const planned = (history as { totalEpochs?: unknown }).totalEpochs;
  if (options.totalEpochs === undefined && typeof planned === "number" && Number.isInteger(planned))
    options = { ...options, totalEpochs: planned };
  const keys: string[] = [];
  const epochs = records.map((record, i) => {
    const flat = flatten(record);
    const epoch = record.epoch ?? i + 1;
    if (typeof epoch !== "number" || !Number.isFinite(epoch))
      throw new Error(`trainingChart: epoch ${i} has epoch ${inspect(epoch)}, not a number`);
    const values: Record<string, number | null> = {};
    for (const [key, value] of Object.entries(flat)) {
      if (exclude.has(key)) continue;
      if (!keys.includes(key)) keys.push(key);
      values[key] = Number.isFinite(value) ? value : null;
    }
    return { epoch, values };
  });
  if (keys.length === 0)
    throw new Error("trainingChart: the history holds no numeric metric (e.g. loss)");
  const metrics = keys.map((key) => ({
    key,
    label: options.labels?.[key] ?? words(key),
    panel: options.panels?.[key] ?? panelOf(key)
  }));
  const payload = base(options, metrics, epochs);
  assertPayload(TRAINING_HISTORY_V1, payload);
  return payload;
}

/**
 * The per-epoch records of any {@link TrainingHistoryInput} (columns turned into rows).
 *
 * ```ts
 * recordsOf({ loss: [0.9, 0.5] }); // [{ loss: 0.9 }, { loss: 0.5 }]
 * ```
 */
export function recordsOf(history: TrainingHistoryInput): ReadonlyArray<Record<string, unknown>> {
  if (Array.isArray(history)) {
    history.forEach((r, i) => {
      if (typeof r !== "object" || r === null || Array.isArray(r))
        throw new Error(
          `trainingChart: epoch ${i} must be an object of metrics, got ${inspect(r)}`
        );
    });
    return history;
  }
  if (typeof history !== "object" || history === null)
    throw new Error(
      "trainingChart needs per-epoch records, { epochs: [...] } or columns { loss: [...] }"
    );
  const h = history as Record<string, unknown>;
  for (const field of ["epochs", "history"]) {
    if (Array.isArray(h[field]))
      return recordsOf(h[field] as ReadonlyArray<Record<string, unknown>>);
  }
  // A trainer: its history object holds the epochs.
  const inner = h.history as { epochs?: unknown } | undefined;
  if (typeof inner === "object" && inner !== null && Array.isArray(inner.epochs))
    return recordsOf(inner.epochs as ReadonlyArray<Record<string, unknown>>);
  const columns = Object.entries(h);
  if (columns.length === 0 || !columns.every(([, c]) => Array.isArray(c)))
    throw new Error(
      "trainingChart needs per-epoch records, { epochs: [...] } or columns { loss: [...] }"
    );
  const length = Math.max(...columns.map(([, c]) => (c as unknown[]).length));
  return Array.from({ length }, (_, i) =>
    Object.fromEntries(columns.map(([k, c]) => [k, (c as unknown[])[i] ?? null]))
  );
}

/** Numeric fields of a record, nested objects flattened with dots ("train.loss"). */
function flatten(
  record: Record<string, unknown>,
  prefix = "",
  out: Record<string, number> = {},
  depth = 0
): Record<string, number> {
  for (const [key, value] of Object.entries(record)) {
    const name = prefix + key;
    if (typeof value === "number") out[name] = value;
    else if (value === null && prefix === "" && key !== "epoch") out[name] = NaN;
    else if (typeof value === "object" && value !== null && !Array.isArray(value) && depth < 2)
      flatten(value as Record<string, unknown>, `${name}.`, out, depth + 1);
  }
  return out;
}

function panelOf(key: string): TrainingPanel {
  if (/loss$/i.test(key)) return "loss";
  if (/(accuracy|acc)$/i.test(key)) return "accuracy";
  return "other";
}

/** "valLoss" → "val loss", "train.obs_loss" → "train obs loss". */
function words(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[._]+/g, " ")
    .toLowerCase()
    .trim();
}

function fmt(v: number | null | undefined): string {
  return typeof v === "number" ? String(Number(v.toPrecision(4))) : "–";
}
