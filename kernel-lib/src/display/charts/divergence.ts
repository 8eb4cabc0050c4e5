/**
 * Belief divergence over an episode as a notebook output: how far apart agents' beliefs are
 * (pairwise, and each agent against the true world) after each step. Reads the history that
 * `ProbabilisticBeliefs` records (Jensen–Shannon divergence), or measures disagreement of any
 * `BeliefTracker` over a list of events.
 */
import { inspect } from "util";
import type { AgentId, EpistemicEvent, Fluent } from "../../epistemic/events";
import type { BeliefTracker } from "../../epistemic/tracker";
import type { DivergenceRecord } from "../../epistemic/probabilistic/divergence";
import type { Displayable, MimeBundle } from "../bundle";
import { assertPayload } from "../payloads/kind";
import { formatNumber } from "../payloads/line-chart";
import {
  DIVERGENCE_MIME,
  DIVERGENCE_V1,
  divergenceChartInput,
  shortMeasure,
  type DivergencePayload
} from "../payloads/divergence";
import { chartGroup, chartHeight, htmlFallback, svgDocument } from "./svg-chart";
import { VEGA_LITE_MIME, vegaLiteLines } from "./vega-lite";

/** The name of the true world in divergence records. */
const WORLD = "world";
const JS_MEASURE = "Jensen–Shannon divergence (bits)";
const DISAGREEMENT = "disagreement (share of possible values not shared, mean over fluents)";

/**
 * What {@link divergenceChart} reads: a `ProbabilisticBeliefs` (its `divergenceHistory`), or the
 * records themselves (`{ step, label?, a, b, mean }`, one per pair and step).
 *
 * ```ts
 * const source: DivergenceSource = pb; // or pb.divergenceHistory, or trackDivergence(tracker, events)
 * ```
 */
export type DivergenceSource =
  | { readonly divergenceHistory: readonly DivergenceRecord[]; readonly measure?: string }
  | readonly DivergenceRecord[];

/**
 * What {@link trackDivergence} returns: the records and the name of what they measure.
 *
 * ```ts
 * const trace: DivergenceTrace = pwmk.trackDivergence(tracker, events);
 * trace.divergenceHistory.filter((r) => r.b === "world");
 * ```
 */
export interface DivergenceTrace {
  /** What the records measure, e.g. "Jensen–Shannon divergence (bits)". */
  readonly measure: string;
  /** One record per compared pair of chains at each step, in order. */
  readonly divergenceHistory: DivergenceRecord[];
}

/**
 * Options of {@link divergenceChart}.
 *
 * ```ts
 * const o: DivergenceChartOptions = { title: "Sally-Anne", fluent: "at(marble)" };
 * ```
 */
export interface DivergenceChartOptions {
  /** The chart's heading (default "Belief divergence"). */
  title?: string;
  /** Plot one fluent's divergence instead of the mean over fluents. */
  fluent?: Fluent;
  /** The measure's name (default: Jensen–Shannon for ProbabilisticBeliefs, or what the records came from). */
  measure?: string;
}

/**
 * Measures, step by step, how much each pair of perspectives disagrees while `events` are
 * applied to a copy of `tracker` (the tracker itself is not changed). Per fluent the disagreement
 * is the share of possible values the two do not share (0: same beliefs, 1: nothing in common);
 * records hold the mean over fluents and each fluent's value. Default pairs: every two agents,
 * and each agent against the world.
 *
 * ```ts
 * const trace = pwmk.trackDivergence(tracker, events);
 * pwmk.display(pwmk.divergenceChart(trace, { title: "Sally-Anne" }));
 * ```
 */
export function trackDivergence(
  tracker: BeliefTracker,
  events: readonly EpistemicEvent[],
  options: { pairs?: Array<[AgentId[], AgentId[]]>; fluents?: Fluent[] } = {}
): DivergenceTrace {
  if (typeof tracker?.clone !== "function" || typeof tracker.believedValues !== "function")
    throw new Error(
      "trackDivergence needs a belief tracker (ChainTracker, KripkeTracker or ProbabilisticBeliefs)"
    );
  if (!Array.isArray(events)) throw new Error("trackDivergence needs an array of events");
  const copy = tracker.clone();
  const agents = copy.agents;
  const pairs = options.pairs ?? defaultPairs(agents);
  const fluents = options.fluents ?? Object.keys(copy.groundTruth(1).perspectives[agents[0]] ?? {});
  const records: DivergenceRecord[] = [];
  const record = (step: number, label?: string) => {
    for (const [a, b] of pairs) {
      const perFluent: Record<Fluent, number> = {};
      for (const f of fluents)
        perFluent[f] = valueDistance(copy.believedValues(a, f), copy.believedValues(b, f));
      const values = Object.values(perFluent);
      const mean = values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : 0;
      const r: DivergenceRecord = { step, a: chainName(a), b: chainName(b), perFluent, mean };
      if (label !== undefined) r.label = label;
      records.push(r);
    }
  };
  record(0);
  events.forEach((event, i) => {
    try {
      copy.apply(event);
    } catch (error) {
      throw new Error(`trackDivergence: event ${i} was refused: ${(error as Error).message}`);
    }
    record(i + 1, event.label);
  });
  return { measure: DISAGREEMENT, divergenceHistory: records };
}

/**
 * Builds a divergence chart: one line per pair of perspectives over the steps, the events as
 * tooltips. Throws a clear error for a source it cannot read.
 *
 * ```ts
 * const pb = new pwmk.ProbabilisticBeliefs({ ... });
 * pb.apply(event);
 * pwmk.display(pwmk.divergenceChart(pb, { title: "Who drifts from the truth?" }));
 * ```
 */
export function divergenceChart(
  source: DivergenceSource,
  options: DivergenceChartOptions = {}
): DivergenceChart {
  const records = recordsOf(source);
  // ProbabilisticBeliefs records Jensen–Shannon divergences; a trace names its own measure.
  const measure =
    options.measure ??
    (Array.isArray(source) ? "divergence" : ((source as DivergenceTrace).measure ?? JS_MEASURE));
  const steps = [...new Set(records.map((r) => r.step))].sort((x, y) => x - y);
  const labels = new Map<number, string>();
  for (const r of records)
    if (r.label !== undefined && !labels.has(r.step)) labels.set(r.step, r.label);
  const pairKeys: string[] = [];
  const byPair = new Map<string, Map<number, number | null>>();
  for (const r of records) {
    const key = JSON.stringify([r.a, r.b]);
    if (!byPair.has(key)) {
      byPair.set(key, new Map());
      pairKeys.push(key);
    }
    const v = options.fluent === undefined ? r.mean : r.perFluent?.[options.fluent];
    byPair.get(key)!.set(r.step, typeof v === "number" && Number.isFinite(v) ? v : null);
  }
  if (
    options.fluent !== undefined &&
    [...byPair.values()].every((m) => [...m.values()].every((v) => v === null))
  )
    throw new Error(`divergenceChart: no record has the fluent ${inspect(options.fluent)}`);
  const payload: DivergencePayload = {
    version: "1.0",
    measure:
      options.fluent === undefined
        ? measure
        : `${measure.replace(/, mean over fluents/, "")} of ${options.fluent}`,
    max: 1,
    steps: steps.map((step) => (labels.has(step) ? { step, label: labels.get(step)! } : { step })),
    series: pairKeys.map((key) => {
      const [a, b] = JSON.parse(key) as [string, string];
      const values = byPair.get(key)!;
      return { a, b, values: steps.map((s) => values.get(s) ?? null) };
    })
  };
  if (options.title !== undefined) payload.title = String(options.title);
  return DivergenceChart.fromPayload(payload);
}

/**
 * True for divergence records {@link divergenceChart} reads (so `display(records)` works).
 *
 * ```ts
 * isDivergenceHistory(pb.divergenceHistory); // true
 * ```
 */
export function isDivergenceHistory(value: unknown): value is readonly DivergenceRecord[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (r) =>
        typeof r === "object" &&
        r !== null &&
        typeof r.step === "number" &&
        typeof r.a === "string" &&
        typeof r.b === "string" &&
        typeof r.mean === "number"
    )
  );
}

/**
 * A belief divergence chart; `pwmk.display(chart)` shows it.
 *
 * ```ts
 * chart.payload.series.map((s) => `${s.a} vs ${s.b}`);
 * ```
 */
export class DivergenceChart implements Displayable {
  private constructor(
    /** The JSON payload the extension draws (the divergence chart's MIME type), validated. */
    readonly payload: Readonly<DivergencePayload>
  ) {}

  /**
   * Validates a payload (throwing every problem) and wraps it.
   *
   * ```ts
   * DivergenceChart.fromPayload({ version: "1.0", measure: "m", steps: [], series: [] });
   * ```
   */
  static fromPayload(payload: unknown): DivergenceChart {
    assertPayload(DIVERGENCE_V1, payload);
    return new DivergenceChart(JSON.parse(JSON.stringify(payload)) as DivergencePayload);
  }

  /** Our payload, Vega-Lite, the SVG (also as HTML) and text. */
  toMimeBundle(): MimeBundle {
    const svg = this.toSVG();
    return {
      [DIVERGENCE_MIME]: JSON.parse(JSON.stringify(this.payload)),
      [VEGA_LITE_MIME]: this.toVegaLite(),
      "image/svg+xml": svg,
      "text/html": htmlFallback(svg, this.title()),
      "text/plain": this.toText()
    };
  }

  /** A Vega-Lite v5 line chart, the step's event in each tooltip. */
  toVegaLite(): Record<string, unknown> {
    const { x, series, yMax } = divergenceChartInput(this.payload);
    return vegaLiteLines(
      [
        {
          title: this.title(),
          x,
          series,
          yMin: 0,
          yMax,
          xNames: this.payload.steps.map((s) => s.label)
        }
      ],
      { xTitle: "step", yTitle: this.payload.measure, title: this.title() }
    );
  }

  /** The static chart. */
  toSVG(): string {
    const { x, series, yMax } = divergenceChartInput(this.payload);
    const spec = {
      x,
      series,
      yMin: 0,
      yMax,
      width: 560,
      height: 240,
      xLabel: "step",
      yLabel: shortMeasure(this.payload.measure)
    };
    return svgDocument(560, chartHeight(spec), [chartGroup(spec, 0, 0)], this.title());
  }

  /** One row per step: the event, then each pair's value. */
  toText(): string {
    const p = this.payload;
    const lines = [
      `${this.title()}: ${p.measure}, ${p.series.length} pairs over ${p.steps.length} steps`
    ];
    lines.push(["step", "event", ...p.series.map((s) => `${s.a} vs ${s.b}`)].join("\t"));
    p.steps.slice(0, 200).forEach((s, i) => {
      lines.push(
        [
          String(s.step),
          s.label ?? (s.step === 0 ? "(start)" : ""),
          ...p.series.map((x) => fmt(x.values[i]))
        ].join("\t")
      );
    });
    if (p.steps.length > 200) lines.push(`… ${p.steps.length - 200} more steps`);
    return lines.join("\n");
  }

  /** tslab and the Node REPL print the chart's text view instead of the object's fields. */
  [inspect.custom](): string {
    return this.toText();
  }

  private title(): string {
    return this.payload.title ?? "Belief divergence";
  }
}

function recordsOf(source: DivergenceSource): readonly DivergenceRecord[] {
  const records = Array.isArray(source)
    ? source
    : (source as { divergenceHistory?: unknown } | null)?.divergenceHistory;
  if (!Array.isArray(records))
    throw new Error(
      "divergenceChart needs a ProbabilisticBeliefs or divergence records ({ step, a, b, mean })"
    );
  if (records.length === 0)
    throw new Error(
      "divergenceChart: there are no divergence records (was divergence tracking off?)"
    );
  if (!isDivergenceHistory(records))
    throw new Error(
      "divergenceChart: every record needs step (number), a and b (strings) and mean (number)"
    );
  return records;
}

function defaultPairs(agents: readonly AgentId[]): Array<[AgentId[], AgentId[]]> {
  const pairs: Array<[AgentId[], AgentId[]]> = [];
  for (let i = 0; i < agents.length; i++)
    for (let j = i + 1; j < agents.length; j++) pairs.push([[agents[i]], [agents[j]]]);
  for (const a of agents) pairs.push([[a], []]);
  return pairs;
}

function chainName(chain: readonly AgentId[]): string {
  return chain.length === 0 ? WORLD : chain.join("/");
}

/** 1 − |A ∩ B| / |A ∪ B| over the possible values. */
function valueDistance(a: readonly unknown[], b: readonly unknown[]): number {
  const left = new Set(a.map((v) => JSON.stringify(v)));
  const right = new Set(b.map((v) => JSON.stringify(v)));
  const union = new Set([...left, ...right]);
  if (union.size === 0) return 0;
  let shared = 0;
  for (const v of left) if (right.has(v)) shared++;
  return 1 - shared / union.size;
}

function fmt(v: number | null | undefined): string {
  return typeof v === "number" ? formatNumber(v) : "–";
}
