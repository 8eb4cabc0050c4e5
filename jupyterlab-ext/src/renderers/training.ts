/**
 * The training dashboard: draws `application/vnd.pwmk.training-history.v1+json` outputs as one
 * line chart per panel (loss, accuracy, other metrics) with a progress line. A live run sends
 * `update_display_data`, and JupyterLab calls `renderModel` again on this widget: the dashboard
 * is redrawn in place.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import {
  readPayload,
  TRAINING_HISTORY_MIME,
  TRAINING_HISTORY_V1,
  trainingPanels,
  trainingProgress
} from "pwmk/payloads";
import { drawLineChart, showError } from "./line-chart";
import { el } from "./view-tools";
import { interactiveToggle } from "./plotly-view";

/**
 * CSS class of every training dashboard output.
 *
 * ```ts
 * document.querySelectorAll(`.${TRAINING_CLASS}[data-pwmk-status="ok"]`);
 * ```
 */
export const TRAINING_CLASS = "jp-PWMK-Training";

/**
 * A JupyterLab renderer (a Lumino widget) for training histories.
 *
 * ```ts
 * const renderer = registry.createRenderer(TRAINING_HISTORY_MIME); // a TrainingRenderer
 * ```
 */
export class TrainingRenderer extends Widget implements IRenderMime.IRenderer {
  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType;
    this.addClass(TRAINING_CLASS);
  }

  readonly mimeType: string;

  /** How many times this widget has drawn (a live dashboard redraws in place). */
  renders = 0;

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.renders++;
    const result = readPayload(TRAINING_HISTORY_V1, model.data[this.mimeType]);
    if (!result.ok) {
      showError(this.node, result.title, result.detail);
      return Promise.resolve();
    }
    const payload = result.payload;
    this.node.dataset.pwmkStatus = "ok";
    this.node.dataset.epochs = String(payload.epochs.length);
    const header = el("div", "jp-PWMK-chart-header");
    header.append(el("strong", "jp-PWMK-title", payload.title ?? "Training"));
    const progress = el("span", "jp-PWMK-progress", trainingProgress(payload));
    progress.setAttribute("aria-live", "polite");
    header.append(progress);
    if (payload.totalEpochs !== undefined && payload.totalEpochs > 0) {
      const bar = el("progress", "jp-PWMK-progress-bar");
      bar.max = payload.totalEpochs;
      bar.value = Math.min(payload.totalEpochs, payload.epochs.length);
      bar.setAttribute("aria-label", "epochs done");
      header.append(bar);
    }
    const panels = trainingPanels(payload).map((p) => ({ ...p, xLabel: "epoch" }));
    const charts = el("div", "jp-PWMK-charts");
    for (const panel of panels) charts.append(drawLineChart(panel));
    if (panels.length === 0) charts.append(el("p", "jp-PWMK-empty", "No epochs yet."));
    const parts: HTMLElement[] = [header, charts];
    if (panels.length > 0) parts.push(interactiveToggle(charts, panels));
    this.node.replaceChildren(...parts);
    return Promise.resolve();
  }
}

/**
 * The renderer factory registered with JupyterLab's rendermime registry (rank 45, ahead of
 * Vega-Lite and the static fallbacks; `safe`: it draws with DOM calls only).
 *
 * ```ts
 * new RenderMimeRegistry({ initialFactories: [trainingRendererFactory] });
 * ```
 */
export const trainingRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [TRAINING_HISTORY_MIME],
  defaultRank: 45,
  createRenderer: (options) => new TrainingRenderer(options)
};
