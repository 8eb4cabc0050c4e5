/**
 * The `swipl-native` backend: the system `swipl` binary (Debian swi-prolog-nox) as a subprocess
 * speaking a line protocol (one request line in, one canonical response line out). In-engine
 * limits use call_with_time_limit; a host-side timeout kills a stuck process, which is then
 * restarted (the store replays its state). The child is always reaped on close.
 */
import { ChildProcessWithoutNullStreams, spawn } from "child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { BeliefStoreError, EngineError } from "../errors";
import { EngineLink, LinkEvents, Reply, RequestChannel } from "./channel";
import { PrologBackend, prologInit } from "./prolog";
import { SWIPL_CORE } from "./swipl-core";

/** Default location of the native binary. */
export const DEFAULT_SWIPL_PATH = "/usr/bin/swipl";

/**
 * Whether the native binary exists (tests skip the native backend when it does not).
 * ```ts
 * const backend = nativeSwiplAvailable() ? "swipl-native" : "swipl";
 * ```
 */
export function nativeSwiplAvailable(path = DEFAULT_SWIPL_PATH): boolean {
  return existsSync(path);
}

/** Longest wait for a child to exit after its input closed, before it is killed, in ms. */
const EXIT_GRACE_MS = 2000;

/** One swipl child process; replies come in request order, one line each. */
class SwiplProcessLink implements EngineLink<string, string> {
  readonly ready: Promise<void> = Promise.resolve();
  readonly child: ChildProcessWithoutNullStreams;
  private buffer = "";
  private stderr = "";
  private readonly order: number[] = [];
  private dead = false;

  constructor(binary: string, core: string, events: LinkEvents<string>) {
    const child = spawn(
      binary,
      ["-q", "-f", "none", "--no-packs", "-g", "'$pwmk_serve'", "-t", "halt(1)", core],
      {
        stdio: ["pipe", "pipe", "pipe"],
        env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" }
      }
    );
    this.child = child;
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d: string) => {
      this.buffer += d;
      let nl: number;
      while ((nl = this.buffer.indexOf("\n")) >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        const id = this.order.shift();
        if (id !== undefined && !this.dead) events.reply(id, { value: line });
      }
    });
    child.stderr.on("data", (d: string) => {
      this.stderr = (this.stderr + d).slice(-4000);
    });
    child.on("exit", (code, signal) => {
      if (this.dead) return; // stopped by us
      this.dead = true;
      events.died(
        new EngineError(
          "swipl-native",
          `swipl exited (code ${code}, signal ${signal}): ${this.stderr.trim().slice(-500)}`
        )
      );
    });
    child.on("error", (e) => {
      if (this.dead) return;
      this.dead = true;
      events.died(new EngineError("swipl-native", `cannot run swipl: ${e.message}`));
    });
    child.stdin.on("error", () => undefined); // reported through "exit"
    // An idle store must not keep the process alive: pending calls hold the channel's timer,
    // and when this process exits the pipe closes and swipl halts on end of input.
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr])
      (stream as unknown as { unref?: () => void }).unref?.();
  }

  send(id: number, text: string): Reply<string> | undefined {
    if (this.dead) throw new EngineError("swipl-native", "the engine is not running");
    if (text.includes("\n"))
      return { error: new EngineError("swipl-native", "request text must be one line") };
    this.order.push(id);
    this.child.stdin.write(text + "\n");
    return undefined;
  }

  private get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  kill(): void {
    this.dead = true;
    if (!this.exited) this.child.kill("SIGKILL");
  }

  async close(): Promise<void> {
    this.dead = true;
    if (this.exited) return;
    await new Promise<void>((resolve) => {
      const hard = setTimeout(() => this.child.kill("SIGKILL"), EXIT_GRACE_MS);
      // SIGKILL always ends the child; the second bound only guards against a lost exit event
      const give = setTimeout(resolve, EXIT_GRACE_MS * 2);
      this.child.once("exit", () => {
        clearTimeout(hard);
        clearTimeout(give);
        resolve();
      });
      this.child.stdin.end();
    });
  }
}

/**
 * Starts the `swipl-native` backend on the given binary.
 * ```ts
 * const engine = await startSwiplNative("/usr/bin/swipl");
 * ```
 */
export async function startSwiplNative(binary = DEFAULT_SWIPL_PATH): Promise<PrologBackend> {
  if (!existsSync(binary)) {
    throw new BeliefStoreError(
      `the swipl-native backend needs ${binary} (Debian package swi-prolog-nox); use backend "swipl" instead`
    );
  }
  const dir = mkdtempSync(join(tmpdir(), "pwmk-swipl-"));
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  process.once("exit", removeDir);
  const core = join(dir, "pwmk_core.pl");
  writeFileSync(
    core,
    SWIPL_CORE + "\n:- '$pwmk_setup_limits'.\n:- set_prolog_flag(autoload, false).\n"
  );
  let channel: RequestChannel<string, string>;
  try {
    channel = await RequestChannel.open<string, string>({
      backend: "swipl-native",
      spawn: (events) => new SwiplProcessLink(binary, core, events),
      init: prologInit("swipl-native")
    });
  } catch (e) {
    process.removeListener("exit", removeDir);
    removeDir();
    throw e;
  }
  return new PrologBackend("swipl-native", channel, "in-engine", () => {
    process.removeListener("exit", removeDir);
    removeDir();
  });
}
