import { EpistemicInputError } from "../vocabulary";
import type { AgentId, Fluent, Value } from "../events";
import { EvidenceOptions, logLikelihood } from "./evidence";
import {
  entropyBits,
  expAll,
  jsDivergenceWithLogs,
  logAll,
  logSumExp as logSumExpOf,
  normaliseLog
} from "./math";
import { distributionFromRecord, FluentDomain, FluentSpace, FluentSpaceSpec } from "./space";

/** What one observation did to a belief. */
export interface ObservationOutcome {
  /** The fluent observed. */
  fluent: Fluent;
  /** The value the observation reported (the reading, not necessarily the truth). */
  observed: Value;
  /** P(observation) under the belief held before it. */
  evidence: number;
  /**
   * True when the observation contradicted the old belief (the observed value, or the
   * observation as a whole, had probability 0): the old belief is retracted and the posterior
   * is computed from the prior instead (belief revision).
   */
  revised: boolean;
  /** The distribution over the fluent's values before the observation (value → probability). */
  before: Record<string, number>;
  /** The distribution after it. */
  after: Record<string, number>;
}

/** Jensen–Shannon divergences (bits, in [0, 1]) per fluent and their mean. */
export interface DivergenceSummary {
  /** The divergence of each fluent compared. */
  perFluent: Record<Fluent, number>;
  /** Their mean (0 when no fluent was compared). */
  mean: number;
}

/**
 * Probabilities for a stored log array, computed once: stored arrays are never changed, so the
 * array itself is the cache key.
 */
const probabilityCache = new WeakMap<Float64Array, Float64Array>();

/** @internal The probabilities of a stored log distribution (do not mutate the result). */
export function probabilitiesOf(logs: Float64Array): Float64Array {
  let p = probabilityCache.get(logs);
  if (!p) probabilityCache.set(logs, (p = expAll(logs)));
  return p;
}

/** @internal A log distribution as value text -> probability. */
export function distributionRecord(
  domain: FluentDomain,
  logs: Float64Array
): Record<string, number> {
  const p = probabilitiesOf(logs);
  const out: Record<string, number> = {};
  domain.values.forEach((v, i) => (out[String(v)] = p[i]));
  return out;
}

/** An observation outcome whose distributions are built only when read. */
class Outcome implements ObservationOutcome {
  constructor(
    readonly fluent: Fluent,
    readonly observed: Value,
    readonly evidence: number,
    readonly revised: boolean,
    private readonly domain: FluentDomain,
    private readonly old: Float64Array,
    private readonly posterior: Float64Array
  ) {}
  get before(): Record<string, number> {
    return distributionRecord(this.domain, this.old);
  }
  get after(): Record<string, number> {
    return distributionRecord(this.domain, this.posterior);
  }
  toJSON(): object {
    const { fluent, observed, evidence, revised, before, after } = this;
    return { fluent, observed, evidence, revised, before, after };
  }
}

/** Options of a stand-alone BeliefState. */
export interface BeliefStateOptions extends FluentSpaceSpec {
  /** Whose beliefs these are (for messages and nested chains). */
  agent?: AgentId;
  /** If given, `about()` accepts only these agents. */
  agents?: AgentId[];
  /** Longest agent chain, counting this state's agent (default: unbounded). */
  maxDepth?: number;
}

/**
 * Bayesian conditioning in log space: posterior ∝ belief × likelihood. An observation of a value
 * the belief holds impossible (`observedIndex` has probability 0), or evidence the belief cannot
 * explain at all, contradicts the belief: it is retracted and the posterior is rebuilt from the
 * prior (or from uniform if even the prior rules it out) and the likelihood. That is belief
 * revision; it keeps a certain belief from ignoring every later noisy reading. Returns new
 * arrays; inputs are untouched.
 *
 * ```ts
 * const prior = Float64Array.of(Math.log(0.5), Math.log(0.5));
 * const certain = Float64Array.of(0, -Infinity); // sure it is value 0
 * conditionLog(certain, prior, Float64Array.of(Math.log(0.1), Math.log(0.9)), 1).revised; // true
 * ```
 */
export function conditionLog(
  logBelief: Float64Array,
  logPrior: Float64Array,
  logLik: Float64Array,
  observedIndex?: number
): { posterior: Float64Array; logEvidence: number; revised: boolean } {
  const n = logBelief.length;
  const post = new Float64Array(n);
  const contradicted = observedIndex !== undefined && logBelief[observedIndex] === -Infinity;
  let z = -Infinity;
  if (!contradicted) {
    for (let i = 0; i < n; i++) post[i] = logBelief[i] + logLik[i];
    z = normaliseLog(post);
    if (z > -Infinity) return { posterior: post, logEvidence: z, revised: false };
  } else {
    for (let i = 0; i < n; i++) post[i] = logBelief[i] + logLik[i];
    z = logSumExpOf(post);
  }
  for (let i = 0; i < n; i++) post[i] = logPrior[i] + logLik[i];
  if (normaliseLog(post) === -Infinity) {
    for (let i = 0; i < n; i++) post[i] = logLik[i];
    normaliseLog(post);
  }
  return { posterior: post, logEvidence: z, revised: true };
}

/**
 * One agent's probabilistic beliefs: a categorical distribution per fluent (a boolean
 * proposition is a fluent with values true/false), where a fluent never learned about follows
 * its prior, plus nested states for what this agent thinks other agents believe (`about`).
 * Probabilities are kept in log space; stored arrays are never changed in place, so copies
 * share them safely.
 *
 * ```ts
 * const sally = new BeliefState({ agent: "sally", domains: { "at(marble)": ["basket", "box"] } });
 * sally.probability("at(marble)=basket"); // 0.5, the prior
 * sally.observe("at(marble)", "basket", { accuracy: 0.9 });
 * sally.probability("at(marble)", "basket"); // 0.9
 * sally.about("anne").set("at(marble)", "box"); // sally thinks anne believes the box
 * sally.divergenceFrom(sally.about("anne")).mean; // ≈ 0.76 bits
 * ```
 */
export class BeliefState {
  /** The fluents, domains and priors shared with every nested state. */
  readonly space: FluentSpace;
  /** The agent chain this state belongs to, e.g. ["sally", "anne"] for sally's model of anne. */
  readonly chain: readonly AgentId[];
  private logs = new Map<Fluent, Float64Array>();
  private nested = new Map<AgentId, BeliefState>();
  private readonly agents: ReadonlySet<AgentId> | undefined;
  private readonly maxDepth: number;
  /** Containers build the whole tree up front and forbid creating states lazily. */
  private sealed = false;

  constructor(options: BeliefStateOptions);
  /** @internal */
  constructor(options: BeliefStateOptions, space: FluentSpace, chain: readonly AgentId[]);
  constructor(options: BeliefStateOptions, space?: FluentSpace, chain?: readonly AgentId[]) {
    this.space = space ?? new FluentSpace(options);
    this.chain = chain ?? (options.agent !== undefined ? [options.agent] : []);
    this.agents = options.agents ? new Set(options.agents) : undefined;
    this.maxDepth = options.maxDepth ?? Infinity;
    if (options.agent !== undefined && this.agents && !this.agents.has(options.agent)) {
      throw new EpistemicInputError(
        `agent ${options.agent} is not among the agents [${[...this.agents].join(", ")}]`
      );
    }
  }

  /** The agent whose beliefs these are (the last of the chain), if named. */
  get agent(): AgentId | undefined {
    return this.chain[this.chain.length - 1];
  }

  /** Every fluent of the space. */
  get fluents(): Fluent[] {
    return this.space.fluents;
  }

  /** The values `fluent` can take. */
  domain(fluent: Fluent): readonly Value[] {
    return this.space.domain(fluent).values;
  }

  /**
   * What this agent believes `other` believes. Asking about oneself returns this state
   * (an agent knows its own beliefs). Stand-alone states create nested states on first use,
   * starting at the priors.
   */
  about(other: AgentId): BeliefState {
    if (other === this.agent) return this;
    const existing = this.nested.get(other);
    if (existing) return existing;
    if (typeof other !== "string" || other === "")
      throw new EpistemicInputError(`agent names are non-empty strings`);
    if (this.agents && !this.agents.has(other)) {
      throw new EpistemicInputError(
        `unknown agent ${JSON.stringify(other)}; agents: ${[...this.agents].join(", ")}`
      );
    }
    if (this.sealed || this.chain.length + 1 > this.maxDepth) {
      throw new EpistemicInputError(
        `no beliefs about ${other} kept at ${describeChain([...this.chain, other])}: ` +
          `deeper than the maximum depth ${this.maxDepth}`
      );
    }
    const state = new BeliefState(
      { agents: this.agents ? [...this.agents] : undefined, maxDepth: this.maxDepth },
      this.space,
      [...this.chain, other]
    );
    this.nested.set(other, state);
    return state;
  }

  /** Follows a chain of agents below this state: `s.aboutChain(["anne", "sally"])`. */
  aboutChain(chain: readonly AgentId[]): BeliefState {
    return chain.reduce<BeliefState>((s, a) => s.about(a), this);
  }

  /** The agents this state holds nested beliefs about. */
  get others(): AgentId[] {
    return [...this.nested.keys()];
  }

  /** The distribution of `fluent` as value text -> probability. */
  distribution(fluent: Fluent): Record<string, number> {
    return distributionRecord(this.space.domain(fluent), this.logOf(fluent));
  }

  /** The distribution of `fluent` as an array aligned with its domain. */
  probabilities(fluent: Fluent): Float64Array {
    return probabilitiesOf(this.logOf(fluent)).slice();
  }

  /**
   * The probability of a proposition: `probability("at(marble)=basket")`,
   * `probability("door_open")` (P(true)) or `probability("at(marble)", "basket")`.
   */
  probability(fluentOrProposition: string, value?: Value): number {
    const { fluent, value: v } =
      value === undefined
        ? this.space.parseProposition(fluentOrProposition)
        : { fluent: fluentOrProposition, value };
    return Math.exp(this.logOf(fluent)[this.space.valueIndex(fluent, v)]);
  }

  /** The values with non-zero probability (what the agent considers possible). */
  support(fluent: Fluent): Value[] {
    const d = this.space.domain(fluent);
    const l = this.logOf(fluent);
    return d.values.filter((_, i) => l[i] > -Infinity);
  }

  /** The most probable value and its probability (the first one on ties). */
  mostLikely(fluent: Fluent): { value: Value; p: number } {
    const d = this.space.domain(fluent);
    const l = this.logOf(fluent);
    let best = 0;
    for (let i = 1; i < l.length; i++) if (l[i] > l[best]) best = i;
    return { value: d.values[best], p: Math.exp(l[best]) };
  }

  /** Uncertainty about `fluent` in bits. */
  entropy(fluent: Fluent): number {
    return entropyBits(this.probabilities(fluent));
  }

  /** True while nothing has been learned about `fluent` (it follows its prior). */
  isUnknown(fluent: Fluent): boolean {
    this.space.domain(fluent);
    return !this.logs.has(fluent);
  }

  /**
   * Sets the belief about `fluent`: a value (certainty) or a distribution `{ value: p }` that
   * must sum to 1 (values left out get 0). Throws and changes nothing on bad input.
   */
  set(fluent: Fluent, belief: Value | Record<string, number>): this {
    const d = this.space.domain(fluent);
    if (belief !== null && typeof belief === "object") {
      this.logs.set(
        fluent,
        logAll(distributionFromRecord(`belief about ${fluent}`, d.values, belief, false))
      );
    } else {
      const i = this.space.valueIndex(fluent, belief);
      const l = new Float64Array(d.values.length).fill(-Infinity);
      l[i] = 0;
      this.logs.set(fluent, l);
    }
    return this;
  }

  /** Forgets what was learned about `fluent`: it follows its prior again. */
  forget(fluent: Fluent): this {
    this.space.domain(fluent);
    this.logs.delete(fluent);
    return this;
  }

  /**
   * Bayesian update from observing `observed` for `fluent`, with a sensor accuracy, a
   * likelihood per true value, or a confusion matrix (noise-free by default). If the current
   * belief held the observed value impossible, the belief is revised from the prior
   * (`revised: true`).
   * Throws and changes nothing on bad input.
   */
  observe(fluent: Fluent, observed: Value, options: EvidenceOptions = {}): ObservationOutcome {
    const d = this.space.domain(fluent);
    let observedIndex = d.indexOf(observed);
    if (observedIndex < 0) observedIndex = this.space.valueIndex(fluent, observed); // throws, naming the domain
    const lik = logLikelihood(d, observedIndex, options);
    const old = this.logOf(fluent);
    const { posterior, logEvidence, revised } = conditionLog(old, d.logPrior, lik, observedIndex);
    this.logs.set(fluent, posterior);
    return new Outcome(fluent, observed, Math.exp(logEvidence), revised, d, old, posterior);
  }

  /**
   * Jensen–Shannon divergence (bits) between this state and `other`, per fluent and averaged
   * over `fluents` (default: all fluents of the space).
   */
  divergenceFrom(other: BeliefState, fluents: Fluent[] = this.fluents): DivergenceSummary {
    if (other.space !== this.space) {
      for (const f of fluents) sameDomain(this.space.domain(f), other.space.domain(f));
    }
    const perFluent: Record<Fluent, number> = {};
    let sum = 0;
    for (const f of fluents) {
      const lp = this.logOf(f);
      const lq = other.logOf(f);
      const jsd =
        lp === lq ? 0 : jsDivergenceWithLogs(probabilitiesOf(lp), lp, probabilitiesOf(lq), lq);
      perFluent[f] = jsd;
      sum += jsd;
    }
    return { perFluent, mean: fluents.length ? sum / fluents.length : 0 };
  }

  /** Every fluent's distribution as plain data. */
  snapshot(): Record<Fluent, Record<string, number>> {
    const out: Record<Fluent, Record<string, number>> = {};
    for (const f of this.fluents) out[f] = this.distribution(f);
    return out;
  }

  /** A deep, independent copy (nested states included). */
  clone(): BeliefState {
    const c = new BeliefState(
      { agents: this.agents ? [...this.agents] : undefined, maxDepth: this.maxDepth },
      this.space,
      this.chain
    );
    c.logs = new Map(this.logs);
    for (const [a, s] of this.nested) c.nested.set(a, s.clone());
    c.sealed = this.sealed;
    return c;
  }

  /** @internal The log distribution of `fluent` (the log prior when unknown). Do not mutate. */
  logOf(fluent: Fluent): Float64Array {
    return this.logs.get(fluent) ?? this.space.domain(fluent).logPrior;
  }

  /** @internal Replaces the log distribution of `fluent` (the array is kept, not copied). */
  setLog(fluent: Fluent, logs: Float64Array): void {
    this.logs.set(fluent, logs);
  }

  /** @internal The nested states (no copy). */
  children(): IterableIterator<BeliefState> {
    return this.nested.values();
  }

  /** @internal Marks this tree as complete: `about()` no longer creates states. */
  seal(): void {
    this.sealed = true;
    for (const s of this.nested.values()) s.seal();
  }

  /** @internal Visits this state and every nested state, parents first. */
  forEachState(visit: (state: BeliefState) => void): void {
    visit(this);
    for (const s of this.nested.values()) s.forEachState(visit);
  }
}

function sameDomain(a: FluentDomain, b: FluentDomain): void {
  if (a.values.length !== b.values.length || a.values.some((v, i) => v !== b.values[i])) {
    throw new EpistemicInputError(
      `cannot compare beliefs about ${a.fluent}: the two states give it different domains`
    );
  }
}

/** "sally" / "sally about anne" style names for messages. */
export function describeChain(chain: readonly AgentId[]): string {
  return chain.length === 0 ? "the world" : chain.join(" → ");
}
