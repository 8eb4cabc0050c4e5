import { EpistemicInputError } from "../vocabulary";
import type { BeliefTracker } from "../tracker";
import {
  AgentId,
  BeliefGroundTruth,
  chainKey,
  EpistemicEvent,
  Fluent,
  Observers,
  Value
} from "../events";
import { BeliefState, DivergenceSummary } from "./belief-state";
import { LazyChange, ProbabilisticChange, sameLogs } from "./changes";
import {
  chainName,
  defaultPairs,
  DivergenceRecord,
  DivergenceTracking,
  divergenceRows,
  WORLD
} from "./divergence";
import { checkObservers, SemanticsContext, stage, Staging, stageSensing } from "./event-semantics";
import { EvidenceOptions, logLikelihood } from "./evidence";
import { NoiseModel, ResolvedNoise } from "./noise";
import { FluentSpace, PriorSpec } from "./space";

export type { DivergenceRecord, DivergenceTracking } from "./divergence";
export type { ProbabilisticChange } from "./changes";

/**
 * How a ProbabilisticBeliefs starts. It is a superset of the symbolic tracker's `TrackerInit`,
 * so the same init object drives both.
 */
export interface ProbabilisticInit {
  /** The agents whose beliefs are kept (names unique). */
  agents: AgentId[];
  /** The true initial value of every fluent. */
  world: Record<Fluent, Value>;
  /** Possible values per fluent; fluents with a boolean value default to [true, false]. */
  domains?: Record<Fluent, Value[]>;
  /** Fluents whose initial values everyone knows, to any depth; the rest start at their prior. */
  commonKnowledge?: Fluent[];
  /** Priors for fluents nobody has observed (default uniform). */
  priors?: Record<Fluent, PriorSpec>;
  /** Longest agent chain kept (default 2: beliefs and beliefs about others' beliefs). */
  maxDepth?: number;
  /** Perception and testimony noise (default noise-free). */
  noise?: NoiseModel;
  /** What divergence to record after every event (default: every pair of agents, and each agent against the world). */
  divergence?: false | DivergenceTracking;
}

/** Options of `observe`: a reading taken by one agent through its sensor. */
export interface ReadingOptions extends EvidenceOptions {
  /** Who else sees the reading (full), sees that a reading was taken (partial); default nobody. */
  observers?: Observers;
  /** A label for explanations and divergence records, e.g. "sally glances at the basket". */
  label?: string;
  /** The time step of the reading, for records. */
  t?: number;
}

/** Most agent chains one ProbabilisticBeliefs keeps (each holds a distribution per fluent). */
const MAX_PERSPECTIVES = 1_000_000;

/**
 * Probabilistic beliefs of several named agents, nested up to `maxDepth`, driven by events of
 * the one epistemic event model:
 * - ontic: full observers condition on the new value (through `observationAccuracy`), partial
 *   observers fall back to the prior (the value changed, they do not know to what), oblivious
 *   agents do not change;
 * - sensing: full observers condition on the sensed value through their sensor model; an agent
 *   who only saw someone look expects that agent to end up believing what it believes itself;
 * - announcement: a trusting full listener weighs the claim by `trustWeight` (1 = adopts it)
 *   and assumes the speaker sincere; a distrusting one does not change; the speaker does not
 *   change by its own claim and assumes its listeners believe it; other listeners assume a
 *   listener kept its belief, unless the event says `trustKnown: true` (then everyone who heard,
 *   the speaker included, knows who trusted);
 * - negative observation: a full observer conditions on "not that value" (back to its prior over
 *   the other values if it was sure of it).
 * Nested beliefs follow the same rules along the chain, with observability known to those who
 * observe. Noise-free, the values with non-zero probability are exactly the symbolic tracker's.
 *
 * ```ts
 * const pb = new ProbabilisticBeliefs({
 *   agents: ["sally", "anne"],
 *   world: { "at(marble)": "basket" },
 *   domains: { "at(marble)": ["basket", "box"] },
 *   commonKnowledge: ["at(marble)"]
 * });
 * pb.apply({ kind: "ontic", effects: { "at(marble)": "box" }, observers: { anne: "full" } });
 * pb.probability(["sally"], "at(marble)=basket"); // 1: sally missed it
 * pb.probability(["anne", "sally"], "at(marble)=basket"); // 1: anne knows sally missed it
 * pb.divergence(["sally"], ["anne"]).mean; // 1
 * ```
 */
export class ProbabilisticBeliefs implements BeliefTracker {
  /** The agents whose beliefs are kept. */
  readonly agents: readonly AgentId[];
  /** The longest agent chain kept. */
  readonly maxDepth: number;
  /** The fluents, their domains and priors. */
  readonly space: FluentSpace;
  private roots = new Map<AgentId, BeliefState>();
  private truth: BeliefState;
  private worldValues: Map<Fluent, Value>;
  private readonly noise: ResolvedNoise;
  private readonly tracking: { pairs: Array<[AgentId[], AgentId[]]>; fluents: Fluent[] } | null;
  private history: DivergenceRecord[] = [];
  private steps = 0;

  constructor(init: ProbabilisticInit) {
    if (!init || !Array.isArray(init.agents) || init.agents.length === 0) {
      throw new EpistemicInputError("ProbabilisticBeliefs needs a non-empty list of agents");
    }
    const agents = [...init.agents];
    agents.forEach((a, i) => {
      if (typeof a !== "string" || a === "" || a.includes("/") || a === WORLD)
        throw new EpistemicInputError(
          `bad agent name ${JSON.stringify(a)}: use a non-empty string without "/", other than "${WORLD}"`
        );
      if (agents.indexOf(a) !== i) throw new EpistemicInputError(`agent ${a} is listed twice`);
    });
    this.agents = agents;
    this.maxDepth = init.maxDepth ?? 2;
    if (!Number.isInteger(this.maxDepth) || this.maxDepth < 1) {
      throw new EpistemicInputError(
        `maxDepth must be a whole number >= 1, got ${String(init.maxDepth)}`
      );
    }
    let perspectives = 0;
    for (let k = 1, layer = agents.length; k <= this.maxDepth; k++, layer *= agents.length - 1) {
      perspectives += layer;
    }
    if (perspectives > MAX_PERSPECTIVES) {
      throw new EpistemicInputError(
        `${agents.length} agents at depth ${this.maxDepth} make ${perspectives} perspectives ` +
          `(limit ${MAX_PERSPECTIVES}); lower maxDepth`
      );
    }
    if (!init.world || typeof init.world !== "object")
      throw new EpistemicInputError("init.world must map each fluent to its value");
    const domains: Record<Fluent, Value[]> = {};
    for (const f of Object.keys(init.domains ?? {})) {
      if (!(f in init.world))
        throw new EpistemicInputError(`domain given for ${f}, which has no value in init.world`);
    }
    for (const [f, v] of Object.entries(init.world)) {
      const d = init.domains?.[f] ?? (typeof v === "boolean" ? [true, false] : undefined);
      if (!d)
        throw new EpistemicInputError(
          `no domain for fluent ${f}: give init.domains[${JSON.stringify(f)}]`
        );
      domains[f] = d;
    }
    this.space = new FluentSpace({ domains, priors: init.priors });
    this.worldValues = new Map();
    for (const [f, v] of Object.entries(init.world)) {
      this.space.valueIndex(f, v);
      this.worldValues.set(f, v);
    }
    this.noise = new ResolvedNoise(init.noise ?? {}, agents);

    this.truth = new BeliefState({ agents, maxDepth: 0 }, this.space, []);
    for (const [f, v] of this.worldValues) this.truth.set(f, v);
    for (const f of init.commonKnowledge ?? []) this.space.domain(f);
    for (const a of agents) {
      const root = new BeliefState({ agents, maxDepth: this.maxDepth }, this.space, [a]);
      this.growTree(root);
      root.forEachState((s) => {
        for (const f of init.commonKnowledge ?? []) s.set(f, this.worldValues.get(f)!);
      });
      root.seal();
      this.roots.set(a, root);
    }
    this.truth.seal();

    if (init.divergence === false) this.tracking = null;
    else {
      const pairs = init.divergence?.pairs ?? defaultPairs(agents);
      for (const [a, b] of pairs) {
        this.state(a);
        this.state(b);
      }
      const fluents = init.divergence?.fluents ?? this.space.fluents;
      fluents.forEach((f) => this.space.domain(f));
      this.tracking = { pairs, fluents };
      this.recordDivergence(undefined);
    }
  }

  /** Every fluent. */
  get fluents(): Fluent[] {
    return this.space.fluents;
  }

  /** Number of events applied. */
  get step(): number {
    return this.steps;
  }

  /** The true world as plain data. */
  get world(): Record<Fluent, Value> {
    return Object.fromEntries(this.worldValues);
  }

  /** An agent's beliefs (nested states via `about`). */
  of(agent: AgentId): BeliefState {
    const s = this.roots.get(agent);
    if (!s)
      throw new EpistemicInputError(
        `unknown agent ${JSON.stringify(agent)}; agents: ${this.agents.join(", ")}`
      );
    return s;
  }

  /** The state of an agent chain: `["sally", "anne"]` is sally's model of anne; `[]` is the world. */
  state(chain: readonly AgentId[]): BeliefState {
    if (!Array.isArray(chain))
      throw new EpistemicInputError(`an agent chain is a list of agent names`);
    if (chain.length === 0) return this.truth;
    return this.of(chain[0]).aboutChain(chain.slice(1));
  }

  /** The distribution of `fluent` for an agent chain. */
  distribution(chain: readonly AgentId[], fluent: Fluent): Record<string, number> {
    return this.state(chain).distribution(fluent);
  }

  /** P(proposition) for an agent chain: `probability(["sally"], "at(marble)=basket")`. */
  probability(chain: readonly AgentId[], proposition: string, value?: Value): number {
    return this.state(chain).probability(proposition, value);
  }

  /** The values an agent chain gives non-zero probability; matches `BeliefTracker.believedValues`. */
  believedValues(chain: readonly AgentId[], fluent: Fluent): Value[] {
    return this.state(chain).support(fluent);
  }

  /**
   * Every perspective up to `depth` (default maxDepth) as the values it gives non-zero
   * probability, in the trackers' plain-data format. With this, ProbabilisticBeliefs is a
   * BeliefTracker: room worlds, the BeliefUpdater and the belief store sync accept it.
   */
  groundTruth(depth: number = this.maxDepth): BeliefGroundTruth {
    if (!Number.isInteger(depth) || depth < 1 || depth > this.maxDepth) {
      throw new EpistemicInputError(
        `depth must be a whole number from 1 to maxDepth=${this.maxDepth}, got ${depth}`
      );
    }
    const perspectives: BeliefGroundTruth["perspectives"] = {};
    for (const root of this.roots.values()) {
      root.forEachState((s) => {
        if (s.chain.length > depth) return;
        const entry: Record<Fluent, Value[]> = {};
        for (const f of this.space.fluents) entry[f] = s.support(f);
        perspectives[chainKey(s.chain)] = entry;
      });
    }
    return { agents: [...this.agents], depth, perspectives };
  }

  /** Jensen–Shannon divergence (bits) between two chains, per fluent and on average. */
  divergence(a: readonly AgentId[], b: readonly AgentId[], fluents?: Fluent[]): DivergenceSummary {
    return this.state(a).divergenceFrom(this.state(b), fluents ?? this.space.fluents);
  }

  /** Divergences recorded after each step (step 0 is the start), ready to plot. */
  get divergenceHistory(): readonly DivergenceRecord[] {
    return this.history;
  }

  /**
   * The history as rows for `console.table`: one row per step, one column per pair, holding
   * the mean divergence (or the divergence of `fluent` if given).
   */
  divergenceTable(fluent?: Fluent): Array<Record<string, string | number>> {
    if (fluent !== undefined) this.space.domain(fluent);
    return divergenceRows(this.history, fluent);
  }

  /**
   * Applies one event to every agent's (nested) beliefs and returns the distributions it
   * changed. Throws a clear error on bad input, and then nothing changes.
   */
  apply(event: EpistemicEvent): ProbabilisticChange[] {
    return this.prepare(event)();
  }

  /**
   * Validates `event` and computes its effect without changing anything; the returned function
   * commits it. Lets a caller apply one event to several representations all-or-nothing.
   *
   * ```ts
   * const commit = pb.prepare(event); // throws here on bad input
   * tracker.apply(event);
   * const changes = commit();
   * ```
   */
  prepare(event: EpistemicEvent): () => ProbabilisticChange[] {
    const staged = stage(this.context(), event);
    let done = false;
    return () => {
      if (done) throw new EpistemicInputError("this prepared event was already committed");
      done = true;
      return this.commit(staged, event.label, event.t);
    };
  }

  /**
   * A reading of `fluent` by `agent` through a sensor (given here, or the agent's sensor from the
   * noise model): unlike a sensing event, the reading may differ from the truth. Others see the
   * reading if listed as full observers, see that a reading was taken if partial.
   *
   * ```ts
   * pb.observe("sally", "at(marble)", "box", { accuracy: 0.7 }); // a blurry glance
   * ```
   */
  observe(
    agent: AgentId,
    fluent: Fluent,
    reading: Value,
    options: ReadingOptions = {}
  ): ProbabilisticChange[] {
    this.of(agent);
    const ctx = this.context();
    const domain = this.space.domain(fluent);
    const readingIndex = this.space.valueIndex(fluent, reading);
    const observers: Observers = { ...(options.observers ?? {}), [agent]: "full" };
    checkObservers(ctx, observers);
    const { label, t } = options;
    const evidence: EvidenceOptions = {
      accuracy: options.accuracy,
      likelihood: options.likelihood,
      sensor: options.sensor
    };
    const explicit =
      evidence.accuracy !== undefined ||
      evidence.likelihood !== undefined ||
      evidence.sensor !== undefined;
    if (explicit) logLikelihood(domain, readingIndex, evidence);
    const staged = new Staging();
    for (const root of this.roots.values()) {
      stageSensing(
        ctx,
        root,
        domain,
        readingIndex,
        observers,
        null,
        staged,
        explicit ? evidence : undefined
      );
    }
    return this.commit(staged, label ?? `${agent} reads ${fluent}=${String(reading)}`, t);
  }

  /** An independent copy, including the divergence history. */
  clone(): ProbabilisticBeliefs {
    const c = Object.create(ProbabilisticBeliefs.prototype) as ProbabilisticBeliefs;
    Object.assign(c, this);
    c.roots = new Map([...this.roots].map(([a, s]) => [a, s.clone()]));
    c.truth = this.truth.clone();
    c.worldValues = new Map(this.worldValues);
    c.history = [...this.history];
    return c;
  }

  /** Every chain's distributions as plain data, keyed "sally", "sally/anne", ... */
  snapshot(): Record<string, Record<Fluent, Record<string, number>>> {
    const out: Record<string, Record<Fluent, Record<string, number>>> = {};
    for (const root of this.roots.values())
      root.forEachState((s) => (out[chainKey(s.chain)] = s.snapshot()));
    return out;
  }

  private growTree(state: BeliefState): void {
    if (state.chain.length >= this.maxDepth) return;
    for (const other of this.agents) if (other !== state.agent) this.growTree(state.about(other));
  }

  /** What the event semantics read (built per call: `clone` replaces the trees). */
  private context(): SemanticsContext {
    return {
      roots: this.roots,
      space: this.space,
      noise: this.noise,
      worldValues: this.worldValues,
      checkAgent: (agent) => void this.of(agent)
    };
  }

  private commit(
    staged: Staging,
    label: string | undefined,
    t: number | undefined
  ): ProbabilisticChange[] {
    const changes: ProbabilisticChange[] = [];
    for (let i = 0; i < staged.states.length; i++) {
      const state = staged.states[i];
      const f = staged.fluents[i];
      const logs = staged.logs[i];
      const old = state.logOf(f);
      if (logs === null) state.forget(f);
      else state.setLog(f, logs);
      const now = state.logOf(f);
      if (staged.revised[i] || !sameLogs(old, now)) {
        changes.push(new LazyChange(state, f, old, now, staged.revised[i]));
      }
    }
    for (const [f, v] of staged.world) {
      this.worldValues.set(f, v);
      this.truth.set(f, v);
    }
    this.steps++;
    this.recordDivergence(label, t);
    return changes;
  }

  private recordDivergence(label: string | undefined, t?: number): void {
    if (!this.tracking) return;
    for (const [a, b] of this.tracking.pairs) {
      const d = this.divergence(a, b, this.tracking.fluents);
      this.history.push({ step: this.steps, t, label, a: chainName(a), b: chainName(b), ...d });
    }
  }
}
