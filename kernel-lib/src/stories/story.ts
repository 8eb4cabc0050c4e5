/**
 * Runs false-belief stories written in the sentence forms of the ToMi and Hi-ToM benchmarks on a
 * {@link RoomWorld}, and answers their questions ("Where does A think B thinks the O is?") at any
 * depth. The sentence forms are read by story-reader.ts, the layout is inferred by
 * story-layout.ts; docs/stories.md lists both.
 *
 * ```ts
 * const story = runStory(`
 *   1 Sally entered the room.
 *   2 Anne entered the room.
 *   3 The marble is in the basket.
 *   4 Sally exited the room.
 *   5 Anne moved the marble to the box.`);
 * story.answer("Where will Sally look for the marble?");               // ["basket"]
 * story.answer("Where does Anne think Sally thinks the marble is?");   // ["basket"]
 * ```
 */
import { RoomWorld, RoomWorldSpec } from "./rooms";
import { inferLayout } from "./story-layout";
import { readQuestion, readStory, Sentence, Step, StoryError } from "./story-reader";

export { StoryError } from "./story-reader";

/**
 * Options of {@link runStory}: those of a {@link RoomWorld} (trust policy, whether trust is
 * known, tracker, depth, closed containers), and what to do with sentences the reader does not
 * know.
 *
 * ```ts
 * runStory(text, { trust: "recency", trustKnown: false, unknownSentences: "skip" });
 * ```
 */
export interface StoryOptions extends Pick<
  RoomWorldSpec,
  "trust" | "trustKnown" | "trackerFactory" | "maxDepth" | "closedContainers"
> {
  /**
   * A sentence the reader does not know ("Phone rang."): `"error"` (default) refuses the story
   * naming the line; `"skip"` goes on without it and lists it in {@link StoryRun.skipped}.
   */
  unknownSentences?: "error" | "skip";
}

/**
 * A question found inside a story, answered at the point of the story where it stands.
 *
 * ```ts
 * runStory("1 Mia entered the pantry.\n2 The plum is in the crate.\n3 Where is the plum?\tcrate\t1")
 *   .questions[0]; // { line: 3, question: "Where is the plum?", expected: "crate", answer: ["crate"] }
 * ```
 */
export interface StoryQuestion {
  /** The line of the story text (1-based). */
  line: number;
  /** The question as written, without its line number and answer. */
  question: string;
  /** The answer written after the question (ToMi: the text after the first tab), if any. */
  expected?: string;
  /** The containers the asked perspective considered possible at that point. */
  answer: string[];
}

/**
 * A sentence skipped under `unknownSentences: "skip"`.
 *
 * ```ts
 * runStory("1 Mia entered the pantry.\n2 Phone rang.", { unknownSentences: "skip" }).skipped;
 * // [{ line: 2, text: "Phone rang" }]
 * ```
 */
export interface SkippedSentence {
  /** The line of the story text (1-based). */
  line: number;
  /** The sentence, without its line number. */
  text: string;
}

/**
 * A story that has been run: the world it built, and answers to questions about it.
 *
 * ```ts
 * const run = runStory("1 Mia and Leo entered the pantry.\n2 The plum is in the crate.");
 * run.answer("Where does Mia think Leo thinks the plum is?"); // ["crate"]
 * ```
 */
export class StoryRun {
  constructor(
    /** The room world the story ran on (its tracker holds every nested belief). */
    readonly world: RoomWorld,
    /**
     * The questions written inside the story, each answered where it stands (so a question
     * before later sentences is answered about the story up to that line).
     */
    readonly questions: StoryQuestion[] = [],
    /** Sentences the reader did not know, skipped under `unknownSentences: "skip"`. */
    readonly skipped: SkippedSentence[] = []
  ) {}

  /**
   * Answers a ToMi / Hi-ToM question with the containers the asked perspective considers
   * possible (one container is a definite belief):
   * "Where is the O (really / located)?", "Where was the O at the beginning / before?",
   * "Where will A look for the O?", "Where does A (really) think / believe the O is?",
   * "Where does A think (that) B thinks / believes / searches / looks ... for the O?" to any depth.
   */
  answer(question: string): string[] {
    if (typeof question !== "string") throw new StoryError("a question must be a string");
    const q = readQuestion(question);
    if (!q) throw new StoryError(`cannot read the question "${question}"`);
    if (q.kind === "reality") return [this.world.whereIs(q.object)];
    if (q.kind === "memory") return [this.world.startContainer(q.object)];
    return this.world.whereDoes(q.chain, q.object);
  }
}

/**
 * Reads a ToMi / Hi-ToM style story, infers its layout, builds its room world and runs every
 * sentence on it. Throws StoryError naming the line for a sentence it cannot read (unless
 * `unknownSentences: "skip"`) or apply, and naming both lines of a clash in the layout.
 *
 * ```ts
 * const run = runStory("1 A and B entered the closet.\n2 C entered the bedroom.\n" +
 *   "3 The lemon is in the chest.\n4 B moved the lemon to the bucket.");
 * run.answer("Where does C think the lemon is?"); // every container: C never saw it
 * ```
 */
export function runStory(text: string, options: StoryOptions = {}): StoryRun {
  if (typeof text !== "string") throw new StoryError("a story must be a string");
  const unknown = options.unknownSentences ?? "error";
  if (unknown !== "error" && unknown !== "skip") {
    throw new StoryError(
      `unknownSentences must be "error" or "skip" (got ${JSON.stringify(unknown)})`
    );
  }
  const skipped: SkippedSentence[] = [];
  const sentences: Sentence[] = [];
  for (const s of readStory(text)) {
    if (s.step) sentences.push(s);
    else if (unknown === "skip") skipped.push({ line: s.line, text: s.text });
    else throw new StoryError(`line ${s.line}: cannot read "${s.text}"`, [s.line]);
  }
  const layout = inferLayout(sentences);
  const spec: RoomWorldSpec = {
    ...layout,
    trust: options.trust ?? "recency",
    trustKnown: options.trustKnown,
    closedContainers: options.closedContainers,
    trackerFactory: options.trackerFactory,
    maxDepth: options.maxDepth ?? 4
  };
  let world: RoomWorld;
  try {
    world = new RoomWorld(spec);
  } catch (e) {
    throw new StoryError(`cannot build the story's world: ${(e as Error).message}`);
  }
  const questions: StoryQuestion[] = [];
  for (const { line, text: sentence, step } of sentences) {
    if (step!.op === "question" && !readQuestion(step!.question)) {
      if (unknown === "skip") skipped.push({ line, text: sentence });
      else throw new StoryError(`line ${line}: cannot read the question "${sentence}"`, [line]);
      continue;
    }
    try {
      if (step!.op !== "question") apply(world, step!);
      else {
        const answer = new StoryRun(world).answer(step!.question);
        questions.push({ line, question: step!.question, expected: step!.expected, answer });
      }
    } catch (e) {
      throw new StoryError(`line ${line} ("${sentence}"): ${(e as Error).message}`, [line]);
    }
  }
  skipped.sort((a, b) => a.line - b.line);
  return new StoryRun(world, questions, skipped);
}

function apply(w: RoomWorld, step: Step): void {
  switch (step.op) {
    case "enter":
      for (const a of step.agents) if (w.roomOf(a) !== step.room) w.enter(a, step.room);
      return;
    case "exit":
      if (w.roomOf(step.agent) !== step.room)
        throw new StoryError(`${step.agent} is not in the ${step.room}`);
      w.exit(step.agent);
      return;
    case "reveal":
      w.reveal(step.object);
      return;
    case "move":
      if (w.whereIs(step.object) !== step.container) {
        w.move(step.agent, step.object, step.container);
      } else {
        // Put where it already is (e.g. where it starts): everyone present sees where it is.
        w.reveal(step.object);
      }
      return;
    case "peek":
      w.peek(step.agent, step.container);
      return;
    case "private":
      w.tellPrivately(step.speaker, step.listener, step.object, step.container);
      return;
    case "public":
      w.tellPublicly(step.speaker, step.object, step.container);
      return;
    case "truth":
      w.tellPrivately(step.speaker, step.listener, step.object, w.whereIs(step.object), {
        trust: true
      });
      return;
    case "none":
    case "question":
      return;
  }
}
