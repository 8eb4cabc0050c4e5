/**
 * jupyterlab-pwmk: JupyterLab 4 renderers for PWMK notebook outputs.
 *
 * ```ts
 * import { beliefGraphExtension } from "jupyterlab-pwmk";
 * ```
 * @packageDocumentation
 */
export { pwmkPlugin, ACTIVATED } from "./plugin";
export {
  unityLauncherPlugin,
  openLaunchNotebook,
  launchNotebook,
  buildsFromSettings,
  SIMULATED_BUILD,
  LAUNCH_COMMAND,
  LAUNCHER_CATEGORY,
  type UnityBuild
} from "./launcher";
export {
  beliefGraphExtension,
  trajectoryExtension,
  pwmkFileExtension,
  trainingExtension,
  searchTreeExtension,
  divergenceExtension,
  predictionsExtension
} from "./mime";
export {
  PredictionsRenderer,
  predictionsRendererFactory,
  PREDICTIONS_CLASS
} from "./renderers/predictions";
export { TrainingRenderer, trainingRendererFactory, TRAINING_CLASS } from "./renderers/training";
export {
  SearchTreeRenderer,
  searchTreeRendererFactory,
  SEARCH_TREE_CLASS
} from "./renderers/search-tree";
export {
  DivergenceRenderer,
  divergenceRendererFactory,
  DIVERGENCE_CLASS
} from "./renderers/divergence";
export {
  BeliefGraphRenderer,
  beliefGraphRendererFactory,
  BELIEF_GRAPH_CLASS
} from "./renderers/belief-graph";
export {
  TrajectoryRenderer,
  trajectoryRendererFactory,
  TRAJECTORY_CLASS
} from "./renderers/trajectory";
