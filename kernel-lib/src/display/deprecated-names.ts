/**
 * Names `pwmk/display` had before the payload contract moved to `pwmk/payloads` (one validator
 * for every kind). They keep working until pwmk 1.0.0 and warn once (see docs/migration.md).
 */
import { deprecate } from "../support/deprecated";
import {
  assertPayload,
  BELIEF_GRAPH_V1,
  validatePayload,
  type BeliefGraphPayload
} from "./payloads";

const REMOVED_IN = "1.0.0";

/**
 * @deprecated Use `validatePayload(BELIEF_GRAPH_V1, value)` from `pwmk/payloads`; removed in 1.0.0.
 *
 * ```ts
 * validateBeliefGraphPayload({ version: "1.0", nodes: [], edges: [] }); // []
 * ```
 */
export const validateBeliefGraphPayload = deprecate(
  (value: unknown): string[] => validatePayload(BELIEF_GRAPH_V1, value),
  {
    api: "validateBeliefGraphPayload()",
    removedIn: REMOVED_IN,
    use: 'validatePayload(BELIEF_GRAPH_V1, value) from "pwmk/payloads"'
  }
);

/**
 * @deprecated Use `assertPayload(BELIEF_GRAPH_V1, value)` from `pwmk/payloads`; removed in 1.0.0.
 *
 * ```ts
 * assertBeliefGraphPayload(JSON.parse(text)); // throws naming every problem
 * ```
 */
export const assertBeliefGraphPayload: (value: unknown) => asserts value is BeliefGraphPayload =
  deprecate((value: unknown): void => assertPayload(BELIEF_GRAPH_V1, value), {
    api: "assertBeliefGraphPayload()",
    removedIn: REMOVED_IN,
    use: 'assertPayload(BELIEF_GRAPH_V1, value) from "pwmk/payloads"'
  });

/**
 * @deprecated Use `BELIEF_GRAPH_V1.major` from `pwmk/payloads`; removed in 1.0.0.
 *
 * ```ts
 * BELIEF_GRAPH_MAJOR; // 1
 * ```
 */
export const BELIEF_GRAPH_MAJOR = 1;

/**
 * @deprecated Use `BELIEF_GRAPH_V1.version` from `pwmk/payloads`; removed in 1.0.0.
 *
 * ```ts
 * BELIEF_GRAPH_VERSION; // "1.0"
 * ```
 */
export const BELIEF_GRAPH_VERSION = "1.0";
