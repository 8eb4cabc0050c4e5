/**
 * BeliefStore: a knowledge base of facts, rules and nested beliefs on a real logic engine,
 * safe by construction. Every string is parsed by PWMK's parser, every goal is sandboxed, every
 * query runs under inference and time limits, and every error leaves the store unchanged.
 *
 * ```ts
 * import { BeliefStore } from "pwmk";
 * const kb = await BeliefStore.create({ backend: "swipl" });
 * await kb.assertFact("at(marble, box)"); // declares at/2, as Prolog's assert would
 * await kb.addBelief("sally", "at(marble, basket)");
 * await kb.addRule("deceived(A, O) :- believes(A, at(O, L)), at(O, L2), L \\= L2");
 * await kb.query("deceived(Who, What)"); // [{ Who: "sally", What: "marble" }]
 * await kb.close();
 * ```
 *
 * This module is the facade; the parts live beside it: types.ts (public types and limits),
 * engines.ts (choosing a backend), check.ts (input into engine operations), mirror.ts (the KB
 * mirror, snapshots and the lock), loader.ts (load text), backends/ (the engines and the one
 * request channel they share).
 */
import { Compound, formatTerm, parseClauses, Term, TermLike, termToJs } from "../terms";
import type {
  BackendName,
  EngineBackend,
  EngineCapabilities,
  EngineOp,
  EngineResult,
  QueryLimits
} from "./backends/engine";
import { beliefsOf, Declarations, InputChecker, QueryOp } from "./check";
import { startEngine } from "./engines";
import { BeliefStoreError, UnsupportedError } from "./errors";
import { toKeyed } from "./layout";
import { loadCalls, planLoad } from "./loader";
import { KbMirror, ruleKey } from "./mirror";
import { changed, decorate, EngineSession } from "./session";
import {
  BatchOp,
  BatchResult,
  BeliefStoreLimits,
  BeliefStoreOptions,
  Binding,
  KbData,
  QueryInput,
  resolveLimits,
  StoredBeliefs,
  TermInput
} from "./types";

/**
 * The belief store facade; create it with `await BeliefStore.create({ backend })`.
 *
 * ```ts
 * const kb = await BeliefStore.create(); // SWI-Prolog in WebAssembly
 * await kb.addBelief("sally", "at(marble, basket)");
 * await kb.query("believes(sally, at(marble, Where))"); // [{ Where: "basket" }]
 * await kb.close();
 * ```
 */
export class BeliefStore {
  private readonly mirror = new KbMirror();
  private readonly checker: InputChecker;
  private readonly session: EngineSession;
  private closed = false;

  private constructor(
    private readonly engine: EngineBackend,
    /** The limits in force. */
    readonly limits: Readonly<BeliefStoreLimits>,
    private readonly options: BeliefStoreOptions
  ) {
    this.checker = new InputChecker({
      limits,
      backend: engine.name,
      capabilities: engine.capabilities,
      declared: (name) => this.mirror.arities(name),
      declarationsVersion: () => this.mirror.declarationsVersion
    });
    this.session = new EngineSession(engine, this.mirror, () => this.queryLimits());
  }

  /**
   * Starts a store on the chosen backend.
   * ```ts
   * const kb = await BeliefStore.create({ backend: "swipl", limits: { timeMs: 2000 } });
   * ```
   */
  static async create(options: BeliefStoreOptions = {}): Promise<BeliefStore> {
    const limits = resolveLimits(options.limits);
    const backend = options.backend ?? "swipl";
    const engine = await startEngine(backend, options);
    return new BeliefStore(engine, limits, { ...options, backend });
  }

  /** The backend this store runs on. */
  get backend(): BackendName {
    return this.engine.name;
  }

  /**
   * What the engine can do (answer sets, where the time limit is enforced, negation, ...);
   * an operation that needs a missing capability is refused with an UnsupportedError naming it.
   * ```ts
   * if (kb.capabilities.answerSets) await kb.solve("{ a ; b } = 1.");
   * ```
   */
  get capabilities(): Readonly<EngineCapabilities> {
    return this.engine.capabilities;
  }

  /**
   * Diagnostics: time spent inside the engine by the last engine call, in ms (Prolog backends;
   * excludes parsing, printing and transport). Used by the benchmark to compare engines.
   */
  get lastEngineMs(): number | undefined {
    return this.engine.lastEngineMs;
  }

  /** Diagnostics: total in-engine time of all engine calls so far, in ms (Prolog backends). */
  get totalEngineMs(): number | undefined {
    return this.engine.totalEngineMs;
  }

  // ---- declarations -----------------------------------------------------------------------

  /**
   * Declares a user predicate so facts, beliefs, rules and queries may use it. Asserting a fact
   * declares its predicate too; declaring first documents the KB and fixes the arity.
   * ```ts
   * await kb.addPredicate({ name: "at", arity: 2 });
   * ```
   */
  addPredicate(pred: { name: string; arity: number }): Promise<void> {
    return this.exclusive(async () => {
      this.checker.declaration(pred?.name, pred?.arity);
      if (this.checker.isDeclared(pred.name, pred.arity)) return;
      const plan = new Declarations();
      plan.add(pred.name, pred.arity);
      await this.session.run([[]], plan);
    });
  }

  /**
   * Declared predicates, by name in declaration order, arities in numeric order.
   * ```ts
   * kb.predicates(); // [{ name: "at", arity: 2 }, { name: "at", arity: 10 }]
   * ```
   */
  predicates(): Array<{ name: string; arity: number }> {
    return this.mirror.predicates();
  }

  // ---- facts and beliefs ---------------------------------------------------------------------

  /**
   * Adds a ground fact; resolves to false when it was already there. A fact of a predicate not
   * declared yet declares it (as Prolog's assert creates a dynamic predicate); a declared name
   * used with another arity is an ArityMismatchError. A `believes(...)` fact is stored as a belief.
   * ```ts
   * await kb.assertFact("at(marble, box)"); // true
   * ```
   */
  assertFact(fact: TermInput): Promise<boolean> {
    return this.update((plan) => this.checker.fact(fact, true, plan));
  }

  /**
   * Removes a ground fact; resolves to false when it was not there.
   * ```ts
   * await kb.retractFact("at(marble, box)");
   * ```
   */
  retractFact(fact: TermInput): Promise<boolean> {
    return this.update((plan) => this.checker.fact(fact, false, plan));
  }

  /**
   * Adds `believes(agent, belief)`; the belief may itself be nested (`believes(b, ...)`) to any
   * depth. Its predicate is declared when new, as with assertFact.
   * ```ts
   * await kb.addBelief("anne", believes("sally", at("marble", "basket")));
   * ```
   */
  addBelief(agent: TermLike, belief: TermInput): Promise<boolean> {
    return this.update((plan) => this.checker.belief(agent, belief, true, plan));
  }

  /**
   * Removes `believes(agent, belief)`; resolves to false when it was not held.
   * ```ts
   * await kb.retractBelief("sally", "at(marble, basket)");
   * ```
   */
  retractBelief(agent: TermLike, belief: TermInput): Promise<boolean> {
    return this.update((plan) => this.checker.belief(agent, belief, false, plan));
  }

  // ---- rules ------------------------------------------------------------------------------

  /**
   * Adds a rule `Head :- Body`. The head's predicate is declared by it; every body goal must be a
   * declared predicate or a safe built-in. A `believes(A, P) :- ...` rule derives beliefs.
   * ```ts
   * await kb.addRule("deceived(A, O) :- believes(A, at(O, L)), at(O, L2), L \\= L2");
   * ```
   */
  addRule(rule: TermInput): Promise<boolean> {
    return this.update((plan) => ({
      op: "addRules",
      rules: [this.checker.rule(this.checker.term(rule, "addRule"), "addRule", plan)]
    }));
  }

  /**
   * Removes a rule added before (given as the same text or term).
   * ```ts
   * await kb.retractRule("deceived(A, O) :- believes(A, at(O, L)), at(O, L2), L \\= L2");
   * ```
   */
  retractRule(rule: TermInput): Promise<boolean> {
    return this.exclusive(async () => {
      const rc = this.mirror.rule(ruleKey(this.checker.term(rule, "retractRule")));
      if (!rc) return false;
      const [[r]] = await this.session.run([[{ op: "delRules", rules: [rc] }]]);
      return changed(r, "retractRule");
    });
  }

  // ---- queries ----------------------------------------------------------------------------

  /**
   * All solutions of a query, as bindings of its named variables (variables starting with `_` are
   * not reported). Without `limit`, more than limits.maxResults solutions is an error; with it,
   * the first `limit` solutions (after `offset`) are returned.
   * ```ts
   * await kb.query("believes(sally, at(marble, Where))"); // [{ Where: "basket" }]
   * ```
   */
  query(q: QueryInput, opts: { limit?: number; offset?: number } = {}): Promise<Binding[]> {
    return this.exclusive(async () => {
      const op = this.checker.query(q, opts.limit, opts.offset ?? 0, "query");
      const [[r]] = await this.session.run([[op]]);
      return this.bindings(op, r, opts.limit === undefined);
    });
  }

  /**
   * Lazily pages through the solutions of a query (`pageSize` solutions per engine call).
   * ```ts
   * for await (const b of kb.queryIter("at(O, L)", { pageSize: 100 })) console.log(b.O);
   * ```
   */
  async *queryIter(q: QueryInput, opts: { pageSize?: number } = {}): AsyncGenerator<Binding> {
    const pageSize = opts.pageSize ?? 1000;
    // a page of 0 rows would never advance: the loop would not end
    if (!Number.isInteger(pageSize) || pageSize < 1)
      throw new BeliefStoreError(
        `queryIter: pageSize must be a positive integer, got ${String(pageSize)}`
      );
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.exclusive(async () => {
        const op = this.checker.query(q, pageSize, offset, "queryIter");
        const [[r]] = await this.session.run([[op]]);
        return { rows: this.bindings(op, r, false), more: r.kind === "rows" && r.more };
      });
      for (const b of page.rows) yield b;
      if (!page.more) return;
    }
  }

  /**
   * Whether a query has at least one solution. A query asked again (same text, same
   * declarations) skips parsing and the sandbox check: they are cached.
   * ```ts
   * await kb.holds("believes(sally, at(marble, basket))"); // true
   * ```
   */
  holds(q: QueryInput): Promise<boolean> {
    return this.exclusive(async () => (await this.holdsNow([q], "holds"))[0]);
  }

  /**
   * Whether each query holds, all in one engine call (fast path for many ground queries).
   * ```ts
   * await kb.holdsMany(["at(marble, box)", "at(marble, basket)"]); // [true, false]
   * ```
   */
  holdsMany(qs: QueryInput[]): Promise<boolean[]> {
    return this.exclusive(async () => this.holdsNow(qs, "holdsMany"));
  }

  /**
   * What an agent believes (stored and derived beliefs), as data.
   * ```ts
   * (await kb.getBeliefState("sally")).entries; // [{ chain: ["sally"], fact: at(marble,basket) }]
   * ```
   */
  getBeliefState(agent: TermLike): Promise<StoredBeliefs> {
    return this.exclusive(async () => {
      const a = this.checker.agent(agent, "getBeliefState");
      const op = this.checker.query(beliefsOf(a), undefined, 0, "getBeliefState");
      const [[r]] = await this.session.run([[op]]);
      const beliefs = this.rowsOf(r, true).map((row) => row[0]);
      const entries = beliefs.map((b) => {
        const k = toKeyed(new Compound("believes", [a, b]));
        return {
          chain: k.chain.map((t) => (t.kind === "atom" ? t.name : formatTerm(t))),
          fact: k.fact
        };
      });
      return { agent: a.name, beliefs, entries };
    });
  }

  // ---- batches ----------------------------------------------------------------------------

  /**
   * Runs many operations in ONE engine call. Every operation is validated first: if any is
   * invalid, nothing runs and the store is unchanged. A query that fails at run time (e.g. over
   * its limit) reports `{ error }` in its slot; the other operations still apply.
   * ```ts
   * await kb.batch([
   *   { op: "retract", fact: "at(marble, basket)" },
   *   { op: "assert", fact: "at(marble, box)" },
   *   { op: "holds", query: "at(marble, box)" }
   * ]); // [true, true, true]
   * ```
   */
  batch(ops: BatchOp[]): Promise<BatchResult[]> {
    return this.exclusive(async () => {
      if (!Array.isArray(ops)) throw new BeliefStoreError("batch expects an array of operations");
      const plan = new Declarations();
      const eops = ops.map((o, i) => this.checker.batchOp(o, `batch[${i}]`, plan));
      const [results] = await this.session.run([eops], plan);
      return eops.map((op, i) => {
        const r = results[i];
        if (r.kind === "error") return { error: r.error };
        if (op.op === "query") return this.bindings(op, r, false);
        if (op.op === "holds") return r.kind === "flags" ? r.flags[0] : false;
        return r.kind === "count" && r.n > 0;
      });
    });
  }

  // ---- answer set solving -----------------------------------------------------------------

  /**
   * Where the engine has answer sets (clingo): the answer sets of the KB plus extra ASP clauses
   * (choice rules `{...}`, constraints `:- ...`, defaults with `\+`), e.g. the consistent
   * belief-revision candidates. Extra clauses are parsed by PWMK's parser and are not stored.
   * Each model is a list of atoms (only the `show` predicates, "name/arity", when set).
   * ```ts
   * await kb.solve("{ believes(sally, at(marble, L)) : location(L) } = 1.", { show: ["believes/2"] });
   * ```
   */
  solve(extra: string, opts: { models?: number; show?: string[] } = {}): Promise<Term[][]> {
    return this.exclusive(async () => {
      if (!this.engine.capabilities.answerSets || !this.engine.solve)
        throw new UnsupportedError(
          this.backend,
          'solve() (answer set programming); create the store with backend "clingo"',
          "answerSets"
        );
      if (typeof extra !== "string")
        throw new BeliefStoreError(`solve expects ASP text, got ${typeof extra}`);
      const clauses = parseClauses(extra, this.checker.parseOptions());
      const models = opts.models ?? 0;
      if (!Number.isInteger(models) || models < 0)
        throw new BeliefStoreError("solve: models must be a non-negative integer (0 = all)");
      await this.session.ensureEngine();
      return this.engine.solve(clauses, models, opts.show, this.queryLimits());
    });
  }

  // ---- load / save ------------------------------------------------------------------------

  /**
   * Loads Prolog text (facts, `believes/2` facts, rules, and `:- dynamic(name/arity).`
   * declarations) through PWMK's parser. All clauses are validated before any is stored; other
   * directives are refused. Facts declare their predicates. Resolves to counts of what was added.
   * ```ts
   * await kb.load("at(marble, box).\nbelieves(sally, at(marble, basket)).");
   * ```
   */
  load(text: string): Promise<{ facts: number; beliefs: number; rules: number }> {
    return this.exclusive(async () => {
      const plan = planLoad(text, this.checker);
      const calls = loadCalls(plan);
      const results = await this.session.run(calls, plan.declarations);
      const counts = { facts: 0, beliefs: 0, rules: 0 };
      calls.forEach((ops, i) =>
        ops.forEach((op, j) => {
          const r = results[i][j];
          if (r.kind === "error") throw decorate(r.error, "load");
          const n = r.kind === "count" ? r.n : 0;
          if (op.op === "addFacts") counts.facts += n;
          else if (op.op === "addBeliefs") counts.beliefs += n;
          else if (op.op === "addRules") counts.rules += n;
        })
      );
      return counts;
    });
  }

  /**
   * The whole KB as Prolog text that load() reads back (declarations, facts, beliefs, rules).
   * ```ts
   * const text = await kb.save();
   * ```
   */
  save(): Promise<string> {
    return this.exclusive(async () => this.mirror.text());
  }

  /**
   * Everything the store holds, as data (as of the last finished operation).
   * ```ts
   * kb.data().facts.map(String); // ["at(marble,box)"]
   * ```
   */
  data(): KbData {
    return this.mirror.data();
  }

  // ---- snapshots --------------------------------------------------------------------------

  /**
   * Records the current KB under time step `t` (replacing an earlier snapshot at `t`).
   * ```ts
   * await kb.snapshot(0);
   * ```
   */
  snapshot(t: number): Promise<void> {
    return this.exclusive(async () => this.mirror.snapshot(t));
  }

  /**
   * Time steps that have snapshots, ascending.
   * ```ts
   * kb.snapshotTimes(); // [0, 1, 2]
   * ```
   */
  snapshotTimes(): number[] {
    return this.mirror.snapshotTimes();
  }

  /**
   * The KB as it was at snapshot `t`, as data (for timelines and the belief-graph slider).
   * ```ts
   * kb.getSnapshot(0).beliefs.map(String);
   * ```
   */
  getSnapshot(t: number): KbData {
    return this.mirror.snapshotData(t);
  }

  /**
   * Replaces the current KB by snapshot `t` (later snapshots are kept).
   * ```ts
   * await kb.restore(0);
   * ```
   */
  restore(t: number): Promise<void> {
    return this.exclusive(async () => {
      const snap = this.mirror.snapshotAt(t);
      await this.session.ensureEngine();
      await this.session.rebuild(snap);
    });
  }

  /**
   * A new, independent store (same backend and limits) holding snapshot `t`, to query the past
   * with rules; close it when done.
   * ```ts
   * const past = await kb.atTime(0); await past.query("deceived(A, O)"); await past.close();
   * ```
   */
  async atTime(t: number): Promise<BeliefStore> {
    const snap = await this.exclusive(async () => this.mirror.snapshotAt(t));
    const other = await BeliefStore.create(this.options);
    try {
      await other.exclusive(() => other.session.rebuild(snap));
    } catch (e) {
      await other.close();
      throw e;
    }
    return other;
  }

  /**
   * Stops the engine (after the operations already queued); the store cannot be used afterwards.
   * ```ts
   * await kb.close();
   * ```
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.mirror.idle();
    await this.engine.close();
  }

  // ---- internals --------------------------------------------------------------------------

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.mirror.exclusive(fn, () => {
      if (this.closed) throw new BeliefStoreError("the store is closed");
    });
  }

  private queryLimits(): QueryLimits {
    return { inferences: this.limits.inferences, timeMs: this.limits.timeMs };
  }

  /** One update: checked (planning declarations), run, and reported as changed-or-not. */
  private update(make: (plan: Declarations) => EngineOp): Promise<boolean> {
    return this.exclusive(async () => {
      const plan = new Declarations();
      const op = make(plan);
      const [[r]] = await this.session.run([[op]], plan);
      return changed(r, op.op);
    });
  }

  private async holdsNow(qs: QueryInput[], context: string): Promise<boolean[]> {
    const op = this.checker.holds(qs, context);
    const [[r]] = await this.session.run([[op]]);
    if (r.kind === "error") throw r.error;
    if (r.kind !== "flags") throw new BeliefStoreError("internal: expected holds flags");
    return r.flags;
  }

  private rowsOf(r: EngineResult, strict: boolean): Term[][] {
    if (r.kind === "error") throw r.error;
    if (r.kind !== "rows") throw new BeliefStoreError("internal: expected query rows");
    if (strict && r.more) {
      throw new BeliefStoreError(
        `more than limits.maxResults (${this.limits.maxResults}) solutions; pass { limit } or use queryIter`
      );
    }
    return r.rows;
  }

  private bindings(op: QueryOp, r: EngineResult, strict: boolean): Binding[] {
    return this.rowsOf(r, strict).map((row) => {
      const b: Binding = {};
      op.vars.forEach((name, i) => (b[name] = termToJs(row[i])));
      return b;
    });
  }
}
