/**
 * Test helpers that run `pwmk`: `pwmk(...)` calls the command's `main` in this process (fast,
 * output captured through CliIO); `spawnPwmk(...)` runs the command as its own process, the way
 * a shell or a job system does, with real stdout, stderr (a pipe, so not a terminal) and exit
 * code. The spawned command is the package's bin entry, `src/cli/main.ts` run through tsx, so it
 * needs no build and always matches the source under test.
 */
import { spawn } from "child_process";
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

const MAIN = path.join(__dirname, "..", "..", "src", "cli", "main.ts");
const TSX = require.resolve("tsx/cjs");

/** Runs `pwmk args...` as a child process; kills it (and fails) after `timeoutMs`. */
export function spawnPwmk(args: string[], timeoutMs = 120_000): Promise<PwmkRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", TSX, MAIN, ...args], {
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
