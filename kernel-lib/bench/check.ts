/**
 * The command line of the regression check (root scripts `bench:check` and `bench:baseline`):
 *
 *   tsx bench/check.ts check <run.json> [--baseline bench/baseline.json]
 *       exits 1 when a figure regressed beyond its noise, 2 on bad input
 *   tsx bench/check.ts baseline <run1.json> [run2.json ...] [--tolerance 0.25] [--out bench/baseline.json]
 *       writes a baseline from one or more runs (several runs measure each figure's noise)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  compareToBaseline,
  formatComparison,
  makeBaseline,
  parseBaseline,
  parseReport
} from "./regression";

const DEFAULT_BASELINE = path.join(__dirname, "baseline.json");
const DEFAULT_TOLERANCE = 0.25;

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`);
  }
}

/** Splits `--name value` options from positional arguments. */
function options(argv: string[]): { files: string[]; opts: Map<string, string> } {
  const files: string[] = [];
  const opts = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith("--")) {
      const value = argv[i + 1];
      if (value === undefined) throw new Error(`${argv[i]} needs a value`);
      opts.set(argv[i].slice(2), value);
      i++;
    } else files.push(argv[i]);
  }
  return { files, opts };
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const { files, opts } = options(rest);
  if (command === "check" && files.length === 1) {
    const baselineFile = opts.get("baseline") ?? DEFAULT_BASELINE;
    const baseline = parseBaseline(readJson(baselineFile), baselineFile);
    const report = parseReport(readJson(files[0]), files[0]);
    const result = compareToBaseline(baseline, report);
    console.log(formatComparison(result));
    return result.regressions.length > 0 ? 1 : 0;
  }
  if (command === "baseline" && files.length >= 1) {
    const tolerance = Number(opts.get("tolerance") ?? DEFAULT_TOLERANCE);
    const out = opts.get("out") ?? DEFAULT_BASELINE;
    const reports = files.map((f) => parseReport(readJson(f), f));
    const { baseline, leftOut } = makeBaseline(reports, tolerance);
    for (const key of leftOut) console.log(`left out (not in every run): ${key}`);
    fs.writeFileSync(out, JSON.stringify(baseline, null, 2) + "\n");
    console.log(
      `baseline of ${baseline.figures.length} figures from ${reports.length} run(s) written to ${out}`
    );
    return 0;
  }
  throw new Error(
    "usage: check.ts check <run.json> [--baseline file] | check.ts baseline <run.json...> [--tolerance 0.25] [--out file]"
  );
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(`bench: ${(err as Error).message}`);
  process.exitCode = 2;
}
