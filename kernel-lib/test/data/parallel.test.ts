import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { collect, ParallelCollectOptions } from "../../src/data/parallel";
import { loadShards } from "../../src/data/shards";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-parallel-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const plain = (x: unknown) =>
  JSON.stringify(x, (_k, v) =>
    ArrayBuffer.isView(v)
      ? [v.constructor.name, ...Array.from(v as unknown as ArrayLike<number>)]
      : v
  );
const options = (name: string): ParallelCollectOptions => ({
  env: "MultiAgentBoxWorld",
  envOptions: { gridSize: 8, numAgents: 2, numBoxes: 2, maxSteps: 8 },
  numEpisodes: 5,
  seed: 3,
  policy: "mixed",
  saveBeliefs: true,
  progress: false,
  dir: path.join(dir, name)
});

describe("collect({ workers })", () => {
  it("worker threads write one shard each, and together the same episodes as one thread", async () => {
    const lines: string[] = [];
    const threaded = await collect({
      ...options("two"),
      workers: 2,
      progress: (s) => lines.push(s)
    });
    expect(threaded.paths.map((p) => path.basename(p))).toEqual([
      "shard-00000-of-00002.jsonl",
      "shard-00001-of-00002.jsonl"
    ]);
    expect(threaded.shards.map((s) => [s.firstEpisode, s.numEpisodes])).toEqual([
      [0, 2],
      [2, 3]
    ]);
    expect(threaded.episodes).toBe(5);
    expect(lines[lines.length - 1]).toMatch(/5\/5 100%/);
    const inThread = await collect({ ...options("zero"), workers: 0 });
    expect(inThread.paths.map((p) => path.basename(p))).toEqual(["shard-00000-of-00001.jsonl"]);
    const a = loadShards(threaded.dir);
    const b = loadShards(inThread.paths);
    expect(a.episodes.map((e) => e.index)).toEqual([0, 1, 2, 3, 4]);
    expect(plain(a.episodes)).toBe(plain(b.episodes));
    expect(threaded.steps).toBe(inThread.steps);
  });

  it("a failing worker's error names the worker, its shard and the episode", async () => {
    await expect(
      collect({ ...options("fail"), workers: 2, maxStepsPerEpisode: 3 })
    ).rejects.toThrow(
      /worker \d \(shard \d of 2\) failed on episode \d: EnvError: episode \d did not end within 3 steps/
    );
  });

  it("a worker that does not start, or an episode that overruns, stops the collection", async () => {
    await expect(collect({ ...options("late"), workers: 1, startTimeoutMs: 1 })).rejects.toThrow(
      /worker 0 \(shard 0 of 1\) did not start within 1 ms/
    );
    // Long episodes (200 steps with belief tracking) against a 1 ms budget per episode.
    const slow = {
      ...options("slow"),
      envOptions: { gridSize: 10, maxSteps: 200 },
      numEpisodes: 2
    };
    await expect(collect({ ...slow, workers: 1, episodeTimeoutMs: 1 })).rejects.toThrow(
      /worker 0 \(shard 0 of 1\) (started no episode|did not finish episode 0) within 1 ms; stopped/
    );
  });

  it("an abort terminates the workers and rejects; resume then completes the shards", async () => {
    const controller = new AbortController();
    const run = collect({ ...options("abort"), workers: 2, signal: controller.signal });
    controller.abort();
    await expect(run).rejects.toThrow(/collection aborted/);
    const resumed = await collect({ ...options("abort"), workers: 2, resume: true });
    expect(loadShards(resumed.dir).episodes).toHaveLength(5);
  });

  it("refuses what cannot reach a worker before starting one", async () => {
    await expect(collect({ ...options("bad"), env: "Gridworld" })).rejects.toThrow(
      /unknown environment "Gridworld"; known environments: MultiAgentBoxWorld/
    );
    await expect(collect({ ...options("bad"), policy: (() => 0) as never })).rejects.toThrow(
      /a policy function cannot be sent to worker threads/
    );
    await expect(collect({ ...options("bad"), workers: 1.5 })).rejects.toThrow(
      /workers must be a non-negative integer/
    );
  });
});
