/**
 * Epistemic planner benchmarks (issue 11), on PWMK's own mA* problems of the classic domains
 * (test/planning/problems, 3 to 5 agents, long Collaboration and Communication corridors).
 *
 * - Breadth-first search, time to solve (optimal plan length): anchored on greedy best-first on
 *   the same problem in the same run; the ratio BFS/best-first says what optimality costs.
 * - Expansions per second of breadth-first search, anchored on the product updates per second
 *   of the KripkeTracker machinery alone (progressions without search), so the ratio is the
 *   search overhead per expansion divided by the branching factor.
 * - Planning in an environment: see planning-env.ts.
 * - Deduplication up to bisimulation: states expanded by BFS with it, anchored on BFS without it
 *   (tree search over action sequences) on problems small enough to finish both.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Figure, Suite } from "./harness";
import { EpistemicPlanner, type PlanResult } from "../src/planning/planner";
import { compileProblem } from "../src/planning/problem";
import { parseMAStar } from "../src/planning/mastar/parser";
import { initialState, progress } from "../src/planning/state";
import { envPlanningFigures } from "./planning-env";

const DIR = path.join(__dirname, "../test/planning/problems");
const TIMEOUT = 60_000;

const PROBLEMS = [
  "coin-3-common",
  "coin-4-common",
  "coin-5-common",
  "coin-5-other",
  "grapevine-3-ring",
  "grapevine-4-ring",
  "grapevine-5-ring",
  "sc-3",
  "sc-4",
  "sc-5",
  "cc-3-short",
  "cc-4-short",
  "cc-5-short",
  "cc-2-corridor-16",
  "cc-2-corridor-18",
  "cc-3-corridor-16",
  "assembly-3",
  "assembly-4",
  "assembly-5"
];

const text = (name: string) => fs.readFileSync(path.join(DIR, `${name}.mastar`), "utf8");

function describe(r: PlanResult): string {
  return r.status === "solved"
    ? `length ${r.length}, ${r.stats.expanded} expanded`
    : `${r.status} after ${r.stats.expanded} expanded`;
}

/** Progressions per second from the initial state, every executable action in turn. */
function progressionsPerSecond(name: string): number {
  const problem = compileProblem(parseMAStar(text(name)));
  const s = initialState(problem);
  let n = 0;
  const t0 = process.hrtime.bigint();
  while (Number(process.hrtime.bigint() - t0) < 3e8) {
    for (const a of problem.actions) if (progress(problem, s, a)) n++;
  }
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

export const planningSuite: Suite = {
  name: "planning",
  async run(report: (f: Figure) => void) {
    const planner = new EpistemicPlanner();
    // Warm up the JIT so that the first problem is not charged for compilation.
    for (const name of ["coin-3-other", "grapevine-3-pair", "sc-3"])
      planner.plan({ problem: text(name), timeout: TIMEOUT });
    for (const name of PROBLEMS) {
      const bfs = planner.plan({ problem: text(name), strategy: "bfs", timeout: TIMEOUT });
      const bf = planner.plan({ problem: text(name), strategy: "best-first", timeout: TIMEOUT });
      report({
        name: `${name}: BFS time to solve (${describe(bfs)}) vs best-first (${describe(bf)})`,
        value: bfs.stats.timeMs,
        unit: "ms",
        anchor: { name: "greedy best-first, goal count", value: Math.max(1, bf.stats.timeMs) },
        better: "lower"
      });
      if (bfs.stats.expanded >= 20) {
        report({
          name: `${name}: BFS expansions per second`,
          value: bfs.stats.expanded / Math.max(1e-3, bfs.stats.timeMs / 1000),
          unit: "expansions/s",
          anchor: {
            name: "product updates/s (progressions without search)",
            value: progressionsPerSecond(name)
          },
          better: "higher"
        });
      }
    }
    for (const name of ["coin-3-other", "grapevine-3-pair", "cc-3-short", "sc-3"]) {
      const withDedup = planner.plan({ problem: text(name), timeout: TIMEOUT });
      const without = planner.plan({ problem: text(name), timeout: TIMEOUT, dedup: false });
      report({
        name: `${name}: states expanded by BFS, bisimulation dedup (${describe(withDedup)})`,
        value: withDedup.stats.expanded,
        unit: "states",
        anchor: {
          name: `BFS without dedup (${describe(without)})`,
          value: Math.max(1, without.stats.expanded)
        },
        better: "lower"
      });
    }
    envPlanningFigures(report);
  }
};
