import { runStoryFile, splitStories } from "../../src/stories/story-file";

const TWO_STORIES = [
  "1 Mia entered the pantry.",
  "2 Leo entered the pantry.",
  "3 The plum is in the crate.",
  "4 Mia exited the pantry.",
  "5 Leo moved the plum to the basket.",
  "6 Where will Mia look for the plum?\tcrate\t1",
  "7 Where is the plum really?\tbasket\t1",
  "1 Ann entered the den.",
  "2 The key is in the drawer.",
  "3 Where does Ann think the key is?\tbox\t1"
].join("\n");

describe("story files", () => {
  it("cut a ToMi file where the numbering restarts, keeping file line numbers", () => {
    const stories = splitStories(TWO_STORIES);
    expect(stories.map((s) => s.firstLine)).toEqual([1, 8]);
    expect(stories[1].text.split("\n")[0]).toBe("1 Ann entered the den.");
  });

  it("take a file without restarts (Hi-ToM) as one story", () => {
    expect(splitStories("Story:\nMia entered the pantry.\nThe plum is in the crate.")).toHaveLength(
      1
    );
  });

  it("score each question against the file's answer, on file lines", () => {
    const scored = runStoryFile(TWO_STORIES);
    expect(scored.stories).toBe(2);
    expect(scored.asked).toBe(3);
    // the third answer written in the file (box) is not what Ann saw (drawer)
    expect(scored.correct).toBe(2);
    const wrong = scored.questions.filter((q) => q.correct === false);
    expect(wrong).toEqual([
      expect.objectContaining({ story: 2, line: 10, expected: "box", answer: ["drawer"] })
    ]);
  });

  it("list a story it cannot read with its file lines and go on with the others", () => {
    const text = [
      ...TWO_STORIES.split("\n").slice(0, 7),
      "1 Ann entered the den.",
      "2 Phone rang.",
      "3 The key is in the drawer.",
      "4 Where does Ann think the key is?\tdrawer\t1"
    ].join("\n");
    const scored = runStoryFile(text);
    expect(scored.failed).toEqual([
      { story: 2, lines: [9], error: expect.stringContaining('cannot read "Phone rang"') }
    ]);
    expect(scored.asked).toBe(2);
    const skipping = runStoryFile(text, { unknownSentences: "skip" });
    expect(skipping.failed).toEqual([]);
    expect(skipping.skipped).toEqual([{ story: 2, line: 9, text: "Phone rang" }]);
    expect(skipping.asked).toBe(3);
    expect(skipping.questions[2]).toMatchObject({ story: 2, line: 11, correct: true });
  });
});
