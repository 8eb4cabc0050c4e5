/**
 * Where containers stand is inferred from what the story implies, not from the last room anyone
 * entered. Stories written for these tests; answers derived by hand in the comments.
 */
import { KripkeTracker } from "../../src/epistemic";
import { runStory, StoryError, StoryOptions } from "../../src/stories";

const trackers: Array<[string, StoryOptions]> = [
  ["chains", {}],
  ["possible worlds", { trackerFactory: (init) => new KripkeTracker(init) }]
];

describe.each(trackers)("layout inference (%s)", (_name, options) => {
  it("a container used in a move stands where the mover is", () => {
    // Cat entered the bedroom last, but Bob moves the lemon out of the chest in the closet, so
    // the chest (and the bucket) stand in the closet.
    const run = runStory(
      `1 Ann and Bob entered the closet.
2 Cat entered the bedroom.
3 The lemon is in the chest.
4 Bob moved the lemon to the bucket.`,
      options
    );
    expect(run.world.roomOfContainer("chest")).toBe("closet");
    expect(run.world.roomOfContainer("bucket")).toBe("closet");
    // line 3 is seen by those in the closet; line 4 too
    expect(run.answer("Where does Ann think the lemon is?")).toEqual(["bucket"]);
    expect(run.answer("Where does Bob think Ann thinks the lemon is?")).toEqual(["bucket"]);
    // Cat, in the bedroom, saw nothing: any container of the story
    expect(run.answer("Where does Cat think the lemon is?")).toEqual(["chest", "bucket"]);
    // Ann and Bob saw Cat go to the bedroom: they know she does not know
    expect(run.answer("Where does Ann think Cat thinks the lemon is?")).toEqual([
      "chest",
      "bucket"
    ]);
    // order 0: reality and memory
    expect(run.answer("Where is the lemon really?")).toEqual(["bucket"]);
    expect(run.answer("Where was the lemon at the beginning?")).toEqual(["chest"]);
  });

  it("a look places the container where the looker is, even after others entered elsewhere", () => {
    // The crate is first named while the scene is the hall (line 3), but Dan looks in it from
    // the yard on line 5, and the key moves from it in the yard on line 6.
    const run = runStory(
      `1 Dan and Eva entered the yard.
2 Fay entered the hall.
3 The key is in the crate.
4 Fay exited the hall.
5 Dan looked in the crate.
6 Eva moved the key to the pot.`,
      options
    );
    expect(run.world.roomOfContainer("crate")).toBe("yard");
    expect(run.answer("Where does Dan think Eva thinks the key is?")).toEqual(["pot"]);
    expect(run.answer("Where does Fay think the key is?")).toEqual(["crate", "pot"]);
  });

  it("places a container nothing else places in the room last entered before its first mention", () => {
    const run = runStory(
      `1 Gus entered the porch.
2 Hal entered the shed.
3 The rope is in the bin.`,
      options
    );
    // nothing says where the bin stands: the shed, entered last before line 3
    expect(run.world.roomOfContainer("bin")).toBe("shed");
    expect(run.answer("Where does Hal think the rope is?")).toEqual(["bin"]);
    // a container only named in a claim stands beside the object claimed to be in it
    const told = runStory(
      `1 Gus and Hal entered the shed.
2 The rope is in the bin.
3 Gus exited the shed.
4 Hal privately told Gus that the rope is in the barrel.`,
      options
    );
    expect(told.world.roomOfContainer("barrel")).toBe("shed");
    expect(told.answer("Where does Gus think the rope is?")).toEqual(["barrel"]);
  });

  it("refuses a story that puts a container in two rooms, naming both lines", () => {
    const story = `1 Ivy entered the attic.
2 Jon entered the cellar.
3 The cup is in the tray.
4 Ivy moved the cup to the shelf.
5 Jon looked in the shelf.`;
    expect(() => runStory(story, options)).toThrow(
      /line 4 puts the shelf in the attic \(ivy moves the cup there\), but line 5 puts it in the cellar \(jon looks in it there\)/
    );
    try {
      runStory(story, options);
    } catch (e) {
      expect(e).toBeInstanceOf(StoryError);
      expect((e as StoryError).lines).toEqual([4, 5]);
    }
    // an object said to be in two containers with no move between
    expect(() =>
      runStory(
        "1 Ivy entered the attic.\n2 The cup is in the tray.\n3 The cup is in the shelf.",
        options
      )
    ).toThrow(/line 3 says the cup is in the shelf, but line 2 put it in the tray/);
    // a container named before anyone is in a room, and never placed by the story
    expect(() => runStory("1 The cup is in the tray.\n2 Ivy entered the attic.", options)).toThrow(
      /line 1: the tray is mentioned before anyone is in a room/
    );
  });

  it("accepts a container named before anyone entered when a later line places it", () => {
    const run = runStory(
      `1 The cup is in the tray.
2 Ivy and Jon entered the attic.
3 Ivy moved the cup to the shelf.`,
      options
    );
    expect(run.world.roomOfContainer("tray")).toBe("attic");
    // nobody saw line 1 (no one was in the attic); both saw the move
    expect(run.answer("Where does Jon think Ivy thinks the cup is?")).toEqual(["shelf"]);
  });
});
