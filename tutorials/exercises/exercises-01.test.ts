/**
 * The judges of tutorial 1: right answers pass, typical wrong ones get the hint that names the
 * misconception, answers of the wrong shape get a message instead of a stack trace.
 * Run: npx tsx --test tutorials/exercises/*.test.ts (needs the pwmk build, npm run build -w pwmk)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as pwmk from "pwmk";
import { check, checkedExercises } from "./check";
import { FORMULA_13, judge11, judge12, judge13, judge14 } from "./exercises-01";

/** The hint, asserting that the judge refused the answer. */
function hint(verdict: true | string): string {
  assert.notEqual(verdict, true, "expected the answer to be refused");
  return verdict as string;
}

const sallyAnne = () =>
  new pwmk.RoomWorld({
    agents: ["sally", "anne"],
    rooms: { room: ["basket", "box"] },
    objects: { marble: "basket" },
    agentRooms: { sally: "room", anne: "room" }
  });
const iceCream = () =>
  new pwmk.RoomWorld({
    agents: ["john", "mary", "vendor"],
    rooms: { town: ["park", "church"] },
    objects: { van: "park" },
    agentRooms: { john: "town", mary: "town", vendor: "town" }
  });

test("1.1 Sally looks where she left the marble, not where it is", () => {
  const world = sallyAnne();
  world.exit("sally").move("anne", "marble", "box");
  const judge = judge11(world);
  assert.equal(judge("basket"), true);
  assert.equal(judge(" The basket"), true);
  assert.match(hint(judge("box")), /where the marble IS; Sally did not see it move/);
  assert.match(hint(judge("drawer")), /not a container.*basket or the box/);
  assert.match(hint(judge(2 as unknown as string)), /as a string/);
});

test("1.1 judges by the world: once Sally has seen the box, box is right", () => {
  const world = sallyAnne();
  world.exit("sally").move("anne", "marble", "box").enter("sally", "room");
  assert.equal(judge11(world)("box"), true);
});

test("1.2 accepts any way for Sally to find out after an unseen move", () => {
  const back = sallyAnne();
  back.exit("sally").move("anne", "marble", "box").enter("sally", "room");
  assert.equal(judge12(back), true);
  const told = sallyAnne();
  told.exit("sally").move("anne", "marble", "box").tellPrivately("anne", "sally", "marble", "box");
  assert.equal(judge12(told), true);
});

test("1.2 names what is missing from the scene", () => {
  const stale = sallyAnne();
  stale.exit("sally").move("anne", "marble", "box");
  assert.match(hint(judge12(stale)), /still believes the marble is in the basket: she was away/);
  const watched = sallyAnne();
  watched.move("anne", "marble", "box");
  assert.match(hint(judge12(watched)), /Sally saw every move/);
  assert.match(hint(judge12(sallyAnne())), /must end there/);
  assert.match(hint(judge12(iceCream())), /no agent sally or anne/);
  assert.match(hint(judge12("box" as unknown as pwmk.RoomWorld)), /the world you built/);
});

test("1.3 accepts the formula and an equivalent spelling, refuses the reversed nesting", () => {
  assert.equal(judge13(FORMULA_13), true);
  assert.equal(judge13("B(anne,B(sally,at(marble)=basket))"), true);
  assert.match(
    hint(judge13("B(sally, B(anne, at(marble) = basket))")),
    /what Sally thinks Anne thinks: the outer B/
  );
  assert.match(hint(judge13("B(sally, at(marble) = basket)")), /Sally's own belief/);
  assert.match(hint(judge13("B(anne, at(marble) = basket)")), /where Anne herself thinks/);
  assert.match(hint(judge13("at(marble) = basket")), /where the marble IS/);
  assert.match(
    hint(judge13("at(marble, basket)")),
    /pwmk cannot read that formula: .*expected "="/
  );
  assert.match(hint(judge13("B(bob, at(marble) = basket)")), /unknown agent "bob"/);
  assert.match(
    hint(judge13("B(anne, B(sally, at(marble) = box))")),
    /in the scene ".*" your formula is/
  );
});

test("1.4 wants John right about the van and wrong about Mary", () => {
  const told = iceCream();
  told
    .exit("mary")
    .move("vendor", "van", "church")
    .tellPrivately("vendor", "mary", "van", "church");
  assert.equal(judge14(told), true);
  const missed = iceCream();
  missed.exit("mary").move("vendor", "van", "church");
  assert.match(hint(judge14(missed)), /John is right about what Mary thinks/);
  const away = iceCream();
  away.exit("john").move("vendor", "van", "church");
  assert.match(hint(judge14(away)), /first-order false belief/);
  assert.match(hint(judge14(sallyAnne())), /no agent john or mary/);
});

test("a judge's verdict reaches the student through check", () => {
  const world = sallyAnne();
  world.exit("sally").move("anne", "marble", "box");
  check("t1.1 unanswered", undefined, judge11(world));
  assert.equal(checkedExercises().get("t1.1 unanswered"), "unanswered");
  check("t1.1 wrong", "box", judge11(world));
  assert.equal(checkedExercises().get("t1.1 wrong"), "wrong");
  check("t1.1 right", "basket", judge11(world));
  assert.equal(checkedExercises().get("t1.1 right"), "correct");
});
