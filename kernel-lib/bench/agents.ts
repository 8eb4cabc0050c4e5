/**
 * Belief MCTS and ToM agent benchmarks (issue 11).
 *
 * - BeliefMCTS simulations per second in SocialDeception (the deceiver searching, thieves on
 *   their scripted policy, 12 steps per simulation), with the anchor "raw steps": the same
 *   simulation copy stepped with the same policies and no search, per 12 steps. The ratio says
 *   what the search adds on top of the env (sampling, setState, tree bookkeeping).
 * - The same in HideAndSeek (a hider searching).
 * - ToMAgent decisions per second at depth 1 against depth 0 (which searches with random
 *   others): what running the others' scripts costs; at depth 2 against depth 1: what predicting
 *   each other agent by a search adds.
 * - What depth buys: the tournament tables of docs/agents.md (bench/agents-tournament.ts).
 */
import type { Figure, Suite } from "./harness";
import { simulationCopy } from "../src/agents/tournament";
import { ToMAgent } from "../src/agents/tom-agent";
import type { PerspectiveEnv } from "../src/envs/env";
import { HideAndSeek } from "../src/envs/worlds/hideandseek";
import { SocialDeception } from "../src/envs/worlds/socialdeception";
import { BeliefMCTS } from "../src/planning/mcts";
import { envSimulator, SimulableEnv } from "../src/planning/mcts-env";
import { Perspective } from "../src/agents/perspective";
import { Rng } from "../src/random/rng";
import { tournamentTables } from "./agents-tournament";

const DEPTH = 12;

/** Seconds per call of fn, calibrated to about `seconds`, median of 3. */
function perCall(fn: () => void, seconds: number): number {
  let n = 1;
  const run = (k: number): number => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < k; i++) fn();
    return Number(process.hrtime.bigint() - t0) / 1e9;
  };
  run(2);
  while (run(n) < seconds / 10) n *= 2;
  const samples = [0, 1, 2].map(() => run(n) / n);
  return samples.sort((a, b) => a - b)[1];
}

/** The setting of one world: a played-in env, the searching agent and its simulation copy. */
function setting(env: PerspectiveEnv, agent: string, seed: number) {
  const reset = env.reset({ seed });
  const sim = simulationCopy(env, seed);
  const me = new Perspective(agent, env.getTrackerInit()!, 2);
  me.witness(reset.infos[agent].events);
  return { sim, sampler: me.sampler([agent], true) };
}

function mctsFigures(
  label: string,
  env: PerspectiveEnv,
  agent: string,
  report: (f: Figure) => void
): void {
  const { sim, sampler } = setting(env, agent, 3);
  const rng = new Rng(1);
  // Anchor: one simulation's worth of raw steps (same copy, same policies, no search).
  const n = (sim.actionSpace(agent) as unknown as { n: number }).n;
  const rawLoop = () => {
    sim.setState({ ...sampler.sample(rng), t: 0 });
    for (let d = 0; d < DEPTH && sim.agents.length > 0; d++) {
      const actions: Record<string, number> = {};
      for (const a of sim.agents) actions[a] = a === agent ? rng.int(n) : sim.expertAction(a);
      sim.step(actions);
    }
  };
  const warm = Date.now();
  while (Date.now() - warm < 300) rawLoop(); // let the JIT settle on this world's shapes
  const firstRaw = perCall(rawLoop, 0.5);
  const simulator = envSimulator({ env: sim as SimulableEnv, agent, others: "expert" });
  const mcts = new BeliefMCTS({ simulator, numSimulations: 200, maxDepth: DEPTH, seed: 1 });
  const searchOnce = () =>
    perCall(() => mcts.search({ root: { sample: (r) => ({ ...sampler.sample(r), t: 0 }) } }), 1);
  const firstSearch = searchOnce();
  // Each side measured twice, interleaved, keeping its better: both get a settled JIT and the
  // same chance of a quiet moment on a shared machine.
  const raw = Math.min(firstRaw, perCall(rawLoop, 0.5));
  const search = Math.min(firstSearch, searchOnce());
  report({
    name: `BeliefMCTS simulations/s, ${label} (${DEPTH} steps each, others scripted)`,
    value: 200 / search,
    unit: "sims/s",
    anchor: { name: `raw: ${DEPTH} env steps with the same policies, per second`, value: 1 / raw },
    better: "higher",
    target: { minRatio: 0.5, note: "search overhead at most 2x the env's own steps" }
  });
}

export const agentsSuite: Suite = {
  name: "agents: BeliefMCTS simulations/s and ToMAgent decisions/s",
  async run(report: (f: Figure) => void) {
    mctsFigures(
      "SocialDeception deceiver",
      new SocialDeception({ numThieves: 3, maxSteps: 200 }),
      "deceiver",
      report
    );
    mctsFigures(
      "HideAndSeek hider",
      new HideAndSeek({ numHiders: 2, numSeekers: 2, episodeLength: 200 }),
      "hider_0",
      report
    );
    const env = new SocialDeception({ numThieves: 2, maxSteps: 200 });
    const reset = env.reset({ seed: 5 });
    const decide = (depth: number) => {
      const agent = new ToMAgent({
        id: "deceiver",
        tomDepth: depth,
        simulator: simulationCopy(env, 5),
        init: env.getTrackerInit()!,
        numSimulations: 64,
        maxDepth: DEPTH
      });
      agent.observe(reset.observations.deceiver, reset.infos.deceiver.events);
      return perCall(() => agent.act(), 1);
    };
    // Depth 1 beside depth 0 (random others, belief-blind rollouts): what running the others'
    // scripts costs; depth 2 beside depth 1: what predicting each other by a search adds.
    const d0 = decide(0);
    const d1 = decide(1);
    report({
      name: "ToMAgent decisions/s, depth 1, SocialDeception deceiver, 64 simulations",
      value: 1 / d1,
      unit: "decisions/s",
      anchor: { name: "depth 0 (others random) decisions/s", value: 1 / d0 },
      better: "higher"
    });
    report({
      name: "ToMAgent decisions/s, depth 2, SocialDeception deceiver, 64 simulations",
      value: 1 / decide(2),
      unit: "decisions/s",
      anchor: { name: "depth 1 decisions/s", value: 1 / d1 },
      better: "higher",
      target: { minRatio: 0.2, note: "predicting 2 others costs at most 5x" }
    });
    tournamentTables(report);
  }
};
