/**
 * The contract scripts rely on, for every `pwmk` command run as its own process: `--json` prints
 * exactly one JSON object on stdout (the result or the failure) and nothing else there; exit codes
 * are 0 done, 1 failed (a corrupt input, a run that did not do its job), 2 bad usage (an unknown
 * option, a missing file); progress goes to stderr only, as plain lines when stderr is not a
 * terminal, and not at all under --json. `--help` of every command shows examples.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pwmk, PwmkRun, spawnPwmk } from "./run-pwmk";

jest.setTimeout(300_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-contract-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const at = (...p: string[]) => path.join(dir, ...p);
const COIN = path.join(__dirname, "..", "planning", "problems", "coin-3-peek.mastar");
/** A problem with no plan: nothing ever makes p true. */
const UNSOLVABLE = [
  "fluent p;",
  "agent a;",
  "action wait(a);",
  "wait(a) causes -p;",
  "a observes wait(a);",
  "initially -p;",
  "initially C([a], -p);",
  "goal p;"
];
const COMMANDS = ["collect", "export", "train", "eval", "plan", "story", "demo"];
const STORY = [
  "1 Anne entered the room.",
  "2 Sally entered the room.",
  "3 The marble is in the basket.",
  "4 Sally exited the room.",
  "5 Anne moved the marble to the box.",
  "6 Where does Sally think the marble is?\tbasket\t1"
];
/** A plain progress line ("label: done/total unit (pct%)"). */
const PROGRESS = /^.+: \d+\/\d+ [a-z ]+ \(\d+%\)/m;

/** The one JSON object stdout holds; fails when stdout holds anything else. */
function onlyJson(r: PwmkRun): Record<string, unknown> {
  const lines = r.out.split("\n").filter((l) => l !== "");
  expect({ stdoutLines: lines.length, stdout: r.out }).toMatchObject({ stdoutLines: 1 });
  return JSON.parse(lines[0]) as Record<string, unknown>;
}

const tiny = ["--hidden", "8", "--layers", "1", "--heads", "1", "--threads", "1"];

describe("pwmk as a process", () => {
  beforeAll(() => fs.writeFileSync(at("story.txt"), STORY.join("\n") + "\n"));

  it("--json gives one JSON object on stdout and no progress, for every command", async () => {
    const runs: Record<string, string[]> = {
      collect: [
        "collect",
        ...["--env", "SallyAnneWorld", "--env-options", '{"maxSteps":6}', "--episodes", "12"],
        ...["--save-beliefs", "--shard-index", "0", "--num-shards", "1", "--out", at("data")]
      ],
      export: ["export", at("data"), "--out", at("all.parquet")],
      train: ["train", at("data"), "--out", at("run"), "--epochs", "1", "--horizon", "6", ...tiny],
      eval: [
        "eval",
        at("data"),
        "--model",
        at("run", "model"),
        "--horizon",
        "6",
        "--part",
        "train"
      ],
      plan: ["plan", COIN],
      story: ["story", at("story.txt")],
      demo: ["demo", "--out", at("demo.html")]
    };
    expect(Object.keys(runs)).toEqual(COMMANDS);
    for (const command of COMMANDS) {
      const r = await spawnPwmk([...runs[command], "--json"]);
      expect({ command, code: r.code, err: r.err }).toMatchObject({ command, code: 0 });
      expect(onlyJson(r)).toMatchObject({ ok: true, command });
      expect(r.err).not.toMatch(PROGRESS);
    }
  });

  it("without --json, progress goes to stderr as plain lines and stdout holds only the result", async () => {
    const collect = await spawnPwmk([
      "collect",
      ...["--env", "SallyAnneWorld", "--env-options", '{"maxSteps":6}', "--episodes", "4"],
      ...["--workers", "1", "--out", at("plain")]
    ]);
    expect(collect.code).toBe(0);
    expect(collect.err).toMatch(/^collect SallyAnneWorld: 4\/4 episodes \(100%\)$/m);
    expect(collect.out).toMatch(/^shard 0 of 1: episodes 0-3 -> .*shard-00000-of-00001\.jsonl/);
    expect(collect.out.trim().split("\n")).toHaveLength(1);
    const story = await spawnPwmk(["story", at("story.txt"), "--all"]);
    expect(story.code).toBe(0);
    expect(story.err).toMatch(/^story: 1\/1 stories \(100%\)$/m);
    expect(story.out).not.toMatch(PROGRESS);
    expect(story.out).toContain("1/1 correct");
    for (const r of [collect, story]) expect(r.out + r.err).not.toContain("\r");
  });

  it("shows a plan search that runs long against its time limit, on stderr", async () => {
    // No plan exists (nobody can come to believe a false secret) and the space is far too big to
    // exhaust in the time limit, so the search runs until its timeout.
    const r = await spawnPwmk([
      "plan",
      path.join(__dirname, "..", "planning", "problems", "grapevine-5-ring.mastar"),
      ...["--goal", "B(b, -secret(a))", "--timeout", "2500"]
    ]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, command: "plan", status: "timeout" });
    expect(r.err).toMatch(/^plan \(bfs\): [0-3]\/3 s of the time limit \(\d+%\)$/m);
    expect(r.out).not.toMatch(PROGRESS);
  });

  it("exits 2 for bad usage and a missing file, with the failure as JSON under --json", async () => {
    const cases: [string, string[], RegExp][] = [
      ["collect", ["collect", "--env", "SallyAnneWorld", "--out", dir], /--episodes/],
      ["plan", ["plan", at("nope.mastar")], /no such problem file/],
      ["story", ["story", at("nope.txt")], /no such story file/],
      ["train", ["train", at("nope"), "--out", at("x")], /no such dataset file or directory/],
      ["eval", ["eval", at("data"), "--model", at("nope")], /no such model directory/],
      ["demo", ["demo", "--seed", "minus one"], /expected an integer >= 0/],
      ["export", ["export", at("data"), "--out", at("y"), "--bogus"], /unknown option '--bogus'/],
      ["export", ["export", at("data"), "--out", at("all.parquet")], /exists; pass --overwrite/]
    ];
    for (const [command, args, message] of cases) {
      const r = await spawnPwmk([...args, "--json"]);
      expect({ command, code: r.code }).toEqual({ command, code: 2 });
      const report = onlyJson(r);
      expect(report).toMatchObject({ ok: false, command, usage: true });
      expect(report.error).toMatch(message);
      expect(r.err).toMatch(message);
    }
  });

  it("exits 1 on a corrupt input or a run that fails, still one JSON object", async () => {
    fs.writeFileSync(at("junk.jsonl"), "not json\n");
    fs.mkdirSync(at("broken-model"));
    fs.writeFileSync(at("broken-model", "model.json"), "{ truncated");
    fs.writeFileSync(at("odd.txt"), "1 Anne entered the room.\n2 Phone rang.\n");
    fs.writeFileSync(at("no-plan.mastar"), UNSOLVABLE.join("\n") + "\n");
    const cases: [string, string[], RegExp][] = [
      ["export", ["export", at("junk.jsonl"), "--out", at("junk.parquet")], /line 1 is corrupt/],
      ["train", ["train", at("junk.jsonl"), "--out", at("junk-run")], /line 1 is corrupt/],
      ["eval", ["eval", at("data"), "--model", at("broken-model")], /model.json is not valid JSON/],
      ["story", ["story", at("odd.txt")], /cannot read "Phone rang"|1 of 1 stories/],
      ["plan", ["plan", at("no-plan.mastar")], /no plan exists/]
    ];
    for (const [command, args, message] of cases) {
      const r = await spawnPwmk([...args, "--json"]);
      expect({ command, code: r.code, err: r.err }).toMatchObject({ command, code: 1 });
      const report = onlyJson(r);
      expect(report).toMatchObject({ ok: false, command });
      expect(report.usage).not.toBe(true);
      expect(r.err).toMatch(message);
    }
  });
});

describe("pwmk --help", () => {
  it("every command's help shows its options, examples and the exit codes, exit 0", async () => {
    for (const command of COMMANDS) {
      const r = await pwmk(command, "--help");
      expect({ command, code: r.code, err: r.err }).toEqual({ command, code: 0, err: "" });
      expect(r.out).toContain(`Usage: pwmk ${command}`);
      expect(r.out).toContain("--json");
      expect(r.out).toMatch(new RegExp(`Examples:\\n  \\$ pwmk ${command} `));
      expect(r.out).toContain("Exit codes: 0 done, 1 failed, 2 bad usage");
    }
    const top = await pwmk("--help");
    for (const command of COMMANDS) expect(top.out).toMatch(new RegExp(`^  ${command} `, "m"));
  });
});
