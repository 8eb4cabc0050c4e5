/**
 * Static SVG drawing of line charts for notebook fallbacks (GitHub, nbconvert, JupyterLab
 * without the extension): axes, ticks, lines and a legend, from the layout the extension's
 * renderer also uses. Every label passes through `escapeMarkup`.
 */
import { escapeMarkup, truncate } from "../escape";
import { formatNumber, layoutLineChart, type LineChartInput } from "../payloads/line-chart";

const FONT = 'font-family="sans-serif" font-size="11"';
const LEGEND_ROW = 16;

/**
 * A chart to draw: layout input plus its title and axis names.
 *
 * ```ts
 * const chart: ChartSpec = { title: "Loss", xLabel: "epoch", x: [1, 2], series: [{ label: "loss", values: [1, 0.5] }] };
 * ```
 */
export interface ChartSpec extends LineChartInput {
  title?: string;
  xLabel?: string;
  yLabel?: string;
}

/**
 * Height a chart takes with its title and legend, for stacking charts in one picture.
 *
 * ```ts
 * chartHeight({ x: [], series: [] }); // 240 + title + legend rows
 * ```
 */
export function chartHeight(spec: ChartSpec): number {
  return (spec.title ? 20 : 0) + (spec.height ?? 240) + legendRows(spec) * LEGEND_ROW + 6;
}

function legendRows(spec: ChartSpec): number {
  return spec.series.length > 0 ? Math.ceil(spec.series.length / 2) : 0;
}

/**
 * One chart as an SVG group at (`x`, `y`): title, axes with round ticks, one polyline per series
 * (with dots when there are few points) and a legend under it.
 *
 * ```ts
 * const g = chartGroup({ x: [1, 2], series: [{ label: "loss", values: [1, 0.5] }] }, 0, 0);
 * ```
 */
export function chartGroup(spec: ChartSpec, x: number, y: number): string {
  const titleH = spec.title ? 20 : 0;
  const layout = layoutLineChart(spec);
  const { plot } = layout;
  const parts: string[] = [`<g transform="translate(${x},${y})">`];
  if (spec.title) {
    parts.push(
      `<text x="${plot.left}" y="14" ${FONT} font-weight="bold" fill="#333">${escapeMarkup(truncate(spec.title, 60))}</text>`
    );
  }
  parts.push(`<g transform="translate(0,${titleH})">`);
  const bottom = plot.top + plot.height;
  const right = plot.left + plot.width;
  for (const t of layout.yTicks) {
    parts.push(
      `<line x1="${plot.left}" x2="${right}" y1="${t.pos}" y2="${t.pos}" stroke="#e4e4e4"/>`,
      `<text x="${plot.left - 6}" y="${t.pos + 4}" ${FONT} text-anchor="end" fill="#555">${escapeMarkup(t.text)}</text>`
    );
  }
  for (const t of layout.xTicks) {
    parts.push(
      `<line x1="${t.pos}" x2="${t.pos}" y1="${bottom}" y2="${bottom + 4}" stroke="#888"/>`,
      `<text x="${t.pos}" y="${bottom + 16}" ${FONT} text-anchor="middle" fill="#555">${escapeMarkup(t.text)}</text>`
    );
  }
  parts.push(
    `<line x1="${plot.left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#888"/>`,
    `<line x1="${plot.left}" x2="${plot.left}" y1="${plot.top}" y2="${bottom}" stroke="#888"/>`
  );
  if (spec.xLabel) {
    parts.push(
      `<text x="${right}" y="${bottom + 28}" ${FONT} text-anchor="end" fill="#555">${escapeMarkup(truncate(spec.xLabel, 40))}</text>`
    );
  }
  if (spec.yLabel) {
    parts.push(
      `<text transform="translate(12,${plot.top + plot.height / 2}) rotate(-90)" ${FONT} text-anchor="middle" fill="#555">${escapeMarkup(truncate(spec.yLabel, 40))}</text>`
    );
  }
  for (const s of layout.series) {
    if (s.path) {
      parts.push(`<path d="${s.path}" fill="none" stroke="${s.colour}" stroke-width="2"/>`);
    }
    if (s.points.length <= 40) {
      for (const p of s.points) {
        parts.push(
          `<circle cx="${p.x}" cy="${p.y}" r="2.5" fill="${s.colour}"><title>${escapeMarkup(
            `${truncate(s.label, 60)}: ${formatNumber(p.value)} at ${formatNumber(p.xValue)}`
          )}</title></circle>`
        );
      }
    }
  }
  parts.push("</g>");
  if (layout.series.length > 0) {
    const top = titleH + layout.height + 4;
    layout.series.forEach((s, i) => {
      const lx = plot.left + (i % 2) * (plot.width / 2);
      const ly = top + Math.floor(i / 2) * LEGEND_ROW;
      parts.push(
        `<line x1="${lx}" x2="${lx + 16}" y1="${ly + 6}" y2="${ly + 6}" stroke="${s.colour}" stroke-width="3"/>`,
        `<text x="${lx + 20}" y="${ly + 10}" ${FONT} fill="#333">${escapeMarkup(truncate(s.label, 28))}</text>`
      );
    });
  }
  parts.push("</g>");
  return parts.join("");
}

/**
 * A whole SVG document from groups already placed, with a caption line on top when given.
 *
 * ```ts
 * svgDocument(440, 300, [chartGroup(spec, 0, 0)], "Training");
 * ```
 */
export function svgDocument(
  width: number,
  height: number,
  groups: string[],
  caption?: string
): string {
  const top = caption ? 22 : 0;
  const head =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + top}" ` +
    `viewBox="0 0 ${width} ${height + top}" role="img">`;
  const title = caption
    ? `<text x="8" y="15" font-family="sans-serif" font-size="13" font-weight="bold" fill="#222">${escapeMarkup(truncate(caption, 90))}</text>`
    : "";
  return `${head}<rect width="100%" height="100%" fill="#fff"/>${title}<g transform="translate(0,${top})">${groups.join("")}</g></svg>`;
}

/**
 * The self-contained `text/html` fallback of an SVG drawing (nbconvert 6 drops SVG outputs).
 *
 * ```ts
 * htmlFallback(svg, "Training history"); // "<figure …><svg …/></figure>"
 * ```
 */
export function htmlFallback(svg: string, alt: string): string {
  return `<figure aria-label="${escapeMarkup(truncate(alt, 200))}" style="margin:0">${svg}</figure>`;
}
