import { EpistemicInputError } from "../vocabulary";
import type { BeliefTracker } from "../tracker";
import {
  AgentId,
  AnnouncementEvent,
  BeliefGroundTruth,
  chainKey,
  EpistemicEvent,
  Fluent,
  NegativeObservationEvent,
  Observability,
  Observers,
  OnticEvent,
  SensingEvent,
  Value
} from "../events";
import {
  BeliefState,
  conditionLog,
  distributionRecord,
  DivergenceSummary,
  probabilitiesOf
} from "./belief-state";
import { EvidenceOptions, logLikelihood, SensorModel, sensorRows } from "./evidence";
import { logAll, NEGLIGIBLE_LOG, normaliseLog } from "./math";
import { NoiseModel, ResolvedNoise } from "./noise";
import { FluentDomain, FluentSpace, PriorSpec } from "./space";

/**
 * How a ProbabilisticBeliefs starts. It is a superset of the symbolic tracker's `TrackerInit`,
 * so the same init object drives both.
 */
export interface ProbabilisticInit {
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

/** Which divergences `divergenceHistory` records. */
export interface DivergenceTracking {
  /** Pairs of agent chains; the empty chain is the true world. */
  pairs?: Array<[AgentId[], AgentId[]]>;
  /** Fluents to include (default all). */
  fluents?: Fluent[];
}

/** One recorded divergence: between two chains after a step. */
export interface DivergenceRecord {
  /** Number of events applied so far (0 = the initial state). */
  step: number;
  t?: number;
  label?: string;
  /** The two chains, written "sally", "sally/anne", or "world" for the true world. */
  a: string;
  b: string;
  perFluent: Record<Fluent, number>;
  mean: number;
}

/** A change of one distribution made by one event. */
export interface ProbabilisticChange {
  chain: AgentId[];
  fluent: Fluent;
  before: Record<string, number>;
  after: Record<string, number>;
  /** True when the event contradicted the old belief, which was then revised from the prior. */
  revised: boolean;
}

/** Options of `observe`: a reading taken by one agent through its sensor. */
export interface ReadingOptions extends EvidenceOptions {
  /** Who else sees the reading (full), sees that a reading was taken (partial); default nobody. */
  observers?: Observers;
  label?: string;
  t?: number;
}

const WORLD = "world";

// Views of an announcement (see stageAnnouncement); agent names cannot contain "/".
const TRUE_TRUST = "/trust-known";
const OWN_TRUST = "/trust-own";
const EVERYONE_PRIVATELY = "/everyone-privately";
const NOBODY = "/nobody";

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
  readonly agents: readonly AgentId[];
  readonly maxDepth: number;
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
    const rows = new Map<number, Record<string, string | number>>();
    for (const r of this.history) {
      let row = rows.get(r.step);
      if (!row) {
        row = { step: r.step, event: r.label ?? (r.step === 0 ? "(start)" : "") };
        rows.set(r.step, row);
      }
      const v = fluent === undefined ? r.mean : r.perFluent[fluent];
      if (v !== undefined) row[`${r.a} vs ${r.b}`] = Math.round(v * 1000) / 1000;
    }
    return [...rows.values()];
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
    const staged = this.stage(event);
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
    const domain = this.space.domain(fluent);
    const readingIndex = this.space.valueIndex(fluent, reading);
    const observers: Observers = { ...(options.observers ?? {}), [agent]: "full" };
    this.checkObservers(observers);
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
      this.stageSensing(
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

  // ---- event semantics -------------------------------------------------------------------

  private growTree(state: BeliefState): void {
    if (state.chain.length >= this.maxDepth) return;
    for (const other of this.agents) if (other !== state.agent) this.growTree(state.about(other));
  }

  /** Validates `event` and computes every new distribution without changing anything. */
  private stage(event: EpistemicEvent): Staging {
    if (!event || typeof event !== "object")
      throw new EpistemicInputError("an event must be an object");
    const staged = new Staging();
    switch (event.kind) {
      case "ontic":
        this.stageOntic(event, staged);
        break;
      case "sensing":
        this.stageSensingEvent(event, staged);
        break;
      case "announcement":
        this.stageAnnouncement(event, staged);
        break;
      case "negative":
        this.stageNegative(event, staged);
        break;
      default:
        throw new EpistemicInputError(
          `unknown event kind ${JSON.stringify((event as { kind?: unknown }).kind)}`
        );
    }
    return staged;
  }

  private stageOntic(event: OnticEvent, staged: Staging): void {
    const observers: Observers = { ...event.observers };
    if (event.actor !== undefined) {
      this.of(event.actor);
      if (observers[event.actor] === "oblivious") {
        throw new EpistemicInputError(
          `the actor ${event.actor} cannot be oblivious of its own action`
        );
      }
      observers[event.actor] ??= "full"; // the actor knows what it did
    }
    this.checkObservers(observers);
    if (
      !event.effects ||
      typeof event.effects !== "object" ||
      Object.keys(event.effects).length === 0
    ) {
      throw new EpistemicInputError("an ontic event needs effects: { fluent: newValue }");
    }
    for (const [f, v] of Object.entries(event.effects)) {
      const domain = this.space.domain(f);
      const vi = this.space.valueIndex(f, v);
      // The value was replaced: what an agent believed before does not count, only the prior
      // and what it saw. That posterior depends only on the accuracy, so it is shared.
      const seen = new Map<number, Float64Array>();
      const visit = (s: BeliefState, allFull: boolean) => {
        const obs = observability(observers, s.agent!);
        if (obs === "oblivious") return;
        const full = allFull && obs === "full";
        if (!full) staged.put(s, f, null, false);
        else {
          const acc = this.noise.observationAccuracy(s.agent!);
          let posterior = seen.get(acc);
          if (!posterior) {
            const lik = logLikelihood(domain, vi, { accuracy: acc });
            posterior = conditionLog(domain.logPrior, domain.logPrior, lik).posterior;
            seen.set(acc, posterior);
          }
          staged.put(s, f, posterior, false);
        }
        forEachChild(s, (c) => visit(c, full));
      };
      for (const root of this.roots.values()) visit(root, true);
      staged.world.set(f, v);
    }
  }

  private stageSensingEvent(event: SensingEvent, staged: Staging): void {
    this.checkObservers(event.observers);
    if (!Array.isArray(event.fluents) || event.fluents.length === 0) {
      throw new EpistemicInputError("a sensing event needs a non-empty list of fluents");
    }
    for (const f of new Set(event.fluents)) {
      const domain = this.space.domain(f);
      const vi = domain.indexOf(this.worldValues.get(f)!);
      for (const root of this.roots.values())
        this.stageSensing(root, domain, vi, event.observers, null, staged);
    }
  }

  /**
   * Sensing along a chain. With every agent of the chain a full observer, the last one
   * conditions on the reading. If some agent of the chain (the last such is `witness`) only saw
   * that a reading was taken, it expects the reading to be distributed as its own belief, so
   * the modelled agent's belief becomes the expected posterior under that predictive.
   */
  private stageSensing(
    s: BeliefState,
    domain: FluentDomain,
    readingIndex: number,
    observers: Observers,
    witness: BeliefState | null,
    staged: Staging,
    evidence?: EvidenceOptions
  ): void {
    const obs = observability(observers, s.agent!);
    if (obs === "oblivious") return;
    const f = domain.fluent;
    if (obs === "partial") {
      forEachChild(s, (c) =>
        this.stageSensing(c, domain, readingIndex, observers, s, staged, evidence)
      );
      return;
    }
    const sensor: SensorModel | { accuracy: number } | EvidenceOptions =
      evidence ?? this.noise.sensor(s.agent!, f);
    if (witness === null) {
      const lik = logLikelihood(domain, readingIndex, sensorAsEvidence(sensor));
      const { posterior, revised } = conditionLog(s.logOf(f), domain.logPrior, lik, readingIndex);
      staged.put(s, f, posterior, revised);
    } else {
      staged.put(s, f, expectedPosterior(domain, witness.logOf(f), s.logOf(f), sensor), false);
    }
    forEachChild(s, (c) =>
      this.stageSensing(c, domain, readingIndex, observers, witness, staged, evidence)
    );
  }

  /**
   * Announcements along a chain, as the symbolic tracker reads them. A full listener who trusts
   * the speaker weighs the claim (`trustWeight`; 1 adopts it) and takes the speaker to be
   * sincere. A distrusting listener keeps its belief. The speaker keeps its own belief and
   * assumes every listener believed it. By default each listener's trust is its own: other
   * listeners assume it kept its belief. With `trustKnown: true`, who trusted is known to all
   * who heard, the speaker included. Someone who only saw that something was said thinks a listener that is believed
   * to adopt could now hold any value, weighted by its prior.
   */
  private stageAnnouncement(event: AnnouncementEvent, staged: Staging): void {
    const observers: Observers = { ...event.observers };
    if (event.speaker !== undefined) {
      this.of(event.speaker);
      if (event.speaker in observers && observers[event.speaker] !== "full") {
        throw new EpistemicInputError(
          `the speaker ${event.speaker} must be a full observer of its own claim`
        );
      }
      observers[event.speaker] = "full";
    }
    this.checkObservers(observers);
    for (const [a, trusts] of Object.entries(event.trust ?? {})) {
      this.of(a);
      if (typeof trusts !== "boolean")
        throw new EpistemicInputError(`trust[${a}] must be true or false`);
    }
    // Read without the type: `trustKnown` is a recent, optional field of the event model.
    const trustKnown = (event as { trustKnown?: unknown }).trustKnown;
    if (trustKnown !== undefined && typeof trustKnown !== "boolean") {
      throw new EpistemicInputError("trustKnown must be true or false");
    }
    if (!event.claim || typeof event.claim !== "object") {
      throw new EpistemicInputError("an announcement needs a claim { fluent, value }");
    }
    const f = event.claim.fluent;
    const domain = this.space.domain(f);
    const ci = this.space.valueIndex(f, event.claim.value);
    const speaker = event.speaker;
    const trusts = (a: AgentId) => event.trust?.[a] !== false;
    // Who adopts the claim, as a perspective sees it: TRUE_TRUST the actual trust known to
    // all (the speaker included), OWN_TRUST each listener's own, EVERYONE_PRIVATELY (the
    // speaker's assumption under private trust: each listener adopts, and each thinks it alone
    // did), NOBODY, or one listener's name: that listener alone (its own view under private trust).
    type View =
      typeof TRUE_TRUST | typeof OWN_TRUST | typeof EVERYONE_PRIVATELY | typeof NOBODY | AgentId;
    const visit = (s: BeliefState, adoptedAbove: boolean, claimUnknown: boolean, view: View) => {
      const agent = s.agent!;
      const obs = observability(observers, agent);
      if (obs === "oblivious") return;
      let adopted = adoptedAbove;
      let unknown = claimUnknown;
      let next: View = view;
      if (agent === speaker) {
        // A listener who adopted the claim thinks the speaker believes it and, when trust is
        // private, assumes nothing about who else adopted it (as the symbolic trackers read it).
        if (trustKnown) next = TRUE_TRUST;
        else next = adoptedAbove ? NOBODY : EVERYONE_PRIVATELY;
      } else if (obs === "full") {
        if (view === EVERYONE_PRIVATELY) {
          adopted = true;
          next = agent;
        } else if (view === TRUE_TRUST) adopted = trusts(agent);
        else if (view === OWN_TRUST) {
          adopted = trusts(agent);
          next = adopted ? agent : NOBODY;
        } else if (view === agent) adopted = true;
        else {
          adopted = false;
          next = NOBODY;
        }
      } else {
        adopted = false;
        unknown = true;
        next = view === TRUE_TRUST ? view : NOBODY;
      }
      if (adopted && agent !== speaker) {
        const weight = this.noise.trustWeight(agent);
        this.stageClaim(s, domain, ci, unknown, weight, staged);
      } else if (adopted) {
        // The speaker as seen by a listener who took it to be sincere.
        this.stageClaim(s, domain, ci, unknown, 1, staged);
      }
      forEachChild(s, (c) => visit(c, adopted, unknown, next));
    };
    for (const root of this.roots.values())
      visit(root, false, false, trustKnown ? TRUE_TRUST : OWN_TRUST);
  }

  /**
   * A look that found nothing, along a chain, as the symbolic trackers read it: the first full
   * observer conditions on "none of V" (its prior outside V if it was sure of V); a full observer
   * imagined by another that might have believed one of V holds its prior outside V; below a
   * partial observer giving u ∈ V probability q_u, a full observer holds u with q_u and its prior
   * outside V with the rest.
   */
  private stageNegative(event: NegativeObservationEvent, staged: Staging): void {
    this.checkObservers(event.observers);
    if (typeof event.fluent !== "string")
      throw new EpistemicInputError("a negative observation needs the fluent looked at");
    if (!Array.isArray(event.values) || event.values.length === 0)
      throw new EpistemicInputError("a negative observation needs a non-empty list of values");
    const f = event.fluent;
    const domain = this.space.domain(f);
    const truth = domain.values.indexOf(this.worldValues.get(f)!);
    const absent = new Set(event.values.map((v) => this.space.valueIndex(f, v)));
    if (absent.has(truth)) {
      throw new EpistemicInputError(
        `"${f}" is ${JSON.stringify(domain.values[truth])}, so its observers cannot find it is not`
      );
    }
    const size = domain.values.length;
    const elsewhere = new Float64Array(domain.logPrior);
    for (const i of absent) elsewhere[i] = -Infinity;
    if (normaliseLog(elsewhere) === -Infinity) {
      // the prior rules out every other value: fall back to uniform over them
      const rest = size - absent.size;
      for (let i = 0; i < size; i++) elsewhere[i] = absent.has(i) ? -Infinity : -Math.log(rest);
    }
    const inV = (logs: Float64Array) => [...absent].some((i) => logs[i] > NEGLIGIBLE_LOG);
    const visit = (s: BeliefState, mode: 0 | 1 | 2, witness: BeliefState | null) => {
      const obs = observability(event.observers, s.agent!);
      if (obs === "oblivious") return;
      let next = mode;
      let w = witness;
      if (obs === "partial") {
        next = 2;
        w = s;
      } else if (mode === 0) {
        const logs = new Float64Array(s.logOf(f));
        for (const i of absent) logs[i] = -Infinity;
        const sure = normaliseLog(logs) === -Infinity;
        staged.put(s, f, sure ? new Float64Array(elsewhere) : logs, sure);
        next = 1;
      } else if (mode === 1) {
        if (inV(s.logOf(f))) staged.put(s, f, new Float64Array(elsewhere), false);
      } else {
        const q = witness!.logOf(f);
        let seen = 0;
        for (const i of absent) seen += Math.exp(q[i]);
        const logs = new Float64Array(size);
        for (let i = 0; i < size; i++)
          logs[i] = absent.has(i) ? q[i] : Math.log(Math.max(0, 1 - seen)) + elsewhere[i];
        staged.put(s, f, logs, false);
      }
      forEachChild(s, (c) => visit(c, next, w));
    };
    for (const root of this.roots.values()) visit(root, 0, null);
  }

  /** A perspective takes a claim: Bayes on it, or, if the claim is unknown, the expectation over claims. */
  private stageClaim(
    s: BeliefState,
    domain: FluentDomain,
    claimIndex: number,
    claimUnknown: boolean,
    weight: number,
    staged: Staging
  ): void {
    const f = domain.fluent;
    if (claimUnknown) {
      staged.put(
        s,
        f,
        expectedPosterior(domain, domain.logPrior, s.logOf(f), { accuracy: weight }),
        false
      );
    } else {
      const lik = logLikelihood(domain, claimIndex, { accuracy: weight });
      const { posterior, revised } = conditionLog(s.logOf(f), domain.logPrior, lik, claimIndex);
      staged.put(s, f, posterior, revised);
    }
  }

  private checkObservers(observers: Observers): void {
    if (!observers || typeof observers !== "object")
      throw new EpistemicInputError("an event needs observers: { agent: observability }");
    for (const [a, o] of Object.entries(observers)) {
      this.of(a);
      if (o !== "full" && o !== "partial" && o !== "oblivious") {
        throw new EpistemicInputError(
          `observability of ${a} must be "full", "partial" or "oblivious", got ${JSON.stringify(o)}`
        );
      }
    }
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

/** Distributions computed by an event, applied only once the whole event is valid. */
class Staging {
  readonly states: BeliefState[] = [];
  readonly fluents: Fluent[] = [];
  /** `null` means: back to the prior. */
  readonly logs: Array<Float64Array | null> = [];
  readonly revised: boolean[] = [];
  readonly world = new Map<Fluent, Value>();

  put(state: BeliefState, fluent: Fluent, logs: Float64Array | null, revised: boolean): void {
    this.states.push(state);
    this.fluents.push(fluent);
    this.logs.push(logs);
    this.revised.push(revised);
  }
}

function observability(observers: Observers, agent: AgentId): Observability {
  return observers[agent] ?? "oblivious";
}

function forEachChild(s: BeliefState, visit: (child: BeliefState) => void): void {
  for (const c of s.children()) visit(c);
}

function sensorAsEvidence(
  sensor: SensorModel | { accuracy: number } | EvidenceOptions
): EvidenceOptions {
  return "confusion" in sensor ? { sensor: sensor as SensorModel } : (sensor as EvidenceOptions);
}

/**
 * E[posterior] when the reading is not known to the modeller: Σ_o P(o) · post(· | o), where the
 * reading o is predicted from the modeller's belief `logWorld` through the sensor, and each
 * posterior starts from the modelled agent's belief `logBelief`. Only sensors with a full
 * matrix (accuracy or confusion) can predict readings; an explicit likelihood vector cannot.
 */
function expectedPosterior(
  domain: FluentDomain,
  logWorld: Float64Array,
  logBelief: Float64Array,
  sensor: SensorModel | { accuracy: number } | EvidenceOptions
): Float64Array {
  const evidence = sensorAsEvidence(sensor);
  if (evidence.likelihood !== undefined) {
    throw new EpistemicInputError(
      `a reading given with a likelihood vector cannot be predicted for observers who did not see it; ` +
        `give an accuracy or a sensor matrix`
    );
  }
  const n = domain.values.length;
  // logLik[o][x] = log P(reading o | true value x)
  let logLik: Float64Array[];
  if (evidence.sensor !== undefined) {
    const rows = sensorRows(domain, evidence.sensor);
    logLik = domain.values.map((_, o) => Float64Array.from(rows, (row) => Math.log(row[o])));
  } else {
    logLik = domain.values.map((_, o) =>
      logLikelihood(domain, o, { accuracy: evidence.accuracy ?? 1 })
    );
  }
  const world = probabilitiesOf(logWorld);
  const mix = new Float64Array(n);
  for (let o = 0; o < n; o++) {
    const lik = logLik[o];
    let pObs = 0;
    for (let x = 0; x < n; x++) if (world[x] > 0) pObs += world[x] * Math.exp(lik[x]);
    if (pObs === 0) continue;
    const post = conditionLog(logBelief, domain.logPrior, lik, o).posterior;
    for (let x = 0; x < n; x++) mix[x] += pObs * Math.exp(post[x]);
  }
  const out = logAll(mix);
  normaliseLog(out);
  return out;
}

function sameLogs(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && Math.abs(Math.exp(a[i]) - Math.exp(b[i])) > 1e-15) return false;
  }
  return true;
}

/** A change whose distributions are built only when read (most callers never read them). */
class LazyChange implements ProbabilisticChange {
  readonly chain: AgentId[];
  constructor(
    state: BeliefState,
    readonly fluent: Fluent,
    private readonly old: Float64Array,
    private readonly now: Float64Array,
    readonly revised: boolean
  ) {
    this.chain = [...state.chain];
    this.domain = state.space.domain(fluent);
  }
  private readonly domain: FluentDomain;
  get before(): Record<string, number> {
    return distributionRecord(this.domain, this.old);
  }
  get after(): Record<string, number> {
    return distributionRecord(this.domain, this.now);
  }
  toJSON(): object {
    const { chain, fluent, before, after, revised } = this;
    return { chain, fluent, before, after, revised };
  }
}

function chainName(chain: readonly AgentId[]): string {
  return chain.length === 0 ? WORLD : chainKey(chain);
}

function defaultPairs(agents: readonly AgentId[]): Array<[AgentId[], AgentId[]]> {
  const pairs: Array<[AgentId[], AgentId[]]> = [];
  for (let i = 0; i < agents.length; i++) {
    for (let j = i + 1; j < agents.length; j++) pairs.push([[agents[i]], [agents[j]]]);
  }
  for (const a of agents) pairs.push([[a], []]);
  return pairs;
}
