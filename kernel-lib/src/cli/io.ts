/**
 * What every `pwmk` subcommand shares, in one place: where output goes, the exit codes (0 done,
 * 1 failed, 2 bad usage), usage errors, `--help` examples, the `--json` report (one JSON object on
 * stdout and nothing else there; messages and progress on stderr), and progress displays.
 *
 * ```ts
 * const io: CliIO = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };
 * ```
 */
import { Command, InvalidArgumentError } from "commander";
import { Progress, startProgress } from "./progress";

/**
 * Where the CLI writes (injected so that tests and embedders capture it). `tty` is the terminal
 * behind `err`, given only when stderr is one: progress bars are drawn there.
 *
 * ```ts
 * const lines: string[] = [];
 * const io: CliIO = { out: (s) => lines.push(s), err: (s) => lines.push(s) };
 * ```
 */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  tty?: NodeJS.WritableStream;
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
 * What a command body gets: whether `--json` is on, progress displays that stay off stdout (and
 * off entirely under `--json`), and a line of human text for stderr.
 *
 * ```ts
 * const bar = ctx.progress("collect", 100, "episodes");
 * ctx.log("resuming from epoch 3");
 * ```
 */
export interface CommandContext {
  json: boolean;
  progress(label: string, total: number, unit: string): Progress;
  log(line: string): void;
}

/**
 * What a command body returns: the JSON fields of its report, the text lines shown without
 * `--json`, and `failed` when the command ran but did not do its job (exit code 1, `ok: false`
 * with this message as `error`, the fields still reported).
 *
 * ```ts
 * return { value: { status: "timeout" }, text: ["no plan"], failed: "the search timed out" };
 * ```
 */
export interface Outcome {
  value: Record<string, unknown>;
  text: string[];
  failed?: string;
}

/**
 * Runs a command body and reports its outcome, the same way for every command: with `--json` one
 * JSON object on stdout (`{ ok, command, ...value }`, or `{ ok: false, command, error, usage }`),
 * else the text lines on stdout; errors on stderr; exit code 0 done, 1 failed (an error or
 * `failed`), 2 a UsageError. Progress displays still open when the body ends are stopped.
 *
 * ```ts
 * await runCommand(io, opts.json, "collect", setExit, async (ctx) => ({ value: { episodes: 3 }, text: ["done"] }));
 * ```
 */
export async function runCommand(
  io: CliIO,
  json: boolean,
  command: string,
  setExit: (code: number) => void,
  body: (ctx: CommandContext) => Promise<Outcome>
): Promise<void> {
  const open = new Set<Progress>();
  const ctx: CommandContext = {
    json,
    progress: (label, total, unit) => {
      const bar = startProgress(io, label, total, unit, json);
      const tracked: Progress = {
        update: (done, note) => bar.update(done, note),
        stop: () => {
          open.delete(tracked);
          bar.stop();
        }
      };
      open.add(tracked);
      return tracked;
    },
    log: (line) => io.err(line + "\n")
  };
  const stopAll = () => [...open].forEach((bar) => bar.stop());
  try {
    const { value, text, failed } = await body(ctx);
    stopAll();
    if (json)
      io.out(
        JSON.stringify({
          ok: !failed,
          command,
          ...value,
          ...(failed ? { error: failed, usage: false } : {})
        }) + "\n"
      );
    else for (const line of text) io.out(line + "\n");
    if (failed) io.err(`error: ${failed}\n`);
    setExit(failed ? EXIT.failed : EXIT.ok);
  } catch (e) {
    stopAll();
    const err = e instanceof Error ? e : new Error(String(e));
    const usage = err instanceof UsageError;
    if (json) io.out(failureJson(command, err.message, usage));
    io.err(`error: ${err.message}\n${usage ? `(run pwmk ${command} --help for usage)\n` : ""}`);
    setExit(usage ? EXIT.usage : EXIT.failed);
  }
}

/** The `--json` report of a failure, the same for every command and every cause. */
function failureJson(command: string | null, error: string, usage: boolean): string {
  return JSON.stringify({ ok: false, command, error, usage }) + "\n";
}

/**
 * Writes, under `--json`, the failure of a command line that never reached a command body (the
 * parser refused it: an unknown option, a missing argument) as the same one JSON object on
 * stdout; the message itself is already on stderr.
 *
 * ```ts
 * reportFailure(io, ["node", "pwmk", "plan", "--json"], "plan", "error: missing required argument 'file'", true);
 * ```
 */
export function reportFailure(
  io: CliIO,
  argv: string[],
  command: string | null,
  message: string,
  usage: boolean
): void {
  if (argv.slice(2).includes("--json"))
    io.out(failureJson(command, message.replace(/^error:\s*/, "").trim(), usage));
}

/**
 * Finishes a subcommand's definition the same way for all: the `--json` flag and, after the
 * options in `--help`, its examples, the exit codes and where output goes.
 *
 * ```ts
 * withCommonHelp(program.command("demo"), ["pwmk demo --out report.html"]);
 * ```
 */
export function withCommonHelp(cmd: Command, examples: string[]): Command {
  return cmd
    .option("--json", "print one JSON object on stdout: the result, or the failure")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        ...examples.map((e) => `  $ ${e}`),
        "",
        "Output: results on stdout; messages and progress on stderr (progress bars only on a",
        "terminal, never with --json). Exit codes: 0 done, 1 failed, 2 bad usage."
      ].join("\n")
    );
}
