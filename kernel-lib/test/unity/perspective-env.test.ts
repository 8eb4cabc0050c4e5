/**
 * The simulated Unity build behind the PerspectiveEnv contract passes the envs conformance
 * check, and a data collector records episodes from it unchanged.
 */
import { checkEnvConformance } from "../../src/envs/conformance";
import { UnityPerspectiveEnv, type UnityPerspectiveOptions } from "../../src/unity/perspective-env";
import { simulatedBuildPath } from "../../src/unity/sim/build-path";
import { groupGone, processGroup } from "./process-table";

jest.setTimeout(240_000);

const OPTIONS: UnityPerspectiveOptions = {
  basePort: 0,
  connectTimeout: 60,
  timeoutWait: 30,
  additionalArgs: ["--pwmk-agents", "2", "--pwmk-max-step", "12"],
  name: "SimGridWorld",
  reseed: { parameter: "seed" } // the simulated scene reseeds from this parameter at a reset
};

describe("UnityPerspectiveEnv", () => {
  test("passes the PerspectiveEnv conformance check, and leaves no player running", async () => {
    const made: UnityPerspectiveEnv[] = [];
    const groups: number[] = [];
    try {
      checkEnvConformance(
        () => {
          const env = new UnityPerspectiveEnv({ fileName: simulatedBuildPath(), ...OPTIONS });
          made.push(env);
          return env;
        },
        { maxSteps: 50 }
      );
    } finally {
      for (const env of made) {
        const g = env.playerPid !== undefined ? processGroup(env.playerPid) : undefined;
        if (g !== undefined) groups.push(g);
        env.close();
      }
    }
    for (const g of groups) expect(await groupGone(g)).toEqual([]);
  });

  test("agents, spaces, rewards and the end of an episode", () => {
    const env = new UnityPerspectiveEnv({ fileName: simulatedBuildPath(), ...OPTIONS, seed: 4 });
    try {
      expect(env.possibleAgents).toEqual(["GridWorld_team0_agent0", "GridWorld_team0_agent1"]);
      const a0 = env.possibleAgents[0];
      expect(env.actionSpace(a0).toJSON()).toEqual({ type: "Discrete", n: 5, start: 0 });
      const { observations, infos } = env.reset();
      expect(observations[a0].CameraSensor.length).toBe(3 * 20 * 20);
      expect(Array.from(observations[a0].GoalSensor).reduce((x, y) => x + y)).toBe(1);
      expect(infos[a0].actionMask).toHaveLength(5);
      let steps = 0;
      let done = 0;
      while (env.agents.length > 0) {
        const r = env.step(Object.fromEntries(env.agents.map((a) => [a, env.expertAction(a)])));
        for (const a of Object.keys(r.rewards)) {
          if (r.terminations[a] || r.truncations[a]) done++;
          if (r.truncations[a]) expect(r.infos[a].interrupted).toBe(true);
        }
        steps++;
      }
      expect(done).toBe(2);
      expect(steps).toBeLessThanOrEqual(12);
      expect(() => env.step({})).toThrow(/reset/);
      const image = env.render("rgb_array");
      expect(image.shape).toEqual([20, 42, 3]);
    } finally {
      env.close();
    }
    expect(() => env.reset()).toThrow(/closed/);
  });

  test("reset({ seed }) relaunches the player by default, and reproduces the scene", () => {
    const env = new UnityPerspectiveEnv({
      fileName: simulatedBuildPath(),
      ...OPTIONS,
      reseed: undefined
    });
    try {
      const first = env.playerPid;
      const a = env.reset({ seed: 9 }).observations;
      const second = env.playerPid;
      env.step(Object.fromEntries(env.agents.map((x) => [x, 1])));
      const b = env.reset({ seed: 9 }).observations;
      expect(second).not.toBe(first);
      expect(env.playerPid).not.toBe(second);
      expect(b).toEqual(a);
      expect(() => new UnityPerspectiveEnv({ reseed: { parameter: "" } })).toThrow(
        /reseed must be/
      );
    } finally {
      env.close();
    }
  });
});
