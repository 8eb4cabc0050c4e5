/**
 * The term-level interface every belief-store backend implements. The facade validates and
 * sandboxes all input before any of these calls; a backend only translates and executes.
 */
import type { Term } from "../../terms";

/** The available backends. */
export type BackendName = "swipl" | "swipl-native" | "clingo";

/** Query limits passed with each query. */
export interface QueryLimits {
  inferences: number;
  timeMs: number;
}

/** A belief in keyed form: the agent chain (outermost first) and the innermost fact. */
export interface KeyedBelief {
  chain: Term[];
  fact: Term;
}

/** A rule as the user wrote it and as the sandbox rewrote it for Prolog engines. */
export interface RuleClause {
  original: Term;
  head: Term;
  body: Term;
}

/** One engine operation; a list of them runs in a single engine call. */
export type EngineOp =
  | { op: "declare"; name: string; arity: number }
  /** `blind`: the caller guarantees none is present yet (the engine skips its existence check). */
  | { op: "addFacts"; facts: Term[]; blind?: boolean }
  | { op: "delFacts"; facts: Term[] }
  | { op: "addBeliefs"; beliefs: KeyedBelief[]; blind?: boolean }
  | { op: "delBeliefs"; beliefs: KeyedBelief[] }
  | { op: "addRules"; rules: RuleClause[] }
  | { op: "delRules"; rules: RuleClause[] }
  | { op: "query"; goal: Term; original: Term; vars: string[]; limit: number; offset: number }
  | { op: "holds"; goals: Term[]; originals: Term[] };

/** Result of one operation: counts for updates, rows for queries, flags for holds, or an error. */
export type EngineResult =
  | { kind: "count"; n: number }
  | { kind: "rows"; rows: Term[][]; more: boolean }
  | { kind: "flags"; flags: boolean[] }
  | { kind: "error"; error: Error };

/**
 * What an engine can do. The store checks these before it sends an operation, and refuses what
 * an engine cannot do with an UnsupportedError naming the capability and the backend.
 * ```ts
 * store.capabilities.answerSets; // true on clingo: solve() is served
 * ```
 */
export interface EngineCapabilities {
  /** Answer sets: `solve()` with choice rules, constraints and defaults. */
  answerSets: boolean;
  /**
   * Where limits.timeMs is enforced: "in-engine" (an alarm inside the engine, with a host
   * backstop) or "host" (a host timeout that stops and restarts the engine; the store replays).
   */
  timeLimit: "in-engine" | "host";
  /** limits.inferences is enforced inside the engine. */
  inferenceLimit: boolean;
  /** `\+ Goal` (negation as failure / default negation) in rule bodies and queries. */
  negation: boolean;
  /** `;`, `->` and `*->` in rule bodies and queries. */
  disjunction: boolean;
  /** call/N, findall, forall, aggregate_all, bagof, setof, once, ignore. */
  metaCalls: boolean;
  /**
   * The safe built-ins beyond comparison, `is/2`, `true` and `fail`: type checks, term
   * inspection, lists, and the atom and string built-ins (atom_length/2, sub_atom/5, ...).
   */
  builtins: boolean;
  /** Lists in facts, rules and queries. */
  lists: boolean;
  /** Floating-point numbers. */
  floats: boolean;
}

/** A backend: runs operation batches in one engine call each. */
export interface EngineBackend {
  readonly name: BackendName;
  /** What this engine can do. */
  readonly capabilities: Readonly<EngineCapabilities>;
  /** In-engine time of the last call in ms, when the backend can measure it (diagnostics). */
  readonly lastEngineMs?: number;
  /** Total in-engine time of all calls so far in ms, when measurable. */
  readonly totalEngineMs?: number;
  /** Runs the operations in order, in one engine call; returns one result per operation. */
  run(ops: EngineOp[], limits: QueryLimits): Promise<EngineResult[]>;
  /**
   * Checks that operations can run here before anything runs (nothing changes): throws the
   * UnsupportedError running them would throw. Absent when every valid operation can run.
   */
  validate?(ops: EngineOp[], limits: QueryLimits): Promise<void>;
  /** Answer sets of the KB plus extra clauses (only where capabilities.answerSets). */
  solve?(
    extra: Term[],
    models: number,
    show: string[] | undefined,
    limits: QueryLimits
  ): Promise<Term[][]>;
  /** Removes every fact, belief and rule (declarations stay). */
  clear(): Promise<void>;
  /**
   * Makes sure the engine runs before a call; true when it had to be restarted (after a timeout
   * or crash stopped it), in which case the caller replays its state first.
   */
  prepare(): Promise<boolean>;
  /** Stops the engine and frees its resources; idempotent. */
  close(): Promise<void>;
}
