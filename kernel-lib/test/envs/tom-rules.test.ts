/**
 * The "tom" rules of SocialDeception and HideAndSeek: what the others believe decides the game.
 * Situations are set up on simulation copies with setState.
 */
import { HideAndSeek } from "../../src/envs/worlds/hideandseek";
import { SocialDeception } from "../../src/envs/worlds/socialdeception";

/** The cell name of cache k: hide the treasure there and find the "$" in the full render. */
function cacheCell(env: SocialDeception, k: number, world: Record<string, string>): string {
  env.setState({ world: { ...world, "at(treasure)": `cache_${k}` } });
  const rows = env.render("ansi").split("\n").slice(1);
  const y = rows.findIndex((r) => r.includes("$"));
  return env.cellName(rows[y].indexOf("$"), y);
}

function floorNeighbour(env: SocialDeception, cell: string, taken: string[]): string {
  const [x, y] = cell.slice(1).split("_").map(Number);
  const rows = env.render("ansi").split("\n").slice(1);
  for (const [nx, ny] of [
    [x + 1, y],
    [x - 1, y],
    [x, y + 1],
    [x, y - 1]
  ]) {
    const name = env.cellName(nx, ny);
    if (rows[ny][nx] === "." && !taken.includes(name)) return name;
  }
  throw new Error(`no free floor next to ${cell}`);
}

/** A deceiver standing guard on cache_0 with the treasure in it, thief_0 beside it. */
function guarded(rules: "classic" | "tom") {
  const env = new SocialDeception({ beliefs: "off", numThieves: 2, maxSteps: 30, rules });
  env.reset({ seed: 5 });
  const world: Record<string, string> = { "at(treasure)": "carried" };
  for (const a of env.possibleAgents) world[`at(${a})`] = env.positionBelief(a, a)!;
  const cache = cacheCell(env, 0, world);
  // The deceiver on the cache, thief_0 beside it, thief_1 on the first other floor cell.
  const free = env.render("ansi").split("\n").slice(1);
  const spare: string[] = [];
  for (let y = 0; y < free.length && spare.length < 4; y++)
    for (let x = 0; x < free[y].length && spare.length < 4; x++)
      if (free[y][x] === ".") spare.push(env.cellName(x, y));
  const beside = floorNeighbour(env, cache, []);
  const parking = spare.filter((c) => c !== cache && c !== beside);
  const state = {
    ...world,
    "at(deceiver)": cache,
    "at(thief_0)": beside,
    "at(thief_1)": parking[0],
    "at(treasure)": "cache_0"
  };
  env.setState({ world: state, beliefs: { thief_0: { "at(treasure)": "cache_0" }, thief_1: {} } });
  return env;
}

describe("SocialDeception, rules: tom", () => {
  it("lets a thief that believes the right cache raid it from beside it, guard or not", () => {
    const env = guarded("tom");
    expect(env.expertAction("thief_0")).toBe(5);
    const step = env.step({ deceiver: 0, thief_0: 5, thief_1: 0 });
    expect(step.terminations.thief_0).toBe(true);
    expect(step.rewards.thief_0).toBe(10);
    expect(step.rewards.deceiver).toBe(-10);
  });

  it("under the classic rules, the same raid from beside the cache does nothing", () => {
    const env = guarded("classic");
    const step = env.step({ deceiver: 0, thief_0: 5, thief_1: 0 });
    expect(step.terminations.thief_0).toBe(false);
    expect(env.treasureLocation).toBe("cache_0");
  });

  it("gives each thief one raid: a raid on the wrong cache spends it", () => {
    const env = guarded("tom");
    env.setState({
      world: { ...worldOf(env), "at(treasure)": "cache_1" },
      beliefs: { thief_0: { "at(treasure)": "cache_0" }, thief_1: {} }
    });
    const empty = env.step({ deceiver: 0, thief_0: 5, thief_1: 0 });
    expect(empty.rewards.thief_0).toBeCloseTo(-0.2, 10);
    expect(env.believedTreasureLocation("thief_0")).toBeUndefined();
    // Spent: a second raid is no raid (no cost, nothing learnt), and the script stays put.
    const again = env.step({ deceiver: 0, thief_0: 5, thief_1: 0 });
    expect(again.rewards.thief_0).toBe(0);
    expect(env.expertAction("thief_0")).toBe(0);
  });

  it("has a belief-blind deceiver script that drops at once, watched or not", () => {
    const env = guarded("tom");
    env.setState({ world: { ...worldOf(env), "at(treasure)": "carried" } });
    // thief_0 stands beside the deceiver and sees it: the expert does not drop here.
    expect(env.expertAction("deceiver")).not.toBe(5);
    expect(env.beliefBlindAction("deceiver")).toBe(5);
  });

  it("refuses unknown rules by name", () => {
    expect(() => new SocialDeception({ rules: "house" as never })).toThrow(/rules must be/);
    expect(() => new HideAndSeek({ rules: "house" as never })).toThrow(/rules must be/);
  });
});

function worldOf(env: SocialDeception): Record<string, string> {
  const world: Record<string, string> = { "at(treasure)": env.treasureLocation };
  for (const a of env.possibleAgents) world[`at(${a})`] = env.positionBelief(a, a)!;
  return world;
}

describe("HideAndSeek, rules: tom", () => {
  // Row y = 1 of the arena is always floor (inner walls start at y = 2).
  function chase(rules: "classic" | "tom") {
    const env = new HideAndSeek({
      beliefs: "off",
      numHiders: 1,
      numSeekers: 1,
      episodeLength: 10,
      rules
    });
    env.reset({ seed: 2 });
    env.setState({ world: { "at(hider_0)": "c1_1", "at(seeker_0)": "c3_1" } });
    return { env, step: env.step({ hider_0: 0, seeker_0: 3 }) }; // the seeker steps left
  }

  it("catches a hider when a seeker reaches it: the episode ends, -10 for the hider", () => {
    const { env, step } = chase("tom");
    expect(env.isCaught("hider_0")).toBe(true);
    expect(step.terminations.hider_0).toBe(true);
    expect(step.rewards.hider_0).toBe(-10);
    expect(step.rewards.seeker_0).toBe(10);
  });

  it("under the classic rules, a seeker beside the hider only locates it", () => {
    const { env, step } = chase("classic");
    expect(env.isCaught("hider_0")).toBe(false);
    expect(step.terminations.hider_0).toBe(false);
    expect(step.rewards.hider_0).toBe(-1);
  });
});
