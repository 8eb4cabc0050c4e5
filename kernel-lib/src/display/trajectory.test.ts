import { DataCollector } from "../data/collector";
import { HideAndSeek } from "../envs/worlds/hideandseek";
import { checkMimeBundle } from "./bundle";
import { toMimeBundle } from "./display";
import {
  TRAJECTORY,
  TRAJECTORY_MIME,
  sceneOf,
  validatePayload,
  type TrajectoryPayload
} from "./payloads";
import { Trajectory } from "./trajectory";
import { recordTrajectory, trajectoryOf } from "./trajectory-sources";

const HOSTILE = '<img src=x onerror="alert(1)">';

function played(steps: number) {
  const env = new HideAndSeek({ seed: 3 });
  env.reset({ seed: 3 });
  const replay = recordTrajectory(env);
  for (let t = 0; t < steps && env.agents.length > 0; t++) {
    env.step(Object.fromEntries(env.agents.map((a) => [a, env.actionSpace(a).sample()])));
    replay.capture({ predicted: { seeker_0: [1, 1] } });
  }
  return { env, replay };
}

describe("trajectories of grid episodes", () => {
  it("records every step: positions, fields of view, beliefs and predictions, schema-valid", () => {
    const { env, replay } = played(5);
    const p = replay.toTrajectory().payload as TrajectoryPayload;
    expect(validatePayload(TRAJECTORY, p)).toEqual([]);
    expect(p.steps).toHaveLength(6);
    expect(p.agents.map((a) => a.id)).toEqual([...env.possibleAgents]);
    const frame = env.frame();
    const last = p.steps[5];
    last.agents.forEach((a, i) => {
      expect(a.at).toEqual(frame.objects[i].at);
      expect(a.fov).toEqual(frame.agents[i].sees);
      expect(a.fov).toContainEqual(a.at);
    });
    expect(last.agents[p.agents.findIndex((a) => a.id === "seeker_0")].predicted).toEqual([1, 1]);
  });

  it("displays a recorder, an env and its one step as one bundle with a frame strip", () => {
    const { env, replay } = played(20);
    for (const source of [replay, env]) {
      const bundle = toMimeBundle(source);
      checkMimeBundle(bundle);
      expect(bundle[TRAJECTORY_MIME]).toBeDefined();
      expect(bundle["text/html"]).toContain("<svg");
    }
    const svg = toMimeBundle(replay)["image/svg+xml"] as string;
    // 21 steps: 12 frames, first and last, and a note.
    expect(svg.match(/<g transform=/g)).toHaveLength(12);
    expect(svg).toContain("t=0");
    expect(svg).toContain("t=20");
    expect(svg).toContain("12 of 21 steps shown");
    expect(trajectoryOf(env).payload.steps).toHaveLength(1);
  });

  it("replays a recorded episode of a dataset: positions, fields of view, objects from its events", () => {
    const env = new HideAndSeek({ seed: 4, episodeLength: 8 });
    const { dataset } = new DataCollector(env).collect({
      numEpisodes: 1,
      seed: 4,
      progress: false
    } as never);
    const episode = dataset!.episodes[0];
    const p = trajectoryOf(episode).payload as TrajectoryPayload;
    expect(validatePayload(TRAJECTORY, p)).toEqual([]);
    expect(p.steps).toHaveLength(episode.observations.length);
    expect(p.agents.map((a) => a.id)).toEqual(Object.keys(episode.observations[0]));
    p.steps.forEach((step, t) =>
      step.agents.forEach((a, i) => {
        const obs = episode.observations[t][p.agents[i].id] as
          { position?: Int32Array } | undefined;
        expect(a.at).toEqual(obs?.position ? [obs.position[0], obs.position[1]] : null);
        if (a.at) expect(a.fov).toContainEqual(a.at);
      })
    );
    // Walls seen by some agent are drawn; the grid holds every cell mentioned.
    expect(p.grid.walls!.length).toBeGreaterThan(0);
    expect(toMimeBundle(episode)[TRAJECTORY_MIME]).toBeDefined();
  });

  it("from one agent's viewpoint shows only what it sees, plus where it believes the rest is", () => {
    const p: TrajectoryPayload = {
      version: "1.0",
      grid: { width: 4, height: 1 },
      agents: [{ id: "a" }, { id: "b" }],
      objects: [{ id: "key" }],
      steps: [
        {
          agents: [
            {
              at: [0, 0],
              fov: [
                [0, 0],
                [1, 0]
              ],
              thinks: [null, null, [1, 0]]
            },
            { at: [3, 0], fov: [[3, 0]] }
          ],
          objects: [[2, 0]]
        }
      ]
    };
    expect(validatePayload(TRAJECTORY, p)).toEqual([]);
    const world = sceneOf(p, 0, null).items.map((i) => `${i.kind}:${i.label}`);
    expect(world).toEqual(["agent:a", "agent:b", "object:key"]);
    const fromA = sceneOf(p, 0, 0);
    expect(fromA.items.map((i) => `${i.kind}:${i.label}@${i.x}`)).toEqual([
      "agent:a@0",
      "belief:key@1"
    ]);
    expect(fromA.visible).toEqual(new Set(["0,0", "1,0"]));
  });

  it("refuses inconsistent payloads with the problem named", () => {
    const bad = {
      version: "1.0",
      grid: { width: 2, height: 2 },
      agents: [{ id: "a" }],
      steps: [{ agents: [{ at: [5, 0] }, { at: null }] }]
    };
    expect(() => Trajectory.fromPayload(bad)).toThrow(
      /steps\[0\]\.agents has 2 entries for 1 agents; steps\[0\]\.agents\[0\]\.at \[5, 0\] is outside the 2×2 grid/
    );
  });

  it("escapes hostile labels in the static frames", () => {
    const t = Trajectory.fromPayload({
      version: "1.0",
      title: HOSTILE,
      grid: { width: 2, height: 2 },
      agents: [{ id: HOSTILE }],
      objects: [{ id: "o", label: "x".repeat(100_000) }],
      steps: [{ label: HOSTILE, agents: [{ at: [0, 0] }], objects: [[1, 1]] }]
    });
    const svg = t.toSVG();
    expect(svg).not.toMatch(/<img/);
    expect(svg).toContain("&lt;img");
    expect(svg.length).toBeLessThan(10_000);
  });
});
