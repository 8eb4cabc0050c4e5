/**
 * The benchmark regression check (kernel-lib/bench/regression.ts), on synthetic runs: what counts
 * as a regression, how noise widens the allowance, and how bad input is refused.
 */
import type { BenchReport, FigureRecord } from "../bench/harness";
import { parseBenchArgs } from "../bench/harness";
import {
  compareToBaseline,
  formatComparison,
  makeBaseline,
  parseBaseline,
  parseReport
} from "../bench/regression";

function fig(
  name: string,
  value: number,
  anchor: number,
  better: "lower" | "higher" = "lower"
): FigureRecord {
  return {
    suite: "s",
    name,
    value,
    unit: "µs/op",
    anchor: { name: "a", value: anchor },
    better,
    ratio: value / anchor
  };
}

function run(...figures: FigureRecord[]): BenchReport {
  return { format: "pwmk-bench/1", date: "", node: "v20", platform: "linux-x64", cpus: 2, figures };
}

describe("bench regression check", () => {
  it("flags a time whose ratio to its anchor grew beyond the tolerance", () => {
    const { baseline } = makeBaseline([run(fig("query", 2, 1))], 0.25);
    const c = compareToBaseline(baseline, run(fig("query", 3, 1)));
    expect(c.regressions.map((f) => f.key)).toEqual(["s / query vs a"]);
    expect(c.regressions[0].worseBy).toBeCloseTo(1.5);
  });

  it("compares ratios, so a uniformly slower machine is not a regression", () => {
    const { baseline } = makeBaseline([run(fig("query", 2, 1))], 0.25);
    const c = compareToBaseline(baseline, run(fig("query", 20, 10)));
    expect(c.regressions).toEqual([]);
    expect(c.unchanged).toHaveLength(1);
  });

  it("reads direction from `better`: a throughput that fell is a regression, one that rose an improvement", () => {
    const { baseline } = makeBaseline(
      [run(fig("events/s", 100, 10, "higher"), fig("rate", 100, 10, "higher"))],
      0.1
    );
    const c = compareToBaseline(
      baseline,
      run(fig("events/s", 50, 10, "higher"), fig("rate", 200, 10, "higher"))
    );
    expect(c.regressions.map((f) => f.key)).toEqual(["s / events/s vs a"]);
    expect(c.improvements.map((f) => f.key)).toEqual(["s / rate vs a"]);
  });

  it("gives a figure that was noisy across the baseline runs more room than a steady one", () => {
    const runs = [
      run(fig("noisy", 1.0, 1), fig("steady", 1.0, 1)),
      run(fig("noisy", 1.6, 1), fig("steady", 1.0, 1)),
      run(fig("noisy", 1.2, 1), fig("steady", 1.01, 1))
    ];
    const { baseline } = makeBaseline(runs, 0.2);
    const noisy = baseline.figures.find((f) => f.name === "noisy")!;
    expect(noisy.ratio).toBeCloseTo(1.2);
    expect(noisy.spread).toBeCloseTo(1.6 / 1.2 - 1); // its worst run, against the median
    // Both figures 1.5x their median: beyond 1.21 for the steady one, within 1.53 for the noisy one.
    const c = compareToBaseline(baseline, run(fig("noisy", 1.8, 1), fig("steady", 1.5, 1)));
    expect(c.regressions.map((f) => f.key)).toEqual(["s / steady vs a"]);
    expect(c.unchanged.map((f) => f.key)).toEqual(["s / noisy vs a"]);
  });

  it("passes every run the baseline was made from, times and throughputs alike", () => {
    const runs = [
      run(fig("t", 1, 1), fig("rate", 10, 1, "higher")),
      run(fig("t", 3, 1), fig("rate", 1, 1, "higher")),
      run(fig("t", 2, 1), fig("rate", 4, 1, "higher"))
    ];
    const { baseline } = makeBaseline(runs, 0);
    for (const r of runs) expect(compareToBaseline(baseline, r).regressions).toEqual([]);
    // ... and still flags a run a little worse than the worst of them.
    const worse = compareToBaseline(baseline, run(fig("t", 3.1, 1), fig("rate", 0.9, 1, "higher")));
    expect(worse.regressions.map((f) => f.key)).toEqual(["s / t vs a", "s / rate vs a"]);
  });

  it("lists figures missing from the run and new ones without failing on them", () => {
    const { baseline } = makeBaseline([run(fig("old", 1, 1))], 0.25);
    const c = compareToBaseline(baseline, run(fig("new", 1, 1)));
    expect(c).toMatchObject({
      regressions: [],
      missing: ["s / old vs a"],
      added: ["s / new vs a"]
    });
    expect(formatComparison(c)).toContain(
      "0 regressed, 0 improved, 0 within noise, 1 missing, 1 new"
    );
  });

  it("names the figure when a run has no usable ratio", () => {
    expect(() => parseReport(run(fig("broken", 1, 0)), "run.json")).toThrow(
      /run.json: figure "s \/ broken vs a" has no usable ratio/
    );
  });

  it("refuses files that are not a report or a baseline, saying which", () => {
    expect(() => parseReport({ figures: [] }, "x.json")).toThrow(/x.json: not a bench report/);
    expect(() => parseBaseline(run(), "b.json")).toThrow(/b.json: not a bench baseline/);
    expect(() =>
      parseBaseline({ format: "pwmk-bench-baseline/1", figures: [], tolerance: -1 }, "b.json")
    ).toThrow(/tolerance must be a number >= 0/);
  });

  it("leaves out of a baseline the figures some run did not measure, naming them", () => {
    const runs = [run(fig("a", 1, 1), fig("b", 1, 1)), run(fig("a", 1, 1))];
    const { baseline, leftOut } = makeBaseline(runs, 0.25);
    expect(baseline.figures.map((f) => f.name)).toEqual(["a"]);
    expect(leftOut).toEqual(["s / b vs a"]);
  });

  it("tells apart one measurement reported against two anchors, and refuses a figure reported twice", () => {
    const budget = { ...fig("query", 60, 50), anchor: { name: "budget", value: 50 } };
    const { baseline } = makeBaseline([run(fig("query", 60, 100), budget)], 0.25);
    expect(baseline.figures.map((f) => f.anchor)).toEqual(["a", "budget"]);
    expect(() => parseReport(run(fig("q", 1, 1), fig("q", 2, 1)), "r.json")).toThrow(
      /"s \/ q vs a" appears twice/
    );
  });
});

describe("bench command line", () => {
  it("takes a suite filter and --json in either order, and the path from PWMK_BENCH_JSON", () => {
    expect(parseBenchArgs(["--json", "out.json", "beliefs"], {})).toEqual({
      filter: "beliefs",
      jsonPath: "out.json"
    });
    expect(parseBenchArgs(["epistemic"], { PWMK_BENCH_JSON: "e.json" })).toEqual({
      filter: "epistemic",
      jsonPath: "e.json"
    });
  });

  it("rejects --json without a path and unknown options", () => {
    expect(() => parseBenchArgs(["--json"], {})).toThrow(/--json needs a file path/);
    expect(() => parseBenchArgs(["--jsn", "x"], {})).toThrow(/unknown option --jsn/);
  });
});
