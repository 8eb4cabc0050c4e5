/**
 * `pwmk story FILE`: answers the questions of a ToMi / Hi-ToM style story file with the exact
 * belief tracker and scores them against the answers the file gives. Exit code 0 when every
 * story was read (whatever the score), 1 when some story could not be read or run, 2 for bad
 * usage.
 *
 * ```sh
 * pwmk story stories.txt --json
 * pwmk story hitom-story.txt --trust recency --skip-unknown
 * ```
 */
import * as fs from "fs";
import { Command, Option } from "commander";
import { runStoryFile } from "../../stories/story-file";
import type { StoryOptions } from "../../stories/story";
import { CliIO, intAtLeast, runCommand, UsageError, withCommonHelp } from "../io";
import type { Progress } from "../progress";

interface StoryFlags {
  trust: "always" | "never" | "recency";
  privateTrust?: boolean;
  skipUnknown?: boolean;
  maxDepth?: number;
  all?: boolean;
  json?: boolean;
}

/**
 * Adds the `story` subcommand to `program`.
 *
 * ```ts
 * registerStory(new Command("pwmk"), io, (code) => (exit = code));
 * ```
 */
export function registerStory(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program
    .command("story")
    .description("answer and score the questions of a ToMi / Hi-ToM style story file")
    .argument("<file>", "a story file (ToMi / bAbI: many stories numbered from 1; Hi-ToM: one)")
    .addOption(
      new Option("--trust <policy>", "which listeners believe a tell")
        .choices(["always", "never", "recency"])
        .default("recency")
    )
    .option("--private-trust", "each listener's trust is its own (default: known to all)")
    .option(
      "--skip-unknown",
      "skip and list sentences the reader does not know (default: fail the story)"
    )
    .option("--max-depth <n>", "deepest belief chain tracked", intAtLeast(1))
    .option("--all", "list every question, not only the wrong ones");
  withCommonHelp(cmd, [
    "pwmk story tomi-test.txt                 # the score and the wrong answers",
    "pwmk story hitom-story.txt --trust recency --skip-unknown --all",
    "pwmk story tomi-test.txt --json > answers.json"
  ]).action(async (file: string, flags: StoryFlags) => {
    await runCommand(io, flags.json === true, "story", setExit, async (ctx) => {
      if (!fs.existsSync(file) || fs.statSync(file).isDirectory())
        throw new UsageError(`no such story file: ${file}`);
      const options: StoryOptions = {
        trust: flags.trust,
        trustKnown: !flags.privateTrust,
        unknownSentences: flags.skipUnknown ? "skip" : "error",
        maxDepth: flags.maxDepth
      };
      let bar: Progress | undefined;
      const scored = runStoryFile(fs.readFileSync(file, "utf8"), options, (done, total) => {
        bar ??= ctx.progress("story", total, "stories");
        bar.update(done);
      });
      bar?.stop();
      const accuracy = scored.asked === 0 ? null : scored.correct / scored.asked;
      const shown = flags.all
        ? scored.questions
        : scored.questions.filter((q) => q.correct === false);
      const text = [
        ...shown.map(
          (q) =>
            `${q.correct === undefined ? " " : q.correct ? "✓" : "✗"} line ${q.line}: ${q.question} -> ${q.answer.join(" or ")}` +
            (q.expected !== undefined ? ` (file: ${q.expected})` : "")
        ),
        ...scored.failed.map((f) => `failed: ${f.error}`),
        ...scored.skipped.map((s) => `skipped: line ${s.line}: ${s.text}`),
        `${scored.stories} stories, ${scored.questions.length} questions, ` +
          (accuracy === null
            ? "none with an answer to score"
            : `${scored.correct}/${scored.asked} correct (${(100 * accuracy).toFixed(1)}%)`) +
          (scored.failed.length > 0 ? `, ${scored.failed.length} stories failed` : "")
      ];
      return {
        value: { file, ...scored, accuracy },
        text,
        ...(scored.failed.length > 0
          ? { failed: `${scored.failed.length} of ${scored.stories} stories could not be run` }
          : {})
      };
    });
  });
}
