/**
 * Planning in an environment: a search over the actions of one agent in a PerspectiveEnv (the
 * others act by a given policy), where a state's epistemic side is the env's own ground-truth
 * tracker after the steps, so goals about beliefs (`B(agent_1, at(agent_0) = c3_2)`,
 * `!B(sally, at(marble) = box)`) are checked by the landed formula evaluation (`tracker.ask`).
 *
 * Envs cannot be copied mid-episode with their trackers, so a state is its action sequence:
 * generating a successor resets the env with the plan's seed and replays the sequence
 * (deterministic: the env's generator and the others' are reseeded each time). States are
 * deduplicated on the world's fluents, every tracked belief up to the tracker's depth and the
 * live agents.
 *
 * ```ts
 * const env = new SallyAnneWorld();
 * const r = new EpistemicPlanner().plan({
 *   env, agent: "anne", goal: "at(marble) = box & B(sally, at(marble) = basket)",
 *   others: (e, a, rng, t) => (t === 0 ? 2 : 0) // sally leaves first
 * });
 * r.plan; // ["wait", "move marble box"]
 * ```
 */
import type { AgentId } from "../epistemic/events";
import { formulaToString, type Formula } from "../epistemic/formula";
import {
  replayer,
  stateKey,
  trajectoryOf,
  type EnvBeliefStep,
  type ReplayOptions
} from "./env-replay";
import type { PlanTreeNode, SearchStrategy } from "./planner";
import {
  searchSpace,
  spaceSettings,
  type SimulatorPlanStats,
  type SpaceState
} from "./search-space";

export type { EnvBeliefStep, EnvOtherPolicy, PlanningEnv } from "./env-replay";

/**
 * Options of planning in an environment (`planner.plan({ env, goal })`).
 *
 * ```ts
 * planner.plan({ env, agent: "agent_0", goal: "B(agent_1, at(agent_0) = c2_2)", seed: 3 });
 * ```
 */
export interface EnvPlanOptions extends ReplayOptions {
  /** Longest plan searched (default 30). */
  maxDepth?: number;
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
 * The outcome of planning in an env: like the symbolic planner's, with `source: "env"`, the
 * action indices beside their names, and what a replay needs (agent, seed, goal).
 *
 * ```ts
 * if (r.status === "solved") validatePlan(r, { env: freshEnv }).valid; // true
 * ```
 */
export type EnvPlanResult = (
  | {
      status: "solved";
      plan: string[];
      actions: number[];
      length: number;
      beliefTrajectory: EnvBeliefStep[];
    }
  | { status: "unsolvable" | "timeout" | "limit"; message: string }
) & {
  source: "env";
  agent: AgentId;
  seed: number;
  goal: string;
  stats: SimulatorPlanStats;
  tree?: PlanTreeNode[];
};

interface EnvState extends SpaceState {
  path: number[];
}

/**
 * Plans in an environment (see the module comment and {@link EnvPlanOptions}); `plan({ env })`
 * of EpistemicPlanner calls it.
 *
 * ```ts
 * planInEnv({ env, agent: "anne", goal: "B(sally, at(marble) = basket)" });
 * ```
 */
export function planInEnv(options: EnvPlanOptions): EnvPlanResult {
  const settings = spaceSettings(options);
  const maxDepth = options.maxDepth ?? 30;
  if (!Number.isInteger(maxDepth) || maxDepth < 1)
    throw new RangeError(`maxDepth must be a positive integer (got ${String(maxDepth)})`);
  const r = replayer(options);
  // Goals still unmet: best-first's order, and what a recorded tree shows.
  const countUnmet = settings.strategy === "best-first" || Boolean(options.recordTree);
  const state = (path: number[]): EnvState => {
    const live = r.replay(path);
    const tracker = r.env.getTracker();
    return {
      path,
      key: stateKey(r, tracker),
      goal: tracker.ask!(r.goal.formula) === "yes",
      h: countUnmet ? r.goal.conjuncts.filter((c) => tracker.ask!(c) !== "yes").length : 0,
      terminal: !live || !r.env.agents.includes(r.agent)
    };
  };
  const { outcome, stats, tree } = searchSpace<EnvState>(
    {
      maxDepth,
      root: () => state([]),
      successors: (s, deadline) => {
        const out: { action: string; state: EnvState }[] = [];
        for (const a of r.choices) {
          if (Date.now() > deadline) break;
          out.push({ action: r.names[a], state: state([...s.path, a]) });
        }
        return out;
      }
    },
    settings
  );
  const base = {
    source: "env" as const,
    agent: r.agent,
    seed: r.seed,
    goal: formulaToString(r.goal.formula),
    stats: { ...stats, simulatorCalls: r.calls },
    ...(options.recordTree ? { tree } : {})
  };
  if (outcome.status !== "solved")
    return { ...base, status: outcome.status, message: outcome.message };
  const actions = outcome.path[outcome.path.length - 1].state.path;
  const beliefTrajectory = trajectoryOf(r, actions).steps;
  base.stats.simulatorCalls = r.calls;
  return {
    ...base,
    status: "solved",
    plan: actions.map((a) => r.names[a]),
    actions,
    length: actions.length,
    beliefTrajectory
  };
}

/**
 * What validating an env plan found: whether it ran and the goal holds at the end, where it
 * failed and why, and the belief trajectory up to there.
 *
 * ```ts
 * const check: EnvPlanCheck = validatePlan(r, { env });
 * ```
 */
export interface EnvPlanCheck {
  /** Whether the plan ran and the goal holds at the end. */
  valid: boolean;
  /** Why not, when it is not valid. */
  reason?: string;
  /** 1-based index of the failing step (0: the plan ran but the goal does not hold). */
  failedStep?: number;
  /** The steps replayed, from the reset to the last that ran. */
  trajectory: EnvBeliefStep[];
}

/**
 * Where and how to re-execute an env plan: the env (reset with the plan's seed) and, when the
 * plan is a bare list of actions, the goal, agent, others and seed it was made with.
 *
 * ```ts
 * const spec: EnvPlanSpec = { env: new SallyAnneWorld(), goal: "B(sally, at(marble) = basket)", agent: "anne" };
 * ```
 */
export type EnvPlanSpec = Omit<EnvPlanOptions, "goal"> & { goal?: string | Formula };

/**
 * Re-executes an env plan on `spec.env` from a reset with the plan's seed, with the others on
 * their policies, and checks the goal on the env's tracker. A plan result brings its own agent,
 * seed and goal; `spec` may override them.
 *
 * ```ts
 * validateEnvPlan(r, { env: new SallyAnneWorld(), others }).valid; // true
 * validateEnvPlan(["wait"], { env, agent: "anne", goal: "B(sally, at(marble) = box)" }).reason;
 * ```
 */
export function validateEnvPlan(
  plan: readonly (string | number)[] | EnvPlanResult,
  spec: EnvPlanSpec
): EnvPlanCheck {
  const fromResult = !Array.isArray(plan) ? (plan as EnvPlanResult) : undefined;
  if (fromResult && fromResult.status !== "solved") {
    throw new TypeError(`validatePlan: the result has no plan (status "${fromResult.status}")`);
  }
  const steps = fromResult
    ? (fromResult as Extract<EnvPlanResult, { status: "solved" }>).actions
    : (plan as readonly (string | number)[]);
  const goal = spec.goal ?? fromResult?.goal;
  if (goal === undefined)
    throw new TypeError("validatePlan: give the goal of a plan given as a list of actions");
  const r = replayer({
    ...spec,
    goal,
    agent: spec.agent ?? fromResult?.agent,
    seed: spec.seed ?? fromResult?.seed
  });
  const path: number[] = [];
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    const a = typeof s === "number" ? s : r.names.indexOf(s);
    if (!Number.isInteger(a) || a < 0 || a >= r.names.length) {
      const trajectory = trajectoryOf(r, path).steps;
      return {
        valid: false,
        failedStep: i + 1,
        reason: `step ${i + 1}: unknown action ${JSON.stringify(s)}`,
        trajectory
      };
    }
    path.push(a);
  }
  const { steps: trajectory, ended } = trajectoryOf(r, path);
  if (ended < path.length) {
    return {
      valid: false,
      failedStep: ended + 1,
      reason: `step ${ended + 1}: the episode is over for ${r.agent}`,
      trajectory
    };
  }
  const last = trajectory[trajectory.length - 1];
  if (r.env.getTracker().ask!(r.goal.formula) !== "yes") {
    const failing = last.goals.filter((g) => !g.holds).map((g) => g.formula);
    return {
      valid: false,
      failedStep: 0,
      reason: `the goal does not hold after the plan: ${failing.join(", ")}`,
      trajectory
    };
  }
  return { valid: true, trajectory };
}
