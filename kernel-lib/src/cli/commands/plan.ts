/**
 * `pwmk plan`: reads an mA* problem, searches for a plan (in a worker thread, with progress once
 * the search runs long) and prints it as JSON. Exit code 0 when a plan is found, 1 when none
 * exists, the search timed out or hit a limit, 2 for bad usage or an mA* error (the message names
 * its line and column).
 *
 * ```sh
 * pwmk plan coin.mastar --strategy bfs --timeout 60000
 * pwmk plan coin.mastar --goal "B(b, tail)" --trajectory --json
 * ```
 */
import * as fs from "fs";
import { Command, Option } from "commander";
import type { SearchStrategy } from "../../planning/planner";
import { CliIO, intAtLeast, runCommand, UsageError, withCommonHelp } from "../io";
import { planInWorker } from "../plan-runner";

interface PlanFlags {
  strategy: SearchStrategy;
  timeout: number;
  goal?: string;
  trajectory?: boolean;
  json?: boolean;
}

/**
 * Adds the `plan` subcommand to `program`.
 *
 * ```ts
 * registerPlan(new Command("pwmk"), io, (code) => (exit = code));
 * ```
 */
export function registerPlan(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program
    .command("plan")
    .description("find a plan for a multi-agent epistemic planning problem written in mA*")
    .argument("<file>", "the problem, in mA* (the language of the EFP planners)")
    .addOption(
      new Option("--strategy <name>", "bfs: shortest plan; best-first: greedy on the goal count")
        .choices(["bfs", "best-first"])
        .default("bfs")
    )
    .option("--timeout <ms>", "give up after this many milliseconds", intAtLeast(1), 60_000)
    .option("--goal <formula>", "plan for this mA* goal instead of the file's")
    .option("--trajectory", "include who believes what after each step");
  withCommonHelp(cmd, [
    "pwmk plan coin.mastar                         # the plan as JSON (pretty-printed)",
    'pwmk plan coin.mastar --goal "B(b, tail)" --strategy best-first --trajectory',
    "pwmk plan grapevine.mastar --timeout 5000 --json"
  ]).action(async (file: string, flags: PlanFlags) => {
    await runCommand(io, flags.json === true, "plan", setExit, async (ctx) => {
      if (!fs.existsSync(file) || fs.statSync(file).isDirectory())
        throw new UsageError(`no such problem file: ${file}`);
      ctx.log(`plan: ${flags.strategy} search of ${file} (gives up after ${flags.timeout} ms)`);
      let result;
      try {
        result = await planInWorker(
          {
            problem: fs.readFileSync(file, "utf8"),
            goal: flags.goal,
            strategy: flags.strategy,
            timeout: flags.timeout
          },
          ctx
        );
      } catch (e) {
        const message = `${file}: ${e instanceof Error ? e.message : String(e)}`;
        throw e instanceof UsageError ? new UsageError(message) : new Error(message);
      }
      const value: Record<string, unknown> = { file, status: result.status };
      if (result.status === "solved") {
        value.plan = result.plan;
        value.length = result.length;
        if (flags.trajectory) value.trajectory = result.beliefTrajectory;
      } else value.message = result.message;
      value.stats = result.stats;
      // Without --json the report is the same JSON, pretty-printed: a plan reads well as JSON.
      const pretty = (ok: boolean) => [JSON.stringify({ ok, command: "plan", ...value }, null, 2)];
      return result.status === "solved"
        ? { value, text: pretty(true) }
        : { value, text: pretty(false), failed: result.message };
    });
  });
}
