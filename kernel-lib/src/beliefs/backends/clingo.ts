/**
 * The `clingo` backend: Answer Set Programming with clingo (npm clingo-wasm, solving in a worker).
 *
 * It serves a documented subset of the store: facts, beliefs (kept as nested `believes/2` terms,
 * which clingo grounds natively), rules in the ASP fragment (conjunctions of literals, `\+` as
 * default negation, comparisons, `is` arithmetic on integers), queries and holds answered from the
 * answer set (cautious consequences when there are several), plus `solve()` with extra ASP rules:
 * choice rules `{ ... }`, constraints `:- ...` and defaults via negation, for consistent
 * belief-revision candidates. Not served (clear UnsupportedError): disjunction `;` and `->` in
 * bodies, findall/call and other meta-calls, lists, floats, quoted atoms that are not clingo
 * identifiers, and inference limits (time limits apply).
 */
import { formatTerm, parseTerm, Term } from "../../terms";
import { BeliefStoreError, EngineError, UnsupportedError } from "../errors";
import type {
  EngineBackend,
  EngineCapabilities,
  EngineOp,
  EngineResult,
  QueryLimits,
  RuleClause
} from "./engine";
import { checkExpressible, toAspBody, toAspClause } from "./asp";
import { ClingoSolver } from "./clingo-link";
import { toNested } from "../layout";

/** What clingo serves (see the module comment). */
const CLINGO_CAPABILITIES: Readonly<EngineCapabilities> = Object.freeze({
  answerSets: true,
  timeLimit: "host",
  inferenceLimit: false,
  negation: true,
  disjunction: false,
  metaCalls: false,
  builtins: false,
  lists: false,
  floats: false
});

/** The clingo engine: the KB is kept here as ASP text; each query runs one solver call. */
export class ClingoBackend implements EngineBackend {
  readonly name = "clingo" as const;
  readonly capabilities = CLINGO_CAPABILITIES;
  private facts = new Map<string, string>();
  private rules = new Map<string, string>();

  private constructor(private readonly solver: ClingoSolver) {}

  /**
   * Starts a solver (now, not at the first query).
   * ```ts
   * const engine = await ClingoBackend.start();
   * ```
   */
  static async start(): Promise<ClingoBackend> {
    return new ClingoBackend(await ClingoSolver.start());
  }

  /** The KB lives on this side, so a restarted solver needs no replay. */
  async prepare(): Promise<boolean> {
    await this.solver.ensureRunning();
    return false;
  }

  async validate(ops: EngineOp[], limits: QueryLimits): Promise<void> {
    ops.forEach(checkExpressible);
    // an unsafe rule would make every later query fail to ground: refuse it now
    for (const op of ops) if (op.op === "addRules") await this.checkSafe(op.rules, limits);
  }

  async clear(): Promise<void> {
    this.facts.clear();
    this.rules.clear();
  }

  close(): Promise<void> {
    return this.solver.close();
  }

  /** The program text of the KB (facts, beliefs and rules). */
  programText(): string {
    return [...this.facts.values(), ...this.rules.values()].join("\n");
  }

  async run(ops: EngineOp[], limits: QueryLimits): Promise<EngineResult[]> {
    const results: Array<EngineResult | undefined> = new Array(ops.length);
    // operations apply in order: consecutive queries share one clingo call, and an update after
    // them waits until they have been answered on the state they saw
    let group: Array<{ i: number; op: EngineOp }> = [];
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i];
      if (op.op === "query" || op.op === "holds") {
        group.push({ i, op });
        continue;
      }
      if (group.length) {
        await this.answer(group, results, limits);
        group = [];
      }
      try {
        results[i] = this.update(op);
      } catch (e) {
        results[i] = { kind: "error", error: e as Error };
      }
    }
    if (group.length) await this.answer(group, results, limits);
    return results as EngineResult[];
  }

  /** Grounds the rules alone (no facts, so it ends quickly) to surface clingo's safety errors. */
  private async checkSafe(rules: RuleClause[], limits: QueryLimits): Promise<void> {
    const all = await this.solver.run(
      rules.map((r) => toAspClause(r.original)).join("\n"),
      1,
      [],
      limits.timeMs
    );
    if (all.Result !== "ERROR") return;
    for (const r of rules) {
      const out = await this.solver.run(toAspClause(r.original), 1, [], limits.timeMs);
      if (out.Result !== "ERROR") continue;
      const unsafe = [...(out.Error ?? "").matchAll(/'([^']+)' is unsafe/g)].map((m) => m[1]);
      if (unsafe.length)
        throw new UnsupportedError(
          "clingo",
          `the rule ${formatTerm(r.original)}: unsafe variable${unsafe.length > 1 ? "s" : ""} ${[...new Set(unsafe)].join(", ")} (in ASP every variable of a rule must occur in a positive body literal)`
        );
      throw new EngineError("clingo", (out.Error ?? "unknown error").trim());
    }
  }

  /** Answers a group of queries in one clingo call, as rules with distinct head predicates. */
  private async answer(
    queries: Array<{ i: number; op: EngineOp }>,
    results: Array<EngineResult | undefined>,
    limits: QueryLimits
  ): Promise<void> {
    const lines: string[] = [];
    const shows: string[] = [];
    for (const { i, op } of queries) {
      try {
        if (op.op === "query") {
          const body = toAspBody(op.original);
          const head = op.vars.length ? `pwmk_q${i}(${op.vars.join(",")})` : `pwmk_q${i}`;
          lines.push(body.length ? `${head} :- ${body.join(", ")}.` : `${head}.`);
          shows.push(`#show pwmk_q${i}/${op.vars.length}.`);
        } else if (op.op === "holds") {
          op.originals.forEach((g, j) => {
            const body = toAspBody(g);
            lines.push(body.length ? `pwmk_h${i}_${j} :- ${body.join(", ")}.` : `pwmk_h${i}_${j}.`);
            shows.push(`#show pwmk_h${i}_${j}/0.`);
          });
        }
      } catch (e) {
        results[i] = { kind: "error", error: e as Error };
      }
    }
    let atoms: string[] = [];
    try {
      const out = await this.solver.run(
        [this.programText(), ...lines, ...shows].join("\n"),
        0,
        ["--enum-mode=cautious"],
        limits.timeMs
      );
      if (out.Result === "ERROR")
        throw new EngineError("clingo", (out.Error ?? "unknown error").trim());
      const ws = out.Call?.[0]?.Witnesses ?? [];
      atoms = out.Result === "UNSATISFIABLE" || ws.length === 0 ? [] : ws[ws.length - 1].Value;
    } catch (e) {
      for (const { i } of queries)
        if (results[i]?.kind !== "error") results[i] = { kind: "error", error: e as Error };
      return;
    }
    const byHead = new Map<string, Term[]>();
    for (const a of atoms) {
      const t = parseTerm(a, { maxDepth: 1000, maxChars: 1e8, maxAtomLength: 1e7 });
      const key = t.kind === "compound" ? t.name : t.kind === "atom" ? t.name : "";
      const arr = byHead.get(key) ?? [];
      arr.push(t);
      byHead.set(key, arr);
    }
    for (const { i, op } of queries) {
      if (results[i]?.kind === "error") continue;
      if (op.op === "query") {
        const sols = (byHead.get(`pwmk_q${i}`) ?? [])
          .map((t) => (t.kind === "compound" ? [...t.args] : []))
          .sort((x, y) => (x.map(String).join("\u0000") < y.map(String).join("\u0000") ? -1 : 1));
        const page = sols.slice(op.offset, op.offset + op.limit);
        results[i] = { kind: "rows", rows: page, more: sols.length > op.offset + op.limit };
      } else if (op.op === "holds") {
        results[i] = {
          kind: "flags",
          flags: op.originals.map((_, j) => byHead.has(`pwmk_h${i}_${j}`))
        };
      }
    }
  }

  /**
   * Answer sets of the KB plus extra ASP clauses (choice rules, constraints, defaults), each
   * model as a list of atoms (only `show` predicates when given).
   */
  async solve(
    extra: Term[],
    models: number,
    show: string[] | undefined,
    limits: QueryLimits
  ): Promise<Term[][]> {
    const lines = extra.map(toAspClause);
    const shows = (show ?? []).map((s) => {
      if (!/^_*[a-z][A-Za-z0-9_']*\/\d+$/.test(s))
        throw new BeliefStoreError(`show entries are name/arity, got ${JSON.stringify(s)}`);
      return `#show ${s}.`;
    });
    const out = await this.solver.run(
      [this.programText(), ...lines, ...shows].join("\n"),
      models,
      [],
      limits.timeMs
    );
    if (out.Result === "ERROR")
      throw new EngineError("clingo", (out.Error ?? "unknown error").trim());
    const ws = out.Call?.[0]?.Witnesses ?? [];
    return ws.map((w) =>
      w.Value.map((a) => parseTerm(a, { maxDepth: 1000, maxChars: 1e8, maxAtomLength: 1e7 }))
    );
  }

  private update(op: EngineOp): EngineResult | undefined {
    switch (op.op) {
      case "declare":
        return { kind: "count", n: 1 };
      case "addFacts":
      case "delFacts":
        return this.setOp(
          this.facts,
          op.facts.map((f) => [formatTerm(f), toAspClause(f)]),
          op.op === "addFacts"
        );
      case "addBeliefs":
      case "delBeliefs":
        return this.setOp(
          this.facts,
          op.beliefs.map((b) => {
            const t = toNested(b);
            return [formatTerm(t), toAspClause(t)];
          }),
          op.op === "addBeliefs"
        );
      case "addRules":
      case "delRules":
        return this.setOp(
          this.rules,
          op.rules.map((r: RuleClause) => [formatTerm(r.original), toAspClause(r.original)]),
          op.op === "addRules"
        );
      default:
        return undefined;
    }
  }

  private setOp(
    set: Map<string, string>,
    items: Array<[string, string]>,
    add: boolean
  ): EngineResult {
    let n = 0;
    for (const [k, text] of items) {
      if (add && !set.has(k)) {
        set.set(k, text);
        n++;
      } else if (!add && set.delete(k)) n++;
    }
    return { kind: "count", n };
  }
}
