/**
 * UnityEnvironment against the simulated build, over real gRPC on loopback: handshake, reset,
 * steps with discrete and continuous actions, camera observations, side channels, close.
 */
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import {
  EngineConfigurationChannel,
  EnvironmentParametersChannel,
  RawBytesChannel,
  StatsSideChannel
} from "../../src/unity/side-channels";
import { UnityEnvironment, type UnityEnvironmentOptions } from "../../src/unity/environment";
import {
  UnityActionError,
  UnityEnvironmentError,
  UnityWorkerInUseError
} from "../../src/unity/errors";
import { ECHO_CHANNEL_ID } from "../../src/unity/sim/player";
import { simulatedBuildPath } from "../../src/unity/sim/build-path";
import { groupGone, processGroup } from "./process-table";

jest.setTimeout(60_000);
const GRID = "GridWorld?team=0";

function open(options: UnityEnvironmentOptions = {}): Promise<UnityEnvironment> {
  return UnityEnvironment.create({
    fileName: simulatedBuildPath(),
    basePort: 0,
    timeoutWait: 30,
    ...options
  });
}

describe("UnityEnvironment with the simulated build", () => {
  test("handshake, reset, discrete steps with action masks, camera views; close leaves nothing running", async () => {
    const env = await open({ seed: 3 });
    const pgid = processGroup(env.playerPid!)!;
    expect(env.communicationVersion).toBe("1.5.0");
    expect(env.unityPackageVersion).toBe("3.0.0");
    expect(env.academyCapabilities?.hybridActions).toBe(true);
    expect(env.behaviorSpecs).toEqual({}); // specs arrive with the first reset
    await env.reset();
    const spec = env.behaviorSpecs[GRID];
    expect(spec.actionSpec).toEqual({ continuousSize: 0, discreteBranches: [5] });
    expect(spec.observationSpecs.map((o) => [o.name, o.shape, o.observationType])).toEqual([
      ["CameraSensor", [3, 20, 20], "DEFAULT"],
      ["GoalSensor", [2], "GOAL_SIGNAL"]
    ]);
    const [decision, terminal] = env.getSteps(GRID);
    expect(decision.agentId).toEqual([0, 1, 2]);
    expect(terminal.agentId).toEqual([]);
    const [camera, goal] = decision.obs;
    expect(camera.shape).toEqual([3, 3, 20, 20]);
    // The agent sees itself (yellow) in the centre of its own view: cell (2, 2), pixel (10, 10).
    const px = (agent: number, c: number, y: number, x: number): number =>
      camera.data[agent * 1200 + c * 400 + y * 20 + x];
    expect(
      [px(0, 0, 10, 10), px(0, 1, 10, 10), px(0, 2, 10, 10)].map((v) => Math.round(v * 255))
    ).toEqual([240, 200, 40]);
    for (let a = 0; a < 3; a++) expect(goal.data[2 * a] + goal.data[2 * a + 1]).toBe(1); // one-hot goal
    // Masks: true (1) exactly where a move would leave the 5x5 grid.
    const mask = decision.actionMask![0];
    expect(mask.shape).toEqual([3, 5]);
    for (let a = 0; a < 3; a++) expect(mask.data[a * 5]).toBe(0); // "no move" is always allowed
    // Step until every agent has finished at least one episode (MaxStep 100 guarantees it).
    const finished = new Set<number>();
    let steps = 0;
    while (finished.size < 3 && steps < 150) {
      const [d] = env.getSteps(GRID);
      // Take the first allowed move for each agent.
      env.setActions(GRID, {
        discrete: d.agentId.map((_, i) => [
          [1, 4, 2, 3].find((m) => d.actionMask![0].data[i * 5 + m] === 0)!
        ])
      });
      await env.step();
      const [, t] = env.getSteps(GRID);
      t.agentId.forEach((id, i) => {
        finished.add(id);
        expect([1, -1, -0.01].some((r) => Math.abs(r - t.reward[i]) < 1e-6)).toBe(true);
        expect(t.obs[0].shape).toEqual([t.agentId.length, 3, 20, 20]);
      });
      steps++;
    }
    expect([...finished].sort()).toEqual([0, 1, 2]);
    await env.close();
    await env.close(); // idempotent
    expect(await groupGone(pgid)).toEqual([]);
    await expect(env.reset()).rejects.toThrow(/closed/);
  });

  test("continuous actions move agents; the same seed gives the same trajectory", async () => {
    const run = async (): Promise<string> => {
      const env = await open({
        seed: 11,
        additionalArgs: ["--pwmk-actions", "continuous", "--pwmk-agents", "2"]
      });
      try {
        await env.reset();
        expect(env.behaviorSpecs[GRID].actionSpec).toEqual({
          continuousSize: 2,
          discreteBranches: []
        });
        const trace: number[] = [];
        for (let i = 0; i < 6; i++) {
          const [d] = env.getSteps(GRID);
          expect(d.actionMask).toBeUndefined();
          trace.push(...d.obs[0].data.slice(0, 50), ...d.reward);
          env.setActions(GRID, {
            continuous: d.agentId.map(() => [i % 2 ? 1 : 0, i % 2 ? 0 : -1])
          });
          await env.step();
        }
        return JSON.stringify(trace);
      } finally {
        await env.close();
      }
    };
    const [a, b] = await Promise.all([run(), run()]);
    expect(a).toBe(b);
  });

  test("actions are checked against the spec; one agent's action leaves the others at zero", async () => {
    const env = await open();
    try {
      await env.reset();
      expect(() => env.setActions(GRID, { discrete: [[1], [2]] })).toThrow(UnityActionError);
      expect(() => env.setActions(GRID, { discrete: [[1], [2], [5]] })).toThrow(
        /out of range: branch 0 has 5 actions/
      );
      expect(() => env.setActions(GRID, { continuous: [[0.5]] })).toThrow(/no continuous actions/);
      expect(() => env.getSteps("Nobody?team=0")).toThrow(
        /unknown behavior "Nobody\?team=0"; known: GridWorld\?team=0/
      );
      expect(() => env.setActionForAgent(GRID, 99, { discrete: [1] })).toThrow(
        /agent 99 .* did not ask for a decision/
      );
      env.setActionForAgent(GRID, 1, { discrete: [0] });
      await env.step();
      expect(env.getSteps(GRID)[0].agentId).toEqual([0, 1, 2]);
    } finally {
      await env.close();
    }
  });

  test("side channels: parameters reshape the scene, engine settings reach it, stats and raw bytes come back", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-unity-test-"));
    const engine = new EngineConfigurationChannel();
    const params = new EnvironmentParametersChannel();
    const stats = new StatsSideChannel();
    const echo = new RawBytesChannel(ECHO_CHANNEL_ID);
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const env = await open({
      logFolder: folder,
      workerId: 2,
      noGraphics: true,
      sideChannels: [engine, params, stats, echo]
    });
    try {
      engine.setConfigurationParameters({ timeScale: 20 });
      params.setFloatParameter("viewRadius", 1);
      params.setFloatParameter("maxStep", 3);
      echo.sendRawData(Buffer.from("abc"));
      await env.reset();
      expect(env.behaviorSpecs[GRID].observationSpecs[0].shape).toEqual([3, 12, 12]);
      expect(echo.receivedMessages().map((b) => b.toString())).toEqual(["cba"]);
      for (let i = 0; i < 3; i++) await env.step(); // zero actions: every episode is cut at step 3
      const [, terminal] = env.getSteps(GRID);
      expect(terminal.interrupted).toEqual(terminal.agentId.map(() => true));
      expect(stats.getAndResetStats()["GridWorld/EpisodeReward"]?.length).toBeGreaterThan(0);
      const log = fs.readFileSync(path.join(folder, "Player-2.log"), "utf8");
      expect(log).toMatch(/Time scale set to 20/);
      expect(log).toMatch(/-nographics -batchmode --mlagents-port \d+ -logFile /);
      // A camera under -nographics may render nothing: the user is told once.
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toMatch(
        /GridWorld\?team=0 has camera observations but the player runs with noGraphics/
      );
    } finally {
      warn.mockRestore();
      await env.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test("a taken port is a clear worker-in-use error; one held by this process says how to free it", async () => {
    const first = await UnityEnvironment.create({ fileName: simulatedBuildPath(), basePort: 0 });
    const port = first.port;
    const again = UnityEnvironment.create({ fileName: simulatedBuildPath(), basePort: port });
    await expect(again).rejects.toThrow(UnityWorkerInUseError);
    await expect(
      UnityEnvironment.create({ fileName: simulatedBuildPath(), basePort: port })
    ).rejects.toThrow(
      /worker 0 is still in use. An environment created earlier in this process still holds it: close it, or call UnityEnvironment.closeAll\(\)/
    );
    expect(await UnityEnvironment.closeAll()).toBeGreaterThanOrEqual(1);
    await expect(first.reset()).rejects.toThrow(/closed/);
    // Another program on the port: the generic advice.
    const other = net.createServer();
    await new Promise<void>((r) => other.listen(port, "127.0.0.1", () => r()));
    try {
      await expect(
        UnityEnvironment.create({ fileName: simulatedBuildPath(), basePort: port, workerId: 0 })
      ).rejects.toThrow(/worker 0 is still in use. Close the previous environment/);
    } finally {
      await new Promise((r) => other.close(r));
    }
  });

  test("bad options and missing builds are refused before anything starts", async () => {
    await expect(UnityEnvironment.create({ fileName: "/nonexistent/Build" })).rejects.toThrow(
      /no executable found. Tried: \/nonexistent\/Build.x86_64/
    );
    await expect(UnityEnvironment.create({ workerId: 1 })).rejects.toThrow(/workerId must be 0/);
    await expect(
      UnityEnvironment.create({ fileName: simulatedBuildPath(), timeoutWait: -1 })
    ).rejects.toThrow(/timeoutWait/);
    await expect(
      UnityEnvironment.create({ fileName: simulatedBuildPath(), logFolder: "relative" })
    ).rejects.toThrow(/absolute/);
    const notExec = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-unity-test-")),
      "Game.x86_64"
    );
    fs.writeFileSync(notExec, "#!/bin/sh\n");
    await expect(UnityEnvironment.create({ fileName: notExec })).rejects.toThrow(
      UnityEnvironmentError
    );
    await expect(UnityEnvironment.create({ fileName: notExec })).rejects.toThrow(
      /not executable.*chmod -R 755/
    );
    fs.rmSync(path.dirname(notExec), { recursive: true, force: true });
  });
});
