/**
 * `pwmk/display`: rich outputs for Jupyter. MIME bundles for pwmk objects, the belief graph and
 * its payload contract with the `jupyterlab-pwmk` extension (the extension imports these types),
 * and the checks both sides share (from `pwmk/payloads`, also importable alone). The bridge to the
 * tslab kernel is internal; only its `BridgeEnvironment` is public, to send `display` output
 * somewhere else (a script's own printer, a test).
 *
 * ```ts
 * import { beliefGraph, display, BELIEF_GRAPH_MIME } from "pwmk/display";
 * const graph = beliefGraph({ beliefs: [{ agent: "anne", proposition: "at(marble, box)" }] });
 * graph.toMimeBundle()[BELIEF_GRAPH_MIME]; // the payload the extension draws
 * display(graph);
 * ```
 * @module pwmk/display
 */
export { display, show, toMimeBundle, type Showable } from "./display";
export type { BridgeEnvironment, ModuleTable } from "./tslab-bridge";
export { displayHandle, type DisplayHandle } from "./handle";
export {
  trainingChart,
  trainingPayload,
  isTrainingHistory,
  TrainingChart,
  type TrainingChartOptions,
  type TrainingHistoryInput
} from "./charts/training";
export { liveTraining, type LiveTraining } from "./charts/live-training";
export {
  searchTree,
  isSearchTree,
  isSearchResult,
  SearchTree,
  type PlainSearchNode,
  type PlannerTreeNode,
  type SearchTreeInput,
  type SearchTreeSource,
  type SearchTreeOptions
} from "./charts/search-tree";
export {
  divergenceChart,
  trackDivergence,
  isDivergenceHistory,
  DivergenceChart,
  type DivergenceChartOptions,
  type DivergenceSource,
  type DivergenceTrace
} from "./charts/divergence";
export { VEGA_LITE_MIME } from "./charts/vega-lite";
export {
  predictionChart,
  isPredictionInput,
  PredictionChart,
  type PredictionInput,
  type PredictionValues,
  type PredictionChartOptions
} from "./charts/predictions";
export { beliefGraph, BeliefGraph, type BeliefSpec, type BeliefGraphSpec } from "./belief-graph";
export { type MimeBundle, type Displayable, isDisplayable, checkMimeBundle } from "./bundle";
export { escapeMarkup } from "./escape";
export {
  BELIEF_GRAPH_MIME,
  BELIEF_GRAPH_SCHEMA,
  BELIEF_GRAPH_V1,
  assertPayload,
  readPayload,
  validatePayload,
  type BeliefGraphMimeType,
  type BeliefGraphVersion,
  type BeliefGraphNode,
  type BeliefGraphEdge,
  type BeliefGraphPayload,
  type PayloadKind,
  type PayloadReading
} from "./payloads";
export {
  nestedBeliefGraph,
  NestedBeliefGraph,
  type NestedBeliefSpec,
  type BeliefSnapshotSpec,
  type NestedBeliefGraphSpec
} from "./nested-graph";
export {
  beliefGraphOf,
  isBeliefSource,
  type BeliefGraphOptions,
  type BeliefSource
} from "./belief-sources";
export { Trajectory } from "./trajectory";
export {
  recordTrajectory,
  trajectoryOf,
  isTrajectorySource,
  TrajectoryRecorder,
  type CaptureOptions,
  type TrajectorySource
} from "./trajectory-sources";
export {
  BELIEF_GRAPH_V2_MIME,
  TRAJECTORY_MIME,
  type BeliefGraphV2Payload,
  type TrajectoryPayload
} from "./payloads";
export {
  validateBeliefGraphPayload,
  assertBeliefGraphPayload,
  BELIEF_GRAPH_MAJOR,
  BELIEF_GRAPH_VERSION
} from "./deprecated-names";
