/**
 * Every way a player can misbehave gives a clear error and leaves no process behind: crash,
 * signal death, hang, Unity closing the link, wrong version, never connecting, oversize
 * messages, ignoring SIGTERM, and the notebook kernel itself being killed.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { UnityEnvironment, type UnityEnvironmentOptions } from "../../src/unity/environment";
import {
  UnityCommunicatorStoppedError,
  UnityEnvironmentError,
  UnityTimeOutError
} from "../../src/unity/errors";
import { simulatedBuildPath } from "../../src/unity/sim/build-path";
import { groupGone, processGroup } from "./process-table";

jest.setTimeout(90_000);
const GRID = "GridWorld?team=0";

/** Opens the simulated build with a fault; records the player's process group while it runs. */
async function openFaulty(
  fault: string,
  options: UnityEnvironmentOptions = {}
): Promise<{ env: UnityEnvironment; pgid: number }> {
  const env = await UnityEnvironment.create({
    fileName: simulatedBuildPath(),
    basePort: 0,
    timeoutWait: 20,
    connectTimeout: 60, // starting a player is slow on a loaded machine; the faults come later
    additionalArgs: ["--pwmk-fault", fault],
    ...options
  });
  return { env, pgid: processGroup(env.playerPid!)! };
}

async function stepUntilError(env: UnityEnvironment, steps = 10): Promise<Error> {
  try {
    await env.reset();
    for (let i = 0; i < steps; i++) await env.step();
  } catch (e) {
    return e as Error;
  }
  throw new Error("no error was raised");
}

/** Expects create() to fail as described, and no player it launched to be left running. */
async function expectCreateToFail(
  fault: string,
  options: UnityEnvironmentOptions,
  pattern: RegExp,
  type: new (...a: never[]) => Error
): Promise<void> {
  const before = new Set(playerGroups());
  const error = await UnityEnvironment.create({
    fileName: simulatedBuildPath(),
    basePort: 0,
    additionalArgs: ["--pwmk-fault", fault],
    ...options
  }).then(
    () => undefined,
    (e: Error) => e
  );
  expect(error).toBeInstanceOf(type);
  expect(error!.message).toMatch(pattern);
  for (const g of playerGroups()) if (!before.has(g)) expect(await groupGone(g)).toEqual([]);
}

/** Process groups of simulated players running now (by their command line). */
function playerGroups(): number[] {
  const groups: number[] = [];
  for (const d of fs.readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    try {
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, "utf8");
      if (cmd.includes(`unity${path.sep}sim${path.sep}main`) && cmd.includes("--pwmk-fault")) {
        const g = processGroup(Number(d));
        if (g !== undefined) groups.push(g);
      }
    } catch {
      /* gone */
    }
  }
  return groups;
}

describe("a misbehaving player", () => {
  test("a crash mid-episode names the exit code and the player log", async () => {
    const { env, pgid } = await openFaulty("crash@3");
    const error = await stepUntilError(env);
    expect(error).toBeInstanceOf(UnityEnvironmentError);
    expect(error.message).toMatch(/Environment shut down with exit code 3/);
    expect(error.message).toMatch(/Crash!!! \(simulated\)/);
    expect(await groupGone(pgid)).toEqual([]);
    await expect(env.step()).rejects.toThrow(/closed/);
  });

  test("a player killed by a signal is reported with the signal", async () => {
    const { env, pgid } = await openFaulty("segv@2");
    const error = await stepUntilError(env);
    expect(error.message).toMatch(/Environment shut down with signal SIGSEGV/);
    expect(await groupGone(pgid)).toEqual([]);
  });

  test("a hung player times out with the checklist, and its whole group is killed", async () => {
    const { env, pgid } = await openFaulty("hang@2,ignore-sigterm", { timeoutWait: 2 });
    const error = await stepUntilError(env);
    expect(error).toBeInstanceOf(UnityTimeOutError);
    expect(error.message).toMatch(/took too long to respond \(step, waited 2 s\)/);
    expect(error.message).toMatch(/Decision Requester/);
    expect(await groupGone(pgid)).toEqual([]);
  });

  test("Unity closing the link (400) is a communicator-stopped error", async () => {
    const { env, pgid } = await openFaulty("quit@2");
    const error = await stepUntilError(env);
    expect(error).toBeInstanceOf(UnityCommunicatorStoppedError);
    expect(await groupGone(pgid)).toEqual([]);
  });

  test("an incompatible version fails the handshake and the still-running player is killed", async () => {
    await expectCreateToFail(
      "version=2.0.0",
      {},
      /not compatible.*pwmk API: 1\.5\.0, Unity API: 2\.0\.0/,
      UnityEnvironmentError
    );
    await expectCreateToFail("version=0.15.0", {}, /Unity API: 0\.15\.0/, UnityEnvironmentError);
  });

  test("a player that never connects times out with a clear error and is killed", async () => {
    await expectCreateToFail(
      "noconnect",
      { connectTimeout: 2 },
      /took too long to respond \(connecting, waited 2 s\)/,
      UnityTimeOutError
    );
  });

  test("a player whose agents never request decisions times out on the first reset", async () => {
    const { env, pgid } = await openFaulty("nodecisions", { timeoutWait: 2 });
    const error = await stepUntilError(env);
    expect(error).toBeInstanceOf(UnityTimeOutError);
    expect(await groupGone(pgid)).toEqual([]);
  });

  test("observations over gRPC's usual 4 MiB pass; over maxMessageBytes they give a clear error", async () => {
    const { env } = await openFaulty("oversize", {
      additionalArgs: ["--pwmk-fault", "oversize", "--pwmk-agents", "1"]
    });
    try {
      await env.reset();
      const [decision] = env.getSteps(GRID);
      expect(decision.obs[2].shape).toEqual([1, 3, 1280, 1280]);
      expect(decision.obs[2].data[0] * 255).toBeCloseTo(0); // agent 0's marked first pixel
    } finally {
      await env.close();
    }
    const small = await openFaulty("oversize", {
      maxMessageBytes: 1 << 20,
      additionalArgs: ["--pwmk-fault", "oversize", "--pwmk-agents", "1"]
    });
    const error = await stepUntilError(small.env);
    expect(error.message).toMatch(/larger than maxMessageBytes \(1048576 bytes\): raise it/);
    expect(await groupGone(small.pgid)).toEqual([]);
  });

  test("close() kills a player that ignores SIGTERM", async () => {
    const { env, pgid } = await openFaulty("ignore-sigterm,hang@1");
    await env.reset();
    const stepping = env.step(); // the player hangs in this step and will not quit on SIGTERM
    await Promise.all([expect(stepping).rejects.toThrow(/closed/), env.close()]);
    expect(await groupGone(pgid)).toEqual([]);
  });

  test("when the kernel process is killed outright, its players go too", async () => {
    const script = `
      const { UnityEnvironment } = require(${JSON.stringify(path.resolve(__dirname, "../../src/unity/environment"))});
      const { simulatedBuildPath } = require(${JSON.stringify(path.resolve(__dirname, "../../src/unity/sim/build-path"))});
      UnityEnvironment.create({ fileName: simulatedBuildPath(), basePort: 0, additionalArgs: ["--pwmk-fault", "ignore-sigterm"] })
        .then(async (env) => { await env.reset(); console.log(env.playerPid); setInterval(() => {}, 1000); });`;
    const kernel = spawn(process.execPath, ["-r", require.resolve("tsx/cjs"), "-e", script], {
      stdio: ["ignore", "pipe", "inherit"]
    });
    const pid = await new Promise<number>((resolve, reject) => {
      kernel.stdout.on("data", (d: Buffer) => resolve(Number(String(d).trim())));
      kernel.on("exit", (code) => reject(new Error(`kernel exited early (${code})`)));
    });
    const pgid = processGroup(pid)!;
    expect(pgid).toBeGreaterThan(0);
    kernel.kill("SIGKILL");
    expect(await groupGone(pgid)).toEqual([]);
  });
});
