/**
 * The epistemic planner: breadth-first search (optimal plan length) or greedy best-first search
 * over epistemic states, each a contracted pointed Kripke model deduplicated by its canonical
 * key, so a state bisimilar to one already seen is never expanded again.
 *
 * ```ts
 * const planner = new EpistemicPlanner();
 * const r = planner.plan({ problem: coinInTheBoxText, timeout: 5000 });
 * if (r.status === "solved") r.plan; // ["open_a", "peek_a"]
 * ```
 */
import type { Formula } from "../epistemic/formula";
import { resolveFormula, type Resolved } from "../epistemic/formula-eval";
import { goalCount } from "./heuristic";
import { planInEnv, type EnvPlanOptions, type EnvPlanResult } from "./env-planner";
import { planInWorldModel, type ModelPlanOptions, type ModelPlanResult } from "./model-planner";
import { spaceSettings, type SpaceSettings } from "./search-space";
import { MinHeap } from "./heap";
import type { MAStarProblem } from "./mastar/ast";
import { parseMAStar } from "./mastar/parser";
import { compileProblem, withGoal, type PlanningProblem } from "./problem";
import {
  DEFAULT_MAX_WORLDS,
  decodeState,
  EpistemicState,
  holdsAt,
  initialState,
  progress
} from "./state";
import { BeliefStep, beliefStep } from "./trajectory";

/**
 * How to search:
 * - `"bfs"`: breadth-first; the plan found is as short as any (optimal length).
 * - `"best-first"`: greedy best-first on the goal-count heuristic (goals still unmet, counted
 *   inside conjunctions and per agent inside common belief; see heuristic.ts), ties broken by
 *   fewer steps; reaches long plans with fewer expansions but does not promise the shortest.
 */
export type SearchStrategy = "bfs" | "best-first";

/**
 * What plan() is given.
 *
 * ```ts
 * const opts: PlanOptions = { problem: text, strategy: "best-first", timeout: 10_000 };
 * ```
 */
export interface PlanOptions {
  /** mA* text, a parsed mA* problem, or a compiled problem. */
  problem: string | MAStarProblem | PlanningProblem;
  /** A goal replacing the problem's (mA* text such as "B(a, tail)", or a landed formula). */
  goal?: string | Formula;
  /** Milliseconds before the search gives up with status "timeout". Default 60000. */
  timeout?: number;
  /** Default "bfs". */
  strategy?: SearchStrategy;
  /** The heuristic of best-first search; only "goal-count" today. */
  heuristic?: "goal-count";
  /** Most states to expand before giving up with status "limit". Default unlimited. */
  maxExpansions?: number;
  /** Largest model (before contraction) an action may build. Default 200000. */
  maxWorlds?: number;
  /**
   * Record the search tree (up to this many nodes; true means 5000) for the visualizer.
   * Default false.
   */
  recordTree?: boolean | number;
  /**
   * Skip states already seen up to bisimulation (default true). False searches the tree of
   * action sequences; it exists to measure what deduplication saves.
   */
  dedup?: boolean;
}

/**
 * Search figures.
 *
 * ```ts
 * r.stats.expanded / (r.stats.timeMs / 1000); // expansions per second
 * ```
 */
export interface PlanStats extends SearchCounts {
  /** Largest contracted model met. */
  maxWorlds: number;
}

/**
 * What every search counts, whatever its states (epistemic states, env replays, model
 * predictions): the symbolic planner's PlanStats and the simulator planners' stats extend it.
 *
 * ```ts
 * const rate = (c: SearchCounts) => c.expanded / (c.timeMs / 1000);
 * ```
 */
export interface SearchCounts {
  /** The search that ran. */
  strategy: SearchStrategy;
  /** The heuristic it used: "goal-count" for best-first, "none" for breadth-first. */
  heuristic: "goal-count" | "none";
  /** Whether the strategy guarantees a shortest plan. */
  optimal: boolean;
  /** States whose successors were generated. */
  expanded: number;
  /** Successor states generated (duplicates included). */
  generated: number;
  /** Distinct states seen (up to bisimulation, or by state key). */
  distinct: number;
  /** Successors skipped as equal to a state already seen. */
  duplicates: number;
  /** Wall-clock time of the search, in milliseconds. */
  timeMs: number;
}

/**
 * One node of the search tree as plain data (ids are numbers; the root has parent null).
 *
 * ```ts
 * r.tree?.[1]; // { id: 1, parent: 0, action: "open_a", depth: 1, h: 1, goal: false }
 * ```
 */
export interface PlanTreeNode {
  /** Unique within the tree; the root is 0. */
  id: number;
  /** The parent's id; null for the root. */
  parent: number | null;
  /** The action from the parent; null for the root. */
  action: string | null;
  /** Actions from the initial state. */
  depth: number;
  /** Heuristic value (goals still unmet, see heuristic.ts). */
  h: number;
  /** Whether the goal holds in the node's state. */
  goal: boolean;
  /** Whether the search expanded it (false: still on the frontier when the search stopped). */
  expanded: boolean;
}

/**
 * The outcome of plan(): solved with the plan and its belief trajectory, unsolvable (every
 * reachable state was expanded and none satisfies the goal), timeout, or limit (maxExpansions or
 * maxWorlds cut the search, so the answer is unknown).
 *
 * ```ts
 * switch (r.status) { case "solved": show(r.plan); break; default: console.log(r.message); }
 * ```
 */
export type PlanResult =
  | {
      status: "solved";
      plan: string[];
      length: number;
      beliefTrajectory: BeliefStep[];
      stats: PlanStats;
      tree?: PlanTreeNode[];
    }
  | {
      status: "unsolvable" | "timeout" | "limit";
      message: string;
      stats: PlanStats;
      tree?: PlanTreeNode[];
    };

interface Node {
  /**
   * The state's key, which is also its compact form (decodeState rebuilds the model); dropped
   * once the node is expanded (plans are replayed), so memory holds the frontier's keys only.
   */
  key?: string;
  parent: number;
  action: string | null;
  depth: number;
  h: number;
}

/**
 * Plans in multi-agent epistemic problems written in mA*: goals about facts and nested or
 * common beliefs, actions that change the world, sense, or announce, seen fully, partially or
 * not at all by each agent. Never hangs: every search ends by its timeout.
 *
 * ```ts
 * const r = new EpistemicPlanner().plan({ problem: text, goal: "B(b, B(a, tail))", timeout: 10_000 });
 * r.status; // "solved" | "unsolvable" | "timeout" | "limit"
 * ```
 */
export class EpistemicPlanner {
  /**
   * Searches for a plan; see {@link PlanOptions} and {@link PlanResult}.
   *
   * ```ts
   * const r = planner.plan({ problem: text, strategy: "best-first" });
   * planner.plan({ env, agent: "anne", goal: "B(sally, at(marble) = basket)" }); // in an env
   * ```
   */
  plan(options: EnvPlanOptions): EnvPlanResult;
  plan(options: ModelPlanOptions): ModelPlanResult;
  plan(options: PlanOptions): PlanResult;
  plan(
    options: PlanOptions | EnvPlanOptions | ModelPlanOptions
  ): PlanResult | EnvPlanResult | ModelPlanResult {
    if (!options || typeof options !== "object")
      throw new TypeError(
        "plan() takes an options object: { problem | env, goal?, timeout?, strategy? }"
      );
    if ("env" in options && options.env !== undefined) {
      if ("problem" in options) throw new TypeError("plan() takes a problem or an env, not both");
      return planInEnv(options);
    }
    if ("worldModel" in options && options.worldModel !== undefined) {
      if ("problem" in options)
        throw new TypeError("plan() takes a problem or a worldModel, not both");
      return planInWorldModel(options);
    }
    if (!("problem" in options) || options.problem === undefined) {
      throw new TypeError(
        "plan() needs a problem (mA* text or a parsed problem), an env or a worldModel"
      );
    }
    const settings = spaceSettings(options);
    if (options.heuristic !== undefined && options.heuristic !== "goal-count") {
      throw new RangeError(
        `unknown heuristic ${JSON.stringify(options.heuristic)} (use "goal-count")`
      );
    }
    let problem = toProblem(options.problem);
    if (options.goal !== undefined) problem = withGoal(problem, options.goal);
    return search(problem, {
      ...settings,
      deadline: Date.now() + settings.timeout,
      maxWorlds: options.maxWorlds ?? DEFAULT_MAX_WORLDS
    });
  }
}

/**
 * A compiled problem from mA* text, a parsed problem, or a compiled one.
 *
 * ```ts
 * const p = toProblem(fs.readFileSync("coin.mastar", "utf8"));
 * ```
 */
export function toProblem(problem: string | MAStarProblem | PlanningProblem): PlanningProblem {
  if (typeof problem === "string") return compileProblem(parseMAStar(problem));
  if (problem && typeof problem === "object" && "initial" in problem) return problem;
  if (problem && typeof problem === "object" && "laws" in problem) return compileProblem(problem);
  throw new TypeError(
    "problem must be mA* text, a parsed mA* problem (parseMAStar) or a compiled problem"
  );
}

interface SearchSettings extends SpaceSettings {
  deadline: number;
  maxWorlds: number;
}

function search(problem: PlanningProblem, s: SearchSettings): PlanResult {
  const started = Date.now();
  const goal: Resolved = resolveFormula(problem.goal, problem.vocabulary);
  const h = (st: EpistemicState) => goalCount(st.model, problem.goalParts);
  const stats: PlanStats = {
    strategy: s.strategy,
    heuristic: s.strategy === "best-first" ? "goal-count" : "none",
    optimal: s.strategy === "bfs",
    expanded: 0,
    generated: 0,
    distinct: 0,
    duplicates: 0,
    maxWorlds: 0,
    timeMs: 0
  };
  const nodes: Node[] = [];
  const tree: PlanTreeNode[] = [];
  const seen = new Set<string>();
  let cut = "";
  const add = (
    state: EpistemicState,
    parent: number,
    action: string | null,
    depth: number
  ): number => {
    const id = nodes.length;
    const hv = s.strategy === "best-first" || tree.length < s.treeLimit ? h(state) : 0;
    nodes.push({ key: state.key, parent, action, depth, h: hv });
    seen.add(state.key);
    stats.maxWorlds = Math.max(stats.maxWorlds, state.model.size);
    if (tree.length < s.treeLimit) {
      tree.push({
        id,
        parent: parent < 0 ? null : parent,
        action,
        depth,
        h: hv,
        goal: hv === 0 && holdsAt(state.model, goal),
        expanded: false
      });
    }
    return id;
  };
  const finish = (
    r:
      | { status: "solved"; plan: string[]; length: number; beliefTrajectory: BeliefStep[] }
      | { status: "unsolvable" | "timeout" | "limit"; message: string }
  ): PlanResult => {
    stats.distinct = seen.size;
    stats.timeMs = Date.now() - started;
    return { ...r, stats, ...(s.treeLimit > 0 ? { tree } : {}) } as PlanResult;
  };
  const solved = (id: number): PlanResult => {
    const path: number[] = [];
    for (let i = id; i >= 0; i = nodes[i].parent) path.unshift(i);
    const plan = path.slice(1).map((i) => nodes[i].action!);
    const byName = new Map(problem.actions.map((a) => [a.name, a]));
    let state = initialState(problem);
    const beliefTrajectory = [beliefStep(problem, state, 0, null)];
    plan.forEach((name, k) => {
      state = progress(problem, state, byName.get(name)!, s.maxWorlds)!;
      beliefTrajectory.push(beliefStep(problem, state, k + 1, name));
    });
    return finish({ status: "solved", plan, length: plan.length, beliefTrajectory });
  };

  const root = add(initialState(problem), -1, null, 0);
  if (holdsAt(problem.initial, goal)) return solved(root);
  const queue: number[] = [root];
  let head = 0;
  const heap = new MinHeap(
    (a, b) => nodes[a].h - nodes[b].h || nodes[a].depth - nodes[b].depth || a - b
  );
  if (s.strategy === "best-first") heap.push(root);
  const nextNode = (): number | undefined => (s.strategy === "bfs" ? queue[head++] : heap.pop());
  for (;;) {
    if (Date.now() > s.deadline) {
      return finish({
        status: "timeout",
        message: `no plan found within the ${s.timeout} ms timeout (${stats.expanded} states expanded)`
      });
    }
    if (stats.expanded >= s.maxExpansions) {
      return finish({
        status: "limit",
        message: `stopped after ${stats.expanded} expansions (maxExpansions); no plan found so far`
      });
    }
    const id = nextNode();
    if (id === undefined) {
      if (cut)
        return finish({
          status: "limit",
          message: `no plan among the states explored, but ${cut}`
        });
      return finish({
        status: "unsolvable",
        message: `no plan exists: all ${seen.size} reachable states (up to bisimulation) were expanded and none satisfies the goal`
      });
    }
    const node = nodes[id];
    const state = decodeState(node.key!);
    node.key = undefined;
    stats.expanded++;
    if (id < tree.length) tree[id].expanded = true;
    for (const action of problem.actions) {
      if (Date.now() > s.deadline) break;
      let next: EpistemicState | undefined;
      try {
        next = progress(problem, state, action, s.maxWorlds);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        cut = `some actions were cut because their models would exceed maxWorlds = ${s.maxWorlds}`;
        continue;
      }
      if (!next) continue;
      stats.generated++;
      if (s.dedup && seen.has(next.key)) {
        stats.duplicates++;
        continue;
      }
      const child = add(next, id, action.name, node.depth + 1);
      if (holdsAt(next.model, goal)) return solved(child);
      if (s.strategy === "bfs") queue.push(child);
      else heap.push(child);
    }
  }
}
