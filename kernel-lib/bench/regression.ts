/**
 * Benchmark regression check: compares the figures of a bench run (its JSON report) with a stored
 * baseline and flags each figure that got worse beyond its noise.
 *
 * It compares ratios (figure / anchor, both measured in the same run), not raw times: a faster
 * or slower machine moves figure and anchor together, so a ratio travels between machines where
 * a time does not. A figure is flagged when its ratio moved the wrong way by more than its
 * allowance: the baseline's tolerance plus the noise that figure showed across the runs the
 * baseline was made from (a noisy figure gets more room than a steady one).
 */
import type { BenchReport, FigureRecord } from "./harness";

/** One figure of the baseline: its median ratio over several runs and how much it varied. */
export interface BaselineFigure {
  suite: string;
  name: string;
  /** The anchor's name: one measurement may be reported against several anchors. */
  anchor: string;
  better: "lower" | "higher";
  /** Median ratio (figure / anchor) over the baseline runs. */
  ratio: number;
  /** The noise seen over those runs: how much worse than the median the worst run was (0.3 =
   * 30 % worse); 0 for a single run. */
  spread: number;
}

/** The stored baseline (kernel-lib/bench/baseline.json). */
export interface Baseline {
  format: "pwmk-bench-baseline/1";
  /** Worsening every figure is allowed before its own spread is added, e.g. 0.25 = 25 %. */
  tolerance: number;
  /** How many runs the medians and spreads come from. */
  runs: number;
  /** Machine the baseline was measured on (for the reader; ratios are compared across machines). */
  machine: string;
  figures: BaselineFigure[];
}

/** The verdict on one figure present in both baseline and run. */
export interface Finding {
  key: string;
  better: "lower" | "higher";
  baseline: number;
  current: number;
  /** How many times worse the ratio is (>1 worse, <1 better), whichever way "better" points. */
  worseBy: number;
  /** The largest worseBy that still passes: 1 + tolerance + spread. */
  allowed: number;
}

export interface Comparison {
  regressions: Finding[];
  improvements: Finding[];
  unchanged: Finding[];
  /** In the baseline, not in the run (a filtered or shortened run, or a removed figure). */
  missing: string[];
  /** In the run, not in the baseline (a new figure: add it with `bench:baseline`). */
  added: string[];
}

/** The identity of a figure across runs: its suite, its name and its anchor's name. */
export function figureKey(f: {
  suite: string;
  name: string;
  anchor: string | { name: string };
}): string {
  const anchor = typeof f.anchor === "string" ? f.anchor : f.anchor.name;
  return `${f.suite} / ${f.name} vs ${anchor}`;
}

/** How many times worse `current` is than `base` (>1 worse), whichever way "better" points. */
function worseFactor(better: "lower" | "higher", base: number, current: number): number {
  return better === "lower" ? current / base : base / current;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function checkedRatio(f: FigureRecord, where: string): number {
  const ratio = f.value / f.anchor.value;
  if (!Number.isFinite(ratio) || ratio <= 0) {
    throw new Error(
      `${where}: figure "${figureKey(f)}" has no usable ratio (value ${f.value}, anchor ${f.anchor.value})`
    );
  }
  return ratio;
}

/** Reads a bench report, refusing anything that is not one (wrong format, figures missing). */
export function parseReport(json: unknown, where: string): BenchReport {
  const r = json as Partial<BenchReport> | null;
  if (!r || r.format !== "pwmk-bench/1" || !Array.isArray(r.figures)) {
    throw new Error(
      `${where}: not a bench report (expected format "pwmk-bench/1" with a figures array; write one with npm run bench -- --json <path>)`
    );
  }
  const seen = new Set<string>();
  for (const f of r.figures) {
    if (typeof f?.suite !== "string" || typeof f?.name !== "string" || !f.anchor?.name) {
      throw new Error(`${where}: a figure lacks its suite, name or anchor: ${JSON.stringify(f)}`);
    }
    if (seen.has(figureKey(f))) throw new Error(`${where}: figure "${figureKey(f)}" appears twice`);
    seen.add(figureKey(f));
    if (f.better !== "lower" && f.better !== "higher") {
      throw new Error(`${where}: figure "${figureKey(f)}" has better=${String(f.better)}`);
    }
    checkedRatio(f, where);
  }
  return r as BenchReport;
}

/** Reads a baseline, refusing a malformed one with a message naming what is wrong. */
export function parseBaseline(json: unknown, where: string): Baseline {
  const b = json as Partial<Baseline> | null;
  if (!b || b.format !== "pwmk-bench-baseline/1" || !Array.isArray(b.figures)) {
    throw new Error(
      `${where}: not a bench baseline (expected format "pwmk-bench-baseline/1"; make one with npm run bench:baseline)`
    );
  }
  if (typeof b.tolerance !== "number" || !(b.tolerance >= 0)) {
    throw new Error(`${where}: tolerance must be a number >= 0 (got ${String(b.tolerance)})`);
  }
  for (const f of b.figures) {
    if (typeof f.anchor !== "string") {
      throw new Error(`${where}: figure "${f.suite} / ${f.name}" lacks its anchor's name`);
    }
    if (!(f.ratio > 0) || !Number.isFinite(f.ratio) || !(f.spread >= 0)) {
      throw new Error(`${where}: figure "${figureKey(f)}" needs a ratio > 0 and a spread >= 0`);
    }
  }
  return b as Baseline;
}

/**
 * Builds a baseline from one or more runs of the same bench: per figure, the median ratio and
 * the relative spread. A figure missing from some run (a name that carries a measured detail
 * changes between runs) has no known noise: it is left out, and named in `leftOut`.
 */
export function makeBaseline(
  reports: BenchReport[],
  tolerance: number
): { baseline: Baseline; leftOut: string[] } {
  if (reports.length === 0) throw new Error("bench baseline: give at least one bench report");
  if (!(tolerance >= 0))
    throw new Error(`bench baseline: tolerance must be >= 0 (got ${tolerance})`);
  const first = reports[0];
  const byKey = reports.map((r) => new Map(r.figures.map((f) => [figureKey(f), f])));
  const leftOut = new Set<string>();
  for (const m of byKey) {
    for (const key of m.keys()) if (!byKey.every((other) => other.has(key))) leftOut.add(key);
  }
  const figures: BaselineFigure[] = [];
  for (const f of first.figures) {
    const key = figureKey(f);
    if (leftOut.has(key)) continue;
    const ratios = byKey.map((m, i) => checkedRatio(m.get(key)!, `run ${i + 1}`));
    const mid = median(ratios);
    // How much worse than the median the worst of these runs was, in the figure's own direction,
    // so that every run the baseline is made from passes the check against it.
    const spread = Math.max(...ratios.map((r) => worseFactor(f.better, mid, r))) - 1;
    const { suite, name, better } = f;
    figures.push({ suite, name, anchor: f.anchor.name, better, ratio: mid, spread });
  }
  const baseline: Baseline = {
    format: "pwmk-bench-baseline/1",
    tolerance,
    runs: reports.length,
    machine: `${first.platform}, ${first.cpus} cpus, node ${first.node}`,
    figures
  };
  return { baseline, leftOut: [...leftOut] };
}

/** Compares a run with the baseline; see the module comment for the rule. */
export function compareToBaseline(baseline: Baseline, report: BenchReport): Comparison {
  const current = new Map(report.figures.map((f) => [figureKey(f), f]));
  const out: Comparison = {
    regressions: [],
    improvements: [],
    unchanged: [],
    missing: [],
    added: []
  };
  for (const b of baseline.figures) {
    const key = figureKey(b);
    const f = current.get(key);
    if (!f) {
      out.missing.push(key);
      continue;
    }
    current.delete(key);
    const ratio = checkedRatio(f, "bench run");
    const worseBy = worseFactor(b.better, b.ratio, ratio);
    const allowed = 1 + baseline.tolerance + b.spread;
    const finding: Finding = {
      key,
      better: b.better,
      baseline: b.ratio,
      current: ratio,
      worseBy,
      allowed
    };
    if (worseBy > allowed) out.regressions.push(finding);
    else if (worseBy < 1 / allowed) out.improvements.push(finding);
    else out.unchanged.push(finding);
  }
  out.added = [...current.keys()];
  return out;
}

/** A readable summary of a comparison, one line per figure that moved or is missing. */
export function formatComparison(c: Comparison): string {
  const line = (tag: string, f: Finding) =>
    `${tag} ${f.key}: ratio ${f.baseline.toPrecision(3)} -> ${f.current.toPrecision(3)} ` +
    `(worse by x${f.worseBy.toFixed(2)}, allowed x${f.allowed.toFixed(2)})`;
  return [
    ...c.regressions.map((f) => line("REGRESSED", f)),
    ...c.improvements.map((f) => line("improved ", f)),
    ...c.missing.map((k) => `missing   ${k} (in the baseline, not in this run)`),
    ...c.added.map((k) => `new       ${k} (not in the baseline yet)`),
    `${c.regressions.length} regressed, ${c.improvements.length} improved, ` +
      `${c.unchanged.length} within noise, ${c.missing.length} missing, ${c.added.length} new`
  ].join("\n");
}
