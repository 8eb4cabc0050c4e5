#!/usr/bin/env node
/**
 * The `pwmk` command. Each subcommand lives in `commands/` and registers itself on the program;
 * `main` parses the arguments, runs the command and returns the exit code (0 done, 1 failed,
 * 2 bad usage), so that job systems (Slurm arrays, Kubernetes jobs, Ray tasks) can run it as is.
 *
 * ```sh
 * pwmk collect --env MultiAgentBoxWorld --episodes 100 --seed 7 --shard-index 3 --num-shards 16 --out runs/box
 * pwmk export runs/box --format parquet --out runs/box-parquet
 * pwmk --help
 * ```
 */
import { Command, CommanderError } from "commander";
import { version } from "../version";
import { registerCollect } from "./commands/collect";
import { registerDemo } from "./commands/demo";
import { registerExport } from "./commands/export";
import { registerPlan } from "./commands/plan";
import { registerStory } from "./commands/story";
import { registerEval } from "./commands/eval";
import { registerTrain } from "./commands/train";
import { CliIO, EXIT, reportFailure, UsageError } from "./io";

const processIO: CliIO = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
  // Bars are drawn only on a terminal; a log file or a pipe gets plain lines.
  ...(process.stderr.isTTY ? { tty: process.stderr } : {})
};

/**
 * The `pwmk` program with every subcommand registered; commands report their exit code through
 * `setExit`.
 *
 * ```ts
 * const program = buildProgram(io, (code) => (exit = code));
 * ```
 */
export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command("pwmk")
    .description(
      "Perspective World Model Kit: datasets, stories, world models and plans from the command line"
    )
    .version(version)
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      [
        "",
        "Every command takes --help (with examples) and --json (one JSON object on stdout).",
        "Exit codes: 0 done, 1 failed, 2 bad usage. Reference: docs/cli.md."
      ].join("\n")
    );
  registerCollect(program, io, setExit);
  registerExport(program, io, setExit);
  registerPlan(program, io, setExit);
  registerStory(program, io, setExit);
  registerTrain(program, io, setExit);
  registerEval(program, io, setExit);
  registerDemo(program, io, setExit);
  // Subcommands inherit the output and error handling of the program.
  for (const cmd of program.commands) {
    cmd.configureOutput({ writeOut: io.out, writeErr: io.err }).exitOverride();
    cmd.showHelpAfterError(`(run pwmk ${cmd.name()} --help for usage)`);
  }
  return program;
}

/**
 * Runs `pwmk` with `argv` (as in `process.argv`: node, script, arguments...) and resolves to the
 * exit code.
 *
 * ```ts
 * const code = await main(["node", "pwmk", "collect", "--help"]);
 * ```
 */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  if (argv.length <= 2) {
    io.err(program.helpInformation());
    return EXIT.usage;
  }
  const command = program.commands.find((c) => c.name() === argv[2])?.name() ?? null;
  // Commander answers `help <unknown>` with the general help and success; a script asking for
  // a command that does not exist is bad usage.
  const asked = argv[3];
  if (
    argv[2] === "help" &&
    asked !== undefined &&
    !program.commands.some((c) => c.name() === asked)
  ) {
    const message = `unknown command '${asked}'`;
    io.err(`error: ${message}\n(run with --help for usage)\n`);
    reportFailure(io, argv, null, message, true);
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end the parse with an "error" that is a success.
      if (["commander.helpDisplayed", "commander.help", "commander.version"].includes(e.code))
        return EXIT.ok;
      reportFailure(io, argv, command, e.message, true);
      return EXIT.usage;
    }
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof UsageError) io.err(`error: ${message}\n(run with --help for usage)\n`);
    else io.err(`error: ${message}\n`);
    reportFailure(io, argv, command, message, e instanceof UsageError);
    return e instanceof UsageError ? EXIT.usage : EXIT.failed;
  }
  return code;
}

if (require.main === module) {
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
