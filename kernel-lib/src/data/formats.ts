/**
 * The two on-disk forms of a trajectory dataset, both append-only streams of complete records:
 * - JSON Lines (`.jsonl`): the header on the first line, one record per line; typed arrays are
 *   written as `{"$u8": [...]}`, `{"$i32": [...]}` or `{"$f32": [...]}`.
 * - binary (`.pwmkb`): the magic bytes `PWMKTRJ1`, then frames of [u32 length][MessagePack
 *   payload][u32 CRC-32 of the payload], little-endian; the first frame is the header. Typed
 *   arrays are stored as raw bytes.
 * Each record is written with one write call, so an interrupted writer leaves at most one partial
 * record at the end, which readers report and skip.
 *
 * ```ts
 * const w = DatasetWriter.open("runs/hs.jsonl", header);
 * w.write(record);
 * w.close();
 * for (const item of readDatasetFile("runs/hs.jsonl")) ...
 * ```
 */
import * as fs from "fs";
import { decode, encode, ExtensionCodec } from "@msgpack/msgpack";
import CRC32 from "crc-32";
import {
  DatasetError,
  DatasetHeader,
  TrajectoryRecord,
  validateHeader,
  validateRecord
} from "./records";

/**
 * The on-disk forms.
 *
 * ```ts
 * const format: DatasetFormat = formatOfPath("runs/a.pwmkb"); // "binary"
 * ```
 */
export type DatasetFormat = "jsonl" | "binary";

const MAGIC = Buffer.from("PWMKTRJ1", "latin1");
const CHUNK = 1 << 20;

/**
 * The form implied by a file name: `.pwmkb` or `.bin` is binary, anything else JSON Lines.
 *
 * ```ts
 * formatOfPath("a.jsonl"); // "jsonl"
 * ```
 */
export function formatOfPath(path: string): DatasetFormat {
  return /\.(pwmkb|bin)$/i.test(path) ? "binary" : "jsonl";
}

// ---- encoding ----------------------------------------------------------------------------

const extensions = new ExtensionCodec();
extensions.register({
  type: 1,
  encode: (v: unknown) =>
    v instanceof Int32Array ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : null,
  decode: (d: Uint8Array) => new Int32Array(copyBytes(d).buffer)
});
extensions.register({
  type: 2,
  encode: (v: unknown) =>
    v instanceof Float32Array ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : null,
  decode: (d: Uint8Array) => new Float32Array(copyBytes(d).buffer)
});

/** A fresh, aligned copy (a Buffer's slice() would share and misalign memory). */
function copyBytes(d: Uint8Array): Uint8Array {
  const out = new Uint8Array(d.byteLength);
  out.set(d);
  return out;
}

function jsonReplacer(_key: string, v: unknown): unknown {
  if (v instanceof Uint8Array) return { $u8: Array.from(v) };
  if (v instanceof Int32Array) return { $i32: Array.from(v) };
  if (v instanceof Float32Array) return { $f32: Array.from(v) };
  return v;
}

function jsonReviver(_key: string, v: unknown): unknown {
  if (typeof v === "object" && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && Array.isArray(o[keys[0]])) {
      if (keys[0] === "$u8") return Uint8Array.from(o.$u8 as number[]);
      if (keys[0] === "$i32") return Int32Array.from(o.$i32 as number[]);
      if (keys[0] === "$f32") return Float32Array.from(o.$f32 as number[]);
    }
  }
  return v;
}

/**
 * One record (or the header) as the bytes appended to a file of the given form.
 *
 * ```ts
 * fs.appendFileSync(path, encodeEntry(record, "jsonl"));
 * ```
 */
export function encodeEntry(
  entry: DatasetHeader | TrajectoryRecord,
  format: DatasetFormat
): Buffer {
  if (format === "jsonl") return Buffer.from(JSON.stringify(entry, jsonReplacer) + "\n", "utf8");
  const payload = encode(entry, { extensionCodec: extensions, ignoreUndefined: true });
  const frame = Buffer.allocUnsafe(payload.length + 8);
  frame.writeUInt32LE(payload.length, 0);
  frame.set(payload, 4);
  frame.writeInt32LE(CRC32.buf(payload), payload.length + 4);
  return frame;
}

// ---- reading -----------------------------------------------------------------------------

/**
 * What reading a file yields: the header first, then records; `end` carries the tail report.
 *
 * ```ts
 * for (const item of readDatasetFile("a.jsonl")) if (item.kind === "end") console.log(item.warnings);
 * ```
 */
export type DatasetItem =
  | { kind: "header"; header: DatasetHeader }
  | { kind: "record"; record: TrajectoryRecord; offset: number }
  | { kind: "end"; validBytes: number; warnings: string[] };

/**
 * Streams a dataset file (either form, detected from its first bytes) in 1 MiB chunks. A partial
 * last record is reported in the final `end` item and skipped; anything else unreadable throws a
 * DatasetError naming the line or byte offset.
 */
export function* readDatasetFile(path: string): Generator<DatasetItem> {
  let fd: number;
  try {
    fd = fs.openSync(path, "r");
  } catch (err) {
    throw new DatasetError(`cannot open dataset ${path}: ${(err as Error).message}`);
  }
  try {
    const first = Buffer.alloc(MAGIC.length);
    let n: number;
    try {
      n = fs.readSync(fd, first, 0, first.length, 0);
    } catch (err) {
      throw new DatasetError(`cannot read dataset ${path}: ${(err as Error).message}`);
    }
    if (n === 0) throw new DatasetError(`${path} is empty (no header)`);
    if (n === MAGIC.length && first.equals(MAGIC)) yield* readBinary(fd, path);
    else yield* readJsonl(fd, path);
  } finally {
    fs.closeSync(fd);
  }
}

function* chunks(fd: number, start: number): Generator<Buffer> {
  let pos = start;
  for (;;) {
    const buf = Buffer.allocUnsafe(CHUNK);
    const n = fs.readSync(fd, buf, 0, CHUNK, pos);
    if (n === 0) return;
    pos += n;
    yield buf.subarray(0, n);
  }
}

function* readJsonl(fd: number, path: string): Generator<DatasetItem> {
  let pending: Buffer = Buffer.alloc(0);
  let offset = 0;
  let line = 0;
  let sawHeader = false;
  for (const chunk of chunks(fd, 0)) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let start = 0;
    for (let nl = pending.indexOf(10, start); nl >= 0; nl = pending.indexOf(10, start)) {
      line++;
      const text = pending.toString("utf8", start, nl);
      const where = `${path} line ${line}`;
      const recordOffset = offset;
      offset += nl + 1 - start;
      start = nl + 1;
      if (text.trim() === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(text, jsonReviver);
      } catch (err) {
        throw new DatasetError(`${where} is corrupt: ${(err as Error).message}`);
      }
      if (!sawHeader) {
        sawHeader = true;
        yield { kind: "header", header: validateHeader(value, where) };
      } else {
        yield { kind: "record", record: validateRecord(value, where), offset: recordOffset };
      }
    }
    pending = pending.subarray(start);
  }
  const warnings: string[] = [];
  if (pending.length > 0) {
    if (!sawHeader) throw new DatasetError(`${path}: the header line is incomplete`);
    warnings.push(
      `${path}: the last line (${pending.length} bytes, line ${line + 1}) is incomplete — skipped; the writer was probably interrupted`
    );
  }
  if (!sawHeader) throw new DatasetError(`${path} has no header`);
  yield { kind: "end", validBytes: offset, warnings };
}

function* readBinary(fd: number, path: string): Generator<DatasetItem> {
  let pending: Buffer = Buffer.alloc(0);
  let offset = MAGIC.length;
  let sawHeader = false;
  for (const chunk of chunks(fd, MAGIC.length)) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let start = 0;
    while (pending.length - start >= 4) {
      const len = pending.readUInt32LE(start);
      if (pending.length - start < len + 8) break;
      const payload = pending.subarray(start + 4, start + 4 + len);
      const where = `${path} at byte ${offset}`;
      if (pending.readInt32LE(start + 4 + len) !== CRC32.buf(payload)) {
        throw new DatasetError(`${where}: checksum mismatch, the file is corrupt`);
      }
      let value: unknown;
      try {
        // Decode from a private copy so that byte arrays in the record do not pin the read chunk.
        value = decode(copyBytes(payload), { extensionCodec: extensions });
      } catch (err) {
        throw new DatasetError(`${where}: undecodable frame: ${(err as Error).message}`);
      }
      const recordOffset = offset;
      offset += len + 8;
      start += len + 8;
      if (!sawHeader) {
        sawHeader = true;
        yield { kind: "header", header: validateHeader(value, where) };
      } else {
        yield { kind: "record", record: validateRecord(value, where), offset: recordOffset };
      }
    }
    pending = pending.subarray(start);
  }
  if (!sawHeader) throw new DatasetError(`${path}: the header frame is missing or incomplete`);
  if (pending.length > 0 && endsWithFrame(pending)) {
    // Complete frames follow: this frame's length is corrupt, not cut short by an interrupted
    // writer. Skipping it as a partial tail would drop (and an append would truncate) them all.
    throw new DatasetError(
      `${path} at byte ${offset}: corrupt frame length ${pending.readUInt32LE(0)} (complete frames follow it)`
    );
  }
  const warnings = pending.length
    ? [
        `${path}: the last frame (${pending.length} bytes at byte ${offset}) is incomplete — skipped; the writer was probably interrupted`
      ]
    : [];
  yield { kind: "end", validBytes: offset, warnings };
}

/**
 * Whether `tail` (which starts with a frame that runs past the end of the file) ends with a
 * complete, valid frame of its own; an interrupted writer's partial frame never does.
 */
function endsWithFrame(tail: Buffer): boolean {
  const end = tail.length;
  if (end < 12) return false;
  const crc = tail.readInt32LE(end - 4);
  for (let start = 8; start <= end - 4; start++) {
    if (tail.readUInt32LE(start - 4) !== end - 4 - start) continue;
    if (CRC32.buf(tail.subarray(start, end - 4)) === crc) return true;
  }
  return false;
}

// ---- writing -----------------------------------------------------------------------------

/**
 * Appends records to a dataset file, each with one synchronous write, so what was written stays
 * readable if the process stops. Opening an existing file for append checks that its header
 * matches and drops a partial last record.
 *
 * ```ts
 * const w = DatasetWriter.open("out.pwmkb", header, { append: true });
 * ```
 */
export class DatasetWriter {
  private fd: number | undefined;
  private constructor(
    readonly path: string,
    readonly format: DatasetFormat,
    fd: number
  ) {
    this.fd = fd;
  }

  /**
   * Creates `path`, or with `append` continues an existing file whose header matches `header`.
   * An existing non-empty file is only replaced with `overwrite: true`, so that no dataset is lost
   * by accident. The form comes from `format` or the file name.
   */
  static open(
    path: string,
    header: DatasetHeader,
    options: { format?: DatasetFormat; append?: boolean; overwrite?: boolean } = {}
  ): DatasetWriter {
    const format = options.format ?? formatOfPath(path);
    if (options.append && fs.existsSync(path) && fs.statSync(path).size > 0) {
      let existing: DatasetHeader | undefined;
      let validBytes = 0;
      for (const item of readDatasetFile(path)) {
        if (item.kind === "header") existing = item.header;
        else if (item.kind === "end") validBytes = item.validBytes;
      }
      assertSameHeader(existing!, header, path);
      const first = Buffer.alloc(MAGIC.length);
      const fdr = fs.openSync(path, "r");
      fs.readSync(fdr, first, 0, first.length, 0);
      fs.closeSync(fdr);
      const existingFormat: DatasetFormat = first.equals(MAGIC) ? "binary" : "jsonl";
      if (existingFormat !== format)
        throw new DatasetError(`${path} is ${existingFormat}, not ${format}`);
      fs.truncateSync(path, validBytes);
      return new DatasetWriter(path, format, fs.openSync(path, "a"));
    }
    if (
      !options.append &&
      !options.overwrite &&
      fs.existsSync(path) &&
      fs.statSync(path).size > 0
    ) {
      throw new DatasetError(
        `${path} already exists; pass append: true or resume: true to continue it, or overwrite: true to replace it`
      );
    }
    const fd = fs.openSync(path, "w");
    const writer = new DatasetWriter(path, format, fd);
    if (format === "binary") fs.writeSync(fd, MAGIC);
    writer.writeEntry(header);
    return writer;
  }

  /** Appends one complete record. */
  write(record: TrajectoryRecord): void {
    this.writeEntry(record);
  }

  private writeEntry(entry: DatasetHeader | TrajectoryRecord): void {
    if (this.fd === undefined) throw new DatasetError(`${this.path} is closed`);
    const bytes = encodeEntry(entry, this.format);
    let done = 0;
    while (done < bytes.length) done += fs.writeSync(this.fd, bytes, done, bytes.length - done);
  }

  close(): void {
    if (this.fd === undefined) return;
    fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * Throws a DatasetError naming the first header field that differs.
 *
 * ```ts
 * assertSameHeader(existing, wanted, "a.jsonl");
 * ```
 */
export function assertSameHeader(
  existing: DatasetHeader,
  wanted: DatasetHeader,
  path: string
): void {
  for (const key of [
    "env",
    "config",
    "agents",
    "observationSpaces",
    "actionSpaces",
    "beliefs"
  ] as const) {
    if (JSON.stringify(existing[key]) !== JSON.stringify(wanted[key])) {
      throw new DatasetError(
        `${path} does not match this collection: header field "${key}" is ${JSON.stringify(existing[key])}, expected ${JSON.stringify(wanted[key])}`
      );
    }
  }
}
