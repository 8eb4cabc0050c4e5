/**
 * The command line of a Unity player, as Python's `mlagents_envs` builds it:
 * `[-nographics -batchmode] --mlagents-port <port> [-logFile <folder>/Player-<worker>.log] ...extra`.
 *
 * ```ts
 * playerArgs({ port: 5005, workerId: 0, noGraphics: true, logFile: "/tmp/p.log", additionalArgs: [] });
 * ```
 */
import * as fs from "fs";

/** The flag a Unity player reads its trainer port from. */
export const PORT_FLAG = "--mlagents-port";

/**
 * Inputs of `playerArgs`.
 *
 * ```ts
 * const a: PlayerArgsInput = { port: 5005, workerId: 0, noGraphics: false, additionalArgs: [] };
 * ```
 */
export interface PlayerArgsInput {
  port: number;
  workerId: number;
  noGraphics: boolean;
  /** The log file to pass with -logFile, unless the extra args already give one. */
  logFile?: string;
  additionalArgs: readonly string[];
}

/**
 * Whether the user's extra arguments already set a log file.
 *
 * ```ts
 * userSetsLogFile(["-logfile", "my.log"]); // true
 * ```
 */
export function userSetsLogFile(args: readonly string[]): boolean {
  return args.some((a) => a.toLowerCase() === "-logfile");
}

/**
 * The player's arguments.
 *
 * ```ts
 * playerArgs({ port: 6000, workerId: 1, noGraphics: true, additionalArgs: ["-screen-width", "84"] });
 * ```
 */
export function playerArgs(input: PlayerArgsInput): string[] {
  const args: string[] = [];
  if (input.noGraphics) args.push("-nographics", "-batchmode");
  args.push(PORT_FLAG, String(input.port));
  if (input.logFile && !userSetsLogFile(input.additionalArgs)) args.push("-logFile", input.logFile);
  args.push(...input.additionalArgs);
  return args;
}

/**
 * The last `bytes` of a log file, or "" when there is none.
 *
 * ```ts
 * logTail("/tmp/pwmk-unity-x/Player-0.log");
 * ```
 */
export function logTail(file: string | undefined, bytes = 1500): string {
  if (!file) return "";
  try {
    const fd = fs.openSync(file, "r");
    try {
      const size = fs.fstatSync(fd).size;
      const start = Math.max(0, size - bytes);
      const buf = Buffer.alloc(size - start);
      fs.readSync(fd, buf, 0, buf.length, start);
      return buf.toString("utf8").trim();
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return "";
  }
}

/** What a user should check when a player never answers. */
export const TIMEOUT_CHECKLIST =
  "Make sure that: the environment does not need user interaction to launch; the Agents' " +
  "Behavior Parameters > Behavior Type is Default and each agent has a Decision Requester; the " +
  "environment and pwmk have compatible versions; on a headless machine, pass noGraphics: true " +
  "or use a server build.";

/**
 * Whether Unity's communication version `unity` works with ours (`ours`): same major, and for
 * major 0 the same minor too.
 *
 * ```ts
 * versionsCompatible("1.5.0", "1.2.0"); // true
 * versionsCompatible("1.5.0", "2.0.0"); // false
 * ```
 */
export function versionsCompatible(ours: string, unity: string): boolean {
  const parse = (v: string): number[] | undefined => {
    const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(v.trim());
    return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
  };
  const a = parse(ours);
  const b = parse(unity);
  if (!a || !b) return false;
  if (a[0] !== b[0]) return false;
  return a[0] !== 0 || a[1] === b[1];
}
