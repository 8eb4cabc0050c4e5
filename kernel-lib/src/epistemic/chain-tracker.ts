/**
 * The perspective-chain representation: for every chain of agents up to `maxDepth` ("what sally
 * thinks anne thinks ..."), the set of values that perspective considers possible for each
 * fluent. The update rules are the projections of the possible-worlds update (see
 * kripke-tracker.ts and docs/epistemic.md), so both trackers answer `believedValues` alike.
 */
import { AgentId, BeliefGroundTruth, chainKey, EpistemicEvent, Fluent, Value } from "./events";
import type { BeliefTracker, TrackerInit } from "./tracker";
import { absenceRules, ValueSetTable } from "./value-sets";
import { DeceptionRecord, recordIfLie } from "./deception";
import { Formula, formulaToString, toFormula } from "./formula";
import { Answer, chainAnswer, ChainView, resolveFormula } from "./formula-eval";
import {
  collapseChain,
  EpistemicInputError,
  FULL,
  OBLIVIOUS,
  PARTIAL,
  ResolvedEvent,
  Vocabulary
} from "./vocabulary";

/** Largest number of stored perspective slots times fluents a ChainTracker accepts. */
const MAX_CELLS = 64_000_000;

/** Picks the default depth: up to 4, fewer when many agents would make the table large. */
function defaultDepth(agents: number): number {
  let total = 0;
  let pow = 1;
  for (let d = 1; d <= 4; d++) {
    pow *= agents;
    total += pow;
    if (total > 100_000) return Math.max(1, d - 1);
  }
  return 4;
}

/**
 * The fast tracker: per agent chain up to `maxDepth`, the values it considers possible per
 * fluent. Use it for long event streams and many agents; use {@link KripkeTracker} for exact
 * higher-order reasoning (common belief, "knows whether", disjunctions).
 *
 * ```ts
 * const t = new ChainTracker({
 *   agents: ["sally", "anne"],
 *   world: { "at(marble)": "basket" },
 *   commonKnowledge: ["at(marble)"],
 *   domains: { "at(marble)": ["basket", "box"] }
 * });
 * t.apply({ kind: "ontic", actor: "anne", effects: { "at(marble)": "box" }, observers: { anne: "full" } });
 * t.believedValues(["sally"], "at(marble)");         // ["basket"]
 * t.believedValues(["anne", "sally"], "at(marble)"); // ["basket"]
 * ```
 */
export class ChainTracker implements BeliefTracker {
  readonly agents: readonly AgentId[];
  /** Longest agent chain tracked (consecutive repeats collapse: B_a B_a φ = B_a φ). */
  readonly maxDepth: number;
  private vocab: Vocabulary;
  private tables: ValueSetTable[];
  private world: Value[];
  /** beliefs[slot * F + f] = id of the value set that perspective `slot` holds for fluent f. */
  private beliefs: Int32Array;
  private readonly offsets: number[];
  private readonly n: number;
  private readonly F: number;
  private lies: DeceptionRecord[] = [];
  private steps = 0;

  constructor(init: TrackerInit) {
    this.vocab = Vocabulary.fromInit(init);
    this.agents = this.vocab.agents;
    this.n = this.agents.length;
    this.F = this.vocab.fluents.length;
    const depth = init.maxDepth ?? defaultDepth(this.n);
    if (!Number.isInteger(depth) || depth < 1 || depth > 12) {
      throw new EpistemicInputError(
        `maxDepth must be an integer from 1 to 12 (got ${JSON.stringify(init.maxDepth)})`
      );
    }
    this.maxDepth = depth;
    this.offsets = [0, 0];
    let pow = 1;
    for (let k = 1; k <= depth; k++) {
      pow *= this.n;
      this.offsets.push(this.offsets[k] + pow);
    }
    const slots = this.offsets[depth + 1];
    if (slots * Math.max(1, this.F) > MAX_CELLS) {
      throw new EpistemicInputError(
        `${this.n} agents at depth ${depth} with ${this.F} fluents need ${slots * this.F} cells (limit ${MAX_CELLS}); lower maxDepth`
      );
    }
    this.tables = this.vocab.fluents.map(() => new ValueSetTable());
    this.world = this.vocab.fluents.map((fl) => init.world[fl]);
    this.beliefs = new Int32Array(slots * this.F);
    const common = new Set(init.commonKnowledge ?? []);
    for (let f = 0; f < this.F; f++) {
      const known = common.has(this.vocab.fluents[f]);
      const id = known
        ? this.tables[f].singleton(this.vocab.valueIndex(f, this.world[f]))
        : this.tables[f].full(this.vocab.domainSize(f));
      for (let s = 0; s < slots; s++) this.beliefs[s * this.F + f] = id;
    }
  }

  /** Applies one event; throws EpistemicInputError (state unchanged) on bad input. */
  apply(event: EpistemicEvent): void {
    const ev = this.vocab.resolve(event, (f) => this.world[f]);
    // Validation is over; from here on nothing throws.
    this.vocab.commit(ev);
    const lie = recordIfLie(ev, event, this.steps, this.agents, this.vocab, (a, f) =>
      this.setValues([a], f)
    );
    if (lie) this.lies.push(lie);
    this.update(ev);
    if (ev.kind === "ontic") for (const [f, v] of ev.assignments) this.world[f] = v;
    this.steps++;
  }

  /**
   * The values the last agent of `chain`, as seen through the agents before it, considers
   * possible for `fluent`. The empty chain asks the world.
   */
  believedValues(chain: readonly AgentId[], fluent: Fluent): Value[] {
    const f = this.vocab.fluentIndex(fluent);
    const idx = collapseChain(this.vocab.chainIndices(chain));
    if (idx.length === 0) return [this.world[f]];
    return this.setValues(idx, f);
  }

  /** Every perspective up to `depth` (default maxDepth) as plain data. */
  groundTruth(depth: number = this.maxDepth): BeliefGroundTruth {
    if (!Number.isInteger(depth) || depth < 1 || depth > this.maxDepth) {
      throw new EpistemicInputError(
        `depth must be an integer from 1 to maxDepth=${this.maxDepth} (got ${depth})`
      );
    }
    const perspectives: BeliefGroundTruth["perspectives"] = {};
    const chain: number[] = [];
    const visit = () => {
      const entry: Record<Fluent, Value[]> = {};
      for (let f = 0; f < this.F; f++) entry[this.vocab.fluents[f]] = this.setValues(chain, f);
      perspectives[chainKey(chain.map((i) => this.agents[i]))] = entry;
      if (chain.length === depth) return;
      for (let a = 0; a < this.n; a++) {
        if (a === chain[chain.length - 1]) continue;
        chain.push(a);
        visit();
        chain.pop();
      }
    };
    for (let a = 0; a < this.n; a++) {
      chain.push(a);
      visit();
      chain.pop();
    }
    return { agents: [...this.agents], depth, perspectives };
  }

  clone(): ChainTracker {
    const c = Object.create(ChainTracker.prototype) as ChainTracker;
    return Object.assign(c, this, {
      vocab: this.vocab.clone(),
      tables: this.tables.map((t) => t.clone()),
      world: [...this.world],
      beliefs: this.beliefs.slice(),
      lies: [...this.lies]
    });
  }

  /**
   * Asks the perspective at the end of `chain` about φ: "yes" (it believes φ), "no" (it
   * believes ¬φ) or "unknown". The empty chain asks the world. Throws RepresentationLimitError
   * when per-perspective value sets cannot decide φ (e.g. confirming C(group, φ)).
   *
   * ```ts
   * t.ask("B(anne, at(marble) = basket)", ["sally"]); // "yes": sally thinks anne thinks basket
   * ```
   */
  ask(formula: Formula | string, chain: readonly AgentId[] = []): Answer {
    const phi = toFormula(formula);
    const resolved = resolveFormula(phi, this.vocab);
    const ctx = collapseChain(this.vocab.chainIndices(chain));
    if (ctx.length > this.maxDepth) this.slot(ctx); // throws the depth error
    return chainAnswer(this.view(), resolved, ctx, formulaToString(phi));
  }

  /** Whether φ is true in the actual world (see {@link ask}). */
  holds(formula: Formula | string): boolean {
    return this.ask(formula) === "yes";
  }

  /** The lies told so far: claims whose value the speaker did not consider possible. */
  deceptions(): DeceptionRecord[] {
    return this.lies.map((d) => ({ ...d, speakerBelieved: [...d.speakerBelieved] }));
  }

  /** The fluents this tracker knows. */
  get fluents(): readonly Fluent[] {
    return this.vocab.fluents;
  }

  /** The values currently known for a fluent (its declared domain, or those seen so far). */
  domain(fluent: Fluent): Value[] {
    return [...this.vocab.domainValues(this.vocab.fluentIndex(fluent))];
  }

  // ---- internals ----

  private view(): ChainView {
    return {
      maxDepth: this.maxDepth,
      agentCount: this.n,
      world: (f) => this.vocab.valueIndex(f, this.world[f]),
      possible: (chain, f) => this.tables[f].get(this.beliefs[this.slot(chain) * this.F + f])
    };
  }

  private slot(chain: readonly number[]): number {
    if (chain.length > this.maxDepth) {
      throw new EpistemicInputError(
        `chain of length ${chain.length} is longer than this ChainTracker's maxDepth=${this.maxDepth}; construct it with a larger maxDepth or use KripkeTracker`
      );
    }
    let code = 0;
    for (const a of chain) code = code * this.n + a;
    return this.offsets[chain.length] + code;
  }

  private setValues(chain: readonly number[], f: number): Value[] {
    const id = this.beliefs[this.slot(chain) * this.F + f];
    return this.tables[f].get(id).map((i) => this.vocab.value(f, i));
  }

  /**
   * Updates every perspective the event changes. Only chains made of
   * non-oblivious agents can change: an oblivious agent believes nothing happened, so what it
   * believes, and believes others believe, stays as it was.
   */
  private update(ev: ResolvedEvent): void {
    const F = this.F;
    const n = this.n;
    // Writes go straight into the table: ontic and announcement values do not depend on the old
    // state, and sensing reads only perspectives ending in a partial observer, which it never
    // writes.
    const table = this.beliefs;
    const participants: number[] = [];
    for (let a = 0; a < n; a++) if (ev.obs[a] !== OBLIVIOUS) participants.push(a);

    const singletons = ev.assignments.map(([f, v]) =>
      this.tables[f].singleton(this.vocab.valueIndex(f, v))
    );
    const fulls = ev.assignments.map(([f]) => this.tables[f].full(this.vocab.domainSize(f)));

    // Ontic: state 0 = the actual assignment, 1 = some assignment (a partial observer saw it happen).
    const ontic = (code: number, len: number, last: number, anyValue: boolean) => {
      for (const a of participants) {
        if (a === last) continue;
        const c = code * n + a;
        const slot = this.offsets[len + 1] + c;
        const any = anyValue || ev.obs[a] === PARTIAL;
        for (let k = 0; k < ev.assignments.length; k++) {
          table[slot * F + ev.assignments[k][0]] = any ? fulls[k] : singletons[k];
        }
        if (len + 1 < this.maxDepth) ontic(c, len + 1, a, any);
      }
    };

    // Sensing: a full observer learns the value as the chain so far sees it: the actual value,
    // or, below a partial observer, whatever that partial observer believes it to be.
    const sensing = (code: number, len: number, last: number, source: number) => {
      for (const a of participants) {
        if (a === last) continue;
        const c = code * n + a;
        const slot = this.offsets[len + 1] + c;
        let src = source;
        if (ev.obs[a] === PARTIAL) {
          src = slot;
        } else {
          for (let k = 0; k < ev.assignments.length; k++) {
            const f = ev.assignments[k][0];
            table[slot * F + f] = src < 0 ? singletons[k] : table[src * F + f];
          }
        }
        if (len + 1 < this.maxDepth) sensing(c, len + 1, a, src);
      }
    };

    // Announcement: the event as a perspective sees it is (adopted?, claim known?, trust set).
    // The speaker keeps its beliefs and assumes every listener believes it; a trusting
    // listener adopts the claim and assumes the speaker sincere; a partial observer knows a
    // claim about the fluent was made, but not which.
    let claimSingle = 0;
    let claimFull = 0;
    let claimF = 0;
    if (ev.claim) {
      claimF = ev.claim[0];
      claimSingle = this.tables[claimF].singleton(this.vocab.valueIndex(claimF, ev.claim[1]));
      claimFull = this.tables[claimF].full(this.vocab.domainSize(claimF));
    }
    // Views (as in action-models.ts): -1 actual trust known to all (the speaker included),
    // -3 actual trust private to each listener, -4 nobody adopts, -5 every listener adopts
    // privately (the speaker's assumption under private trust), i >= 0 listener i alone.
    const T = -1;
    const P = -3;
    const N = -4;
    const S = -5;
    const announce = (
      code: number,
      len: number,
      last: number,
      adopted: boolean,
      any: boolean,
      view: number
    ) => {
      for (const a of participants) {
        if (a === last) continue;
        const c = code * n + a;
        const slot = this.offsets[len + 1] + c;
        let ad = adopted;
        let an = any;
        let v = view;
        if (a === ev.speaker) {
          v = ev.trustKnown ? T : adopted ? N : S;
        } else if (ev.obs[a] === FULL) {
          if (view === S) {
            ad = true;
            v = a;
          } else if (view === T) ad = ev.adopts[a];
          else if (view === P) {
            ad = ev.adopts[a];
            v = ad ? a : N;
          } else if (view === a) ad = true;
          else {
            ad = false;
            v = N;
          }
        } else {
          ad = false;
          an = true;
          v = view === T ? view : N;
        }
        if (ad) table[slot * F + claimF] = an ? claimFull : claimSingle;
        if (len + 1 < this.maxDepth) announce(c, len + 1, a, ad, an, v);
      }
    };

    if (ev.kind === "ontic") ontic(0, 0, -1, false);
    else if (ev.kind === "sensing") sensing(0, 0, -1, -1);
    else if (ev.kind === "negative") this.negative(ev, participants);
    else announce(0, 0, -1, false, false, ev.trustKnown ? T : P);
  }

  /**
   * A look that found `f` has none of the values V (the projection of the action model in
   * action-models.ts). Along a chain of full observers the first one drops V from its own
   * picture (keeping the rest, or every other value when nothing is left), and each later one,
   * as imagined, ends up with every other value if it might have believed one of V. Below a
   * partial observer p, a full observer has seen the object in u if p thinks it is in u ∈ V, and
   * only "not in V" if p thinks it is elsewhere.
   */
  private negative(ev: ResolvedEvent, participants: number[]): void {
    const F = this.F;
    const n = this.n;
    const table = this.beliefs;
    const [f, values] = ev.absent!;
    const absent = new Set(values.map((v) => this.vocab.valueIndex(f, v)));
    const { without, coarse, fromPartial } = absenceRules(
      this.tables[f],
      absent,
      this.vocab.domainSize(f)
    );
    // mode 0: the actual event, 1: a full observer's conclusion as imagined, 2: below a partial
    // observer whose slot is `src`.
    const walk = (code: number, len: number, last: number, mode: number, src: number) => {
      for (const a of participants) {
        if (a === last) continue;
        const c = code * n + a;
        const slot = this.offsets[len + 1] + c;
        const cell = slot * F + f;
        let m = mode;
        let s = src;
        if (ev.obs[a] === PARTIAL) {
          m = 2;
          s = slot;
        } else if (mode === 0) {
          table[cell] = without(table[cell]);
          m = 1;
        } else if (mode === 1) {
          table[cell] = coarse(table[cell]);
        } else {
          table[cell] = fromPartial(table[src * F + f]);
        }
        if (len + 1 < this.maxDepth) walk(c, len + 1, a, m, s);
      }
    };
    walk(0, 0, -1, 0, -1);
  }
}
