/**
 * Executing a plan: the belief trajectory (what is true and who believes what after each step)
 * and plan validation.
 *
 * ```ts
 * const check = validatePlan(["open_a", "peek_a"], problem);
 * check.valid; // true
 * check.trajectory[2].beliefs.a.tail; // true: a believes the coin shows tail
 * ```
 */
import { resolveFormula } from "../epistemic/formula-eval";
import {
  validateEnvPlan,
  type EnvPlanCheck,
  type EnvPlanResult,
  type EnvPlanSpec
} from "./env-planner";
import { formulaToMAStar } from "./mastar/print";
import type { PlanningProblem } from "./problem";
import { EpistemicState, holdsAt, initialState, progress } from "./state";

/**
 * The state after one step of a plan, as plain data: the true value of every fluent, what each
 * agent believes of each fluent (true, false, or "unknown" when it considers both possible), the
 * size of the contracted model, and which goal conjuncts hold.
 *
 * ```ts
 * const s: BeliefStep = trajectory[1];
 * s.action; // "open_a"
 * s.beliefs.b.opened; // "unknown" if b was not looking
 * ```
 */
export interface BeliefStep {
  /** 0 for the initial state, then 1, 2, ... */
  step: number;
  /** The action that led here (null for the initial state). */
  action: string | null;
  /** The true value of every fluent. */
  world: Record<string, boolean>;
  /** Per agent, per fluent: what the agent believes (true, false, or "unknown"). */
  beliefs: Record<string, Record<string, boolean | "unknown">>;
  /** Each goal conjunct in mA* syntax, and whether it holds here. */
  goals: Array<{ formula: string; holds: boolean }>;
  /** The number of worlds of the contracted model. */
  worlds: number;
}

/** The BeliefStep of a state. */
export function beliefStep(
  problem: PlanningProblem,
  state: EpistemicState,
  step: number,
  action: string | null
): BeliefStep {
  const m = state.model;
  const world: Record<string, boolean> = {};
  problem.fluents.forEach((f, i) => (world[f] = m.worlds[m.actual][i] === 1));
  const beliefs: BeliefStep["beliefs"] = {};
  problem.agents.forEach((a, ai) => {
    const seen = m.clusters[ai][m.clusterOf[ai][m.actual]];
    const row: Record<string, boolean | "unknown"> = {};
    problem.fluents.forEach((f, fi) => {
      let t = 0;
      for (const w of seen) t += m.worlds[w][fi];
      row[f] = t === seen.length ? true : t === 0 ? false : "unknown";
    });
    beliefs[a] = row;
  });
  const goals = problem.goalFormulas.map((g, i) => ({
    formula: formulaToMAStar(g),
    holds: holdsAt(m, problem.goalParts[i])
  }));
  return { step, action, world, beliefs, goals, worlds: m.size };
}

/**
 * What validatePlan found: whether every step was executable and the goal holds at the end,
 * where it failed and why, and the belief trajectory up to there.
 *
 * ```ts
 * const r: PlanCheck = validatePlan(["peek_a"], problem);
 * r.reason; // 'step 1: "peek_a" is not executable here'
 * ```
 */
export interface PlanCheck {
  /** Whether every step is executable and the goal holds at the end. */
  valid: boolean;
  /** Why not: the failing step and its action, or the goal conjuncts that do not hold. */
  reason?: string;
  /** 1-based index of the failing step (0: the plan ran but the goal does not hold). */
  failedStep?: number;
  /** The states reached, from the initial one to the last step that ran. */
  trajectory: BeliefStep[];
}

/**
 * Executes `plan` from the problem's initial state and checks the goal (the problem's, or
 * `goal` when given as a formula).
 *
 * ```ts
 * validatePlan(["open_a", "peek_a"], problem).valid; // true
 * validatePlan(["open_a"], problem).reason; // "the goal does not hold after the plan: B(a, tail)"
 * ```
 */
export function validatePlan(
  plan: readonly string[] | { plan: readonly string[] },
  problem: PlanningProblem
): PlanCheck;
/**
 * Re-executes a plan found in an environment on `spec.env` (see `validateEnvPlan`).
 *
 * ```ts
 * validatePlan(r, { env: new SallyAnneWorld(), others }).valid; // true
 * ```
 */
export function validatePlan(
  plan: readonly (string | number)[] | EnvPlanResult,
  spec: EnvPlanSpec
): EnvPlanCheck;
export function validatePlan(
  plan: readonly (string | number)[] | { plan: readonly string[] } | EnvPlanResult,
  problem: PlanningProblem | EnvPlanSpec
): PlanCheck | EnvPlanCheck {
  if (problem && "env" in problem) return validateEnvPlan(plan as EnvPlanResult, problem);
  const steps = Array.isArray(plan)
    ? (plan as readonly string[])
    : (plan as { plan: readonly string[] }).plan;
  if (!Array.isArray(steps) || steps.some((s) => typeof s !== "string")) {
    throw new TypeError("validatePlan: the plan must be a list of action names");
  }
  const byName = new Map(problem.actions.map((a) => [a.name, a]));
  let state = initialState(problem);
  const trajectory = [beliefStep(problem, state, 0, null)];
  for (let i = 0; i < steps.length; i++) {
    const action = byName.get(steps[i]);
    if (!action) {
      return {
        valid: false,
        failedStep: i + 1,
        reason: `step ${i + 1}: unknown action "${steps[i]}"`,
        trajectory
      };
    }
    const next = progress(problem, state, action);
    if (!next) {
      return {
        valid: false,
        failedStep: i + 1,
        reason: `step ${i + 1}: "${steps[i]}" is not executable here`,
        trajectory
      };
    }
    state = next;
    trajectory.push(beliefStep(problem, state, i + 1, steps[i]));
  }
  const goal = resolveFormula(problem.goal, problem.vocabulary);
  if (!holdsAt(state.model, goal)) {
    const failing = trajectory[trajectory.length - 1].goals
      .filter((g) => !g.holds)
      .map((g) => g.formula);
    return {
      valid: false,
      failedStep: 0,
      reason: `the goal does not hold after the plan: ${failing.join(", ")}`,
      trajectory
    };
  }
  return { valid: true, trajectory };
}
