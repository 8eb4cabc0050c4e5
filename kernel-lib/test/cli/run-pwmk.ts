/**
 * Test helpers that run `pwmk`: `pwmk(...)` calls the command's `main` in this process (fast,
 * output captured through CliIO); `spawnPwmk(...)` runs the command as its own process, the way
 * a shell or a job system does, with real stdout, stderr (a pipe, so not a terminal) and exit
 * code. It spawns the built command (`lib/cli/main.js`, the package's bin) when the build is
 * current, as after scripts/setup.sh in `npm test`; while the sources are newer than the build
 * (a developer editing them) it runs `src/cli/main.ts` through tsx, so a test never checks a
 * stale build.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";

export interface PwmkRun {
  code: number;
  out: string;
  err: string;
}

export async function pwmk(...args: string[]): Promise<PwmkRun> {
  let out = "";
  let err = "";
  const code = await main(["node", "pwmk", ...args], {
    out: (s) => (out += s),
    err: (s) => (err += s)
  });
  return { code, out, err };
}

const KERNEL_LIB = path.join(__dirname, "..", "..");
const TSX = require.resolve("tsx/cjs");
/** The stamp scripts/setup.sh writes after a successful build of lib/. */
const BUILD_STAMP = path.join(KERNEL_LIB, "lib", ".pwmk-build-ok");

/** The newest modification time of the files under dir, in ms. */
function newest(dir: string): number {
  let t = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** node's arguments that start the command: the built bin if current, else the source. */
function commandArgs(): string[] {
  const built = path.join(KERNEL_LIB, "lib", "cli", "main.js");
  const current =
    fs.existsSync(built) &&
    fs.existsSync(BUILD_STAMP) &&
    fs.statSync(BUILD_STAMP).mtimeMs >= newest(path.join(KERNEL_LIB, "src"));
  return current ? [built] : ["-r", TSX, path.join(KERNEL_LIB, "src", "cli", "main.ts")];
}

/** Runs `pwmk args...` as a child process; kills it (and fails) after `timeoutMs`. */
export function spawnPwmk(args: string[], timeoutMs = 120_000): Promise<PwmkRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...commandArgs(), ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0" }
    });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (err += s));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`pwmk ${args.join(" ")} did not finish in ${timeoutMs} ms\n${err}`));
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === null) reject(new Error(`pwmk ${args.join(" ")} was killed by ${signal}`));
      else resolve({ code, out, err });
    });
  });
}
