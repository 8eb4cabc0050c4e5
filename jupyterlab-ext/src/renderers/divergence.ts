/**
 * The divergence chart: draws `application/vnd.pwmk.divergence.v1+json` outputs as one line per
 * pair of perspectives over the steps of an episode, with the list of the steps' events.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import {
  DIVERGENCE_MIME,
  DIVERGENCE_V1,
  divergenceChartInput,
  readPayload,
  shortMeasure
} from "pwmk/payloads";
import { drawLineChart, showError } from "./line-chart";
import { el } from "./view-tools";
import { interactiveToggle } from "./plotly-view";

/**
 * CSS class of every divergence chart output.
 *
 * ```ts
 * document.querySelectorAll(`.${DIVERGENCE_CLASS}[data-pwmk-status="ok"]`);
 * ```
 */
export const DIVERGENCE_CLASS = "jp-PWMK-Divergence";

/**
 * A JupyterLab renderer (a Lumino widget) for belief divergence histories.
 *
 * ```ts
 * const renderer = registry.createRenderer(DIVERGENCE_MIME); // a DivergenceRenderer
 * ```
 */
export class DivergenceRenderer extends Widget implements IRenderMime.IRenderer {
  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType;
    this.addClass(DIVERGENCE_CLASS);
  }

  readonly mimeType: string;

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const result = readPayload(DIVERGENCE_V1, model.data[this.mimeType]);
    if (!result.ok) {
      showError(this.node, result.title, result.detail);
      return Promise.resolve();
    }
    const payload = result.payload;
    this.node.dataset.pwmkStatus = "ok";
    const { x, series, yMax } = divergenceChartInput(payload);
    const chart = {
      title: payload.title ?? "Belief divergence",
      x,
      series,
      yMin: 0,
      yMax,
      xLabel: "step",
      yLabel: shortMeasure(payload.measure),
      xNames: payload.steps.map((s) => s.label),
      width: 560
    };
    const charts = el("div", "jp-PWMK-charts");
    charts.append(drawLineChart(chart));
    const measure = el("p", "jp-PWMK-measure", payload.measure);
    const events = el("ol", "jp-PWMK-events");
    events.setAttribute("aria-label", "steps");
    for (const step of payload.steps) {
      if (step.label === undefined) continue;
      const item = el("li", "", step.label);
      item.value = step.step;
      events.append(item);
    }
    this.node.replaceChildren(charts, measure, events, interactiveToggle(charts, [chart]));
    return Promise.resolve();
  }
}

/**
 * The renderer factory registered with JupyterLab's rendermime registry (rank 45).
 *
 * ```ts
 * new RenderMimeRegistry({ initialFactories: [divergenceRendererFactory] });
 * ```
 */
export const divergenceRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [DIVERGENCE_MIME],
  defaultRank: 45,
  createRenderer: (options) => new DivergenceRenderer(options)
};
