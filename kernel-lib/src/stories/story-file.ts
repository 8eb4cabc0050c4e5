/**
 * Story files as the benchmarks ship them: a ToMi / bAbI file holds many stories one after the
 * other, each numbering its lines from 1 again; a Hi-ToM file holds one. `splitStories` cuts a
 * file into its stories and `runStoryFile` runs each and scores its questions.
 *
 * ```ts
 * const scored = runStoryFile(fs.readFileSync("stories.txt", "utf8"));
 * scored.correct / scored.asked; // accuracy over every question with a written answer
 * ```
 */
import { runStory, StoryError, StoryOptions } from "./story";

/**
 * One story cut from a file: its text and the file line its first line stands on (1-based).
 *
 * ```ts
 * splitStories("1 Mia entered the pantry.\n1 Leo entered the den.")[1].firstLine; // 2
 * ```
 */
export interface StoryInFile {
  /** The file line (1-based) of the story's first line. */
  firstLine: number;
  /** The story's lines, joined by "\n" (blank lines kept, so line numbers stay the file's). */
  text: string;
}

const NUMBERED = /^\s*(\d+)\s/;

/**
 * Cuts a story file into its stories: a new story starts where a numbered line restarts at 1
 * (ToMi, bAbI). A file without such restarts is one story; blank lines are kept in place so
 * line numbers stay those of the file.
 *
 * ```ts
 * splitStories("1 Mia entered the pantry.\n2 Where is Mia?\tpantry\t1\n1 Leo entered the den.").length; // 2
 * ```
 */
export function splitStories(text: string): StoryInFile[] {
  if (typeof text !== "string") throw new StoryError("a story file must be a string");
  const lines = text.split(/\r?\n/);
  const stories: StoryInFile[] = [];
  let start = 0;
  let seenNumbered = false;
  lines.forEach((line, i) => {
    const m = line.match(NUMBERED);
    if (!m) return;
    if (Number(m[1]) === 1 && seenNumbered) {
      stories.push({ firstLine: start + 1, text: lines.slice(start, i).join("\n") });
      start = i;
    }
    seenNumbered = true;
  });
  stories.push({ firstLine: start + 1, text: lines.slice(start).join("\n") });
  return stories.filter((s) => s.text.trim() !== "");
}

/**
 * One question of a story file, answered and scored (`correct` is undefined when the file
 * gives no answer to compare with).
 *
 * ```ts
 * const q: ScoredQuestion = { story: 1, line: 3, question: "Where is the plum?", expected: "crate", answer: ["crate"], correct: true };
 * ```
 */
export interface ScoredQuestion {
  /** The story's number in the file (1-based). */
  story: number;
  /** The line in the file (1-based). */
  line: number;
  /** The question as written, e.g. "Where will Sally look for the marble?". */
  question: string;
  /** The answer the file gives, when it gives one. */
  expected?: string;
  /** The containers the asked perspective holds possible (one: a definite answer). */
  answer: string[];
  /** Whether `answer` is exactly `[expected]`; undefined without an expected answer. */
  correct?: boolean;
}

/**
 * A story of the file that could not be read or run, with the file lines it names.
 *
 * ```ts
 * const f: FailedStory = { story: 2, lines: [9], error: "story 2 (from file line 7): line 3: cannot read \"Phone rang\"" };
 * ```
 */
export interface FailedStory {
  /** The story's number in the file (1-based). */
  story: number;
  /** The file lines (1-based) the error is about. */
  lines: number[];
  /** The error message, naming the story and the line. */
  error: string;
}

/**
 * What {@link runStoryFile} found: every question answered, the stories that failed, the
 * sentences skipped, and the score.
 *
 * ```ts
 * const { asked, correct, failed } = runStoryFile(text);
 * ```
 */
export interface ScoredStoryFile {
  /** Stories in the file. */
  stories: number;
  /** Every question of the stories that ran, in file order. */
  questions: ScoredQuestion[];
  /** The stories that could not be read or run. */
  failed: FailedStory[];
  /** Sentences left out under `unknownSentences: "skip"`: story, file line and text. */
  skipped: Array<{ story: number; line: number; text: string }>;
  /** Questions with a written answer. */
  asked: number;
  /** Of those, answered with exactly the written container. */
  correct: number;
}

/**
 * Runs every story of a file (see {@link splitStories}) and scores the questions that carry an
 * answer: an answer is correct when the asked perspective holds exactly the written container.
 * A story that cannot be read is listed in `failed` with its error; the others still run.
 * `onStory(done, total)` is told before each story and once at the end (for a progress display).
 *
 * ```ts
 * const scored = runStoryFile(text, { unknownSentences: "skip" });
 * console.log(`${scored.correct}/${scored.asked}`);
 * ```
 */
export function runStoryFile(
  text: string,
  options: StoryOptions = {},
  onStory?: (done: number, total: number) => void
): ScoredStoryFile {
  const out: ScoredStoryFile = {
    stories: 0,
    questions: [],
    failed: [],
    skipped: [],
    asked: 0,
    correct: 0
  };
  const stories = splitStories(text);
  stories.forEach((s, i) => {
    const story = i + 1;
    onStory?.(i, stories.length);
    const fileLine = (line: number) => s.firstLine + line - 1;
    out.stories++;
    try {
      const run = runStory(s.text, options);
      for (const sk of run.skipped)
        out.skipped.push({ story, line: fileLine(sk.line), text: sk.text });
      for (const q of run.questions) {
        const scored: ScoredQuestion = {
          story,
          line: fileLine(q.line),
          question: q.question,
          answer: q.answer
        };
        if (q.expected !== undefined) {
          const expected = q.expected.trim().toLowerCase();
          scored.expected = expected;
          scored.correct = q.answer.length === 1 && q.answer[0] === expected;
          out.asked++;
          if (scored.correct) out.correct++;
        }
        out.questions.push(scored);
      }
    } catch (e) {
      if (!(e instanceof StoryError)) throw e;
      const lines = e.lines.map(fileLine);
      // The message counts lines within the story; say where the story starts in the file.
      const message = `story ${story} (from file line ${s.firstLine}): ${e.message}`;
      out.failed.push({ story, lines, error: message });
    }
  });
  onStory?.(stories.length, stories.length);
  return out;
}
