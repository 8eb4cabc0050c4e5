/**
 * Side channels: typed messages beside the RL data, in both directions. Queue messages on a
 * channel; they travel with the next `reset()`/`step()`. Received messages are dispatched to the
 * channel with their id.
 *
 * ```ts
 * const engine = new EngineConfigurationChannel();
 * const params = new EnvironmentParametersChannel();
 * const env = await UnityEnvironment.create({ fileName, sideChannels: [engine, params] });
 * engine.setConfigurationParameters({ timeScale: 20 });
 * params.setFloatParameter("gridSize", 7);
 * await env.reset();
 * ```
 */
import { UnitySideChannelError } from "./errors";
import {
  decodeSideChannelFrames,
  encodeSideChannelFrames,
  guidBytes,
  IncomingMessage,
  OutgoingMessage,
  type SideChannelFrame
} from "./side-channel-messages";

/**
 * A side channel: an id and a handler for incoming messages; `queueMessageToSend` for outgoing.
 *
 * ```ts
 * class Echo extends SideChannel { onMessageReceived(m: IncomingMessage) { console.log(m.readString()); } }
 * ```
 */
export abstract class SideChannel {
  private queued: Buffer[] = [];
  constructor(
    /** The channel's UUID (stored lowercase); Unity's end of the channel registers the same. */
    readonly channelId: string
  ) {
    guidBytes(channelId); // validates the id now, not at first send
    this.channelId = channelId.toLowerCase();
  }
  /** Called with each message Unity sent on this channel. */
  abstract onMessageReceived(message: IncomingMessage): void;
  /** Queues a message for the next reset/step. */
  queueMessageToSend(message: OutgoingMessage): void {
    this.queued.push(message.buffer);
  }
  /** Takes the queued payloads (they are sent once). */
  takeQueued(): Buffer[] {
    const out = this.queued;
    this.queued = [];
    return out;
  }
}

/**
 * Engine settings of the player: resolution, quality, time scale, frame rates.
 *
 * ```ts
 * new EngineConfigurationChannel().setConfigurationParameters({ timeScale: 20, width: 84, height: 84 });
 * ```
 */
export class EngineConfigurationChannel extends SideChannel {
  /** The UUID of ML-Agents' engine configuration channel. */
  static readonly ID = "e951342c-4f7e-11ea-b238-784f4387d1f7";
  constructor() {
    super(EngineConfigurationChannel.ID);
  }
  onMessageReceived(): void {
    throw new UnitySideChannelError(
      "the EngineConfigurationChannel only sends; Unity sent it a message"
    );
  }
  /** Queues one message per given setting. Width and height go together. */
  setConfigurationParameters(config: {
    width?: number;
    height?: number;
    qualityLevel?: number;
    timeScale?: number;
    targetFrameRate?: number;
    captureFrameRate?: number;
  }): void {
    const int = (what: string, v: number): number => {
      if (!Number.isInteger(v))
        throw new UnitySideChannelError(`${what} must be an integer, got ${v}`);
      return v;
    };
    const send = (type: number, write: (m: OutgoingMessage) => void): void => {
      const m = new OutgoingMessage();
      m.writeInt32(type);
      write(m);
      this.queueMessageToSend(m);
    };
    if ((config.width === undefined) !== (config.height === undefined))
      throw new UnitySideChannelError("screen width and height must be set together");
    if (config.width !== undefined && config.height !== undefined) {
      const [w, h] = [int("width", config.width), int("height", config.height)];
      send(0, (m) => (m.writeInt32(w), m.writeInt32(h)));
    }
    if (config.qualityLevel !== undefined) {
      const q = int("qualityLevel", config.qualityLevel);
      send(1, (m) => m.writeInt32(q));
    }
    if (config.timeScale !== undefined) {
      const t = config.timeScale;
      if (!Number.isFinite(t) || t <= 0)
        throw new UnitySideChannelError(`timeScale must be > 0, got ${t}`);
      send(2, (m) => m.writeFloat32(t));
    }
    if (config.targetFrameRate !== undefined) {
      const r = int("targetFrameRate", config.targetFrameRate);
      send(3, (m) => m.writeInt32(r));
    }
    if (config.captureFrameRate !== undefined) {
      const r = int("captureFrameRate", config.captureFrameRate);
      send(4, (m) => m.writeInt32(r));
    }
  }
}

/**
 * Environment parameters read by the scene (`Academy.Instance.EnvironmentParameters`): plain
 * floats or samplers drawn by Unity at each reset.
 *
 * ```ts
 * const params = new EnvironmentParametersChannel();
 * params.setFloatParameter("gridSize", 7);
 * params.setUniformSamplerParameters("speed", 1, 3, 42);
 * ```
 */
export class EnvironmentParametersChannel extends SideChannel {
  /** The UUID of ML-Agents' environment parameters channel. */
  static readonly ID = "534c891e-810f-11ea-a9d0-822485860400";
  constructor() {
    super(EnvironmentParametersChannel.ID);
  }
  onMessageReceived(): void {
    throw new UnitySideChannelError(
      "the EnvironmentParametersChannel only sends; Unity sent it a message"
    );
  }
  private sampler(
    key: string,
    seed: number,
    type: number,
    write: (m: OutgoingMessage) => void
  ): void {
    if (!Number.isInteger(seed))
      throw new UnitySideChannelError(`sampler seed must be an integer, got ${seed}`);
    const m = new OutgoingMessage();
    m.writeString(key);
    m.writeInt32(1);
    m.writeInt32(seed);
    m.writeInt32(type);
    write(m);
    this.queueMessageToSend(m);
  }
  /**
   * Sets parameter `key` to `value` (sent with the next reset or step; float32 precision).
   * Throws UnitySideChannelError for a value that is not finite.
   */
  setFloatParameter(key: string, value: number): void {
    if (!Number.isFinite(value))
      throw new UnitySideChannelError(`parameter ${key} must be finite, got ${value}`);
    const m = new OutgoingMessage();
    m.writeString(key);
    m.writeInt32(0);
    m.writeFloat32(value);
    this.queueMessageToSend(m);
  }
  /**
   * Makes `key` a sampler Unity draws uniformly from `[min, max]` at each reset, seeded with the
   * integer `seed`. Throws UnitySideChannelError unless min <= max and the seed is an integer.
   */
  setUniformSamplerParameters(key: string, min: number, max: number, seed: number): void {
    if (!(min <= max)) throw new UnitySideChannelError(`uniform sampler ${key} needs min <= max`);
    this.sampler(key, seed, 0, (m) => (m.writeFloat32(min), m.writeFloat32(max)));
  }
  /**
   * Makes `key` a sampler Unity draws from a normal distribution at each reset, seeded with the
   * integer `seed`. Throws UnitySideChannelError unless stddev >= 0 and the seed is an integer.
   */
  setGaussianSamplerParameters(key: string, mean: number, stddev: number, seed: number): void {
    if (!(stddev >= 0))
      throw new UnitySideChannelError(`gaussian sampler ${key} needs stddev >= 0`);
    this.sampler(key, seed, 1, (m) => (m.writeFloat32(mean), m.writeFloat32(stddev)));
  }
  /**
   * Makes `key` a sampler Unity draws uniformly from the union of `intervals` (each `[min, max]`)
   * at each reset, seeded with the integer `seed`. Throws UnitySideChannelError for no interval,
   * an interval with min > max, or a non-integer seed.
   */
  setMultirangeUniformSamplerParameters(
    key: string,
    intervals: ReadonlyArray<[number, number]>,
    seed: number
  ): void {
    if (intervals.length === 0 || intervals.some(([a, b]) => !(a <= b)))
      throw new UnitySideChannelError(
        `multirange sampler ${key} needs intervals [min, max] with min <= max`
      );
    this.sampler(key, seed, 2, (m) => m.writeFloat32List(intervals.flat()));
  }
}

/**
 * How Unity asks a statistic to be aggregated.
 *
 * ```ts
 * if (agg === StatsAggregationMethod.MOST_RECENT) ...
 * ```
 */
export enum StatsAggregationMethod {
  /** The mean of the values recorded in a summary period. */
  AVERAGE = 0,
  /** Only the last value recorded counts. */
  MOST_RECENT = 1,
  /** The sum of the values recorded in a summary period. */
  SUM = 2,
  /** The values are kept as a distribution (ML-Agents writes a histogram). */
  HISTOGRAM = 3
}

/**
 * Statistics the scene records (`StatsRecorder.Add`): collected until read.
 *
 * ```ts
 * const stats = new StatsSideChannel();
 * // ... after some steps
 * stats.getAndResetStats(); // { "GridWorld/EpisodeLength": [[12, 1]] }
 * ```
 */
export class StatsSideChannel extends SideChannel {
  /** The UUID of ML-Agents' stats channel. */
  static readonly ID = "a1d8f7b7-cec8-50f9-b78b-d3e165a78520";
  private stats: Record<string, Array<[number, StatsAggregationMethod]>> = {};
  constructor() {
    super(StatsSideChannel.ID);
  }
  onMessageReceived(message: IncomingMessage): void {
    const key = message.readString();
    const value = message.readFloat32();
    const aggregation = message.readInt32() as StatsAggregationMethod;
    (this.stats[key] ??= []).push([value, aggregation]);
  }
  /** The statistics received since the last call, by key. */
  getAndResetStats(): Record<string, Array<[number, StatsAggregationMethod]>> {
    const out = this.stats;
    this.stats = {};
    return out;
  }
}

/**
 * A channel of raw bytes under any id: what you send and what you receive, uninterpreted.
 *
 * ```ts
 * const raw = new RawBytesChannel("9f3e2b10-0000-4000-8000-000000000001");
 * raw.sendRawData(Buffer.from("hello"));
 * raw.receivedMessages(); // Buffer[]
 * ```
 */
export class RawBytesChannel extends SideChannel {
  private received: Buffer[] = [];
  onMessageReceived(message: IncomingMessage): void {
    this.received.push(message.getRawBytes());
  }
  /** Queues a copy of `data` as one message, sent with the next reset or step. */
  sendRawData(data: Uint8Array): void {
    const m = new OutgoingMessage();
    m.setRawBytes(data);
    this.queueMessageToSend(m);
  }
  /** The payloads received since the last call. */
  receivedMessages(): Buffer[] {
    const out = this.received;
    this.received = [];
    return out;
  }
}

/**
 * The registered channels of one environment: gathers queued messages into the next input's
 * bytes and dispatches a received output's bytes.
 *
 * ```ts
 * const manager = new SideChannelManager([engine, stats]);
 * const bytes = manager.collectOutgoing();
 * ```
 */
export class SideChannelManager {
  private readonly channels = new Map<string, SideChannel>();
  /** Ids of frames that arrived for no registered channel. */
  readonly unknownIds = new Set<string>();
  constructor(channels: readonly SideChannel[] = []) {
    for (const c of channels) {
      if (!(c instanceof SideChannel))
        throw new UnitySideChannelError(
          "sideChannels must be SideChannel objects (EngineConfigurationChannel, ...)"
        );
      if (this.channels.has(c.channelId))
        throw new UnitySideChannelError(`two side channels share the id ${c.channelId}`);
      this.channels.set(c.channelId, c);
    }
  }
  collectOutgoing(): Buffer {
    const frames: SideChannelFrame[] = [];
    for (const c of this.channels.values())
      for (const payload of c.takeQueued()) frames.push({ channelId: c.channelId, payload });
    return encodeSideChannelFrames(frames);
  }
  dispatch(bytes: Uint8Array | undefined): void {
    if (!bytes || bytes.length === 0) return;
    for (const { channelId, payload } of decodeSideChannelFrames(bytes)) {
      const channel = this.channels.get(channelId);
      if (channel) channel.onMessageReceived(new IncomingMessage(payload));
      else this.unknownIds.add(channelId);
    }
  }
}
