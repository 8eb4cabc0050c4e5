/**
 * Runs false-belief stories written in the sentence forms of the ToMi and Hi-ToM benchmarks on a
 * {@link RoomWorld}, and answers their questions ("Where does A think B thinks the O is?") at any
 * depth.
 *
 * Sentences understood (a leading line number, as in ToMi files, is ignored):
 * - `A entered the R.` / `A, B and C entered the R.` (or "came into") / `A is in the R.` /
 *   `A and B are in the R.` / `A exited the R.` (also "left the R", "went out of the R")
 * - `The O is in the C.` (seen by everyone in the room), `A moved the O to the C.`,
 *   `A shifted the O from the C1 to the C2.`, `A placed (put) the O in the C.`,
 *   `A looked in the C.`, `A searched (looked) for the O in the C.` (a look into C)
 * - `A privately told B that the O is in the C.` (also "told", "informed"),
 *   `A publicly claimed that (the) O is in the C.`, `A told B where the O is.` (the truth)
 * - `A made no movements and stayed in the R for 1 minute.` and distractors ("A likes the C",
 *   "A saw a cat", "A lost his watch") change nothing. Anything else is an error naming the line.
 * - A question line inside the story (ToMi files: `7 Where will A look for the O?<TAB>C<TAB>1`,
 *   Hi-ToM files: `Question: …` then `Answer: …`) is answered at that point of the story; see
 *   {@link StoryRun.questions}. Text before a `Story:` line (Hi-ToM's instructions) is skipped.
 *
 * Rooms, containers and objects are read from the story itself: a container belongs to the room
 * where it is first mentioned, an object starts where it is first said to be.
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
import { RoomWorld, RoomWorldSpec, TrustPolicy } from "./rooms";
import type { BeliefTracker, TrackerInit } from "../epistemic/tracker";

/** Thrown for a sentence or question the story runner does not understand or cannot apply. */
export class StoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoryError";
  }
}

/** Options of {@link runStory}. */
export interface StoryOptions {
  /** Who trusts a tell (default "recency": Hi-ToM's "trust whoever left the room later"). */
  trust?: TrustPolicy;
  /** Builds the tracker (default: a ChainTracker). */
  trackerFactory?: (init: TrackerInit) => BeliefTracker;
  /** Longest belief chain tracked (default 4, enough for Hi-ToM's fourth-order questions). */
  maxDepth?: number;
}

type Step =
  | { op: "enter"; agents: string[]; room: string }
  | { op: "at"; agents: string[]; room: string }
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
      place?: string;
    }
  | { op: "peek"; agent: string; container: string }
  | { op: "private"; speaker: string; listener: string; object: string; container: string }
  | { op: "public"; speaker: string; object: string; container: string }
  | { op: "truth"; speaker: string; listener: string; object: string }
  | { op: "none" }
  | { op: "question"; question: string; expected?: string };

/** A question found inside a story, answered at the point of the story where it stands. */
export interface StoryQuestion {
  /** The line of the story text (1-based). */
  line: number;
  question: string;
  /** The answer written after the question (ToMi: the text after the first tab), if any. */
  expected?: string;
  /** The containers the asked perspective considered possible at that point. */
  answer: string[];
}

const W = "([A-Za-z][\\w-]*)";
const PATTERNS: Array<[RegExp, (m: RegExpMatchArray) => Step]> = [
  [
    new RegExp(`^${W}(?:, ${W})*(?:,? and ${W})? (?:entered|came into) the ${W}$`),
    (m) => ({ op: "enter", ...groupStep(m, / (?:entered|came into) the [\w-]+$/) })
  ],
  [
    new RegExp(`^${W} (?:exited|left|went out of) the ${W}$`),
    (m) => ({ op: "exit", agent: m[1], room: m[2] })
  ],
  [
    new RegExp(`^the ${W} is in the ${W}$`, "i"),
    (m) => ({ op: "reveal", object: m[1], container: m[2] })
  ],
  [
    new RegExp(`^${W}(?:, ${W})*(?:,? and ${W})? (?:is|are) in the ${W}$`),
    (m) => ({ op: "at", ...groupStep(m, / (?:is|are) in the [\w-]+$/) })
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
    (m) => ({ op: "move", agent: m[1], object: m[2], container: m[3], place: "true" })
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

/** "A, B and C entered the R": the agents and the room. */
function groupStep(m: RegExpMatchArray, tail: RegExp): { agents: string[]; room: string } {
  // The repeated group keeps only its last capture, so split the names from the text instead.
  const text = m[0].replace(tail, "");
  const agents = text.split(/,? and |, /).map((s) => s.trim());
  return { agents, room: m[m.length - 1] };
}

/** Atom-safe lower-case names, so "Sally" and "sally" are the same agent. */
const norm = (s: string) => s.toLowerCase().replace(/-/g, "_");

/** Splits a story into sentences: one per line, or several per line separated by ". ". */
function sentences(text: string): Array<{ line: number; text: string; question?: boolean }> {
  let out: Array<{ line: number; text: string; question?: boolean }> = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\s*\d+\s+/, "").trim();
    // Hi-ToM files: instructions, then "Story:", the story, "Question: …", "Answer: …".
    if (/^story:/i.test(line)) {
      out = [];
      return;
    }
    const question = line.match(/^question:\s*(where\b.*)$/i);
    if (question) {
      out.push({ line: i + 1, text: question[1], question: true });
      return;
    }
    const answer = line.match(/^answer:\s*(.+)$/i);
    const last = out[out.length - 1];
    if (answer && last?.question && !last.text.includes("\t")) {
      last.text += `\t${answer[1]}`;
      return;
    }
    if (!line || /^[^A-Za-z]*$/.test(line) || /^(question|answer|choices|note)\b/i.test(line))
      return;
    // A question line, e.g. ToMi's "Where will Leo look for the plum?<TAB>crate<TAB>1".
    if (/^where\b[^?]*\?/i.test(line)) {
      out.push({ line: i + 1, text: line, question: true });
      return;
    }
    for (const s of line.split(/(?<=\.)\s+/)) {
      const t = s.trim().replace(/\.$/, "");
      if (t) out.push({ line: i + 1, text: t });
    }
  });
  return out;
}

function parse(s: { line: number; text: string; question?: boolean }): Step {
  if (s.question) {
    const [question, expected] = s.text.split("\t").map((x) => x.trim());
    return expected ? { op: "question", question, expected } : { op: "question", question };
  }
  for (const [re, make] of PATTERNS) {
    const m = s.text.match(re);
    if (m) {
      const step = make(m);
      for (const k of Object.keys(step) as Array<keyof Step>) {
        const v = (step as Record<string, unknown>)[k];
        if (k !== "op") {
          (step as Record<string, unknown>)[k] = Array.isArray(v)
            ? v.map((x) => norm(String(x)))
            : norm(String(v));
        }
      }
      return step;
    }
  }
  throw new StoryError(`line ${s.line}: cannot read "${s.text}"`);
}

/** A story that has been run: the world it built, and answers to questions about it. */
export class StoryRun {
  constructor(
    /** The room world the story ran on (its tracker holds every nested belief). */
    readonly world: RoomWorld,
    /**
     * The questions written inside the story, each answered where it stands (so a question
     * before later sentences is answered about the story up to that line).
     */
    readonly questions: StoryQuestion[] = []
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
    const q = question
      .replace(/^\s*(question:)?\s*/i, "")
      .replace(/\s*\?.*$/s, "")
      .trim();
    let m = q.match(/^where is the ([\w-]+)(?: really| located)?$/i);
    if (m) return [this.world.whereIs(norm(m[1]))];
    m = q.match(/^where was the ([\w-]+) (?:at the beginning|before)$/i);
    if (m) return [this.world.startContainer(norm(m[1]))];
    m = q.match(/^where will ([\w-]+) look for the ([\w-]+)$/i);
    if (m) return this.world.whereDoes([norm(m[1])], norm(m[2]));
    // "Where does A think that B believes C searches for the O?": each agent is followed by a
    // verb of belief or search (optionally "really" before it, "that" or "for" after it).
    m = q.match(/^where does (.+?) (?:for )?the ([\w-]+)(?: is)?$/i);
    if (m) {
      const verb = /^(?:[\w-]+) (?:really )?(?:thinks?|believes?|search(?:es)?|looks?(?: for)?)$/i;
      const parts = m[1].split(/(?<=\b(?:thinks?|believes?|search(?:es)?|looks?))(?: that)? /i);
      if (parts.length > 0 && parts.every((p) => verb.test(p.trim()))) {
        const chain = parts.map((p) => norm(p.trim().split(" ")[0]));
        return this.world.whereDoes(chain, norm(m[2]));
      }
    }
    throw new StoryError(`cannot read the question "${question}"`);
  }
}

/**
 * Reads a ToMi / Hi-ToM style story, builds its room world and runs every sentence on it.
 * Throws StoryError naming the line for a sentence it cannot read or apply.
 */
export function runStory(text: string, options: StoryOptions = {}): StoryRun {
  if (typeof text !== "string") throw new StoryError("a story must be a string");
  const parsed = sentences(text).map((s) => ({ ...s, step: parse(s) }));
  // Scan once for the layout: agents, rooms, containers (with their rooms) and start positions.
  const agents: string[] = [];
  const addAgent = (a: string) => agents.includes(a) || agents.push(a);
  const rooms = new Map<string, string[]>();
  const containerRoom = new Map<string, string>();
  const objects = new Map<string, string>();
  const where = new Map<string, string | undefined>();
  let scene: string | undefined;
  const claimed: Array<{ line: number; container: string; object: string }> = [];
  const place = (container: string, room: string | undefined, line: number) => {
    if (containerRoom.has(container)) return;
    if (!room)
      throw new StoryError(
        `line ${line}: the ${container} is mentioned before anyone is in a room`
      );
    containerRoom.set(container, room);
    rooms.get(room)!.push(container);
  };
  const addRoom = (r: string) => rooms.has(r) || rooms.set(r, []);
  for (const { line, step } of parsed) {
    switch (step.op) {
      case "enter":
        addRoom(step.room);
        step.agents.forEach((a) => (addAgent(a), where.set(a, step.room)));
        scene = step.room;
        break;
      case "at":
        addRoom(step.room);
        step.agents.forEach((a) => (addAgent(a), where.set(a, step.room)));
        scene = step.room;
        break;
      case "exit":
        addRoom(step.room);
        addAgent(step.agent);
        where.set(step.agent, undefined);
        break;
      case "reveal":
        place(step.container, scene, line);
        if (!objects.has(step.object)) objects.set(step.object, step.container);
        break;
      case "move":
        addAgent(step.agent);
        if (step.from !== undefined) place(step.from, where.get(step.agent) ?? scene, line);
        place(step.container, where.get(step.agent) ?? scene, line);
        if (!objects.has(step.object) && step.from !== undefined)
          objects.set(step.object, step.from);
        if (!objects.has(step.object) && step.place) objects.set(step.object, step.container);
        if (!objects.has(step.object)) {
          throw new StoryError(
            `line ${line}: the story moves the ${step.object} before saying where it is`
          );
        }
        break;
      case "peek":
        addAgent(step.agent);
        place(step.container, where.get(step.agent) ?? scene, line);
        break;
      case "private":
      case "public":
        addAgent(step.speaker);
        if (step.op === "private") addAgent(step.listener);
        claimed.push({ line, container: step.container, object: step.object });
        break;
      case "truth":
        addAgent(step.speaker);
        addAgent(step.listener);
        break;
      case "none":
      case "question":
        break;
    }
  }
  if (agents.length === 0) throw new StoryError("the story has no agents");
  // A container only ever named in a claim stands in the room of the object claimed to be in it.
  for (const c of claimed) {
    if (containerRoom.has(c.container)) continue;
    const at = objects.get(c.object);
    if (at === undefined)
      throw new StoryError(
        `line ${c.line}: the story claims where the ${c.object} is before saying where it is`
      );
    place(c.container, containerRoom.get(at), c.line);
  }
  const spec: RoomWorldSpec = {
    agents,
    rooms: Object.fromEntries(rooms),
    objects: Object.fromEntries(objects),
    trust: options.trust ?? "recency",
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
  for (const { line, text: sentence, step } of parsed) {
    try {
      if (step.op === "question") {
        const answer = new StoryRun(world).answer(step.question);
        questions.push({ line, question: step.question, expected: step.expected, answer });
      } else apply(world, step);
    } catch (e) {
      throw new StoryError(`line ${line} ("${sentence}"): ${(e as Error).message}`);
    }
  }
  return new StoryRun(world, questions);
}

function apply(w: RoomWorld, step: Step): void {
  switch (step.op) {
    case "enter":
      for (const a of step.agents) if (w.roomOf(a) !== step.room) w.enter(a, step.room);
      return;
    case "at":
      for (const a of step.agents) if (w.roomOf(a) !== step.room) w.enter(a, step.room);
      return;
    case "exit":
      if (w.roomOf(step.agent) !== step.room)
        throw new StoryError(`${step.agent} is not in the ${step.room}`);
      w.exit(step.agent);
      return;
    case "reveal":
      if (w.whereIs(step.object) !== step.container) {
        throw new StoryError(
          `the ${step.object} is in the ${w.whereIs(step.object)}, not in the ${step.container}`
        );
      }
      w.reveal(step.object);
      return;
    case "move":
      if (step.from !== undefined && w.whereIs(step.object) !== step.from) {
        throw new StoryError(
          `the ${step.object} is in the ${w.whereIs(step.object)}, not in the ${step.from}`
        );
      }
      if (w.whereIs(step.object) !== step.container) {
        w.move(step.agent, step.object, step.container);
      } else {
        // Put where it already is (e.g. where it starts): everyone present sees where it is.
        if (w.roomOf(step.agent) === undefined)
          throw new StoryError(`${step.agent} is not in any room`);
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
