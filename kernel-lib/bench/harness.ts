/**
 * Benchmark harness: every figure is printed beside its anchor, both measured in the same run,
 * with the ratio figure/anchor. Issues add suites under bench/ and register them in run.ts.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import { dirname } from "node:path";

export interface Figure {
  /** What was measured, e.g. "ground query, swipl-wasm, 1e4 facts". */
  name: string;
  /** The measured value. */
  value: number;
  /** Unit, e.g. "µs/query", "events/s". */
  unit: string;
  /** The anchor it is compared with, measured in the same run. */
  anchor: { name: string; value: number };
  /** "lower" when a smaller value is better (times), "higher" for throughputs. */
  better: "lower" | "higher";
  /** Optional target on the ratio, e.g. { maxRatio: 2 } means figure/anchor <= 2 is on target. */
  target?: { maxRatio?: number; minRatio?: number; note?: string };
}

export interface Suite {
  name: string;
  run(report: (figure: Figure) => void): Promise<void>;
}

/** Times fn over `iterations` calls, repeated `reps` times; returns the median seconds per call. */
export async function timePerCall(
  fn: () => unknown | Promise<unknown>,
  iterations: number,
  reps = 3
): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await fn();
    const t1 = process.hrtime.bigint();
    samples.push(Number(t1 - t0) / 1e9 / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** Synchronous variant of timePerCall, for hot loops where awaiting would distort the figure. */
export function timePerCallSync(fn: () => unknown, iterations: number, reps = 3): number {
  const samples: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    const t1 = process.hrtime.bigint();
    samples.push(Number(t1 - t0) / 1e9 / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

function fmt(x: number): string {
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1000) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 0.01) return x.toFixed(3);
  return x.toExponential(2);
}

/** Formats one figure as a single line: name, value, anchor, ratio and target verdict. */
export function formatFigure(f: Figure): string {
  const ratio = f.value / f.anchor.value;
  let verdict = "";
  if (f.target) {
    const okMax = f.target.maxRatio === undefined || ratio <= f.target.maxRatio;
    const okMin = f.target.minRatio === undefined || ratio >= f.target.minRatio;
    const bound = [
      f.target.minRatio !== undefined ? `>= ${f.target.minRatio}` : "",
      f.target.maxRatio !== undefined ? `<= ${f.target.maxRatio}` : ""
    ]
      .filter(Boolean)
      .join(" and ");
    verdict = `  [target ratio ${bound}: ${okMax && okMin ? "MET" : "MISSED"}${f.target.note ? `; ${f.target.note}` : ""}]`;
  }
  return (
    `${f.name}: ${fmt(f.value)} ${f.unit}  | anchor ${f.anchor.name}: ${fmt(f.anchor.value)} ${f.unit}` +
    `  | ratio ${fmt(ratio)}x${verdict}`
  );
}

/** A figure as the bench writes it to JSON: the suite it came from and its ratio to the anchor. */
export interface FigureRecord extends Figure {
  suite: string;
  /** value / anchor.value: the machine-independent figure the regression check compares. */
  ratio: number;
}

/** The machine-readable output of one bench run (`npm run bench -- --json out.json`). */
export interface BenchReport {
  format: "pwmk-bench/1";
  /** ISO time of the run, for the history of nightly runs; never compared. */
  date: string;
  node: string;
  platform: string;
  cpus: number;
  figures: FigureRecord[];
}

/** Command line of `npm run bench`: an optional suite filter and an optional `--json <path>`. */
export interface BenchArgs {
  filter?: string;
  jsonPath?: string;
}

/** Reads `[filter] [--json <path>]` (in any order); `PWMK_BENCH_JSON` sets the path too. */
export function parseBenchArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchArgs {
  const args: BenchArgs = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--json") {
      const path = argv[++i];
      if (!path || path.startsWith("--")) throw new Error("bench: --json needs a file path");
      args.jsonPath = path;
    } else if (argv[i].startsWith("--json=")) {
      args.jsonPath = argv[i].slice("--json=".length);
    } else if (argv[i].startsWith("--")) {
      throw new Error(`bench: unknown option ${argv[i]} (known: --json <path>)`);
    } else if (args.filter === undefined) {
      args.filter = argv[i];
    } else {
      throw new Error(`bench: one suite filter at most (got ${args.filter} and ${argv[i]})`);
    }
  }
  if (args.jsonPath === undefined && env.PWMK_BENCH_JSON) args.jsonPath = env.PWMK_BENCH_JSON;
  return args;
}

/** Builds the JSON report of a run from its figures. */
export function benchReport(figures: FigureRecord[]): BenchReport {
  return {
    format: "pwmk-bench/1",
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()}-${os.arch()}`,
    cpus: os.cpus().length,
    figures
  };
}

/** Writes the report as JSON (creating the folder), for the nightly history and `bench:check`. */
export function writeBenchReport(path: string, figures: FigureRecord[]): void {
  fs.mkdirSync(dirname(path), { recursive: true });
  fs.writeFileSync(path, JSON.stringify(benchReport(figures), null, 2) + "\n");
}

/** Runs the given suites (all, or those whose name matches a filter) and prints every figure. */
export async function runSuites(suites: Suite[], filter?: string): Promise<FigureRecord[]> {
  const figures: FigureRecord[] = [];
  for (const suite of suites) {
    if (filter && !suite.name.includes(filter)) continue;
    console.log(`\n== ${suite.name} ==`);
    await suite.run((f) => {
      figures.push({ ...f, suite: suite.name, ratio: f.value / f.anchor.value });
      console.log(formatFigure(f));
    });
  }
  return figures;
}
