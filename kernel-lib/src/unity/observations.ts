/**
 * Decoding one `ObservationProto` into channels-first float32 data: plain floats, or one or more
 * concatenated PNG files (3-channel cameras always come PNG-compressed) with an optional channel
 * mapping for stacked frames.
 *
 * ```ts
 * const data = decodeObservation(info.observations[0]); // Float32Array of C*H*W values in [0, 1]
 * ```
 */
import { PNG } from "pngjs";
import { UnityObservationError } from "./errors";
import type { ObservationMessage } from "./protocol";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS_OF_COLOR_TYPE: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

interface Image {
  width: number;
  height: number;
  channels: number;
  /** Channels-first values in [0, 1]. */
  planes: Float32Array;
}

/** Splits concatenated PNG files by walking their chunks up to each IEND. */
function splitPngs(bytes: Buffer): Buffer[] {
  const files: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (!bytes.subarray(at, at + 8).equals(SIGNATURE))
      throw new UnityObservationError(`compressed observation: no PNG signature at byte ${at}`);
    let p = at + 8;
    for (;;) {
      if (p + 12 > bytes.length)
        throw new UnityObservationError("compressed observation: a PNG file is cut short");
      const length = bytes.readUInt32BE(p);
      const type = bytes.toString("latin1", p + 4, p + 8);
      p += 12 + length;
      if (type === "IEND") break;
    }
    files.push(bytes.subarray(at, p));
    at = p;
  }
  return files;
}

function decodePng(file: Buffer): Image {
  const channels = CHANNELS_OF_COLOR_TYPE[file[25]] ?? 3; // IHDR colour type; palette -> RGB
  let png: PNG;
  try {
    png = PNG.sync.read(file);
  } catch (e) {
    throw new UnityObservationError(`compressed observation: bad PNG (${(e as Error).message})`);
  }
  const { width, height, data } = png; // pngjs gives RGBA, 8 bits
  const plane = width * height;
  const planes = new Float32Array(channels * plane);
  const source =
    channels === 1 ? [0] : channels === 2 ? [0, 3] : channels === 3 ? [0, 1, 2] : [0, 1, 2, 3];
  for (let c = 0; c < channels; c++) {
    const from = source[c];
    for (let i = 0; i < plane; i++) planes[c * plane + i] = data[i * 4 + from] / 255;
  }
  return { width, height, channels, planes };
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function decodeCompressed(obs: ObservationMessage, bytes: Buffer): Float32Array {
  const shape = obs.shape;
  if (shape.length !== 3)
    throw new UnityObservationError(
      `a PNG observation needs a [C, H, W] shape, got [${shape.join(", ")}]`
    );
  const [c, h, w] = shape;
  const images = splitPngs(bytes).map(decodePng);
  for (const img of images)
    if (img.height !== h || img.width !== w)
      throw new UnityObservationError(
        `observation ${obs.name ?? ""}: PNG is ${img.height}x${img.width}, shape says ${h}x${w}`
      );
  const plane = h * w;
  const out = new Float32Array(c * plane);
  const mapping = obs.compressed_channel_mapping ?? [];
  if (mapping.length > 0) {
    const all: Float32Array[] = images.flatMap((img) =>
      Array.from({ length: img.channels }, (_, k) =>
        img.planes.subarray(k * plane, (k + 1) * plane)
      )
    );
    if (all.length !== mapping.length)
      throw new UnityObservationError(
        `observation ${obs.name ?? ""}: channel mapping has ${mapping.length} entries for ${all.length} decoded channels`
      );
    const counts = new Array<number>(c).fill(0);
    mapping.forEach((target, k) => {
      if (target < 0) return;
      if (target >= c)
        throw new UnityObservationError(`channel mapping names channel ${target} of ${c}`);
      counts[target]++;
      const dst = out.subarray(target * plane, (target + 1) * plane);
      for (let i = 0; i < plane; i++) dst[i] += all[k][i];
    });
    counts.forEach((n, ch) => {
      if (n > 1) for (let i = ch * plane; i < (ch + 1) * plane; i++) out[i] /= n;
    });
    return out;
  }
  if (c === 1) {
    const img = images[0];
    const k = Math.min(3, img.channels);
    for (let i = 0; i < plane; i++) {
      let s = 0;
      for (let ch = 0; ch < k; ch++) s += img.planes[ch * plane + i];
      out[i] = s / k;
    }
    return out;
  }
  const total = images.reduce((n, img) => n + img.channels, 0);
  if (total < c)
    throw new UnityObservationError(
      `observation ${obs.name ?? ""}: ${total} PNG channels for a shape of ${c}`
    );
  let at = 0;
  for (const img of images) {
    const take = Math.min(img.channels, c - at);
    out.set(img.planes.subarray(0, take * plane), at * plane);
    at += take;
    if (at === c) break;
  }
  return out;
}

/**
 * One agent's observation as channels-first float32 values (length = product of its shape).
 *
 * ```ts
 * decodeObservation({ shape: [2], compression_type: "NONE", float_data: { data: [0, 1] } });
 * ```
 */
export function decodeObservation(obs: ObservationMessage): Float32Array {
  const size = product(obs.shape);
  const compressed = obs.compression_type === "PNG" || obs.compression_type === 1;
  let out: Float32Array;
  if (compressed) {
    const bytes = obs.compressed_data;
    if (!bytes || bytes.length === 0)
      throw new UnityObservationError(
        `observation ${obs.name ?? ""} is PNG-typed but has no bytes`
      );
    out = decodeCompressed(obs, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } else {
    const data = obs.float_data?.data ?? [];
    if (data.length !== size)
      throw new UnityObservationError(
        `observation ${obs.name ?? ""} has ${data.length} floats for shape [${obs.shape.join(", ")}]`
      );
    out = Float32Array.from(data);
  }
  for (let i = 0; i < out.length; i++)
    if (!Number.isFinite(out[i]))
      throw new UnityObservationError(`observation ${obs.name ?? ""} holds NaN or Infinity`);
  return out;
}
