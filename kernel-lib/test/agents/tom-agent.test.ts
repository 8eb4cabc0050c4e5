import { ToMAgent } from "../../src/agents/tom-agent";
import { simulationCopy } from "../../src/agents/tournament";
import { Perspective } from "../../src/agents/perspective";
import { HideAndSeek } from "../../src/envs/worlds/hideandseek";
import { SocialDeception } from "../../src/envs/worlds/socialdeception";
import type { TrackerInit } from "../../src/epistemic/tracker";
import type { SimulableEnv } from "../../src/planning/mcts-env";
import { Rng } from "../../src/random/rng";

/** Plays a few expert steps of `env`, returning what `id` witnessed at the reset and each step. */
function witnessed(env: SocialDeception | HideAndSeek, seed: number, id: string, steps: number) {
  const reset = env.reset({ seed });
  const seen = [{ obs: reset.observations[id] as unknown, events: reset.infos[id].events }];
  for (let i = 0; i < steps; i++) {
    const actions = Object.fromEntries(env.agents.map((a) => [a, env.expertAction(a)]));
    const step = env.step(actions);
    seen.push({ obs: step.observations[id], events: step.infos[id].events });
  }
  return seen;
}

/** Puts a simulation copy into some other state: everyone wanders at random for a while. */
function scramble(sim: SimulableEnv, steps: number): void {
  const rng = new Rng(99);
  for (let i = 0; i < steps && sim.agents.length > 0; i++) {
    sim.step(Object.fromEntries(sim.agents.map((a) => [a, rng.int(5)])));
  }
}

describe("ToMAgent", () => {
  it.each([0, 1, 2])(
    "at depth %i decides the same whatever hidden state its simulator holds",
    (depth) => {
      const env = new SocialDeception({ numThieves: 2, maxSteps: 30 });
      const seen = witnessed(env, 4, "thief_0", 6);
      const init = env.getTrackerInit()!;
      const decide = (sim: SimulableEnv) => {
        const agent = new ToMAgent({
          id: "thief_0",
          tomDepth: depth,
          simulator: sim,
          init,
          numSimulations: 24,
          seed: 5
        });
        for (const s of seen) agent.observe(s.obs, s.events);
        return [agent.act(), agent.lastSearch!.tree];
      };
      const clean = simulationCopy(env, 4);
      const scrambled = simulationCopy(env, 4);
      scramble(scrambled, 12);
      const [action, tree] = decide(clean);
      expect(decide(scrambled)).toEqual([action, tree]);
      // The root's belief summary: the sampled values of what the thief is unsure of.
      expect((tree as { nodes: { belief?: string }[] }).nodes[0].belief).toMatch(
        /(at\(\w+\)=\w+ \d\.\d\d|no doubt 1\.00)/
      );
    }
  );

  it("does not read the true start of what is not common knowledge", () => {
    // In HideAndSeek nobody knows where the others start: the agent must not take it from init.
    const env = new HideAndSeek({ numHiders: 2, numSeekers: 2, episodeLength: 20 });
    const seen = witnessed(env, 2, "seeker_0", 3);
    const init = env.getTrackerInit()!;
    const floor = init.domains!["at(hider_0)"];
    const lied: TrackerInit = {
      ...init,
      world: { ...init.world, "at(hider_0)": floor[7], "at(hider_1)": floor[3] }
    };
    const decide = (start: TrackerInit) => {
      const agent = new ToMAgent({
        id: "seeker_0",
        tomDepth: 1,
        simulator: simulationCopy(env, 2),
        init: start,
        numSimulations: 16,
        seed: 1
      });
      for (const s of seen) agent.observe(s.obs, s.events);
      return [agent.act(), agent.lastSearch!.tree];
    };
    expect(decide(lied)).toEqual(decide(init));
  });

  it("keeps beliefs from witnessed events only, matching the env's tracker for its own chains", () => {
    const env = new HideAndSeek({
      numHiders: 2,
      numSeekers: 2,
      episodeLength: 30,
      beliefs: "track"
    });
    const seen = witnessed(env, 6, "hider_0", 25);
    const me = new Perspective("hider_0", env.getTrackerInit()!, 2);
    for (const s of seen) me.witness(s.events);
    const truth = env.getTracker();
    for (const a of env.possibleAgents) {
      const f = `at(${a})`;
      expect(new Set(me.values(["hider_0"], f))).toEqual(
        new Set(truth.believedValues(["hider_0"], f))
      );
      for (const b of env.possibleAgents) {
        if (b === "hider_0") continue;
        expect(new Set(me.values(["hider_0", b], f))).toEqual(
          new Set(truth.believedValues(["hider_0", b], f))
        );
      }
    }
  });

  it("refuses bad configuration and misuse by name", () => {
    const env = new SocialDeception({ maxSteps: 10 });
    env.reset({ seed: 1 });
    const init = env.getTrackerInit()!;
    const sim = simulationCopy(env, 1);
    expect(() => new ToMAgent({ id: "thief_0", tomDepth: 3, simulator: sim, init })).toThrow(
      /tomDepth must be 0, 1 or 2/
    );
    expect(() => new ToMAgent({ id: "thief_0", tomDepth: 1.5, simulator: sim, init })).toThrow(
      /tomDepth/
    );
    expect(() => new ToMAgent({ id: "ghost", tomDepth: 1, simulator: sim, init })).toThrow(
      /unknown agent "ghost"/
    );
    const tracked = new ToMAgent({
      id: "thief_0",
      tomDepth: 0,
      simulator: env as unknown as SimulableEnv,
      init,
      numSimulations: 4
    });
    tracked.observe(null, []);
    expect(() => tracked.act()).toThrow(/beliefs: "off"/);
    expect(
      () => new ToMAgent({ id: "thief_0", tomDepth: 1, simulator: {} as SimulableEnv, init })
    ).toThrow(/simulation copy/);
    expect(
      () =>
        new ToMAgent({
          id: "thief_0",
          tomDepth: 1,
          simulator: sim,
          init: undefined as unknown as TrackerInit
        })
    ).toThrow(/init/);
    const agent = new ToMAgent({
      id: "thief_0",
      tomDepth: 0,
      simulator: sim,
      init,
      numSimulations: 4
    });
    expect(() => agent.act()).toThrow(/observe\(\)/);
    expect(() => agent.observe(null, "x" as never)).toThrow(/events must be a list/);
  });
});
