/**
 * `pwmk plan`: reads an mA* problem, searches for a plan and prints it as JSON. Exit code 0 when
 * a plan is found, 1 when none exists, the search timed out or hit a limit, 2 for bad usage or
 * an mA* error (the message names its line and column).
 *
 * ```sh
 * pwmk plan coin.mastar --strategy bfs --timeout 60000
 * pwmk plan coin.mastar --goal "B(b, tail)" --trajectory --json
 * ```
 */
import * as fs from "fs";
import { Command, Option } from "commander";
import { MAStarSyntaxError } from "../../planning/mastar/lexer";
import { EpistemicPlanner, type SearchStrategy } from "../../planning/planner";
import { CliIO, EXIT, intAtLeast } from "../io";

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
  program
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
    .option("--trajectory", "include who believes what after each step")
    .option("--json", "print one line of JSON with the search figures")
    .action((file: string, flags: PlanFlags) => {
      const fail = (code: number, message: string) => {
        if (flags.json)
          io.out(
            JSON.stringify({
              ok: false,
              command: "plan",
              error: message,
              usage: code === EXIT.usage
            }) + "\n"
          );
        io.err(`error: ${message}\n`);
        setExit(code);
      };
      if (!fs.existsSync(file) || fs.statSync(file).isDirectory())
        return fail(EXIT.usage, `no such problem file: ${file}`);
      let result;
      try {
        result = new EpistemicPlanner().plan({
          problem: fs.readFileSync(file, "utf8"),
          goal: flags.goal,
          strategy: flags.strategy,
          timeout: flags.timeout
        });
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        return fail(
          err instanceof MAStarSyntaxError ? EXIT.usage : EXIT.failed,
          `${file}: ${err.message}`
        );
      }
      const out: Record<string, unknown> = {
        ok: result.status === "solved",
        command: "plan",
        file,
        status: result.status
      };
      if (result.status === "solved") {
        out.plan = result.plan;
        out.length = result.length;
        if (flags.trajectory) out.trajectory = result.beliefTrajectory;
      } else out.message = result.message;
      out.stats = result.stats;
      io.out(flags.json ? JSON.stringify(out) + "\n" : JSON.stringify(out, null, 2) + "\n");
      if (result.status !== "solved") io.err(`${result.message}\n`);
      setExit(result.status === "solved" ? EXIT.ok : EXIT.failed);
    });
}
