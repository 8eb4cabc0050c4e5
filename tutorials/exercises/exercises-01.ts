/**
 * Judges of tutorial 1, "What is a false belief?". Every judge asks pwmk: the student's world is
 * run through its own tracker, a formula is asked in several Sally-Anne scenes, so an answer is
 * checked by what the trackers compute, not against a stored string. A wrong answer gets a hint
 * that names the misconception; an answer of the wrong shape gets a message saying what is expected.
 */
import * as pwmk from "pwmk";
import type { Verdict } from "./check";

/** The room-world operations a judge reads (a `pwmk.RoomWorld` has them). */
type World = Pick<pwmk.RoomWorld, "whereDoes" | "whereIs" | "history" | "agents">;

/** The answer as a RoomWorld, or the message that says why it is not one. */
function asWorld(answer: unknown, what: string): World | string {
  const w = answer as Partial<World> | null;
  if (
    typeof w !== "object" ||
    w === null ||
    typeof w.whereDoes !== "function" ||
    typeof w.history !== "function"
  ) {
    return `answer with the world you built (${what}, a pwmk.RoomWorld), not a ${typeof answer === "object" ? "plain object" : typeof answer}`;
  }
  return w as World;
}

/** Where the object really is, as a one-element list (comparable with beliefs). */
const truth = (world: World, object: string): string[] => [world.whereIs(object)];
const same = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));
const places = (values: readonly string[]): string =>
  values.length === 1 ? `the ${values[0]}` : `any of ${values.join(", ")}`;

/** The world's agents, or a message naming the missing ones. */
function missingAgents(world: World, needed: readonly string[]): string | undefined {
  const missing = needed.filter((a) => !world.agents.includes(a));
  return missing.length
    ? `your world has no agent ${missing.join(" or ")} (its agents: ${world.agents.join(", ")})`
    : undefined;
}

/** 1.1: where Sally will look for the marble in `world` (the story as the notebook ran it). */
export function judge11(world: pwmk.RoomWorld) {
  return (answer: string): Verdict => {
    if (typeof answer !== "string")
      return `answer with the name of a container, as a string (in quotes)`;
    const said = answer
      .trim()
      .toLowerCase()
      .replace(/^the\s+/, "");
    const believed = world.whereDoes(["sally"], "marble");
    const real = truth(world, "marble");
    if (believed.includes(said)) return true;
    if (real.includes(said)) {
      return `that is where the marble IS; Sally did not see it move, so she looks where she believes it is`;
    }
    const containers = (world.trackerInit.domains?.["at(marble)"] ?? []) as string[];
    return `"${answer}" is not a container of this story; Sally can look in the ${containers.join(" or the ")}`;
  };
}

/**
 * Scenes in which 1.3's formula is compared with the intended one. The tells nobody trusts make
 * "what Anne thinks Sally thinks" differ from "what Sally thinks Anne thinks".
 */
const SCENES: Array<[string, (w: pwmk.RoomWorld) => void]> = [
  ["nobody moves", () => undefined],
  ["Sally leaves, Anne moves the marble", (w) => w.exit("sally").move("anne", "marble", "box")],
  ["Anne leaves, Sally moves the marble", (w) => w.exit("anne").move("sally", "marble", "box")],
  ["both watch the marble move", (w) => w.move("anne", "marble", "box")],
  [
    "Sally leaves, Anne moves it, Sally comes back",
    (w) => w.exit("sally").move("anne", "marble", "box").enter("sally", "room")
  ],
  [
    "Sally leaves, Anne moves it and tells her, Sally does not believe her",
    (w) =>
      w
        .exit("sally")
        .move("anne", "marble", "box")
        .tellPrivately("anne", "sally", "marble", "box", { trust: false })
  ],
  [
    "Anne leaves, Sally tells her (falsely) it is in the box, Anne does not believe her",
    (w) => w.exit("anne").tellPrivately("sally", "anne", "marble", "box", { trust: false })
  ]
];

function scene(play: (w: pwmk.RoomWorld) => void): pwmk.RoomWorld {
  const world = new pwmk.RoomWorld({
    agents: ["sally", "anne"],
    rooms: { room: ["basket", "box"] },
    objects: { marble: "basket" },
    agentRooms: { sally: "room", anne: "room" },
    trackerFactory: (init) => new pwmk.KripkeTracker(init)
  });
  play(world);
  return world;
}

/** The answers of `formula` in every scene (the KripkeTracker decides every formula exactly). */
function answersOf(formula: string): string[] {
  return SCENES.map(([, play]) => (scene(play).tracker as pwmk.KripkeTracker).ask(formula));
}

/** 1.3: the formula for "Anne believes that Sally believes the marble is in the basket". */
export const FORMULA_13 = "B(anne, B(sally, at(marble) = basket))";

/** Formulas students write by mistake, with what each mistake is. */
const MISREADINGS_13: Array<[string, string]> = [
  [
    "B(sally, B(anne, at(marble) = basket))",
    "you wrote what Sally thinks Anne thinks: the outer B names the one who holds the belief, so it must be Anne's"
  ],
  [
    "B(sally, at(marble) = basket)",
    "that is Sally's own belief; the sentence is about what Anne thinks Sally believes"
  ],
  [
    "B(anne, at(marble) = basket)",
    "that is where Anne herself thinks the marble is, not what she thinks Sally believes"
  ],
  [
    "at(marble) = basket",
    "that says where the marble IS; the sentence is about beliefs (B(agent, ...))"
  ]
];

/** 1.3: `answer` must mean the same as FORMULA_13 in every scene. */
export function judge13(answer: string): Verdict {
  if (typeof answer !== "string")
    return `answer with a formula written as a string, like "B(sally, at(marble) = box)"`;
  let mine: string[];
  try {
    pwmk.parseFormula(answer);
    mine = answersOf(answer);
  } catch (error) {
    return `pwmk cannot read that formula: ${(error as Error).message}`;
  }
  const intended = answersOf(FORMULA_13);
  if (mine.every((a, i) => a === intended[i])) return true;
  for (const [formula, misconception] of MISREADINGS_13) {
    const theirs = answersOf(formula);
    if (mine.every((a, i) => a === theirs[i])) return misconception;
  }
  const i = mine.findIndex((a, k) => a !== intended[k]);
  return `in the scene "${SCENES[i][0]}" your formula is ${mine[i]}, but Anne's belief about Sally's belief says ${intended[i]}`;
}

/** 1.2: a world in which Anne moved the marble while Sally was away, and Sally still knows where it is. */
export function judge12(answer: pwmk.RoomWorld): Verdict {
  const world = asWorld(answer, "sally, anne and the marble");
  if (typeof world === "string") return world;
  const missing = missingAgents(world, ["sally", "anne"]);
  if (missing) return missing;
  let real: string[];
  try {
    real = truth(world, "marble");
  } catch (error) {
    return `your world has no marble: ${(error as Error).message}`;
  }
  if (!real.includes("box"))
    return `the marble is in ${places(real)}: in the story Anne moves it to the box, so it must end there`;
  const unseenMove = world
    .history()
    .some((step) =>
      step.events.some(
        (e) =>
          e.kind === "ontic" &&
          e.actor === "anne" &&
          "at(marble)" in e.effects &&
          !("sally" in e.observers)
      )
    );
  if (!unseenMove) {
    return `Sally saw every move of the marble, so of course she knows: let Anne move it while Sally is out of the room, then give Sally a way to find out`;
  }
  const sally = world.whereDoes(["sally"], "marble");
  if (same(sally, real)) return true;
  if (sally.length > 1)
    return `Sally is unsure (it could be in ${places(sally)}): she has to see, or be told, where the marble is`;
  return `Sally still believes the marble is in ${places(sally)}: she was away when it moved, and nothing since showed her the box`;
}

/** 1.4: John is right about where the van is, and wrong about what Mary thinks. */
export function judge14(answer: pwmk.RoomWorld): Verdict {
  const world = asWorld(answer, "john, mary and the van");
  if (typeof world === "string") return world;
  const missing = missingAgents(world, ["john", "mary"]);
  if (missing) return missing;
  let real: string[];
  try {
    real = truth(world, "van");
  } catch (error) {
    return `your world has no van: ${(error as Error).message}`;
  }
  const john = world.whereDoes(["john"], "van");
  const mary = world.whereDoes(["mary"], "van");
  const johnOfMary = world.whereDoes(["john", "mary"], "van");
  if (!same(john, real)) {
    return `John himself is wrong about the van (he thinks ${places(john)}, it is in ${places(real)}): that is a first-order false belief; keep John watching the van`;
  }
  if (same(johnOfMary, mary)) {
    return `John is right about what Mary thinks (${places(mary)}): Mary must learn something that John does not know she learned`;
  }
  return true;
}
