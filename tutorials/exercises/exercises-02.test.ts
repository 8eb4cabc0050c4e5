/**
 * The judges of tutorial 2: right answers pass, typical wrong ones get the hint that names the
 * misconception, answers of the wrong shape get a message instead of a stack trace.
 * Run: npx tsx --test tutorials/exercises/*.test.ts (needs the pwmk build, npm run build -w pwmk)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as pwmk from "pwmk";
import {
  judge21,
  judge22,
  judge23,
  judge24,
  orderOf,
  smallestDepth,
  type DepthRow
} from "./exercises-02";

function hint(verdict: true | string): string {
  assert.notEqual(verdict, true, "expected the answer to be refused");
  return verdict as string;
}

const sallyAnne = (maxDepth?: number) => {
  const world = new pwmk.RoomWorld({
    agents: ["sally", "anne"],
    rooms: { room: ["basket", "box"] },
    objects: { marble: "basket" },
    agentRooms: { sally: "room", anne: "room" },
    maxDepth
  });
  return world.exit("sally").move("anne", "marble", "box");
};

test("orderOf counts nesting, not beliefs side by side; common belief has no finite order", () => {
  const order = (f: string) => orderOf(pwmk.parseFormula(f));
  assert.equal(order("at(marble) = box"), 0);
  assert.equal(order("B(sally, at(marble) = basket) & B(anne, at(marble) = box)"), 1);
  assert.equal(order("!B(anne, B(sally, at(marble) = basket) | at(marble) = box)"), 2);
  assert.equal(order("C([sally, anne], at(marble) = basket)"), Infinity);
});

test("2.1 names the misconception behind a wrong order", () => {
  const judge = judge21([
    "at(marble) = box",
    "B(sally, at(marble) = box) & B(anne, at(marble) = box)",
    "B(anne, B(sally, at(marble) = basket))"
  ]);
  assert.equal(judge([0, 1, 2]), true);
  assert.match(hint(judge([1, 1, 2])), /plain fact .* order 0/);
  assert.match(hint(judge([0, 2, 2])), /side by side do not add up/);
  assert.match(hint(judge([0, 1, 1])), /count every B\(, the outermost one too/);
  assert.match(hint(judge([0, 1])), /one order for each/);
  assert.match(hint(judge("0, 1, 2" as unknown as number[])), /list of whole numbers/);
});

test("2.2 the smallest maxDepth is the chain's length, and the judge finds it by asking the world", () => {
  assert.equal(smallestDepth(sallyAnne, ["sally", "anne", "sally"], "marble"), 3);
  const judge = judge22(sallyAnne, ["sally", "anne", "sally"], "marble");
  assert.equal(judge(3), true);
  assert.match(hint(judge(2)), /refuses the question: every agent of the chain .* is a level/);
  assert.match(hint(judge(5)), /a smaller one does too/);
  assert.match(hint(judge(1.5)), /whole number/);
});

test("2.3 wants a third-order belief that is wrong about a belief, not about the marble", () => {
  const world = new pwmk.RoomWorld({
    agents: ["sally", "anne", "ben"],
    rooms: { room: ["basket", "box"] },
    objects: { marble: "basket" },
    agentRooms: { sally: "room", anne: "room", ben: "room" },
    maxDepth: 3
  });
  world.exit("sally").move("anne", "marble", "box").exit("anne").enter("sally", "room");
  const judge = judge23(world, "marble");
  // sally thinks anne thinks ben thinks basket; anne knows ben saw the box
  assert.equal(judge(["sally", "anne", "ben"]), true);
  // ben is right: sally does think anne thinks basket
  assert.match(
    hint(judge(["ben", "sally", "anne"])),
    /ben is right about sally's belief, even though the marble is elsewhere/
  );
  assert.match(
    hint(judge(["ben", "anne", "ben"])),
    /ben is right about what anne thinks ben thinks/
  );
  assert.match(hint(judge(["sally", "anne"])), /chain of three agents/);
  assert.match(hint(judge(["sally", "sally", "anne"])), /know their own minds/);
  assert.match(hint(judge(["sally", "anne", "carl"])), /carl is not an agent/);
  assert.match(hint(judge("sally" as unknown as string[])), /list of agent names/);
});

test("2.4 reads the decision table: depths that tell the situations apart", () => {
  const rows: DepthRow[] = [
    { depth: 0, stayUnseen: -5.6, staySeen: -5.6 },
    { depth: 1, stayUnseen: 3.6, staySeen: -5.6 },
    { depth: 2, stayUnseen: 3.8, staySeen: -3.7 }
  ];
  const judge = judge24(rows);
  assert.equal(judge([1, 2]), true);
  assert.equal(judge([2, 1]), true);
  assert.match(
    hint(judge([0, 1, 2])),
    /depth-0 agent treats the seeker as part of the environment/
  );
  assert.match(hint(judge([1])), /look again at depth 2/);
  assert.match(hint(judge([3])), /not 3/);
  // the judge follows the table, so it stays right if the agents change
  assert.equal(judge24([{ depth: 1, stayUnseen: 0, staySeen: 0.5 }])([]), true);
});
