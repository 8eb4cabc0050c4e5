import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DataCollector } from "../../src/data/collector";
import { readExport } from "../../src/data/export/files";
import { loadShards } from "../../src/data/shards";
import { makeEnv } from "../../src/envs/registry";
import { pwmk } from "../cli/run-pwmk";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const plain = (x: unknown) =>
  JSON.stringify(x, (_k, v) =>
    ArrayBuffer.isView(v)
      ? [v.constructor.name, ...Array.from(v as unknown as ArrayLike<number>)]
      : v
  );

const envOptions = JSON.stringify({ maxSteps: 8 });
const collectArgs = (out: string, ...more: string[]) => [
  "collect",
  "--env",
  "SallyAnneWorld",
  "--env-options",
  envOptions,
  "--episodes",
  "5",
  "--seed",
  "7",
  "--out",
  out,
  "--save-beliefs",
  ...more
];

describe("pwmk collect", () => {
  it("shards produced one command each merge into the single-machine dataset", async () => {
    const out = path.join(dir, "shards");
    const reports = [];
    for (const i of [2, 0, 1]) {
      const r = await pwmk(
        ...collectArgs(
          out,
          "--shard-index",
          String(i),
          "--num-shards",
          "3",
          "--format",
          i === 1 ? "binary" : "jsonl",
          "--json"
        )
      );
      expect(r.code).toBe(0);
      reports.push(JSON.parse(r.out));
    }
    expect(reports[0]).toMatchObject({
      ok: true,
      command: "collect",
      env: "SallyAnneWorld",
      episodes: 2,
      shards: [{ shardIndex: 2, numShards: 3, firstEpisode: 3, numEpisodes: 2 }]
    });
    expect(fs.readdirSync(out).sort()).toEqual([
      "shard-00000-of-00003.jsonl",
      "shard-00001-of-00003.pwmkb",
      "shard-00002-of-00003.jsonl"
    ]);
    const single = new DataCollector(makeEnv("SallyAnneWorld", { maxSteps: 8 })).collect({
      numEpisodes: 5,
      seed: 7,
      saveBeliefs: true,
      progress: false
    }).dataset!;
    expect(plain(loadShards(out).episodes)).toBe(plain(single.episodes));
  });

  it("--workers collects every shard on local threads", async () => {
    const out = path.join(dir, "threads");
    const r = await pwmk(...collectArgs(out, "--workers", "2"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^shard 0 of 2: episodes 0-1 -> .*shard-00000-of-00002.jsonl/m);
    expect(loadShards(out).episodes.map((e) => e.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it("exits 2 on bad usage, naming the problem", async () => {
    const cases: [string[], RegExp][] = [
      [
        ["collect", "--env", "Nowhere", "--episodes", "1", "--out", dir],
        /'Nowhere' is invalid. Allowed choices are MultiAgentBoxWorld/
      ],
      [
        ["collect", "--env", "SallyAnneWorld", "--out", dir],
        /required option '--episodes <n>' not specified/
      ],
      [
        [...collectArgs(dir), "--shard-index", "3", "--num-shards", "3"],
        /--shard-index must be below --num-shards \(3\), got 3/
      ],
      [[...collectArgs(dir), "--shard-index", "1"], /--shard-index and --num-shards go together/],
      [[...collectArgs(dir), "--episodes", "two"], /expected an integer >= 0, got "two"/],
      [[...collectArgs(dir), "--env-options", "{maxSteps"], /not valid JSON/],
      [[...collectArgs(dir), "--policy", "greedy"], /--policy must be random, expert, mixed/],
      [[...collectArgs(dir), "--bogus"], /unknown option '--bogus'/],
      [["dance"], /unknown command 'dance'/],
      [["help", "dance"], /unknown command 'dance'/],
      [[], /Usage: pwmk/]
    ];
    for (const [args, message] of cases) {
      const r = await pwmk(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toMatch(message);
    }
    const json = await pwmk(...collectArgs(dir), "--shard-index", "1", "--json");
    expect(JSON.parse(json.out)).toEqual({
      ok: false,
      command: "collect",
      error: "--shard-index and --num-shards go together",
      usage: true
    });
  });

  it("an existing shard without --resume or --overwrite is bad usage (exit 2) naming the flags", async () => {
    const out = path.join(dir, "fails");
    expect((await pwmk(...collectArgs(out, "--shard-index", "0", "--num-shards", "2"))).code).toBe(
      0
    );
    const again = await pwmk(
      ...collectArgs(out, "--shard-index", "0", "--num-shards", "2", "--json")
    );
    expect(again.code).toBe(2);
    expect(JSON.parse(again.out)).toMatchObject({ ok: false, command: "collect", usage: true });
    expect(again.err).toMatch(/already exists; pass --resume to continue it or --overwrite/);
    const overwritten = await pwmk(
      ...collectArgs(out, "--shard-index", "0", "--num-shards", "2", "--overwrite")
    );
    expect(overwritten.code).toBe(0);
  });

  it("--help and --version exit 0", async () => {
    const help = await pwmk("collect", "--help");
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--shard-index <i>/);
    expect(help.out).toMatch(/--format <form>/);
    const top = await pwmk("--help");
    expect(top.out).toMatch(/collect \[options\]/);
    expect(top.out).toMatch(/export \[options\] <inputs\.\.\.>/);
    expect((await pwmk("--version")).code).toBe(0);
  });
});

describe("pwmk export", () => {
  it("writes one export per shard into a directory, or one merged file", async () => {
    const shards = path.join(dir, "shards");
    const perShard = await pwmk("export", shards, "--out", path.join(dir, "pq"), "--json");
    expect(perShard.code).toBe(0);
    const report = JSON.parse(perShard.out);
    expect(report.format).toBe("parquet");
    expect(fs.readdirSync(path.join(dir, "pq")).sort()).toEqual([
      "shard-00000-of-00003.parquet",
      "shard-00001-of-00003.parquet",
      "shard-00002-of-00003.parquet"
    ]);
    const merged = path.join(dir, "all.arrow");
    expect((await pwmk("export", shards, "--out", merged)).code).toBe(0);
    const table = readExport(merged);
    const ds = loadShards(shards);
    const agents = ds.header.agents.length;
    expect(table.numRows).toBe(
      ds.episodes.reduce((n, e) => n + (e.actions.length + 1) * agents, 0)
    );
    const parts = fs
      .readdirSync(path.join(dir, "pq"))
      .map((f) => readExport(path.join(dir, "pq", f)).numRows);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(table.numRows);
  });

  it("exits 2 on a bad split and 1 on an unreadable input", async () => {
    const bad = await pwmk(
      "export",
      path.join(dir, "shards"),
      "--out",
      path.join(dir, "x.parquet"),
      "--split",
      "0.5,0.5"
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--split takes three fractions summing to 1/);
    const junk = path.join(dir, "junk.jsonl");
    fs.writeFileSync(junk, "not json\n");
    const failed = await pwmk("export", junk, "--out", path.join(dir, "junk.parquet"));
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/junk.jsonl line 1 is corrupt/);
  });
});
