/**
 * The possible-worlds tracker: a pointed KD45 Kripke model, updated by the product with each
 * event's action model (see action-models.ts) and contracted to its smallest bisimilar model.
 */
import { actionModelOf } from "./action-models";
import { DeceptionRecord, recordIfLie } from "./deception";
import { AgentId, BeliefGroundTruth, chainKey, EpistemicEvent, Fluent, Value } from "./events";
import { Formula, toFormula } from "./formula";
import { Answer, answerOver, resolveFormula, satisfyingWorlds } from "./formula-eval";
import { KripkeModel } from "./kripke-model";
import type { BeliefTracker, TrackerInit } from "./tracker";
import { EpistemicInputError, Vocabulary } from "./vocabulary";

/** Options of a KripkeTracker beyond the shared TrackerInit. */
export interface KripkeOptions {
  /** Largest model (before contraction) an update may build; beyond it apply() throws. Default 200000. */
  maxWorlds?: number;
}

/**
 * The exact tracker: possible worlds with the standard product update for full, partial and
 * oblivious observers. Answers any chain length, common belief and disjunctive questions exactly;
 * its models grow with how differently agents saw the history, so prefer {@link ChainTracker}
 * for long streams with many agents.
 *
 * ```ts
 * const k = new KripkeTracker({
 *   agents: ["sally", "anne"],
 *   world: { "at(marble)": "basket" },
 *   commonKnowledge: ["at(marble)"],
 *   domains: { "at(marble)": ["basket", "box"] }
 * });
 * k.apply({ kind: "ontic", actor: "anne", effects: { "at(marble)": "box" }, observers: { anne: "full" } });
 * k.believedValues(["sally", "anne", "sally"], "at(marble)"); // ["basket"]
 * k.worldCount; // worlds in the contracted model
 * ```
 */
export class KripkeTracker implements BeliefTracker {
  readonly agents: readonly AgentId[];
  /** Depth used by groundTruth() when none is given. */
  readonly maxDepth: number;
  /** The largest model an update may build (and the initial model may have); beyond it, a clear error. */
  readonly maxWorlds: number;
  private vocab: Vocabulary;
  private model: KripkeModel;
  private lies: DeceptionRecord[] = [];
  private steps = 0;

  constructor(init: TrackerInit, options: KripkeOptions = {}) {
    this.vocab = Vocabulary.fromInit(init);
    this.agents = this.vocab.agents;
    this.maxDepth = init.maxDepth ?? 2;
    if (!Number.isInteger(this.maxDepth) || this.maxDepth < 1) {
      throw new EpistemicInputError(
        `maxDepth must be a positive integer (got ${JSON.stringify(init.maxDepth)})`
      );
    }
    this.maxWorlds = options.maxWorlds ?? 200_000;
    const F = this.vocab.fluents.length;
    const common = new Set(init.commonKnowledge ?? []);
    const truth = this.vocab.fluents.map((fl, f) => this.vocab.valueIndex(f, init.world[fl]));
    // Every valuation of the unknown fluents; everyone considers all of them possible.
    let worlds: Int32Array[] = [Int32Array.from(truth)];
    for (let f = 0; f < F; f++) {
      if (common.has(this.vocab.fluents[f])) continue;
      const next: Int32Array[] = [];
      for (const w of worlds) {
        for (let v = 0; v < this.vocab.domainSize(f); v++) {
          const x = w.slice();
          x[f] = v;
          next.push(x);
        }
      }
      if (next.length > this.maxWorlds) {
        throw new EpistemicInputError(
          `the initial possible-worlds model has more than ${this.maxWorlds} worlds (too many unknown fluents); declare more commonKnowledge, or use ChainTracker`
        );
      }
      worlds = next;
    }
    const actual = worlds.findIndex((w) => w.every((v, f) => v === truth[f]));
    const all = worlds.map((_, i) => i);
    this.model = new KripkeModel(
      worlds,
      this.agents.map(() => new Int32Array(worlds.length)),
      this.agents.map(() => [all]),
      actual
    ).contract();
  }

  /** Number of worlds in the current (contracted) model. */
  get worldCount(): number {
    return this.model.size;
  }

  /** Applies one event; throws EpistemicInputError (state unchanged) on bad input or overflow. */
  apply(event: EpistemicEvent): void {
    const ev = this.vocab.resolve(event, (f) =>
      this.vocab.value(f, this.model.worlds[this.model.actual][f])
    );
    const vocab = this.vocab.clone();
    vocab.commit(ev);
    const am = actionModelOf(
      ev,
      (f, v) => vocab.valueIndex(f, v as Value),
      (f) => vocab.domainSize(f)
    );
    let next: KripkeModel;
    try {
      next = this.model.update(am, this.agents.length, this.maxWorlds);
    } catch (e) {
      if (e instanceof RangeError) {
        throw new EpistemicInputError(
          `${e.message} (raise maxWorlds or use ChainTracker); event not applied`
        );
      }
      throw e;
    }
    const lie = recordIfLie(ev, event, this.steps, this.agents, this.vocab, (a, f) =>
      this.valuesAt([a], f)
    );
    if (lie) this.lies.push(lie);
    this.vocab = vocab;
    this.model = next;
    this.steps++;
  }

  believedValues(chain: readonly AgentId[], fluent: Fluent): Value[] {
    const f = this.vocab.fluentIndex(fluent);
    return this.valuesAt(this.vocab.chainIndices(chain), f);
  }

  groundTruth(depth: number = this.maxDepth): BeliefGroundTruth {
    if (!Number.isInteger(depth) || depth < 1) {
      throw new EpistemicInputError(`depth must be a positive integer (got ${depth})`);
    }
    const n = this.agents.length;
    const perspectives: BeliefGroundTruth["perspectives"] = {};
    const chain: number[] = [];
    const visit = (from: number[]) => {
      for (let a = 0; a < n; a++) {
        if (a === chain[chain.length - 1]) continue;
        chain.push(a);
        const ws = this.model.successors(a, from);
        const entry: Record<Fluent, Value[]> = {};
        this.vocab.fluents.forEach((fl, f) => (entry[fl] = this.valuesOf(ws, f)));
        perspectives[chainKey(chain.map((i) => this.agents[i]))] = entry;
        if (chain.length < depth) visit(ws);
        chain.pop();
      }
    };
    visit([this.model.actual]);
    return { agents: [...this.agents], depth, perspectives };
  }

  clone(): KripkeTracker {
    const c = Object.create(KripkeTracker.prototype) as KripkeTracker;
    Object.assign(c, this, { vocab: this.vocab.clone(), lies: [...this.lies] });
    return c;
  }

  /**
   * Asks the perspective at the end of `chain` about φ: "yes" (it believes φ), "no" (it
   * believes ¬φ) or "unknown". The empty chain asks the world. Decides every formula exactly.
   *
   * ```ts
   * k.ask("C([sally, anne], at(marble) = basket)"); // "no" once anne moved it unseen
   * k.ask("B(anne, at(marble) = box) | B(anne, at(marble) = basket)", ["sally"]); // knows-whether
   * ```
   */
  ask(formula: Formula | string, chain: readonly AgentId[] = []): Answer {
    const resolved = resolveFormula(toFormula(formula), this.vocab);
    const worlds = this.worldsAlong(this.vocab.chainIndices(chain));
    return answerOver(worlds, satisfyingWorlds(this.model, resolved));
  }

  /** Whether φ is true in the actual world. */
  holds(formula: Formula | string): boolean {
    return this.ask(formula) === "yes";
  }

  /** The lies told so far: claims whose value the speaker did not consider possible. */
  deceptions(): DeceptionRecord[] {
    return this.lies.map((d) => ({ ...d, speakerBelieved: [...d.speakerBelieved] }));
  }

  /** The fluents the model is over (those of the tracker's init), in the order of its worlds' valuations. */
  get fluents(): readonly Fluent[] {
    return this.vocab.fluents;
  }

  /** The values currently known for a fluent. */
  domain(fluent: Fluent): Value[] {
    return [...this.vocab.domainValues(this.vocab.fluentIndex(fluent))];
  }

  /** @internal The current model (read-only use: formulas, sync). */
  get kripke(): KripkeModel {
    return this.model;
  }

  /** @internal */
  get vocabulary(): Vocabulary {
    return this.vocab;
  }

  /** The worlds reached from the actual world along a chain of agent indices. */
  worldsAlong(chain: readonly number[]): number[] {
    let ws = [this.model.actual];
    for (const a of chain) ws = this.model.successors(a, ws);
    return ws;
  }

  private valuesAt(chain: readonly number[], f: number): Value[] {
    return this.valuesOf(this.worldsAlong(chain), f);
  }

  private valuesOf(worlds: number[], f: number): Value[] {
    const seen = new Set<number>();
    for (const w of worlds) seen.add(this.model.worlds[w][f]);
    return [...seen].sort((x, y) => x - y).map((i) => this.vocab.value(f, i));
  }
}
