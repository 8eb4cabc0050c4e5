/**
 * The shared episode bookkeeping as a user meets it: a small world of one's own built on
 * `EpisodeEnv` (the same one docs/environments.md shows) gets the whole PerspectiveEnv contract —
 * live agents, truncation, action checks, a rejected reset that changes nothing, the belief tracker,
 * render dispatch, seeded per-agent spaces — and passes the conformance check.
 */
import type { AgentId } from "../../src/epistemic/events";
import type { TrackerInit } from "../../src/epistemic/tracker";
import type { Rng } from "../../src/random/rng";
import { checkEnvConformance } from "../../src/envs/conformance";
import { EnvError } from "../../src/envs/env";
import { Drawing, EpisodeEnv, EpisodeOptions } from "../../src/envs/episode";
import { escapeXml } from "../../src/envs/render";
import { Box, Discrete, Space } from "../../src/envs/spaces";

/**
 * The cup game: a ball lies under one of `cups` cups. The hider is shown where (a private
 * sensing event); the seeker is not. An agent lifts a cup (action k = cup k - 1, 0 waits) and
 * everyone sees what is under it; finding the ball pays +1 and ends the episode, an empty cup -0.1.
 * Observation: [the cup the agent knows holds the ball + 1, or 0].
 */
class CupGame extends EpisodeEnv<Int32Array, number> {
  readonly name = "CupGame";
  readonly config: Readonly<Record<string, unknown>>;
  private ball = 0;
  private readonly known: Int32Array;

  constructor(
    readonly cups = 3,
    options: EpisodeOptions = {}
  ) {
    super(["hider", "seeker"], options, { maxSteps: 10, beliefDepth: 2 });
    this.known = new Int32Array(this.numAgents);
    this.config = { cups, maxSteps: this.maxSteps, seed: this.baseSeed };
  }

  protected checkResetOptions(options: Record<string, unknown>): void {
    const { ball } = options;
    if (
      ball !== undefined &&
      !(Number.isInteger(ball) && Number(ball) >= 0 && Number(ball) < this.cups)
    )
      throw new EnvError(`CupGame: options.ball must be a cup index below ${this.cups}`);
  }

  protected layout(rng: Rng, options: Record<string, unknown>): void {
    this.ball = options.ball === undefined ? rng.int(this.cups) : Number(options.ball);
    this.known.fill(0);
    this.known[0] = this.ball + 1;
    // A private briefing: buffered now, replayed into the tracker the base starts after layout.
    this.emit({ kind: "sensing", fluents: ["at(ball)"], observers: { hider: "full" }, t: 0 });
  }

  protected trackerInit(): TrackerInit {
    const cups = Array.from({ length: this.cups }, (_, k) => `cup_${k}`);
    return {
      agents: [...this.possibleAgents],
      world: { "at(ball)": cups[this.ball] },
      domains: { "at(ball)": cups },
      commonKnowledge: [],
      maxDepth: this.beliefDepth
    };
  }

  protected advance(actions: Record<AgentId, number>, rewards: Float64Array): boolean {
    let found = false;
    for (const agent of this.agents) {
      const lift = actions[agent] - 1;
      if (lift < 0) continue;
      const a = this.agentIdx(agent);
      if (lift === this.ball) {
        found = true;
        rewards[a] += 1;
        this.known.fill(this.ball + 1);
        this.emit({
          kind: "sensing",
          fluents: ["at(ball)"],
          observers: { hider: "full", seeker: "full" },
          t: this.t
        });
      } else rewards[a] -= 0.1;
    }
    return found;
  }

  protected observe(a: number): Int32Array {
    return Int32Array.of(this.known[a]);
  }

  protected createActionSpace(): Space<number> {
    return new Discrete(this.cups + 1);
  }

  protected createObservationSpace(): Space<Int32Array> {
    return new Box(0, this.cups, [1], "int32") as Space<Int32Array>;
  }

  protected draw(viewer: number | undefined, title: string): Drawing {
    const shows = (k: number): boolean =>
      k === this.ball && (viewer === undefined || this.known[viewer] === k + 1);
    const text = Array.from({ length: this.cups }, (_, k) => (shows(k) ? "o" : "_")).join(" ");
    return {
      ansi: () => `${title}\n${text}`,
      svg: () =>
        `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="20">${escapeXml(`${title}: ${text}`)}</text></svg>`,
      rgb_array: () => {
        const data = new Uint8Array(this.cups * 3);
        for (let k = 0; k < this.cups; k++) data[k * 3] = shows(k) ? 255 : 0;
        return { data, shape: [1, this.cups, 3] };
      }
    };
  }

  expertAction(agent: AgentId): number {
    return this.known[this.agentIdx(agent)]; // lift the cup you know, else wait
  }
}

describe("a custom world on EpisodeEnv", () => {
  it("passes the conformance check every built-in world passes", () => {
    for (const beliefs of ["track", "events", "off"] as const) {
      expect(
        checkEnvConformance(() => new CupGame(4, { beliefs }), { seeds: [0, 1, 2] })
      ).toBeGreaterThan(0);
    }
  });

  it("replays an episode from its seed, and reset() without a seed continues the sequence", () => {
    const balls = (env: CupGame, seeds: (number | undefined)[]): number[] =>
      seeds.map((seed) => env.reset({ seed }).observations.hider[0]);
    const a = balls(new CupGame(50), [3, undefined, undefined]);
    expect(balls(new CupGame(50), [3, undefined, undefined])).toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(1);
  });

  it("feeds the tracker: the briefing reaches only the hider, a found ball everyone", () => {
    const env = new CupGame(3);
    env.reset({ options: { ball: 2 } });
    const tracker = env.getTracker();
    expect(tracker.believedValues(["hider"], "at(ball)")).toEqual(["cup_2"]);
    expect(tracker.believedValues(["seeker"], "at(ball)").sort()).toEqual([
      "cup_0",
      "cup_1",
      "cup_2"
    ]);
    expect(env.getBeliefGroundTruth(1).perspectives.hider["at(ball)"]).toEqual(["cup_2"]);
    const { infos, rewards, terminations } = env.step({ hider: 0, seeker: 3 });
    expect(rewards).toEqual({ hider: 0, seeker: 1 });
    expect(terminations).toEqual({ hider: true, seeker: true });
    expect(infos.seeker.events).toHaveLength(1);
    expect(env.getTracker().believedValues(["hider", "seeker"], "at(ball)")).toEqual(["cup_2"]);
    expect(env.agents).toEqual([]);
    expect(() => env.step({})).toThrow(/episode is over/);
  });

  it("truncates every live agent after maxSteps", () => {
    const env = new CupGame(3, { maxSteps: 2 });
    env.reset({ options: { ball: 0 } });
    expect(env.step({ hider: 0, seeker: 0 }).truncations).toEqual({ hider: false, seeker: false });
    const last = env.step({ hider: 0, seeker: 0 });
    expect(last.truncations).toEqual({ hider: true, seeker: true });
    expect(last.terminations).toEqual({ hider: false, seeker: false });
    expect(env.time).toBe(2);
  });

  it("checks actions before anything changes, naming the agent", () => {
    const env = new CupGame(3);
    env.reset({ options: { ball: 1 } });
    expect(() => env.step({ hider: 9, seeker: 0 })).toThrow(/invalid action for hider/);
    expect(() => env.step({ hider: 0 })).toThrow(/missing action for seeker/);
    expect(env.time).toBe(0);
  });

  it("a rejected reset leaves the current episode as it was", () => {
    const env = new CupGame(3);
    env.reset({ options: { ball: 1 } });
    env.step({ hider: 0, seeker: 0 });
    expect(() => env.reset({ options: { ball: 7 } })).toThrow(/options.ball/);
    expect(env.time).toBe(1);
    expect(env.render("ansi")).toBe("CupGame t=1\n_ o _");
  });

  it("a layout that fails leaves no half-built episode; a layout may not change the world", () => {
    class Fragile extends CupGame {
      protected layout(rng: Rng, options: Record<string, unknown>): void {
        super.layout(rng, options);
        if (options.fail) throw new EnvError("CupGame: the table collapsed");
        if (options.ontic)
          this.emit({ kind: "ontic", effects: { "at(ball)": "cup_0" }, observers: {}, t: 0 });
      }
    }
    const env = new Fragile(3);
    env.reset();
    expect(() => env.reset({ options: { fail: true } })).toThrow(/collapsed/);
    expect(env.agents).toEqual([]);
    expect(() => env.step({ hider: 0, seeker: 0 })).toThrow(/call reset\(\) before step/);
    expect(() => env.reset({ options: { ontic: true } })).toThrow(/must not emit ontic events/);
    expect(env.agents).toEqual([]);
    expect(env.reset().observations.seeker[0]).toBe(0);
  });

  it("dispatches render modes and agent views; refuses unknown ones", () => {
    const env = new CupGame(3);
    expect(() => env.render("ansi")).toThrow(/reset\(\) before render/);
    env.reset({ options: { ball: 0 } });
    expect(env.render("ansi", { agent: "seeker" })).toBe("CupGame t=0 — view of seeker\n_ _ _");
    expect(env.render("ansi", { agent: "hider" })).toMatch(/o _ _$/);
    expect(env.render("rgb_array").shape).toEqual([1, 3, 3]);
    expect(env.render("svg")).toMatch(/^<svg/);
    expect(() => env.render("png" as "svg")).toThrow(/unknown render mode "png"/);
    expect(() => env.render("ansi", { agent: "nobody" })).toThrow(/unknown agent "nobody"/);
  });

  it("validates the shared options and says which is wrong", () => {
    expect(() => new CupGame(3, { maxSteps: 0 })).toThrow(/maxSteps must be a positive integer/);
    expect(() => new CupGame(3, { beliefs: "all" as "off" })).toThrow(/beliefs must be/);
    expect(() => new CupGame(3, { beliefDepth: 13 })).toThrow(/beliefDepth must be an integer/);
  });

  it("asks for beliefs only when tracking, and refuses everything once closed", () => {
    const off = new CupGame(3, { beliefs: "off" });
    off.reset();
    expect(() => off.getBeliefGroundTruth()).toThrow(/beliefs: "track"/);
    expect(off.reset().infos.hider.events).toEqual([]);
    const env = new CupGame(3);
    expect(() => env.getBeliefGroundTruth()).toThrow(/call reset\(\)/);
    env.reset();
    env.close();
    expect(() => env.reset()).toThrow(/CupGame is closed/);
    expect(() => env.render("ansi")).toThrow(/closed/);
  });
});
