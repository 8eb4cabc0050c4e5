import { EpistemicInputError } from "../vocabulary";
import type { Value } from "../events";
import { checkProbability, SUM_TOLERANCE } from "./math";
import type { FluentDomain } from "./space";

/**
 * A sensor model as a confusion matrix: `confusion[trueValue][observedValue]` = P(observed | true),
 * keyed by the values' text. Every true value needs a row, and every row must sum to 1; entries
 * left out are 0.
 *
 * ```ts
 * const eyes: SensorModel = { confusion: { basket: { basket: 0.9, box: 0.1 }, box: { box: 0.8, basket: 0.2 } } };
 * ```
 */
export interface SensorModel {
  /** `confusion[trueValue][observedValue]` = P(observed | true); each row sums to 1. */
  confusion: Record<string, Record<string, number>>;
}

/**
 * How much an observation says, as exactly one of:
 * - `accuracy`: a symmetric sensor, right with this probability, otherwise wrong uniformly;
 * - `likelihood`: P(this observation | true value) for every value of the domain (by text);
 * - `sensor`: a full confusion matrix.
 * With none given the observation is noise-free (accuracy 1).
 */
export interface EvidenceOptions {
  /** P(the reading is right), in [0, 1]; a wrong reading is any other value, uniformly. */
  accuracy?: number;
  /** P(this reading | true value) for every value of the domain, keyed by the value's text. */
  likelihood?: Record<string, number>;
  /** A full confusion matrix. */
  sensor?: SensorModel;
}

/**
 * The log likelihood log P(observed | x) for every value x of `domain`. Throws a clear error
 * for probabilities out of range, a sensor whose rows do not sum to 1, a likelihood missing a
 * value, or evidence that no value could have produced.
 */
export function logLikelihood(
  domain: FluentDomain,
  observedIndex: number,
  options: EvidenceOptions = {}
): Float64Array {
  const { accuracy, likelihood, sensor } = options;
  if (likelihood === undefined && sensor === undefined) {
    return symmetricLogLikelihood(domain, observedIndex, accuracy ?? 1);
  }
  const what = () => `observation of ${domain.fluent}=${String(domain.values[observedIndex])}`;
  if (accuracy !== undefined || (likelihood !== undefined && sensor !== undefined)) {
    const given = (["accuracy", "likelihood", "sensor"] as const).filter(
      (k) => options[k] !== undefined
    );
    throw new EpistemicInputError(
      `${what()}: give one of accuracy, likelihood or sensor, not ${given.join(" and ")}`
    );
  }
  const n = domain.values.length;
  const lik = new Float64Array(n);
  if (likelihood !== undefined) {
    if (likelihood === null || typeof likelihood !== "object") {
      throw new EpistemicInputError(`${what()}: likelihood must be an object`);
    }
    for (const key of Object.keys(likelihood)) {
      if (!domain.values.some((v) => String(v) === key)) {
        throw new EpistemicInputError(
          `${what()}: likelihood names ${JSON.stringify(key)}, which is not a value of ${domain.fluent}`
        );
      }
    }
    domain.values.forEach((v, i) => {
      const l = likelihood[String(v)];
      if (l === undefined) {
        throw new EpistemicInputError(
          `${what()}: likelihood P(observation | ${String(v)}) is missing; give one per value`
        );
      }
      checkProbability(l, `${what()}: likelihood P(observation | ${String(v)})`);
      lik[i] = l;
    });
  } else {
    const rows = sensorRows(domain, sensor!);
    for (let i = 0; i < n; i++) lik[i] = rows[i][observedIndex];
  }
  if (lik.every((l) => l === 0)) {
    throw new EpistemicInputError(
      `${what()}: the likelihood is 0 for every value, so this observation is impossible`
    );
  }
  for (let i = 0; i < n; i++) lik[i] = Math.log(lik[i]);
  return lik;
}

/** Symmetric-sensor log likelihoods, cached per domain and accuracy (they are never mutated). */
const symmetricCache = new WeakMap<FluentDomain, Map<number, Array<Float64Array | null>>>();

function symmetricLogLikelihood(
  domain: FluentDomain,
  observedIndex: number,
  accuracy: number
): Float64Array {
  let byAccuracy = symmetricCache.get(domain);
  if (!byAccuracy) symmetricCache.set(domain, (byAccuracy = new Map()));
  let rows = byAccuracy.get(accuracy);
  if (!rows) {
    checkProbability(accuracy, `observation of ${domain.fluent}: accuracy`);
    const n = domain.values.length;
    const hit = Math.log(n > 1 ? accuracy : 1);
    const miss = Math.log(n > 1 ? (1 - accuracy) / (n - 1) : 0);
    rows = domain.values.map((_, o) => {
      const row = new Float64Array(n).fill(miss);
      row[o] = hit;
      return row.every((l) => l === -Infinity) ? null : row; // null: nothing could read o
    });
    if (byAccuracy.size > 64) byAccuracy.clear();
    byAccuracy.set(accuracy, rows);
  }
  const row = rows[observedIndex];
  if (row === null) {
    throw new EpistemicInputError(
      `observation of ${domain.fluent}=${String(domain.values[observedIndex])}: ` +
        `the likelihood is 0 for every value, so this observation is impossible`
    );
  }
  return row;
}

/**
 * The full sensor matrix `rows[true][observed]` as numbers, checking that each row is a
 * distribution. Used to predict what a sensor will report.
 */
export function sensorRows(
  domain: FluentDomain,
  sensor: SensorModel | { accuracy: number }
): Float64Array[] {
  const n = domain.values.length;
  if ("accuracy" in sensor) {
    checkProbability(sensor.accuracy, `sensor accuracy for ${domain.fluent}`);
    const miss = n > 1 ? (1 - sensor.accuracy) / (n - 1) : 0;
    return domain.values.map((_, i) => {
      const row = new Float64Array(n).fill(miss);
      row[i] = n > 1 ? sensor.accuracy : 1;
      return row;
    });
  }
  const confusion = sensor?.confusion;
  if (confusion === null || typeof confusion !== "object") {
    throw new EpistemicInputError(
      `sensor for ${domain.fluent} must be { confusion: { trueValue: { observedValue: p } } }`
    );
  }
  const textIndex = (key: string, role: string): number => {
    const i = domain.values.findIndex((v) => String(v) === key);
    if (i < 0) {
      throw new EpistemicInputError(
        `sensor for ${domain.fluent}: ${role} ${JSON.stringify(key)} is not a value of the domain`
      );
    }
    return i;
  };
  for (const key of Object.keys(confusion)) textIndex(key, "true value");
  return domain.values.map((v: Value) => {
    const rec = confusion[String(v)];
    if (rec === undefined) {
      throw new EpistemicInputError(
        `sensor for ${domain.fluent} has no row for true value ${String(v)}`
      );
    }
    const row = new Float64Array(n);
    let sum = 0;
    for (const [obs, p] of Object.entries(rec)) {
      checkProbability(p, `sensor for ${domain.fluent}: P(${obs} | ${String(v)})`);
      row[textIndex(obs, "observed value")] = p;
      sum += p;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new EpistemicInputError(
        `sensor for ${domain.fluent} does not normalise: P(· | ${String(v)}) sums to ${sum}, not 1`
      );
    }
    return row;
  });
}
