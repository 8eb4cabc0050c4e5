import * as fs from "fs";
import * as path from "path";
import { EpistemicPlanner, compileProblem, parseMAStar, validatePlan } from "../../src/planning";

const DIR = path.join(__dirname, "problems");
const read = (name: string) => fs.readFileSync(path.join(DIR, `${name}.mastar`), "utf8");
const planner = new EpistemicPlanner();

function solved(r: ReturnType<EpistemicPlanner["plan"]>) {
  if (r.status !== "solved") throw new Error(`expected a plan, got ${r.status}: ${r.message}`);
  return r;
}

describe("EpistemicPlanner, breadth-first", () => {
  it.each([
    ["B(a, tail)", 2],
    ["B(b, tail)", 3],
    ["B(b, tail), (-B(c, tail))", 3],
    ["C([a, b, c], tail)", 5],
    ["B(b, B(a, tail) | B(a, -tail)), (-B(c, B(a, tail) | B(a, -tail)))", 3]
  ])("finds an optimal plan for %s in Coin in the Box (length %d)", (goal, length) => {
    const r = solved(planner.plan({ problem: read("coin-3-peek"), goal, timeout: 20_000 }));
    expect(r.length).toBe(length);
    expect(r.stats.optimal).toBe(true);
    const problem = compileProblem(parseMAStar(read("coin-3-peek")));
    expect(validatePlan(r.plan, { ...problem, ...withGoalOf(problem, goal) }).valid).toBe(true);
  });

  it("returns the belief trajectory: who believes what after each step", () => {
    const r = solved(planner.plan({ problem: read("coin-3-peek"), timeout: 20_000 }));
    expect(r.plan).toEqual(["open(a)", "peek(a)"]);
    expect(r.beliefTrajectory.map((s) => s.action)).toEqual([null, "open(a)", "peek(a)"]);
    expect(r.beliefTrajectory[0].beliefs.a.tail).toBe("unknown");
    expect(r.beliefTrajectory[1].beliefs.a.opened).toBe(true);
    expect(r.beliefTrajectory[1].beliefs.b.opened).toBe(false); // b was not looking
    expect(r.beliefTrajectory[2].beliefs.a.tail).toBe(true);
    expect(r.beliefTrajectory[2].goals).toEqual([{ formula: "B(a, tail)", holds: true }]);
  });

  it("reports a goal no plan reaches as unsolvable, after expanding every reachable state", () => {
    // c never observes anything, so it can never come to believe the coin's face.
    const text = `fluent tail; action peek, tell; agent a, b, c;
      peek determines tail; a observes peek; b aware_of peek;
      executable tell if B(a, tail); tell announces tail; a observes tell; b observes tell;
      initially tail; goal B(c, tail);`;
    const r = planner.plan({ problem: text, timeout: 20_000 });
    expect(r.status).toBe("unsolvable");
    if (r.status === "solved") return;
    expect(r.message).toMatch(/no plan exists/);
    expect(r.stats.expanded).toBe(r.stats.distinct);
  });

  it("gives up promptly at the timeout instead of hanging", () => {
    const r = planner.plan({ problem: read("grapevine-5-ring"), timeout: 300 });
    expect(r.status).toBe("timeout");
    expect(r.stats.timeMs).toBeLessThan(5_000); // the deadline is checked between progressions
  });

  it("expands each state once up to bisimulation: fewer expansions than without deduplication", () => {
    const problem = read("coin-3-other");
    const withDedup = solved(planner.plan({ problem, timeout: 20_000 }));
    const without = solved(planner.plan({ problem, timeout: 20_000, dedup: false }));
    expect(without.length).toBe(withDedup.length);
    expect(withDedup.stats.duplicates).toBeGreaterThan(0);
    expect(withDedup.stats.expanded).toBeLessThan(without.stats.expanded);
  });

  it("records the search tree as plain data for the visualizer", () => {
    const r = solved(
      planner.plan({ problem: read("coin-3-other"), timeout: 20_000, recordTree: true })
    );
    const tree = r.tree!;
    expect(tree[0]).toMatchObject({ id: 0, parent: null, action: null, depth: 0 });
    const ids = new Set(tree.map((n) => n.id));
    expect(tree.slice(1).every((n) => n.parent !== null && ids.has(n.parent))).toBe(true);
    expect(tree.some((n) => n.goal)).toBe(true);
    expect(JSON.parse(JSON.stringify(tree))).toEqual(tree);
  });

  it("refuses bad options by name", () => {
    expect(() => planner.plan({ problem: read("coin-3-peek"), strategy: "dfs" as never })).toThrow(
      /unknown strategy "dfs"/
    );
    expect(() => planner.plan({ problem: read("coin-3-peek"), timeout: 0 })).toThrow(
      /timeout must be a positive/
    );
    expect(() => planner.plan({ problem: 42 as never })).toThrow(/problem must be mA\* text/);
  });
});

describe("EpistemicPlanner, greedy best-first (goal-count heuristic)", () => {
  it("finds valid plans, saying they are not promised to be optimal", () => {
    for (const name of ["coin-3-common", "grapevine-3-ring", "sc-4", "cc-2-corridor-8"]) {
      const r = solved(
        planner.plan({ problem: read(name), strategy: "best-first", timeout: 20_000 })
      );
      expect(r.stats).toMatchObject({
        strategy: "best-first",
        heuristic: "goal-count",
        optimal: false
      });
      expect(validatePlan(r.plan, compileProblem(parseMAStar(read(name)))).valid).toBe(true);
    }
  });
});

describe("validatePlan", () => {
  const problem = compileProblem(parseMAStar(read("coin-3-peek")));
  it("accepts a plan that reaches the goal", () => {
    expect(validatePlan(["open(a)", "peek(a)"], problem)).toMatchObject({ valid: true });
  });
  it("rejects a plan with a step that is not executable, naming it", () => {
    expect(validatePlan(["peek(a)"], problem)).toMatchObject({
      valid: false,
      failedStep: 1,
      reason: 'step 1: "peek(a)" is not executable here'
    });
  });
  it("rejects a plan that ends short of the goal, naming the goal part that fails", () => {
    expect(validatePlan(["open(a)"], problem)).toMatchObject({
      valid: false,
      failedStep: 0,
      reason: "the goal does not hold after the plan: B(a, tail)"
    });
  });
  it("rejects an unknown action", () => {
    expect(validatePlan(["fly"], problem).reason).toBe('step 1: unknown action "fly"');
  });
});

describe("the problem set", () => {
  const known = [
    "coin-3-peek",
    "coin-3-other",
    "coin-3-common",
    "grapevine-3-pair",
    "assembly-3",
    "cc-2-corridor-8",
    "cc-3-corridor-12"
  ];
  const optimal: Record<string, number> = {
    "coin-3-peek": 2,
    "coin-3-other": 3,
    "coin-3-common": 5,
    "grapevine-3-pair": 2,
    "assembly-3": 6,
    "cc-2-corridor-8": 8,
    "cc-3-corridor-12": 12
  };
  it.each(known)("%s solves at the length worked out by hand", (name) => {
    const r = solved(planner.plan({ problem: read(name), timeout: 30_000 }));
    expect(r.length).toBe(optimal[name]);
  });
});

function withGoalOf(problem: ReturnType<typeof compileProblem>, goal: string) {
  const p = compileProblem(parseMAStar(read("coin-3-peek").replace(/goal .*;/, `goal ${goal};`)));
  return {
    goal: p.goal,
    goalParts: p.goalParts,
    goalFormulas: p.goalFormulas,
    vocabulary: problem.vocabulary
  };
}
