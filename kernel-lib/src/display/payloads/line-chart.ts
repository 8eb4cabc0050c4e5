/**
 * Layout of a line chart (axes, ticks, series paths), shared by the kernel's static SVG and the
 * `jupyterlab-pwmk` renderers so both draw the same picture. Pure arithmetic: it imports nothing
 * and touches no DOM, so it runs in Node and in the browser.
 *
 * ```ts
 * import { layoutLineChart } from "pwmk/payloads";
 * const layout = layoutLineChart({ x: [1, 2, 3], series: [{ label: "loss", values: [0.9, 0.5, 0.3] }] });
 * layout.series[0].path; // "M48,… L…": an SVG path in the chart's pixel space
 * ```
 */

/**
 * One line of a chart: a value per x position (`null` where there is none, which breaks the line).
 *
 * ```ts
 * const s: LineSeries = { label: "validation loss", values: [0.9, null, 0.4] };
 * ```
 */
export interface LineSeries {
  /** The line's name in the legend. */
  label: string;
  /** One value per x position. */
  values: ReadonlyArray<number | null>;
}

/**
 * What {@link layoutLineChart} lays out, in pixels and data units.
 *
 * ```ts
 * const input: LineChartInput = { x: [0, 1], series: [], width: 420, height: 240, yMin: 0, yMax: 1 };
 * ```
 */
export interface LineChartInput {
  /** The x positions, increasing. */
  x: readonly number[];
  /** The lines, each with a value per x position. */
  series: readonly LineSeries[];
  /** The drawing's width in pixels. */
  width?: number;
  /** The drawing's height in pixels. */
  height?: number;
  /** Fixes the y range (e.g. 0 and 1 for accuracies); otherwise it fits the data. */
  yMin?: number;
  /** The top of a fixed y range. */
  yMax?: number;
}

/**
 * A tick: its data value, its pixel position along its axis, and its label.
 *
 * ```ts
 * const t: Tick = { value: 0.5, pos: 120, text: "0.5" };
 * ```
 */
export interface Tick {
  /** The data value at the tick. */
  value: number;
  /** Its pixel position along its axis. */
  pos: number;
  /** Its label. */
  text: string;
}

/**
 * A laid-out series: an SVG path (`d`) and its points in pixels, plus its colour.
 *
 * ```ts
 * layout.series.map((s) => s.path);
 * ```
 */
export interface LaidOutSeries {
  /** The series' name. */
  label: string;
  /** Its CSS colour. */
  colour: string;
  /** The SVG path data (`d`) of the line, broken where values are null. */
  path: string;
  /** Each drawn point: pixels (`x`, `y`) and data (`xValue`, `value`). */
  points: Array<{ x: number; y: number; xValue: number; value: number }>;
}

/**
 * A laid-out chart: the plot rectangle, ticks on both axes and each series.
 *
 * ```ts
 * const { plot, xTicks, yTicks, series } = layoutLineChart(input);
 * ```
 */
export interface LineChartLayout {
  /** The drawing's width in pixels. */
  width: number;
  /** The drawing's height in pixels. */
  height: number;
  /** The plotting area inside the axes (pixels). */
  plot: { left: number; top: number; width: number; height: number };
  /** The ticks of the x axis. */
  xTicks: Tick[];
  /** The ticks of the y axis. */
  yTicks: Tick[];
  /** The lines, laid out. */
  series: LaidOutSeries[];
}

/**
 * Series colours, in order (a colour-blind-friendly categorical palette); the n-th series
 * takes the n-th colour, cycling.
 *
 * ```ts
 * SERIES_COLOURS[0]; // "#4e79a7"
 * ```
 */
export const SERIES_COLOURS: readonly string[] = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac"
];

/**
 * Round tick values covering [min, max], about `count` of them (steps of 1, 2 or 5 × 10^k).
 *
 * ```ts
 * niceTicks(0, 0.93, 5); // [0, 0.2, 0.4, 0.6, 0.8, 1]
 * ```
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max < min) [min, max] = [max, min];
  if (max === min) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, count);
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const first = Math.floor(min / step + 1e-9) * step;
  const ticks: number[] = [];
  // Step until a tick reaches max, so the last tick covers the data.
  for (let i = 0; ticks.length < 50; i++) {
    const v = first + i * step;
    ticks.push(roundTo(v, step));
    if (v >= max - 1e-9 * step) break;
  }
  return ticks;
}

/**
 * A short label for a tick or a value: at most 4 significant digits, no trailing zeros.
 *
 * ```ts
 * formatNumber(0.30000000000000004); // "0.3"
 * formatNumber(12345.6); // "1.235e+4"
 * ```
 */
export function formatNumber(value: number): string {
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1e4 || abs < 1e-3) return value.toExponential(3).replace(/\.?0+e/, "e");
  return String(Number(value.toPrecision(4)));
}

const MARGIN = { left: 52, right: 12, top: 12, bottom: 30 };

/**
 * Lays out a line chart: the y range fits the data (or `yMin`/`yMax`) on round ticks, the x
 * range spans `x`; each series becomes a path whose gaps (`null`) break the line.
 *
 * ```ts
 * const layout = layoutLineChart({ x: [1, 2], series: [{ label: "loss", values: [1, 0.5] }] });
 * layout.series[0].points.length; // 2
 * ```
 */
export function layoutLineChart(input: LineChartInput): LineChartLayout {
  const width = input.width ?? 420;
  const height = input.height ?? 240;
  const plot = {
    left: MARGIN.left,
    top: MARGIN.top,
    width: Math.max(10, width - MARGIN.left - MARGIN.right),
    height: Math.max(10, height - MARGIN.top - MARGIN.bottom)
  };
  const values = input.series.flatMap((s) => s.values.filter(isNumber));
  const dataMin = values.length > 0 ? Math.min(...values) : 0;
  const dataMax = values.length > 0 ? Math.max(...values) : 1;
  const yTickValues = niceTicks(input.yMin ?? Math.min(0, dataMin), input.yMax ?? dataMax, 5);
  const y0 = Math.min(yTickValues[0] ?? 0, input.yMin ?? Infinity);
  const y1 = Math.max(yTickValues[yTickValues.length - 1] ?? 1, input.yMax ?? -Infinity);
  const xs = input.x.filter(isNumber);
  const x0 = xs.length > 0 ? Math.min(...xs) : 0;
  const x1 = xs.length > 0 ? Math.max(...xs) : 1;
  const xPos = (v: number) =>
    plot.left + (x1 === x0 ? plot.width / 2 : ((v - x0) / (x1 - x0)) * plot.width);
  const yPos = (v: number) => plot.top + plot.height - ((v - y0) / (y1 - y0 || 1)) * plot.height;
  const xTickValues = integerTicks(x0, x1, Math.max(2, Math.floor(plot.width / 60)));
  return {
    width,
    height,
    plot,
    xTicks: xTickValues.map((v) => ({ value: v, pos: round(xPos(v)), text: formatNumber(v) })),
    yTicks: yTickValues.map((v) => ({ value: v, pos: round(yPos(v)), text: formatNumber(v) })),
    series: input.series.map((s, i) => {
      const points: LaidOutSeries["points"] = [];
      let path = "";
      let pen = false;
      s.values.forEach((value, j) => {
        const xValue = input.x[j];
        if (!isNumber(value) || !isNumber(xValue)) {
          pen = false;
          return;
        }
        const point = { x: round(xPos(xValue)), y: round(yPos(value)), xValue, value };
        points.push(point);
        path += `${pen ? " L" : path === "" ? "M" : " M"}${point.x},${point.y}`;
        pen = true;
      });
      return { label: s.label, colour: SERIES_COLOURS[i % SERIES_COLOURS.length], path, points };
    })
  };
}

/** Ticks for an axis of steps or epochs: whole numbers when the range allows. */
function integerTicks(min: number, max: number, count: number): number[] {
  if (max - min <= count && Number.isInteger(min) && Number.isInteger(max)) {
    const out: number[] = [];
    for (let v = min; v <= max; v++) out.push(v);
    return out;
  }
  const ticks = niceTicks(min, max, count).filter((v) => v >= min - 1e-9 && v <= max + 1e-9);
  return Number.isInteger(min) && Number.isInteger(max) ? ticks.filter(Number.isInteger) : ticks;
}

function isNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

function roundTo(v: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(v.toFixed(Math.min(20, digits)));
}
