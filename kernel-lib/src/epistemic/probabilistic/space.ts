import { EpistemicInputError } from "../vocabulary";
import type { Fluent, Value } from "../events";
import { checkProbability, logAll, SUM_TOLERANCE } from "./math";

/**
 * A prior for one fluent: a number is P(true) of a boolean proposition; a record gives
 * probabilities per value (keyed by the value's text). Values a partial record leaves out share
 * the remaining mass equally.
 */
export type PriorSpec = number | Record<string, number>;

/** The values each fluent can take, and what is believed about it before any evidence. */
export interface FluentSpaceSpec {
  /** Possible values per fluent. Boolean propositions may be left out if `booleans` lists them. */
  domains?: Record<Fluent, Value[]>;
  /** Plain boolean propositions (domain [true, false]), e.g. "door_open". */
  booleans?: Fluent[];
  /** Priors per fluent; fluents without one get a uniform prior over their domain. */
  priors?: Record<Fluent, PriorSpec>;
}

/** One fluent's domain with a value index and its log prior. */
export interface FluentDomain {
  /** The fluent. */
  readonly fluent: Fluent;
  /** Its possible values, in a fixed order (the index order of `logPrior`). */
  readonly values: readonly Value[];
  /** The natural log of each value's prior probability. */
  readonly logPrior: Float64Array;
  /** The index of `value` in `values` (and `logPrior`), or -1 when it is not in the domain. */
  indexOf(value: Value): number;
}

/**
 * The shared vocabulary of a set of belief states: fluents, their domains and priors.
 * Immutable once built, so nested belief states can share one instance.
 *
 * ```ts
 * const space = new FluentSpace({ domains: { "at(marble)": ["basket", "box"] }, booleans: ["door_open"] });
 * space.domain("at(marble)").values; // ["basket", "box"]
 * ```
 */
export class FluentSpace {
  private readonly byFluent = new Map<Fluent, FluentDomain>();

  constructor(spec: FluentSpaceSpec) {
    const domains: Record<Fluent, Value[]> = { ...(spec.domains ?? {}) };
    for (const b of spec.booleans ?? []) {
      if (domains[b] !== undefined && !isBooleanDomain(domains[b])) {
        throw new EpistemicInputError(
          `fluent ${b} is listed as boolean but has domain [${domains[b].join(", ")}]`
        );
      }
      domains[b] = [true, false];
    }
    for (const [fluent, values] of Object.entries(domains)) {
      this.byFluent.set(fluent, buildDomain(fluent, values, spec.priors?.[fluent]));
    }
    for (const fluent of Object.keys(spec.priors ?? {})) {
      if (!this.byFluent.has(fluent))
        throw new EpistemicInputError(`prior given for unknown fluent ${fluent}`);
    }
  }

  /** Every fluent of the space, in declaration order. */
  get fluents(): Fluent[] {
    return [...this.byFluent.keys()];
  }

  /** Whether `fluent` is one of the space's fluents (a declared domain or boolean). */
  has(fluent: Fluent): boolean {
    return this.byFluent.has(fluent);
  }

  /** The domain of `fluent`; throws a clear error for an unknown fluent. */
  domain(fluent: Fluent): FluentDomain {
    const d = this.byFluent.get(fluent);
    if (!d) {
      const known = this.fluents;
      throw new EpistemicInputError(
        `unknown fluent ${JSON.stringify(fluent)}; known fluents: ${known.length ? known.join(", ") : "(none)"}`
      );
    }
    return d;
  }

  /** The index of `value` in the domain of `fluent`; throws if the value is not in it. */
  valueIndex(fluent: Fluent, value: Value): number {
    const d = this.domain(fluent);
    const i = d.indexOf(value);
    if (i < 0) {
      throw new EpistemicInputError(
        `value ${JSON.stringify(value)} is not in the domain of ${fluent}: [${d.values.map(String).join(", ")}]`
      );
    }
    return i;
  }

  /**
   * Resolves a proposition written as text: `"at(marble)=basket"` or a boolean `"door_open"`
   * (meaning `door_open=true`). The value text is matched against the domain.
   */
  parseProposition(text: string): { fluent: Fluent; value: Value } {
    const eq = topLevelEquals(text);
    if (eq < 0) {
      const fluent = text.trim();
      const d = this.domain(fluent);
      if (!isBooleanDomain(d.values)) {
        throw new EpistemicInputError(
          `proposition ${JSON.stringify(text)} has no value, but ${fluent} is not boolean; write ${fluent}=<value>`
        );
      }
      return { fluent, value: true };
    }
    const fluent = text.slice(0, eq).trim();
    const valueText = text.slice(eq + 1).trim();
    const d = this.domain(fluent);
    const value = d.values.find((v) => String(v) === valueText);
    if (value === undefined) {
      throw new EpistemicInputError(
        `value ${JSON.stringify(valueText)} is not in the domain of ${fluent}: [${d.values.map(String).join(", ")}]`
      );
    }
    return { fluent, value };
  }
}

function isBooleanDomain(values: readonly Value[]): boolean {
  return values.length === 2 && values.includes(true) && values.includes(false);
}

/** Position of the last `=` outside parentheses and quotes, or -1. */
function topLevelEquals(text: string): number {
  let depth = 0;
  let quote: string | null = null;
  let found = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "=" && depth === 0) found = i;
  }
  return found;
}

function buildDomain(fluent: Fluent, values: Value[], prior: PriorSpec | undefined): FluentDomain {
  if (!Array.isArray(values) || values.length === 0) {
    throw new EpistemicInputError(`domain of ${fluent} must be a non-empty list of values`);
  }
  const index = new Map<Value, number>();
  const texts = new Set<string>();
  values.forEach((v, i) => {
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
      throw new EpistemicInputError(
        `domain of ${fluent}: ${JSON.stringify(v)} is not a string, number or boolean`
      );
    }
    if (texts.has(String(v))) {
      throw new EpistemicInputError(`domain of ${fluent} lists ${JSON.stringify(String(v))} twice`);
    }
    texts.add(String(v));
    index.set(v, i);
  });
  const logPrior = logAll(priorProbabilities(fluent, values, prior));
  const frozen = Object.freeze([...values]);
  return {
    fluent,
    values: frozen,
    logPrior,
    indexOf: (v) => index.get(v) ?? -1
  };
}

/** Expands a prior spec into probabilities over `values`, checking range and normalisation. */
export function priorProbabilities(
  fluent: Fluent,
  values: readonly Value[],
  prior: PriorSpec | undefined
): Float64Array {
  const n = values.length;
  const p = new Float64Array(n);
  if (prior === undefined) return p.fill(1 / n);
  if (typeof prior === "number") {
    if (!isBooleanDomain(values)) {
      throw new EpistemicInputError(
        `prior of ${fluent} is a number, but ${fluent} is not a boolean proposition`
      );
    }
    checkProbability(prior, `prior P(${fluent}=true)`);
    p[values.indexOf(true)] = prior;
    p[values.indexOf(false)] = 1 - prior;
    return p;
  }
  return distributionFromRecord(`prior of ${fluent}`, values, prior, true);
}

/**
 * Turns `{ value: probability }` into an array over `values`. With `fillRest`, values left out
 * share the remaining mass; otherwise they get 0. The result must sum to 1.
 */
export function distributionFromRecord(
  what: string,
  values: readonly Value[],
  record: Record<string, number>,
  fillRest: boolean
): Float64Array {
  if (record === null || typeof record !== "object") {
    throw new EpistemicInputError(`${what} must be an object of value -> probability`);
  }
  const n = values.length;
  const p = new Float64Array(n);
  const given = new Array<boolean>(n).fill(false);
  let sum = 0;
  for (const [key, prob] of Object.entries(record)) {
    const i = values.findIndex((v) => String(v) === key);
    if (i < 0) {
      throw new EpistemicInputError(
        `${what}: ${JSON.stringify(key)} is not a value of [${values.map(String).join(", ")}]`
      );
    }
    checkProbability(prob, `${what}: P(${key})`);
    p[i] = prob;
    given[i] = true;
    sum += prob;
  }
  if (sum > 1 + SUM_TOLERANCE)
    throw new EpistemicInputError(`${what}: probabilities sum to ${sum}, more than 1`);
  const missing = given.filter((g) => !g).length;
  if (fillRest && missing > 0) {
    const share = Math.max(0, 1 - sum) / missing;
    for (let i = 0; i < n; i++) if (!given[i]) p[i] = share;
    return p;
  }
  if (Math.abs(sum - 1) > SUM_TOLERANCE) {
    throw new EpistemicInputError(`${what}: probabilities sum to ${sum}, not 1`);
  }
  return p;
}
