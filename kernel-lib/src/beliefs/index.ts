/**
 * `pwmk/beliefs`: the belief store (facts, rules and nested beliefs on SWI-Prolog, wasm or native,
 * or clingo), its options, limits and errors. See docs/belief-store.md.
 *
 * ```ts
 * import { BeliefStore } from "pwmk/beliefs";
 * const kb = await BeliefStore.create({ backend: "swipl" });
 * await kb.addPredicate({ name: "at", arity: 2 });
 * await kb.assertFact("at(marble, basket)");
 * await kb.query("at(marble, Where)"); // [{ Where: "basket" }]
 * ```
 * @module pwmk/beliefs
 */
export { BeliefStore } from "./store";
export { DEFAULT_LIMITS } from "./types";
export type {
  BeliefStoreLimits,
  BeliefStoreOptions,
  Binding,
  BatchOp,
  BatchResult,
  StoredBeliefs,
  KbData,
  TermInput,
  QueryInput
} from "./types";
export { EpistemicQuery } from "./epistemic-query";
export {
  BeliefStoreError,
  UnknownPredicateError,
  ArityMismatchError,
  SandboxError,
  LimitExceededError,
  UnsupportedError,
  EngineError
} from "./errors";
export { SAFE_BUILTINS } from "./sandbox";
export type { BackendName, EngineCapabilities } from "./backends/engine";
export { nativeSwiplAvailable } from "./backends/swipl-native";
