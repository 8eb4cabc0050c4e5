/**
 * Running a Unity player so that nothing is left behind. The player is started by a tiny guard
 * process (node, in a new process group, with a pipe from us as its lifeline): when our process
 * goes away in any way, including SIGKILL of the notebook kernel, the pipe closes and the guard
 * kills the whole group. The guard reports the player's pid and its exit (code or signal).
 *
 * ```ts
 * const player = launchPlayer("/builds/GridWorld.x86_64", ["--mlagents-port", "5005"]);
 * await player.started;
 * await player.stop(5000); // SIGTERM to the group, then SIGKILL after 5 s
 * ```
 */
import { spawn, type ChildProcess } from "child_process";
import { UnityEnvironmentError } from "./errors";

// Runs with `node -e`: argv = [node, exe, ...args].
const GUARD_SOURCE = `
const { spawn } = require("child_process");
const [exe, ...args] = process.argv.slice(1);
const report = (m, then) => process.stdout.write(JSON.stringify(m) + "\\n", then);
const killGroup = () => { try { process.kill(-process.pid, "SIGKILL"); } catch { process.exit(1); } };
// The guard outlives polite signals to the group, so that it can always sweep it with SIGKILL.
for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(sig, () => {});
let child;
try { child = spawn(exe, args, { stdio: "ignore" }); }
catch (e) { report({ error: String(e.message) }, () => process.exit(1)); }
if (child) {
  child.on("spawn", () => report({ pid: child.pid }));
  child.on("error", (e) => report({ error: (e.code ? e.code + ": " : "") + e.message }, killGroup));
  child.on("exit", (code, signal) => report({ exit: code, signal }, killGroup));
  process.stdin.on("end", killGroup);
  process.stdin.on("error", killGroup);
  process.stdin.resume();
}
`;

/**
 * How a player ended: its exit code, or the signal that killed it.
 *
 * ```ts
 * const { code, signal } = await player.exited;
 * ```
 */
export interface PlayerExit {
  code: number | null;
  signal: string | null;
}

const live = new Set<PlayerProcess>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  // Synchronous last resort on a normal exit; the guard's lifeline covers every other death.
  process.on("exit", () => {
    for (const p of live) p.killNow();
  });
}

/**
 * A launched player (through its guard).
 *
 * ```ts
 * player.exited.then(({ code, signal }) => console.log("player ended", code, signal));
 * ```
 */
export class PlayerProcess {
  /** The player's pid, once started. */
  pid: number | undefined;
  /** The process group (the guard's pid): every process of the player is in it. */
  readonly groupId: number;
  /** Resolves when the player is running; rejects when it could not be started. */
  readonly started: Promise<number>;
  /** Resolves when the player has ended (never rejects). */
  readonly exited: Promise<PlayerExit>;
  /** Set once the player has ended. */
  exit: PlayerExit | undefined;
  private readonly guard: ChildProcess;

  constructor(executable: string, args: readonly string[]) {
    this.guard = spawn(process.execPath, ["-e", GUARD_SOURCE, executable, ...args], {
      detached: true, // a new process group, led by the guard
      stdio: ["pipe", "pipe", "ignore"]
    });
    if (this.guard.pid === undefined)
      throw new UnityEnvironmentError(`Couldn't start a guard process for ${executable}`);
    this.groupId = this.guard.pid;
    live.add(this);
    hookExit();
    let onStart!: (pid: number) => void;
    let onStartError!: (e: Error) => void;
    let onExit!: (e: PlayerExit) => void;
    this.started = new Promise((res, rej) => ((onStart = res), (onStartError = rej)));
    this.started.catch(() => undefined); // observed by whoever awaits it
    this.exited = new Promise((res) => (onExit = res));
    let buffer = "";
    const finish = (e: PlayerExit): void => {
      if (this.exit) return;
      this.exit = e;
      live.delete(this);
      onStartError(
        new UnityEnvironmentError(
          `Couldn't launch ${executable}: it exited at once (${describeExit(e)})`
        )
      );
      onExit(e);
    };
    this.guard.stdout?.setEncoding("utf8");
    this.guard.stdout?.on("data", (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let m: { pid?: number; error?: string; exit?: number | null; signal?: string | null };
        try {
          m = JSON.parse(line);
        } catch {
          continue;
        }
        if (m.pid !== undefined) {
          this.pid = m.pid;
          onStart(m.pid);
        } else if (m.error !== undefined) {
          onStartError(new UnityEnvironmentError(`Couldn't launch ${executable}: ${m.error}`));
        } else if ("exit" in m) {
          finish({ code: m.exit ?? null, signal: m.signal ?? null });
        }
      }
    });
    this.guard.on("close", () => finish({ code: null, signal: "SIGKILL" }));
    this.guard.on("error", (e) =>
      onStartError(new UnityEnvironmentError(`Couldn't start the guard: ${e.message}`))
    );
    // The lifeline must not keep the notebook's event loop alive.
    this.guard.unref();
    (this.guard.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    (this.guard.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  }

  /** SIGKILLs the whole group now (synchronous). */
  killNow(): void {
    try {
      process.kill(-this.groupId, "SIGKILL");
    } catch {
      /* already gone */
    }
  }

  /**
   * Waits up to `graceMs` for the player to end by itself, then SIGTERMs the group, then after
   * another `graceMs` SIGKILLs it. Resolves when the group is gone.
   */
  async stop(graceMs: number): Promise<PlayerExit> {
    // Hold the event loop open until the group is gone (the guard is unref'd otherwise).
    this.guard.ref();
    (this.guard.stdout as unknown as { ref?: () => void } | null)?.ref?.();
    const wait = (ms: number): Promise<boolean> =>
      Promise.race([
        this.exited.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())
      ]);
    if (!this.exit && !(await wait(graceMs))) {
      try {
        process.kill(-this.groupId, "SIGTERM");
      } catch {
        /* gone */
      }
      if (!(await wait(graceMs))) this.killNow();
    }
    const exit = await this.exited;
    this.killNow(); // sweep anything the player left in its group
    await new Promise<void>((r) =>
      this.guard.exitCode !== null || this.guard.signalCode !== null
        ? r()
        : this.guard.once("exit", () => r())
    );
    return exit;
  }
}

/**
 * "exit code 3" or "signal SIGSEGV".
 *
 * ```ts
 * describeExit({ code: null, signal: "SIGKILL" }); // "signal SIGKILL"
 * ```
 */
export function describeExit(e: PlayerExit): string {
  return e.signal ? `signal ${e.signal}` : `exit code ${e.code}`;
}

/**
 * Starts `executable` with `args` under a guard (see the module comment).
 *
 * ```ts
 * const player = launchPlayer(exe, ["--mlagents-port", String(port)]);
 * ```
 */
export function launchPlayer(executable: string, args: readonly string[]): PlayerProcess {
  return new PlayerProcess(executable, args);
}
