/**
 * Input checking: turns what a user passes to the store (Prolog text, Terms, batch operations)
 * into engine operations, or throws an error naming what is wrong. Pure: it reads the declared
 * predicates through a callback and never touches an engine, so every rule here is testable
 * without one. Parsing guards, the sandbox, declarations (including the automatic declaration of
 * a fact's predicate, as Prolog's assert creates a dynamic predicate) and the engine's
 * capabilities are all checked here.
 */
import {
  Atom,
  Compound,
  formatTerm,
  isGround,
  isTerm,
  jsToTerm,
  parseTerm,
  Term,
  termDepth,
  TermLike,
  termVariables,
  Var
} from "../terms";
import type {
  BackendName,
  EngineCapabilities,
  EngineOp,
  KeyedBelief,
  RuleClause
} from "./backends/engine";
import {
  ArityMismatchError,
  BeliefStoreError,
  SandboxError,
  UnknownPredicateError
} from "./errors";
import { isBelievesTerm, toKeyed, toNested, validateBelief } from "./layout";
import { requireDataCapabilities, requireGoalCapabilities } from "./capabilities";
import { checkGoal, ENGINE_ALLOWED, PredicateTable, SAFE_BUILTINS, splitClause } from "./sandbox";
import type { BatchOp, BeliefStoreLimits, QueryInput, TermInput } from "./types";

/** A query operation as the engines take it. */
export type QueryOp = EngineOp & { op: "query" };
/** A holds operation as the engines take it. */
export type HoldsOp = EngineOp & { op: "holds" };

/** Names a user predicate can never have: built-ins, control constructs, engine internals. */
const RESERVED_NAMES = new Set([
  "believes",
  "call",
  ...ENGINE_ALLOWED.map((i) => i.slice(0, i.lastIndexOf("/"))),
  "halt",
  "shell",
  "assert",
  "asserta",
  "assertz",
  "retract",
  "retractall",
  "consult",
  "op",
  "set_prolog_flag",
  "catch",
  "throw",
  "abolish",
  "dynamic",
  "use_module",
  "ensure_loaded",
  "initialization"
]);

/** Control constructs that are goals, not facts. */
const CONTROL = new Set([",/2", ";/2", "->/2", "*->/2", "\\+/1", "|/2"]);
/** Most entries of the query cache. */
const QUERY_CACHE_SIZE = 1024;

/**
 * Predicates a checked operation will declare before it runs (an assert on a new predicate, a
 * rule with a new head, a load); queried by later checks of the same call.
 * ```ts
 * const plan = new Declarations();
 * checker.fact("colour(marble, red)", true, plan); plan.list; // [{ name: "colour", arity: 2 }]
 * ```
 */
export class Declarations {
  readonly list: Array<{ name: string; arity: number }> = [];
  private readonly byName = new Map<string, Set<number>>();

  /** Whether name/arity is planned. */
  has(name: string, arity: number): boolean {
    return this.byName.get(name)?.has(arity) ?? false;
  }

  /** Plans name/arity (once). */
  add(name: string, arity: number): void {
    if (this.has(name, arity)) return;
    const s = this.byName.get(name) ?? new Set<number>();
    s.add(arity);
    this.byName.set(name, s);
    this.list.push({ name, arity });
  }

  /** Planned arities of a name. */
  arities(name: string): number[] {
    return [...(this.byName.get(name) ?? [])];
  }
}

/** What the checker needs to know about the store it checks for. */
export interface CheckerOptions {
  limits: Readonly<BeliefStoreLimits>;
  backend: BackendName;
  capabilities: Readonly<EngineCapabilities>;
  /** Declared arities of a user predicate name (empty when undeclared). */
  declared(name: string): readonly number[];
  /** Changes whenever the declarations change (cached query checks are dropped then). */
  declarationsVersion(): number;
}

/**
 * Checks store input into engine operations.
 * ```ts
 * const checker = new InputChecker({ limits: DEFAULT_LIMITS, backend: "swipl", capabilities,
 *   declared: (n) => (n === "at" ? [2] : []), declarationsVersion: () => 0 });
 * checker.holds(["at(marble, box)"], "holds"); // { op: "holds", goals: [...], originals: [...] }
 * checker.query("colour(X)", undefined, 0, "query"); // throws UnknownPredicateError colour/1
 * ```
 */
export class InputChecker {
  private readonly cache = new Map<string, { original: Term; goal: Term }>();
  private cacheVersion = -1;

  constructor(private readonly options: CheckerOptions) {}

  private get limits(): Readonly<BeliefStoreLimits> {
    return this.options.limits;
  }

  /** Options for parsing user text under the store's limits. */
  parseOptions(maxCharsFactor = 1): { maxChars: number; maxDepth: number; maxAtomLength: number } {
    return {
      maxChars: this.limits.maxChars * maxCharsFactor,
      maxDepth: this.limits.maxDepth,
      maxAtomLength: this.limits.maxAtomLength
    };
  }

  /** Text is parsed by our parser; Terms are checked against the same guards. */
  term(x: QueryInput, context: string): Term {
    let t: Term;
    if (typeof x === "string") t = parseTerm(x, this.parseOptions());
    else if (isTerm(x)) t = x;
    else if (x && typeof (x as { toTerm?: unknown }).toTerm === "function")
      t = (x as { toTerm(): Term }).toTerm();
    else
      throw new BeliefStoreError(
        `${context} expects Prolog text or a Term, got ${x === null ? "null" : typeof x}`
      );
    const d = termDepth(t);
    if (d > this.limits.maxDepth)
      throw new BeliefStoreError(
        `${context}: term nesting ${d} exceeds limits.maxDepth ${this.limits.maxDepth}`
      );
    if (typeof x !== "string") {
      const len = formatTerm(t).length;
      if (len > this.limits.maxChars)
        throw new BeliefStoreError(
          `${context}: term of ${len} characters exceeds limits.maxChars ${this.limits.maxChars}`
        );
    }
    return t;
  }

  /** Whether name/arity is declared in the store. */
  isDeclared(name: string, arity: number): boolean {
    return this.options.declared(name).includes(arity);
  }

  /** Refuses data the engine cannot hold (lists, floats where not served). */
  data(t: Term): void {
    requireDataCapabilities(t, this.options.backend, this.options.capabilities);
  }

  /** Throws unless name/arity may be declared as a user predicate. */
  declaration(name: unknown, arity: unknown): void {
    if (typeof name !== "string" || name.length === 0)
      throw new BeliefStoreError(
        `a predicate name must be a non-empty string, got ${JSON.stringify(name)}`
      );
    if (typeof arity !== "number" || !Number.isInteger(arity) || arity < 0 || arity > 64) {
      throw new BeliefStoreError(
        `the arity of ${name} must be an integer from 0 to 64, got ${String(arity)}`
      );
    }
    if (name.length > this.limits.maxAtomLength)
      throw new BeliefStoreError(
        `predicate name of ${name.length} characters exceeds limits.maxAtomLength`
      );
    if (name.startsWith("$"))
      throw new SandboxError(`cannot declare ${name}/${arity}: names starting with $ are internal`);
    if (RESERVED_NAMES.has(name) || SAFE_BUILTINS.includes(`${name}/${arity}`)) {
      throw new SandboxError(
        `cannot declare ${name}/${arity}: ${name} is a built-in or reserved name`
      );
    }
  }

  /**
   * An assert or retract of one fact (a `believes(...)` fact is a belief). Asserting a fact of
   * a predicate name not declared at all plans its declaration; a declared name used with
   * another arity is an ArityMismatchError (a likely typo), and retracting from an unknown
   * predicate is an UnknownPredicateError.
   */
  fact(x: TermInput, add: boolean, plan: Declarations): EngineOp {
    const context = add ? "assertFact" : "retractFact";
    const t = this.term(x, context);
    if (isBelievesTerm(t)) return this.keyedBelief(toKeyed(t), add, context, plan);
    if (t.kind === "compound" && (t.name === ":-" || t.name === "?-"))
      throw new SandboxError(`${context}: clauses and directives are not facts; use addRule`);
    this.notControl(t, context);
    this.declared(t, context, add ? plan : undefined);
    if (!isGround(t))
      throw new BeliefStoreError(
        `${context}: a fact must be ground (no variables): ${formatTerm(t)}`
      );
    requireDataCapabilities(t, this.options.backend, this.options.capabilities);
    return { op: add ? "addFacts" : "delFacts", facts: [t] };
  }

  /** `believes(agent, belief)`, added or removed. */
  belief(agent: TermLike, belief: TermInput, add: boolean, plan: Declarations): EngineOp {
    const context = add ? "addBelief" : "retractBelief";
    const a = this.agent(agent, context);
    const inner = toKeyed(this.term(belief, context));
    return this.keyedBelief({ chain: [a, ...inner.chain], fact: inner.fact }, add, context, plan);
  }

  /** A belief in keyed form, added or removed. */
  keyedBelief(b: KeyedBelief, add: boolean, context: string, plan?: Declarations): EngineOp {
    validateBelief(b, context);
    if (termDepth(toNested(b)) > this.limits.maxDepth)
      throw new BeliefStoreError(
        `${context}: belief nesting exceeds limits.maxDepth ${this.limits.maxDepth}`
      );
    this.notControl(b.fact, context);
    this.declared(b.fact, context, add ? plan : undefined);
    requireDataCapabilities(toNested(b), this.options.backend, this.options.capabilities);
    return { op: add ? "addBeliefs" : "delBeliefs", beliefs: [b] };
  }

  /** An agent name: an atom (strings are atom names, never parsed). */
  agent(agent: TermLike, context: string): Atom {
    const a = typeof agent === "string" ? new Atom(agent) : jsToTerm(agent);
    if (a.kind !== "atom")
      throw new BeliefStoreError(
        `${context}: an agent must be an atom (a string), got ${formatTerm(a)}`
      );
    if (a.name.length > this.limits.maxAtomLength)
      throw new BeliefStoreError(`${context}: agent name exceeds limits.maxAtomLength`);
    return a;
  }

  /** A rule `Head :- Body`: a new head is planned for declaration; the body is sandboxed. */
  rule(clause: Term, context: string, plan: Declarations): RuleClause {
    const { head, body } = splitClause(clause);
    if (head.kind !== "atom" && head.kind !== "compound")
      throw new BeliefStoreError(
        `${context}: the rule head ${formatTerm(head)} must be an atom or compound term`
      );
    if (!isBelievesTerm(head)) {
      const arity = head.kind === "compound" ? head.args.length : 0;
      if (!this.options.declared(head.name).includes(arity) && !plan.has(head.name, arity)) {
        this.declaration(head.name, arity);
        plan.add(head.name, arity);
      }
    }
    const where = `the body of ${context} ${truncate(formatTerm(clause))}`;
    const checked = checkGoal(body, this.table(plan), where);
    requireGoalCapabilities(body, this.options.backend, this.options.capabilities);
    requireDataCapabilities(head, this.options.backend, this.options.capabilities);
    return { original: clause, head, body: checked };
  }

  /** A query with its page (`limit` solutions after `offset`; no limit: limits.maxResults). */
  query(
    q: QueryInput,
    limit: number | undefined,
    offset: number,
    context: string,
    plan?: Declarations
  ): QueryOp {
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 0))
      throw new BeliefStoreError(`${context}: limit must be a non-negative integer`);
    if (!Number.isInteger(offset) || offset < 0)
      throw new BeliefStoreError(`${context}: offset must be a non-negative integer`);
    const { original, goal } = this.goal(q, context, plan);
    const vars = termVariables(original).filter((n) => !n.startsWith("_"));
    return { op: "query", goal, original, vars, limit: limit ?? this.limits.maxResults, offset };
  }

  /**
   * Whether each query holds, as one operation. Single queries use the query cache; a batch
   * of many would only push out the entries a loop of single calls relies on.
   */
  holds(qs: readonly QueryInput[], context: string, plan?: Declarations): HoldsOp {
    if (!Array.isArray(qs)) throw new BeliefStoreError(`${context} expects an array of queries`);
    const goals: Term[] = [];
    const originals: Term[] = [];
    const useCache = qs.length === 1;
    for (const q of qs) {
      const g = this.goal(q, context, plan, useCache);
      goals.push(g.goal);
      originals.push(g.original);
    }
    return { op: "holds", goals, originals };
  }

  /** One operation of a batch. */
  batchOp(o: BatchOp, context: string, plan: Declarations): EngineOp {
    if (!o || typeof o !== "object")
      throw new BeliefStoreError(`${context}: an operation must be an object`);
    switch (o.op) {
      case "assert":
        return this.fact(o.fact, true, plan);
      case "retract":
        return this.fact(o.fact, false, plan);
      case "addBelief":
        return this.belief(o.agent, o.belief, true, plan);
      case "retractBelief":
        return this.belief(o.agent, o.belief, false, plan);
      case "query":
        return this.query(o.query, o.limit, 0, context, plan);
      case "holds":
        return this.holds([o.query], context, plan);
      default:
        throw new BeliefStoreError(
          `${context}: unknown operation ${JSON.stringify((o as { op?: unknown }).op)}`
        );
    }
  }

  /**
   * A goal parsed and sandboxed. Text goals are cached (bounded, least recently used first out)
   * until the declarations change, so a query asked again skips parsing and checking.
   */
  private goal(
    q: QueryInput,
    context: string,
    plan?: Declarations,
    useCache = true
  ): { original: Term; goal: Term } {
    const version = this.options.declarationsVersion();
    if (version !== this.cacheVersion) {
      this.cache.clear();
      this.cacheVersion = version;
    }
    // a goal checked against planned declarations is valid only with them: not cached
    const cacheable = useCache && typeof q === "string" && !plan?.list.length;
    if (cacheable) {
      const hit = this.cache.get(q as string);
      if (hit) {
        this.cache.delete(q as string);
        this.cache.set(q as string, hit);
        return hit;
      }
    }
    const original = this.term(q, context);
    if (original.kind === "compound" && (original.name === ":-" || original.name === "?-"))
      throw new SandboxError(`${context}: clauses and directives are not queries`);
    if (original.kind === "var")
      throw new SandboxError(`${context}: a query must be a goal, not a bare variable`);
    const where = (): string => `${context} ${truncate(formatTerm(original))}`;
    const goal = checkGoal(original, this.table(plan), where);
    requireGoalCapabilities(original, this.options.backend, this.options.capabilities);
    const entry = { original, goal };
    if (cacheable) {
      this.cache.set(q as string, entry);
      if (this.cache.size > QUERY_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    return entry;
  }

  private table(plan?: Declarations): PredicateTable {
    return {
      arities: (name) => {
        const declared = this.options.declared(name);
        const planned = plan?.arities(name) ?? [];
        return planned.length ? [...new Set([...declared, ...planned])] : [...declared];
      }
    };
  }

  /** Checks that a fact's predicate is declared; with a plan, an unknown name is planned. */
  private declared(t: Term, context: string, plan?: Declarations): void {
    if (t.kind !== "atom" && t.kind !== "compound")
      throw new BeliefStoreError(
        `${context}: ${formatTerm(t)} is not a fact (an atom or compound term)`
      );
    const arity = t.kind === "compound" ? t.args.length : 0;
    const arities = this.table(plan).arities(t.name);
    if (arities.includes(arity)) return;
    const ind = `${t.name}/${arity}`;
    if (arities.length) throw new ArityMismatchError(ind, arities, context);
    if (!plan) throw new UnknownPredicateError(ind, context);
    this.declaration(t.name, arity);
    plan.add(t.name, arity);
  }

  private notControl(t: Term, context: string): void {
    if (t.kind === "compound" && CONTROL.has(`${t.name}/${t.args.length}`))
      throw new BeliefStoreError(
        `${context}: a fact is one atom or compound term, not a ${t.name} construct: ${truncate(formatTerm(t))}`
      );
  }
}

/** A query term for everything an agent believes (`believes(Agent, PwmkBelief)`). */
export function beliefsOf(agent: Atom): Term {
  return new Compound("believes", [agent, new Var("PwmkBelief")]);
}

/** The conjuncts of `(A, B, ...)`. */
export function flattenConj(t: Term): Term[] {
  if (t.kind === "compound" && t.name === "," && t.args.length === 2)
    return [...flattenConj(t.args[0]), ...flattenConj(t.args[1])];
  return [t];
}

/** Text cut to 120 characters for error messages. */
export function truncate(s: string): string {
  return s.length > 120 ? s.slice(0, 120) + "…" : s;
}
