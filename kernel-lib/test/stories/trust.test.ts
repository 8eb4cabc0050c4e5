/**
 * Tells, lies and trust at every order. Trust that follows from facts everyone knows (a fixed
 * policy, or "recency" with the exit order known to all, as Hi-ToM assumes) is known to everyone
 * who heard, the speaker included; trust can also be each listener's own affair. Stories written
 * for these tests; answers derived by hand below each question, and equal on both trackers.
 */
import { KripkeTracker } from "../../src/epistemic";
import { RoomWorld, runStory, StoryOptions } from "../../src/stories";

const trackers: Array<[string, StoryOptions]> = [
  ["chains", {}],
  ["possible worlds", { trackerFactory: (init) => new KripkeTracker(init) }]
];

// Exit order Ada, Bo, Cy. Bo lies in public (he saw the bag); under recency Ada (who left
// before him) trusts him and Cy (who left after him, and saw the jar) does not. Then Cy
// privately tells Ada the truth; Ada left before Cy, so she trusts her.
const ring = `1 Ada, Bo and Cy entered the hall.
2 The ring is in the box.
3 Ada exited the hall.
4 Bo moved the ring to the bag.
5 Bo exited the hall.
6 Cy moved the ring to the jar.
7 Cy exited the hall.
8 Ada, Bo and Cy entered the lobby.
9 Bo publicly claimed that the ring is in the tin.
10 Where does Ada think the ring is?\ttin
11 Where does Bo think Cy thinks the ring is?\tbag
12 Where does Ada think Bo thinks Cy thinks the ring is?\tbox
13 Where does Cy think Ada thinks Bo thinks the ring is?\ttin
14 Cy privately told Ada that the ring is in the jar.`;

describe.each(trackers)(
  "tells with trust known to all (recency, the default) (%s)",
  (_n, options) => {
    const run = runStory(ring, options);

    it("answers the questions inside the story where they stand", () => {
      // each expected answer written in the story is the one given at its line
      for (const q of run.questions)
        expect([q.question, q.answer]).toEqual([q.question, [q.expected]]);
      expect(run.questions).toHaveLength(4);
    });

    it("orders 1 and 2 after both tells", () => {
      expect(run.answer("Where is the ring?")).toEqual(["jar"]);
      // Ada adopted Bo's lie, then Cy's truth; Bo and Cy keep what they saw
      expect(run.answer("Where does Ada think the ring is?")).toEqual(["jar"]);
      expect(run.answer("Where does Bo think the ring is?")).toEqual(["bag"]);
      expect(run.answer("Where does Cy think the ring is?")).toEqual(["jar"]);
      // a trusting listener takes the speaker to be sincere: Ada thinks Cy thinks the jar
      expect(run.answer("Where does Ada think Cy thinks the ring is?")).toEqual(["jar"]);
      // Bo did not hear the private tell: to him Ada still believes his claim
      expect(run.answer("Where does Bo think Ada thinks the ring is?")).toEqual(["tin"]);
      // Cy distrusted Bo, so to her Bo is not sincere: he still thinks what she saw him do
      expect(run.answer("Where does Cy think Bo thinks the ring is?")).toEqual(["bag"]);
      // the speaker knows the listener who left after him did not believe him
      expect(run.answer("Where does Bo think Cy thinks the ring is?")).toEqual(["bag"]);
      // and Cy knows Ada believed her
      expect(run.answer("Where does Cy think Ada thinks the ring is?")).toEqual(["jar"]);
    });

    it("order 3: S's claim is not adopted by a listener who distrusted S, whoever imagines it", () => {
      // Ada → Bo → Cy: Bo (sincere to Ada) knows Cy did not believe him, so Cy keeps what Ada
      // last saw her see: the box
      expect(run.answer("Where does Ada think Bo thinks Cy thinks the ring is?")).toEqual(["box"]);
      // Bo → Ada → Cy: Ada knows Cy did not believe Bo; Ada left when the ring was in the box
      expect(run.answer("Where does Bo think Ada thinks Cy thinks the ring is?")).toEqual(["box"]);
    });

    it("order 3: a listener who trusted takes S as sincere, even seen by one who did not", () => {
      // Cy → Ada → Bo: Cy distrusted Bo but knows Ada trusted him, so to Ada he is sincere
      expect(run.answer("Where does Cy think Ada thinks Bo thinks the ring is?")).toEqual(["tin"]);
      // Ada → Cy → Ada: Cy knows Ada believed her truth
      expect(run.answer("Where does Ada think Cy thinks Ada thinks the ring is?")).toEqual(["jar"]);
    });

    it("order 4", () => {
      // Cy → Ada → Bo → Cy: to Ada, sincere Bo knows Cy kept the box she saw with Ada
      expect(run.answer("Where does Cy think Ada thinks Bo thinks Cy thinks the ring is?")).toEqual(
        ["box"]
      );
      // Bo → Ada → Bo → Ada: Bo knows Ada trusted him and took him to be sincere
      expect(
        run.answer("Where does Bo think Ada thinks Bo thinks Ada thinks the ring is?")
      ).toEqual(["tin"]);
    });
  }
);

describe.each(trackers)(
  "the same tells with trust private to each listener (%s)",
  (_n, options) => {
    const run = runStory(ring, { ...options, trustKnown: false });

    it("the speaker assumes it was believed; other listeners assume a listener kept its belief", () => {
      expect(run.answer("Where does Ada think the ring is?")).toEqual(["jar"]);
      expect(run.answer("Where does Cy think the ring is?")).toEqual(["jar"]);
      // Bo assumes Cy believed him
      expect(run.answer("Where does Bo think Cy thinks the ring is?")).toEqual(["tin"]);
      // Cy, the speaker of line 14, assumes Ada believed her
      expect(run.answer("Where does Cy think Ada thinks the ring is?")).toEqual(["jar"]);
      // Cy does not know Ada believed Bo: to her, Ada's picture of Bo is from before the claim
      expect(run.answer("Where does Cy think Ada thinks Bo thinks the ring is?")).toEqual(["box"]);
      // inside the story: line 11 differs (Bo assumes Cy believed him) and so does line 13 (to
      // Cy, Ada kept her own picture of Bo, from before the claim)
      expect(run.questions.map((q) => q.answer)).toEqual([["tin"], ["tin"], ["box"], ["box"]]);
    });
  }
);

describe.each(trackers)("trust policies in a room world (%s)", (_n, options) => {
  const spec = {
    agents: ["kim", "lee", "max"],
    rooms: { lab: ["desk", "safe"] },
    objects: { disk: "desk" },
    agentRooms: { kim: "lab", lee: "lab", max: "lab" },
    trackerFactory: options.trackerFactory
  };

  it("a fixed policy is known to all: nobody believes anyone, and everyone knows it", () => {
    const w = new RoomWorld({ ...spec, trust: "never" });
    w.exit("lee").exit("max").move("kim", "disk", "safe");
    w.tellPublicly("kim", "disk", "safe");
    expect(w.whereDoes(["lee"], "disk")).toEqual(["desk"]);
    // the speaker knows nobody believed her
    expect(w.whereDoes(["kim", "lee"], "disk")).toEqual(["desk"]);
    expect(w.whereDoes(["max", "lee", "kim"], "disk")).toEqual(["desk"]);
  });

  it("trust set for one tell is private unless the tell says otherwise", () => {
    const w = new RoomWorld({ ...spec, trust: "always" });
    w.exit("lee").exit("max").move("kim", "disk", "safe");
    // lee doubts kim this once: his own affair, so kim and max assume he believed her
    w.tellPublicly("kim", "disk", "safe", { trust: { lee: false } });
    expect(w.whereDoes(["lee"], "disk")).toEqual(["desk"]);
    expect(w.whereDoes(["max"], "disk")).toEqual(["safe"]);
    expect(w.whereDoes(["kim", "lee"], "disk")).toEqual(["safe"]);
    expect(w.whereDoes(["max", "lee"], "disk")).toEqual(["desk"]); // max: lee kept his belief
    // with trustKnown the same doubt is known to all who heard
    const k = new RoomWorld({ ...spec, trust: "always" });
    k.exit("lee").exit("max").move("kim", "disk", "safe");
    k.tellPublicly("kim", "disk", "safe", { trust: { lee: false }, trustKnown: true });
    expect(k.whereDoes(["kim", "lee"], "disk")).toEqual(["desk"]);
    expect(k.whereDoes(["max", "kim", "lee"], "disk")).toEqual(["desk"]);
    expect(k.whereDoes(["lee", "max"], "disk")).toEqual(["safe"]);
  });

  it("a function policy is private by default", () => {
    const w = new RoomWorld({ ...spec, trust: (listener) => listener !== "lee" });
    w.exit("lee").exit("max").move("kim", "disk", "safe");
    w.tellPublicly("kim", "disk", "safe");
    expect(w.whereDoes(["lee"], "disk")).toEqual(["desk"]);
    expect(w.whereDoes(["kim", "lee"], "disk")).toEqual(["safe"]);
    expect(() => new RoomWorld({ ...spec, trustKnown: "yes" as unknown as boolean })).toThrow(
      /trustKnown must be true or false/
    );
  });
});
