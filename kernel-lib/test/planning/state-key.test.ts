import * as fs from "node:fs";
import * as path from "node:path";
import { KripkeModel } from "../../src/epistemic/kripke-model";
import { parseMAStar } from "../../src/planning/mastar/parser";
import { compileProblem } from "../../src/planning/problem";
import {
  decodeState,
  holdsAt,
  initialState,
  keyOfContracted,
  progress,
  type EpistemicState
} from "../../src/planning/state";

const problemText = (name: string) =>
  fs.readFileSync(path.join(__dirname, "problems", `${name}.mastar`), "utf8");

const plain = (m: KripkeModel) => ({
  actual: m.actual,
  worlds: m.worlds.map((v) => Array.from(v)),
  clusterOf: m.clusterOf.map((of) => Array.from(of)),
  clusters: m.clusters
});

describe("state keys are the states' compact form (the search keeps keys only)", () => {
  it.each(["coin-3-common", "grapevine-3-ring", "assembly-3", "cc-3-short"])(
    "every state reached in %s is rebuilt exactly from its key",
    (name) => {
      const problem = compileProblem(parseMAStar(problemText(name)));
      const queue: EpistemicState[] = [initialState(problem)];
      const seen = new Set([queue[0].key]);
      for (let i = 0; i < queue.length && queue.length < 150; i++) {
        for (const action of problem.actions) {
          const next = progress(problem, queue[i], action);
          if (!next || seen.has(next.key)) continue;
          seen.add(next.key);
          queue.push(next);
        }
      }
      expect(queue.length).toBeGreaterThan(10);
      for (const s of queue) {
        const back = decodeState(s.key);
        expect(plain(back.model)).toEqual(plain(s.model));
        expect(keyOfContracted(back.model)).toBe(s.key);
        for (const g of problem.goalParts) expect(holdsAt(back.model, g)).toBe(holdsAt(s.model, g));
      }
    }
  );

  it("models with many-valued fluents and belief sets of worlds pointing elsewhere round-trip", () => {
    // Values 0..2, a world (2) in agent 0's set 0 though it points to set 1, and 70,000 as a
    // value (escaped in the key).
    const m = new KripkeModel(
      [Int32Array.from([0, 2]), Int32Array.from([1, 70_000]), Int32Array.from([2, 0])],
      [Int32Array.from([0, 0, 1]), Int32Array.from([0, 0, 0])],
      [[[0, 2], [2]], [[0, 1, 2]]],
      1
    );
    const key = keyOfContracted(m);
    expect(plain(decodeState(key).model)).toEqual(plain(m));
    const other = new KripkeModel(m.worlds, m.clusterOf, [[[0], [2]], [[0, 1, 2]]], 1);
    expect(keyOfContracted(other)).not.toBe(key);
  });
});
