/**
 * Planning in a learned world model, and searching in one with BeliefMCTS. The model is the toy
 * of toy-world-model.ts, whose weights are set by hand so that its predictions are known (a
 * model trained inside a unit test would not be reliable enough to state exact plans): the mover
 * steps along a line, and each agent's belief about the mover's cell is a softmax around the
 * position it sees, as sure as the sharpness k makes it.
 */
import { PerspectiveWorldModel } from "../../src/models/world-model";
import {
  BeliefMCTS,
  EpistemicPlanner,
  worldModelSimulator,
  type ModelPlanResult
} from "../../src/planning";
import { toyLineModel } from "./toy-world-model";

jest.setTimeout(60_000);

const planner = new EpistemicPlanner();
const START = [
  [0, 0],
  [0, 0]
];
const NAMES = ["stay", "right", "left"];
let toy: PerspectiveWorldModel;

beforeAll(async () => {
  toy = await toyLineModel(0.5);
});
afterAll(() => toy.dispose());

function solved(r: ModelPlanResult) {
  if (r.status !== "solved") throw new Error(`expected a plan, got ${r.status}: ${r.message}`);
  return r;
}

describe("EpistemicPlanner in a learned world model", () => {
  it("finds the shortest plan to a predicted belief and returns the predicted probabilities", () => {
    const r = solved(
      planner.plan({
        worldModel: toy,
        start: START,
        goal: "B(watcher, at(mover) = c3)",
        actionNames: NAMES
      })
    );
    expect(r.source).toBe("model");
    expect(r.threshold).toBe(0.5);
    expect(r.plan).toEqual(["right", "right", "right"]);
    expect(r.stats.optimal).toBe(true);
    const end = r.beliefTrajectory[3];
    expect(end.joint).toEqual([1, 0]);
    expect(end.observations).toEqual([
      [3, 0],
      [0, 3]
    ]);
    // softmax of 0.5 (2v*3 - v^2) over v = 0..3: c3 gets e^4.5 / (1 + e^2.5 + e^4 + e^4.5).
    const p3 = Math.exp(4.5) / (1 + Math.exp(2.5) + Math.exp(4) + Math.exp(4.5));
    expect(end.beliefs.watcher["at(mover)"].c3).toBeCloseTo(p3, 5);
    expect(end.goals).toEqual([
      { formula: "B(watcher, at(mover) = c3)", degree: expect.closeTo(p3, 5), holds: true }
    ]);
    expect(r.beliefTrajectory[2].goals[0].holds).toBe(false);
  });

  it("holds goals at the threshold: a surer belief takes a step further", () => {
    const r = solved(
      planner.plan({
        worldModel: toy,
        start: START,
        goal: "B(watcher, at(mover) = c3)",
        threshold: 0.6
      })
    );
    expect(r.actions).toEqual([1, 1, 1, 1]);
    expect(r.beliefTrajectory[3].goals[0].degree).toBeLessThan(0.6);
    expect(r.beliefTrajectory[4].goals[0].degree).toBeGreaterThanOrEqual(0.6);
  });

  it("reads negation as 1 - degree, and world fluents through readWorld", () => {
    // At 0 the watcher is 57% sure the mover is at c0, so !B fails; one step right makes it hold.
    const r = solved(
      planner.plan({ worldModel: toy, start: START, goal: "!B(watcher, at(mover) = c0)" })
    );
    expect(r.actions).toEqual([1]);
    const readWorld = (obs: Float32Array[]) => ({ "at(mover)": `c${Math.round(obs[0][0])}` });
    const both = solved(
      // Between two neighbours the watcher is at most 43% sure of c2: held at 0.4.
      planner.plan({
        worldModel: toy,
        start: START,
        goal: "at(mover) = c2 & B(watcher, at(mover) = c2)",
        readWorld,
        threshold: 0.4
      })
    );
    expect(both.actions).toEqual([1, 1]);
    expect(both.beliefTrajectory[2].world).toEqual({ "at(mover)": "c2" });
  });

  it('stops with "limit" at maxDepth when no predicted plan meets the goal', () => {
    const r = planner.plan({
      worldModel: toy,
      start: START,
      goal: "B(watcher, at(mover) = c3) & B(mover, at(mover) = c0)",
      maxDepth: 4
    });
    expect(r.status).toBe("limit");
    expect(r.status !== "solved" && r.message).toContain("maxDepth");
  });

  it("names the problem in bad input", async () => {
    const plain = await PerspectiveWorldModel.create({
      obsDim: 2,
      actionDim: 3,
      hiddenDim: 4,
      numAgents: 2,
      numLayers: 1,
      numHeads: 1,
      seed: 0
    });
    const goal = "B(watcher, at(mover) = c3)";
    expect(() => planner.plan({ worldModel: plain, start: START, goal })).toThrow(
      /needs a model with a belief head/
    );
    plain.dispose();
    expect(() =>
      planner.plan({ worldModel: toy, start: START, goal: "B(bob, at(mover) = c3)" })
    ).toThrow('the goal names unknown agent "bob"; the model\'s agents: mover, watcher');
    expect(() =>
      planner.plan({ worldModel: toy, start: START, goal: "B(mover, B(watcher, at(mover) = c3))" })
    ).toThrow(/no belief target for mover → watcher → at\(mover\)/);
    expect(() =>
      planner.plan({ worldModel: toy, start: START, goal: "B(watcher, at(mover) = c9)" })
    ).toThrow(/"c9" is not a value of belief target at\(mover\) \(c0, c1, c2, c3\)/);
    expect(() =>
      planner.plan({ worldModel: toy, start: START, goal: "C([mover, watcher], at(mover) = c3)" })
    ).toThrow(/no common-belief targets/);
    expect(() => planner.plan({ worldModel: toy, start: START, goal: "at(mover) = c3" })).toThrow(
      /give readWorld/
    );
    expect(() => planner.plan({ worldModel: toy, start: [[0, 0]], goal })).toThrow(
      /one observation per agent \(2\)/
    );
    expect(() => planner.plan({ worldModel: toy, start: START, goal, agent: "bob" })).toThrow(
      /unknown agent "bob"/
    );
    expect(() =>
      planner.plan({ worldModel: toy, start: START, goal, others: { watcher: 7 } })
    ).toThrow(/action of watcher must be an integer from 0 to 2, got 7/);
  });
});

describe("worldModelSimulator: BeliefMCTS in a learned world model", () => {
  it("searches toward a belief goal in the model's predictions", () => {
    const simulator = worldModelSimulator({
      model: toy,
      agent: "mover",
      goal: "B(watcher, at(mover) = c3)"
    });
    const mcts = new BeliefMCTS({
      simulator,
      numSimulations: 60,
      maxDepth: 4,
      seed: 1,
      actionNames: NAMES
    });
    const { action, stats, tree } = mcts.search({
      root: [
        [
          [1, 0],
          [0, 1]
        ]
      ]
    });
    expect(action).toBe(1);
    expect(stats[1].value).toBeGreaterThan(stats[2].value);
    expect(tree.nodes.length).toBeGreaterThan(1);
  });

  it("is what BeliefMCTS({ worldModel }) searches", () => {
    const goal = "B(watcher, at(mover) = c0)";
    const mcts = new BeliefMCTS({
      worldModel: { model: toy, goal },
      numSimulations: 40,
      maxDepth: 3,
      seed: 1
    });
    expect(
      mcts.search({
        root: [
          [
            [1, 0],
            [0, 1]
          ]
        ]
      }).action
    ).toBe(2); // step back to c0
    expect(
      () => new BeliefMCTS({ worldModel: { model: toy, goal }, simulator: {} as never })
    ).toThrow("BeliefMCTS takes a worldModel or a simulator / env, not both");
  });

  it("takes a reward function and a history as the root", () => {
    const simulator = worldModelSimulator({
      model: toy,
      agent: 0,
      reward: (obs) => -Math.abs(obs[0][0] + 2), // be at -2
      done: (obs) => obs[0][0] === -2
    });
    simulator.load({
      frames: [
        START,
        [
          [1, 0],
          [0, 1]
        ]
      ],
      actions: [[1, 0]]
    });
    expect(simulator.step(2, null as never)).toEqual({ reward: -2, done: false });
    expect(simulator.describe!()).toBe("0.0,0.0");
    const { action } = new BeliefMCTS({
      simulator,
      numSimulations: 40,
      maxDepth: 3,
      seed: 2
    }).search({
      root: [START]
    });
    expect(action).toBe(2);
  });

  it("names the problem in bad input", () => {
    expect(() => worldModelSimulator({ model: toy })).toThrow("needs a goal or a reward function");
    expect(() =>
      worldModelSimulator({ model: toy, agent: "bob", goal: "B(mover, at(mover) = c1)" })
    ).toThrow(/unknown agent "bob"/);
    const simulator = worldModelSimulator({ model: toy, goal: "B(mover, at(mover) = c1)" });
    expect(() => simulator.load({ frames: [START], actions: [[0, 0]] } as never)).toThrow(
      /one joint action between frames/
    );
  });
});
