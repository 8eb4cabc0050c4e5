/**
 * The TypeScript-side mirror of a store's KB: exactly what the engine holds (declarations, facts,
 * beliefs, rules), kept to answer `data()`, `save()` and snapshots without asking the engine, to
 * drop additions that are already present, and to rebuild an engine that had to be restarted.
 *
 * Consistency: one lock serialises every operation of the store, reads and writes alike, and
 * the mirror changes in ONE synchronous step at the end of an operation ({@link KbMirror.commit}),
 * never between the engine calls of a multi-call operation (load, restore, a replay). So a read
 * — through the lock, or a synchronous `data()` between two awaits — never sees a half-applied
 * operation.
 */
import { Atom, Compound, formatClause, formatTerm, jsToTerm, Term } from "../terms";
import type { EngineOp, EngineResult, KeyedBelief, RuleClause } from "./backends/engine";
import { BeliefStoreError } from "./errors";
import { toNested } from "./layout";
import type { KbData } from "./types";

/** Everything an engine holds. */
export interface KbState {
  predicates: Map<string, Set<number>>;
  facts: Map<string, Term>;
  beliefs: Map<string, KeyedBelief>;
  rules: Map<string, RuleClause>;
}

/** One change to commit: a declaration, or an operation the engine ran with its result. */
export type MirrorChange =
  { declare: { name: string; arity: number } } | { op: EngineOp; result: EngineResult };

const emptyState = (): KbState => ({
  predicates: new Map(),
  facts: new Map(),
  beliefs: new Map(),
  rules: new Map()
});

const copyState = (s: KbState): KbState => ({
  predicates: new Map([...s.predicates].map(([k, v]) => [k, new Set(v)])),
  facts: new Map(s.facts),
  beliefs: new Map(s.beliefs),
  rules: new Map(s.rules)
});

/** The key of a fact in the mirror. */
export const factKey = (f: Term): string => formatTerm(f);
/** The key of a belief in the mirror. */
export const beliefKey = (b: KeyedBelief): string => formatTerm(toNested(b));
/** The key of a rule in the mirror (the clause as the user wrote it). */
export const ruleKey = (clause: Term): string => formatClause(clause);

/** Arities in numeric order (p/2 before p/10). */
const byNumber = (a: number, b: number): number => a - b;

/**
 * The mirror of one store's KB, with its snapshots and its lock.
 * ```ts
 * const m = new KbMirror();
 * await m.exclusive(async () => m.commit([{ declare: { name: "at", arity: 2 } }]));
 * m.predicates(); // [{ name: "at", arity: 2 }]
 * ```
 */
export class KbMirror {
  private state: KbState = emptyState();
  private readonly snapshots = new Map<number, KbState>();
  private lock: Promise<unknown> = Promise.resolve();
  private version = 0;

  /**
   * Runs `fn` when every operation queued before it has finished (reads and writes alike).
   * `guard` runs first, inside the lock (e.g. to refuse work on a closed store).
   */
  exclusive<T>(fn: () => Promise<T>, guard?: () => void): Promise<T> {
    const run = async (): Promise<T> => {
      guard?.();
      return fn();
    };
    const p = this.lock.then(run, run);
    this.lock = p.catch(() => undefined);
    return p;
  }

  /** Resolves once every queued operation has finished. */
  idle(): Promise<void> {
    return this.lock.then(() => undefined);
  }

  // ---- reads ------------------------------------------------------------------------------

  /** Declared arities of a name, ascending. */
  arities(name: string): number[] {
    return [...(this.state.predicates.get(name) ?? [])].sort(byNumber);
  }

  /** Changes whenever the declarations change. */
  get declarationsVersion(): number {
    return this.version;
  }

  hasFact(key: string): boolean {
    return this.state.facts.has(key);
  }

  hasBelief(key: string): boolean {
    return this.state.beliefs.has(key);
  }

  rule(key: string): RuleClause | undefined {
    return this.state.rules.get(key);
  }

  /** Declared predicates: by name in declaration order, arities ascending (p/2 before p/10). */
  predicates(): Array<{ name: string; arity: number }> {
    return stateToData(this.state).predicates;
  }

  /** Everything the KB holds, as data. */
  data(): KbData {
    return stateToData(this.state);
  }

  /** The KB as Prolog text that load() reads back. */
  text(): string {
    return stateToText(this.state);
  }

  /** A copy of the current state (to rebuild an engine from). */
  current(): KbState {
    return copyState(this.state);
  }

  // ---- writes (one synchronous step each) -------------------------------------------------

  /** Applies what an operation did, all at once: declarations and successful updates. */
  commit(changes: readonly MirrorChange[]): void {
    const s = this.state;
    for (const ch of changes) {
      if ("declare" in ch) {
        const ar = s.predicates.get(ch.declare.name) ?? new Set<number>();
        if (!ar.has(ch.declare.arity)) this.version++;
        ar.add(ch.declare.arity);
        s.predicates.set(ch.declare.name, ar);
        continue;
      }
      const { op, result } = ch;
      if (result.kind !== "count") continue;
      switch (op.op) {
        case "declare": {
          const ar = s.predicates.get(op.name) ?? new Set<number>();
          if (!ar.has(op.arity)) this.version++;
          ar.add(op.arity);
          s.predicates.set(op.name, ar);
          break;
        }
        case "addFacts":
          for (const f of op.facts) s.facts.set(factKey(f), f);
          break;
        case "delFacts":
          if (result.n > 0) for (const f of op.facts) s.facts.delete(factKey(f));
          break;
        case "addBeliefs":
          for (const b of op.beliefs) s.beliefs.set(beliefKey(b), b);
          break;
        case "delBeliefs":
          if (result.n > 0) for (const b of op.beliefs) s.beliefs.delete(beliefKey(b));
          break;
        case "addRules":
          if (result.n > 0) for (const r of op.rules) s.rules.set(ruleKey(r.original), r);
          break;
        case "delRules":
          if (result.n > 0) for (const r of op.rules) s.rules.delete(ruleKey(r.original));
          break;
        default:
          break;
      }
    }
  }

  /** Replaces the whole state (after an engine was rebuilt from `s`). */
  replace(s: KbState): void {
    this.state = s;
    this.version++;
  }

  /**
   * Drops additions the KB already holds, following the operations in order, and marks the
   * rest `blind`, so the engine asserts without looking up first.
   */
  onlyNewAdds(ops: EngineOp[]): EngineOp[] {
    if (!ops.some((o) => o.op === "addFacts" || o.op === "addBeliefs")) return ops;
    const overlay = new Map<string, boolean>();
    const present = (key: string): boolean =>
      overlay.get(key) ??
      (key.startsWith("f:") ? this.hasFact(key.slice(2)) : this.hasBelief(key.slice(2)));
    return ops.map((op) => {
      switch (op.op) {
        case "addFacts": {
          const facts = op.facts.filter((f) => {
            const k = "f:" + factKey(f);
            if (present(k)) return false;
            overlay.set(k, true);
            return true;
          });
          return { ...op, facts, blind: true };
        }
        case "addBeliefs": {
          const beliefs = op.beliefs.filter((b) => {
            const k = "b:" + beliefKey(b);
            if (present(k)) return false;
            overlay.set(k, true);
            return true;
          });
          return { ...op, beliefs, blind: true };
        }
        case "delFacts":
          for (const f of op.facts) overlay.set("f:" + factKey(f), false);
          return op;
        case "delBeliefs":
          for (const b of op.beliefs) overlay.set("b:" + beliefKey(b), false);
          return op;
        default:
          return op;
      }
    });
  }

  // ---- snapshots --------------------------------------------------------------------------

  /** Records the current state under time step t (replacing an earlier snapshot at t). */
  snapshot(t: number): void {
    if (typeof t !== "number" || !Number.isFinite(t))
      throw new BeliefStoreError(`snapshot time must be a finite number, got ${String(t)}`);
    this.snapshots.set(t, copyState(this.state));
  }

  /** Time steps that have snapshots, ascending. */
  snapshotTimes(): number[] {
    return [...this.snapshots.keys()].sort(byNumber);
  }

  /** A copy of the state at snapshot t; throws naming the snapshots that exist. */
  snapshotAt(t: number): KbState {
    const s = this.snapshots.get(t);
    if (!s)
      throw new BeliefStoreError(
        `no snapshot at time ${t}; snapshots exist at [${this.snapshotTimes().join(", ")}]`
      );
    return copyState(s);
  }

  /** The snapshot at t as data. */
  snapshotData(t: number): KbData {
    return stateToData(this.snapshotAt(t));
  }
}

/**
 * The engine operations that rebuild a state on an empty engine, in engine calls of at most
 * `perCall` operations (declarations first, facts and beliefs in chunks, then rules).
 * ```ts
 * for (const call of rebuildOps(mirror.current())) await engine.run(call, limits);
 * ```
 */
export function rebuildOps(s: KbState, chunk = 5000, perCall = 8): EngineOp[][] {
  const ops: EngineOp[] = [];
  for (const [name, ars] of s.predicates)
    for (const arity of [...ars].sort(byNumber)) ops.push({ op: "declare", name, arity });
  const facts = [...s.facts.values()];
  for (let i = 0; i < facts.length; i += chunk)
    ops.push({ op: "addFacts", facts: facts.slice(i, i + chunk), blind: true });
  const beliefs = [...s.beliefs.values()];
  for (let i = 0; i < beliefs.length; i += chunk)
    ops.push({ op: "addBeliefs", beliefs: beliefs.slice(i, i + chunk), blind: true });
  const rules = [...s.rules.values()];
  if (rules.length) ops.push({ op: "addRules", rules });
  const calls: EngineOp[][] = [];
  for (let i = 0; i < ops.length; i += perCall) calls.push(ops.slice(i, i + perCall));
  return calls;
}

function stateToData(s: KbState): KbData {
  return {
    predicates: [...s.predicates].flatMap(([name, ar]) =>
      [...ar].sort(byNumber).map((arity) => ({ name, arity }))
    ),
    facts: [...s.facts.values()],
    beliefs: [...s.beliefs.values()].map(toNested),
    rules: [...s.rules.values()].map((r) => r.original)
  };
}

function stateToText(s: KbState): string {
  const d = stateToData(s);
  const lines: string[] = ["% PWMK belief store"];
  for (const p of d.predicates)
    lines.push(
      `:- dynamic(${formatTerm(new Compound("/", [new Atom(p.name), jsToTerm(p.arity)]), 999)}).`
    );
  for (const f of d.facts) lines.push(formatClause(f));
  for (const b of d.beliefs) lines.push(formatClause(b));
  for (const r of d.rules) lines.push(formatClause(r));
  return lines.join("\n") + "\n";
}
