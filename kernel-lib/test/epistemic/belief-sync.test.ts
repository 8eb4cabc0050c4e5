import { BeliefStore } from "../../src/beliefs";
import { KripkeTracker, syncTo } from "../../src/epistemic";
import { RoomWorld } from "../../src/stories";

describe("BeliefSync: tracker beliefs as nested believes/2 facts in the belief store", () => {
  let store: BeliefStore;
  beforeEach(async () => {
    store = await BeliefStore.create({ backend: "swipl" });
  });
  afterEach(async () => {
    await store.close();
  });

  it("writes the world and every definite belief, diffs per step, and snapshots each step", async () => {
    const w = new RoomWorld({
      agents: ["sally", "anne"],
      rooms: { room: ["basket", "box"] },
      objects: { marble: "basket" },
      agentRooms: { sally: "room", anne: "room" }
    });
    const sync = await syncTo(w.tracker, store, { depth: 2 });
    await sync.snapshot(0);
    expect(await store.query("believes(sally, at(marble, X))")).toEqual([{ X: "basket" }]);

    w.exit("sally");
    const d1 = await sync.sync();
    expect(d1.added).toContain("in(sally,room,false)");
    expect(d1.retracted).toContain("in(sally,room,true)");
    await sync.snapshot(1);

    w.move("anne", "marble", "box");
    const d2 = await sync.sync();
    expect(d2.added.sort()).toEqual(["at(marble,box)", "believes(anne,at(marble,box))"]);
    expect(d2.retracted.sort()).toEqual(["at(marble,basket)", "believes(anne,at(marble,basket))"]);
    await sync.snapshot(2);

    expect(await store.query("believes(sally, at(marble, X))")).toEqual([{ X: "basket" }]);
    expect(await store.query("believes(anne, believes(sally, at(marble, X)))")).toEqual([
      { X: "basket" }
    ]);
    expect(await store.query("believes(sally, believes(anne, at(marble, X)))")).toEqual([
      { X: "basket" }
    ]);
    // Prolog rules over what agents believe
    await store.addPredicate({ name: "deceived", arity: 2 });
    await store.addRule("deceived(A, O) :- believes(A, at(O, L)), at(O, L2), L \\= L2");
    expect(await store.query("deceived(A, marble)")).toEqual([{ A: "sally" }]);
    // the past stays queryable
    expect(store.getSnapshot(0).facts.map(String)).toContain("at(marble,basket)");
    expect(store.snapshotTimes()).toEqual([0, 1, 2]);
  });

  it("drops a belief that becomes uncertain, and works with the Kripke tracker at depth 3", async () => {
    const k = new KripkeTracker({
      agents: ["sally", "anne"],
      world: { "at(marble)": "basket" },
      commonKnowledge: ["at(marble)"],
      domains: { "at(marble)": ["basket", "box"] }
    });
    const sync = await syncTo(k, store, { depth: 3 });
    expect(
      await store.holds("believes(sally, believes(anne, believes(sally, at(marble, basket))))")
    ).toBe(true);
    await sync.apply({
      kind: "ontic",
      actor: "anne",
      effects: { "at(marble)": "box" },
      observers: { anne: "full", sally: "partial" }
    });
    expect(await store.query("believes(sally, at(marble, X))")).toEqual([]);
    expect(await store.query("believes(anne, at(marble, X))")).toEqual([{ X: "box" }]);
    // sally saw something happen, so anne knows sally is unsure, and so on up: no nested fact is definite
    expect(sync.facts()).toEqual(["at(marble,box)", "believes(anne,at(marble,box))"]);
  });

  it("rejects a bad event without touching tracker or store", async () => {
    const k = new KripkeTracker({
      agents: ["a"],
      world: { door: "open" },
      commonKnowledge: ["door"]
    });
    const sync = await syncTo(k, store);
    const before = sync.facts();
    await expect(
      sync.apply({ kind: "ontic", effects: { window: "open" }, observers: { a: "full" } })
    ).rejects.toThrow(/unknown fluent "window"/);
    expect(sync.facts()).toEqual(before);
    expect(await store.query("door(X)")).toEqual([{ X: "open" }]);
  });
});
