import { makeEnv } from "../../src/envs/registry";
import type { GridWorld } from "../../src/envs/gridworld";
import { HideAndSeek } from "../../src/envs/worlds/hideandseek";
import { SocialDeception } from "../../src/envs/worlds/socialdeception";

function worldOf(env: SocialDeception): Record<string, string> {
  const world: Record<string, string> = { "at(treasure)": env.treasureLocation };
  for (const a of env.possibleAgents) world[`at(${a})`] = env.positionBelief(a, a)!;
  return world;
}

describe("GridWorld.setState (simulation copies)", () => {
  it("puts objects, world fluents, beliefs and time where the state says, keeping the layout", () => {
    const sim = new SocialDeception({ beliefs: "off", numThieves: 2, maxSteps: 20 });
    sim.reset({ seed: 2 });
    const start = worldOf(sim);
    const render = sim.render("ansi");
    // Swap the two thieves and hide the treasure in cache_1; thief_0 believes it in cache_0.
    const world = {
      ...start,
      "at(thief_0)": start["at(thief_1)"],
      "at(thief_1)": start["at(thief_0)"],
      "at(treasure)": "cache_1"
    };
    sim.setState({
      world,
      beliefs: { thief_0: { "at(treasure)": "cache_0" }, thief_1: {} },
      t: 19
    });
    expect(sim.positionBelief("thief_0", "thief_0")).toBe(start["at(thief_1)"]);
    expect(sim.treasureLocation).toBe("cache_1");
    expect(sim.believedTreasureLocation("thief_0")).toBe("cache_0");
    expect(sim.believedTreasureLocation("thief_1")).toBeUndefined();
    expect(sim.believedTreasureLocation("deceiver")).toBe("cache_1"); // left out: believes the world
    expect(sim.time).toBe(19);
    expect(sim.agents).toEqual(sim.possibleAgents);
    // Walls and caches stay: only the letters of the thieves and the status differ.
    expect(sim.render("ansi").split("\n").length).toBe(render.split("\n").length);
    const step = sim.step({ deceiver: 0, thief_0: 0, thief_1: 0 });
    expect(step.truncations.deceiver).toBe(true); // t reached maxSteps
  });

  it("lets agents see what is in view, overriding the beliefs given", () => {
    const sim = new HideAndSeek({ beliefs: "off", numHiders: 1, numSeekers: 1, episodeLength: 10 });
    sim.reset({ seed: 1 });
    const hider = sim.positionBelief("hider_0", "hider_0")!;
    const [x, y] = hider.slice(1).split("_").map(Number);
    // The seeker next to the hider (the first neighbour that is floor), believing nothing.
    const placed = [
      sim.cellName(x + 1, y),
      sim.cellName(x - 1, y),
      sim.cellName(x, y + 1),
      sim.cellName(x, y - 1)
    ].some((cell) => {
      try {
        sim.setState({
          world: { "at(hider_0)": hider, "at(seeker_0)": cell },
          beliefs: { seeker_0: {} }
        });
        return true;
      } catch {
        return false;
      }
    });
    expect(placed).toBe(true);
    expect(sim.positionBelief("seeker_0", "hider_0")).toBe(hider);
    expect(sim.isLocated("hider_0")).toBe(true);
  });

  it.each(["MultiAgentBoxWorld", "BeliefCircles", "HideAndSeek", "SocialDeception"])(
    "%s takes the state a tracked twin starts from, and steps on from it",
    (name) => {
      const twin = makeEnv(name, {});
      twin.reset({ seed: 5 });
      const world = twin.getTrackerInit()!.world;
      const sim = makeEnv(name, { beliefs: "off" }) as unknown as GridWorld;
      sim.reset({ seed: 5 }); // the same layout; the objects then wander off
      for (let i = 0; i < 6 && sim.agents.length > 0; i++) {
        sim.step(Object.fromEntries(sim.agents.map((a) => [a, sim.actionSpace(a).sample()])));
      }
      sim.setState({ world, t: 0 });
      for (const a of sim.possibleAgents) {
        expect(sim.positionBelief(a, a)).toBe(world[`at(${a})`]);
      }
      const result = sim.step(Object.fromEntries(sim.agents.map((a) => [a, 0])));
      expect(Object.keys(result.rewards).sort()).toEqual([...sim.possibleAgents].sort());
    }
  );

  it("refuses states it cannot hold, by name", () => {
    const sim = new SocialDeception({ beliefs: "off" });
    expect(() => sim.setState({ world: {} })).toThrow(/reset\(\) before setState/);
    sim.reset({ seed: 1 });
    const w = worldOf(sim);
    expect(() => sim.setState({ world: { ...w, "at(thief_0)": "c0_0" } })).toThrow(
      /at\(thief_0\) = "c0_0" is not a floor cell/
    );
    expect(() => sim.setState({ world: { ...w, "at(thief_0)": w["at(thief_1)"] } })).toThrow(
      /both on/
    );
    expect(() => sim.setState({ world: { ...w, "at(treasure)": "cache_9" } })).toThrow(
      /at\(treasure\) of the world/
    );
    const partial = { ...w };
    delete partial["at(deceiver)"];
    expect(() => sim.setState({ world: partial })).toThrow(/misses at\(deceiver\)/);
    expect(() => sim.setState({ world: w, t: -1 })).toThrow(/t must be/);
    expect(() =>
      sim.setState({ world: w, beliefs: { thief_0: { "at(treasure)": "nowhere" } } })
    ).toThrow(/of thief_0/);
  });
});
