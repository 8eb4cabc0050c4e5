/**
 * Planning in a learned world model: the same search as in an environment, but every step is
 * predicted. From a start frame (one observation per agent), each candidate action of the
 * planning agent (the others on a fixed policy) gives a predicted next frame, and the belief head
 * gives every agent's belief probabilities after it; the goal is evaluated on those probabilities
 * (see model-goal.ts: degrees, held at a threshold of 0.5 by default). The result is marked
 * `source: "model"` and its trajectory holds the probabilities, not certainties: validate a model
 * plan in the real env (`validatePlan(plan, { env })`) before trusting it.
 *
 * ```ts
 * const r = new EpistemicPlanner().plan({
 *   worldModel: model, start: firstObservations, agent: "anne",
 *   goal: "B(anne, at(marble) = box) & B(sally, at(marble) = basket)"
 * });
 * if (r.status === "solved") r.beliefTrajectory[r.length].goals; // degrees of each conjunct
 * ```
 */
import type { AgentId, Fluent, Value } from "../epistemic/events";
import { formulaToString, type Formula } from "../epistemic/formula";
import { ModelError } from "../models/types";
import type { PerspectiveWorldModel } from "../models/world-model";
import { goalTerms } from "./goal-terms";
import { compileModelGoal, type ModelGoal, type ReadWorld } from "./model-goal";
import { ModelRunner, type ModelHistory } from "./model-runner";
import type { PlanTreeNode, SearchStrategy } from "./planner";
import {
  searchSpace,
  spaceSettings,
  type SimulatorPlanStats,
  type SpaceState
} from "./search-space";

/**
 * How another agent acts in a world model: "noop" (action 0), a fixed action, or a function of
 * the step and the current predicted observations.
 *
 * ```ts
 * const leaveFirst: ModelOtherPolicy = (t) => (t === 0 ? 2 : 0);
 * ```
 */
export type ModelOtherPolicy =
  "noop" | number | ((t: number, observations: Float32Array[]) => number);

/**
 * Options of planning in a learned world model (`planner.plan({ worldModel, start, goal })`).
 *
 * ```ts
 * planner.plan({ worldModel: model, start: [obsSally, obsAnne], agent: "anne", goal, threshold: 0.6 });
 * ```
 */
export interface ModelPlanOptions {
  /** A PerspectiveWorldModel with a belief head (a beliefSpec). */
  worldModel: PerspectiveWorldModel;
  /** The first frame: one observation per agent, in the model's agent order. */
  start: readonly ArrayLike<number>[];
  /** The goal on the predicted beliefs, as formula text (`parseFormula`'s syntax) or a Formula. */
  goal: string | Formula;
  /** The planning agent, by name (the belief spec's agents) or index. Default the first. */
  agent?: AgentId | number;
  /** The others' policy: one for all or per agent name. Default "noop". */
  others?: ModelOtherPolicy | Record<AgentId, ModelOtherPolicy>;
  /** Reads world fluents from predicted observations (needed when the goal has some outside a belief). */
  readWorld?: ReadWorld;
  /** A formula holds when its degree is at least this (default 0.5). */
  threshold?: number;
  /** The planning agent's actions to consider (default 0 .. actionDim - 1). */
  actions?: readonly number[];
  /** Names of the actions in the plan (default their numbers). */
  actionNames?: readonly string[];
  /** Longest plan (default the smaller of 8 and the model's maxSteps - 1). */
  maxDepth?: number;
  /** States whose predicted observations and belief probabilities agree to this many decimals are one (default 2). */
  keyDecimals?: number;
  /** Milliseconds before the search gives up with status "timeout" (default 60000). */
  timeout?: number;
  /** "bfs" (default; shortest plan) or "best-first" (goal count). */
  strategy?: SearchStrategy;
  /** Stop with status "limit" after this many expansions (default: no limit). */
  maxExpansions?: number;
  /** Record the search tree (up to this many nodes; true means 5000). */
  recordTree?: boolean | number;
  /** Skip states whose key was seen (default true). */
  dedup?: boolean;
}

/**
 * One predicted step: the joint action, every agent's predicted observation, each agent's belief
 * probabilities per target, what readWorld read (if given) and each goal conjunct's degree.
 *
 * ```ts
 * step.beliefs.sally["at(marble)"].basket; // 0.91
 * ```
 */
export interface ModelBeliefStep {
  /** 0 for the start frame, then 1, 2, ... */
  step: number;
  /** The planning agent's action (its name); null at the start. */
  action: string | null;
  /** Every agent's action, in the model's agent order; null at the start. */
  joint: number[] | null;
  /** Every agent's (predicted) observation, in the model's agent order. */
  observations: number[][];
  /** Per agent, per belief target, the predicted probability of each value. */
  beliefs: Record<AgentId, Record<string, Record<string, number>>>;
  /** What `readWorld` read from the observations, when given. */
  world?: Record<Fluent, Value | Record<string, number>>;
  /** Each goal conjunct, its degree (0-1) and whether it reaches the threshold. */
  goals: { formula: string; degree: number; holds: boolean }[];
}

/**
 * The outcome of planning in a world model: like the other planners', with `source: "model"`
 * and the threshold the goal was held at.
 *
 * ```ts
 * if (r.status === "solved") r.actions; // [4]
 * ```
 */
export type ModelPlanResult = (
  | {
      status: "solved";
      plan: string[];
      actions: number[];
      length: number;
      beliefTrajectory: ModelBeliefStep[];
    }
  | { status: "unsolvable" | "timeout" | "limit"; message: string }
) & {
  source: "model";
  agent: AgentId;
  goal: string;
  threshold: number;
  stats: SimulatorPlanStats;
  tree?: PlanTreeNode[];
};

interface ModelState extends SpaceState {
  history: ModelHistory;
  probs: Float32Array;
  path: number[];
}

/**
 * Plans in a learned world model (see the module comment); `plan({ worldModel })` of
 * EpistemicPlanner calls it.
 *
 * ```ts
 * planInWorldModel({ worldModel: model, start, goal: "B(sally, at(marble) = basket)" });
 * ```
 */
export function planInWorldModel(options: ModelPlanOptions): ModelPlanResult {
  const model = options.worldModel;
  if (!model || typeof model.predict !== "function" || !model.config) {
    throw new TypeError("plan({ worldModel }) needs a PerspectiveWorldModel");
  }
  const spec = model.config.beliefSpec;
  if (!spec || spec.targets.length === 0) {
    throw new ModelError(
      "plan({ worldModel }) needs a model with a belief head (its configuration has no beliefSpec targets)"
    );
  }
  const settings = spaceSettings(options);
  const maxDepth = options.maxDepth ?? Math.min(8, model.config.maxSteps - 1);
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > model.config.maxSteps - 1) {
    throw new RangeError(
      `maxDepth must be an integer from 1 to the model's maxSteps - 1 (${model.config.maxSteps - 1}), got ${String(maxDepth)}`
    );
  }
  const decimals = options.keyDecimals ?? 2;
  const agentIdx = resolveAgent(spec.agents, options.agent);
  const A = model.config.actionDim;
  const choices = options.actions ? [...options.actions] : Array.from({ length: A }, (_, i) => i);
  for (const a of choices)
    if (!Number.isInteger(a) || a < 0 || a >= A)
      throw new RangeError(`actions: ${String(a)} is not an action of the model (0 .. ${A - 1})`);
  const names = options.actionNames
    ? [...options.actionNames]
    : Array.from({ length: A }, (_, i) => String(i));
  if (names.length !== A) throw new RangeError(`actionNames must name all ${A} actions`);
  const threshold = options.threshold ?? 0.5;
  const goal = compileModelGoal(goalTerms(options.goal), spec, options.readWorld, threshold);
  const others = modelPolicies(spec.agents, agentIdx, options.others, A);
  const run = new ModelRunner(model);
  const start = run.frameOf(options.start);

  const make = (history: ModelHistory, probs: Float32Array, path: number[]): ModelState => {
    const point = { probs, observations: history.frames[history.frames.length - 1] };
    const scale = 10 ** decimals;
    const round = (x: number) => Math.round(x * scale);
    const key =
      point.observations.map((o) => Array.from(o, round).join(",")).join("/") +
      "|" +
      Array.from(probs, round).join(",");
    return {
      history,
      probs,
      path,
      key,
      goal: goal.holds(point),
      h: goal.unmet(point),
      terminal: false
    };
  };
  const { outcome, stats, tree } = searchSpace<ModelState>(
    {
      maxDepth,
      root: () => {
        const history = { frames: [start], actions: [] };
        return make(history, run.beliefs([history])[0], []);
      },
      successors: (s) => {
        const t = s.path.length;
        const now = s.history.frames[t];
        const joints = choices.map((a) =>
          spec.agents.map((_, n) => (n === agentIdx ? a : others[n](t, now)))
        );
        const frames = run.nextFrames(s.history, joints);
        const histories = joints.map((joint, i) => ({
          frames: [...s.history.frames, frames[i]],
          actions: [...s.history.actions, joint]
        }));
        const probs = run.beliefs(histories);
        return choices.map((a, i) => ({
          action: names[a],
          state: make(histories[i], probs[i], [...s.path, a])
        }));
      }
    },
    settings
  );
  const base = {
    source: "model" as const,
    agent: spec.agents[agentIdx],
    goal: formulaToString(goalTerms(options.goal).formula),
    threshold,
    stats: { ...stats, simulatorCalls: run.calls },
    ...(options.recordTree ? { tree } : {})
  };
  if (outcome.status !== "solved")
    return { ...base, status: outcome.status, message: outcome.message };
  const path = outcome.path;
  const last = path[path.length - 1].state;
  return {
    ...base,
    status: "solved",
    plan: last.path.map((a) => names[a]),
    actions: last.path,
    length: last.path.length,
    beliefTrajectory: path.map(({ action, state }, k) =>
      stepOf(k, action, state, spec.agents, spec.targets, goal, options.readWorld)
    )
  };
}

function resolveAgent(agents: readonly AgentId[], agent: AgentId | number | undefined): number {
  if (agent === undefined) return 0;
  const n = typeof agent === "number" ? agent : agents.indexOf(agent);
  if (!Number.isInteger(n) || n < 0 || n >= agents.length) {
    throw new RangeError(
      `unknown agent ${JSON.stringify(agent)}; the model's agents: ${agents.join(", ")}`
    );
  }
  return n;
}

/**
 * Each agent's policy as a function of the step and the frame (the planning agent's is unused).
 *
 * ```ts
 * modelPolicies(["a", "b"], 0, "noop", 5)[1](0, frame); // 0
 * ```
 */
export function modelPolicies(
  agents: readonly AgentId[],
  self: number,
  others: ModelOtherPolicy | Record<AgentId, ModelOtherPolicy> | undefined,
  actionDim: number
): ((t: number, observations: Float32Array[]) => number)[] {
  const perAgent = typeof others === "object" && others !== null ? others : undefined;
  if (perAgent) {
    for (const a of Object.keys(perAgent)) {
      if (!agents.includes(a))
        throw new RangeError(
          `others: unknown agent ${JSON.stringify(a)}; the model's agents: ${agents.join(", ")}`
        );
    }
  }
  return agents.map((name, n) => {
    const p = perAgent ? (perAgent[name] ?? "noop") : (others ?? "noop");
    const check = (a: number, where: string): number => {
      if (!Number.isInteger(a) || a < 0 || a >= actionDim) {
        throw new RangeError(
          `${where}: the action of ${name} must be an integer from 0 to ${actionDim - 1}, got ${String(a)}`
        );
      }
      return a;
    };
    if (n === self || p === "noop") return () => 0;
    if (typeof p === "number") {
      const a = check(p, "others");
      return () => a;
    }
    if (typeof p === "function") return (t, obs) => check(p(t, obs), `others at step ${t}`);
    throw new RangeError(
      `others: the policy of ${name} must be "noop", an action number or a function, got ${JSON.stringify(p)}`
    );
  });
}

function stepOf(
  k: number,
  action: string | null,
  s: ModelState,
  agents: readonly AgentId[],
  targets: readonly { name: string; values: string[] }[],
  goal: ModelGoal,
  readWorld: ReadWorld | undefined
): ModelBeliefStep {
  const observations = s.history.frames[k];
  const V = s.probs.length / agents.length;
  const beliefs: ModelBeliefStep["beliefs"] = {};
  agents.forEach((a, n) => {
    const row: Record<string, Record<string, number>> = {};
    let offset = n * V;
    for (const t of targets) {
      row[t.name] = Object.fromEntries(t.values.map((v, i) => [v, s.probs[offset + i]]));
      offset += t.values.length;
    }
    beliefs[a] = row;
  });
  const point = { probs: s.probs, observations };
  return {
    step: k,
    action,
    joint: k === 0 ? null : [...s.history.actions[k - 1]],
    observations: observations.map((o) => Array.from(o)),
    beliefs,
    ...(readWorld ? { world: readWorld(observations) } : {}),
    goals: goal.parts(point)
  };
}
