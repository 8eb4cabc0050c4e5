/**
 * PWMK, the Perspective World Model Kit: the names a notebook user needs, in one small module.
 *
 * ```ts
 * import * as pwmk from "pwmk";
 * const world = new pwmk.SallyAnneWorld();
 * world.reset();
 * world.script(["sally exit", "anne move marble box"]);
 * world.whereDoes(["sally"], "marble"); // ["basket"]
 * ```
 *
 * Advanced pieces live under subpaths, one per layer: `pwmk/random`, `pwmk/terms`,
 * `pwmk/beliefs`, `pwmk/epistemic`, `pwmk/stories`, `pwmk/envs`, `pwmk/data`, `pwmk/display`
 * (see docs/api.md). Each name here is re-exported from its layer's entry point, so it is the
 * same object under its subpath. Every name is documented where it is declared. kernel-lib/test/public-api.test.ts lists this module's names:
 * adding one is a decision, not an accident.
 * @module pwmk
 */

// ---- The package -----------------------------------------------------------------------------
export { version } from "./version";

// ---- Worlds: multi-agent environments with partial observability (more in pwmk/envs) ---------
export {
  MultiAgentBoxWorld,
  BeliefCircles,
  HideAndSeek,
  SocialDeception,
  SallyAnneWorld,
  type PerspectiveEnv
} from "./envs";

// ---- Stories: ToMi / Hi-ToM rooms, containers and conversations (more in pwmk/stories) -------
export { RoomWorld, runStory, type StoryRun } from "./stories";

// ---- Events and exact belief trackers (more in pwmk/epistemic) -------------------------------
export {
  ChainTracker,
  KripkeTracker,
  BeliefUpdater,
  type AgentId,
  type Fluent,
  type Value,
  type EpistemicEvent,
  type BeliefTracker,
  type TrackerInit,
  type BeliefUpdate
} from "./epistemic";

// ---- Epistemic formulas: "does anne know that sally believes ...?" ---------------------------
export { F, parseFormula, formulaToString, type Formula } from "./epistemic";

// ---- Probabilistic beliefs: distributions per fluent, Bayesian updates -----------------------
export { BeliefState, ProbabilisticBeliefs, FluentSpace } from "./epistemic";

// ---- The belief store: facts, rules and nested beliefs in Prolog or ASP (more in pwmk/beliefs)
export {
  BeliefStore,
  EpistemicQuery,
  type BeliefStoreOptions,
  type StoredBeliefs
} from "./beliefs";
export { syncTo } from "./epistemic";

// ---- Prolog terms: build, parse, print, convert (more in pwmk/terms) -------------------------
export {
  atom,
  num,
  str,
  v,
  compound,
  list,
  pred,
  believes,
  beliefChain,
  jsToTerm,
  termToJs,
  parseTerm,
  formatTerm,
  type Term
} from "./terms";

// ---- Display in Jupyter: rich outputs and the belief graph (more in pwmk/display) ------------
export {
  display,
  show,
  toMimeBundle,
  beliefGraph,
  escapeMarkup,
  displayHandle,
  liveTraining,
  trainingChart,
  searchTree,
  divergenceChart,
  trackDivergence,
  beliefGraphOf,
  recordTrajectory,
  predictionChart,
  type Displayable,
  type MimeBundle
} from "./display";

// ---- Datasets: collect trajectories, load, split and replay them (more in pwmk/data) ---------
export { DataCollector, TrajectoryDataset } from "./data";

// ---- The Perspective World Model on TensorFlow.js (more in pwmk/models) -----------------------
export { PerspectiveWorldModel, useBestBackend } from "./models";

// ---- Training the world model on datasets (more in pwmk/training) ----------------------------
export { WorldModelData, WorldModelTrainer } from "./training";

// ---- Acting from beliefs: belief MCTS and Theory-of-Mind agents (more in pwmk/planning, pwmk/agents)
export { BeliefMCTS } from "./planning";
export { ToMAgent } from "./agents";

// ---- Epistemic planning: plans toward goals about beliefs, from mA* problems (more in pwmk/planning)
export { EpistemicPlanner, parseMAStar, type PlanResult } from "./planning";

// ---- Unity ML-Agents scenes: launch, step, side channels (more in pwmk/unity) ----------------
export { UnityEnvironment } from "./unity";
