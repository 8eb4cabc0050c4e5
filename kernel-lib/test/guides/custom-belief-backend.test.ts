/**
 * The code of docs/guides/custom-belief-backend.md, run as a test: a belief tracker of one's own
 * (the public extension point for how beliefs are represented and updated) plugged into a story
 * world, an environment and the belief store. The page's code blocks are the `#region` blocks of
 * this file (`scripts/docs/snippets.mjs --check`).
 */
// #region imports
import * as pwmk from "../../src";
import type { Binding } from "../../src/beliefs";
import { ChainTracker, chainKey, chainsUpTo } from "../../src/epistemic";
import type {
  AgentId,
  BeliefGroundTruth,
  BeliefTracker,
  EpistemicEvent,
  Fluent,
  TrackerInit,
  Value
} from "../../src/epistemic";
// #endregion imports

jest.setTimeout(120_000);

// #region tracker
/**
 * An egocentric mind: each agent believes what it witnessed itself, and takes everyone else to
 * believe the same. It never attributes a false belief to another agent: the answer children
 * under four give in the Sally-Anne test ("Sally will look in the box").
 */
class EgocentricTracker implements BeliefTracker {
  constructor(
    private readonly init: TrackerInit,
    // First-order beliefs are tracked exactly; deeper ones are never computed.
    private readonly own: BeliefTracker = new ChainTracker({ ...init, maxDepth: 1 })
  ) {}

  get agents(): readonly AgentId[] {
    return this.own.agents;
  }

  apply(event: EpistemicEvent): void {
    this.own.apply(event); // throws on a bad event, state unchanged
  }

  believedValues(chain: readonly AgentId[], fluent: Fluent): Value[] {
    // What anne thinks sally thinks is what anne thinks. The empty chain asks the world.
    return this.own.believedValues(chain.slice(0, 1), fluent);
  }

  groundTruth(depth = 2): BeliefGroundTruth {
    const first = this.own.groundTruth(1).perspectives;
    const fluents = Object.keys(first[this.agents[0]]);
    const perspectives: BeliefGroundTruth["perspectives"] = {};
    for (const chain of chainsUpTo(this.agents, depth)) {
      perspectives[chainKey(chain)] = Object.fromEntries(
        fluents.map((f) => [f, this.believedValues(chain, f)])
      );
    }
    return { agents: [...this.agents], depth, perspectives };
  }

  clone(): BeliefTracker {
    return new EgocentricTracker(this.init, this.own.clone());
  }
}
// #endregion tracker

const sallyAnne = (trackerFactory?: (init: TrackerInit) => BeliefTracker) =>
  new pwmk.RoomWorld({
    agents: ["sally", "anne"],
    rooms: { room: ["basket", "box"] },
    objects: { marble: "basket" },
    agentRooms: { sally: "room", anne: "room" },
    trackerFactory
  });

describe("docs/guides/custom-belief-backend.md", () => {
  it("the egocentric tracker drives a story world: first-order beliefs exact, no false belief attributed", () => {
    // #region story
    const world = new pwmk.RoomWorld({
      agents: ["sally", "anne"],
      rooms: { room: ["basket", "box"] },
      objects: { marble: "basket" },
      agentRooms: { sally: "room", anne: "room" },
      trackerFactory: (init) => new EgocentricTracker(init)
    });
    world.exit("sally").move("anne", "marble", "box");
    world.whereDoes(["sally"], "marble"); // ["basket"]: sally did not see the move
    world.whereDoes(["anne", "sally"], "marble"); // ["box"]: anne fails the false-belief test
    // #endregion story
    expect(world.whereDoes(["sally"], "marble")).toEqual(["basket"]);
    expect(world.whereDoes(["anne"], "marble")).toEqual(["box"]);
    expect(world.whereDoes(["anne", "sally"], "marble")).toEqual(["box"]);
    const exact = sallyAnne();
    exact.exit("sally").move("anne", "marble", "box");
    expect(exact.whereDoes(["anne", "sally"], "marble")).toEqual(["basket"]);
  });

  it("agrees with ChainTracker on every first-order belief, step by step, in an environment", () => {
    // #region env
    const make = (egocentric: boolean) =>
      new pwmk.SallyAnneWorld({
        randomStart: true,
        seekers: {},
        trackerFactory: egocentric ? (init) => new EgocentricTracker(init) : undefined
      });
    const ego = make(true);
    const exact = make(false);
    ego.reset({ seed: 3 });
    exact.reset({ seed: 3 });
    // The same seeded random actions for both, then compare what each tracker reports.
    const actions = ego.actionSpace(ego.agents[0]);
    actions.seed(7);
    for (let t = 0; t < 20 && ego.agents.length > 0; t++) {
      const step = Object.fromEntries(ego.agents.map((a) => [a, actions.sample()]));
      ego.step(step);
      exact.step(step);
    }
    const egoTruth = ego.getBeliefGroundTruth(2).perspectives;
    const exactTruth = exact.getBeliefGroundTruth(2).perspectives;
    // #endregion env
    for (const agent of ego.possibleAgents) expect(egoTruth[agent]).toEqual(exactTruth[agent]);
    const [a, b] = ego.possibleAgents;
    expect(egoTruth[`${a}/${b}`]).toEqual(egoTruth[a]);
    // What the env relies on: a clone is independent, a bad event changes nothing.
    const tracker = ego.getTracker();
    const before = JSON.stringify(tracker.groundTruth(2));
    expect(JSON.stringify(tracker.clone().groundTruth(2))).toBe(before);
    expect(() =>
      tracker.apply({ kind: "ontic", effects: { "no(such)": "x" }, observers: {} })
    ).toThrow();
    expect(JSON.stringify(tracker.groundTruth(2))).toBe(before);
  });

  it("syncs into the belief store, where Prolog rules read the attributed beliefs", async () => {
    expect(await whatAnneThinksSallyThinks()).toEqual([{ Where: "box" }]);
  });
});

// #region store
async function whatAnneThinksSallyThinks(): Promise<Binding[]> {
  const world = new pwmk.RoomWorld({
    agents: ["sally", "anne"],
    rooms: { room: ["basket", "box"] },
    objects: { marble: "basket" },
    agentRooms: { sally: "room", anne: "room" },
    trackerFactory: (init) => new EgocentricTracker(init)
  });
  const store = await pwmk.BeliefStore.create({ backend: "swipl" });
  try {
    const sync = await pwmk.syncTo(world.tracker, store, { depth: 2 }); // nested believes/2 facts
    world.exit("sally").move("anne", "marble", "box");
    await sync.sync();
    return await store.query("believes(anne, believes(sally, at(marble, Where)))"); // [{ Where: "box" }]
  } finally {
    await store.close(); // stops the engine's worker thread
  }
}
// #endregion store
