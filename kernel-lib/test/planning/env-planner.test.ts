/**
 * Planning in an environment: the planner searches one agent's actions in a real env (the others
 * on a policy) and checks belief goals on the env's own tracker.
 */
import { MultiAgentBoxWorld, SallyAnneWorld } from "../../src/envs";
import {
  EpistemicPlanner,
  validatePlan,
  type EnvOtherPolicy,
  type EnvPlanResult
} from "../../src/planning";

const planner = new EpistemicPlanner();
/** Sally leaves the room at the first step, then waits (2 = "exit", 0 = "wait"). */
const sallyLeaves: EnvOtherPolicy = (_env, _agent, _rng, t) => (t === 0 ? 2 : 0);
const FALSE_BELIEF = "at(marble) = box & B(sally, at(marble) = basket)";

function solved(r: EnvPlanResult) {
  if (r.status !== "solved") throw new Error(`expected a plan, got ${r.status}: ${r.message}`);
  return r;
}

/** Every sequence of `length` actions out of `n`. */
function* sequences(n: number, length: number): Generator<number[]> {
  if (length === 0) {
    yield [];
    return;
  }
  for (const rest of sequences(n, length - 1)) for (let a = 0; a < n; a++) yield [...rest, a];
}

describe("EpistemicPlanner in an environment", () => {
  it("makes sally hold a false belief when she is out of the room, and says who believes what", () => {
    const r = solved(
      planner.plan({
        env: new SallyAnneWorld(),
        agent: "anne",
        goal: FALSE_BELIEF,
        others: { sally: sallyLeaves }
      })
    );
    expect(r.source).toBe("env");
    expect(r.plan).toEqual(["move marble box"]);
    expect(r.stats.optimal).toBe(true);
    const last = r.beliefTrajectory[1];
    expect(last.joint).toEqual({ sally: 2, anne: 4 });
    expect(last.world["at(marble)"]).toBe("box");
    expect(last.beliefs.sally["at(marble)"]).toBe("basket");
    expect(last.beliefs.anne["at(marble)"]).toBe("box");
    expect(last.goals.every((g) => g.holds)).toBe(true);
    // Re-executed on a fresh env with the same policies, the plan reaches the goal.
    expect(
      validatePlan(r, { env: new SallyAnneWorld(), others: { sally: sallyLeaves } }).valid
    ).toBe(true);
  });

  it("validatePlan names the goal conjunct an env plan misses", () => {
    const check = validatePlan(["move marble box"], {
      env: new SallyAnneWorld(),
      agent: "anne",
      goal: FALSE_BELIEF
    });
    expect(check.valid).toBe(false);
    expect(check.failedStep).toBe(0);
    expect(check.reason).toContain("B(sally, at(marble) = basket)");
    expect(check.trajectory[1].beliefs.sally["at(marble)"]).toBe("box"); // she saw the move
    expect(
      validatePlan(["fly away"], { env: new SallyAnneWorld(), agent: "anne", goal: FALSE_BELIEF })
        .reason
    ).toBe('step 1: unknown action "fly away"');
  });

  it('says "unsolvable" when every reachable state was expanded: sally never leaves', () => {
    const r = planner.plan({ env: new SallyAnneWorld(), agent: "anne", goal: FALSE_BELIEF });
    expect(r.status).toBe("unsolvable");
    expect(r.stats.expanded).toBe(r.stats.distinct);
  });

  it("finds a shortest plan in a grid world: no shorter action sequence reaches the belief goal", () => {
    const env = new MultiAgentBoxWorld({ gridSize: 7, numAgents: 2, numBoxes: 1 });
    const goal = "B(agent_1, at(agent_0) = c3_3)";
    const r = solved(planner.plan({ env, agent: "agent_0", goal, seed: 2, maxDepth: 10 }));
    expect(r.length).toBeGreaterThan(1);
    const fresh = new MultiAgentBoxWorld({ gridSize: 7, numAgents: 2, numBoxes: 1 });
    expect(validatePlan(r, { env: fresh }).valid).toBe(true);
    for (let len = 0; len < r.length; len++) {
      for (const seq of sequences(5, len)) {
        expect(validatePlan(seq, { env: fresh, agent: "agent_0", goal, seed: 2 }).valid).toBe(
          false
        );
      }
    }
    const best = solved(
      planner.plan({ env, agent: "agent_0", goal, seed: 2, strategy: "best-first" })
    );
    expect(best.length).toBeGreaterThanOrEqual(r.length);
    expect(validatePlan(best, { env: fresh }).valid).toBe(true);
  });

  it("plans for a negated belief: reach a cell without agent_1 believing it", () => {
    const env = new MultiAgentBoxWorld({ gridSize: 7, numAgents: 2, numBoxes: 1 });
    const goal = "at(agent_0) = c1_5 & !B(agent_1, at(agent_0) = c1_5)";
    const r = solved(planner.plan({ env, agent: "agent_0", goal, seed: 2 }));
    const end = r.beliefTrajectory[r.length];
    expect(end.world["at(agent_0)"]).toBe("c1_5");
    expect(end.beliefs.agent_1["at(agent_0)"]).not.toBe("c1_5");
  });

  it("is deterministic by seed, with random others too", () => {
    const run = () =>
      planner.plan({
        env: new MultiAgentBoxWorld({ gridSize: 7, numAgents: 2, numBoxes: 1 }),
        agent: "agent_0",
        goal: "B(agent_1, at(agent_0) = c3_3)",
        others: "random",
        seed: 5,
        maxDepth: 8
      });
    const [a, b] = [run(), run()];
    expect(a.status).toBe(b.status);
    expect(a.stats.expanded).toBe(b.stats.expanded);
    if (a.status === "solved" && b.status === "solved") expect(a.plan).toEqual(b.plan);
  });

  it("ends with timeout, or with limit at maxDepth, instead of hanging", () => {
    const env = new MultiAgentBoxWorld({ gridSize: 12, numAgents: 2, numBoxes: 2 });
    // Two agents cannot share a cell, so this goal is never met.
    const goal = "at(agent_0) = c1_1 & at(agent_1) = c1_1";
    expect(planner.plan({ env, goal, timeout: 50, maxDepth: 60 }).status).toBe("timeout");
    const shallow = planner.plan({ env, goal, maxDepth: 1 });
    expect(shallow.status).toBe("limit");
    expect(shallow.status !== "solved" && shallow.message).toContain("maxDepth");
  });

  it("names the problem in bad input", () => {
    const env = new SallyAnneWorld();
    expect(() => planner.plan({} as never)).toThrow(/needs a problem .*, an env or a worldModel/);
    expect(() => planner.plan({ env, agent: "bob", goal: FALSE_BELIEF })).toThrow(
      'unknown agent "bob"; agents: sally, anne'
    );
    expect(() => planner.plan({ env, agent: "anne", goal: "B(sally, at(ball) = box)" })).toThrow(
      /unknown fluent "at\(ball\)"; fluents: at\(marble\)/
    );
    expect(() => planner.plan({ env, agent: "anne", goal: "at(marble) = shelf" })).toThrow(
      /"shelf" is not a possible value of at\(marble\) \(basket, box\)/
    );
    expect(() => planner.plan({ env, agent: "anne", goal: "B(bob, at(marble) = box)" })).toThrow(
      'the goal names unknown agent "bob"'
    );
    expect(() => planner.plan({ env, agent: "anne", goal: "B(sally, at(marble) = " })).toThrow(
      /malformed formula/
    );
    expect(() =>
      planner.plan({ env, agent: "anne", goal: FALSE_BELIEF, others: { bob: "noop" } })
    ).toThrow('others: unknown agent "bob"');
    const blind = new MultiAgentBoxWorld({ beliefs: "off" });
    expect(() => planner.plan({ env: blind, goal: "at(agent_0) = c1_1" })).toThrow(
      /belief tracker.*beliefs: "track"/
    );
  });
});
