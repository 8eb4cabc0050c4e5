import { KripkeTracker } from "../../src/epistemic";
import { runStory, StoryError } from "../../src/stories";

// Stories written for these tests in the sentence styles of ToMi and Hi-ToM.
const tomiStyle = `
1 Mia entered the pantry.
2 Leo entered the pantry.
3 The plum is in the crate.
4 Leo exited the pantry.
5 Mia moved the plum to the jar.
6 Mia likes the jar.
7 Leo entered the pantry.
8 Mia exited the pantry.
9 Mia moved the plum to the tin.`;

describe("runStory (ToMi style)", () => {
  it("answers reality, memory, first- and second-order questions", () => {
    const s = runStory(tomiStyle.split("\n").slice(0, 7).join("\n"));
    expect(s.answer("Where is the plum really?")).toEqual(["jar"]);
    expect(s.answer("Where was the plum at the beginning?")).toEqual(["crate"]);
    expect(s.answer("Where will Leo look for the plum?")).toEqual(["crate"]);
    expect(s.answer("Where does Mia think that Leo searches for the plum?")).toEqual(["crate"]);
    expect(s.answer("Where does Leo think that Mia searches for the plum?")).toEqual(["crate"]);
  });

  it("re-entry shows the returning agent the objects, and the others see it look", () => {
    const s = runStory(tomiStyle.split("\n").slice(0, 8).join("\n"));
    expect(s.answer("Where will Leo look for the plum?")).toEqual(["jar"]);
    expect(s.answer("Where does Mia think that Leo searches for the plum?")).toEqual(["jar"]);
  });

  it("answers question lines inside the story (ToMi file format) where they stand", () => {
    const s = runStory(
      tomiStyle.split("\n").slice(0, 6).join("\n") +
        "\n6 Where will Leo look for the plum?\tcrate\t1\n7 Leo entered the pantry." +
        "\n8 Where does Mia think that Leo searches for the plum?\tjar\t1"
    );
    expect(s.questions).toEqual([
      {
        line: 7,
        question: "Where will Leo look for the plum?",
        expected: "crate",
        answer: ["crate"]
      },
      {
        line: 9,
        question: "Where does Mia think that Leo searches for the plum?",
        expected: "jar",
        answer: ["jar"]
      }
    ]);
    // at the end of the story Leo has come back and seen the jar
    expect(s.answer("Where will Leo look for the plum?")).toEqual(["jar"]);
    expect(s.answer("Where is the plum?")).toEqual(["jar"]);
  });

  it("reads the other ToMi / ToM-bAbi sentence and question forms", () => {
    const s = runStory(`
1 Jack and Ivy are in the hall.
2 The boots is in the bathtub.
3 Jack exited the hall.
4 Ivy shifted the boots from the bathtub to the pantry.
5 Noah came into the hall.
6 Ivy told Noah that the boots is in the bathtub.
7 Jack entered the garden.
8 Jack placed the hat in the shelf.
9 Ivy searched for the boots in the pantry.`);
    expect(s.answer("Where is the boots located?")).toEqual(["pantry"]);
    expect(s.answer("Where was the boots before?")).toEqual(["bathtub"]);
    expect(s.answer("Where does Jack believe the boots is?")).toEqual(["bathtub"]);
    expect(s.answer("Where does Ivy think that Jack believes the boots is?")).toEqual(["bathtub"]);
    expect(s.answer("Where does Ivy believe that Jack thinks the boots is?")).toEqual(["bathtub"]);
    expect(s.answer("Where does Ivy think that Jack looks for the boots?")).toEqual(["bathtub"]);
    // Noah came in and saw the pantry; being there, he does not trust Ivy's lie
    expect(s.answer("Where does Noah think the boots is?")).toEqual(["pantry"]);
    // Ivy searched the open pantry in front of Noah: each now knows the other saw the boots there
    expect(s.answer("Where does Ivy think that Noah searches for the boots?")).toEqual(["pantry"]);
    expect(s.answer("Where will Jack look for the hat?")).toEqual(["shelf"]);
    // the hat was never in sight in the hall, and Ivy saw Jack see that the hall's open
    // containers hold none: to her he thinks it is elsewhere, and only the shelf is left
    expect(s.world.whereDoes(["ivy", "jack"], "hat")).toEqual(["shelf"]);
    expect(() =>
      runStory(
        "1 Ivy is in the hall.\n2 The boots is in the tub.\n3 Ivy shifted the boots from the box to the bin."
      )
    ).toThrow(/line 3 moves the boots from the box, but line 2 put it in the tub/);
    expect(() => s.answer("Where does Jack juggle the boots?")).toThrow(/cannot read the question/);
  });

  it("reads a whole Hi-ToM style file: instructions, story, question, answer, choices, note", () => {
    const file = [
      "Read the story below and answer the question.",
      "Story:",
      "1 Mia and Leo entered the pantry.",
      "2 The plum is in the crate.",
      "3 Leo exited the pantry.",
      "4 Mia moved the plum to the jar.",
      "Question: Where does Mia think Leo thinks the plum is?",
      "Answer: crate",
      "Choices: A. crate, B. jar",
      "",
      "Note: You should assume the following. (1) An agent witnesses everything."
    ].join("\n");
    const s = runStory(file);
    expect(s.questions).toEqual([
      {
        line: 7,
        question: "Where does Mia think Leo thinks the plum is?",
        expected: "crate",
        answer: ["crate"]
      }
    ]);
  });

  it("rejects a sentence it cannot read, naming the line, and a story that breaks the world", () => {
    expect(() => runStory(tomiStyle)).toThrow(/line 10: mia moves the plum but is not in any room/);
    expect(() => runStory("1 Mia entered the pantry.\n2 Mia juggled the plum.")).toThrow(
      /line 2: cannot read "Mia juggled the plum"/
    );
    expect(() => runStory("1 Mia entered the pantry.\n2 Mia moved the plum to the jar.")).toThrow(
      /moves the plum before saying where it is/
    );
    expect(() => runStory(tomiStyle).answer("Who is Mia?")).toThrow(StoryError);
    expect(() => runStory("1 Mia entered the pantry.").answer(7 as unknown as string)).toThrow(
      /a question must be a string/
    );
  });
});

const hiTomStyle = `
1 Ada, Ben, Cy and Dee entered the loft.
2 The key is in the red_box.
3 Ada moved the key to the tin_can.
4 Ada exited the loft.
5 Ben lost his gloves.
6 Ben moved the key to the oak_chest.
7 Ben exited the loft.
8 Cy made no movements and stayed in the loft for 1 minute.
9 Cy exited the loft.
10 Dee moved the key to the red_box.
11 Dee exited the loft.
12 Ada, Ben, Cy and Dee entered the waiting_room.
13 Cy publicly claimed that key is in the tin_can.
14 Dee privately told Ada that the key is in the red_box.`;

describe("runStory (Hi-ToM style, with tells and lies)", () => {
  it("follows exit order for trust and, with trust private to each listener, answers to fourth order", () => {
    // trustKnown: false keeps the trust of each tell its listener's own affair (the default,
    // recency with the exit order known to all, is in stories-trust.test.ts)
    const s = runStory(hiTomStyle, { trustKnown: false });
    // Cy left after Ada and Ben: they believe his lie; Dee left after Cy and does not
    expect(s.answer("Where does Ben really think the key is?")).toEqual(["tin_can"]);
    expect(s.answer("Where does Dee really think the key is?")).toEqual(["red_box"]);
    // Ada believed Cy, then Dee (who left even later) told her the truth
    expect(s.answer("Where does Ada really think the key is?")).toEqual(["red_box"]);
    // the liar keeps his own belief and thinks he was believed
    expect(s.answer("Where does Cy really think the key is?")).toEqual(["oak_chest"]);
    expect(s.answer("Where does Cy think Dee thinks the key is?")).toEqual(["tin_can"]);
    // believers take the speaker to be sincere
    expect(s.answer("Where does Ben think Cy thinks the key is?")).toEqual(["tin_can"]);
    // whether Ben believed Cy is Ben's affair: Dee still thinks Ben thinks oak_chest
    expect(s.answer("Where does Dee think Ben thinks the key is?")).toEqual(["oak_chest"]);
    // higher orders follow what each saw before leaving
    expect(s.answer("Where does Dee think Cy thinks Ben thinks Ada thinks the key is?")).toEqual([
      "tin_can"
    ]);
    expect(s.answer("Where does Ada think Dee thinks the key is?")).toEqual(["red_box"]);
    expect((s.world.tracker as unknown as { deceptions(): unknown[] }).deceptions()).toHaveLength(
      1
    );
  });

  it("gives the same answers on the possible-worlds tracker", () => {
    for (const trustKnown of [false, true]) {
      const a = runStory(hiTomStyle, { trustKnown });
      const b = runStory(hiTomStyle, {
        trustKnown,
        trackerFactory: (init) => new KripkeTracker({ ...init })
      });
      const agents = ["ada", "ben", "cy", "dee"];
      for (const x of agents)
        for (const y of agents) {
          if (x === y) continue;
          const q = `Where does ${x} think ${y} thinks the key is?`;
          expect([q, b.answer(q)]).toEqual([q, a.answer(q)]);
        }
    }
  });
});
