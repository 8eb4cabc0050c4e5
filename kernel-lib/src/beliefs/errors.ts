/**
 * Errors of the belief store. Each names what was wrong; the store is unchanged after any of them.
 *
 * ```ts
 * try { await store.query("shell(ls)"); } catch (e) { if (e instanceof SandboxError) console.log(e.message); }
 * ```
 */

/** Base class of every belief-store error. */
export class BeliefStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BeliefStoreError";
  }
}

/** A predicate was used that was never declared (by addPredicate, an assert, a belief or a rule). */
export class UnknownPredicateError extends BeliefStoreError {
  constructor(
    /** The predicate as `name/arity`, e.g. "at/2". */
    readonly indicator: string,
    context: string
  ) {
    super(
      `unknown predicate ${indicator} in ${context}: declare it with addPredicate({ name, arity }), or assert a fact of it, first`
    );
    this.name = "UnknownPredicateError";
  }
}

/** A declared predicate was used with another number of arguments. */
export class ArityMismatchError extends BeliefStoreError {
  constructor(
    /** The predicate as used, `name/arity`. */
    readonly indicator: string,
    /** The arities the name is declared with. */
    readonly declared: number[],
    context: string
  ) {
    super(
      `arity mismatch: ${indicator} used in ${context}, but ${indicator.split("/")[0]} is declared with arity ${declared.join(" or ")}`
    );
    this.name = "ArityMismatchError";
  }
}

/** A goal that the sandbox does not allow (I/O, side effects, engine control, ...). */
export class SandboxError extends BeliefStoreError {
  constructor(reason: string) {
    super(`not allowed: ${reason}`);
    this.name = "SandboxError";
  }
}

/** A query ran past its inference or time limit; the store keeps working. */
export class LimitExceededError extends BeliefStoreError {
  constructor(
    /** Which limit ran out. */
    readonly limit: "inferences" | "time",
    /** The limit's value: inferences, or milliseconds for "time". */
    readonly value: number
  ) {
    super(
      limit === "inferences"
        ? `query exceeded the inference limit of ${value} inferences (limits.inferences); the store is unchanged`
        : `query exceeded the time limit of ${value} ms (limits.timeMs); the store is unchanged`
    );
    this.name = "LimitExceededError";
  }
}

/**
 * The chosen backend does not serve this operation. `capability` names the missing capability
 * (see `store.capabilities`) when one is to blame.
 */
export class UnsupportedError extends BeliefStoreError {
  constructor(
    /** The backend's name, e.g. "clingo". */
    readonly backend: string,
    what: string,
    /** The missing capability (a key of `store.capabilities`), when one is to blame. */
    readonly capability?: string
  ) {
    super(
      `the ${backend} backend does not support ${what}${capability ? ` [capability ${capability}]` : ""}`
    );
    this.name = "UnsupportedError";
  }
}

/** The engine reported an error while running a goal (e.g. a type error in arithmetic). */
export class EngineError extends BeliefStoreError {
  constructor(backend: string, detail: string) {
    super(`${backend} engine error: ${detail}`);
    this.name = "EngineError";
  }
}
