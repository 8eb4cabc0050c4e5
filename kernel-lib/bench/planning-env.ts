/**
 * Planning in an environment (issue 11): breadth-first expansions per second of the env planner
 * in a grid world, anchored on the raw env steps per second of the same world in the same run
 * (a reset and the steps of a random walk, the tracker on). The planner replays each successor
 * from a seeded reset, so one expansion costs about (depth + 1) x actions steps plus the
 * tracker's answers; the ratio says how much of that the search pays.
 */
import type { Figure } from "./harness";
import { MultiAgentBoxWorld } from "../src/envs";
import { Rng } from "../src/random/rng";
import { EpistemicPlanner } from "../src/planning/planner";

const world = () => new MultiAgentBoxWorld({ gridSize: 8, numAgents: 2, numBoxes: 1 });

/** Env steps per second: resets and random walks of `depth` steps, for about 0.3 s. */
function rawStepsPerSecond(depth: number): number {
  const env = world();
  const rng = new Rng(1);
  let steps = 0;
  const t0 = process.hrtime.bigint();
  while (Number(process.hrtime.bigint() - t0) < 3e8) {
    env.reset({ seed: 3 });
    for (let k = 0; k < depth; k++) {
      env.step({ agent_0: rng.int(5), agent_1: 0 });
      steps++;
    }
  }
  return steps / (Number(process.hrtime.bigint() - t0) / 1e9);
}

/** Reports the env planner's figures (called by the planning suite). */
export function envPlanningFigures(report: (f: Figure) => void): void {
  const planner = new EpistemicPlanner();
  // Push the box into the corner while agent_1 watches: a plan of 8 steps.
  const goal = "at(box_0) = c1_5 & B(agent_1, at(box_0) = c1_5)";
  planner.plan({ env: world(), goal, seed: 3, maxDepth: 4 }); // warm-up
  const r = planner.plan({ env: world(), goal, seed: 3, maxDepth: 16, timeout: 60_000 });
  const seconds = Math.max(1e-3, r.stats.timeMs / 1000);
  const outcome = r.status === "solved" ? `plan of ${r.length}` : r.status;
  report({
    name: `env planner, MultiAgentBoxWorld 8x8: BFS expansions per second (${outcome}, ${r.stats.expanded} expanded)`,
    value: r.stats.expanded / seconds,
    unit: "expansions/s",
    anchor: { name: "raw env steps/s (resets and random walks)", value: rawStepsPerSecond(8) },
    better: "higher"
  });
  report({
    name: "env planner: env steps replayed per second during the search",
    value: r.stats.simulatorCalls / seconds,
    unit: "steps/s",
    anchor: { name: "raw env steps/s", value: rawStepsPerSecond(8) },
    better: "higher"
  });
}
