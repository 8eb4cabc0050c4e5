/**
 * Keeps a belief store in step with a belief tracker: the world as facts (`at(marble, box)`) and
 * every definite belief of every agent chain as nested `believes/2` facts
 * (`believes(anne, believes(sally, at(marble, basket)))`), updated by an incremental diff after
 * each event, with a store snapshot per time step on request. Users then write Prolog rules over
 * what agents believe.
 *
 * A perspective that considers several values possible for a fluent has no `believes` fact for it
 * (it believes none of them); the tracker's `believedValues` tells the candidates.
 */
import type { BeliefStore } from "../beliefs";
import { Compound, jsToTerm, parseTerm, Term, beliefChain, formatTerm } from "../terms";
import type { AgentId, EpistemicEvent, Fluent, Value } from "./events";
import { chainKey } from "./events";
import type { BeliefTracker } from "./tracker";
import { EpistemicInputError } from "./vocabulary";

/** Options of a BeliefSync. */
export interface BeliefSyncOptions {
  /** Longest agent chain written as nested believes/2 facts (default 2). */
  depth?: number;
  /** Also keep the true world as facts (default true). */
  world?: boolean;
}

/** What one sync changed in the store, as printed facts. */
export interface SyncDiff {
  /** Facts asserted by the sync, e.g. "believes(sally, at(marble, basket))". */
  added: string[];
  /** Facts retracted by the sync (beliefs and world facts that no longer hold). */
  retracted: string[];
}

/** The fact for `fluent = value`: the value appended as last argument, `at(marble)` → `at(marble, box)`. */
export function fluentFact(fluent: Fluent, value: Value): Term {
  let t: Term;
  try {
    t = parseTerm(fluent);
  } catch (e) {
    throw new EpistemicInputError(
      `fluent "${fluent}" is not a Prolog term: ${(e as Error).message}`
    );
  }
  const v = jsToTerm(value);
  if (t.kind === "atom") return new Compound(t.name, [v]);
  if (t.kind === "compound") return new Compound(t.name, [...t.args, v]);
  throw new EpistemicInputError(`fluent "${fluent}" must be an atom or a compound term`);
}

interface Entry {
  chain: AgentId[];
  fact: Term;
  text: string;
}

/**
 * Syncs a tracker into a BeliefStore. Create it with {@link syncTo}; feed events through
 * {@link BeliefSync.apply} (or apply them to the tracker yourself and call {@link BeliefSync.sync}).
 *
 * ```ts
 * const store = await pwmk.BeliefStore.create({ backend: "swipl" });
 * const sync = await pwmk.syncTo(world.tracker, store, { depth: 2 });
 * world.exit("sally").move("anne", "marble", "box");
 * await sync.sync();
 * await store.query("believes(sally, at(marble, X))"); // [{ X: "basket" }]
 * await sync.snapshot(1);
 * ```
 */
export class BeliefSync {
  private current = new Map<string, Entry>();
  private readonly depth: number;
  private readonly withWorld: boolean;

  private constructor(
    /** The tracker read on each sync. */
    readonly tracker: BeliefTracker,
    /** The store written on each sync. */
    readonly store: BeliefStore,
    options: BeliefSyncOptions
  ) {
    this.depth = options.depth ?? 2;
    this.withWorld = options.world ?? true;
    if (!Number.isInteger(this.depth) || this.depth < 1) {
      throw new EpistemicInputError(
        `BeliefSync depth must be a positive integer (got ${options.depth})`
      );
    }
  }

  /** Declares the fluents' predicates in the store and writes the tracker's current state. */
  static async create(
    tracker: BeliefTracker,
    store: BeliefStore,
    options: BeliefSyncOptions = {}
  ): Promise<BeliefSync> {
    const s = new BeliefSync(tracker, store, options);
    const declared = new Set(store.predicates().map((p) => `${p.name}/${p.arity}`));
    const gt = tracker.groundTruth(s.depth);
    const fluents = Object.keys(Object.values(gt.perspectives)[0] ?? {});
    for (const fl of fluents) {
      const f = fluentFact(fl, tracker.believedValues([], fl)[0]) as Compound;
      if (!declared.has(`${f.name}/${f.arity}`)) {
        await store.addPredicate({ name: f.name, arity: f.arity });
        declared.add(`${f.name}/${f.arity}`);
      }
    }
    await s.sync();
    return s;
  }

  /** Applies an event to the tracker (throws on bad input, nothing changed) and syncs the store. */
  async apply(event: EpistemicEvent): Promise<SyncDiff> {
    this.tracker.apply(event);
    return this.sync();
  }

  /** Writes the difference between the tracker's state and what the store holds from us. */
  async sync(): Promise<SyncDiff> {
    const wanted = this.desired();
    const retract: Entry[] = [];
    const add: Entry[] = [];
    for (const [k, e] of this.current) if (!wanted.has(k)) retract.push(e);
    for (const [k, e] of wanted) if (!this.current.has(k)) add.push(e);
    if (retract.length + add.length === 0) return { added: [], retracted: [] };
    const ops = [
      ...retract.map((e) => ({ op: "retract" as const, fact: this.term(e) })),
      ...add.map((e) => ({ op: "assert" as const, fact: this.term(e) }))
    ];
    const results = await this.store.batch(ops);
    const failed: string[] = [];
    results.forEach((r, i) => {
      const e = i < retract.length ? retract[i] : add[i - retract.length];
      if (typeof r === "object" && r !== null && "error" in r) {
        failed.push(`${formatTerm(ops[i].fact)}: ${r.error.message}`);
      } else if (i < retract.length) {
        this.current.delete(e.text);
      } else {
        this.current.set(e.text, e);
      }
    });
    if (failed.length > 0)
      throw new EpistemicInputError(
        `belief store rejected ${failed.length} update(s): ${failed.join("; ")}`
      );
    return { added: add.map((e) => e.text), retracted: retract.map((e) => e.text) };
  }

  /** Records the store under time step t (see BeliefStore.snapshot). */
  async snapshot(t: number): Promise<void> {
    await this.store.snapshot(t);
  }

  /** The facts this sync currently keeps in the store, printed. */
  facts(): string[] {
    return [...this.current.keys()].sort();
  }

  private term(e: Entry): Term {
    return e.chain.length === 0 ? e.fact : beliefChain(e.chain, e.fact);
  }

  private desired(): Map<string, Entry> {
    const out = new Map<string, Entry>();
    const put = (chain: AgentId[], fact: Term) => {
      const e: Entry = { chain, fact, text: "" };
      e.text = formatTerm(this.term(e));
      out.set(e.text, e);
    };
    const gt = this.tracker.groundTruth(this.depth);
    const fluents = Object.keys(Object.values(gt.perspectives)[0] ?? {});
    if (this.withWorld)
      for (const fl of fluents) put([], fluentFact(fl, this.tracker.believedValues([], fl)[0]));
    for (const [key, beliefs] of Object.entries(gt.perspectives)) {
      const chain = key.split("/");
      if (chainKey(chain) !== key) continue;
      for (const [fl, values] of Object.entries(beliefs)) {
        if (values.length === 1) put(chain, fluentFact(fl, values[0]));
      }
    }
    return out;
  }
}

/**
 * Starts syncing `tracker` into `store` (see {@link BeliefSync}).
 *
 * ```ts
 * const sync = await syncTo(tracker, store, { depth: 3 });
 * await sync.apply(event);
 * ```
 */
export function syncTo(
  tracker: BeliefTracker,
  store: BeliefStore,
  options: BeliefSyncOptions = {}
): Promise<BeliefSync> {
  return BeliefSync.create(tracker, store, options);
}
