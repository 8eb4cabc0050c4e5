/**
 * jupyterlab-pwmk: JupyterLab 4 renderers for PWMK notebook outputs.
 *
 * ```ts
 * import { beliefGraphExtension } from "jupyterlab-pwmk";
 * ```
 * @packageDocumentation
 */
export { pwmkPlugin, ACTIVATED } from "./plugin";
export { beliefGraphExtension } from "./mime";
export {
  BeliefGraphRenderer,
  beliefGraphRendererFactory,
  BELIEF_GRAPH_CLASS
} from "./renderers/belief-graph";
