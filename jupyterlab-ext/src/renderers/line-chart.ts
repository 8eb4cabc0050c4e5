/**
 * DOM drawing shared by the chart renderers (training dashboard, divergence chart): a line chart
 * as an SVG built with DOM calls from the layout pwmk's static pictures use, a legend, and an
 * error message in place of a chart. Every user string goes in through `textContent` or `setAttribute`.
 */
import { formatNumber, layoutLineChart, truncate, type LineSeries } from "pwmk/payloads";
import { el, errorBox, svgEl } from "./view-tools";

/**
 * A chart to draw: its title, x values, series, optional fixed y range, axis names and a name
 * per x position (shown in point tooltips).
 *
 * ```ts
 * const chart: ChartInput = { title: "Loss", x: [1, 2], series: [{ label: "loss", values: [1, 0.5] }], xLabel: "epoch" };
 * ```
 */
export interface ChartInput {
  title: string;
  x: number[];
  series: LineSeries[];
  yMin?: number;
  yMax?: number;
  xLabel: string;
  yLabel?: string;
  xNames?: ReadonlyArray<string | undefined>;
  width?: number;
  height?: number;
}

/**
 * Replaces `root`'s content with the message of a payload that cannot be drawn and marks it
 * `data-pwmk-status="error"`.
 *
 * ```ts
 * showError(this.node, "Malformed training history", "epochs must be an array");
 * ```
 */
export function showError(root: HTMLElement, title: string, detail: string): void {
  root.dataset.pwmkStatus = "error";
  root.replaceChildren(errorBox(title, detail));
}

/**
 * One line chart as a figure: caption, SVG (axes, grid, lines, points with tooltips) and legend.
 *
 * ```ts
 * container.append(drawLineChart({ title: "Loss", x: [1, 2], series, xLabel: "epoch" }));
 * ```
 */
export function drawLineChart(chart: ChartInput): HTMLElement {
  const figure = el("figure", "jp-PWMK-chart");
  figure.append(el("figcaption", "jp-PWMK-chart-title", chart.title));
  const layout = layoutLineChart({
    ...chart,
    width: chart.width ?? 380,
    height: chart.height ?? 230
  });
  const { plot } = layout;
  const root = svgEl(
    "svg",
    {
      width: layout.width,
      height: layout.height,
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      role: "img"
    },
    "jp-PWMK-chart-svg"
  );
  root.setAttribute(
    "aria-label",
    `${chart.title}: ${chart.series.map((s) => s.label).join(", ")} over ${chart.x.length} ${chart.xLabel}s`
  );
  const bottom = plot.top + plot.height;
  const right = plot.left + plot.width;
  for (const t of layout.yTicks) {
    root.append(svgEl("line", { x1: plot.left, x2: right, y1: t.pos, y2: t.pos }, "jp-PWMK-grid"));
    const label = svgEl(
      "text",
      { x: plot.left - 6, y: t.pos + 4, "text-anchor": "end" },
      "jp-PWMK-tick"
    );
    label.textContent = t.text;
    root.append(label);
  }
  for (const t of layout.xTicks) {
    root.append(
      svgEl("line", { x1: t.pos, x2: t.pos, y1: bottom, y2: bottom + 4 }, "jp-PWMK-axis")
    );
    const label = svgEl(
      "text",
      { x: t.pos, y: bottom + 16, "text-anchor": "middle" },
      "jp-PWMK-tick"
    );
    label.textContent = t.text;
    root.append(label);
  }
  root.append(
    svgEl("line", { x1: plot.left, x2: right, y1: bottom, y2: bottom }, "jp-PWMK-axis"),
    svgEl("line", { x1: plot.left, x2: plot.left, y1: plot.top, y2: bottom }, "jp-PWMK-axis")
  );
  const xName = svgEl("text", { x: right, y: bottom + 28, "text-anchor": "end" }, "jp-PWMK-tick");
  xName.textContent = truncate(chart.xLabel, 40);
  root.append(xName);
  if (chart.yLabel) {
    const at = `translate(12,${plot.top + plot.height / 2}) rotate(-90)`;
    const yName = svgEl("text", { transform: at, "text-anchor": "middle" }, "jp-PWMK-tick");
    yName.textContent = truncate(chart.yLabel, 40);
    root.append(yName);
  }
  layout.series.forEach((s, i) => {
    const g = svgEl("g", {}, "jp-PWMK-series");
    g.dataset.series = String(i);
    if (s.path)
      g.append(svgEl("path", { d: s.path, stroke: s.colour, fill: "none" }, "jp-PWMK-line"));
    if (s.points.length <= 200) {
      for (const p of s.points) {
        const dot = svgEl("circle", { cx: p.x, cy: p.y, r: 3, fill: s.colour }, "jp-PWMK-point");
        const tip = svgEl("title", {});
        const index = chart.x.indexOf(p.xValue);
        const name = chart.xNames?.[index];
        tip.textContent =
          `${truncate(s.label, 80)}: ${formatNumber(p.value)} at ${chart.xLabel} ${formatNumber(p.xValue)}` +
          (name ? ` (${truncate(name, 120)})` : "");
        dot.append(tip);
        g.append(dot);
      }
    }
    root.append(g);
  });
  figure.append(root);
  if (chart.series.length > 0) {
    const legend = el("ul", "jp-PWMK-legend");
    layout.series.forEach((s) => {
      const item = el("li", "");
      const swatch = el("span", "jp-PWMK-swatch");
      swatch.style.background = s.colour;
      item.append(swatch, el("span", "", truncate(s.label, 60)));
      item.title = s.label.length > 60 ? truncate(s.label, 500) : "";
      legend.append(item);
    });
    figure.append(legend);
  }
  return figure;
}
