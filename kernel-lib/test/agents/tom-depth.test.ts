/**
 * Depth matters in the decision itself: a hider's next move should depend on what the seeker
 * believes about where it is (a ToM question), and only agents of depth >= 1 can see that.
 *
 * HideAndSeek, seed 1 (11x11): the hider starts at c4_4, the seeker at c8_7, out of each other's
 * view; both starting cells are common knowledge. The hider steps left to c3_4. In situation
 * "unseen" the seeker is oblivious of the step (it still believes the hider at c4_4); in
 * "seen" it witnessed it (it believes c3_4). A hider is located, and loses a point per step,
 * while a seeker's belief matches its cell.
 */
import { ToMAgent } from "../../src/agents/tom-agent";
import { HideAndSeek } from "../../src/envs/worlds/hideandseek";
import type { EpistemicEvent } from "../../src/epistemic/events";
import type { TrackerInit } from "../../src/epistemic/tracker";

function situation(seekerSaw: boolean, tomDepth: number) {
  const sim = new HideAndSeek({ numHiders: 1, numSeekers: 1, episodeLength: 20, beliefs: "off" });
  sim.reset({ seed: 1 });
  expect(sim.positionBelief("hider_0", "hider_0")).toBe("c4_4"); // the layout this test is about
  expect(sim.positionBelief("seeker_0", "seeker_0")).toBe("c8_7");
  const reference = new HideAndSeek({ numHiders: 1, numSeekers: 1 });
  reference.reset({ seed: 1 });
  const floor = reference.getTrackerInit()!.domains!["at(hider_0)"];
  const init: TrackerInit = {
    agents: ["hider_0", "seeker_0"],
    world: { "at(hider_0)": "c4_4", "at(seeker_0)": "c8_7" },
    domains: { "at(hider_0)": floor, "at(seeker_0)": floor },
    commonKnowledge: ["at(hider_0)", "at(seeker_0)"]
  };
  const step: EpistemicEvent = {
    kind: "ontic",
    actor: "hider_0",
    effects: { "at(hider_0)": "c3_4" },
    observers: seekerSaw ? { hider_0: "full", seeker_0: "full" } : { hider_0: "full" }
  };
  const agent = new ToMAgent({
    id: "hider_0",
    tomDepth,
    simulator: sim,
    init,
    numSimulations: 150,
    maxDepth: 6,
    seed: 4
  });
  agent.observe(null, []);
  agent.observe(null, [step]);
  const action = agent.act();
  return { action, stats: agent.lastSearch!.stats, tree: agent.lastSearch!.tree };
}

describe("ToM depth in a hider's decision", () => {
  it("depth 0 cannot tell whether the seeker saw the hider move", () => {
    expect(situation(true, 0)).toEqual(situation(false, 0));
  });

  it("depth 1 stays hidden when the seeker's belief is stale and moves when it is right", () => {
    const unseen = situation(false, 1);
    const seen = situation(true, 1);
    const stay = (s: typeof seen) => s.stats[0].value;
    expect(stay(unseen)).toBeGreaterThan(stay(seen) + 1);
    expect(seen.action).not.toBe(0);
  });

  it("depth 2 makes the same distinction", () => {
    expect(situation(false, 2).stats[0].value).toBeGreaterThan(
      situation(true, 2).stats[0].value + 1
    );
  });
});
