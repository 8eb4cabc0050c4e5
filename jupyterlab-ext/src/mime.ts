/**
 * The MIME renderer extension of jupyterlab-pwmk (package.json `jupyterlab.mimeExtension`):
 * registers PWMK's renderers with JupyterLab's rendermime registry.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { beliefGraphRendererFactory } from "./renderers/belief-graph";
import { PWMK_FILE_MIME, pwmkFileRendererFactory } from "./renderers/document";
import { trajectoryRendererFactory } from "./renderers/trajectory";
import { divergenceRendererFactory } from "./renderers/divergence";
import { predictionsRendererFactory } from "./renderers/predictions";
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
  description:
    "Draws PWMK belief graphs: nested beliefs over time (application/vnd.pwmk.belief-graph.v2+json) and format 1 of saved notebooks.",
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

/**
 * The trajectory replay viewer (play, pause, step, scrub; fields of view; an agent's viewpoint;
 * predicted beside true positions).
 *
 * ```ts
 * registry.addFactory(trajectoryExtension.rendererFactory, trajectoryExtension.rank);
 * ```
 */
export const trajectoryExtension: IRenderMime.IExtension = {
  id: "jupyterlab-pwmk:trajectory",
  description: "Replays PWMK trajectories (application/vnd.pwmk.trajectory.v1+json).",
  rendererFactory: trajectoryRendererFactory,
  rank: 45,
  dataType: "json"
};

/**
 * Saved views as documents: a `.pwmk.json` file (a bundle from `pwmk.toMimeBundle`, or one
 * payload) opens in the viewer of the PWMK type it holds.
 *
 * ```ts
 * fs.writeFileSync("sally-anne.pwmk.json", JSON.stringify(pwmk.toMimeBundle(world)));
 * ```
 */
export const pwmkFileExtension: IRenderMime.IExtension = {
  id: "jupyterlab-pwmk:file",
  description: "Opens .pwmk.json files (saved PWMK views) in PWMK's viewers.",
  rendererFactory: pwmkFileRendererFactory([
    beliefGraphRendererFactory,
    trajectoryRendererFactory,
    trainingRendererFactory,
    searchTreeRendererFactory,
    divergenceRendererFactory,
    predictionsRendererFactory
  ]),
  rank: 45,
  dataType: "json",
  fileTypes: [
    {
      name: "pwmk-view",
      displayName: "PWMK view",
      mimeTypes: [PWMK_FILE_MIME],
      extensions: [".pwmk.json"],
      fileFormat: "json"
    }
  ],
  documentWidgetFactoryOptions: {
    name: "PWMK Viewer",
    primaryFileType: "pwmk-view",
    fileTypes: ["pwmk-view"],
    defaultFor: ["pwmk-view"]
  }
};

/**
 * The predictions viewer (a world model's predictions beside the ground truth, per quantity).
 *
 * ```ts
 * registry.addFactory(predictionsExtension.rendererFactory, predictionsExtension.rank);
 * ```
 */
export const predictionsExtension: IRenderMime.IExtension = {
  id: "jupyterlab-pwmk:predictions",
  description:
    "Draws predictions beside the ground truth (application/vnd.pwmk.predictions.v1+json).",
  rendererFactory: predictionsRendererFactory,
  rank: 45,
  dataType: "json"
};

const extensions: IRenderMime.IExtension[] = [
  beliefGraphExtension,
  trajectoryExtension,
  pwmkFileExtension,
  trainingExtension,
  searchTreeExtension,
  divergenceExtension,
  predictionsExtension
];
export default extensions;
