/**
 * TrajectoryDataset: episodes in memory, loaded from or saved to either on-disk form, split into
 * train/val/test by episode, and replayed through a belief tracker.
 *
 * ```ts
 * const ds = TrajectoryDataset.load("runs/hs.jsonl");
 * const { train, val, test } = ds.split({ train: 0.8, val: 0.1, test: 0.1, seed: 0 });
 * const beliefs = ds.replayBeliefs(0); // ground truth per step, recomputed from the events
 * ```
 */
import type { BeliefGroundTruth } from "../epistemic/events";
import { defaultTrackerFactory, TrackerFactory } from "../envs/tracking";
import { Rng } from "../random/rng";
import type { PerspectiveEnv } from "../envs/env";
import { assertSameHeader, DatasetFormat, DatasetWriter, readDatasetFile } from "./formats";
import {
  compactBeliefs,
  datasetHeader,
  DatasetError,
  DatasetHeader,
  EpisodeAssembler,
  Episode,
  TrajectoryRecord
} from "./records";

/**
 * Options of `TrajectoryDataset.load`.
 *
 * ```ts
 * TrajectoryDataset.load("out.jsonl", { includeIncomplete: true });
 * ```
 */
export interface LoadOptions {
  /** Keep episodes cut short by an interrupted writer (default false: they are reported and left out). */
  includeIncomplete?: boolean;
  /** Refuse a file that was not recorded from an env like this one (name, config, agents, spaces). */
  expectEnv?: PerspectiveEnv;
}

/**
 * Fractions of a split; they must be non-negative and sum to 1.
 *
 * ```ts
 * ds.split({ train: 0.8, val: 0.1, test: 0.1, seed: 0 });
 * ```
 */
export interface SplitOptions {
  /** Fraction of the episodes for training (the three fractions are >= 0 and sum to 1). */
  train: number;
  /** Fraction for validation (rounded to whole episodes, like the others). */
  val: number;
  /** Fraction for testing: the episodes left after train and val. */
  test: number;
  /** Seed of the episode shuffle (default 0). */
  seed?: number;
}

/**
 * Episodes with their header, loaded from or saved to a dataset file.
 *
 * ```ts
 * const ds = TrajectoryDataset.load("out.pwmkb");
 * ds.episodes[0].rewards[3]; // rewards of step 4
 * ```
 */
export class TrajectoryDataset {
  constructor(
    /** What the file says about its collection: the env and its config, agents, spaces, belief settings. */
    readonly header: DatasetHeader,
    /** The complete episodes, in episode order. */
    readonly episodes: Episode[],
    /** What was reported while reading (a skipped partial record, incomplete episodes). */
    readonly warnings: string[] = []
  ) {}

  /** Reads a dataset file of either form (detected from its contents). */
  static load(path: string, options: LoadOptions = {}): TrajectoryDataset {
    let header: DatasetHeader | undefined;
    const assembler = new EpisodeAssembler();
    const warnings: string[] = [];
    for (const item of readDatasetFile(path)) {
      if (item.kind === "header") header = item.header;
      else if (item.kind === "record")
        assembler.add(item.record, `${path} (record at byte ${item.offset})`);
      else warnings.push(...item.warnings);
    }
    if (options.expectEnv) {
      assertSameHeader(header!, datasetHeader(options.expectEnv, header!.beliefs), path);
    }
    let episodes = assembler.episodes;
    const incomplete = episodes.filter((e) => !e.complete);
    if (incomplete.length > 0) {
      warnings.push(
        `${path}: episode(s) ${incomplete.map((e) => e.index).join(", ")} have no end record (collection was interrupted)` +
          (options.includeIncomplete
            ? "; kept, marked complete: false"
            : "; left out (pass includeIncomplete: true to keep them)")
      );
      if (!options.includeIncomplete) episodes = episodes.filter((e) => e.complete);
    }
    return new TrajectoryDataset(header!, episodes, warnings);
  }

  /** The number of steps (transitions) over all episodes. */
  get numSteps(): number {
    return this.episodes.reduce((n, e) => n + e.actions.length, 0);
  }

  /** Writes the dataset to `path` (form from `format` or the file name). */
  save(path: string, options: { format?: DatasetFormat; overwrite?: boolean } = {}): void {
    const writer = DatasetWriter.open(path, this.header, options);
    try {
      for (const ep of this.episodes) for (const record of episodeRecords(ep)) writer.write(record);
    } finally {
      writer.close();
    }
  }

  /**
   * Splits by episode (no episode is shared between parts) after a seeded shuffle. Part sizes are
   * rounded so that every episode lands in exactly one part.
   */
  split(options: SplitOptions): {
    train: TrajectoryDataset;
    val: TrajectoryDataset;
    test: TrajectoryDataset;
  } {
    const { train, val, test } = options;
    if ([train, val, test].some((f) => !(f >= 0)) || Math.abs(train + val + test - 1) > 1e-9) {
      throw new DatasetError(
        `split fractions must be non-negative and sum to 1, got ${train} + ${val} + ${test}`
      );
    }
    const order = new Rng(options.seed ?? 0).shuffle(this.episodes.map((_, i) => i));
    const n = order.length;
    const nTrain = Math.round(n * train);
    const nVal = Math.min(n - nTrain, Math.round(n * val));
    const part = (idx: number[]): TrajectoryDataset =>
      new TrajectoryDataset(
        this.header,
        idx.sort((a, b) => a - b).map((i) => this.episodes[i])
      );
    return {
      train: part(order.slice(0, nTrain)),
      val: part(order.slice(nTrain, nTrain + nVal)),
      test: part(order.slice(nTrain + nVal))
    };
  }

  /**
   * Recomputes belief ground truth for every step of episode `i` by replaying its stored events
   * through a fresh tracker, compacted like the stored beliefs so both can be compared.
   */
  replayBeliefs(i: number, factory: TrackerFactory = defaultTrackerFactory): BeliefGroundTruth[] {
    const ep = this.episodes[i];
    if (!ep) throw new DatasetError(`no episode ${i}; the dataset has ${this.episodes.length}`);
    if (!ep.trackerInit)
      throw new DatasetError(
        `episode ${ep.index} was recorded without beliefs, so it cannot be replayed`
      );
    const tracker = factory(ep.trackerInit);
    const { depth, valueCap } = this.header.beliefs;
    return ep.events.map((events) => {
      for (const event of events) tracker.apply(event);
      return compactBeliefs(tracker.groundTruth(depth), valueCap);
    });
  }
}

/** The records that describe one episode, in order. */
export function* episodeRecords(ep: Episode): Generator<TrajectoryRecord> {
  yield {
    type: "reset",
    episode: ep.index,
    seed: ep.seed,
    observations: ep.observations[0],
    events: ep.events[0],
    ...(ep.trackerInit ? { trackerInit: ep.trackerInit } : {}),
    ...(ep.beliefs ? { beliefs: ep.beliefs[0] } : {})
  };
  for (let t = 1; t <= ep.actions.length; t++) {
    yield {
      type: "step",
      episode: ep.index,
      t,
      actions: ep.actions[t - 1],
      observations: ep.observations[t],
      rewards: ep.rewards[t - 1],
      terminations: ep.terminations[t - 1],
      truncations: ep.truncations[t - 1],
      events: ep.events[t],
      ...(ep.beliefs ? { beliefs: ep.beliefs[t] } : {})
    };
  }
  if (ep.complete)
    yield { type: "end", episode: ep.index, length: ep.actions.length, returns: ep.returns };
}
