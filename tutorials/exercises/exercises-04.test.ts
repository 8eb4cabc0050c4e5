/**
 * The judges of tutorial 4 on real data: SallyAnneWorld stories with the tracker's labels, and an
 * (untrained, tiny) world model evaluated on them. Right answers computed the way the tutorial asks
 * pass; typical wrong ones get the hint that names the misconception.
 * Run: npx tsx --test tutorials/exercises/exercises-04.test.ts
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as pwmk from "pwmk";
import { evaluateWorldModel, type EvaluationReport } from "pwmk/training";
import { countLabels, judge41, judge42, judge43, judge44 } from "./exercises-04";

let data: pwmk.WorldModelData;
let report: EvaluationReport;
let model: pwmk.PerspectiveWorldModel;

before(async () => {
  const env = new pwmk.SallyAnneWorld({ randomStart: true, seekers: {}, maxSteps: 12 });
  const dataset = new pwmk.DataCollector(env).collect({
    numEpisodes: 24,
    policy: "random",
    saveBeliefs: true,
    progress: false,
    seed: 3
  }).dataset!;
  data = pwmk.WorldModelData.fromDataset(dataset);
  model = await pwmk.PerspectiveWorldModel.create({
    ...data.modelConfig(),
    hiddenDim: 8,
    numLayers: 1,
    numHeads: 1,
    seed: 0
  });
  report = evaluateWorldModel(model, data, { horizon: 12, rolloutSteps: 0 });
});

/** The hint, asserting that the judge did not accept the answer. */
function hint(verdict: true | string): string {
  assert.notEqual(verdict, true, "expected the answer to be refused");
  return verdict as string;
}

test("4.1 counts agree with the evaluation, and the usual slips get named", () => {
  const { labels, falseBeliefs, entries } = countLabels(data);
  assert.equal(labels, report.counts.beliefLabels);
  assert.equal(falseBeliefs, report.counts.falseBeliefLabels);
  assert.ok(
    falseBeliefs > 0 && entries > labels,
    "the stories hold false beliefs and unknown entries"
  );
  const judge = judge41(data);
  assert.equal(judge(falseBeliefs / labels), true);
  assert.match(hint(judge(falseBeliefs)), /count/);
  assert.match(hint(judge(falseBeliefs / entries)), /-1/);
  assert.match(hint(judge(1 - falseBeliefs / labels)), /TRUE beliefs/);
  assert.match(hint(judge((100 * falseBeliefs) / labels)), /fraction between 0 and 1/);
  assert.match(hint(judge("0.1")), /a number/);
});

test("4.2 only the true state is never right on a false belief", () => {
  const judge = judge42(data, data);
  assert.equal(judge("true-state"), true);
  assert.match(hint(judge("copy-last")), /no belief predictions/);
  assert.match(
    hint(judge("majority")),
    /majority class is right on \d+(\.\d)?% of the false beliefs/
  );
  assert.match(hint(judge("truth")), /one of "copy-last", "majority", "true-state"/);
});

test("4.3 accepts the accuracy computed from model.predict, and names the usual slips", () => {
  const N = data.numAgents;
  const F = data.beliefSpec!.targets.length;
  let seen = 0;
  let right = 0;
  for (const batch of data.batches({ batchSize: 16, horizon: 12 })) {
    const pred = model.predict(batch);
    batch.falseBelief!.forEach((isFalse, i) => {
      if (isFalse !== 1 || batch.mask[Math.floor(i / (N * F))] === 0) return;
      seen++;
      if (pred.beliefs[i] === batch.beliefTargets![i]) right++;
    });
  }
  const judge = judge43(report);
  assert.equal(judge(right / seen), true);
  if (Math.abs(report.beliefAcc - report.beliefAccOnFalseBelief) > 1e-6)
    assert.match(hint(judge(report.beliefAcc)), /every label/);
  assert.match(hint(judge(report.baselines.trueStateBeliefAccOnFalseBelief)), /baseline/);
  assert.match(hint(judge(2)), /between 0 and 1/);
  assert.match(hint(judge(undefined as unknown as number)), /a number/);
});

test("4.4 the hardest target is the one with the lowest accuracy", () => {
  const measured = Object.entries(report.beliefAccByTarget).filter(([, r]) => r.labels > 0);
  const sorted = [...measured].sort((a, b) => a[1].acc - b[1].acc);
  const judge = judge44(report);
  assert.equal(judge(sorted[0][0]), true);
  const easiest = sorted[sorted.length - 1];
  if (easiest[1].acc > sorted[0][1].acc) assert.match(hint(judge(easiest[0])), /right most often/);
  assert.match(hint(judge("at(marble) | bob")), /no target "at\(marble\) \| bob".*"at\(marble\)"/);
  assert.match(hint(judge(3)), /target name/);
});

test("4.4 the hint for a middling target names its accuracy without giving the answer", () => {
  const fake: EvaluationReport = {
    ...report,
    beliefAccByTarget: {
      "at(marble)": { acc: 0.98, labels: 10 },
      "at(marble) | sally": { acc: 0.8, labels: 10 },
      "in(sally, room)": { acc: 0.9, labels: 10 },
      "in(anne, room) | sally": { acc: 0, labels: 0 }
    }
  };
  const judge = judge44(fake);
  assert.equal(judge("at(marble) | sally"), true);
  assert.equal(
    hint(judge("in(sally, room)")),
    'another target has a lower accuracy than "in(sally, room)" (90.0%)'
  );
  assert.match(hint(judge("in(anne, room) | sally")), /no labels/);
});
