/**
 * A learned world model as a BeliefMCTS simulator: the search's states are histories of joint
 * observations, and a step asks the PerspectiveWorldModel for the next frame after the searching
 * agent's action (the others on a fixed policy). The reward is a goal over the model's predicted
 * beliefs (1 when it holds at the threshold, which ends the episode; see model-goal.ts) or a
 * function of the predicted observations. The model's predictions are deterministic, so a
 * sampled root (several possible first frames, or histories) is where uncertainty enters.
 *
 * ```ts
 * const simulator = worldModelSimulator({ model, agent: "anne", goal: "B(sally, at(marble) = basket)" });
 * new BeliefMCTS({ simulator, numSimulations: 64, maxDepth: 6, seed: 1 }).search({ root: [startFrame] });
 * ```
 */
import type { AgentId } from "../epistemic/events";
import type { Formula } from "../epistemic/formula";
import { ModelError } from "../models/types";
import type { PerspectiveWorldModel } from "../models/world-model";
import { goalTerms } from "./goal-terms";
import type { MctsSimulator } from "./mcts";
import { MctsError } from "./mcts-error";
import { compileModelGoal, type ModelGoal, type ReadWorld } from "./model-goal";
import { modelPolicies, type ModelOtherPolicy } from "./model-planner";
import { ModelRunner, type ModelHistory } from "./model-runner";

/**
 * A state of the world-model simulator: one frame (one observation per agent) or a history of
 * frames with the joint actions between them.
 *
 * ```ts
 * const s: WorldModelSimState = [[0, 0], [0, 0]];
 * const h: WorldModelSimState = { frames: [[[0, 0], [0, 0]], [[1, 0], [0, 1]]], actions: [[1, 0]] };
 * ```
 */
export type WorldModelSimState =
  | readonly ArrayLike<number>[]
  | { frames: readonly (readonly ArrayLike<number>[])[]; actions: readonly (readonly number[])[] };

/**
 * Options of worldModelSimulator: the model, the searching agent, the others' policy, and either
 * a goal (reward 1 when it holds) or a reward function.
 *
 * ```ts
 * worldModelSimulator({ model, agent: 0, reward: (obs) => obs[0][0], done: (obs) => obs[0][0] >= 3 });
 * ```
 */
export interface WorldModelSimulatorOptions {
  /** The learned model searched in (its predictions are the simulator's steps). */
  model: PerspectiveWorldModel;
  /** The searching agent, by name (the belief spec's agents) or index (default 0). */
  agent?: AgentId | number;
  /** The others' policy (default "noop": action 0). */
  others?: ModelOtherPolicy | Record<AgentId, ModelOtherPolicy>;
  /** Reward 1, and the end, when this goal holds on the predicted beliefs. */
  goal?: string | Formula;
  /** The goal's threshold (default 0.5). */
  threshold?: number;
  /** Reads world fluents from predicted observations, for goals that name some outside beliefs. */
  readWorld?: ReadWorld;
  /** Instead of a goal: the reward of a step from the predicted observations; `beliefs()` predicts them. */
  reward?: (observations: Float32Array[], t: number, beliefs: () => Float32Array) => number;
  /** With `reward`: whether the episode ends. */
  done?: (observations: Float32Array[], t: number) => boolean;
  /** A label of the state for the tree (default the searching agent's observation, rounded). */
  describe?: (observations: Float32Array[]) => string;
}

/**
 * A BeliefMCTS simulator over a world model (see the module comment).
 *
 * ```ts
 * const mcts = new BeliefMCTS({ simulator: worldModelSimulator({ model, goal }), seed: 0 });
 * ```
 */
export function worldModelSimulator(
  options: WorldModelSimulatorOptions
): MctsSimulator<WorldModelSimState> {
  const model = options?.model;
  if (!model || typeof model.predict !== "function" || !model.config) {
    throw new MctsError("worldModelSimulator needs model: a PerspectiveWorldModel");
  }
  const spec = model.config.beliefSpec;
  const agents =
    spec?.agents ?? Array.from({ length: model.config.numAgents }, (_, n) => String(n));
  const self =
    typeof options.agent === "number" ? options.agent : agents.indexOf(options.agent ?? agents[0]);
  if (!Number.isInteger(self) || self < 0 || self >= model.config.numAgents) {
    throw new MctsError(
      `worldModelSimulator: unknown agent ${JSON.stringify(options.agent)}; the model's agents: ${agents.join(", ")}`
    );
  }
  if ((options.goal === undefined) === (options.reward === undefined)) {
    throw new MctsError("worldModelSimulator needs a goal or a reward function (one of them)");
  }
  let goal: ModelGoal | undefined;
  if (options.goal !== undefined) {
    if (!spec || spec.targets.length === 0) {
      throw new ModelError(
        "worldModelSimulator: a goal needs a model with a belief head (its configuration has no beliefSpec targets)"
      );
    }
    goal = compileModelGoal(
      goalTerms(options.goal),
      spec,
      options.readWorld,
      options.threshold ?? 0.5
    );
  }
  const policies = modelPolicies(agents, self, options.others, model.config.actionDim);
  const run = new ModelRunner(model);
  const window = model.config.maxSteps;
  let history: ModelHistory = { frames: [], actions: [] };
  let t = 0;
  const now = () => history.frames[history.frames.length - 1];
  return {
    numActions: model.config.actionDim,
    load(state) {
      history = loadHistory(run, state);
      t = 0;
    },
    step(action) {
      const joint = agents.map((_, n) => (n === self ? action : policies[n](t, now())));
      const [next] = run.nextFrames(history, [joint]);
      history.frames.push(next);
      history.actions.push(joint);
      if (history.frames.length > window) {
        // The model's context is maxSteps long: the oldest step drops out, as in its rollouts.
        history.frames.shift();
        history.actions.shift();
      }
      t++;
      let cached: Float32Array | undefined;
      const beliefs = () => (cached ??= run.beliefs([history])[0]);
      if (goal) {
        const reached = goal.holds({ probs: beliefs(), observations: next });
        return { reward: reached ? 1 : 0, done: reached };
      }
      return { reward: options.reward!(next, t, beliefs), done: options.done?.(next, t) ?? false };
    },
    describe: () =>
      options.describe
        ? options.describe(now())
        : Array.from(now()[self], (x) => x.toFixed(1)).join(",")
  };
}

function loadHistory(run: ModelRunner, state: WorldModelSimState): ModelHistory {
  if (Array.isArray(state))
    return { frames: [run.frameOf(state as ArrayLike<number>[], "state")], actions: [] };
  const h = state as Exclude<WorldModelSimState, readonly ArrayLike<number>[]>;
  if (
    !h ||
    !Array.isArray(h.frames) ||
    h.frames.length === 0 ||
    !Array.isArray(h.actions) ||
    h.actions.length !== h.frames.length - 1
  ) {
    throw new MctsError(
      "a world-model state is one frame (an observation per agent) or { frames, actions } with one joint action between frames"
    );
  }
  return {
    frames: h.frames.map((f, i) => run.frameOf(f, `state.frames[${i}]`)),
    actions: h.actions.map((a) => [...a])
  };
}
