import * as fs from "node:fs";
import * as path from "node:path";
import { parseMAStar } from "../../src/planning/mastar/parser";
import { compileProblem, type PlanningProblem } from "../../src/planning/problem";
import {
  holdsAt,
  initialState,
  keyOfContracted,
  progress,
  type EpistemicState
} from "../../src/planning/state";
import { leavesUnchanged } from "../../src/planning/unchanged";
import { updateModelOf } from "../../src/planning/update-models";

const problemText = (name: string) =>
  fs.readFileSync(path.join(__dirname, "problems", `${name}.mastar`), "utf8");

/** The successor by the product update alone (no shortcut). */
function byProduct(problem: PlanningProblem, s: EpistemicState, i: number) {
  const m = s.model;
  const action = problem.actions[i];
  const perceive = new Uint8Array(problem.agents.length);
  for (const o of action.observers) {
    if (perceive[o.agent] === 2 || !holdsAt(m, o.condition)) continue;
    perceive[o.agent] = o.partial ? 1 : 2;
  }
  return {
    key: keyOfContracted(m.update(updateModelOf(action, m, perceive), perceive.length, 1e6)),
    skipped: leavesUnchanged(action, m, perceive, 1e6)
  };
}

describe("actions that change nothing are recognised without the product update", () => {
  it.each(["grapevine-4-ring", "coin-4-common", "assembly-4", "cc-3-short"])(
    "in %s, every progression gives the state the product update gives",
    (name) => {
      const problem = compileProblem(parseMAStar(problemText(name)));
      const queue: EpistemicState[] = [initialState(problem)];
      const seen = new Set([queue[0].key]);
      let skipped = 0;
      for (let i = 0; i < queue.length && i < 60; i++) {
        problem.actions.forEach((action, k) => {
          const next = progress(problem, queue[i], action);
          if (!next) return;
          const full = byProduct(problem, queue[i], k);
          expect(next.key).toBe(full.key);
          if (full.skipped) {
            skipped++;
            expect(full.key).toBe(queue[i].key);
          }
          if (!seen.has(next.key)) {
            seen.add(next.key);
            queue.push(next);
          }
        });
      }
      if (name === "grapevine-4-ring") expect(skipped).toBeGreaterThan(50);
    }
  );

  it("a secret told to a room that knows it leaves the state as it was", () => {
    const problem = compileProblem(parseMAStar(problemText("grapevine-3-ring")));
    const act = (name: string) => problem.actions.find((a) => a.name === name)!;
    const told = progress(problem, initialState(problem), act("share(a,a)"))!;
    const again = progress(problem, told, act("share(a,a)"))!;
    expect(again.key).toBe(told.key);
    // moving to the other room does change the state
    const moved = progress(problem, told, act("move(a)"))!;
    expect(moved.key).not.toBe(told.key);
  });
});
