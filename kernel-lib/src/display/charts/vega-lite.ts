/**
 * Vega-Lite v5 specs for our line charts, so stock JupyterLab (with its Vega extension) and
 * other Vega-aware front ends draw them without jupyterlab-pwmk. User labels go in as data
 * values only, never into expressions.
 */
import { SERIES_COLOURS, type LineSeries } from "../payloads/line-chart";

/**
 * The standard Vega-Lite v5 MIME type.
 *
 * ```ts
 * bundle[VEGA_LITE_MIME]; // a Vega-Lite spec object
 * ```
 */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/**
 * One line chart for {@link vegaLiteLines}.
 *
 * ```ts
 * const p: VegaLitePanel = { title: "Loss", x: [1, 2], series: [{ label: "loss", values: [1, 0.5] }] };
 * ```
 */
export interface VegaLitePanel {
  title: string;
  x: readonly number[];
  series: readonly LineSeries[];
  yMin?: number;
  yMax?: number;
  /** Names shown as tooltips for x positions (e.g. the event of each step). */
  xNames?: ReadonlyArray<string | undefined>;
}

/**
 * A Vega-Lite spec with one line chart per panel (side by side when several), from long-format
 * rows `{ panel, x, series, value }`.
 *
 * ```ts
 * vegaLiteLines([{ title: "Loss", x: [1, 2], series: [{ label: "loss", values: [1, 0.5] }] }], { xTitle: "epoch" });
 * ```
 */
export function vegaLiteLines(
  panels: readonly VegaLitePanel[],
  options: { xTitle: string; yTitle?: string; title?: string }
): Record<string, unknown> {
  const rows: Array<Record<string, string | number>> = [];
  panels.forEach((panel, p) => {
    for (const s of panel.series) {
      s.values.forEach((value, i) => {
        if (typeof value !== "number" || !Number.isFinite(value)) return;
        const row: Record<string, string | number> = {
          panel: p,
          x: panel.x[i],
          series: s.label,
          value
        };
        const name = panel.xNames?.[i];
        if (name !== undefined) row.event = name;
        rows.push(row);
      });
    }
  });
  const labels = [...new Set(panels.flatMap((p) => p.series.map((s) => s.label)))];
  const charts = panels.map((panel, p) => {
    const y: Record<string, unknown> = {
      field: "value",
      type: "quantitative",
      title: options.yTitle ?? panel.title
    };
    if (panel.yMin !== undefined || panel.yMax !== undefined) {
      y.scale = { domain: [panel.yMin ?? 0, panel.yMax ?? 1] };
    }
    const tooltip = [
      { field: "series", type: "nominal" },
      { field: "x", type: "quantitative", title: options.xTitle },
      { field: "value", type: "quantitative", format: ".4~g" }
    ];
    if (panel.xNames) tooltip.push({ field: "event", type: "nominal" } as never);
    return {
      title: panel.title,
      width: 320,
      height: 200,
      transform: [{ filter: { field: "panel", equal: p } }],
      mark: { type: "line", point: true, tooltip: true },
      encoding: {
        x: { field: "x", type: "quantitative", title: options.xTitle },
        y,
        color: {
          field: "series",
          type: "nominal",
          title: null,
          scale: {
            domain: labels,
            range: labels.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length])
          }
        },
        tooltip
      }
    };
  });
  const spec: Record<string, unknown> = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    data: { values: rows }
  };
  if (options.title !== undefined) spec.title = options.title;
  if (charts.length === 1) {
    return { ...spec, ...charts[0], title: options.title ?? charts[0].title };
  }
  return charts.length > 3 ? { ...spec, concat: charts, columns: 3 } : { ...spec, hconcat: charts };
}
