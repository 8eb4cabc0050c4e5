/**
 * Every question order from 0 (reality, memory) to 4, on stories without tells, answered by both
 * trackers alike. Stories written for these tests; each answer is derived by hand below it.
 */
import { KripkeTracker } from "../../src/epistemic";
import { runStory, StoryOptions } from "../../src/stories";

const trackers: Array<[string, StoryOptions]> = [
  ["chains", {}],
  ["possible worlds", { trackerFactory: (init) => new KripkeTracker(init) }]
];

// Five agents leave one by one, each after moving the coin: who saw which move is the exit order.
const exitChain = `1 Ava, Ben, Cal, Dan and Eve entered the attic.
2 The coin is in the trunk.
3 Ava exited the attic.
4 Ben moved the coin to the crate.
5 Ben exited the attic.
6 Cal moved the coin to the vase.
7 Cal exited the attic.
8 Dan moved the coin to the urn.
9 Dan exited the attic.
10 Eve moved the coin to the sack.`;

// Someone comes back: re-entry shows her the coin, and the others present see her look.
const reentry = `1 Ava and Ben entered the attic.
2 The coin is in the trunk.
3 Ava exited the attic.
4 Ben moved the coin to the crate.
5 Ben exited the attic.
6 Ava entered the attic.
7 Cal entered the attic.
8 Ava moved the coin to the vase.
9 Ava exited the attic.`;

describe.each(trackers)("question orders 0 to 4 without tells (%s)", (_name, options) => {
  it("order 0: where the coin is, and where it was at the beginning", () => {
    const run = runStory(exitChain, options);
    expect(run.answer("Where is the coin really?")).toEqual(["sack"]);
    expect(run.answer("Where was the coin at the beginning?")).toEqual(["trunk"]);
  });

  it("order 1: each agent believes the last move it saw", () => {
    const run = runStory(exitChain, options);
    // Ava left before any move; each of the others made a move and left right after it
    expect(run.answer("Where will Ava look for the coin?")).toEqual(["trunk"]);
    expect(run.answer("Where does Ben think the coin is?")).toEqual(["crate"]);
    expect(run.answer("Where does Cal believe the coin is?")).toEqual(["vase"]);
    expect(run.answer("Where does Dan really think the coin is?")).toEqual(["urn"]);
    expect(run.answer("Where does Eve think the coin is?")).toEqual(["sack"]);
  });

  it("order 2: an agent knows what those who left before it saw, not what came after it left", () => {
    const run = runStory(exitChain, options);
    // Eve saw Dan move it to the urn and leave
    expect(run.answer("Where does Eve think Dan thinks the coin is?")).toEqual(["urn"]);
    // Dan left after the urn move, with Eve present: he thinks she saw it too
    expect(run.answer("Where does Dan think Eve thinks the coin is?")).toEqual(["urn"]);
    // Ava left at the trunk and was seen leaving
    expect(run.answer("Where does Ava think Eve thinks the coin is?")).toEqual(["trunk"]);
    expect(run.answer("Where does Eve think that Ava searches for the coin?")).toEqual(["trunk"]);
  });

  it("order 3", () => {
    const run = runStory(exitChain, options);
    // Dan saw Cal move it to the vase and leave; Eve saw Dan see it
    expect(run.answer("Where does Eve think Dan thinks Cal thinks the coin is?")).toEqual(["vase"]);
    // when Cal left, Dan and Eve had both seen the vase move, and each saw the other see it
    expect(run.answer("Where does Cal think Dan thinks Eve thinks the coin is?")).toEqual(["vase"]);
    // Ben left after the crate move; to him, everyone still there saw it
    expect(run.answer("Where does Ben think Eve thinks Cal thinks the coin is?")).toEqual([
      "crate"
    ]);
  });

  it("order 4", () => {
    const run = runStory(exitChain, options);
    // Cal saw Ben move it to the crate and leave; Dan saw Cal see it; Eve saw Dan see that
    expect(
      run.answer("Where does Eve think Dan thinks Cal thinks Ben thinks the coin is?")
    ).toEqual(["crate"]);
    // Ben left after the crate move, with Cal, Dan and Eve present
    expect(
      run.answer("Where does Ben think Cal thinks Dan thinks Eve thinks the coin is?")
    ).toEqual(["crate"]);
    // Ava left at the trunk: what she thinks anyone thinks is the trunk, and Dan knows it
    expect(
      run.answer("Where does Dan think Ava thinks Eve thinks Ben thinks the coin is?")
    ).toEqual(["trunk"]);
  });

  it("re-entry: orders 1 to 4 after an agent comes back", () => {
    const run = runStory(reentry, options);
    expect(run.answer("Where is the coin?")).toEqual(["vase"]);
    // Ben left at the crate; Ava saw it on coming back (line 6) and moved it before Cal
    expect(run.answer("Where does Ben think the coin is?")).toEqual(["crate"]);
    expect(run.answer("Where does Ava think the coin is?")).toEqual(["vase"]);
    expect(run.answer("Where does Cal think the coin is?")).toEqual(["vase"]);
    // Ben left before Ava came back: he still thinks she thinks the trunk
    expect(run.answer("Where does Ben think Ava thinks the coin is?")).toEqual(["trunk"]);
    // Ava saw the crate, not who moved it there, so to her Ben still thinks the trunk
    expect(run.answer("Where does Ava think Ben thinks the coin is?")).toEqual(["trunk"]);
    // Cal came in after Ben left and knows nothing of what Ben saw
    expect(run.answer("Where does Cal think Ben thinks the coin is?")).toEqual([
      "trunk",
      "crate",
      "vase"
    ]);
    // Ava and Cal saw the vase move together
    expect(run.answer("Where does Cal think Ava thinks Cal thinks the coin is?")).toEqual(["vase"]);
    expect(
      run.answer("Where does Ava think Cal thinks Ava thinks Cal thinks the coin is?")
    ).toEqual(["vase"]);
    // Cal never saw Ava and Ben together: he knows nothing of what she thinks Ben thinks
    expect(run.answer("Where does Cal think Ava thinks Ben thinks the coin is?")).toEqual([
      "trunk",
      "crate",
      "vase"
    ]);
    // while to Ava, Ben (who left before her return) still thinks she thinks the trunk
    expect(run.answer("Where does Ava think Ben thinks Ava thinks the coin is?")).toEqual([
      "trunk"
    ]);
  });
});
