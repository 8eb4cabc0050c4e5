/**
 * Belief divergence payload (`application/vnd.pwmk.divergence.v1+json`): how far apart agents'
 * beliefs are, step by step through an episode, per pair of perspectives (two agents, or an
 * agent and the true world), drawn as a line chart with the steps' events on the x axis.
 *
 * ```ts
 * import { DIVERGENCE_V1, validatePayload } from "pwmk/payloads";
 * validatePayload(DIVERGENCE_V1, {
 *   version: "1.0",
 *   measure: "disagreement",
 *   steps: [{ step: 0 }, { step: 1, label: "anne moves the marble" }],
 *   series: [{ a: "sally", b: "world", values: [0, 1] }]
 * }); // []
 * ```
 */
import type { PayloadKind } from "./kind";
import type { LineSeries } from "./line-chart";

/**
 * MIME type of a belief-divergence history, major version 1.
 *
 * ```ts
 * pwmk.toMimeBundle(pwmk.divergenceChart(pb))[DIVERGENCE_MIME];
 * ```
 */
export const DIVERGENCE_MIME = "application/vnd.pwmk.divergence.v1+json";

/**
 * One step of the episode: its number (0 is the start) and the event that led to it.
 *
 * ```ts
 * const s: DivergenceStep = { step: 2, label: "sally leaves" };
 * ```
 */
export interface DivergenceStep {
  /** The step's number (0 is the start). */
  step: number;
  /** The event that led to it. */
  label?: string;
}

/**
 * The divergence between perspectives `a` and `b` after each step ("world" names the truth;
 * nested perspectives are written "anne/sally").
 *
 * ```ts
 * const s: DivergenceSeries = { a: "sally", b: "anne", values: [0, 0, 1] };
 * ```
 */
export interface DivergenceSeries {
  /** One perspective: an agent, a nested chain "anne/sally", or "world". */
  a: string;
  /** The other perspective, written like `a`. */
  b: string;
  /** The divergence after each step, aligned with `steps` (`null`: not measured then). */
  values: Array<number | null>;
}

/**
 * The payload of {@link DIVERGENCE_MIME}. `measure` names the quantity ("Jensen–Shannon
 * divergence (bits)", "share of fluents in disagreement"); `max`, when known, fixes the y range.
 *
 * ```ts
 * const p: DivergencePayload = { version: "1.0", measure: "disagreement", max: 1, steps: [], series: [] };
 * ```
 */
export interface DivergencePayload {
  /** The payload format's "major.minor" version; a reader accepts any minor of its major. */
  version: `1.${number}`;
  /** The heading shown above the view. */
  title?: string;
  /** The quantity's name, e.g. "Jensen–Shannon divergence (bits)". */
  measure: string;
  /** The largest possible value (fixes the y range), when known. */
  max?: number;
  /** The steps, in order. */
  steps: DivergenceStep[];
  /** One line per pair of perspectives. */
  series: DivergenceSeries[];
}

const TEXT = { type: "string", maxLength: 100_000 } as const;

/**
 * The divergence kind: MIME type, version, JSON Schema and the rules beyond it (one value per
 * step in every series, steps increasing, no pair twice).
 *
 * ```ts
 * readPayload(DIVERGENCE_V1, model.data[DIVERGENCE_MIME]);
 * ```
 */
export const DIVERGENCE_V1: PayloadKind<DivergencePayload> = {
  name: "belief divergence chart",
  slug: "divergence",
  mime: DIVERGENCE_MIME,
  major: 1,
  version: "1.0",
  schema: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://pwmk.dev/schemas/divergence.v1.json",
    title: "PWMK belief divergence history, format 1.x",
    type: "object",
    required: ["version", "measure", "steps", "series"],
    properties: {
      version: { type: "string", pattern: "^1\\.(0|[1-9][0-9]*)$" },
      title: TEXT,
      measure: TEXT,
      max: { type: "number", minimum: 0 },
      steps: {
        type: "array",
        maxItems: 100_000,
        items: {
          type: "object",
          required: ["step"],
          properties: { step: { type: "number" }, label: TEXT }
        }
      },
      series: {
        type: "array",
        maxItems: 500,
        items: {
          type: "object",
          required: ["a", "b", "values"],
          properties: {
            a: { type: "string", minLength: 1, maxLength: 100_000 },
            b: { type: "string", minLength: 1, maxLength: 100_000 },
            values: { type: "array", items: { type: ["number", "null"] } }
          }
        }
      }
    }
  },
  rules: (payload) => {
    const problems: string[] = [];
    payload.steps.forEach((s, i) => {
      if (i > 0 && s.step <= payload.steps[i - 1].step)
        problems.push(
          `steps[${i}].step ${s.step} does not come after ${payload.steps[i - 1].step}`
        );
    });
    const pairs = new Set<string>();
    payload.series.forEach((s, i) => {
      if (s.values.length !== payload.steps.length)
        problems.push(
          `series[${i}] has ${s.values.length} values for ${payload.steps.length} steps`
        );
      const key = JSON.stringify([s.a, s.b]);
      if (pairs.has(key))
        problems.push(`series[${i}] repeats the pair ${s.a.slice(0, 40)} vs ${s.b.slice(0, 40)}`);
      pairs.add(key);
    });
    return problems;
  }
};

/**
 * The chart of a divergence payload, ready for `layoutLineChart`: steps as x, one series per
 * pair labelled "a vs b".
 *
 * ```ts
 * const { x, series, yMax } = divergenceChartInput(payload);
 * layoutLineChart({ x, series, yMin: 0, yMax });
 * ```
 */
export function divergenceChartInput(payload: DivergencePayload): {
  x: number[];
  series: LineSeries[];
  yMax?: number;
} {
  return {
    x: payload.steps.map((s) => s.step),
    series: payload.series.map((s) => ({ label: `${s.a} vs ${s.b}`, values: s.values })),
    yMax: payload.max
  };
}

/**
 * The measure's name without its parenthesised detail, short enough for an axis title.
 *
 * ```ts
 * shortMeasure("Jensen–Shannon divergence (bits)"); // "Jensen–Shannon divergence"
 * ```
 */
export function shortMeasure(measure: string): string {
  return measure.replace(/\s*\(.*\)/, "");
}
