/**
 * `pwmk export`: datasets (files, shard directories) to Apache Arrow IPC or Parquet in the
 * documented schema. `--out x.parquet` merges every input into one file; `--out dir/` writes one
 * export per input file (shard-00003-of-00016.jsonl -> dir/shard-00003-of-00016.parquet), the
 * form to fan out next to `pwmk collect` and to read as a directory from Ray Data or Spark.
 *
 * ```sh
 * pwmk export runs/box --out runs/box-parquet --format parquet --json
 * ```
 */
import * as fs from "fs";
import * as path from "path";
import { Command, Option } from "commander";
import { TrajectoryDataset } from "../../data/dataset";
import { exportDataset, ExportFormat } from "../../data/export/files";
import { loadShards } from "../../data/shards";
import { CliIO, intAtLeast, runCommand, UsageError, withCommonHelp } from "../io";

interface ExportFlags {
  out: string;
  format?: ExportFormat;
  split: string;
  splitSeed: number;
  overwrite?: boolean;
  json?: boolean;
}

/**
 * Reads a `--split` value: three fractions summing to 1 (train, val, test).
 *
 * ```ts
 * parseSplit("0.8,0.1,0.1"); // { train: 0.8, val: 0.1, test: 0.1 }
 * ```
 */
export function parseSplit(text: string): { train: number; val: number; test: number } {
  const parts = text.split(",").map((s) => Number(s));
  if (
    parts.length !== 3 ||
    parts.some((p) => !(p >= 0)) ||
    Math.abs(parts[0] + parts[1] + parts[2] - 1) > 1e-9
  )
    throw new UsageError(
      `--split takes three fractions summing to 1, like 0.8,0.1,0.1; got "${text}"`
    );
  return { train: parts[0], val: parts[1], test: parts[2] };
}

/** Every dataset file an input names (a directory's .jsonl and .pwmkb files, in name order). */
function inputFiles(inputs: string[]): string[] {
  return inputs.flatMap((item) => {
    if (!fs.existsSync(item)) throw new UsageError(`no such dataset file or directory: ${item}`);
    if (!fs.statSync(item).isDirectory()) return [item];
    return fs
      .readdirSync(item)
      .filter((f) => /\.(jsonl|pwmkb)$/i.test(f))
      .sort()
      .map((f) => path.join(item, f));
  });
}

/**
 * Adds the `export` subcommand to `program`.
 *
 * ```ts
 * registerExport(new Command("pwmk"), io, (code) => (exit = code));
 * ```
 */
export function registerExport(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program
    .command("export")
    .description("export datasets or shard directories to Arrow IPC (.arrow) or Parquet (.parquet)")
    .argument("<inputs...>", "dataset files (.jsonl, .pwmkb) or directories of them")
    .requiredOption(
      "--out <path>",
      "a .arrow/.parquet file (all inputs merged) or a directory (one export per input file)"
    )
    .addOption(
      new Option("--format <form>", "export form (default: from --out, else parquet)").choices([
        "arrow",
        "parquet"
      ])
    )
    .option("--split <fractions>", "train,val,test fractions of the split column", "0.8,0.1,0.1")
    .option("--split-seed <n>", "seed of the split assignment", intAtLeast(0), 0)
    .option("--overwrite", "replace existing export files");
  withCommonHelp(cmd, [
    "pwmk export runs/box --out runs/box-parquet          # one .parquet per shard",
    "pwmk export runs/box --out box.arrow --split 0.9,0.05,0.05 --json"
  ]).action(async (inputs: string[], flags: ExportFlags) => {
    await runCommand(io, flags.json === true, "export", setExit, async (ctx) => {
      const split = { ...parseSplit(flags.split), seed: flags.splitSeed };
      const files = inputFiles(inputs);
      if (files.length === 0) throw new UsageError("the inputs hold no dataset files");
      const single = /\.(arrow|feather|parquet|pq)$/i.test(flags.out);
      const format: ExportFormat =
        flags.format ?? (single && !/\.(parquet|pq)$/i.test(flags.out) ? "arrow" : "parquet");
      const ext = format === "arrow" ? ".arrow" : ".parquet";
      const jobs: { out: string; load: () => TrajectoryDataset }[] = single
        ? [{ out: flags.out, load: () => loadShards(files) }]
        : files.map((f) => ({
            out: path.join(flags.out, path.basename(f).replace(/\.(jsonl|pwmkb)$/i, ext)),
            load: () => TrajectoryDataset.load(f)
          }));
      // Checked before any file is written, so a refused run leaves nothing half done.
      if (!flags.overwrite)
        for (const job of jobs)
          if (fs.existsSync(job.out))
            throw new UsageError(`${job.out} exists; pass --overwrite to replace it`);
      const bar = ctx.progress("export", jobs.length, "files");
      const written = jobs.map((job, i) => {
        const w = exportDataset(job.load(), job.out, { format, split, overwrite: flags.overwrite });
        bar.update(i + 1);
        return w;
      });
      bar.stop();
      return {
        value: { format, files: written },
        text: written.map(
          (w) => `${w.path}: ${w.rows} rows, ${w.columns.length} columns, ${w.bytes} bytes`
        )
      };
    });
  });
}
