/**
 * `pwmk/payloads`: the contract between pwmk and its viewers. Per payload kind one module with
 * its MIME type, TypeScript types, JSON Schema, rules and layout; one validator for all kinds.
 * Dependency-free and browser-safe (no Node API, no import from outside this folder), so the
 * `jupyterlab-pwmk` renderers import it at run time and draw with the same layout as the
 * kernel's static pictures.
 *
 * ```ts
 * import { readPayload, BELIEF_GRAPH_V1 } from "pwmk/payloads";
 * const r = readPayload(BELIEF_GRAPH_V1, data);
 * if (r.ok) draw(r.payload);
 * ```
 * @module pwmk/payloads
 */
export { checkSchema, describeValue, isObject, type JsonSchema, type JsonType } from "./schema";
export {
  assertPayload,
  payloadMajor,
  readPayload,
  validatePayload,
  MAX_PAYLOAD_CHARS,
  type PayloadKind,
  type PayloadReading
} from "./kind";
export { CHAR_WIDTH, columnWidth, fitText, fmt, truncate } from "./text";
export {
  BELIEF_GRAPH_MIME,
  BELIEF_GRAPH_SCHEMA,
  BELIEF_GRAPH_V1,
  layoutBeliefGraphV1,
  nodeLabel,
  type BeliefGraphEdge,
  type BeliefGraphMimeType,
  type BeliefGraphNode,
  type BeliefGraphPayload,
  type BeliefGraphV1Layout,
  type BeliefGraphVersion
} from "./belief-graph-v1";
export {
  BELIEF_GRAPH_V2,
  BELIEF_GRAPH_V2_MIME,
  BELIEF_GRAPH_V2_SCHEMA,
  beliefGraphV1ToV2,
  beliefInWords,
  beliefRoute,
  beliefTruth,
  chainId,
  chainInWords,
  layoutBeliefGraphV2,
  type BeliefGraphAgent,
  type BeliefGraphFact,
  type BeliefGraphSnapshot,
  type BeliefGraphV2Layout,
  type BeliefGraphV2Payload,
  type ChainBox,
  type NestedBelief
} from "./belief-graph-v2";
export {
  AGENT_COLOURS,
  TRAJECTORY,
  TRAJECTORY_MIME,
  TRAJECTORY_SCHEMA,
  cellKey,
  cellSize,
  hasPredictions,
  sceneOf,
  type AgentStep,
  type Cell,
  type Scene,
  type SceneItem,
  type TrajectoryPayload,
  type TrajectoryStep
} from "./trajectory";
export {
  SERIES_COLOURS,
  formatNumber,
  layoutLineChart,
  niceTicks,
  type LaidOutSeries,
  type LineChartInput,
  type LineChartLayout,
  type LineSeries,
  type Tick
} from "./line-chart";
export {
  TRAINING_HISTORY_MIME,
  TRAINING_HISTORY_V1,
  trainingPanels,
  trainingProgress,
  type TrainingEpochRecord,
  type TrainingHistoryPayload,
  type TrainingMetric,
  type TrainingPanel,
  type TrainingPanelLayout
} from "./training-history";
export {
  SEARCH_TREE_MIME,
  SEARCH_TREE_V1,
  childrenOf,
  nodeText,
  searchTreeRows,
  type SearchTreeNode,
  type SearchTreePayload,
  type SearchTreeRow
} from "./search-tree";
export {
  DIVERGENCE_MIME,
  DIVERGENCE_V1,
  divergenceChartInput,
  shortMeasure,
  type DivergencePayload,
  type DivergenceSeries,
  type DivergenceStep
} from "./divergence";
export {
  PREDICTIONS_MIME,
  PREDICTIONS_V1,
  meanAbsoluteError,
  predictionCharts,
  type PredictedQuantity,
  type PredictionsPayload
} from "./predictions";
