/**
 * Epistemic tracking: the one event model, the BeliefTracker contract and its representations.
 *
 * ```ts
 * import { ChainTracker } from "pwmk";
 * const t = new ChainTracker({ agents: ["sally", "anne"], world: { "at(marble)": "basket" }, commonKnowledge: ["at(marble)"] });
 * ```
 */
export * from "./events";
export * from "./tracker";
export { EpistemicInputError, collapseChain } from "./vocabulary";
export { ChainTracker } from "./chain-tracker";
export { DeceptionRecord } from "./deception";
export { KripkeTracker, KripkeOptions } from "./kripke-tracker";
export {
  Formula,
  F,
  FormulaSyntaxError,
  parseFormula,
  formulaToString,
  normalizeFluent
} from "./formula";
export { Answer, RepresentationLimitError } from "./formula-eval";
export * from "./probabilistic";
export * from "./updater";
export { BeliefSync, BeliefSyncOptions, SyncDiff, syncTo, fluentFact } from "./belief-sync";
