/**
 * Infers a story's layout (its agents, rooms, which room each container stands in, where each
 * object starts) from what its sentences imply, before the story is run:
 * - a container used in a move, a shift, a placement or a look stands where the agent doing it
 *   is at that line (and so does the container the object is moved out of);
 * - an object starts where it is first said to be;
 * - a container only ever named in a claim stands in the room of the object claimed to be in it;
 * - a container nothing places stands in the room last entered before its first mention.
 * A story whose sentences put a container in two rooms, or an object in two containers at once,
 * is refused with a StoryError naming the lines that clash.
 *
 * ```ts
 * inferLayout(readStory("1 A and B entered the closet.\n2 C entered the bedroom.\n" +
 *   "3 The lemon is in the chest.\n4 B moved the lemon to the bucket.")).rooms;
 * // { closet: ["chest", "bucket"], bedroom: [] }
 * ```
 */
import { Sentence, StoryError } from "./story-reader";

/** A story's inferred layout, in the shape of a RoomWorldSpec. */
export interface StoryLayout {
  agents: string[];
  rooms: Record<string, string[]>;
  objects: Record<string, string>;
}

interface Placement {
  room: string;
  line: number;
  why: string;
}

/** Infers the layout of a read story (see the module comment); throws StoryError on a clash. */
export function inferLayout(sentences: readonly Sentence[]): StoryLayout {
  const agents: string[] = [];
  const addAgent = (a: string) => {
    if (!agents.includes(a)) agents.push(a);
  };
  const rooms: string[] = [];
  const addRoom = (r: string) => {
    if (!rooms.includes(r)) rooms.push(r);
  };
  const agentRoom = new Map<string, string | undefined>();
  /** Where each object is (layout-free: objects move only by the story's sentences). */
  const objectAt = new Map<string, { container: string; line: number }>();
  const start = new Map<string, string>();
  const placed = new Map<string, Placement>();
  /** The room last entered before a container's first mention (the fallback). */
  const firstScene = new Map<string, { line: number; room?: string }>();
  const claims: Array<{ line: number; container: string; object: string; holder: string }> = [];
  let scene: string | undefined;

  const mention = (container: string, line: number) => {
    if (!firstScene.has(container)) firstScene.set(container, { line, room: scene });
  };
  const place = (container: string, room: string, line: number, why: string) => {
    mention(container, line);
    const before = placed.get(container);
    if (before && before.room !== room) {
      throw new StoryError(
        `line ${before.line} puts the ${container} in the ${before.room} (${before.why}), but line ${line} puts it in the ${room} (${why})`,
        [before.line, line]
      );
    }
    if (!before) placed.set(container, { room, line, why });
  };
  const roomOf = (agent: string, line: number, doing: string): string => {
    const r = agentRoom.get(agent);
    if (r === undefined) {
      throw new StoryError(`line ${line}: ${agent} ${doing} but is not in any room`, [line]);
    }
    return r;
  };
  const locate = (object: string, container: string, line: number) => {
    objectAt.set(object, { container, line });
    if (!start.has(object)) start.set(object, container);
  };

  for (const { line, step } of sentences) {
    if (!step) continue;
    switch (step.op) {
      case "enter":
        addRoom(step.room);
        for (const a of step.agents) {
          addAgent(a);
          agentRoom.set(a, step.room);
        }
        scene = step.room;
        break;
      case "exit":
        addRoom(step.room);
        addAgent(step.agent);
        agentRoom.set(step.agent, undefined);
        break;
      case "reveal": {
        mention(step.container, line);
        const at = objectAt.get(step.object);
        if (at && at.container !== step.container) {
          throw new StoryError(
            `line ${line} says the ${step.object} is in the ${step.container}, but line ${at.line} put it in the ${at.container} and nothing moved it since`,
            [at.line, line]
          );
        }
        if (!at) locate(step.object, step.container, line);
        break;
      }
      case "move": {
        addAgent(step.agent);
        const room = roomOf(step.agent, line, `moves the ${step.object}`);
        const at = objectAt.get(step.object);
        if (step.from !== undefined && at && at.container !== step.from) {
          throw new StoryError(
            `line ${line} moves the ${step.object} from the ${step.from}, but line ${at.line} put it in the ${at.container} and nothing moved it since`,
            [at.line, line]
          );
        }
        const from = step.from ?? at?.container ?? (step.place ? step.container : undefined);
        if (from === undefined) {
          throw new StoryError(
            `line ${line}: the story moves the ${step.object} before saying where it is`,
            [line]
          );
        }
        const why = `${step.agent} moves the ${step.object} there`;
        place(from, room, line, `${step.agent} takes the ${step.object} from it there`);
        place(step.container, room, line, why);
        if (!at) locate(step.object, from, line);
        locate(step.object, step.container, line);
        break;
      }
      case "peek":
        addAgent(step.agent);
        place(
          step.container,
          roomOf(step.agent, line, `looks in the ${step.container}`),
          line,
          `${step.agent} looks in it there`
        );
        break;
      case "private":
      case "public": {
        addAgent(step.speaker);
        if (step.op === "private") addAgent(step.listener);
        const at = objectAt.get(step.object);
        if (!at) {
          throw new StoryError(
            `line ${line}: the story claims where the ${step.object} is before saying where it is`,
            [line]
          );
        }
        claims.push({ line, container: step.container, object: step.object, holder: at.container });
        break;
      }
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

  const roomOfContainer = new Map<string, string>();
  for (const [c, p] of placed) roomOfContainer.set(c, p.room);
  const fallback = (c: string): string => {
    const first = firstScene.get(c)!;
    if (first.room === undefined) {
      throw new StoryError(
        `line ${first.line}: the ${c} is mentioned before anyone is in a room, and nothing in the story says where it stands`,
        [first.line]
      );
    }
    return first.room;
  };
  // Containers the object moves through first, then the claimed ones beside their object.
  for (const c of firstScene.keys())
    if (!roomOfContainer.has(c)) roomOfContainer.set(c, fallback(c));
  for (const claim of claims) {
    if (!roomOfContainer.has(claim.container))
      roomOfContainer.set(claim.container, roomOfContainer.get(claim.holder)!);
  }
  const layout: Record<string, string[]> = Object.fromEntries(rooms.map((r) => [r, []]));
  for (const [c, r] of roomOfContainer) layout[r].push(c);
  return { agents, rooms: layout, objects: Object.fromEntries(start) };
}
