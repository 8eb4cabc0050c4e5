/**
 * `pwmk/planning`: epistemic planning. The mA* reader (the language of the EFP planner family),
 * problems compiled to pointed Kripke models, the update models of mA* actions over the landed
 * product update, canonical state keys up to bisimulation, and the planner (breadth-first for
 * optimal length, greedy best-first to scale further), plan validation and belief trajectories.
 *
 * ```ts
 * import { EpistemicPlanner, parseMAStar, validatePlan, compileProblem } from "pwmk/planning";
 * const problem = compileProblem(parseMAStar(text));
 * const r = new EpistemicPlanner().plan({ problem, timeout: 10_000 });
 * if (r.status === "solved") validatePlan(r.plan, problem).valid; // true
 * ```
 * @module pwmk/planning
 */
export type { MAFormula, MALaw, MALiteral, MAStarProblem, SourcePos } from "./mastar/ast";
export { MAStarSyntaxError } from "./mastar/lexer";
export { parseMAStar, parseMAStarFormula } from "./mastar/parser";
export { formulaToMAStar } from "./mastar/print";
export {
  compileProblem,
  goalFormula,
  withGoal,
  type ConditionalEffect,
  type PlanningAction,
  type PlanningProblem
} from "./problem";
export { canonicalKey, holdsAt, initialState, progress, type EpistemicState } from "./state";
export {
  EpistemicPlanner,
  toProblem,
  type PlanOptions,
  type PlanResult,
  type PlanStats,
  type PlanTreeNode,
  type SearchCounts,
  type SearchStrategy
} from "./planner";
export { validatePlan, type BeliefStep, type PlanCheck } from "./trajectory";
export {
  planInEnv,
  validateEnvPlan,
  type EnvBeliefStep,
  type EnvOtherPolicy,
  type EnvPlanCheck,
  type EnvPlanOptions,
  type EnvPlanResult,
  type EnvPlanSpec,
  type PlanningEnv
} from "./env-planner";
export type { SimulatorPlanStats } from "./search-space";
export {
  planInWorldModel,
  type ModelBeliefStep,
  type ModelOtherPolicy,
  type ModelPlanOptions,
  type ModelPlanResult
} from "./model-planner";
export type { ReadWorld } from "./model-goal";
export {
  worldModelSimulator,
  type WorldModelSimState,
  type WorldModelSimulatorOptions
} from "./mcts-world-model";
export {
  BeliefMCTS,
  MctsError,
  type BeliefMCTSOptions,
  type BeliefRoot,
  type MctsSimulator,
  type SearchResult,
  type MctsTree,
  type MctsTreeNode
} from "./mcts";
export {
  envSimulator,
  type EnvSimulatorOptions,
  type OtherPolicy,
  type SimulableEnv
} from "./mcts-env";
