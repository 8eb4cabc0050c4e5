import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DataCollector } from "../../src/data/collector";
import { TrajectoryDataset } from "../../src/data/dataset";
import { DatasetError } from "../../src/data/records";
import {
  assignSplit,
  collectShard,
  loadShards,
  shardEpisodes,
  shardFileName,
  ShardSpec,
  splitBySeed
} from "../../src/data/shards";
import { EnvError } from "../../src/envs/env";
import { envNames, makeEnv } from "../../src/envs/registry";
import { HideAndSeek } from "../../src/envs/worlds/hideandseek";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-shards-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const sub = (name: string) => path.join(dir, name);
const plain = (x: unknown) =>
  JSON.stringify(x, (_k, v) =>
    ArrayBuffer.isView(v)
      ? [v.constructor.name, ...Array.from(v as unknown as ArrayLike<number>)]
      : v
  );

const envOptions = { arenaSize: 9, numHiders: 1, numSeekers: 1, episodeLength: 6 };
const base = (d: string): Omit<ShardSpec, "shardIndex" | "numShards"> => ({
  env: "HideAndSeek",
  envOptions,
  numEpisodes: 5,
  seed: 11,
  dir: d,
  policy: "mixed",
  saveBeliefs: true
});

describe("env registry", () => {
  it("makes each built-in world by its name, and rebuilds an env from its name and config", () => {
    expect(envNames()).toEqual([
      "MultiAgentBoxWorld",
      "BeliefCircles",
      "HideAndSeek",
      "SocialDeception",
      "SallyAnneWorld"
    ]);
    for (const name of envNames()) {
      const env = makeEnv(name);
      expect(env.name).toBe(name);
      const again = makeEnv(env.name, env.config);
      expect(again.config).toEqual(env.config);
      expect(plain(again.reset({ seed: 4 }))).toBe(plain(env.reset({ seed: 4 })));
    }
    expect(makeEnv("HideAndSeek", envOptions).config).toEqual(new HideAndSeek(envOptions).config);
  });

  it("names an unknown env and lists the known ones; refuses non-object options", () => {
    expect(() => makeEnv("BoxWorld")).toThrow(EnvError);
    expect(() => makeEnv("BoxWorld")).toThrow(
      /unknown environment "BoxWorld"; known environments: MultiAgentBoxWorld, BeliefCircles, HideAndSeek, SocialDeception, SallyAnneWorld/
    );
    expect(() => makeEnv("toString")).toThrow(/unknown environment "toString"/);
    expect(() => makeEnv("HideAndSeek", [] as never)).toThrow(/must be an object, got an array/);
  });
});

describe("shards", () => {
  it("shard blocks partition the episodes, contiguous and balanced, for any shard count", () => {
    for (const n of [0, 1, 7, 100])
      for (const k of [1, 2, 3, 16]) {
        const blocks = Array.from({ length: k }, (_, i) => shardEpisodes(n, i, k));
        const all = blocks.flatMap((b) => Array.from({ length: b.count }, (_, j) => b.first + j));
        expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
        const sizes = blocks.map((b) => b.count);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    expect(() => shardEpisodes(10, 3, 3)).toThrow(
      /shardIndex must be an integer from 0 to 2, got 3/
    );
    expect(() => shardEpisodes(10, 0, 0)).toThrow(/numShards must be a positive integer/);
    expect(shardFileName(3, 16)).toBe("shard-00003-of-00016.jsonl");
    expect(shardFileName(3, 16, "binary")).toBe("shard-00003-of-00016.pwmkb");
  });

  it("the shards of a collection merge into the single-machine dataset, whatever the shard count", () => {
    const single = new DataCollector(new HideAndSeek(envOptions)).collect({
      numEpisodes: 5,
      seed: 11,
      policy: "mixed",
      saveBeliefs: true,
      progress: false
    }).dataset!;
    for (const k of [1, 2, 3]) {
      const d = sub(`k${k}`);
      for (let i = 0; i < k; i++)
        collectShard({
          ...base(d),
          shardIndex: i,
          numShards: k,
          format: i % 2 ? "binary" : "jsonl"
        });
      const merged = loadShards(d);
      expect(merged.warnings).toEqual([]);
      expect(merged.episodes.map((e) => e.index)).toEqual([0, 1, 2, 3, 4]);
      expect(plain(merged.episodes)).toBe(plain(single.episodes));
      expect(merged.header).toEqual(single.header);
    }
  });

  it("a listing with a shard missing is partial and says so; one listed twice is refused", () => {
    const d = sub("k3");
    const files = [0, 2].map((i) => path.join(d, shardFileName(i, 3, i % 2 ? "binary" : "jsonl")));
    const partial = loadShards(files);
    expect(partial.warnings).toEqual([
      "shard(s) 1 of 3 are not in the listing; the dataset is partial"
    ]);
    expect(() => loadShards([files[0], files[0]])).toThrow(
      /episode 0 is in both .*shard-00000-of-00003.jsonl and .*shard-00000-of-00003.jsonl/
    );
    expect(() => loadShards(sub("nowhere"))).toThrow(/no such dataset file or directory/);
  });

  it("refuses to merge shards of different collections, naming the differing header field", () => {
    const d = sub("mixed-headers");
    collectShard({ ...base(d), shardIndex: 0, numShards: 2 });
    collectShard({
      ...base(d),
      envOptions: { ...envOptions, arenaSize: 10 },
      shardIndex: 1,
      numShards: 2
    });
    expect(() => loadShards(d)).toThrow(/header field "config"/);
  });

  it("an interrupted shard resumes to the same episodes", () => {
    const d = sub("resume");
    const spec: ShardSpec = { ...base(d), shardIndex: 1, numShards: 2 };
    const first = collectShard(spec);
    expect(first).toMatchObject({ firstEpisode: 2, numEpisodes: 3, episodes: 3 });
    const whole = fs.readFileSync(first.path);
    const complete = TrajectoryDataset.load(first.path);
    // Cut the file inside the second episode, as a killed job would leave it.
    const cut = whole.indexOf('"type":"reset","episode":3');
    fs.writeFileSync(first.path, whole.subarray(0, cut + 200));
    expect(() => collectShard(spec)).toThrow(/already exists/);
    const resumed = collectShard({ ...spec, resume: true });
    expect(resumed.episodes).toBe(2);
    expect(plain(TrajectoryDataset.load(first.path).episodes)).toBe(plain(complete.episodes));
  });
});

describe("split by episode seed", () => {
  const fractions = { train: 0.8, val: 0.1, test: 0.1 };
  it("assigns each seed to one part, the same every time, in proportion to the fractions", () => {
    const counts = { train: 0, val: 0, test: 0 };
    for (let s = 0; s < 4000; s++) counts[assignSplit(s, fractions)]++;
    expect(counts.train / 4000).toBeCloseTo(0.8, 1);
    expect(counts.val / 4000).toBeCloseTo(0.1, 1);
    expect(counts.test / 4000).toBeCloseTo(0.1, 1);
    expect(assignSplit(2 ** 40 + 3, fractions)).toBe(assignSplit(2 ** 40 + 3, fractions));
    // Another split seed gives another assignment.
    const moved = Array.from({ length: 200 }, (_, s) => s).filter(
      (s) => assignSplit(s, fractions) !== assignSplit(s, { ...fractions, seed: 1 })
    );
    expect(moved.length).toBeGreaterThan(10);
    expect(() => assignSplit(1, { train: 0.5, val: 0.1, test: 0.1 })).toThrow(/sum to 1/);
    expect(() => assignSplit(-1, fractions)).toThrow(/non-negative integer/);
  });

  it("an episode stays in its part whichever shards are listed", () => {
    const d = sub("k3");
    const all = splitBySeed(loadShards(d), fractions);
    const some = splitBySeed(loadShards(path.join(d, shardFileName(2, 3))), fractions);
    for (const part of ["train", "val", "test"] as const) {
      const ids = new Set(all[part].episodes.map((e) => e.index));
      for (const ep of some[part].episodes) expect(ids.has(ep.index)).toBe(true);
    }
    const n = all.train.episodes.length + all.val.episodes.length + all.test.episodes.length;
    expect(n).toBe(5);
  });
});

it("shard errors are DatasetErrors", () => {
  expect(() =>
    collectShard({ ...base(sub("bad")), shardIndex: 0, numShards: 1, format: "csv" as never })
  ).toThrow(DatasetError);
});
