/**
 * The MIME renderer extension of jupyterlab-pwmk (package.json `jupyterlab.mimeExtension`):
 * registers PWMK's renderers with JupyterLab's rendermime registry.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { beliefGraphRendererFactory } from "./renderers/belief-graph";
import { divergenceRendererFactory } from "./renderers/divergence";
import { searchTreeRendererFactory } from "./renderers/search-tree";
import { trainingRendererFactory } from "./renderers/training";

/**
 * The belief-graph renderer. Ranked 45, ahead of JupyterLab's HTML (50) and SVG (80)
 * renderers, so the static fallback in the same bundle is only used where this extension is
 * absent. `safe: true`: it draws with DOM calls only, so it also renders in untrusted notebooks.
 *
 * ```ts
 * new RenderMimeRegistry({ initialFactories: [...standardRendererFactories, beliefGraphExtension.rendererFactory] });
 * ```
 */
export const beliefGraphExtension: IRenderMime.IExtension = {
  id: "jupyterlab-pwmk:belief-graph",
  description: "Draws PWMK belief graphs (application/vnd.pwmk.belief-graph.v1+json).",
  rendererFactory: beliefGraphRendererFactory,
  rank: 45,
  dataType: "json"
};

/**
 * The training dashboard (loss, accuracy and other metrics per epoch; redrawn in place by live
 * runs). Rank 45, ahead of Vega-Lite (the bundle's stock-JupyterLab view) and the static fallbacks.
 *
 * ```ts
 * registry.addFactory(trainingExtension.rendererFactory, trainingExtension.rank);
 * ```
 */
export const trainingExtension: IRenderMime.IExtension = {
  id: "jupyterlab-pwmk:training-history",
  description: "Draws PWMK training histories (application/vnd.pwmk.training-history.v1+json).",
  rendererFactory: trainingRendererFactory,
  rank: 45,
  dataType: "json"
};

/**
 * The search-tree viewer (collapsible, visits and values per node).
 *
 * ```ts
 * registry.addFactory(searchTreeExtension.rendererFactory, searchTreeExtension.rank);
 * ```
 */
export const searchTreeExtension: IRenderMime.IExtension = {
  id: "jupyterlab-pwmk:search-tree",
  description: "Draws planner search trees (application/vnd.pwmk.search-tree.v1+json).",
  rendererFactory: searchTreeRendererFactory,
  rank: 45,
  dataType: "json"
};

/**
 * The belief divergence chart (one line per pair of perspectives over an episode).
 *
 * ```ts
 * registry.addFactory(divergenceExtension.rendererFactory, divergenceExtension.rank);
 * ```
 */
export const divergenceExtension: IRenderMime.IExtension = {
  id: "jupyterlab-pwmk:divergence",
  description: "Draws belief divergence histories (application/vnd.pwmk.divergence.v1+json).",
  rendererFactory: divergenceRendererFactory,
  rank: 45,
  dataType: "json"
};

const extensions: IRenderMime.IExtension[] = [
  beliefGraphExtension,
  trainingExtension,
  searchTreeExtension,
  divergenceExtension
];
export default extensions;
