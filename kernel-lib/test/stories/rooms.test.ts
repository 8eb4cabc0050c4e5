import { ChainTracker, KripkeTracker } from "../../src/epistemic";
import { RoomWorld, RoomWorldError } from "../../src/stories";
import type { RoomWorldSpec } from "../../src/stories";

const representations = [
  ["chains", (init: ConstructorParameters<typeof ChainTracker>[0]) => new ChainTracker(init)],
  [
    "possible worlds",
    (init: ConstructorParameters<typeof ChainTracker>[0]) => new KripkeTracker(init)
  ]
] as const;

const sallyAnne: RoomWorldSpec = {
  agents: ["sally", "anne"],
  rooms: { room: ["basket", "box"] },
  objects: { marble: "basket" },
  agentRooms: { sally: "room", anne: "room" }
};

describe.each(representations)("RoomWorld over %s", (_name, trackerFactory) => {
  it("Sally-Anne: first- and second-order false beliefs", () => {
    const w = new RoomWorld({ ...sallyAnne, trackerFactory });
    expect(w.whereDoes(["sally"], "marble")).toEqual(["basket"]);
    w.exit("sally").move("anne", "marble", "box");
    expect(w.whereIs("marble")).toBe("box");
    expect(w.startContainer("marble")).toBe("basket");
    expect(w.whereDoes(["sally"], "marble")).toEqual(["basket"]);
    expect(w.whereDoes(["anne"], "marble")).toEqual(["box"]);
    expect(w.whereDoes(["anne", "sally"], "marble")).toEqual(["basket"]);
    expect(w.whereDoes(["sally", "anne"], "marble")).toEqual(["basket"]);
    // anne knows sally is out; sally does not know anne knows the new place
    expect(w.tracker.believedValues(["anne"], "in(sally, room)")).toEqual([false]);
  });

  it("re-entry: the returning agent sees the objects and who is there, and the others see her see", () => {
    const w = new RoomWorld({ ...sallyAnne, trackerFactory });
    w.exit("sally").move("anne", "marble", "box").exit("anne").enter("sally", "room");
    expect(w.whereDoes(["sally"], "marble")).toEqual(["box"]);
    expect(w.tracker.believedValues(["sally"], "in(anne, room)")).toEqual([false]);
    // anne left before sally came back: she still thinks sally believes basket
    expect(w.whereDoes(["anne", "sally"], "marble")).toEqual(["basket"]);
    // sally saw the marble moved, not who moved it: her picture of anne is unchanged (as in ToMi)
    expect(w.whereDoes(["sally", "anne"], "marble")).toEqual(["basket"]);
    w.enter("anne", "room");
    expect(w.whereDoes(["sally", "anne"], "marble")).toEqual(["box"]);
    expect(w.whereDoes(["anne", "sally"], "marble")).toEqual(["box"]);
    expect(w.whereDoes(["sally", "anne", "sally"], "marble")).toEqual(["box"]);
  });

  it("second-order false belief: john tells sally privately; anne still thinks sally is ignorant", () => {
    const john = new RoomWorld({ ...sallyAnne, agents: ["sally", "anne", "john"], trackerFactory });
    john.exit("sally").move("anne", "marble", "box").exit("anne");
    john.tellPrivately("john", "sally", "marble", "box");
    expect(john.whereDoes(["sally"], "marble")).toEqual(["box"]);
    expect(john.whereDoes(["anne", "sally"], "marble")).toEqual(["basket"]);
    expect(john.whereDoes(["sally", "anne", "sally"], "marble")).toEqual(["basket"]);
    expect(john.whereDoes(["john", "sally"], "marble")).toEqual(["box"]);
  });

  it("tells: trusted, distrusted, and lies; the speaker never changes its own belief", () => {
    const w = new RoomWorld({ ...sallyAnne, agents: ["sally", "anne", "bob"], trackerFactory });
    w.exit("sally").move("anne", "marble", "box");
    // anne lies privately to sally, who trusts her
    w.tellPrivately("anne", "sally", "marble", "basket");
    expect(w.whereDoes(["sally"], "marble")).toEqual(["basket"]);
    expect(w.whereDoes(["sally", "anne"], "marble")).toEqual(["basket"]);
    expect(w.whereDoes(["anne"], "marble")).toEqual(["box"]);
    expect(w.whereDoes(["anne", "sally"], "marble")).toEqual(["basket"]);
    // bob was outside all along and did not hear the private tell
    expect(w.whereDoes(["bob", "sally"], "marble")).toEqual(["basket", "box"]);
    // anne tells bob the truth, but bob distrusts her
    w.tellPrivately("anne", "bob", "marble", "box", { trust: false });
    expect(w.whereDoes(["bob"], "marble")).toEqual(["basket", "box"]);
    expect(w.whereDoes(["anne", "bob"], "marble")).toEqual(["box"]);
  });

  it("public tells follow Hi-ToM's recency rule: only those who left earlier believe (private trust)", () => {
    const w = new RoomWorld({
      agents: ["a1", "a2", "a3", "out"],
      rooms: { lab: ["crate", "drawer", "tub"] },
      objects: { pen: "crate" },
      trust: "recency",
      trustKnown: false,
      trackerFactory
    });
    w.enter("a1", "lab").enter("a2", "lab").enter("a3", "lab");
    w.move("a1", "pen", "drawer").exit("a1").move("a2", "pen", "tub").exit("a2").exit("a3");
    expect(w.trusts("a1", "a2", "pen")).toBe(true);
    expect(w.trusts("a3", "a2", "pen")).toBe(false);
    expect(w.trusts("out", "a2", "pen")).toBe(true);
    w.tellPublicly("a2", "pen", "crate"); // a lie
    expect(w.whereDoes(["a1"], "pen")).toEqual(["crate"]);
    expect(w.whereDoes(["out"], "pen")).toEqual(["crate"]);
    expect(w.whereDoes(["a3"], "pen")).toEqual(["tub"]);
    expect(w.whereDoes(["a2"], "pen")).toEqual(["tub"]);
    // the speaker thinks every listener believes it; believers think the speaker sincere
    expect(w.whereDoes(["a2", "a3"], "pen")).toEqual(["crate"]);
    expect(w.whereDoes(["a1", "a2"], "pen")).toEqual(["crate"]);
    // each listener's trust is its own: a3 does not assume a1 believed the claim
    expect(w.whereDoes(["a3", "a1"], "pen")).toEqual(["drawer"]);
    expect(w.whereDoes(["a1", "a3"], "pen")).toEqual(["drawer"]);
    // unless trust is known among listeners (then they know who believed)
    w.tellPublicly("a3", "pen", "drawer", {
      trustKnown: true,
      trust: { a1: true, a2: false, out: false }
    });
    expect(w.whereDoes(["a2", "a1"], "pen")).toEqual(["drawer"]);
    expect(w.whereDoes(["out", "a1"], "pen")).toEqual(["drawer"]);
    expect(w.whereDoes(["a1", "out"], "pen")).toEqual(["crate", "drawer", "tub"]); // out kept its own picture
    expect((w.tracker as ChainTracker | KripkeTracker).deceptions()).toHaveLength(2);
  });

  it("fourth-order beliefs along an exit order", () => {
    const w = new RoomWorld({
      agents: ["a", "b", "c", "d"],
      rooms: { hall: ["c0", "c1", "c2", "c3", "c4"] },
      objects: { key: "c0" },
      maxDepth: 4,
      trackerFactory
    });
    for (const x of ["a", "b", "c", "d"]) w.enter(x, "hall");
    w.move("a", "key", "c1").exit("a");
    w.move("b", "key", "c2").exit("b");
    w.move("c", "key", "c3").exit("c");
    w.move("d", "key", "c4").exit("d");
    expect(w.whereDoes(["a"], "key")).toEqual(["c1"]);
    expect(w.whereDoes(["d"], "key")).toEqual(["c4"]);
    expect(w.whereDoes(["d", "c"], "key")).toEqual(["c3"]);
    expect(w.whereDoes(["d", "c", "b"], "key")).toEqual(["c2"]);
    expect(w.whereDoes(["d", "c", "b", "a"], "key")).toEqual(["c1"]);
    expect(w.whereDoes(["a", "b", "c", "d"], "key")).toEqual(["c1"]);
    expect(w.whereDoes(["c", "d", "b", "a"], "key")).toEqual(["c1"]);
    expect(w.whereDoes(["c", "d", "a", "b"], "key")).toEqual(["c1"]);
  });

  it("a lone agent can enter a room with nothing in sight", () => {
    const w = new RoomWorld({
      agents: ["solo"],
      rooms: { hall: [], kitchen: ["jar"] },
      objects: { key: "jar" },
      trackerFactory
    });
    w.enter("solo", "hall").enter("solo", "kitchen");
    expect(w.roomOf("solo")).toBe("kitchen");
    expect(w.whereDoes(["solo"], "key")).toEqual(["jar"]);
  });

  it("closed containers: only the peeker sees inside; the others see it look", () => {
    const w = new RoomWorld({
      agents: ["sally", "anne"],
      rooms: { room: ["basket", "box"] },
      objects: { marble: "box" },
      // both closed: with the basket open, seeing it empty would tell them the marble is in the box
      closedContainers: ["basket", "box"],
      agentRooms: { sally: "room", anne: "room" },
      trackerFactory
    });
    expect(w.whereDoes(["sally"], "marble")).toEqual(["basket", "box"]);
    w.peek("sally", "box");
    expect(w.whereDoes(["sally"], "marble")).toEqual(["box"]);
    expect(w.whereDoes(["anne"], "marble")).toEqual(["basket", "box"]);
    expect(w.whereDoes(["anne", "sally"], "marble")).toEqual(["basket", "box"]);
  });
});

describe("RoomWorld input errors leave the world unchanged", () => {
  it("names the problem", () => {
    const w = new RoomWorld(sallyAnne);
    const before = JSON.stringify(w.tracker.groundTruth());
    expect(() => w.move("sally", "marble", "shelf")).toThrow(/unknown container "shelf"/);
    expect(() => w.move("sally", "ball", "box")).toThrow(/unknown object "ball"/);
    expect(() => w.enter("sally", "room")).toThrow(/already in room/);
    expect(() => w.exit("bob")).toThrow(/unknown agent "bob"/);
    w.exit("sally");
    expect(() => w.move("sally", "marble", "box")).toThrow(/not in any room/);
    expect(() => w.tellPrivately("sally", "sally", "marble", "box")).toThrow(RoomWorldError);
    expect(() => new RoomWorld({ ...sallyAnne, objects: { marble: "shelf" } })).toThrow(
      /unknown container "shelf"/
    );
    expect(() => new RoomWorld({ ...sallyAnne, agents: ["Sally"] })).toThrow(/bad agent name/);
    // a room given as one string instead of a list, an unknown policy, a malformed per-tell trust
    expect(
      () => new RoomWorld({ ...sallyAnne, rooms: { room: "basket" as unknown as string[] } })
    ).toThrow(/rooms.room must be a list of container names/);
    expect(
      () => new RoomWorld({ ...sallyAnne, trust: "sometimes" as unknown as "always" })
    ).toThrow(/unknown trust policy "sometimes"/);
    expect(() =>
      w.tellPrivately("anne", "sally", "marble", "box", { trust: "yes" as unknown as boolean })
    ).toThrow(/trust must be true, false or a map/);
    expect(w.history().map((s) => s.text)).toEqual(["start", "sally exited the room."]);
    expect(before).not.toBe(JSON.stringify(w.tracker.groundTruth()));
  });
});
