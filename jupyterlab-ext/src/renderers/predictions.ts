/**
 * The predictions viewer: draws `application/vnd.pwmk.predictions.v1+json` outputs as one small
 * chart per quantity, the ground truth beside the world model's prediction, step by step, each
 * titled with its mean absolute error.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import { predictionCharts, PREDICTIONS_MIME, PREDICTIONS_V1, readPayload } from "pwmk/payloads";
import { drawLineChart, showError } from "./line-chart";
import { el } from "./view-tools";
import { interactiveToggle } from "./plotly-view";

/**
 * CSS class of every predictions output.
 *
 * ```ts
 * document.querySelectorAll(`.${PREDICTIONS_CLASS}[data-pwmk-status="ok"]`);
 * ```
 */
export const PREDICTIONS_CLASS = "jp-PWMK-Predictions";

/**
 * A JupyterLab renderer (a Lumino widget) for predictions beside the ground truth.
 *
 * ```ts
 * const renderer = registry.createRenderer(PREDICTIONS_MIME); // a PredictionsRenderer
 * ```
 */
export class PredictionsRenderer extends Widget implements IRenderMime.IRenderer {
  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType;
    this.addClass(PREDICTIONS_CLASS);
  }

  readonly mimeType: string;

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const result = readPayload(PREDICTIONS_V1, model.data[this.mimeType]);
    if (!result.ok) {
      showError(this.node, result.title, result.detail);
      return Promise.resolve();
    }
    const payload = result.payload;
    this.node.dataset.pwmkStatus = "ok";
    const header = el("div", "jp-PWMK-chart-header");
    header.append(el("strong", "jp-PWMK-title", payload.title ?? "Predicted against true"));
    const xLabel = payload.xLabel ?? "step";
    const charts = predictionCharts(payload).map((c) => ({
      ...c,
      xLabel,
      width: 320,
      height: 200
    }));
    const box = el("div", "jp-PWMK-charts");
    for (const chart of charts) box.append(drawLineChart(chart));
    if (charts.length === 0) box.append(el("p", "jp-PWMK-empty", "No quantities to compare."));
    const parts: HTMLElement[] = [header, box];
    if (charts.length > 0) parts.push(interactiveToggle(box, charts));
    this.node.replaceChildren(...parts);
    return Promise.resolve();
  }
}

/**
 * The renderer factory registered with JupyterLab's rendermime registry (rank 45).
 *
 * ```ts
 * new RenderMimeRegistry({ initialFactories: [predictionsRendererFactory] });
 * ```
 */
export const predictionsRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [PREDICTIONS_MIME],
  defaultRank: 45,
  createRenderer: (options) => new PredictionsRenderer(options)
};
