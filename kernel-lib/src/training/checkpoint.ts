/**
 * Training checkpoints, written atomically: everything goes into a hidden temporary directory,
 * each file is flushed to disk (fsync), and only then is the directory renamed to its final name
 * and the `latest.json` pointer replaced (itself written to a temporary file and renamed). A crash
 * at any moment leaves either the previous checkpoint or the new one, complete, never a torn one;
 * leftover temporary directories are ignored and cleaned up by the next writer.
 *
 * A checkpoint directory `epoch-0003/` holds `trainer.json` (epoch, history, early-stopping state,
 * trainer configuration, and the layout of the arrays), `state.bin` (the trainable weights and
 * Adam's moments, float32 little-endian) and `model/` (the model in the TensorFlow.js layers
 * format, loadable on its own).
 *
 * ```ts
 * await writeCheckpoint("runs/ckpt", "epoch-0003", state, { saveModel: (dir) => model.save(dir) });
 * const state = readCheckpoint(latestCheckpoint("runs/ckpt")!);
 * ```
 */
import * as fs from "fs";
import * as path from "path";
import type { OptimizerState } from "../models/types";
import type { TrainingHistory } from "./history";

/**
 * Thrown for a checkpoint that cannot be written or read, naming the file and the problem.
 *
 * ```ts
 * try { readCheckpoint("runs/ckpt/epoch-0009"); } catch (e) { if (e instanceof CheckpointError) console.log(e.message); }
 * ```
 */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckpointError";
  }
}

/**
 * The trainer's own state: what early stopping and the batch order need to continue exactly.
 *
 * ```ts
 * const s: TrainerState = { epoch: 3, bestLoss: 0.12, bestEpoch: 2, badEpochs: 1 };
 * ```
 */
export interface TrainerState {
  /** Epochs finished. */
  epoch: number;
  /** The lowest loss so far (validation loss when there is validation data), null before one. */
  bestLoss: number | null;
  /** The epoch that reached it, null before one. */
  bestEpoch: number | null;
  /** Epochs since the best one (early stopping counts these). */
  badEpochs: number;
}

/**
 * Everything a checkpoint holds.
 *
 * ```ts
 * const { trainer, history, weights, optimizer, config } = readCheckpoint(path);
 * ```
 */
export interface CheckpointState {
  /** Where training stands: epochs done, the best so far, early-stopping count. */
  trainer: TrainerState;
  /** The training history up to the checkpoint. */
  history: TrainingHistory;
  /** The trainer configuration it was written with (a resume checks it is the same). */
  config: Record<string, unknown>;
  /** The model's trainable weights, in the model's fixed order. */
  weights: Float32Array[];
  /** Adam's state, so a resumed run continues exactly. */
  optimizer: OptimizerState;
}

/**
 * Options of `writeCheckpoint`.
 *
 * ```ts
 * writeCheckpoint(dir, "epoch-0001", state, { saveModel: (d) => model.save(d), keep: 3 });
 * ```
 */
export interface WriteCheckpointOptions {
  /** Writes the model files into the given (new, empty) directory. */
  saveModel?: (dir: string) => Promise<void>;
  /** Mark this checkpoint as the best one (`best.json` points to it; it is never pruned). */
  best?: boolean;
  /** Keep this many most recent checkpoints besides the best one (default 2). */
  keep?: number;
  /** Called after each file is durable on disk (progress reporting, fault injection). */
  onFileWritten?: (file: string) => void;
}

const TMP_PREFIX = ".tmp-";
const NAME = /^epoch-\d+$/;

function writeDurable(file: string, data: string | Uint8Array): void {
  const fd = fs.openSync(file, "w");
  try {
    fs.writeSync(fd, typeof data === "string" ? Buffer.from(data, "utf8") : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function syncPath(p: string): void {
  const fd = fs.openSync(p, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** fsyncs every file under `dir` and the directories themselves. */
function syncTree(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) syncTree(p);
    else syncPath(p);
  }
  syncPath(dir);
}

/** Replaces `file` with `data` atomically (temporary file, fsync, rename, fsync of the directory). */
function replaceFile(file: string, data: string): void {
  const tmp = `${file}${TMP_PREFIX}${process.pid}`;
  writeDurable(tmp, data);
  fs.renameSync(tmp, file);
  syncPath(path.dirname(file));
}

/** The name of the checkpoint after `epoch` epochs. */
export function checkpointName(epoch: number): string {
  return `epoch-${String(epoch).padStart(4, "0")}`;
}

/**
 * Writes `state` as checkpoint `name` under `dir` atomically and points `latest.json` at it;
 * returns the checkpoint's path.
 *
 * ```ts
 * const p = await writeCheckpoint("runs/ckpt", checkpointName(3), state);
 * ```
 */
export async function writeCheckpoint(
  dir: string,
  name: string,
  state: CheckpointState,
  options: WriteCheckpointOptions = {}
): Promise<string> {
  if (!NAME.test(name))
    throw new CheckpointError(
      `a checkpoint name looks like epoch-0003, got ${JSON.stringify(name)}`
    );
  fs.mkdirSync(dir, { recursive: true });
  removeStale(dir);
  const tmp = fs.mkdtempSync(path.join(dir, `${TMP_PREFIX}${name}-`));
  const done = (file: string) => options.onFileWritten?.(file);
  const arrays = [...state.weights, ...state.optimizer.m, ...state.optimizer.v];
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const bytes = new Uint8Array(total * 4);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const a of arrays)
    for (let i = 0; i < a.length; i++, offset += 4) view.setFloat32(offset, a[i], true);
  writeDurable(path.join(tmp, "state.bin"), bytes);
  done("state.bin");
  if (options.saveModel) {
    const modelDir = path.join(tmp, "model");
    fs.mkdirSync(modelDir);
    await options.saveModel(modelDir);
    syncTree(modelDir);
    done("model");
  }
  const meta = {
    format: "pwmk-checkpoint",
    version: 1,
    trainer: state.trainer,
    config: state.config,
    history: state.history,
    optimizerStep: state.optimizer.step,
    layout: {
      weights: state.weights.map((w) => w.length),
      m: state.optimizer.m.map((w) => w.length),
      v: state.optimizer.v.map((w) => w.length)
    }
  };
  writeDurable(path.join(tmp, "trainer.json"), JSON.stringify(meta));
  done("trainer.json");
  syncPath(tmp);
  const final = path.join(dir, name);
  if (fs.existsSync(final)) {
    // A checkpoint of the same epoch from an earlier, interrupted run: the new one replaces it.
    const old = fs.mkdtempSync(path.join(dir, `${TMP_PREFIX}old-`));
    fs.renameSync(final, path.join(old, name));
  }
  fs.renameSync(tmp, final);
  syncPath(dir);
  done(name);
  const pointer = JSON.stringify({ name, epoch: state.trainer.epoch });
  if (options.best) replaceFile(path.join(dir, "best.json"), pointer);
  replaceFile(path.join(dir, "latest.json"), pointer);
  done("latest.json");
  prune(dir, options.keep ?? 2);
  removeStale(dir);
  return final;
}

function pointerName(dir: string, file: string): string | undefined {
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) return undefined;
  try {
    const { name } = JSON.parse(fs.readFileSync(p, "utf8")) as { name?: unknown };
    return typeof name === "string" && NAME.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

/** Removes checkpoints older than the `keep` most recent, sparing the best and the latest. */
function prune(dir: string, keep: number): void {
  const spare = new Set([pointerName(dir, "best.json"), pointerName(dir, "latest.json")]);
  const names = fs
    .readdirSync(dir)
    .filter((n) => NAME.test(n))
    .sort();
  for (const n of names.slice(0, Math.max(0, names.length - keep)))
    if (!spare.has(n)) fs.rmSync(path.join(dir, n), { recursive: true, force: true });
}

/** Removes temporary directories and files left by interrupted writers. */
function removeStale(dir: string): void {
  for (const n of fs.readdirSync(dir))
    if (n.startsWith(TMP_PREFIX) || n.includes(TMP_PREFIX))
      fs.rmSync(path.join(dir, n), { recursive: true, force: true });
}

/**
 * The path of the checkpoint `latest.json` (or `best.json` with `which: "best"`) in `dir` points
 * to, or undefined when there is none.
 *
 * ```ts
 * const p = latestCheckpoint("runs/ckpt");
 * if (p) await trainer.fit({ train, epochs: 10, resumeFrom: p });
 * ```
 */
export function latestCheckpoint(
  dir: string,
  which: "latest" | "best" = "latest"
): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const name = pointerName(dir, `${which}.json`);
  return name && fs.existsSync(path.join(dir, name, "trainer.json"))
    ? path.join(dir, name)
    : undefined;
}

/**
 * Reads a checkpoint directory written by `writeCheckpoint`.
 *
 * ```ts
 * const { trainer, weights } = readCheckpoint("runs/ckpt/epoch-0003");
 * ```
 */
export function readCheckpoint(checkpointPath: string): CheckpointState {
  const metaFile = path.join(checkpointPath, "trainer.json");
  if (!fs.existsSync(metaFile))
    throw new CheckpointError(`${checkpointPath} is not a checkpoint (no trainer.json)`);
  let meta: {
    format?: unknown;
    trainer: TrainerState;
    config: Record<string, unknown>;
    history: TrainingHistory;
    optimizerStep: number;
    layout: { weights: number[]; m: number[]; v: number[] };
  };
  try {
    meta = JSON.parse(fs.readFileSync(metaFile, "utf8")) as typeof meta;
  } catch (e) {
    throw new CheckpointError(`${metaFile} is not valid JSON: ${(e as Error).message}`);
  }
  if (meta.format !== "pwmk-checkpoint")
    throw new CheckpointError(`${metaFile} is not a pwmk checkpoint`);
  const bytes = fs.readFileSync(path.join(checkpointPath, "state.bin"));
  const { weights, m, v } = meta.layout;
  const total = [...weights, ...m, ...v].reduce((n, k) => n + k, 0);
  if (bytes.length !== total * 4)
    throw new CheckpointError(
      `${checkpointPath}/state.bin has ${bytes.length} bytes, trainer.json describes ${total * 4}`
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  const take = (sizes: number[]) =>
    sizes.map((k) => {
      const a = new Float32Array(k);
      for (let i = 0; i < k; i++, offset += 4) a[i] = view.getFloat32(offset, true);
      return a;
    });
  return {
    trainer: meta.trainer,
    history: meta.history,
    config: meta.config,
    weights: take(weights),
    optimizer: { step: meta.optimizerStep, m: take(m), v: take(v) }
  };
}
