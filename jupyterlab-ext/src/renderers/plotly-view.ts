/**
 * The interactive view of a chart: plotly.js (zoom, pan, hover, export), loaded only when the
 * user asks for it, so the extension's main bundle stays small. Labels are entity-escaped, as
 * plotly reads a few HTML-like tags (links among them) in names.
 */
import type { ChartInput } from "./line-chart";
import { el } from "./view-tools";

type Plotly = {
  newPlot(root: HTMLElement, data: unknown[], layout: unknown, config: unknown): Promise<unknown>;
  purge(root: HTMLElement): void;
};

let plotly: Promise<Plotly> | undefined;

/**
 * Loads plotly.js once (a separate chunk of the extension).
 *
 * ```ts
 * const Plotly = await loadPlotly();
 * ```
 */
export function loadPlotly(): Promise<Plotly> {
  plotly ??= import("plotly.js-basic-dist-min").then((m) => (m.default ?? m) as Plotly);
  return plotly;
}

/**
 * Text for plotly: `<`, `>` and `&` as entities, so a label is shown as written and never read
 * as a tag.
 *
 * ```ts
 * plotlyText('<a href="javascript:x">'); // "&lt;a href=\"javascript:x\"&gt;"
 * ```
 */
export function plotlyText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A button that swaps `container`'s static charts for interactive plotly charts and back.
 *
 * ```ts
 * root.append(charts, interactiveToggle(charts, [chart]));
 * ```
 */
export function interactiveToggle(container: HTMLElement, charts: ChartInput[]): HTMLElement {
  const button = el("button", "jp-PWMK-button jp-mod-styled", "Interactive view");
  button.type = "button";
  button.setAttribute("aria-pressed", "false");
  let saved: Node[] | undefined;
  button.addEventListener("click", () => {
    if (saved) {
      for (const node of Array.from(container.querySelectorAll<HTMLElement>(".jp-PWMK-plotly"))) {
        void loadPlotly().then((p) => p.purge(node));
      }
      container.replaceChildren(...saved);
      saved = undefined;
      button.textContent = "Interactive view";
      button.setAttribute("aria-pressed", "false");
      return;
    }
    saved = Array.from(container.childNodes);
    button.disabled = true;
    button.textContent = "Loading plotly…";
    loadPlotly()
      .then(async (Plotly) => {
        const views = charts.map(() => el("div", "jp-PWMK-plotly"));
        container.replaceChildren(...views);
        await Promise.all(
          charts.map((chart, i) =>
            Plotly.newPlot(views[i], traces(chart), layout(chart), {
              responsive: true,
              displaylogo: false
            })
          )
        );
        button.textContent = "Static view";
        button.setAttribute("aria-pressed", "true");
      })
      .catch((error: unknown) => {
        container.replaceChildren(...(saved ?? []));
        saved = undefined;
        button.textContent = "Interactive view";
        const message = el("span", "jp-PWMK-error", `plotly could not be loaded: ${String(error)}`);
        message.setAttribute("role", "alert");
        button.after(message);
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return button;
}

function traces(chart: ChartInput): unknown[] {
  return chart.series.map((s) => ({
    type: "scatter",
    mode: "lines+markers",
    name: plotlyText(s.label),
    x: chart.x,
    y: s.values,
    text: chart.xNames?.map((n) => (n === undefined ? "" : plotlyText(n))),
    hovertemplate: `%{y:.4g} at ${plotlyText(chart.xLabel)} %{x}${chart.xNames ? "<br>%{text}" : ""}<extra>%{fullData.name}</extra>`
  }));
}

function layout(chart: ChartInput): unknown {
  const style = getComputedStyle(document.body);
  const colour = (name: string, fallback: string) =>
    style.getPropertyValue(name).trim() || fallback;
  const font = colour("--jp-content-font-color1", "#222");
  const grid = colour("--jp-border-color2", "#e0e0e0");
  const axis = (title: string | undefined, range?: [number, number]) => ({
    title: { text: plotlyText(title ?? "") },
    gridcolor: grid,
    zerolinecolor: grid,
    ...(range ? { range } : {})
  });
  const yRange: [number, number] | undefined =
    chart.yMin !== undefined && chart.yMax !== undefined ? [chart.yMin, chart.yMax] : undefined;
  return {
    title: { text: plotlyText(chart.title) },
    width: Math.max(420, chart.width ?? 480),
    height: 320,
    margin: { l: 60, r: 20, t: 40, b: 50 },
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    font: { color: font },
    xaxis: axis(chart.xLabel),
    yaxis: axis(chart.yLabel, yRange),
    legend: { orientation: "h" }
  };
}
