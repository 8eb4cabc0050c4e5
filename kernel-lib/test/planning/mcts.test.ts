import { BeliefMCTS, MctsError, MctsSimulator } from "../../src/planning/mcts";
import { envSimulator } from "../../src/planning/mcts-env";
import { SocialDeception } from "../../src/envs/worlds/socialdeception";
import type { Rng } from "../../src/random/rng";

/** Arms with Bernoulli payoffs; one step per episode. */
function bandit(means: number[]): MctsSimulator<null> {
  return {
    numActions: means.length,
    load: () => undefined,
    step: (a: number, rng: Rng) => ({ reward: rng.float() < means[a] ? 1 : 0, done: true })
  };
}

/**
 * A door world: the prize is behind door 0 or door 1 (hidden). Action 0/1 opens that door
 * (+1 if the prize is there, ends); action 2 waits. The root belief is a list of particles.
 */
function doors(): MctsSimulator<number> {
  let prize = 0;
  return {
    numActions: 3,
    load: (s) => {
      prize = s;
    },
    step: (a) =>
      a === 2 ? { reward: 0, done: false } : { reward: a === prize ? 1 : 0, done: true },
    describe: () => `prize behind ${prize}`
  };
}

/** A delayed reward: action 0 pays nothing now and 1 next step, action 1 pays 0.3 and ends. */
function delayed(): MctsSimulator<null> {
  let depth = 0;
  return {
    numActions: 2,
    load: () => {
      depth = 0;
    },
    step: (a) => {
      depth++;
      if (depth === 1) return a === 0 ? { reward: 0, done: false } : { reward: 0.3, done: true };
      return { reward: 1, done: true };
    }
  };
}

describe("BeliefMCTS", () => {
  it("finds the best arm of a stochastic bandit", () => {
    const mcts = new BeliefMCTS({
      simulator: bandit([0.2, 0.5, 0.8]),
      numSimulations: 400,
      seed: 3
    });
    const { action, stats } = mcts.search({ root: [null] });
    expect(action).toBe(2);
    expect(stats[2].visits).toBeGreaterThan(stats[0].visits + stats[1].visits);
  });

  it("looks ahead past an immediate reward", () => {
    for (const selection of ["puct", "uct"] as const) {
      const mcts = new BeliefMCTS({
        simulator: delayed(),
        numSimulations: 100,
        seed: 1,
        selection
      });
      expect(mcts.search({ root: [null] }).action).toBe(0);
    }
  });

  it("acts on the belief over hidden states: opens the likelier door", () => {
    const mcts = new BeliefMCTS({
      simulator: doors(),
      numSimulations: 300,
      seed: 5,
      discount: 0.9
    });
    expect(mcts.search({ root: [1, 1, 0] }).action).toBe(1);
    expect(mcts.search({ root: { sample: (rng) => (rng.float() < 0.8 ? 0 : 1) } }).action).toBe(0);
  });

  it("is reproducible with a seed and differs across seeds", () => {
    const run = (seed: number) =>
      new BeliefMCTS({ simulator: bandit([0.5, 0.5, 0.5, 0.5]), numSimulations: 60, seed }).search({
        root: [null]
      });
    expect(run(7)).toEqual(run(7));
    expect(run(7).stats).not.toEqual(run(8).stats);
  });

  it("exports the tree as plain data with visits, values and belief summaries", () => {
    const mcts = new BeliefMCTS({ simulator: doors(), numSimulations: 50, seed: 2 });
    const { tree } = mcts.search({ root: [0, 1] });
    const parsed = JSON.parse(JSON.stringify(tree));
    expect(parsed).toEqual(tree);
    const root = tree.nodes.find((n) => n.id === tree.root)!;
    expect(root).toMatchObject({ parent: null, visits: 50 });
    const children = tree.nodes.filter((n) => n.parent === tree.root);
    expect(children.reduce((s, n) => s + n.visits, 0)).toBe(50);
    expect(root.belief).toMatch(/^prize behind \d 0\.\d\d; prize behind \d 0\.\d\d$/);
    // Opening the door of the prize pays 1: door 0's value is the share of worlds with it there.
    const door0 = children.find((n) => n.action === "0")!;
    expect(door0.terminal).toBe(true);
    const share = Number(/prize behind 0 ([\d.]+)/.exec(door0.belief!)?.[1] ?? 0);
    expect(door0.value).toBeCloseTo(share, 2);
  });

  it("refuses bad configuration by name", () => {
    const simulator = bandit([0.5]);
    expect(() => new BeliefMCTS({ simulator, numSimulations: 0 })).toThrow(/numSimulations/);
    expect(() => new BeliefMCTS({ simulator, cPuct: -1 })).toThrow(/cPuct/);
    expect(() => new BeliefMCTS({ simulator, seed: -2 })).toThrow(/seed/);
    expect(() => new BeliefMCTS({ simulator, discount: 0 })).toThrow(/discount/);
    expect(() => new BeliefMCTS({ simulator, selection: "best" as "uct" })).toThrow(/selection/);
    expect(() => new BeliefMCTS({ simulator: {} as MctsSimulator<null> })).toThrow(MctsError);
    expect(() => new BeliefMCTS({ simulator, actionNames: ["a", "b"] })).toThrow(/actionNames/);
    const mcts = new BeliefMCTS({ simulator });
    expect(() => mcts.search({ root: [] })).toThrow(/no belief particles/);
    expect(() => mcts.search({ root: 3 as unknown as null[] })).toThrow(/sampler or a list/);
  });
});

describe("envSimulator", () => {
  it("searches a grid world from a given state and refuses a tracked env", () => {
    const sim = new SocialDeception({ beliefs: "off", maxSteps: 20 });
    sim.reset({ seed: 1 });
    expect(() => envSimulator({ env: sim, agent: "nobody" })).toThrow(/unknown agent "nobody"/);
    const tracked = new SocialDeception();
    tracked.reset({ seed: 1 });
    expect(() => tracked.setState({ world: {} })).toThrow(/beliefs: "off"/);
    const simulator = envSimulator({ env: sim, agent: "deceiver", others: "expert" });
    const state = { world: currentWorld(sim), t: 0 };
    const mcts = new BeliefMCTS({ simulator, numSimulations: 30, seed: 1, maxDepth: 8 });
    const result = mcts.search({ root: [state] });
    expect(result.stats).toHaveLength(8);
    expect(result.tree.nodes[0].visits).toBe(30);
    expect(result.tree.nodes.every((n) => Number.isFinite(n.value))).toBe(true);
  });
});

describe("BeliefMCTS over an env", () => {
  it("searches a simulation copy given as env, as through envSimulator", () => {
    const make = () => {
      const sim = new SocialDeception({ beliefs: "off", maxSteps: 20 });
      sim.reset({ seed: 2 });
      return sim;
    };
    const a = make();
    const b = make();
    const root = [{ world: currentWorld(a), t: 0 }];
    const direct = new BeliefMCTS({
      env: a,
      agent: "deceiver",
      others: "expert",
      numSimulations: 20,
      seed: 3
    });
    const wrapped = new BeliefMCTS({
      simulator: envSimulator({ env: b, agent: "deceiver", others: "expert" }),
      numSimulations: 20,
      seed: 3
    });
    expect(direct.search({ root })).toEqual(wrapped.search({ root }));
    expect(() => new BeliefMCTS({ env: a, agent: "nobody" })).toThrow(/unknown agent "nobody"/);
    expect(() => new BeliefMCTS({ env: a, agent: "deceiver", simulator: bandit([1]) })).toThrow(
      /not both/
    );
  });
});

function currentWorld(env: SocialDeception): Record<string, string> {
  const world: Record<string, string> = { "at(treasure)": env.treasureLocation };
  for (const a of env.possibleAgents) world[`at(${a})`] = env.positionBelief(a, a)!;
  return world;
}
