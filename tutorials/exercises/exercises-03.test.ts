/**
 * The judges of tutorial 3 on the tutorial's own mA* problem (read from the notebook, so the
 * judges are tested on what students run): right answers pass, typical wrong ones get the hint
 * that names the misconception, answers of the wrong shape get a message.
 * Run: npx tsx --test tutorials/exercises/exercises-03.test.ts
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  judge31,
  judge32,
  judge33,
  judge34,
  judge35,
  withCObservingPeek,
  GOAL_31
} from "./exercises-03";

function coinFromNotebook(): string {
  const file = path.join(__dirname, "..", "03-beliefs-to-plans.ipynb");
  const cells: Array<{ source: string[] }> = JSON.parse(fs.readFileSync(file, "utf8")).cells;
  const cell = cells.map((c) => c.source.join("")).find((s) => s.includes("const coin = `"));
  assert.ok(cell, "the notebook defines const coin = `...`");
  return cell.split("`")[1];
}
const coin = coinFromNotebook();

/** The hint, asserting that the judge did not accept the answer. */
function hint(verdict: true | string): string {
  assert.notEqual(verdict, true, "expected the answer to be refused");
  return verdict as string;
}

test("3.1 accepts the intended goal and an equivalent rewriting", () => {
  const judge = judge31(coin);
  assert.equal(judge(GOAL_31), true);
  assert.equal(judge("-B(b, -tail), B(b, B(a, -tail) | B(a, tail)), -B(b, tail)"), true);
});

test("3.1 names the misconception of a wrong goal", () => {
  const judge = judge31(coin);
  // b cannot know WHICH face a saw without knowing it itself: no disjunction at all
  assert.match(hint(judge("B(b, B(a, tail)), -B(b, tail), -B(b, -tail)")), /disjunction/);
  // a's knowledge stated, but not as b's belief
  assert.match(hint(judge("B(a, tail) | B(a, -tail)")), /about what b believes/);
  // knowing whether, but b's own ignorance forgotten: holds after the shout too
  assert.match(
    hint(judge("B(b, B(a, tail) | B(a, -tail))")),
    /b itself knows the face.*shout|shout.*b itself knows the face/
  );
  // a disjunction of nested beliefs: b would have to know which one
  assert.match(
    hint(judge("B(b, B(a, tail)) | B(b, B(a, -tail)), -B(b, tail), -B(b, -tail)")),
    /after open\(a\), peek\(a\).*your formula is false/
  );
});

test("3.1 copes with answers of the wrong shape", () => {
  const judge = judge31(coin);
  assert.match(hint(judge(42)), /mA\* text in a string/);
  assert.match(hint(judge("B(b, tial)")), /cannot read your formula.*unknown fluent "tial"/);
  assert.match(hint(judge("B(d, tail)")), /unknown agent "d"/);
});

test("3.2 only an oblivious c stays unsuspecting, and the hints say why", () => {
  const judge = judge32(coin);
  assert.equal(judge("oblivious"), true);
  assert.match(hint(judge("partial")), /knows that a looked/);
  assert.match(hint(judge("full")), /learn the face itself/);
  assert.match(hint(judge("hidden")), /one of "full", "partial", "oblivious"/);
  assert.throws(
    () => withCObservingPeek("fluent x;", "full"),
    /no line saying how c observes peek\(a\)/
  );
});

test("3.3 checks a predicted length against breadth-first search", () => {
  const judge = judge33(coin);
  assert.equal(judge(4), true);
  // the obvious three-step plan forgets that c is aware of the peek
  assert.match(hint(judge(3)), /aware_of peek\(a\)/);
  assert.match(hint(judge(2)), /no plan of 2 steps/);
  assert.match(hint(judge(6)), /shorter than 6/);
  assert.match(hint(judge("4")), /whole number/);
});

test("3.4 reads the trajectory: c learns that a knows at the peek", () => {
  const judge = judge34(coin);
  assert.equal(judge(2), true);
  assert.match(hint(judge(3)), /already after step 2.*aware_of/);
  assert.match(hint(judge("never")), /earlier in the plan/);
  assert.match(hint(judge(1)), /after step 1 \(open\(a\)\)/);
  assert.match(hint(judge(0)), /at the start/);
  assert.match(hint(judge("two")), /step number/);
});

test("3.5 accepts private plans and explains why a public one fails", () => {
  const judge = judge35(coin);
  assert.equal(judge(["open(a)", "peek(a)", "whisper(a,b)"]), true);
  assert.equal(judge(["distract(a,c)", "open(a)", "peek(a)", "shout(a)"]), true);
  assert.match(hint(judge(["open(a)", "peek(a)", "shout(a)"])), /shout\(a\) is public/);
  assert.match(hint(judge(["peek(a)", "whisper(a,b)"])), /step 1: "peek\(a\)" is not executable/);
  assert.match(hint(judge(["open(a)", "peek(a)"])), /goal does not hold.*B\(b, tail\)/);
  assert.match(hint(judge("open(a), peek(a)")), /list of action names/);
});
