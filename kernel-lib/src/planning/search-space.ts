/**
 * The search both simulator planners share (planning in an environment, planning in a learned
 * world model): breadth-first or greedy best-first over the states a simulator produces,
 * deduplicated on a key the simulator gives, the goal tested when a state is generated, with a
 * deadline and an expansion limit so it always ends. The symbolic planner keeps its own loop,
 * which works on Kripke models in place.
 *
 * ```ts
 * const outcome = searchSpace(space, { strategy: "bfs", timeout: 5000 });
 * if (outcome.status === "solved") outcome.path; // root first
 * ```
 */
import { MinHeap } from "./heap";
import type { PlanTreeNode, SearchCounts, SearchStrategy } from "./planner";

/**
 * A state of a simulator search, as the simulator made it: its key (equal keys are taken to be
 * the same state), whether the goal holds, the goals still unmet (for best-first) and whether
 * the planning agent is done (a terminal state is not expanded).
 */
export interface SpaceState {
  key: string;
  goal: boolean;
  h: number;
  terminal: boolean;
}

/** What a simulator offers the search: the root and the successors of a state. */
export interface SearchSpaceModel<S extends SpaceState> {
  root(): S;
  /** Every successor with the name of the action that leads to it. */
  successors(state: S, deadline: number): { action: string; state: S }[];
  /** How deep a plan may go (the search does not expand states at this depth). */
  maxDepth: number;
}

/**
 * Figures of a simulator search.
 *
 * ```ts
 * r.stats.expanded / (r.stats.timeMs / 1000); // expansions per second
 * ```
 */
export interface SimulatorPlanStats extends SearchCounts {
  /** Simulator calls made: env steps replayed, or world-model forward passes. */
  simulatorCalls: number;
}

/** How the search runs. */
export interface SpaceSettings {
  strategy: SearchStrategy;
  timeout: number;
  maxExpansions: number;
  treeLimit: number;
  dedup: boolean;
}

/**
 * The settings of a search from a planner's options, checked: "bfs" unless `strategy` says
 * "best-first", a 60 s timeout, unlimited expansions, a 5000-node tree for `recordTree: true`,
 * deduplication on. Throws a RangeError naming a bad strategy or timeout.
 *
 * ```ts
 * spaceSettings({ recordTree: true }).treeLimit; // 5000
 * ```
 */
export function spaceSettings(options: {
  strategy?: SearchStrategy;
  timeout?: number;
  maxExpansions?: number;
  recordTree?: boolean | number;
  dedup?: boolean;
}): SpaceSettings {
  const strategy = options.strategy ?? "bfs";
  if (strategy !== "bfs" && strategy !== "best-first") {
    throw new RangeError(
      `unknown strategy ${JSON.stringify(strategy)} (use "bfs" or "best-first")`
    );
  }
  const timeout = options.timeout ?? 60_000;
  if (!(timeout > 0))
    throw new RangeError(
      `timeout must be a positive number of milliseconds (got ${String(timeout)})`
    );
  return {
    strategy,
    timeout,
    maxExpansions: options.maxExpansions ?? Infinity,
    treeLimit: options.recordTree === true ? 5000 : options.recordTree || 0,
    dedup: options.dedup ?? true
  };
}

/** How a simulator search ended; `path` runs from the root to the goal state. */
export type SpaceOutcome<S> =
  | { status: "solved"; path: { action: string | null; state: S }[] }
  | { status: "unsolvable" | "timeout" | "limit"; message: string };

interface Node<S> {
  state: S;
  parent: number;
  action: string | null;
  depth: number;
  h: number;
}

/**
 * Searches a simulator's state space (see the module comment). Returns the outcome, the
 * statistics (without `simulatorCalls`, which the caller counts) and the recorded tree.
 *
 * ```ts
 * const { outcome, stats, tree } = searchSpace(space, settings);
 * ```
 */
export function searchSpace<S extends SpaceState>(
  space: SearchSpaceModel<S>,
  s: SpaceSettings
): {
  outcome: SpaceOutcome<S>;
  stats: Omit<SimulatorPlanStats, "simulatorCalls">;
  tree: PlanTreeNode[];
} {
  const started = Date.now();
  const deadline = started + s.timeout;
  const stats = {
    strategy: s.strategy,
    heuristic: s.strategy === "best-first" ? ("goal-count" as const) : ("none" as const),
    optimal: s.strategy === "bfs",
    expanded: 0,
    generated: 0,
    distinct: 0,
    duplicates: 0,
    timeMs: 0
  };
  const nodes: Node<S>[] = [];
  const tree: PlanTreeNode[] = [];
  const seen = new Set<string>();
  let cutByDepth = false;
  const add = (state: S, parent: number, action: string | null, depth: number): number => {
    const id = nodes.length;
    nodes.push({ state, parent, action, depth, h: state.h });
    seen.add(state.key);
    if (tree.length < s.treeLimit) {
      tree.push({
        id,
        parent: parent < 0 ? null : parent,
        action,
        depth,
        h: state.h,
        goal: state.goal,
        expanded: false
      });
    }
    return id;
  };
  const finish = (outcome: SpaceOutcome<S>) => {
    stats.distinct = seen.size;
    stats.timeMs = Date.now() - started;
    return { outcome, stats, tree };
  };
  const solved = (id: number) => {
    const path: { action: string | null; state: S }[] = [];
    for (let i = id; i >= 0; i = nodes[i].parent) {
      path.unshift({ action: nodes[i].action, state: nodes[i].state });
    }
    return finish({ status: "solved", path });
  };

  const root = space.root();
  const rootId = add(root, -1, null, 0);
  if (root.goal) return solved(rootId);
  const queue: number[] = [rootId];
  let head = 0;
  const heap = new MinHeap(
    (a, b) => nodes[a].h - nodes[b].h || nodes[a].depth - nodes[b].depth || a - b
  );
  if (s.strategy === "best-first") heap.push(rootId);
  for (;;) {
    if (Date.now() > deadline) {
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
    const id = s.strategy === "bfs" ? queue[head++] : heap.pop();
    if (id === undefined) {
      if (cutByDepth) {
        return finish({
          status: "limit",
          message: `no plan of at most ${space.maxDepth} steps (maxDepth); longer plans were not searched`
        });
      }
      return finish({
        status: "unsolvable",
        message: `no plan exists: all ${seen.size} reachable states were expanded and none satisfies the goal`
      });
    }
    const node = nodes[id];
    const state = node.state;
    if (state.terminal) continue;
    if (node.depth >= space.maxDepth) {
      cutByDepth = true;
      continue;
    }
    stats.expanded++;
    if (id < tree.length) tree[id].expanded = true;
    const children = space.successors(state, deadline);
    for (const { action, state: next } of children) {
      stats.generated++;
      if (s.dedup && seen.has(next.key)) {
        stats.duplicates++;
        continue;
      }
      const child = add(next, id, action, node.depth + 1);
      if (next.goal) return solved(child);
      if (s.strategy === "bfs") queue.push(child);
      else heap.push(child);
    }
  }
}
