/**
 * The semantics of each kind of event on probabilistic nested beliefs: validate an event and
 * compute, without changing anything, every distribution it changes (a `Staging`), which
 * `ProbabilisticBeliefs` then commits all at once. See the class comment of ProbabilisticBeliefs
 * for the rules in words.
 */
import { EpistemicInputError } from "../vocabulary";
import type {
  AgentId,
  AnnouncementEvent,
  EpistemicEvent,
  Fluent,
  NegativeObservationEvent,
  Observability,
  Observers,
  OnticEvent,
  SensingEvent,
  Value
} from "../events";
import { BeliefState, conditionLog, probabilitiesOf } from "./belief-state";
import { EvidenceOptions, logLikelihood, SensorModel, sensorRows } from "./evidence";
import { logAll, NEGLIGIBLE_LOG, normaliseLog } from "./math";
import type { ResolvedNoise } from "./noise";
import type { FluentDomain, FluentSpace } from "./space";

// Views of an announcement (see stageAnnouncement); agent names cannot contain "/".
const TRUE_TRUST = "/trust-known";
const OWN_TRUST = "/trust-own";
const EVERYONE_PRIVATELY = "/everyone-privately";
const NOBODY = "/nobody";

/** What the semantics read: the belief trees, the fluent space, the noise and the true world. */
export interface SemanticsContext {
  /** Each agent's root belief state. */
  readonly roots: ReadonlyMap<AgentId, BeliefState>;
  readonly space: FluentSpace;
  readonly noise: ResolvedNoise;
  readonly worldValues: ReadonlyMap<Fluent, Value>;
  /** Throws a clear error naming an unknown agent. */
  checkAgent(agent: AgentId): void;
}

/** Validates `event` and computes every new distribution without changing anything. */
export function stage(ctx: SemanticsContext, event: EpistemicEvent): Staging {
  if (!event || typeof event !== "object")
    throw new EpistemicInputError("an event must be an object");
  const staged = new Staging();
  switch (event.kind) {
    case "ontic":
      stageOntic(ctx, event, staged);
      break;
    case "sensing":
      stageSensingEvent(ctx, event, staged);
      break;
    case "announcement":
      stageAnnouncement(ctx, event, staged);
      break;
    case "negative":
      stageNegative(ctx, event, staged);
      break;
    default:
      throw new EpistemicInputError(
        `unknown event kind ${JSON.stringify((event as { kind?: unknown }).kind)}`
      );
  }
  return staged;
}

function stageOntic(ctx: SemanticsContext, event: OnticEvent, staged: Staging): void {
  const observers: Observers = { ...event.observers };
  if (event.actor !== undefined) {
    ctx.checkAgent(event.actor);
    if (observers[event.actor] === "oblivious") {
      throw new EpistemicInputError(
        `the actor ${event.actor} cannot be oblivious of its own action`
      );
    }
    observers[event.actor] ??= "full"; // the actor knows what it did
  }
  checkObservers(ctx, observers);
  if (
    !event.effects ||
    typeof event.effects !== "object" ||
    Object.keys(event.effects).length === 0
  ) {
    throw new EpistemicInputError("an ontic event needs effects: { fluent: newValue }");
  }
  for (const [f, v] of Object.entries(event.effects)) {
    const domain = ctx.space.domain(f);
    const vi = ctx.space.valueIndex(f, v);
    // The value was replaced: what an agent believed before does not count, only the prior
    // and what it saw. That posterior depends only on the accuracy, so it is shared.
    const seen = new Map<number, Float64Array>();
    const visit = (s: BeliefState, allFull: boolean) => {
      const obs = observability(observers, s.agent!);
      if (obs === "oblivious") return;
      const full = allFull && obs === "full";
      if (!full) staged.put(s, f, null, false);
      else {
        const acc = ctx.noise.observationAccuracy(s.agent!);
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
    for (const root of ctx.roots.values()) visit(root, true);
    staged.world.set(f, v);
  }
}

function stageSensingEvent(ctx: SemanticsContext, event: SensingEvent, staged: Staging): void {
  checkObservers(ctx, event.observers);
  if (!Array.isArray(event.fluents) || event.fluents.length === 0) {
    throw new EpistemicInputError("a sensing event needs a non-empty list of fluents");
  }
  for (const f of new Set(event.fluents)) {
    const domain = ctx.space.domain(f);
    const vi = domain.indexOf(ctx.worldValues.get(f)!);
    for (const root of ctx.roots.values())
      stageSensing(ctx, root, domain, vi, event.observers, null, staged);
  }
}

/**
 * Sensing along a chain. With every agent of the chain a full observer, the last one
 * conditions on the reading. If some agent of the chain (the last such is `witness`) only saw
 * that a reading was taken, it expects the reading to be distributed as its own belief, so
 * the modelled agent's belief becomes the expected posterior under that predictive.
 */
export function stageSensing(
  ctx: SemanticsContext,
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
      stageSensing(ctx, c, domain, readingIndex, observers, s, staged, evidence)
    );
    return;
  }
  const sensor: SensorModel | { accuracy: number } | EvidenceOptions =
    evidence ?? ctx.noise.sensor(s.agent!, f);
  if (witness === null) {
    const lik = logLikelihood(domain, readingIndex, sensorAsEvidence(sensor));
    const { posterior, revised } = conditionLog(s.logOf(f), domain.logPrior, lik, readingIndex);
    staged.put(s, f, posterior, revised);
  } else {
    staged.put(s, f, expectedPosterior(domain, witness.logOf(f), s.logOf(f), sensor), false);
  }
  forEachChild(s, (c) =>
    stageSensing(ctx, c, domain, readingIndex, observers, witness, staged, evidence)
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
function stageAnnouncement(ctx: SemanticsContext, event: AnnouncementEvent, staged: Staging): void {
  const observers: Observers = { ...event.observers };
  if (event.speaker !== undefined) {
    ctx.checkAgent(event.speaker);
    if (event.speaker in observers && observers[event.speaker] !== "full") {
      throw new EpistemicInputError(
        `the speaker ${event.speaker} must be a full observer of its own claim`
      );
    }
    observers[event.speaker] = "full";
  }
  checkObservers(ctx, observers);
  for (const [a, trusts] of Object.entries(event.trust ?? {})) {
    ctx.checkAgent(a);
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
  const domain = ctx.space.domain(f);
  const ci = ctx.space.valueIndex(f, event.claim.value);
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
      const weight = ctx.noise.trustWeight(agent);
      stageClaim(s, domain, ci, unknown, weight, staged);
    } else if (adopted) {
      // The speaker as seen by a listener who took it to be sincere.
      stageClaim(s, domain, ci, unknown, 1, staged);
    }
    forEachChild(s, (c) => visit(c, adopted, unknown, next));
  };
  for (const root of ctx.roots.values())
    visit(root, false, false, trustKnown ? TRUE_TRUST : OWN_TRUST);
}

/**
 * A look that found nothing, along a chain, as the symbolic trackers read it: the first full
 * observer conditions on "none of V" (its prior outside V if it was sure of V); a full observer
 * imagined by another that might have believed one of V holds its prior outside V; below a
 * partial observer giving u ∈ V probability q_u, a full observer holds u with q_u and its prior
 * outside V with the rest.
 */
function stageNegative(
  ctx: SemanticsContext,
  event: NegativeObservationEvent,
  staged: Staging
): void {
  checkObservers(ctx, event.observers);
  if (typeof event.fluent !== "string")
    throw new EpistemicInputError("a negative observation needs the fluent looked at");
  if (!Array.isArray(event.values) || event.values.length === 0)
    throw new EpistemicInputError("a negative observation needs a non-empty list of values");
  const f = event.fluent;
  const domain = ctx.space.domain(f);
  const truth = domain.values.indexOf(ctx.worldValues.get(f)!);
  const absent = new Set(event.values.map((v) => ctx.space.valueIndex(f, v)));
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
  for (const root of ctx.roots.values()) visit(root, 0, null);
}

/** A perspective takes a claim: Bayes on it, or, if the claim is unknown, the expectation over claims. */
function stageClaim(
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

export function checkObservers(ctx: SemanticsContext, observers: Observers): void {
  if (!observers || typeof observers !== "object")
    throw new EpistemicInputError("an event needs observers: { agent: observability }");
  for (const [a, o] of Object.entries(observers)) {
    ctx.checkAgent(a);
    if (o !== "full" && o !== "partial" && o !== "oblivious") {
      throw new EpistemicInputError(
        `observability of ${a} must be "full", "partial" or "oblivious", got ${JSON.stringify(o)}`
      );
    }
  }
}

/** Distributions computed by an event, applied only once the whole event is valid. */
export class Staging {
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
