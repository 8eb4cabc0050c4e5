/**
 * Judges of tutorial 4, "Learning others' minds". They are built from what the notebook holds (the
 * encoded test data, the evaluation report) and recompute the right answer from it, so they judge
 * any dataset or trained model, not one stored run.
 */
import type { WorldModelData } from "pwmk";
import { majorityClasses, type EvaluationReport } from "pwmk/training";
import type { Verdict } from "./check";

/**
 * Calls `visit` with every belief label entry of `data` (-1 included) and the true value of the
 * same step and target, for the first `numTargets` targets.
 */
function eachLabel(
  data: WorldModelData,
  numTargets: number,
  visit: (label: number, truth: number, target: number) => void
): void {
  const N = data.numAgents;
  const F = numTargets;
  for (const ep of data.episodes) {
    if (!ep.beliefs || !ep.truth) continue;
    for (let t = 0; t < ep.length; t++)
      for (let n = 0; n < N; n++)
        for (let f = 0; f < F; f++) visit(ep.beliefs[(t * N + n) * F + f], ep.truth[t * F + f], f);
  }
}

/** The belief labels of `data` counted: definite ones, false ones, and every entry (-1 included). */
export function countLabels(data: WorldModelData): {
  labels: number;
  falseBeliefs: number;
  entries: number;
} {
  let labels = 0;
  let falseBeliefs = 0;
  let entries = 0;
  eachLabel(data, data.beliefSpec?.targets.length ?? 0, (label, truth) => {
    entries++;
    if (label < 0) return;
    labels++;
    if (truth >= 0 && label !== truth) falseBeliefs++;
  });
  return { labels, falseBeliefs, entries };
}

const near = (a: number, b: number, tolerance = 1e-6): boolean => Math.abs(a - b) <= tolerance;
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function fraction(answer: unknown): number | string {
  if (typeof answer !== "number" || !Number.isFinite(answer)) return "answer with a number";
  if (answer > 1 && answer <= 100)
    return "answer with a fraction between 0 and 1, not a percentage or a count";
  if (answer < 0 || answer > 1) return "a fraction lies between 0 and 1";
  return answer;
}

/** 4.1: the share of the definite belief labels of `data` that are false beliefs. */
export function judge41(data: WorldModelData): (answer: unknown) => Verdict {
  const { labels, falseBeliefs, entries } = countLabels(data);
  const right = falseBeliefs / labels;
  return (answer) => {
    if (answer === falseBeliefs)
      return "that is the count: divide it by the number of definite labels";
    const x = fraction(answer);
    if (typeof x === "string") return x;
    if (near(x, right)) return true;
    if (near(x, falseBeliefs / entries))
      return "leave out the entries that are -1: there the agent believes nothing definite, so the belief is neither true nor false";
    if (near(x, 1 - right)) return "that is the share of TRUE beliefs (label equal to the truth)";
    return "not quite: a label is a false belief when it is not -1 and differs from truth at the same step and target";
  };
}

const BASELINES = ["copy-last", "majority", "true-state"] as const;

/**
 * 4.2: which baseline can never be right on a false-belief label. The judge measures the two
 * belief baselines on `data`'s false beliefs (the majority class taken from `majorityFrom`).
 */
export function judge42(
  data: WorldModelData,
  majorityFrom: WorldModelData
): (answer: unknown) => Verdict {
  const majority = majorityClasses(majorityFrom);
  let falseBeliefs = 0;
  let majorityHits = 0;
  eachLabel(data, majority.length, (label, truth, f) => {
    if (label < 0 || truth < 0 || label === truth) return;
    falseBeliefs++;
    if (majority[f] === label) majorityHits++;
  });
  return (answer) => {
    if (typeof answer !== "string" || !(BASELINES as readonly string[]).includes(answer))
      return `answer with one of ${BASELINES.map((b) => `"${b}"`).join(", ")}`;
    if (answer === "copy-last")
      return "copy-last predicts the next observation (nothing changes); it makes no belief predictions";
    if (answer === "majority")
      return `the majority class is right on ${pct(majorityHits / falseBeliefs)} of the false beliefs here: a stale belief is often the common value`;
    // true-state predicts the truth, and a false belief is a label that differs from it.
    return true;
  };
}

/**
 * 4.3: the model's accuracy on the false-belief labels of the evaluated data, computed by the
 * student from `model.predict`; judged against the evaluation report.
 */
export function judge43(report: EvaluationReport): (answer: unknown) => Verdict {
  const right = report.beliefAccOnFalseBelief;
  const b = report.baselines;
  return (answer) => {
    const x = fraction(answer);
    if (typeof x === "string") return x;
    if (near(x, right)) return true;
    if (near(x, report.beliefAcc))
      return "that is the accuracy on every label: keep only those with falseBelief = 1";
    if (near(x, b.majorityBeliefAccOnFalseBelief) || near(x, b.trueStateBeliefAccOnFalseBelief))
      return "that is a baseline's accuracy: compare the model's predictions (pred.beliefs) with the labels";
    if (Math.abs(x - right) < 0.05)
      return "close: count only real steps (mask = 1) and labels that are not -1, with horizon 12 as in training";
    return "not quite: over every batch, count the entries where falseBelief is 1, and among them those where pred.beliefs equals beliefTargets";
  };
}

/** 4.4: the belief target the model gets wrong most often (lowest accuracy, among targets with labels). */
export function judge44(report: EvaluationReport): (answer: unknown) => Verdict {
  const measured = Object.entries(report.beliefAccByTarget).filter(([, r]) => r.labels > 0);
  const worst = measured.reduce((a, b) => (b[1].acc < a[1].acc ? b : a));
  const best = measured.reduce((a, b) => (b[1].acc > a[1].acc ? b : a));
  return (answer) => {
    if (typeof answer !== "string") return 'answer with a target name, e.g. "at(marble)"';
    const mine = report.beliefAccByTarget[answer];
    if (!mine)
      return `there is no target "${answer}"; the targets are ${measured.map(([n]) => `"${n}"`).join(", ")}`;
    if (mine.labels === 0) return `"${answer}" has no labels in this data, so no accuracy`;
    if (answer === worst[0] || mine.acc === worst[1].acc) return true;
    if (answer === best[0])
      return "that is the target the model gets right most often: look for the lowest accuracy";
    return `another target has a lower accuracy than "${answer}" (${pct(mine.acc)})`;
  };
}
