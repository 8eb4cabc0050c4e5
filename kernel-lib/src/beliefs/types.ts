/**
 * Public types of the belief store and its limits.
 *
 * ```ts
 * import { DEFAULT_LIMITS } from "pwmk/beliefs";
 * DEFAULT_LIMITS.timeMs; // 5000
 * ```
 */
import { DEFAULT_PARSE_OPTIONS, JsValue, Term, TermLike } from "../terms";
import type { BackendName } from "./backends/engine";
import { BeliefStoreError } from "./errors";

/** Limits of a store; every one is configurable at create time. */
export interface BeliefStoreLimits {
  /** Inferences one query (or one batch of holds) may use (default 5,000,000). */
  inferences: number;
  /** Wall-clock time one query may take, in ms (default 5,000). */
  timeMs: number;
  /** Most solutions query() returns without an explicit limit (default 100,000). */
  maxResults: number;
  /** Deepest term accepted from users (default 256, at most 900; a list of N items nests N + 1 deep). */
  maxDepth: number;
  /** Longest text accepted by one call, in characters (default 1,000,000; load() allows 100x). */
  maxChars: number;
  /** Longest atom or string accepted (default 65,536 characters). */
  maxAtomLength: number;
}

/**
 * Default limits.
 * ```ts
 * await BeliefStore.create({ limits: { ...DEFAULT_LIMITS, timeMs: 1000 } });
 * ```
 */
export const DEFAULT_LIMITS: Readonly<BeliefStoreLimits> = Object.freeze({
  inferences: 5_000_000,
  timeMs: 5_000,
  maxResults: 100_000,
  maxDepth: DEFAULT_PARSE_OPTIONS.maxDepth,
  maxChars: DEFAULT_PARSE_OPTIONS.maxChars,
  maxAtomLength: DEFAULT_PARSE_OPTIONS.maxAtomLength
});

/** Highest accepted limits.maxDepth: answers are read back with a nesting limit of about 1,000. */
export const MAX_DEPTH_CEILING = 900;

/**
 * The limits in force for the given overrides; throws a BeliefStoreError naming a bad one.
 * ```ts
 * resolveLimits({ timeMs: 1000 }).timeMs; // 1000
 * resolveLimits({ timeMs: -1 }); // throws: limits.timeMs must be a positive number
 * ```
 */
export function resolveLimits(overrides: Partial<BeliefStoreLimits> = {}): BeliefStoreLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  for (const [k, val] of Object.entries(limits)) {
    if (!(k in DEFAULT_LIMITS))
      throw new BeliefStoreError(
        `unknown limit limits.${k}; the limits are ${Object.keys(DEFAULT_LIMITS).join(", ")}`
      );
    if (typeof val !== "number" || !(val > 0) || !Number.isFinite(val))
      throw new BeliefStoreError(`limits.${k} must be a positive number, got ${String(val)}`);
  }
  // the checks recurse, and answers nested deeper than ~1,000 levels cannot be read back
  if (limits.maxDepth > MAX_DEPTH_CEILING)
    throw new BeliefStoreError(
      `limits.maxDepth must be at most ${MAX_DEPTH_CEILING} (deeper terms cannot be returned from the engines), got ${limits.maxDepth}`
    );
  return limits;
}

/**
 * Options of BeliefStore.create.
 *
 * ```ts
 * await BeliefStore.create({ backend: "clingo", limits: { timeMs: 1000 } });
 * ```
 */
export interface BeliefStoreOptions {
  /** "swipl" (WebAssembly, default), "swipl-native" (the swipl binary) or "clingo" (ASP). */
  backend?: BackendName;
  /** Overrides of the default limits (`DEFAULT_LIMITS`); the others keep their defaults. */
  limits?: Partial<BeliefStoreLimits>;
  /** Path of the native binary for "swipl-native" (default /usr/bin/swipl). */
  swiplPath?: string;
}

/** One solution: variable name to plain value (atoms/strings as strings, numbers, arrays, Terms). */
export type Binding = Record<string, JsValue>;

/** A term given as Prolog text (parsed by PWMK's parser) or as a Term. */
export type TermInput = string | Term;

/** A query given as text, a Term, or an EpistemicQuery. */
export type QueryInput =
  | TermInput
  | {
      /** The query as one Prolog goal (an EpistemicQuery builds its nested `believes/2`). */
      toTerm(): Term;
    };

/** One operation of a batch; all operations of a batch run in one engine call. */
export type BatchOp =
  | { op: "assert"; fact: TermInput }
  | { op: "retract"; fact: TermInput }
  | { op: "addBelief"; agent: TermLike; belief: TermInput }
  | { op: "retractBelief"; agent: TermLike; belief: TermInput }
  | { op: "query"; query: QueryInput; limit?: number }
  | { op: "holds"; query: QueryInput };

/** Result of one batch operation: changed-or-not for updates, bindings for queries, truth for holds. */
export type BatchResult = boolean | Binding[] | { error: Error };

/**
 * What one agent believes according to the store, as data (what `getBeliefState` returns).
 * ```ts
 * const s: StoredBeliefs = await kb.getBeliefState("sally");
 * s.entries[0].chain; // ["sally"]
 * ```
 */
export interface StoredBeliefs {
  /** The agent asked about. */
  agent: string;
  /** The believed terms in nested form, e.g. `at(marble,basket)` or `believes(anne,at(marble,box))`. */
  beliefs: Term[];
  /** The same beliefs keyed: `chain` is the agent chain (starting with `agent`), `fact` the innermost fact. */
  entries: Array<{ chain: string[]; fact: Term }>;
}

/** A copy of everything the store holds, as data (also what snapshots keep). */
export interface KbData {
  /** Declared predicates, by name in declaration order, arities ascending. */
  predicates: Array<{ name: string; arity: number }>;
  /** The world's facts. */
  facts: Term[];
  /** Every agent's beliefs, as `believes(Agent, Belief)` terms (nested for deeper chains). */
  beliefs: Term[];
  /** The rules, each the clause term as it was added (`Head :- Body`). */
  rules: Term[];
}
