/**
 * `pwmk/epistemic`: the one event model, the BeliefTracker contract and its representations
 * (chains, Kripke models, probabilities), epistemic formulas, the BeliefUpdater and the sync of a
 * tracker into a BeliefStore. Log-space numerics and the event resolver are internal.
 *
 * ```ts
 * import { ChainTracker, chainKey } from "pwmk/epistemic";
 * const t = new ChainTracker({ agents: ["sally", "anne"], world: { "at(marble)": "basket" }, commonKnowledge: ["at(marble)"] });
 * t.believedValues(["anne", "sally"], "at(marble)"); // ["basket"]
 * chainKey(["anne", "sally"]); // "anne/sally", the key of BeliefGroundTruth.perspectives
 * ```
 * @module pwmk/epistemic
 */
export {
  chainKey,
  chainsUpTo,
  type AgentId,
  type AnnouncementEvent,
  type BeliefGroundTruth,
  type EpistemicEvent,
  type Fluent,
  type NegativeObservationEvent,
  type Observability,
  type Observers,
  type OnticEvent,
  type SensingEvent,
  type Value
} from "./events";
export type { BeliefTracker, TrackerInit } from "./tracker";
export { EpistemicInputError, collapseChain } from "./vocabulary";
export { ChainTracker } from "./chain-tracker";
export { KripkeTracker, type KripkeOptions } from "./kripke-tracker";
export type { DeceptionRecord } from "./deception";
export {
  F,
  FormulaSyntaxError,
  formulaToString,
  normalizeFluent,
  parseFormula,
  type Formula
} from "./formula";
export { RepresentationLimitError, type Answer } from "./formula-eval";
export {
  BeliefState,
  type BeliefStateOptions,
  type DivergenceSummary,
  type ObservationOutcome
} from "./probabilistic/belief-state";
export type { EvidenceOptions, SensorModel } from "./probabilistic/evidence";
export { entropyBits, jsDivergence } from "./probabilistic/math";
export type { NoiseModel } from "./probabilistic/noise";
export {
  ProbabilisticBeliefs,
  type DivergenceRecord,
  type DivergenceTracking,
  type ProbabilisticChange,
  type ProbabilisticInit,
  type ReadingOptions
} from "./probabilistic/probabilistic-beliefs";
export {
  FluentSpace,
  type FluentDomain,
  type FluentSpaceSpec,
  type PriorSpec
} from "./probabilistic/space";
export {
  BeliefUpdater,
  type BeliefUpdaterOptions,
  type Explanation
} from "./updater/belief-updater";
export {
  describeUpdate,
  type BeliefCause,
  type BeliefChangeKind,
  type BeliefUpdate
} from "./updater/records";
export {
  BeliefSync,
  fluentFact,
  syncTo,
  type BeliefSyncOptions,
  type SyncDiff
} from "./belief-sync";
