import { DataCollector, PolicySpec } from "../../src/data/collector";
import type { PerspectiveEnv } from "../../src/envs/env";
import { BeliefCircles } from "../../src/envs/worlds/beliefcircles";
import { MultiAgentBoxWorld } from "../../src/envs/worlds/boxworld";
import { HideAndSeek } from "../../src/envs/worlds/hideandseek";
import { SocialDeception } from "../../src/envs/worlds/socialdeception";
import { GridWorld } from "../../src/envs/gridworld";
import { Rng } from "../../src/random/rng";

function meanReturns(
  env: PerspectiveEnv,
  policy: PolicySpec,
  numEpisodes = 12
): Record<string, number> {
  return new DataCollector(env).collect({ numEpisodes, policy, progress: false, seed: 100 })
    .meanReturns;
}
const mean = (r: Record<string, number>, prefix = ""): number => {
  const v = Object.entries(r)
    .filter(([k]) => k.startsWith(prefix))
    .map(([, x]) => x);
  return v.reduce((a, b) => a + b, 0) / v.length;
};

describe("scripted experts do better than random", () => {
  it("MultiAgentBoxWorld: the team pushes more boxes onto goals", () => {
    const env = new MultiAgentBoxWorld({
      gridSize: 8,
      numAgents: 2,
      numBoxes: 2,
      beliefs: "off",
      maxSteps: 60
    });
    expect(mean(meanReturns(env, "expert"))).toBeGreaterThan(
      mean(meanReturns(env, "random")) + 0.5
    );
  });

  it("BeliefCircles: agents gather at the leader's believed target, with and without messages", () => {
    for (const communication of [true, false]) {
      const env = new BeliefCircles({
        numAgents: 3,
        numLandmarks: 3,
        communication,
        beliefs: "off",
        maxSteps: 40
      });
      expect(mean(meanReturns(env, "expert"))).toBeGreaterThan(
        mean(meanReturns(env, "random")) * 2
      );
    }
  });

  it("HideAndSeek: expert hiders stay unlocated longer, expert seekers locate more", () => {
    const env = new HideAndSeek({
      arenaSize: 11,
      numHiders: 2,
      numSeekers: 2,
      episodeLength: 40,
      beliefs: "off"
    });
    const random = meanReturns(env, "random");
    const hidersExpert = meanReturns(env, { hider_0: "expert", hider_1: "expert" });
    const seekersExpert = meanReturns(env, { seeker_0: "expert", seeker_1: "expert" });
    expect(mean(hidersExpert, "hider")).toBeGreaterThan(mean(random, "hider"));
    expect(mean(seekersExpert, "seeker")).toBeGreaterThan(mean(random, "seeker"));
  });

  it("SocialDeception: the expert deceiver fools expert thieves; expert thieves rob a random deceiver more", () => {
    const env = new SocialDeception({ numThieves: 2, beliefs: "off", maxSteps: 60 });
    const thievesExpert = { thief_0: "expert", thief_1: "expert" } as const;
    const expertDeceiver = meanReturns(env, { ...thievesExpert, deceiver: "expert" }, 30);
    const randomDeceiver = meanReturns(env, thievesExpert, 30);
    expect(expertDeceiver.deceiver).toBeGreaterThan(randomDeceiver.deceiver + 3);
    expect(mean(randomDeceiver, "thief")).toBeGreaterThan(
      mean(meanReturns(env, "random", 30), "thief")
    );
  });
});

/** Runs a mixed policy and checks, after every step, the world's cheap first-order beliefs against the tracker. */
function checkAgainstTracker(
  env: GridWorld<unknown>,
  objects: string[],
  extra?: (agent: string) => [string, string | undefined]
): number {
  const rng = new Rng(5);
  let checks = 0;
  for (const seed of [0, 1, 2]) {
    env.reset({ seed });
    while (env.agents.length > 0) {
      env.step(
        Object.fromEntries(
          env.agents.map((a) => [
            a,
            rng.float() < 0.5 ? env.expertAction(a) : env.actionSpace(a).sample(rng)
          ])
        )
      );
      const tracker = env.getTracker();
      for (const a of env.possibleAgents) {
        for (const o of objects) {
          const values = tracker.believedValues([a], `at(${o})`);
          expect([a, o, values.length === 1 ? values[0] : undefined]).toEqual([
            a,
            o,
            env.positionBelief(a, o)
          ]);
          checks++;
        }
        if (extra) {
          const [fluent, believed] = extra(a);
          const values = tracker.believedValues([a], fluent);
          expect([a, fluent, values.length === 1 ? values[0] : undefined]).toEqual([
            a,
            fluent,
            believed
          ]);
        }
      }
    }
  }
  return checks;
}

describe("witnessed events drive the belief tracker", () => {
  it("MultiAgentBoxWorld: what each agent believes about boxes and agents matches what it saw", () => {
    const env = new MultiAgentBoxWorld({ gridSize: 8, numAgents: 3, numBoxes: 2, maxSteps: 25 });
    expect(
      checkAgainstTracker(env, ["agent_0", "agent_1", "agent_2", "box_0", "box_1"])
    ).toBeGreaterThan(100);
  });

  it("HideAndSeek: seekers believe hiders are where they last saw them", () => {
    const env = new HideAndSeek({ arenaSize: 9, numHiders: 2, numSeekers: 2, episodeLength: 25 });
    expect(checkAgainstTracker(env, env.possibleAgents as string[])).toBeGreaterThan(100);
  });

  it("BeliefCircles: beliefs about the target follow briefings, switches seen, and claims heard", () => {
    const env = new BeliefCircles({
      numAgents: 3,
      numLandmarks: 3,
      communication: true,
      maxSteps: 30,
      switchProbability: 1
    });
    checkAgainstTracker(env, env.possibleAgents as string[], (a) => [
      "target",
      env.believedTarget(a)
    ]);
  });

  it("SocialDeception: beliefs about the treasure follow the drops and pick-ups each thief saw", () => {
    const env = new SocialDeception({ numThieves: 2, maxSteps: 40 });
    checkAgainstTracker(env, env.possibleAgents as string[], (a) => [
      "at(treasure)",
      env.believedTreasureLocation(a)
    ]);
  });
});

describe("options", () => {
  it("a bad beliefDepth is refused when the env is made, naming the option", () => {
    expect(() => new HideAndSeek({ beliefDepth: 0 })).toThrow(/beliefDepth must be an integer/);
    expect(() => new MultiAgentBoxWorld({ beliefDepth: 1.5, beliefs: "off" })).toThrow(
      /beliefDepth/
    );
  });
});

describe("a rejected reset changes nothing", () => {
  it("MultiAgentBoxWorld: a bad map is refused and the episode under way goes on as it was", () => {
    const env = new MultiAgentBoxWorld({ gridSize: 8, numAgents: 2, numBoxes: 1 });
    const twin = new MultiAgentBoxWorld({ gridSize: 8, numAgents: 2, numBoxes: 1 });
    for (const e of [env, twin]) {
      e.reset({ seed: 4 });
      e.step({ agent_0: 1, agent_1: 2 });
    }
    const twice = [...Array(8)].map((_, y) =>
      y === 0 || y === 7 ? "########" : y === 1 ? "#0....0#" : y === 2 ? "#..B.G.#" : "#......#"
    );
    expect(() => env.reset({ seed: 9, options: { map: ["x"] } })).toThrow(/8 strings of length 8/);
    expect(() => env.reset({ seed: 9, options: { map: twice } })).toThrow(/agent 0 twice/);
    expect(env.agents).toEqual(["agent_0", "agent_1"]);
    expect(env.render("ansi")).toBe(twin.render("ansi"));
    // The generator was not reseeded either: both continue identically.
    for (let t = 0; t < 5; t++) {
      const a = env.step({ agent_0: env.expertAction("agent_0"), agent_1: 3 });
      const b = twin.step({ agent_0: twin.expertAction("agent_0"), agent_1: 3 });
      expect(a.rewards).toEqual(b.rewards);
    }
    expect(env.render("ansi")).toBe(twin.render("ansi"));
  });
});

describe("beliefs never contradict what an agent is looking at", () => {
  it("an object that moved while unwatched is no longer believed in the cell seen empty", () => {
    const env = new MultiAgentBoxWorld({ gridSize: 10, numAgents: 2, numBoxes: 1, viewRadius: 1 });
    const map = [
      "##########",
      "#.01.....#",
      "##########",
      "#........#",
      "#.B....G.#",
      "#........#",
      "#........#",
      "#........#",
      "#........#",
      "##########"
    ];
    env.reset({ seed: 0, options: { map } });
    const believed = (): unknown => env.getBeliefGroundTruth(1).perspectives.agent_0["at(agent_1)"];
    expect(believed()).toEqual(["c3_1"]);
    env.step({ agent_0: 3, agent_1: 0 }); // agent_0 steps away: agent_1 is out of its view
    env.step({ agent_0: 0, agent_1: 4 }); // agent_1 moves, unseen by agent_0
    expect(believed()).toEqual(["c3_1"]); // still the old belief: nothing seen yet
    const step = env.step({ agent_0: 4, agent_1: 0 }); // agent_0 looks at c3_1 again: empty
    expect(env.render("ansi", { agent: "agent_0" }).split("\n")[2]).toBe("?.0.??????");
    // No longer a definite belief (the event model has no "not here", so it knows only that it moved).
    expect((believed() as string[]).length).toBeGreaterThan(1);
    expect(env.positionBelief("agent_0", "agent_1")).toBeUndefined();
    expect(step.infos.agent_0.events).toContainEqual(
      expect.objectContaining({ kind: "ontic", observers: { agent_0: "partial" } })
    );
    expect(step.infos.agent_1.events.some((e) => e.observers.agent_0 === "partial")).toBe(false);
  });
});

describe("world rules", () => {
  const rows = [
    "########",
    "#......#",
    "#.0B.G.#",
    "#......#",
    "#...##.#",
    "#..1#..#",
    "#...#..#",
    "########"
  ];

  it("MultiAgentBoxWorld: walking into a box pushes it; a box on a goal pays the team and ends the episode", () => {
    const env = new MultiAgentBoxWorld({ gridSize: 8, numAgents: 2, numBoxes: 1 });
    env.reset({ options: { map: rows } });
    let r = env.step({ agent_0: 4, agent_1: 0 });
    expect(env.render("ansi")).toContain("#..0BG.#");
    expect(r.rewards.agent_0).toBeCloseTo(-0.01);
    r = env.step({ agent_0: 4, agent_1: 0 });
    expect(r.rewards).toEqual({ agent_0: 0.99, agent_1: 0.99 });
    expect(r.terminations.agent_0).toBe(true);
    expect(env.agents).toEqual([]);
  });

  it("MultiAgentBoxWorld: an agent behind a wall does not witness the push", () => {
    const env = new MultiAgentBoxWorld({ gridSize: 8, numAgents: 2, numBoxes: 1, viewRadius: 2 });
    env.reset({ options: { map: rows } });
    env.step({ agent_0: 4, agent_1: 0 });
    const push = env.lastEvents.find((e) => e.kind === "ontic" && "at(box_0)" in e.effects);
    expect(push).toMatchObject({ actor: "agent_0", observers: { agent_0: "full" } });
    expect(push?.observers.agent_1).toBeUndefined();
    expect(env.getTracker().believedValues(["agent_1"], "at(box_0)")).not.toEqual(["c4_2"]);
    expect(env.getTracker().believedValues(["agent_0"], "at(box_0)")).toEqual(["c4_2"]);
  });

  it("MultiAgentBoxWorld: the smallest grids it accepts (6 and 7) lay out and play on every seed", () => {
    for (const gridSize of [6, 7]) {
      const env = new MultiAgentBoxWorld({ gridSize, numAgents: 2, numBoxes: 1, maxSteps: 10 });
      for (let seed = 0; seed < 30; seed++) {
        const first = env.reset({ seed });
        expect(Object.keys(first.observations)).toEqual(["agent_0", "agent_1"]);
        expect(env.goalCells).toHaveLength(1);
        env.step({ agent_0: 1, agent_1: 2 });
      }
    }
  });

  it("MultiAgentBoxWorld: a bad map is rejected with a clear error and the env asks for a new reset", () => {
    const env = new MultiAgentBoxWorld({ gridSize: 8, numAgents: 2, numBoxes: 1 });
    expect(() => env.reset({ options: { map: rows.slice(1) } })).toThrow(/8 strings/);
    expect(() => env.step({ agent_0: 0, agent_1: 0 })).toThrow(/reset/);
  });

  it("BeliefCircles: after a switch the leader did not see, it holds a false belief, and the reward follows its belief", () => {
    const rng = new Rng(1);
    let found = false;
    for (let seed = 0; seed < 40 && !found; seed++) {
      const env = new BeliefCircles({
        numAgents: 3,
        numLandmarks: 3,
        maxSteps: 30,
        switchProbability: 1
      });
      env.reset({ seed });
      const before = env.trueTarget;
      while (env.agents.length > 0)
        env.step(Object.fromEntries(env.agents.map((a) => [a, env.actionSpace(a).sample(rng)])));
      if (env.believedTarget("agent_0") !== before) continue;
      found = true;
      expect(env.trueTarget).not.toBe(before);
      expect(env.getTracker().believedValues(["agent_0"], "target")).toEqual([before]);
      expect(env.getTracker().believedValues([], "target")).toEqual([env.trueTarget]);
    }
    expect(found).toBe(true);
  });

  it("SocialDeception: the decoy leaves a thief believing in a cache the treasure is not in", () => {
    let fooled = 0;
    for (let seed = 0; seed < 10; seed++) {
      const env = new SocialDeception({ numThieves: 2, maxSteps: 60 });
      env.reset({ seed });
      // fooled at some step: a thief that raids the decoy learns it is empty (a negative
      // observation), so the false belief need not last to the end
      const misled = new Set<string>();
      while (env.agents.length > 0) {
        env.step(Object.fromEntries(env.agents.map((a) => [a, env.expertAction(a)])));
        for (const thief of ["thief_0", "thief_1"]) {
          const believed = env.getTracker().believedValues([thief], "at(treasure)");
          if (
            believed.length === 1 &&
            believed[0] !== env.treasureLocation &&
            String(believed[0]).startsWith("cache")
          )
            misled.add(thief);
        }
      }
      fooled += misled.size;
    }
    expect(fooled).toBeGreaterThan(0);
  });

  it("HideAndSeek: a hider in a seeker's sight is located and pays for it", () => {
    const env = new HideAndSeek({ arenaSize: 9, numHiders: 1, numSeekers: 1, episodeLength: 50 });
    env.reset({ seed: 3 });
    for (let i = 0; i < 50 && env.agents.length > 0; i++) {
      const r = env.step({ hider_0: 0, seeker_0: env.expertAction("seeker_0") });
      expect(r.rewards.hider_0).toBe(env.isLocated("hider_0") ? -1 : 1);
      expect(r.rewards.seeker_0).toBe(-r.rewards.hider_0);
    }
    expect(env.isLocated("hider_0")).toBe(true);
  });
});

describe("rendering", () => {
  it("an agent's own view shows no hidden state: not the treasure in its cache, nor the true target", () => {
    // Wherever the full render shows the hidden treasure ("$"), an agent seeing that cell sees a
    // plain cache ("c"); no agent view tells the treasure's location or the thieves' beliefs.
    let checked = 0;
    const rng = new Rng(9);
    for (let seed = 0; seed < 4; seed++) {
      const sd = new SocialDeception({ numThieves: 2, maxSteps: 120 });
      sd.reset({ seed });
      while (sd.agents.length > 0) {
        const full = sd.render("ansi").split("\n");
        for (const agent of sd.possibleAgents) {
          const view = sd.render("ansi", { agent });
          expect(view).not.toContain("$");
          expect(view).not.toMatch(/treasure:|believe/);
          const rows = view.split("\n");
          full.forEach((row, y) => {
            const x = y > 0 ? row.indexOf("$") : -1;
            if (x >= 0 && rows[y][x] !== "?") {
              expect(rows[y][x]).toBe("c");
              checked++;
            }
          });
        }
        // Once the treasure is hidden, the deceiver wanders off instead of guarding it.
        const hidden = sd.treasureLocation !== "carried";
        sd.step(
          Object.fromEntries(
            sd.agents.map((a) => [
              a,
              hidden && a === "deceiver" ? rng.intBetween(1, 4) : sd.expertAction(a)
            ])
          )
        );
      }
    }
    expect(checked).toBeGreaterThan(0);

    const bc = new BeliefCircles({ numAgents: 2, numLandmarks: 3, maxSteps: 60 });
    bc.reset({ seed: 1 });
    const hasTarget = (img: { data: Uint8Array }): boolean => {
      for (let i = 0; i < img.data.length; i += 3)
        if (img.data[i] === 240 && img.data[i + 1] === 200 && img.data[i + 2] === 60) return true;
      return false;
    };
    let leaderSawTarget = false;
    for (let t = 0; t < 30 && bc.agents.length > 0; t++) {
      bc.step(Object.fromEntries(bc.agents.map((a) => [a, bc.expertAction(a)])));
      expect(hasTarget(bc.render("rgb_array"))).toBe(true);
      expect(hasTarget(bc.render("rgb_array", { agent: "agent_0" }))).toBe(false);
      expect(bc.render("svg", { agent: "agent_1" })).not.toContain("target");
      leaderSawTarget ||= /[ABC]/.test(
        bc.render("ansi", { agent: "agent_0" }).split("\n").slice(1, -1).join("")
      );
    }
    expect(leaderSawTarget).toBe(true);
  });

  it("draws an RGB image of 12 px per cell and a view that hides what the agent cannot see", () => {
    const env = new HideAndSeek({ arenaSize: 9, numHiders: 1, numSeekers: 1 });
    env.reset({ seed: 1 });
    const full = env.render("rgb_array");
    expect(full.shape).toEqual([108, 108, 3]);
    const own = env.render("rgb_array", { agent: "hider_0" });
    expect(Buffer.from(own.data).equals(Buffer.from(full.data))).toBe(false);
    expect(env.render("ansi", { agent: "hider_0" })).toContain("?");
    const svg = env.render("svg");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<script/);
  });
});
