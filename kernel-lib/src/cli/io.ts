/**
 * What every `pwmk` subcommand shares: where output goes, the exit codes, usage errors, and the
 * machine-readable `--json` report.
 *
 * ```ts
 * const io: CliIO = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };
 * ```
 */
import { InvalidArgumentError } from "commander";

/**
 * Where the CLI writes (injected so that tests and embedders capture it).
 *
 * ```ts
 * const lines: string[] = [];
 * const io: CliIO = { out: (s) => lines.push(s), err: (s) => lines.push(s) };
 * ```
 */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/**
 * The exit codes of `pwmk`: 0 done, 1 the command failed, 2 bad usage.
 *
 * ```ts
 * process.exitCode = EXIT.usage;
 * ```
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * Thrown for bad usage that the argument parser cannot see (a flag combination, a value out of
 * range); the CLI prints it with a pointer to `--help` and exits with code 2.
 *
 * ```ts
 * throw new UsageError("--shard-index needs --num-shards");
 * ```
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * An argument parser for integers at least `min`, for commander options.
 *
 * ```ts
 * cmd.option("--episodes <n>", "episodes", intAtLeast(0));
 * ```
 */
export function intAtLeast(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min)
      throw new InvalidArgumentError(`expected an integer >= ${min}, got "${value}"`);
    return n;
  };
}

/**
 * An argument parser for a number in [0, 1].
 *
 * ```ts
 * cmd.option("--mix-probability <p>", "probability", fraction);
 * ```
 */
export function fraction(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !(n >= 0 && n <= 1))
    throw new InvalidArgumentError(`expected a number from 0 to 1, got "${value}"`);
  return n;
}

/**
 * An argument parser for a JSON object (such as env options).
 *
 * ```ts
 * cmd.option("--env-options <json>", "options", jsonObject);
 * ```
 */
export function jsonObject(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (e) {
    throw new InvalidArgumentError(`not valid JSON (${(e as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new InvalidArgumentError("expected a JSON object");
  return parsed as Record<string, unknown>;
}

/**
 * Writes a command's outcome: one JSON object on stdout with `--json`, else `text` lines.
 *
 * ```ts
 * report(io, json, { ok: true, command: "collect", episodes: 10 }, ["collected 10 episodes"]);
 * ```
 */
export function report(
  io: CliIO,
  json: boolean,
  value: Record<string, unknown>,
  text: string[]
): void {
  if (json) io.out(JSON.stringify(value) + "\n");
  else for (const line of text) io.out(line + "\n");
}

/**
 * Runs a command body and reports its outcome: on success its value (`--json`) or text, on a
 * UsageError exit code 2, on any other error exit code 1; with `--json` a failure is also one
 * JSON object, `{ ok: false, command, error }`.
 *
 * ```ts
 * await runCommand(io, opts.json, "collect", setExit, async () => ({ value: { episodes: 3 }, text: ["done"] }));
 * ```
 */
export async function runCommand(
  io: CliIO,
  json: boolean,
  command: string,
  setExit: (code: number) => void,
  body: () => Promise<{ value: Record<string, unknown>; text: string[] }>
): Promise<void> {
  try {
    const { value, text } = await body();
    report(io, json, { ok: true, command, ...value }, text);
    setExit(EXIT.ok);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const usage = err instanceof UsageError;
    if (json) io.out(JSON.stringify({ ok: false, command, error: err.message, usage }) + "\n");
    io.err(`error: ${err.message}\n${usage ? `(run pwmk ${command} --help for usage)\n` : ""}`);
    setExit(usage ? EXIT.usage : EXIT.failed);
  }
}
