/**
 * Depth wins games: under the worlds' "tom" rules (where what the others believe decides the
 * outcome), a deceiver and a hider of ToM depth 1 or 2 win more often than one of depth 0 against
 * the worlds' scripted opponents, over a fixed set of seeds, seed by seed.
 *
 * The settings are small enough for a loaded machine and the margins large (the measured tables,
 * with 40 seeds, are in docs/agents.md and `npm run bench`): over these 24 seeds the depth-1 and
 * depth-2 agents won 13-18 seeds that depth 0 lost and lost none that it won, when measured; the
 * test asks only that the share of such seeds be above one half with 95% confidence.
 */
import {
  pairedComparison,
  tournament,
  type TournamentOptions,
  type TournamentResult
} from "../../src/agents/tournament";

const seeds = Array.from({ length: 24 }, (_, i) => i);

function byDepth(env: TournamentOptions["env"], role: string): TournamentResult[] {
  return [0, 1, 2].map((depth) =>
    tournament({ env, agents: { [role]: depth }, seeds, numSimulations: 24, maxDepth: 10 })
  );
}

describe.each([
  {
    world: "SocialDeception",
    role: "deceiver",
    env: { name: "SocialDeception", options: { rules: "tom", numThieves: 2, maxSteps: 30 } }
  },
  {
    world: "HideAndSeek",
    role: "hider_0",
    env: {
      name: "HideAndSeek",
      options: { rules: "tom", numHiders: 1, numSeekers: 2, episodeLength: 30 }
    }
  }
])("ToM depth in a $world tournament ($role against the scripted opponents)", ({ role, env }) => {
  let runs: TournamentResult[];
  beforeAll(() => {
    runs = byDepth(env, role);
  }, 900_000);

  it.each([1, 2])("depth %i wins on more seeds than depth 0, seed by seed", (depth) => {
    const paired = pairedComparison(runs[depth], runs[0], role, "win");
    expect(paired.ci[0]).toBeGreaterThan(0.5);
    expect(runs[depth].agents[role].rate).toBeGreaterThan(runs[0].agents[role].rate);
  });

  it("plays every seed once, in order, with Wilson intervals around the rates", () => {
    for (const run of runs) {
      expect(run.perEpisode.map((e) => e.seed)).toEqual(seeds);
      const { rate, ci } = run.agents[role];
      expect(ci[0]).toBeLessThanOrEqual(rate);
      expect(ci[1]).toBeGreaterThanOrEqual(rate);
    }
  });
});
