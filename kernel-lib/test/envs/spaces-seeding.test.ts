/**
 * `space.sample()` without an argument, and `space.seed()`, as Gymnasium and PettingZoo users
 * write them: every space kind draws from its own generator, seeded by `seed(n)`.
 */
import { Rng } from "../../src/random/rng";
import { Box, Dict, Discrete, MultiDiscrete, Space } from "../../src/envs/spaces";
import { BeliefCircles } from "../../src/envs/worlds/beliefcircles";
import { MultiAgentBoxWorld } from "../../src/envs/worlds/boxworld";
import { HideAndSeek } from "../../src/envs/worlds/hideandseek";
import { SallyAnneWorld } from "../../src/envs/worlds/sallyanne";
import { SocialDeception } from "../../src/envs/worlds/socialdeception";
import type { PerspectiveEnv } from "../../src/envs/env";

const plain = (v: unknown): unknown =>
  JSON.parse(
    JSON.stringify(v, (_k, x) => (ArrayBuffer.isView(x) ? Array.from(x as Uint8Array) : x))
  );
const draws = (space: Space, n = 30): unknown =>
  plain(Array.from({ length: n }, () => space.sample()));

const KINDS: Record<string, () => Space> = {
  Discrete: () => new Discrete(1000, -3),
  MultiDiscrete: () => new MultiDiscrete([7, 1000, 3]),
  "Box uint8": () => new Box(0, 255, [4, 2], "uint8"),
  "Box int32": () => new Box(-1e6, 1e6, [3], "int32"),
  "Box float32": () => new Box(-1, 1, [5]),
  "Box float32 unbounded": () => new Box(-Infinity, Infinity, [3]),
  Dict: () =>
    new Dict({
      move: new Discrete(1000),
      view: new Box(0, 9, [3, 3], "uint8"),
      nested: new Dict({ pos: new MultiDiscrete([100, 100]) })
    })
};

describe.each(Object.entries(KINDS))("%s.sample() and seed()", (_name, make) => {
  it("sample() without an argument draws members of the space", () => {
    const space = make();
    for (let i = 0; i < 20; i++) expect(space.contains(space.sample())).toBe(true);
  });

  it("the same seed gives the same samples, on the same or another instance", () => {
    const a = make();
    const b = make();
    a.seed(42);
    b.seed(42);
    const first = draws(a);
    expect(draws(b)).toEqual(first);
    a.seed(42);
    expect(draws(a)).toEqual(first);
  });

  it("different seeds give different samples", () => {
    const a = make();
    const b = make();
    a.seed(1);
    b.seed(2);
    expect(draws(a)).not.toEqual(draws(b));
  });

  it("seed() without an argument draws fresh entropy and returns what replays it", () => {
    const a = make();
    const used = a.seed();
    const first = draws(a);
    const b = make();
    b.seed(used);
    expect(draws(b)).toEqual(first);
    const c = make();
    c.seed();
    expect(draws(c)).not.toEqual(first); // another fresh seed
  });

  it("an explicit Rng still works, and leaves the space's own stream alone", () => {
    const a = make();
    const b = make();
    a.seed(9);
    b.seed(9);
    const viaRng = plain([a.sample(new Rng(5)), a.sample(new Rng(5))]) as unknown[];
    expect(viaRng[0]).toEqual(viaRng[1]);
    expect(draws(a)).toEqual(draws(b)); // a's own generator did not move
  });

  it("sample() with something that is not an Rng says what it takes", () => {
    expect(() => make().sample(3 as never)).toThrow(/takes an Rng/);
  });
});

describe("seed() return values (Gymnasium 1.x)", () => {
  it("a simple space returns the seed it used", () => {
    expect(new Discrete(3).seed(7)).toBe(7);
    expect(new Box(0, 1, [2]).seed(0)).toBe(0);
    const fresh = new MultiDiscrete([2]).seed();
    expect(Number.isSafeInteger(fresh) && (fresh as number) >= 0).toBe(true);
  });

  it("a Dict returns each child's seed by key, deterministically from its own seed", () => {
    const make = () => new Dict({ a: new Discrete(5), b: new Dict({ c: new Box(0, 1, [2]) }) });
    const seeds = make().seed(3);
    expect(Object.keys(seeds)).toEqual(["a", "b"]);
    expect(typeof (seeds as Record<string, unknown>).a).toBe("number");
    expect(Object.keys((seeds as Record<string, Record<string, unknown>>).b)).toEqual(["c"]);
    expect(make().seed(3)).toEqual(seeds);
    expect(make().seed(4)).not.toEqual(seeds);
  });

  it("a Dict's children get different streams even when they are the same kind", () => {
    const d = new Dict({ x: new Discrete(1000), y: new Discrete(1000) });
    d.seed(0);
    const samples = Array.from({ length: 20 }, () => d.sample());
    expect(samples.map((s) => s.x)).not.toEqual(samples.map((s) => s.y));
  });

  it("a Dict seeded with its own returned record replays, and a record must match its keys", () => {
    const make = () => new Dict({ a: new Discrete(1000), b: new Box(0, 1, [3]) });
    const first = make();
    const seeds = first.seed();
    const expected = draws(first);
    const again = make();
    again.seed(seeds);
    expect(draws(again)).toEqual(expected);
    expect(() => make().seed({ a: 1 })).toThrow(/missing a seed for key "b"/);
    expect(() => make().seed({ a: 1, b: 2, z: 3 })).toThrow(/unknown key "z"/);
  });

  it("refuses seeds that are not non-negative safe integers, naming the space", () => {
    expect(() => new Discrete(2).seed(-1)).toThrow(/Discrete.seed\(\) takes a non-negative/);
    expect(() => new Box(0, 1, [1]).seed(1.5)).toThrow(/Box.seed\(\)/);
    expect(() => new MultiDiscrete([2]).seed({ a: 1 })).toThrow(/MultiDiscrete.seed\(\)/);
    expect(() => new Dict({ a: new Discrete(2) }).seed(-2)).toThrow(/Dict.seed\(\)/);
  });
});

const ENVS: Record<string, (seed?: number) => PerspectiveEnv> = {
  MultiAgentBoxWorld: (seed) => new MultiAgentBoxWorld({ gridSize: 8, numAgents: 3, seed }),
  BeliefCircles: (seed) => new BeliefCircles({ numAgents: 3, communication: true, seed }),
  HideAndSeek: (seed) => new HideAndSeek({ arenaSize: 9, seed }),
  SocialDeception: (seed) => new SocialDeception({ numThieves: 2, seed }),
  SallyAnneWorld: (seed) => new SallyAnneWorld({ agents: ["sally", "anne", "bob"], seed })
};

describe.each(Object.entries(ENVS))("%s's spaces", (_name, make) => {
  const streams = (env: PerspectiveEnv): unknown =>
    env.possibleAgents.map((a) => [draws(env.actionSpace(a)), draws(env.observationSpace(a), 3)]);

  it("a random rollout with sample() and no Rng works and replays for the same env seed", () => {
    const rollout = (): unknown => {
      const env = make(5);
      const trace: unknown[] = [];
      env.reset({ seed: 1 });
      for (let i = 0; i < 10 && env.agents.length > 0; i++) {
        const actions = Object.fromEntries(env.agents.map((a) => [a, env.actionSpace(a).sample()]));
        trace.push(plain(env.step(actions).rewards));
      }
      return trace;
    };
    expect(rollout()).toEqual(rollout());
  });

  it("each agent's space is one object, so seeding it sticks", () => {
    const env = make();
    const agent = env.possibleAgents[1];
    expect(env.actionSpace(agent)).toBe(env.actionSpace(agent));
    expect(env.observationSpace(agent)).toBe(env.observationSpace(agent));
    env.actionSpace(agent).seed(42);
    const first = draws(env.actionSpace(agent));
    env.actionSpace(agent).seed(42);
    expect(draws(env.actionSpace(agent))).toEqual(first);
  });

  it("unseeded, the spaces start from the env's seed: same seed same streams, other seed others", () => {
    expect(streams(make(3))).toEqual(streams(make(3)));
    expect(streams(make(3))).not.toEqual(streams(make(4)));
  });

  it("no two spaces of one env repeat each other's stream", () => {
    const env = make();
    const seen = new Set<string>();
    for (const a of env.possibleAgents) {
      seen.add(JSON.stringify(draws(env.actionSpace(a))));
      seen.add(JSON.stringify(draws(env.observationSpace(a), 3)));
    }
    expect(seen.size).toBe(2 * env.possibleAgents.length);
  });

  it("reset({ seed }) does not reseed the spaces (as in PettingZoo); seed() does", () => {
    const env = make();
    const agent = env.possibleAgents[0];
    env.actionSpace(agent).seed(11);
    env.reset({ seed: 0 });
    const afterReset = draws(env.actionSpace(agent));
    env.actionSpace(agent).seed(11);
    expect(draws(env.actionSpace(agent))).toEqual(afterReset);
  });
});
