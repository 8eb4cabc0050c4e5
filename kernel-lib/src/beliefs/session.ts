/**
 * Running checked operations on a store's engine: declarations first, then the operations,
 * each list in one engine call; committing what the engine did to the mirror in one step; and
 * rebuilding the engine from the mirror after the request channel had to restart it.
 */
import type { EngineBackend, EngineOp, EngineResult, QueryLimits } from "./backends/engine";
import type { Declarations } from "./check";
import { BeliefStoreError } from "./errors";
import { KbMirror, KbState, MirrorChange, rebuildOps } from "./mirror";

/**
 * One engine and the mirror of what it holds.
 * ```ts
 * const session = new EngineSession(engine, mirror, () => ({ inferences: 1e6, timeMs: 1000 }));
 * const [[result]] = await session.run([[op]], plan);
 * ```
 */
export class EngineSession {
  /** Set while the engine may hold less than the mirror (a rebuild did not finish). */
  private stale = false;

  constructor(
    private readonly engine: EngineBackend,
    private readonly mirror: KbMirror,
    private readonly limits: () => QueryLimits
  ) {}

  /**
   * Runs checked operations: first the planned declarations, then each list of operations in
   * one engine call. What the engine did is committed to the mirror in one step at the end,
   * even when a later call fails (the mirror always matches the engine).
   */
  async run(calls: EngineOp[][], plan?: Declarations): Promise<EngineResult[][]> {
    await this.ensureEngine();
    const limits = this.limits();
    const declare: EngineOp[] = (plan?.list ?? []).map((d) => ({ op: "declare", ...d }));
    // an engine that cannot run an operation says so before anything runs
    if (this.engine.validate) await this.engine.validate(calls.flat(), limits);
    const changes: MirrorChange[] = [];
    try {
      if (declare.length) {
        const res = await this.engine.run(declare, limits);
        declare.forEach((op, i) => changes.push({ op, result: res[i] }));
        expectOk(res, "declaring predicates");
      }
      const out: EngineResult[][] = [];
      for (const ops of calls) {
        if (!ops.length) {
          out.push([]);
          continue;
        }
        const sent = this.mirror.onlyNewAdds(ops);
        const res = await this.engine.run(sent, limits);
        sent.forEach((op, i) => changes.push({ op, result: res[i] }));
        out.push(res);
      }
      return out;
    } finally {
      if (changes.length) this.mirror.commit(changes);
    }
  }

  /** Starts the engine again if it was stopped, and rebuilds it from the mirror. */
  async ensureEngine(): Promise<void> {
    const restarted = await this.engine.prepare();
    if (restarted || this.stale) await this.rebuild(this.mirror.current());
  }

  /** Makes the engine hold exactly `s`, then the mirror too. */
  async rebuild(s: KbState): Promise<void> {
    this.stale = true;
    await this.engine.clear();
    for (const ops of rebuildOps(s)) expectOk(await this.engine.run(ops, this.limits()), "replay");
    this.mirror.replace(s);
    this.stale = false;
  }
}

/**
 * Whether an update changed the KB; throws its error.
 * ```ts
 * changed({ kind: "count", n: 1 }, "assertFact"); // true
 * ```
 */
export function changed(r: EngineResult, what: string): boolean {
  if (r.kind === "error") throw decorate(r.error, what);
  return r.kind === "count" && r.n > 0;
}

function expectOk(results: EngineResult[], what: string): EngineResult[] {
  for (const r of results) if (r.kind === "error") throw decorate(r.error, what);
  return results;
}

/**
 * A store error with the operation it came from named first.
 * ```ts
 * decorate(new BeliefStoreError("boom"), "load").message; // "load: boom"
 * ```
 */
export function decorate(e: Error, what: string): Error {
  if (e instanceof BeliefStoreError && !e.message.includes(what))
    e.message = `${what}: ${e.message}`;
  return e;
}
