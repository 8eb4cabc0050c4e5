import { pairedComparison, tournament, wilsonInterval } from "../../src/agents/tournament";

describe("wilsonInterval", () => {
  it("gives the 95% Wilson score interval", () => {
    const [lo, hi] = wilsonInterval(8, 10);
    expect(lo).toBeCloseTo(0.4902, 3);
    expect(hi).toBeCloseTo(0.9433, 3);
    expect(wilsonInterval(0, 20)[0]).toBe(0);
    expect(wilsonInterval(20, 20)[1]).toBe(1);
    expect(() => wilsonInterval(3, 2)).toThrow(/wins <= n/);
  });
});

describe("tournament", () => {
  const seeds = Array.from({ length: 12 }, (_, i) => i);
  const deception = { name: "SocialDeception", options: { maxSteps: 40 } };

  it("tells a scripted deceiver from a random one, with intervals that exclude each other", () => {
    const expert = tournament({ env: deception, agents: { deceiver: "expert" }, seeds });
    const random = tournament({ env: deception, agents: { deceiver: "random" }, seeds });
    expect(expert.agents.deceiver.ci[0]).toBeGreaterThan(random.agents.deceiver.ci[1]);
    expect(expert.perEpisode.map((e) => e.seed)).toEqual(seeds);
    // The thieves win exactly the episodes in which they steal the treasure.
    const thiefWins = expert.perEpisode.filter((e) => e.won.thief_0).length;
    expect(expert.agents.thief_0.wins).toBe(thiefWins);
    const paired = pairedComparison(expert, random, "deceiver");
    expect(paired.better + paired.worse + paired.ties).toBe(seeds.length);
    expect(paired.ci[0]).toBeGreaterThan(0.5);
  });

  it("plays ToM agents through whole episodes, reproducibly", () => {
    const run = () =>
      tournament({
        env: { name: "HideAndSeek", options: { numHiders: 1, numSeekers: 1, episodeLength: 8 } },
        agents: { hider_0: 1, seeker_0: 0 },
        seeds: [3, 4],
        numSimulations: 8,
        maxDepth: 4
      });
    const a = run();
    expect(a.agents.hider_0).toMatchObject({ contestant: 1, episodes: 2 });
    expect(a.agents.hider_0.rate).toBeGreaterThanOrEqual(0);
    // Hider and seeker rewards are opposite: so are their returns.
    a.perEpisode.forEach((e) => expect(e.returns.hider_0).toBeCloseTo(-e.returns.seeker_0, 10));
    expect(run()).toEqual(a);
  });

  it("refuses bad configuration by name", () => {
    expect(() => tournament({ env: "Nowhere", agents: {}, seeds: [1] })).toThrow(
      /unknown environment "Nowhere"/
    );
    expect(() => tournament({ env: "HideAndSeek", agents: { ghost: 1 }, seeds: [1] })).toThrow(
      /unknown agent "ghost"/
    );
    expect(() => tournament({ env: "HideAndSeek", agents: { hider_0: 5 }, seeds: [1] })).toThrow(
      /ToM depth 0-2/
    );
    expect(() => tournament({ env: "HideAndSeek", agents: {}, seeds: [] })).toThrow(/seeds/);
    expect(() => tournament({ env: "MultiAgentBoxWorld", agents: {}, seeds: [1] })).toThrow(
      /no default outcome/
    );
    expect(() => tournament({ env: 3 as unknown as string, agents: {}, seeds: [1] })).toThrow(
      /world name/
    );
  });
});
