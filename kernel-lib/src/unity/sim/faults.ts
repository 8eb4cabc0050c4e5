/**
 * Misbehaviour on request, so every failure path of the library can be tested against the
 * simulated build: `--pwmk-fault crash@5,slow=200` or the environment variable PWMK_SIM_FAULT.
 *
 * | fault | what the player does |
 * |---|---|
 * | `crash@K` | exits with code 3 at step K |
 * | `segv@K` | kills itself with SIGSEGV at step K |
 * | `hang@K` | stops answering at step K (stays alive) |
 * | `quit@K` | sends Unity's own close (400) at step K, then quits |
 * | `version=X` | reports communication version X |
 * | `noconnect` | never dials the trainer (a build run without the port flag) |
 * | `nodecisions` | connects, then no agent ever requests a decision |
 * | `slow=MS` | waits MS milliseconds before each step's message |
 * | `oversize` | adds a camera of about 4.9 MB (PNG of noise) to every agent |
 * | `ignore-sigterm` | ignores SIGTERM (the library must escalate to SIGKILL) |
 *
 * ```ts
 * parseFaults("crash@3,slow=10"); // { crashAt: 3, slowMs: 10 }
 * ```
 */

/**
 * Parsed faults.
 *
 * ```ts
 * const f: Faults = { hangAt: 2 };
 * ```
 */
export interface Faults {
  crashAt?: number;
  segvAt?: number;
  hangAt?: number;
  quitAt?: number;
  version?: string;
  noConnect?: boolean;
  noDecisions?: boolean;
  slowMs?: number;
  oversize?: boolean;
  ignoreSigterm?: boolean;
}

/**
 * Reads a fault list; an unknown fault is an error naming it.
 *
 * ```ts
 * parseFaults("hang@4").hangAt; // 4
 * ```
 */
export function parseFaults(spec: string | undefined): Faults {
  const faults: Faults = {};
  for (const item of (spec ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = /^(crash|segv|hang|quit)@(\d+)$/.exec(item);
    const value = /^(version|slow)=(.+)$/.exec(item);
    if (at) {
      const k = Number(at[2]);
      if (at[1] === "crash") faults.crashAt = k;
      else if (at[1] === "segv") faults.segvAt = k;
      else if (at[1] === "hang") faults.hangAt = k;
      else faults.quitAt = k;
    } else if (value && value[1] === "version") faults.version = value[2];
    else if (value && value[1] === "slow" && /^\d+$/.test(value[2]))
      faults.slowMs = Number(value[2]);
    else if (item === "noconnect") faults.noConnect = true;
    else if (item === "nodecisions") faults.noDecisions = true;
    else if (item === "oversize") faults.oversize = true;
    else if (item === "ignore-sigterm") faults.ignoreSigterm = true;
    else throw new Error(`unknown fault ${JSON.stringify(item)} (see pwmk-unity-sim --help)`);
  }
  return faults;
}
