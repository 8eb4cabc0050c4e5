/**
 * Judges of tutorial 3, "From beliefs to plans". Each judge is built from the tutorial's own mA*
 * problem text (Coin in the Box with agents a, b, c) and answers with the planner's verdict: it
 * plans, validates or compares formulas on the states the problem can reach, so a student's answer
 * is checked by what pwmk computes, not against a stored string.
 */
import { EpistemicPlanner, parseMAStar } from "pwmk";
import {
  compileProblem,
  holdsAt,
  initialState,
  progress,
  validatePlan,
  withGoal,
  type EpistemicState,
  type PlanningProblem
} from "pwmk/planning";
import type { Verdict } from "./check";

/** 3.1: b knows that a knows whether the coin shows tail, and b does not know whether itself. */
export const GOAL_31 = "B(b, B(a, tail) | B(a, -tail)), -B(b, tail), -B(b, -tail)";
/** 3.3: b learns the face while c does not even suspect that a knows it. */
export const GOAL_33 = "B(b, tail), -B(c, B(a, tail) | B(a, -tail))";
/** 3.5: b believes tail; c believes neither face, nor that b believes tail. */
export const GOAL_35 = "B(b, tail), -B(c, tail), -B(c, -tail), -B(c, B(b, tail))";
/** 3.2 and 3.4: c believes that a knows whether the coin shows tail. */
export const C_SUSPECTS = "B(c, B(a, tail) | B(a, -tail))";
/** 3.4: the plan whose trajectory the student reads. */
export const PLAN_34 = ["open(a)", "peek(a)", "whisper(a,b)"];

const problemOf = (text: string): PlanningProblem => compileProblem(parseMAStar(text));
const show = (plan: readonly string[]): string => (plan.length ? plan.join(", ") : "(no action)");

/** Whether `goal` holds after `plan`. */
function holdsAfter(problem: PlanningProblem, plan: readonly string[], goal: string): boolean {
  return validatePlan(plan, withGoal(problem, goal)).valid;
}

/** Every state reachable in at most `depth` actions (up to bisimulation), with a plan to it. */
function reachable(
  problem: PlanningProblem,
  depth: number
): Array<{ state: EpistemicState; plan: string[] }> {
  const start = initialState(problem);
  const seen = new Map([[start.key, { state: start, plan: [] as string[] }]]);
  let frontier = [...seen.values()];
  for (let d = 0; d < depth; d++) {
    const next: typeof frontier = [];
    for (const node of frontier) {
      for (const action of problem.actions) {
        const state = progress(problem, node.state, action);
        if (!state || seen.has(state.key)) continue;
        const entry = { state, plan: [...node.plan, action.name] };
        seen.set(state.key, entry);
        next.push(entry);
      }
    }
    frontier = next;
  }
  return [...seen.values()];
}

function holdsIn(problem: PlanningProblem, state: EpistemicState): boolean {
  return problem.goalParts.every((part) => holdsAt(state.model, part));
}

/**
 * 3.1: a goal formula (mA* text) meaning GOAL_31. It is right when it holds in exactly the same
 * states reachable in four actions as GOAL_31 (up to bisimulation); otherwise the hint names a plan after
 * which the two differ.
 */
export function judge31(problemText: string): (answer: unknown) => Verdict {
  const problem = problemOf(problemText);
  const reference = withGoal(problem, GOAL_31);
  return (answer) => {
    if (typeof answer !== "string" || answer.trim() === "")
      return 'write the goal as mA* text in a string, e.g. "B(b, tail)"';
    let mine: PlanningProblem;
    try {
      mine = withGoal(problem, answer);
    } catch (error) {
      return `the planner cannot read your formula: ${(error as Error).message}`;
    }
    for (const { state, plan } of reachable(problem, 4)) {
      const yours = holdsIn(mine, state);
      if (yours === holdsIn(reference, state)) continue;
      if (!/B\(\s*b\s*,/.test(answer))
        return "the sentence is about what b believes: a formula about a alone holds whatever b thinks; wrap it in B(b, ...)";
      if (!answer.includes("|"))
        return "'a knows whether the coin shows tail' is a disjunction: a believes tail, or a believes -tail (write it with |)";
      if (yours && holdsAfter(problem, plan, "B(b, tail) | B(b, -tail)"))
        return `after ${show(plan)} your formula holds, but there b itself knows the face: say that b does not believe tail and does not believe -tail`;
      return yours
        ? `after ${show(plan)} your formula holds, but b does not believe there that a knows whether`
        : `after ${show(plan)} b believes a knows whether and b itself does not know, yet your formula is false there (does it say that b knows WHICH face a saw? b cannot know that)`;
    }
    return true;
  };
}

/** 3.3: the length of the shortest plan for GOAL_33, checked by running breadth-first search. */
export function judge33(problemText: string): (answer: unknown) => Verdict {
  const problem = problemOf(problemText);
  let shortest: number | undefined;
  const solve = (): number => {
    if (shortest !== undefined) return shortest;
    const r = new EpistemicPlanner().plan({
      problem,
      goal: GOAL_33,
      strategy: "bfs",
      timeout: 30_000
    });
    if (r.status !== "solved") throw new Error(`the planner found no plan (${r.message})`);
    return (shortest = r.length);
  };
  return (answer) => {
    if (typeof answer !== "number" || !Number.isInteger(answer) || answer < 0)
      return "answer with a whole number of actions, e.g. 3";
    const best = solve();
    if (answer === best) return true;
    if (answer > best)
      return `breadth-first search finds a plan shorter than ${answer} steps: which action of yours is not needed?`;
    const obvious = ["open(a)", "peek(a)", "whisper(a,b)"];
    const check = validatePlan(obvious, withGoal(problem, GOAL_33));
    if (answer === obvious.length && !check.valid)
      return `${show(obvious)} does not do it (${check.reason}): c is aware_of peek(a) while it looks, so c learns that a knows whether; what must happen before the peek?`;
    return `no plan of ${answer} steps reaches the goal (breadth-first search tried them all): the box must be open before a can peek, and a must know the face before telling it`;
  };
}

/** The problem with c's observation of peek(a) set to `kind` (its other lines unchanged). */
export function withCObservingPeek(
  problemText: string,
  kind: "full" | "partial" | "oblivious"
): string {
  const lines = problemText
    .split("\n")
    .filter((line) => !/^\s*c\s+(observes|aware_of)\s+peek\(a\)/.test(line));
  if (lines.length === problemText.split("\n").length)
    throw new Error("the problem has no line saying how c observes peek(a)");
  const rule = { full: "c observes peek(a);", partial: "c aware_of peek(a);", oblivious: "" }[kind];
  return [...lines, rule].join("\n");
}

const OBSERVER_KINDS = ["full", "partial", "oblivious"] as const;

/**
 * 3.2: how c must observe peek(a) so that after open(a), peek(a) c does not suspect that a knows
 * the face. The judge rebuilds the problem with the student's choice and runs the plan.
 */
export function judge32(problemText: string): (answer: unknown) => Verdict {
  return (answer) => {
    if (typeof answer !== "string" || !(OBSERVER_KINDS as readonly string[]).includes(answer))
      return `answer with one of ${OBSERVER_KINDS.map((k) => `"${k}"`).join(", ")}`;
    const kind = answer as (typeof OBSERVER_KINDS)[number];
    const problem = problemOf(withCObservingPeek(problemText, kind));
    const plan = ["open(a)", "peek(a)"];
    if (!holdsAfter(problem, plan, C_SUSPECTS)) return true;
    return kind === "full"
      ? "a full observer sees the peek and its outcome: c would learn the face itself, and that a knows it"
      : "a partial observer (aware_of) knows that a looked, though not what a saw: c then believes that a knows whether the coin shows tail";
  };
}

/**
 * 3.5: a plan (action names) after which GOAL_35 holds: b learns the face and c stays ignorant.
 * validatePlan says where a wrong plan fails; public actions get a hint of their own.
 */
export function judge35(problemText: string): (answer: unknown) => Verdict {
  const problem = withGoal(problemOf(problemText), GOAL_35);
  return (answer) => {
    if (!Array.isArray(answer) || answer.some((a) => typeof a !== "string"))
      return 'write the plan as a list of action names, e.g. ["open(a)", "peek(a)"]';
    const result = validatePlan(answer as string[], problem);
    if (result.valid) return true;
    const last = result.trajectory[result.trajectory.length - 1];
    const cStillLooks = last.world["looking(c)"] === true;
    if (answer.includes("shout(a)") && result.failedStep === 0 && cStillLooks)
      return "shout(a) is public: c observes it while c is looking, so c learns the face too";
    return `${result.reason}`;
  };
}

/**
 * 3.4: after which step of PLAN_34 c first believes that a knows whether (0: from the start;
 * "never" if it does not happen), read from the plan's belief trajectory.
 */
export function judge34(problemText: string): (answer: unknown) => Verdict {
  const problem = problemOf(problemText);
  const first = (): number | "never" => {
    for (let k = 0; k <= PLAN_34.length; k++)
      if (holdsAfter(problem, PLAN_34.slice(0, k), C_SUSPECTS)) return k;
    return "never";
  };
  return (answer) => {
    if (answer !== "never" && (typeof answer !== "number" || !Number.isInteger(answer)))
      return 'answer with a step number (0 for the start) or "never"';
    const right = first();
    if (answer === right) return true;
    if (answer === "never")
      return "c does not observe the whisper, but look at what c learned earlier in the plan";
    if (typeof right === "number" && (answer as number) > right)
      return `c believes it already after step ${right}: which action is c aware_of?`;
    return (answer as number) <= 0
      ? "at the start the box is closed and everybody knows that nobody knows the face"
      : `after step ${answer} (${PLAN_34[(answer as number) - 1] ?? "?"}) c does not yet have a reason to think a knows the face`;
  };
}
