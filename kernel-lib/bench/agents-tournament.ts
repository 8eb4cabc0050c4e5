/**
 * What ToM depth buys, as tournaments under the worlds' "tom" rules (docs/agents.md): each depth
 * against the scripted opponents over 40 seeds (win rates with 95% Wilson intervals, and depth
 * 1 and 2 against depth 0 seed by seed), then ToM against ToM over 24 seeds. The tables are
 * printed; the figures are the win rates of depths 1 and 2 beside the scripted expert's in the
 * same role over the same seeds (a real anchor measured in the same run).
 */
import type { Figure } from "./harness";
import {
  pairedComparison,
  tournament,
  type TournamentOptions,
  type TournamentResult
} from "../src/agents/tournament";

const WORLDS: { label: string; role: string; others: string[]; env: TournamentOptions["env"] }[] = [
  {
    label: "SocialDeception (2 thieves, 30 steps), deceiver",
    role: "deceiver",
    others: ["thief_0", "thief_1"],
    env: { name: "SocialDeception", options: { rules: "tom", numThieves: 2, maxSteps: 30 } }
  },
  {
    label: "HideAndSeek (1 hider, 2 seekers, 30 steps), hider_0",
    role: "hider_0",
    others: ["seeker_0", "seeker_1"],
    env: {
      name: "HideAndSeek",
      options: { rules: "tom", numHiders: 1, numSeekers: 2, episodeLength: 30 }
    }
  }
];

const seedsUpTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const pct = (x: number): string => `${Math.round(100 * x)}`;
const rate = (r: TournamentResult, role: string): string => {
  const s = r.agents[role];
  return `${s.rate.toFixed(2)} [${s.ci[0].toFixed(2)}, ${s.ci[1].toFixed(2)}]`;
};

/** Depth 0-2 and the scripted expert in one role, the others scripted; prints and reports. */
function againstScripts(
  world: (typeof WORLDS)[number],
  report: (f: Figure) => void,
  seeds: number[]
): void {
  const play = (c: number | "expert") =>
    tournament({
      env: world.env,
      agents: { [world.role]: c },
      seeds,
      numSimulations: 24,
      maxDepth: 10
    });
  const expert = play("expert");
  const runs = [0, 1, 2].map(play);
  console.log(
    `\n  ${world.label} against the scripted opponents, ${seeds.length} seeds, 24 simulations:`
  );
  console.log(`    expert   ${rate(expert, world.role)}`);
  runs.forEach((r, d) => {
    const vs0 =
      d === 0
        ? ""
        : (() => {
            const p = pairedComparison(r, runs[0], world.role, "win");
            return `   vs depth 0 by seed: ${p.better} won / ${p.worse} lost [${p.ci[0].toFixed(2)}, ${p.ci[1].toFixed(2)}]`;
          })();
    console.log(`    depth ${d}  ${rate(r, world.role)}${vs0}`);
    console.log(
      `      wins by seed ${r.perEpisode.map((e) => (e.won[world.role] ? "1" : "0")).join("")}`
    );
    // Depth 0 can win nothing (HideAndSeek): a zero figure has no ratio, so it is only printed.
    if (d === 0) return;
    report({
      name: `win rate, ToM depth ${d}, ${world.label}, against scripts, ${seeds.length} seeds`,
      value: r.agents[world.role].rate,
      unit: "wins/episode",
      anchor: {
        name: "the scripted expert in the same role",
        value: expert.agents[world.role].rate
      },
      better: "higher"
    });
  });
}

/** ToM against ToM: the role at depth 0-2 against all the others at depth 0-2; prints the grid. */
function tomAgainstTom(world: (typeof WORLDS)[number], seeds: number[]): void {
  console.log(
    `\n  ${world.label}: win rate % [95% CI] (rows: its depth; columns: the others'), ${seeds.length} seeds, 16 simulations:`
  );
  for (const d of [0, 1, 2]) {
    const cells = [0, 1, 2].map((o) => {
      const agents: Record<string, number> = { [world.role]: d };
      for (const other of world.others) agents[other] = o;
      const s = tournament({ env: world.env, agents, seeds, numSimulations: 16, maxDepth: 10 })
        .agents[world.role];
      return `${pct(s.rate)} [${pct(s.ci[0])}, ${pct(s.ci[1])}]`.padEnd(16);
    });
    console.log(`    depth ${d}   ${cells.join("")}`);
  }
}

/** Runs the tournaments of both worlds (several minutes). */
export function tournamentTables(report: (f: Figure) => void): void {
  for (const world of WORLDS) againstScripts(world, report, seedsUpTo(40));
  for (const world of WORLDS) tomAgainstTom(world, seedsUpTo(24));
}
