import * as path from "path";
import { main } from "../../src/cli/main";

const PROBLEMS = path.join(__dirname, "problems");

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["node", "pwmk", "plan", ...args], {
    out: (s) => void out.push(s),
    err: (s) => void err.push(s)
  });
  return { code, out: out.join(""), err: err.join("") };
}

describe("pwmk plan", () => {
  it("prints the plan as JSON and exits 0", async () => {
    const r = await run(path.join(PROBLEMS, "coin-3-peek.mastar"));
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({
      ok: true,
      status: "solved",
      plan: ["open(a)", "peek(a)"],
      length: 2
    });
    expect(json.stats.optimal).toBe(true);
  });

  it("takes a goal, a strategy and --trajectory, on one JSON line with --json", async () => {
    const r = await run(
      path.join(PROBLEMS, "coin-3-peek.mastar"),
      "--goal",
      "B(b, tail)",
      "--strategy",
      "best-first",
      "--trajectory",
      "--json"
    );
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n")).toHaveLength(1);
    const json = JSON.parse(r.out);
    expect(json.stats.strategy).toBe("best-first");
    expect(json.trajectory[json.trajectory.length - 1].beliefs.b.tail).toBe(true);
  });

  it("exits 1 when the search times out, still printing JSON", async () => {
    const r = await run(path.join(PROBLEMS, "grapevine-5-ring.mastar"), "--timeout", "200");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, status: "timeout" });
  });

  it("exits 2 on an mA* error, naming the line and column", async () => {
    const r = await run(
      path.join(PROBLEMS, "coin-3-peek.mastar"),
      "--goal",
      "B(a, tial)",
      "--json"
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 1:6: unknown fluent "tial"/);
  });

  it("exits 2 for a missing file or a bad strategy", async () => {
    expect((await run("/no/such/file.mastar")).code).toBe(2);
    expect((await run(path.join(PROBLEMS, "coin-3-peek.mastar"), "--strategy", "dfs")).code).toBe(
      2
    );
  });
});
