/**
 * The benchmark file forms are read as they come: ToMi / bAbI statement lines that carry a tab
 * and the ids of the agents who perceived them, question lines with their answers, and sentences
 * the reader does not know (refused by default, or skipped and listed).
 */
import { readQuestion, readStory } from "../../src/stories/story-reader";
import { runStory, StoryError } from "../../src/stories";

// Written for these tests in the ToMi file layout: statements with a tab and perceiver ids,
// question lines with a tab, the expected answer and a flag.
const tabbed = [
  "1 Nia entered the study.\t1",
  "2 Omar entered the study.\t1 2",
  "3 The pen is in the cup.\t1 2",
  "4 Omar exited the study.\t1 2",
  "5 Nia moved the pen to the tin.\t1",
  "6 Where will Omar look for the pen?\tcup\t1",
  "7 Where does Nia think that Omar searches for the pen?\tcup\t1",
  "8 Where is the pen really?\ttin\t1"
].join("\n");

describe("story file forms", () => {
  it("reads statement lines that carry a tab and perceiver ids (the ids are not needed)", () => {
    const run = runStory(tabbed);
    expect(run.questions.map((q) => [q.line, q.expected, q.answer])).toEqual([
      [6, "cup", ["cup"]],
      [7, "cup", ["cup"]],
      [8, "tin", ["tin"]]
    ]);
    expect(run.skipped).toEqual([]);
    // the same story without the tab fields gives the same beliefs
    const plain = runStory(tabbed.replace(/\t[^\n]*/g, ""));
    expect(plain.world.tracker.groundTruth(2)).toEqual(run.world.tracker.groundTruth(2));
  });

  it("refuses an unknown sentence naming its line, or skips and lists it on request", () => {
    const story = "1 Nia entered the study.\n2 Phone rang.\n3 The pen is in the cup.";
    expect(() => runStory(story)).toThrow(/line 2: cannot read "Phone rang"/);
    try {
      runStory(story);
    } catch (e) {
      expect((e as StoryError).line).toBe(2);
    }
    const run = runStory(story, { unknownSentences: "skip" });
    expect(run.skipped).toEqual([{ line: 2, text: "Phone rang" }]);
    expect(run.answer("Where does Nia think the pen is?")).toEqual(["cup"]);
    // an unreadable question is treated alike
    const q = "1 Nia entered the study.\n2 The pen is in the cup.\n3 Who owns the pen?\tNia\t1";
    expect(() => runStory(q)).toThrow(/line 3: cannot read the question "Who owns the pen\?"/);
    expect(runStory(q, { unknownSentences: "skip" }).skipped).toEqual([
      { line: 3, text: "Who owns the pen?" }
    ]);
    expect(() => runStory(story, { unknownSentences: "ignore" as "skip" })).toThrow(
      /unknownSentences must be "error" or "skip"/
    );
  });

  it("reads a Hi-ToM file: instructions, story, question, answer, choices and notes", () => {
    const file = [
      "Read the story and answer the question.",
      "Story:",
      "1 Nia, Omar and Pia entered the study.",
      "2 The pen is in the cup.",
      "3 Nia exited the study.",
      "4 Omar moved the pen to the tin.",
      "5 Omar exited the study.",
      "Question: Where does Pia think Omar thinks Nia thinks the pen is?",
      "Answer: cup",
      "Choices: A. cup, B. tin",
      "Note: (1) An agent witnesses everything and every movement before exiting a room."
    ].join("\n");
    const run = runStory(file);
    // Nia left before the move; Omar and Pia both saw her leave: cup
    expect(run.questions).toEqual([
      {
        line: 8,
        question: "Where does Pia think Omar thinks Nia thinks the pen is?",
        expected: "cup",
        answer: ["cup"]
      }
    ]);
  });

  it("splits several sentences on one line and normalises names", () => {
    const sentences = readStory(
      "Nia entered the study. The pen is in the cup. Nia left the study."
    );
    expect(sentences.map((s) => [s.line, s.step?.op])).toEqual([
      [1, "enter"],
      [1, "reveal"],
      [1, "exit"]
    ]);
    expect(readQuestion("Where does Nia really think that Omar-Li looks for the pen?")).toEqual({
      kind: "belief",
      chain: ["nia", "omar_li"],
      object: "pen"
    });
    expect(readQuestion("Where is the pen located?")).toEqual({ kind: "reality", object: "pen" });
    expect(readQuestion("Who is Nia?")).toBeUndefined();
  });
});
