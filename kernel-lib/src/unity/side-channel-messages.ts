/**
 * Side-channel messages and their framing inside the `side_channel` bytes of every input and
 * output: `[16-byte channel id (.NET Guid byte order)][int32 LE length][payload]`, repeated.
 * Payload primitives are little-endian; strings are an int32 byte length plus ASCII bytes.
 *
 * ```ts
 * const msg = new OutgoingMessage();
 * msg.writeString("gridSize"); msg.writeFloat32(5);
 * ```
 */
import { UnitySideChannelError } from "./errors";

/**
 * A payload being built, field by field.
 *
 * ```ts
 * const m = new OutgoingMessage(); m.writeInt32(2); m.writeFloat32(20); m.buffer;
 * ```
 */
export class OutgoingMessage {
  private parts: Buffer[] = [];

  /** Appends one byte: 1 for true, 0 for false. */
  writeBool(value: boolean): void {
    this.parts.push(Buffer.from([value ? 1 : 0]));
  }
  /** Appends a little-endian 32-bit signed integer; outside the int32 range throws RangeError. */
  writeInt32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(value);
    this.parts.push(b);
  }
  /** Appends a little-endian 32-bit float (rounded to float32 precision). */
  writeFloat32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(value);
    this.parts.push(b);
  }
  /** Appends the list's length (int32), then each value as a float32. */
  writeFloat32List(values: readonly number[]): void {
    this.writeInt32(values.length);
    for (const v of values) this.writeFloat32(v);
  }
  /** Writes an ASCII string; Unity reads ASCII, so other characters are refused. */
  writeString(value: string): void {
    if (!/^[\x00-\x7f]*$/.test(value))
      throw new UnitySideChannelError(
        `side-channel strings must be ASCII, got ${JSON.stringify(value)}`
      );
    const bytes = Buffer.from(value, "ascii");
    this.writeInt32(bytes.length);
    this.parts.push(bytes);
  }
  /** Replaces everything written so far with a copy of `bytes` (for the raw-bytes channel). */
  setRawBytes(bytes: Uint8Array): void {
    this.parts = [Buffer.from(bytes)];
  }
  /** The payload so far. */
  get buffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/**
 * A received payload, read field by field; reading past the end returns the default value
 * (as Unity's and Python's readers do).
 *
 * ```ts
 * const key = msg.readString(); const value = msg.readFloat32();
 * ```
 */
export class IncomingMessage {
  private offset = 0;
  constructor(
    /** The message's bytes, as Unity sent them. */
    readonly data: Buffer
  ) {}

  private has(n: number): boolean {
    return this.offset + n <= this.data.length;
  }
  /** The next byte as a boolean (non-zero is true), or `defaultValue` at the end. */
  readBool(defaultValue = false): boolean {
    if (!this.has(1)) return defaultValue;
    return this.data[this.offset++] !== 0;
  }
  /** The next little-endian int32, or `defaultValue` when fewer than 4 bytes are left. */
  readInt32(defaultValue = 0): number {
    if (!this.has(4)) return defaultValue;
    const v = this.data.readInt32LE(this.offset);
    this.offset += 4;
    return v;
  }
  /** The next little-endian float32, or `defaultValue` when fewer than 4 bytes are left. */
  readFloat32(defaultValue = 0): number {
    if (!this.has(4)) return defaultValue;
    const v = this.data.readFloatLE(this.offset);
    this.offset += 4;
    return v;
  }
  /**
   * The next list (an int32 count, then that many float32s), or `defaultValue` at the end.
   * Throws UnitySideChannelError when the count is negative or runs past the message.
   */
  readFloat32List(defaultValue: number[] = []): number[] {
    if (!this.has(4)) return defaultValue;
    const n = this.readInt32();
    if (n < 0 || !this.has(4 * n))
      throw new UnitySideChannelError(
        `a float list of ${n} items runs past the end of its message`
      );
    return Array.from({ length: n }, () => this.readFloat32());
  }
  /**
   * The next ASCII string (an int32 byte count, then the bytes), or `defaultValue` at the end.
   * Throws UnitySideChannelError when the count is negative or runs past the message.
   */
  readString(defaultValue = ""): string {
    if (!this.has(4)) return defaultValue;
    const n = this.readInt32();
    if (n < 0 || !this.has(n))
      throw new UnitySideChannelError(`a string of ${n} bytes runs past the end of its message`);
    const s = this.data.toString("ascii", this.offset, this.offset + n);
    this.offset += n;
    return s;
  }
  /** The whole payload. */
  getRawBytes(): Buffer {
    return this.data;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The 16 wire bytes of a channel id: .NET `Guid.ToByteArray()` order (first three groups
 * little-endian).
 *
 * ```ts
 * guidBytes("e951342c-4f7e-11ea-b238-784f4387d1f7").toString("hex"); // "2c3451e97e4fea11b238784f4387d1f7"
 * ```
 */
export function guidBytes(uuid: string): Buffer {
  const id = uuid.toLowerCase();
  if (!UUID.test(id))
    throw new UnitySideChannelError(`not a channel UUID: ${JSON.stringify(uuid)}`);
  const hex = id.replace(/-/g, "");
  const b = Buffer.from(hex, "hex");
  b.subarray(0, 4).reverse();
  b.subarray(4, 6).reverse();
  b.subarray(6, 8).reverse();
  return b;
}

/**
 * The UUID string of 16 wire bytes (inverse of `guidBytes`).
 *
 * ```ts
 * guidString(guidBytes(id)) === id; // true
 * ```
 */
export function guidString(bytes: Uint8Array): string {
  const b = Buffer.from(bytes);
  b.subarray(0, 4).reverse();
  b.subarray(4, 6).reverse();
  b.subarray(6, 8).reverse();
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * One side-channel frame: the channel's UUID and its payload.
 *
 * ```ts
 * const frames: SideChannelFrame[] = [{ channelId: id, payload: msg.buffer }];
 * ```
 */
export interface SideChannelFrame {
  channelId: string;
  payload: Buffer;
}

/**
 * Concatenates frames into the bytes of a `side_channel` field.
 *
 * ```ts
 * const bytes = encodeSideChannelFrames([{ channelId, payload }]);
 * ```
 */
export function encodeSideChannelFrames(frames: readonly SideChannelFrame[]): Buffer {
  return Buffer.concat(
    frames.flatMap(({ channelId, payload }) => {
      const length = Buffer.alloc(4);
      length.writeInt32LE(payload.length);
      return [guidBytes(channelId), length, payload];
    })
  );
}

/**
 * Splits the bytes of a `side_channel` field into frames; a short or garbled frame throws.
 *
 * ```ts
 * for (const { channelId, payload } of decodeSideChannelFrames(bytes)) console.log(channelId);
 * ```
 */
export function decodeSideChannelFrames(bytes: Uint8Array): SideChannelFrame[] {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frames: SideChannelFrame[] = [];
  let at = 0;
  while (at < data.length) {
    if (at + 20 > data.length)
      throw new UnitySideChannelError(
        `a side-channel frame header is cut short (${data.length - at} bytes left, 20 needed)`
      );
    const channelId = guidString(data.subarray(at, at + 16));
    const length = data.readInt32LE(at + 16);
    at += 20;
    if (length < 0 || at + length > data.length)
      throw new UnitySideChannelError(
        `the side-channel frame for ${channelId} says ${length} bytes but ${data.length - at} remain`
      );
    frames.push({ channelId, payload: Buffer.from(data.subarray(at, at + length)) });
    at += length;
  }
  return frames;
}
