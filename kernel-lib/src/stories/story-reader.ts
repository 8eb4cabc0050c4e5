/**
 * The sentence reader of ToMi / Hi-ToM story files: it splits a file into numbered sentences and
 * questions and reads each sentence into a story step, and each question into what it asks. It
 * knows nothing of rooms or beliefs (see story-layout.ts and story.ts for those).
 *
 * Forms read:
 * - one sentence per line, or several separated by ". ", with or without a leading line number;
 * - ToMi question lines `7 Where will A look for the O?<TAB>answer<TAB>1`;
 * - ToMi / bAbI statement lines with a tab and the ids of the agents who perceived the statement
 *   (`3 The plum is in the crate.<TAB>1 2`): the ids are ignored, since who perceives what
 *   follows from the story's rooms;
 * - Hi-ToM files: instructions, `Story:`, the story, `Question: …`, `Answer: …`, `Choices: …`,
 *   `Note: …` (everything before `Story:` is skipped).
 *
 * ```ts
 * readStory("1 Mia entered the pantry.\n2 Where is the plum?\tcrate\t1").map((s) => s.step?.op);
 * // ["enter", "question"]
 * ```
 */

/**
 * Thrown for a sentence or question a story cannot be read or run with; the message names the
 * line.
 *
 * ```ts
 * try { runStory("1 Mia juggled the plum."); } catch (e) { (e as StoryError).line; } // 1
 * ```
 */
export class StoryError extends Error {
  /** The line of the story text (1-based) the problem is on, when there is one. */
  readonly line?: number;
  /** Other lines involved (a clash names both). */
  readonly lines: number[];

  constructor(message: string, lines: number[] = []) {
    super(message);
    this.name = "StoryError";
    this.line = lines[0];
    this.lines = lines;
  }
}

/** One step of a story, read from one sentence. Names are lower-case atoms. */
export type Step =
  | { op: "enter"; agents: string[]; room: string }
  | { op: "exit"; agent: string; room: string }
  | { op: "reveal"; object: string; container: string }
  | {
      op: "move";
      agent: string;
      object: string;
      container: string;
      /** "A shifted the O from the C1 to the C2": where the story says it was. */
      from?: string;
      /** "A placed the O in the C": may be the object's first mention (where it starts). */
      place?: boolean;
    }
  | { op: "peek"; agent: string; container: string }
  | { op: "private"; speaker: string; listener: string; object: string; container: string }
  | { op: "public"; speaker: string; object: string; container: string }
  | { op: "truth"; speaker: string; listener: string; object: string }
  | { op: "none" }
  | { op: "question"; question: string; expected?: string };

/** A sentence of a story with where it stands. */
export interface Sentence {
  /** The line of the story text (1-based). */
  line: number;
  text: string;
  /** The step read, or undefined for a sentence the reader does not know. */
  step?: Step;
}

const W = "([A-Za-z][\\w-]*)";
const GROUP = `${W}(?:, ${W})*(?:,? and ${W})?`;
const PATTERNS: Array<[RegExp, (m: RegExpMatchArray) => Step]> = [
  [
    new RegExp(`^${GROUP} (?:entered|came into|(?:is|are) in) the ${W}$`),
    (m) => ({ op: "enter", agents: groupNames(m[0]), room: m[m.length - 1] })
  ],
  [
    new RegExp(`^${W} (?:exited|left|went out of) the ${W}$`),
    (m) => ({ op: "exit", agent: m[1], room: m[2] })
  ],
  [
    new RegExp(`^${W} (?:moved the ${W} to|shifted the ${W} from the ${W} to) the ${W}$`),
    (m) =>
      m[2] !== undefined
        ? { op: "move", agent: m[1], object: m[2], container: m[5] }
        : { op: "move", agent: m[1], object: m[3], container: m[5], from: m[4] }
  ],
  [
    new RegExp(`^${W} (?:placed|put) the ${W} in the ${W}$`),
    (m) => ({ op: "move", agent: m[1], object: m[2], container: m[3], place: true })
  ],
  [
    new RegExp(`^${W} (?:searched|looked) for the ${W} in the ${W}$`),
    (m) => ({ op: "peek", agent: m[1], container: m[3] })
  ],
  [new RegExp(`^${W} looked in the ${W}$`), (m) => ({ op: "peek", agent: m[1], container: m[2] })],
  [
    new RegExp(`^${W} (?:privately told|told|informed) ${W} that the ${W} is in the ${W}$`),
    (m) => ({ op: "private", speaker: m[1], listener: m[2], object: m[3], container: m[4] })
  ],
  [
    new RegExp(`^${W} publicly claimed that (?:the )?${W} is in the ${W}$`),
    (m) => ({ op: "public", speaker: m[1], object: m[2], container: m[3] })
  ],
  [
    new RegExp(`^${W} told ${W} where the ${W} is$`),
    (m) => ({ op: "truth", speaker: m[1], listener: m[2], object: m[3] })
  ],
  [new RegExp(`^${W} made no movements and stayed in the ${W} for .*$`), () => ({ op: "none" })],
  [new RegExp(`^${W} (?:likes|dislikes|loves|hates) the ${W}$`), () => ({ op: "none" })],
  [new RegExp(`^${W} (?:saw|lost) (?:a|an|the|his|her|their) ${W}$`), () => ({ op: "none" })]
];
const REVEAL = new RegExp(`^the ${W} is in the ${W}$`, "i");

/** "A, B and C entered the R": the agents' names, split from the text. */
function groupNames(sentence: string): string[] {
  const text = sentence.replace(/ (?:entered|came into|is in|are in) the [\w-]+$/, "");
  return text.split(/,? and |, /).map((s) => s.trim());
}

/** Atom-safe lower-case names, so "Sally" and "sally" are the same agent. */
export const norm = (s: string): string => s.toLowerCase().replace(/-/g, "_");

/** Reads one sentence (without its final period); undefined when the reader does not know it. */
export function readSentence(text: string): Step | undefined {
  // "The O is in the C" before "A is in the R": both match "X is in the Y".
  const reveal = text.match(REVEAL);
  if (reveal) return { op: "reveal", object: norm(reveal[1]), container: norm(reveal[2]) };
  for (const [re, make] of PATTERNS) {
    const m = text.match(re);
    if (!m) continue;
    const step = make(m) as Record<string, unknown>;
    for (const k of Object.keys(step)) {
      const v = step[k];
      if (typeof v === "string" && k !== "op") step[k] = norm(v);
      else if (Array.isArray(v)) step[k] = v.map((x) => norm(String(x)));
    }
    return step as Step;
  }
  return undefined;
}

/** Splits a story file into its sentences and questions, reading each. */
export function readStory(text: string): Sentence[] {
  let out: Sentence[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const body = raw.replace(/^\s*\d+\s+/, "").trim();
    // Hi-ToM files: instructions, then "Story:", the story, "Question: …", "Answer: …".
    if (/^story:/i.test(body)) {
      out = [];
      return;
    }
    const question = body.match(/^question:\s*(.+)$/i);
    if (question) {
      out.push({ line, text: question[1], step: { op: "question", question: question[1] } });
      return;
    }
    const answer = body.match(/^answer:\s*(.+)$/i);
    const last = out[out.length - 1]?.step;
    if (answer && last?.op === "question" && last.expected === undefined) {
      last.expected = answer[1].trim();
      return;
    }
    if (!body || /^[^A-Za-z]*$/.test(body) || /^(answer|choices|note)\b/i.test(body)) return;
    const [head, ...fields] = body.split("\t").map((x) => x.trim());
    // A question line: ToMi's "Where will Leo look for the plum?<TAB>crate<TAB>1".
    if (/\?$/.test(head) || /^where\b[^?]*\?/i.test(head)) {
      const step: Step = { op: "question", question: head };
      if (fields[0]) step.expected = fields[0];
      out.push({ line, text: head, step });
      return;
    }
    // A statement; any tab fields (ToMi / bAbI: the ids of the agents who perceived it) are
    // ignored, since who perceives what follows from the rooms.
    for (const s of head.split(/(?<=\.)\s+/)) {
      const t = s.trim().replace(/\.$/, "");
      if (t) out.push({ line, text: t, step: readSentence(t) });
    }
  });
  return out;
}

/** What a question asks: where the object is, was, or is believed to be along an agent chain. */
export type Query =
  | { kind: "reality"; object: string }
  | { kind: "memory"; object: string }
  | { kind: "belief"; chain: string[]; object: string };

const BELIEF_VERB = /^(?:[\w-]+) (?:really )?(?:thinks?|believes?|search(?:es)?|looks?(?: for)?)$/i;
const BELIEF_SPLIT = /(?<=\b(?:thinks?|believes?|search(?:es)?|looks?))(?: that)? /i;

/**
 * Reads a ToMi / Hi-ToM question: "Where is the O (really / located)?", "Where was the O at the
 * beginning / before?", "Where will A look for the O?", "Where does A (really) think / believe
 * the O is?", "Where does A think (that) B thinks / believes / searches / looks ... for the O?".
 * Undefined when it is none of these.
 *
 * ```ts
 * readQuestion("Where does Mia think that Leo searches for the plum?");
 * // { kind: "belief", chain: ["mia", "leo"], object: "plum" }
 * ```
 */
export function readQuestion(question: string): Query | undefined {
  const q = question
    .replace(/^\s*(question:)?\s*/i, "")
    .replace(/\s*\?.*$/s, "")
    .trim();
  let m = q.match(/^where is the ([\w-]+)(?: really| located)?$/i);
  if (m) return { kind: "reality", object: norm(m[1]) };
  m = q.match(/^where was the ([\w-]+) (?:at the beginning|before)$/i);
  if (m) return { kind: "memory", object: norm(m[1]) };
  m = q.match(/^where will ([\w-]+) look for the ([\w-]+)$/i);
  if (m) return { kind: "belief", chain: [norm(m[1])], object: norm(m[2]) };
  // Each agent is followed by a verb of belief or search ("really" before it, "that" after it).
  m = q.match(/^where does (.+?) (?:for )?the ([\w-]+)(?: is)?$/i);
  if (m) {
    const parts = m[1].split(BELIEF_SPLIT);
    if (parts.length > 0 && parts.every((p) => BELIEF_VERB.test(p.trim()))) {
      return {
        kind: "belief",
        chain: parts.map((p) => norm(p.trim().split(" ")[0])),
        object: norm(m[2])
      };
    }
  }
  return undefined;
}
