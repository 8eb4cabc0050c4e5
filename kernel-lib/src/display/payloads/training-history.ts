/**
 * Training history payload (`application/vnd.pwmk.training-history.v1+json`): per-epoch metrics
 * of a training run (losses, belief accuracies, throughput), drawn as a dashboard of line
 * charts. Also its panel layout, shared by the kernel's static SVG and the extension's renderer.
 * Imports nothing outside this folder.
 *
 * ```ts
 * import { TRAINING_HISTORY_V1, validatePayload } from "pwmk/payloads";
 * validatePayload(TRAINING_HISTORY_V1, {
 *   version: "1.0",
 *   metrics: [{ key: "loss", panel: "loss" }],
 *   epochs: [{ epoch: 1, values: { loss: 0.7 } }]
 * }); // []
 * ```
 */
import type { PayloadKind } from "./kind";
import type { LineSeries } from "./line-chart";

/**
 * MIME type of a training history, major version 1.
 *
 * ```ts
 * pwmk.toMimeBundle(pwmk.trainingChart(history))[TRAINING_HISTORY_MIME];
 * ```
 */
export const TRAINING_HISTORY_MIME = "application/vnd.pwmk.training-history.v1+json";

/**
 * Which chart of the dashboard a metric goes to: losses share one y axis, accuracies (0 to 1)
 * another, anything else (steps per second, learning rate) a third.
 *
 * ```ts
 * const p: TrainingPanel = "accuracy";
 * ```
 */
export type TrainingPanel = "loss" | "accuracy" | "other";

/**
 * One metric of the history: its key in each epoch's `values`, a label, and its panel.
 *
 * ```ts
 * const m: TrainingMetric = { key: "valLoss", label: "validation loss", panel: "loss" };
 * ```
 */
export interface TrainingMetric {
  /** The metric's key in each epoch's `values`, e.g. "valLoss". */
  key: string;
  /** Its name in the legend (the key when absent). */
  label?: string;
  /** The chart it goes to. */
  panel: TrainingPanel;
}

/**
 * One epoch's record: its number and a value per metric key (`null`: not measured that epoch).
 *
 * ```ts
 * const e: TrainingEpochRecord = { epoch: 3, values: { loss: 0.41, valLoss: null } };
 * ```
 */
export interface TrainingEpochRecord {
  /** The epoch's number (1 for the first). */
  epoch: number;
  /** Each metric's value by key (`null`: not measured this epoch). */
  values: Record<string, number | null>;
}

/**
 * The payload of {@link TRAINING_HISTORY_MIME}. `totalEpochs` (planned) and `done` let a live
 * dashboard show progress while a run is going.
 *
 * ```ts
 * const p: TrainingHistoryPayload = { version: "1.0", metrics: [], epochs: [], totalEpochs: 20, done: false };
 * ```
 */
export interface TrainingHistoryPayload {
  /** The payload format's "major.minor" version; a reader accepts any minor of its major. */
  version: `1.${number}`;
  /** The heading shown above the view. */
  title?: string;
  /** The metrics, in legend order. */
  metrics: TrainingMetric[];
  /** One record per finished epoch, in order. */
  epochs: TrainingEpochRecord[];
  /** Planned number of epochs (shows progress "epoch 3/20"). */
  totalEpochs?: number;
  /** True when training has finished. */
  done?: boolean;
}

const LABEL = { type: "string", maxLength: 100_000 } as const;

/**
 * The training-history kind: MIME type, version, JSON Schema and the rules beyond it (metric
 * keys unique, every value's key a declared metric, epochs increasing).
 *
 * ```ts
 * readPayload(TRAINING_HISTORY_V1, model.data[TRAINING_HISTORY_MIME]);
 * ```
 */
export const TRAINING_HISTORY_V1: PayloadKind<TrainingHistoryPayload> = {
  name: "training history",
  slug: "training-history",
  mime: TRAINING_HISTORY_MIME,
  major: 1,
  version: "1.0",
  schema: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://pwmk.dev/schemas/training-history.v1.json",
    title: "PWMK training history, format 1.x",
    type: "object",
    required: ["version", "metrics", "epochs"],
    properties: {
      version: { type: "string", pattern: "^1\\.(0|[1-9][0-9]*)$" },
      title: LABEL,
      metrics: {
        type: "array",
        maxItems: 64,
        items: {
          type: "object",
          required: ["key", "panel"],
          properties: {
            key: { type: "string", minLength: 1, maxLength: 100_000 },
            label: LABEL,
            panel: { enum: ["loss", "accuracy", "other"] }
          }
        }
      },
      epochs: {
        type: "array",
        maxItems: 100_000,
        items: {
          type: "object",
          required: ["epoch", "values"],
          properties: {
            epoch: { type: "number" },
            values: { type: "object", additionalProperties: { type: ["number", "null"] } }
          }
        }
      },
      totalEpochs: { type: "integer", minimum: 0 },
      done: { type: "boolean" }
    }
  },
  rules: (payload) => {
    const problems: string[] = [];
    const keys = new Set<string>();
    payload.metrics.forEach((m, i) => {
      if (keys.has(m.key)) problems.push(`metrics[${i}].key "${m.key.slice(0, 40)}" is used twice`);
      keys.add(m.key);
    });
    payload.epochs.forEach((e, i) => {
      for (const key of Object.keys(e.values)) {
        if (!keys.has(key))
          problems.push(`epochs[${i}].values has "${key.slice(0, 40)}", which no metric declares`);
      }
      if (i > 0 && e.epoch <= payload.epochs[i - 1].epoch)
        problems.push(
          `epochs[${i}].epoch ${e.epoch} does not come after ${payload.epochs[i - 1].epoch}`
        );
    });
    return problems;
  }
};

/**
 * One chart of the dashboard, ready for `layoutLineChart`: its title, the epochs as x, a series
 * per metric, and a fixed 0–1 range for accuracies.
 *
 * ```ts
 * const panels = trainingPanels(payload);
 * layoutLineChart({ x: panels[0].x, series: panels[0].series, yMin: panels[0].yMin, yMax: panels[0].yMax });
 * ```
 */
export interface TrainingPanelLayout {
  /** Which chart. */
  panel: TrainingPanel;
  /** Its title. */
  title: string;
  /** The epochs. */
  x: number[];
  /** One line per metric of the panel. */
  series: LineSeries[];
  /** 0 for accuracies; absent: fit the data. */
  yMin?: number;
  /** 1 for accuracies; absent: fit the data. */
  yMax?: number;
}

const PANEL_TITLES: Record<TrainingPanel, string> = {
  loss: "Loss",
  accuracy: "Accuracy",
  other: "Other metrics"
};

/**
 * The dashboard's charts, in order loss, accuracy, other, leaving out panels with no metric.
 *
 * ```ts
 * trainingPanels(payload).map((p) => p.title); // ["Loss", "Accuracy"]
 * ```
 */
export function trainingPanels(payload: TrainingHistoryPayload): TrainingPanelLayout[] {
  const x = payload.epochs.map((e) => e.epoch);
  return (["loss", "accuracy", "other"] as const)
    .map((panel) => {
      const metrics = payload.metrics.filter((m) => m.panel === panel);
      const series = metrics.map((m) => ({
        label: m.label ?? m.key,
        values: payload.epochs.map((e) => e.values[m.key] ?? null)
      }));
      const layout: TrainingPanelLayout = { panel, title: PANEL_TITLES[panel], x, series };
      if (panel === "accuracy") Object.assign(layout, { yMin: 0, yMax: 1 });
      return layout;
    })
    .filter((p) => p.series.length > 0);
}

/**
 * A one-line progress summary: the last epoch and its metrics, e.g. "epoch 3/10 · loss 0.41".
 *
 * ```ts
 * trainingProgress(payload); // "epoch 3/10 · loss 0.41 · belief accuracy 0.8"
 * ```
 */
export function trainingProgress(payload: TrainingHistoryPayload): string {
  const last = payload.epochs[payload.epochs.length - 1];
  if (!last) return payload.done ? "no epochs" : "waiting for the first epoch";
  const of = payload.totalEpochs !== undefined ? `/${payload.totalEpochs}` : "";
  const parts = payload.metrics
    .filter((m) => typeof last.values[m.key] === "number")
    .map(
      (m) => `${m.label ?? m.key} ${String(Number((last.values[m.key] as number).toPrecision(4)))}`
    );
  return [`epoch ${last.epoch}${of}`, ...parts].join(" · ") + (payload.done ? " (done)" : "");
}
