/**
 * Perception beats testimony, and a look that finds nothing tells where the object is not.
 * Stories written for these tests; answers derived by hand below each question, on both trackers.
 */
import { KripkeTracker } from "../../src/epistemic";
import { RoomWorld, runStory, StoryOptions } from "../../src/stories";

const trackers: Array<[string, StoryOptions]> = [
  ["chains", {}],
  ["possible worlds", { trackerFactory: (init) => new KripkeTracker(init) }]
];

describe.each(trackers)("perception beats testimony (%s)", (_name, options) => {
  // Bea lies in public while Ann still stands in the den before the open drawer; Cal is outside.
  const lie = `1 Ann, Bea and Cal entered the den.
2 The key is in the drawer.
3 Cal exited the den.
4 Bea exited the den.
5 Bea publicly claimed that the key is in the shoebox.`;

  it("a listener who sees the object's container keeps what she sees, even if she trusts", () => {
    const run = runStory(lie, { ...options, trust: "always" });
    // Ann sees the key in the drawer: she does not adopt the claim
    expect(run.answer("Where does Ann think the key is?")).toEqual(["drawer"]);
    // Cal is outside and trusts: he adopts it
    expect(run.answer("Where does Cal think the key is?")).toEqual(["shoebox"]);
    // trust (here: who adopted) is known to all who heard, so Bea knows Ann did not believe her
    expect(run.answer("Where does Bea think Ann thinks the key is?")).toEqual(["drawer"]);
    expect(run.answer("Where does Cal think Ann thinks the key is?")).toEqual(["drawer"]);
    // and Cal, who believed, takes Bea to be sincere
    expect(run.answer("Where does Ann think Cal thinks Bea thinks the key is?")).toEqual([
      "shoebox"
    ]);
  });

  it("a listener who sees that the claimed container does not hold it keeps her belief", () => {
    const w = new RoomWorld({
      agents: ["ann", "bea"],
      rooms: { den: ["drawer", "bin"], hall: ["shelf"] },
      objects: { key: "drawer" },
      agentRooms: { ann: "hall", bea: "den" },
      trackerFactory: options.trackerFactory
    });
    // Ann stands before the open shelf and sees no key in it: the drawer or the bin
    expect(w.whereDoes(["ann"], "key")).toEqual(["drawer", "bin"]);
    // an explicit "trust" does not make her believe the shelf holds it
    w.tellPrivately("bea", "ann", "key", "shelf", { trust: true });
    expect(w.whereDoes(["ann"], "key")).toEqual(["drawer", "bin"]);
    // a claim she cannot check is adopted as usual
    w.tellPrivately("bea", "ann", "key", "bin", { trust: true });
    expect(w.whereDoes(["ann"], "key")).toEqual(["bin"]);
  });
});

describe.each(trackers)("a look that finds nothing (%s)", (_name, options) => {
  // Cal hides the key in a closed chest and leaves; Ann looks in the closed drawer and box.
  const search = `1 Cal entered the den.
2 Cal put the key in the chest.
3 Cal exited the den.
4 Ann and Bea entered the den.
5 Ann looked in the drawer.
6 Where will Ann look for the key?
7 Ann looked in the box.`;
  const closed = { ...options, closedContainers: ["chest", "drawer", "box"] };

  it("the looker rules out each empty container it looks in", () => {
    const run = runStory(search, closed);
    // before the looks Ann considered chest, drawer, box; the drawer is ruled out on line 5
    expect(run.questions[0].answer).toEqual(["chest", "box"]);
    // then the box: only the chest is left, though she never saw the key
    expect(run.answer("Where will Ann look for the key?")).toEqual(["chest"]);
    // Bea saw Ann look but not into the closed containers: she learns nothing herself
    expect(run.answer("Where does Bea think the key is?")).toEqual(["chest", "drawer", "box"]);
    // nor what Ann found
    expect(run.answer("Where does Bea think Ann thinks the key is?")).toEqual([
      "chest",
      "drawer",
      "box"
    ]);
    // Cal hid it and left before anyone looked
    expect(run.answer("Where does Cal think the key is?")).toEqual(["chest"]);
    expect(run.answer("Where does Cal think Ann thinks the key is?")).toEqual([
      "chest",
      "drawer",
      "box"
    ]);
    // Ann knows Bea did not see inside
    expect(run.answer("Where does Ann think Bea thinks the key is?")).toEqual([
      "chest",
      "drawer",
      "box"
    ]);
  });

  it("looking around shows that what is not in sight is in none of the open containers", () => {
    const w = new RoomWorld({
      agents: ["ann", "bea"],
      rooms: { den: ["chest", "drawer", "tray"], hall: [] },
      objects: { key: "chest" },
      closedContainers: ["chest"],
      agentRooms: { ann: "den" },
      trackerFactory: options.trackerFactory
    });
    // ann starts in the den: the open drawer and tray hold no key, so it is in the chest
    expect(w.whereDoes(["ann"], "key")).toEqual(["chest"]);
    expect(w.whereDoes(["bea"], "key")).toEqual(["chest", "drawer", "tray"]);
    w.enter("bea", "den");
    // bea comes in and sees the same; ann sees her look around, and bea sees ann there
    expect(w.whereDoes(["bea"], "key")).toEqual(["chest"]);
    expect(w.whereDoes(["ann", "bea"], "key")).toEqual(["chest"]);
    expect(w.whereDoes(["bea", "ann"], "key")).toEqual(["chest"]);
    w.peek("bea", "drawer");
    expect(w.history().pop()!.events).toEqual([
      expect.objectContaining({ kind: "negative", fluent: "at(key)", values: ["drawer"] })
    ]);
  });

  it("one who was sure of the container it finds empty considers every other one", () => {
    const w = new RoomWorld({
      agents: ["ann", "bea"],
      rooms: { den: ["chest", "drawer", "box"] },
      objects: { key: "chest" },
      closedContainers: ["chest", "drawer", "box"],
      agentRooms: { ann: "den", bea: "den" },
      trackerFactory: options.trackerFactory
    });
    w.peek("ann", "chest"); // ann sees the key
    w.exit("ann");
    w.peek("bea", "chest"); // bea too, without ann
    w.move("bea", "key", "box");
    w.enter("ann", "den"); // closed containers: ann sees nothing of the move
    expect(w.whereDoes(["ann"], "key")).toEqual(["chest"]);
    w.peek("ann", "chest");
    // ann was sure of the chest and finds it empty: any other container
    expect(w.whereDoes(["ann"], "key")).toEqual(["drawer", "box"]);
    // bea watched her look: to bea, ann (who might have believed the chest) now considers the
    // other containers
    expect(w.whereDoes(["bea", "ann"], "key")).toEqual(["drawer", "box"]);
  });
});
