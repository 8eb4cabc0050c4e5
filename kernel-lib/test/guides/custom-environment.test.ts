/**
 * The code of docs/guides/custom-environment.md, run as a test. The page's code blocks are the
 * `#region` blocks of this file (imports rewritten to the package's entry points) and
 * `scripts/docs/snippets.mjs --check` fails when they differ, so the guide cannot rot. The
 * expectations around the regions are what the guide promises its reader.
 */
// #region imports
import { DataCollector } from "../../src/data";
import { escapeMarkup } from "../../src/display";
import type { AgentId, TrackerInit } from "../../src/epistemic";
import { EpisodeEnv, MultiDiscrete, Discrete, checkEnvConformance } from "../../src/envs";
import type { Drawing, EpisodeOptions, Space } from "../../src/envs";
import type { Rng } from "../../src/random";
// #endregion imports

// #region world
/**
 * The glance game. A coin lies in one of `boxes` boxes, where both agents saw it. Each step the
 * watcher either watches the mover (0) or looks away (1), and the mover waits (0) or moves the
 * coin to box k (k + 1). A move the watcher did not watch leaves it with a false belief, and the
 * mover knows it: it saw the watcher look away.
 */
class GlanceGame extends EpisodeEnv<ArrayLike<number>, number> {
  readonly name = "GlanceGame";
  readonly config: Readonly<Record<string, unknown>>;
  private coin = 0; // the box the coin is in
  private believed = 0; // the box the watcher believes it is in
  private watching = true; // did the watcher watch in the last step?

  constructor(
    readonly boxes = 3,
    options: EpisodeOptions = {}
  ) {
    super(["mover", "watcher"], options, { maxSteps: 8, beliefDepth: 2 });
    if (!Number.isInteger(boxes) || boxes < 2) throw new RangeError("GlanceGame needs 2+ boxes");
    // JSON-safe: dataset headers store it, and a dataset is only resumed into the same config.
    this.config = { boxes, maxSteps: this.maxSteps, seed: this.baseSeed };
  }
  // #endregion world

  // #region spaces
  protected createActionSpace(agent: number): Space<number> {
    return agent === 0 ? new Discrete(this.boxes + 1) : new Discrete(2);
  }

  protected createObservationSpace(): Space<ArrayLike<number>> {
    // mover: [coin box, watcher watched]; watcher: [believed box, watched]
    return new MultiDiscrete([this.boxes, 2]);
  }
  // #endregion spaces

  // #region layout
  protected layout(rng: Rng): void {
    this.coin = rng.int(this.boxes);
    this.believed = this.coin;
    this.watching = true;
  }

  protected trackerInit(): TrackerInit {
    const boxes = Array.from({ length: this.boxes }, (_, k) => `box_${k}`);
    return {
      agents: [...this.possibleAgents],
      world: { "at(coin)": boxes[this.coin] },
      domains: { "at(coin)": boxes },
      commonKnowledge: ["at(coin)"], // both saw where it starts, and know the other did
      maxDepth: this.beliefDepth
    };
  }
  // #endregion layout

  // #region advance
  protected advance(actions: Record<AgentId, number>, rewards: Float64Array): boolean {
    this.watching = actions.watcher === 0;
    const target = actions.mover - 1; // -1: wait
    if (target >= 0 && target !== this.coin) {
      this.coin = target;
      if (this.watching) this.believed = target;
      this.emit({
        kind: "ontic",
        actor: "mover",
        effects: { "at(coin)": `box_${target}` },
        // An oblivious watcher believes nothing happened; the mover saw whether it watched.
        observers: { mover: "full", watcher: this.watching ? "full" : "oblivious" },
        t: this.t
      });
    }
    const fooled = this.believed !== this.coin ? 1 : 0;
    rewards[0] += fooled;
    rewards[1] -= fooled;
    return false; // no terminal state: episodes end by truncation after maxSteps
  }
  // #endregion advance

  // #region observe
  protected observe(agent: number): ArrayLike<number> {
    const box = agent === 0 ? this.coin : this.believed;
    return Int32Array.of(box, this.watching ? 1 : 0);
  }

  protected draw(viewer: number | undefined, title: string): Drawing {
    // What `viewer` (an agent index, or everyone) can see: the watcher sees its belief.
    const shown = viewer === 1 ? this.believed : this.coin;
    const row = Array.from({ length: this.boxes }, (_, k) => (k === shown ? "[o]" : "[ ]"));
    const text = `${row.join(" ")} ${this.watching ? "watched" : "unwatched"}`;
    return {
      ansi: () => `${title}\n${text}`,
      svg: () =>
        `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="30">` +
        `<text x="4" y="20">${escapeMarkup(`${title}: ${text}`)}</text></svg>`,
      rgb_array: () => {
        const data = new Uint8Array(this.boxes * 3);
        data[shown * 3] = 255;
        return { data, shape: [1, this.boxes, 3] };
      }
    };
  }

  expertAction(agent: AgentId): number {
    // The mover moves the coin one box on when unwatched; the watcher always watches.
    if (agent === "watcher") return 0;
    return this.watching ? 0 : ((this.coin + 1) % this.boxes) + 1;
  }
}
// #endregion observe

describe("docs/guides/custom-environment.md", () => {
  it("the world passes the conformance check in every belief mode", () => {
    // #region conformance
    checkEnvConformance(() => new GlanceGame(3), { seeds: [0, 1, 2] });
    checkEnvConformance(() => new GlanceGame(4, { beliefs: "off" }));
    // #endregion conformance
    for (const beliefs of ["track", "events", "off"] as const) {
      expect(checkEnvConformance(() => new GlanceGame(3, { beliefs }))).toBeGreaterThan(0);
    }
  });

  it("an unwatched move gives the watcher a false belief, which the mover knows about", () => {
    // #region episode
    const env = new GlanceGame(3);
    const { observations } = env.reset({ seed: 7 });
    const start = observations.mover[0]; // both know where the coin is
    const elsewhere = (start + 1) % 3;
    env.step({ mover: 0, watcher: 1 }); // the watcher looks away ...
    const step = env.step({ mover: elsewhere + 1, watcher: 1 }); // ... and the coin moves

    const truth = env.getBeliefGroundTruth(2).perspectives;
    const watcherThinks = truth["watcher"]["at(coin)"]; // [`box_${start}`]: a false belief
    const moverThinks = truth["mover"]["at(coin)"]; // [`box_${elsewhere}`]
    const moverThinksWatcherThinks = truth["mover/watcher"]["at(coin)"]; // [`box_${start}`]
    const witnessed = step.infos.watcher.events; // []: the watcher saw nothing happen
    const { rewards } = step; // { mover: 1, watcher: -1 }
    // #endregion episode
    expect(watcherThinks).toEqual([`box_${start}`]);
    expect(moverThinks).toEqual([`box_${elsewhere}`]);
    expect(moverThinksWatcherThinks).toEqual([`box_${start}`]);
    expect(truth["watcher/mover"]["at(coin)"]).toEqual([`box_${start}`]);
    expect(witnessed).toEqual([]);
    expect(rewards).toEqual({ mover: 1, watcher: -1 });
    expect(step.infos.mover.events).toHaveLength(1);
    expect(step.observations.watcher).toEqual(Int32Array.of(start, 0));
    expect(env.render("ansi", { agent: "watcher" })).toContain("unwatched");
  });

  it("a watched move is seen by both, to every depth", () => {
    const env = new GlanceGame(3);
    const start = env.reset({ seed: 3 }).observations.mover[0];
    const to = (start + 2) % 3;
    env.step({ mover: to + 1, watcher: 0 });
    const truth = env.getBeliefGroundTruth(2).perspectives;
    for (const chain of ["mover", "watcher", "mover/watcher", "watcher/mover"]) {
      expect(truth[chain]["at(coin)"]).toEqual([`box_${to}`]);
    }
  });

  it("bad actions are refused by name; the episode ends by truncation", () => {
    const env = new GlanceGame(2, { maxSteps: 2 });
    env.reset({ seed: 0 });
    expect(() => env.step({ mover: 5, watcher: 0 })).toThrow(/invalid action for mover/);
    expect(() => env.step({ mover: 0 })).toThrow(/missing action for watcher/);
    env.step({ mover: 0, watcher: 0 });
    expect(env.step({ mover: 0, watcher: 0 }).truncations).toEqual({ mover: true, watcher: true });
    expect(env.agents).toEqual([]);
    expect(() => new GlanceGame(1)).toThrow(/2\+ boxes/);
  });

  it("collects a dataset with belief labels, and the expert mover fools a looking-away watcher", () => {
    // #region collect
    const result = new DataCollector(new GlanceGame(3)).collect({
      numEpisodes: 4,
      policy: "random",
      saveBeliefs: true,
      progress: false
    });
    const episodes = result.dataset!.episodes; // 4, each step with its events and beliefs
    // #endregion collect
    expect(episodes).toHaveLength(4);
    expect(result.steps).toBe(4 * 8);
    // The expert mover never moves while watched, so against a watcher who always looks away it
    // earns from the second step on; against one who always watches it never does.
    const play = (watcher: number): number => {
      const env = new GlanceGame(3);
      env.reset({ seed: 1 });
      let total = 0;
      while (env.agents.length > 0) {
        total += env.step({ mover: env.expertAction("mover"), watcher }).rewards.mover;
      }
      return total;
    };
    expect(play(1)).toBeGreaterThan(0);
    expect(play(0)).toBe(0);
  });
});
