/**
 * Judges of tutorial 2, "Levels of Theory of Mind". Each judge computes the right answer with pwmk
 * from what the notebook built (its formulas, its world, its decision table) and compares; a wrong
 * answer gets a hint that names the misconception, an answer of the wrong shape a message.
 */
import * as pwmk from "pwmk";
import type { Verdict } from "./check";

const isWholeNumber = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x);

/** The formulas directly inside `formula` (whatever its operator calls them). */
function subformulas(formula: pwmk.Formula): pwmk.Formula[] {
  return Object.values(formula)
    .flatMap((v: unknown) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is pwmk.Formula => typeof v === "object" && v !== null && "op" in v);
}

/**
 * The order of a formula: how deeply beliefs nest in it. A fact is order 0, `B(a, fact)` order 1,
 * `B(a, B(b, fact))` order 2; beliefs side by side (`&`, `|`) do not add up. Common belief
 * `C(group, fact)` nests without end: its order is Infinity.
 */
export function orderOf(formula: pwmk.Formula): number {
  const deepest = Math.max(0, ...subformulas(formula).map(orderOf));
  if (formula.op === "common") return Infinity;
  return formula.op === "believes" ? deepest + 1 : deepest;
}

/** How many belief operators a formula holds, nested or not (what a student may count instead). */
function beliefCount(formula: pwmk.Formula): number {
  return (
    (formula.op === "believes" ? 1 : 0) +
    subformulas(formula).reduce((n, f) => n + beliefCount(f), 0)
  );
}

/** 2.1: the order of each formula of `formulas`, in the same order. */
export function judge21(formulas: readonly string[]) {
  const parsed = formulas.map((f) => pwmk.parseFormula(f));
  return (answer: number[]): Verdict => {
    if (!Array.isArray(answer) || !answer.every(isWholeNumber)) {
      return `answer with a list of whole numbers, one per formula, like [1, 1, 1, 1, 1]`;
    }
    if (answer.length !== formulas.length)
      return `there are ${formulas.length} formulas; give one order for each (you gave ${answer.length})`;
    for (const [i, f] of parsed.entries()) {
      const right = orderOf(f);
      if (answer[i] === right) continue;
      const which = `formula ${i + 1} (${formulas[i]})`;
      if (right === 0)
        return `${which} is a plain fact about the world: no mind is involved, so it is order 0`;
      if (answer[i] === beliefCount(f) && beliefCount(f) !== right) {
        return `${which}: beliefs side by side do not add up; the order counts how deeply B( nests, not how many there are`;
      }
      if (answer[i] === right - 1)
        return `${which}: count every B(, the outermost one too (B(a, fact) is already first order)`;
      return `${which} is not of order ${answer[i]}: follow the B( inside one another from the outside in`;
    }
    return true;
  };
}

/** The smallest `maxDepth` (1..8) for which `build(maxDepth)` answers the chain, or undefined. */
export function smallestDepth(
  build: (maxDepth: number) => pwmk.RoomWorld,
  chain: readonly string[],
  object: string
): number | undefined {
  for (let depth = 1; depth <= 8; depth++) {
    try {
      build(depth).whereDoes(chain, object);
      return depth;
    } catch {
      // too shallow for this chain: try the next depth
    }
  }
  return undefined;
}

/** 2.2: the smallest maxDepth with which the world built by `build` answers `chain` about `object`. */
export function judge22(
  build: (maxDepth: number) => pwmk.RoomWorld,
  chain: readonly string[],
  object: string
) {
  const smallest = smallestDepth(build, chain, object);
  if (smallest === undefined)
    throw new Error(`no maxDepth up to 8 answers the chain ${chain.join(" → ")}`);
  return (answer: number): Verdict => {
    if (!isWholeNumber(answer) || answer < 1)
      return `answer with a whole number of at least 1 (a maxDepth)`;
    if (answer === smallest) return true;
    if (answer > smallest)
      return `maxDepth ${answer} works, but a smaller one does too: each level of tracking costs memory and time`;
    if (answer === smallest - 1) {
      return `with maxDepth ${answer} the world refuses the question: every agent of the chain ${chain.join(" → ")} is a level, the first one too`;
    }
    return `with maxDepth ${answer} the world refuses the question (try it: the error names the chain's length)`;
  };
}

/**
 * 2.3: a chain a → b → c along which a is wrong about what b thinks c thinks about `object`
 * (a false third-order belief: wrong about a belief, whatever the object's real place).
 */
export function judge23(world: pwmk.RoomWorld, object: string) {
  const show = (values: readonly string[]) => values.join(" or ");
  return (answer: string[]): Verdict => {
    if (!Array.isArray(answer) || !answer.every((a) => typeof a === "string")) {
      return `answer with a list of agent names, like ["a", "b", "c"]`;
    }
    const unknown = answer.filter((a) => !world.agents.includes(a));
    if (unknown.length)
      return `${unknown.join(", ")} is not an agent of this world (its agents: ${world.agents.join(", ")})`;
    if (answer.length !== 3) {
      return `a third-order belief is a chain of three agents (a thinks b thinks c thinks); yours has ${answer.length}`;
    }
    if (answer.some((a, i) => i > 0 && a === answer[i - 1])) {
      return `what an agent thinks it thinks is just what it thinks (agents know their own minds): use different agents next to each other`;
    }
    const [a, b, c] = answer;
    const attributed = world.whereDoes(answer, object);
    const actual = world.whereDoes([b, c], object);
    const same = attributed.length === actual.length && attributed.every((x) => actual.includes(x));
    if (!same) return true;
    if (!attributed.includes(world.whereIs(object))) {
      return `${a} thinks ${b} thinks ${c} thinks the ${show(attributed)}, and ${b} does think that: ${a} is right about ${b}'s belief, even though the ${object} is elsewhere. A false third-order belief is ${a} being wrong about what ${b} thinks ${c} thinks`;
    }
    return `${a} is right about what ${b} thinks ${c} thinks (the ${show(actual)}): look for an ${a} who missed an event that ${b} saw`;
  };
}

/** One row of the depth demonstration: the value of staying put in both situations. */
export interface DepthRow {
  depth: number;
  /** The searched value of staying put when the seeker did not see the hider step. */
  stayUnseen: number;
  /** The same when the seeker saw it. */
  staySeen: number;
}

/** Whether a row's two situations look different to the agent (by more than one point). */
export const tellsApart = (row: DepthRow): boolean => Math.abs(row.stayUnseen - row.staySeen) > 1;

/** 2.4: the depths (of the notebook's `rows`) at which the hider tells the two situations apart. */
export function judge24(rows: readonly DepthRow[]) {
  const right = rows.filter(tellsApart).map((r) => r.depth);
  return (answer: number[]): Verdict => {
    if (!Array.isArray(answer) || !answer.every(isWholeNumber))
      return `answer with a list of depths, like [0, 1]`;
    const unknown = answer.filter((d) => !rows.some((r) => r.depth === d));
    if (unknown.length)
      return `the table has depths ${rows.map((r) => r.depth).join(", ")}, not ${unknown.join(", ")}`;
    const wrong = answer.find((d) => !right.includes(d));
    if (wrong === 0) {
      return `a depth-0 agent treats the seeker as part of the environment: it has no model of what the seeker believes, so both situations look the same to it`;
    }
    if (wrong !== undefined)
      return `at depth ${wrong} the two values of staying put are within a point of each other`;
    const missed = right.find((d) => !answer.includes(d));
    if (missed !== undefined) {
      return `look again at depth ${missed}: staying put is worth very different amounts depending on whether the seeker saw the step`;
    }
    return true;
  };
}
