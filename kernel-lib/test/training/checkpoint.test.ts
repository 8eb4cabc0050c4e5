/**
 * Checkpoints are atomic: a process killed while writing one leaves the previous checkpoint
 * complete and pointed to, never a torn one; the next writer cleans up after it.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import { join } from "path";
import {
  CheckpointState,
  checkpointName,
  latestCheckpoint,
  readCheckpoint,
  writeCheckpoint
} from "../../src/training/checkpoint";
import { emptyHistory } from "../../src/training/history";

const tsx = join(__dirname, "../../../node_modules/.bin/tsx");
const checkpointModule = join(__dirname, "../../src/training/checkpoint");

function stateAt(epoch: number): CheckpointState {
  const fill = (n: number, x: number) => new Float32Array(n).fill(x);
  return {
    trainer: { epoch, bestLoss: 1 / epoch, bestEpoch: epoch, badEpochs: 0 },
    history: emptyHistory("cpu", 1, 10),
    config: { batchSize: 4, seed: 0 },
    weights: [fill(3, epoch), fill(5, -epoch)],
    optimizer: { step: epoch * 10, m: [fill(3, 0.5), fill(5, 0.25)], v: [fill(3, 2), fill(5, 3)] }
  };
}

/** A child process writes checkpoint 1, then is killed (SIGKILL) in the middle of checkpoint 2. */
function crashWhileWriting(dir: string, killAfter: string): ReturnType<typeof spawnSync> {
  const script = `
    import { writeCheckpoint, checkpointName } from ${JSON.stringify(checkpointModule)};
    const fill = (n: number, x: number) => new Float32Array(n).fill(x);
    const state = (epoch: number) => ({
      trainer: { epoch, bestLoss: 1 / epoch, bestEpoch: epoch, badEpochs: 0 },
      history: { epochs: [], totalEpochs: 10, stoppedEarly: false, backend: "cpu", threads: 1 },
      config: { batchSize: 4, seed: 0 },
      weights: [fill(3, epoch), fill(5, -epoch)],
      optimizer: { step: epoch * 10, m: [fill(3, 0.5), fill(5, 0.25)], v: [fill(3, 2), fill(5, 3)] }
    });
    const saveModel = async (d: string) => { require("fs").writeFileSync(d + "/model.json", "{}"); };
    (async () => {
      await writeCheckpoint(${JSON.stringify(dir)}, checkpointName(1), state(1), { saveModel });
      await writeCheckpoint(${JSON.stringify(dir)}, checkpointName(2), state(2), {
        saveModel,
        onFileWritten: (f) => { if (f === ${JSON.stringify(killAfter)}) process.kill(process.pid, "SIGKILL"); }
      });
    })();
  `;
  return spawnSync(tsx, ["-e", script], { encoding: "utf8", timeout: 60_000 });
}

describe("checkpoints", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(join(os.tmpdir(), "pwmk-ckpt-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("round-trip weights, optimizer moments, trainer state and history exactly", async () => {
    const state = stateAt(3);
    state.weights[0][1] = Math.fround(0.1234567);
    const p = await writeCheckpoint(dir, checkpointName(3), state);
    expect(latestCheckpoint(dir)).toBe(p);
    expect(readCheckpoint(p)).toEqual(state);
  });

  it.each(["state.bin", "model", "trainer.json"])(
    "a process killed after writing %s of a new checkpoint leaves the previous one intact",
    async (killAfter) => {
      const run = crashWhileWriting(dir, killAfter);
      expect(run.error).toBeUndefined();
      // tsx runs the script in a child node and reports its SIGKILL as exit status 128 + 9.
      expect(run.signal === "SIGKILL" || run.status === 137).toBe(true);
      // The torn checkpoint is not visible under its name, and latest still points to epoch 1.
      expect(fs.existsSync(join(dir, checkpointName(2)))).toBe(false);
      const latest = latestCheckpoint(dir)!;
      expect(latest).toBe(join(dir, checkpointName(1)));
      expect(readCheckpoint(latest)).toEqual(stateAt(1));
      // The next writer removes the leftovers and writes normally.
      await writeCheckpoint(dir, checkpointName(2), stateAt(2));
      expect(fs.readdirSync(dir).filter((n) => n.startsWith(".tmp-"))).toEqual([]);
      expect(readCheckpoint(latestCheckpoint(dir)!)).toEqual(stateAt(2));
    }
  );

  it("keeps the most recent checkpoints and the best one", async () => {
    for (let e = 1; e <= 5; e++)
      await writeCheckpoint(dir, checkpointName(e), stateAt(e), { best: e === 2, keep: 2 });
    expect(
      fs
        .readdirSync(dir)
        .filter((n) => n.startsWith("epoch-"))
        .sort()
    ).toEqual(["epoch-0002", "epoch-0004", "epoch-0005"]);
    expect(latestCheckpoint(dir, "best")).toBe(join(dir, "epoch-0002"));
  });

  it("refuses a directory that is not a checkpoint, and a truncated state file, by name", async () => {
    expect(() => readCheckpoint(dir)).toThrow(/is not a checkpoint \(no trainer.json\)/);
    const p = await writeCheckpoint(dir, checkpointName(1), stateAt(1));
    fs.truncateSync(join(p, "state.bin"), 8);
    expect(() => readCheckpoint(p)).toThrow(/state.bin has 8 bytes, trainer.json describes 96/);
  });
});
