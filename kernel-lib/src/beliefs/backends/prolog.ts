/**
 * Shared driver of the SWI-Prolog backends: turns engine operations into one request term,
 * prints it with our printer, sends it through the request channel (a wasm worker or a native
 * subprocess) and reads the canonical answer back with our parser.
 */
import {
  Atom,
  Compound,
  list,
  listItems,
  Num,
  parseTerm,
  PrologSyntaxError,
  Term,
  Var,
  formatTerm
} from "../../terms";
import { EngineError, LimitExceededError, SandboxError } from "../errors";
import { ENGINE_ALLOWED } from "../sandbox";
import type { RequestChannel } from "./channel";
import type {
  BackendName,
  EngineBackend,
  EngineCapabilities,
  EngineOp,
  EngineResult,
  QueryLimits
} from "./engine";

/** Results can be large; parse them with generous guards (still bounded). */
const RESPONSE_PARSE = {
  maxChars: 512 * 1024 * 1024,
  maxDepth: 1000,
  maxAtomLength: 16 * 1024 * 1024
};

/** The engine's answer to one holds operation: `ok(timed([ok([Flags])], Seconds))`. */
const HOLDS_REPLY =
  /^ok\(timed\(\[ok\(\[((?:true|false)(?:,(?:true|false))*)?\]\)\],([0-9.eE+-]+)\)\)$/;

const a = (name: string): Atom => new Atom(name);
const c = (name: string, ...args: Term[]): Compound => new Compound(name, args);
const n = (x: number): Num => new Num(x, false);

/** The request that makes the safe built-ins callable through `'$pwmk_call'/2`. */
export function allowRequest(): string {
  const items = ENGINE_ALLOWED.map((ind) => {
    const slash = ind.lastIndexOf("/");
    return c("/", a(ind.slice(0, slash)), n(Number(ind.slice(slash + 1))));
  });
  return formatTerm(c("allow", list(...items)));
}

/** What every fresh SWI-Prolog engine runs first (the channel runs it after each start). */
export function prologInit(
  backend: BackendName
): (call: (req: string, timeoutMs: number) => Promise<string>) => Promise<void> {
  return async (call) => {
    const resp = await call(allowRequest(), 20_000);
    if (!resp.startsWith("ok(")) throw new EngineError(backend, `start-up failed: ${resp}`);
  };
}

/** A SWI-Prolog engine (wasm or native) behind a request channel. */
export class PrologBackend implements EngineBackend {
  /** In-engine time of the last batch (excludes reading the request and writing the answer). */
  lastEngineMs?: number;
  /** In-engine time of all batches so far. */
  totalEngineMs = 0;
  readonly capabilities: Readonly<EngineCapabilities>;
  /** Printed goals by checked goal (a checked goal is immutable). */
  private readonly printed = new WeakMap<Term, string>();

  constructor(
    readonly name: BackendName,
    private readonly channel: RequestChannel<string, string>,
    timeLimit: EngineCapabilities["timeLimit"],
    private readonly onClose?: () => void
  ) {
    this.capabilities = Object.freeze({
      answerSets: false,
      timeLimit,
      inferenceLimit: true,
      negation: true,
      disjunction: true,
      metaCalls: true,
      builtins: true,
      lists: true,
      floats: true
    });
  }

  async run(ops: EngineOp[], limits: QueryLimits): Promise<EngineResult[]> {
    const text = `batch([${ops.map((op) => this.requestText(op, limits)).join(",")}])`;
    const runsUserCode = ops.some((o) => o.op === "query" || o.op === "holds");
    const raw = await this.send(text, limits, runsUserCode);
    // the common answer to one holds operation is read directly; everything else by the parser
    const quick = ops.length === 1 && ops[0].op === "holds" ? HOLDS_REPLY.exec(raw) : null;
    if (quick) {
      this.noteEngineTime(Number(quick[2]));
      const flags = quick[1] ? quick[1].split(",").map((f) => f === "true") : [];
      if (flags.length === (ops[0] as { goals: Term[] }).goals.length)
        return [{ kind: "flags", flags }];
    }
    const resp = this.parse(raw);
    const payload = this.okPayload(resp);
    let items: Term[] | undefined;
    if (payload.kind === "compound" && payload.name === "timed" && payload.args.length === 2) {
      items = listItems(payload.args[0]);
      const secs = payload.args[1];
      this.noteEngineTime(secs.kind === "num" ? Number(secs.value) : NaN);
    }
    if (!items || items.length !== ops.length)
      throw new EngineError(this.name, `malformed batch response ${short(resp)}`);
    return items.map((r, i) => this.result(ops[i], r, limits));
  }

  private noteEngineTime(secs: number): void {
    this.lastEngineMs = Number.isFinite(secs) ? secs * 1000 : undefined;
    this.totalEngineMs += this.lastEngineMs ?? 0;
  }

  /**
   * The request text of one operation. Goals are printed once per checked goal (the store's
   * query cache hands the same checked goal back for the same query text).
   */
  private requestText(op: EngineOp, limits: QueryLimits): string {
    if (op.op !== "holds") return formatTerm(this.request(op, limits), 999);
    const goals = op.goals.map((g) => {
      let t = this.printed.get(g);
      if (t === undefined) {
        t = formatTerm(g, 999);
        this.printed.set(g, t);
      }
      return t;
    });
    return `holds_all([${goals.join(",")}],${formatTerm(n(limits.inferences))},${formatTerm(new Num(limits.timeMs / 1000, true))})`;
  }

  async clear(): Promise<void> {
    this.okPayload(
      this.parse(await this.send("clear", { inferences: 1e12, timeMs: 60_000 }, false))
    );
  }

  prepare(): Promise<boolean> {
    return this.channel.ensureRunning();
  }

  async close(): Promise<void> {
    try {
      await this.channel.close();
    } finally {
      this.onClose?.();
    }
  }

  private async send(text: string, limits: QueryLimits, runsUserCode: boolean): Promise<string> {
    // Updates run no user code: a generous backstop. Queries: where the engine enforces the time
    // limit itself (native alarm) the host timeout is a backstop; otherwise (the wasm engine,
    // whose heartbeat does not fire in every loop) the host timeout is the limit.
    const timeout = !runsUserCode
      ? 120_000
      : this.capabilities.timeLimit === "host"
        ? limits.timeMs + 200
        : limits.timeMs * 2 + 10_000;
    try {
      return await this.channel.call(text, timeout);
    } catch (e) {
      if (e instanceof LimitExceededError) throw new LimitExceededError("time", limits.timeMs);
      throw e;
    }
  }

  private parse(raw: string): Term {
    try {
      return parseTerm(raw, RESPONSE_PARSE);
    } catch (e) {
      // the position would point into engine text the user never wrote
      if (e instanceof PrologSyntaxError)
        throw new EngineError(this.name, `cannot read the engine's answer back: ${e.reason}`);
      throw e;
    }
  }

  private okPayload(resp: Term): Term {
    if (resp.kind === "compound" && resp.name === "ok" && resp.args.length === 1)
      return resp.args[0];
    throw this.toError(resp, { inferences: 0, timeMs: 0 });
  }

  private toError(resp: Term, limits: QueryLimits): Error {
    if (resp.kind === "compound" && resp.name === "error" && resp.args.length === 2) {
      const [kind, detail] = resp.args;
      const k = kind.kind === "atom" ? kind.name : "";
      if (k === "inference_limit") return new LimitExceededError("inferences", limits.inferences);
      if (k === "time_limit") return new LimitExceededError("time", limits.timeMs);
      if (k === "sandbox") {
        return new SandboxError(
          `${formatTerm(detail)} is not callable from rules or queries (reached at run time through call/N)`
        );
      }
      if (k === "builtin")
        return new SandboxError(
          `cannot declare ${formatTerm(detail)}: it is a built-in or library predicate`
        );
      if (k === "cyclic")
        return new EngineError(
          this.name,
          "the answer contains a cyclic term (a variable bound to a term containing itself, as in X = f(X)), which cannot be returned"
        );
      if (k === "too_deep")
        return new EngineError(
          this.name,
          `the answer nests deeper than ${formatTerm(detail)} levels, more than can be returned; query for a part of it`
        );
      if (k === "resource")
        return new EngineError(
          this.name,
          `out of resources (${formatTerm(detail)}); the query was stopped`
        );
      const msg = detail.kind === "string" ? detail.value : formatTerm(detail);
      return new EngineError(this.name, msg);
    }
    return new EngineError(this.name, `unexpected response ${short(resp)}`);
  }

  private request(op: EngineOp, limits: QueryLimits): Term {
    const secs = new Num(limits.timeMs / 1000, true);
    const inf = n(limits.inferences);
    switch (op.op) {
      case "declare":
        return c("declare", a(op.name), n(op.arity));
      case "addFacts":
        return c(op.blind ? "add_facts_new" : "add_facts", list(...op.facts));
      case "delFacts":
        return c("del_facts", list(...op.facts));
      case "addBeliefs":
        return c(
          op.blind ? "add_beliefs_new" : "add_beliefs",
          list(...op.beliefs.map((b) => c("b", list(...b.chain), b.fact)))
        );
      case "delBeliefs":
        return c("del_beliefs", list(...op.beliefs.map((b) => c("b", list(...b.chain), b.fact))));
      case "addRules":
        return c("add_clauses", list(...op.rules.map((r) => clauseTerm(r.head, r.body))));
      case "delRules":
        return c("del_clauses", list(...op.rules.map((r) => clauseTerm(r.head, r.body))));
      case "query":
        return c(
          "query",
          op.goal,
          list(...op.vars.map((v) => new Var(v))),
          n(op.limit),
          n(op.offset),
          inf,
          secs
        );
      case "holds":
        return c("holds_all", list(...op.goals), inf, secs);
    }
  }

  private result(op: EngineOp, r: Term, limits: QueryLimits): EngineResult {
    if (!(r.kind === "compound" && r.name === "ok" && r.args.length === 1))
      return { kind: "error", error: this.toError(r, limits) };
    const p = r.args[0];
    switch (op.op) {
      case "query": {
        if (p.kind !== "compound" || p.name !== "result") break;
        const rows = listItems(p.args[0])?.map((row) => listItems(row) ?? []);
        if (!rows) break;
        return { kind: "rows", rows, more: p.args[1].kind === "atom" && p.args[1].name === "true" };
      }
      case "holds": {
        const flags = listItems(p)?.map((f) => f.kind === "atom" && f.name === "true");
        if (!flags) break;
        return { kind: "flags", flags };
      }
      default:
        if (p.kind === "num") return { kind: "count", n: Number(p.value) };
        if (p.kind === "atom") return { kind: "count", n: p.name === "true" ? 1 : 0 };
    }
    return { kind: "error", error: new EngineError(this.name, `malformed response ${short(p)}`) };
  }
}

/** A rule clause; rules with a believes/2 head become derived beliefs. */
function clauseTerm(head: Term, body: Term): Term {
  if (head.kind === "compound" && head.name === "believes" && head.args.length === 2) {
    return c("derived", head.args[0], head.args[1], body);
  }
  return c(":-", head, body);
}

function short(t: Term): string {
  const s = formatTerm(t);
  return s.length > 200 ? s.slice(0, 200) + "…" : s;
}
