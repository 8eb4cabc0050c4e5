/**
 * The dataset adapter: recorded episodes (a `TrajectoryDataset` loaded from `.jsonl` or `.pwmkb`)
 * as `WorldModelBatch`es. Each episode is encoded once: per-agent observation vectors (see
 * features.ts), one action integer per agent, and, when the dataset saved beliefs, one belief label
 * per agent and target plus the true value of each target's fluent. Episodes are cut into windows
 * of `horizon` steps (the last one padded and masked), and batches draw windows in a seeded order.
 * Training, validation and test parts come from the dataset's own split by episode seed
 * (`splitBySeed`), so merging more shards never moves an episode between parts.
 *
 * ```ts
 * const { train, val, test } = WorldModelData.split(TrajectoryDataset.load("sa.jsonl"));
 * const model = new PerspectiveWorldModel({ ...train.modelConfig(), hiddenDim: 64, numLayers: 1, numHeads: 2, seed: 0 });
 * for (const batch of train.batches({ batchSize: 16, horizon: 8, seed: 0 })) console.log(batch.steps);
 * ```
 */
import type { AgentId } from "../epistemic/events";
import type { TrajectoryDataset } from "../data/dataset";
import type { DatasetHeader, Episode } from "../data/records";
import { splitBySeed } from "../data/shards";
import type { SplitOptions } from "../data/dataset";
import { beliefSpecOf } from "./spec";
import type { AgentHistory, BeliefSpec, WorldModelBatch, WorldModelConfig } from "../models/types";
import { Rng } from "../random/rng";
import {
  actionEncoding,
  ActionEncoding,
  observationEncoding,
  ObservationEncoding,
  TrainingDataError
} from "./features";
import { beliefLabels, trueStates, truthLabels } from "./labels";

/**
 * One episode encoded for the model. With L steps, N agents, D = obsDim, F targets:
 * `obs` [(L + 1), N, D] (index 0 is the reset), `actions` [L, N], `beliefs` [(L + 1), N, F],
 * `truth` [(L + 1), F].
 *
 * ```ts
 * const ep = data.episodes[0];
 * ep.obs.subarray(t * N * D, (t + 1) * N * D); // every agent's observation at step t
 * ```
 */
export interface EncodedEpisode {
  /** The episode's index and reset seed in the dataset. */
  index: number;
  /** The seed its reset used. */
  seed: number;
  /** L: the episode's steps. */
  length: number;
  /** Encoded observations, `[(L + 1), N, D]`. */
  obs: Float32Array;
  /** Encoded actions, `[L, N]`. */
  actions: Int32Array;
  /** Belief labels (class indices, -1 = none), `[(L + 1), N, F]`; absent without a belief spec. */
  beliefs?: Int32Array;
  /** The true value's class of each target's fluent (-1 unknown), `[(L + 1), F]`. */
  truth?: Int32Array;
}

/**
 * A run of at most `horizon` consecutive steps of one episode (index into `data.episodes`).
 *
 * ```ts
 * const w: EpisodeWindow = { episode: 0, start: 8, length: 8 };
 * ```
 */
export interface EpisodeWindow {
  /** Index into `data.episodes`. */
  episode: number;
  /** The window's first step in the episode. */
  start: number;
  /** Its steps (at most the horizon). */
  length: number;
}

/**
 * Options of `WorldModelData.fromDataset` and `WorldModelData.split`.
 *
 * ```ts
 * WorldModelData.fromDataset(ds, { beliefSpec: train.beliefSpec });
 * ```
 */
export interface AdapterOptions {
  /**
   * The belief targets (default: derived from the dataset's belief ground truth by
   * `beliefSpecOf`). Pass the training part's spec to encode other parts the same way.
   */
  beliefSpec?: BeliefSpec;
  /** Leave beliefs out even when the dataset saved them. */
  noBeliefs?: boolean;
}

/**
 * Options of `WorldModelData.batches`.
 *
 * ```ts
 * data.batches({ batchSize: 32, horizon: 16, seed: 0 });
 * ```
 */
export interface BatchOptions {
  /** Sequences per batch (B), a positive integer. */
  batchSize: number;
  /** Steps per sequence (T). */
  horizon: number;
  /** Shuffle the windows with this seed (or this generator, which advances); omitted: dataset order. */
  seed?: number;
  /** A generator to shuffle with instead of `seed` (it advances, so epochs differ). */
  rng?: Rng;
  /** Leave out the last, smaller batch (default false). */
  dropLast?: boolean;
}

function positiveInt(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new TrainingDataError(`${name} must be a positive integer, got ${String(value)}`);
}

/**
 * Encoded episodes of one dataset part, and the batches made from them (see the module comment).
 *
 * ```ts
 * const data = WorldModelData.fromDataset(ds);
 * data.numSteps; // transitions over all episodes
 * ```
 */
export class WorldModelData {
  private constructor(
    /** The header of the dataset the episodes came from. */
    readonly header: DatasetHeader,
    /** The agent axis of every batch. */
    readonly agents: AgentId[],
    /** How each agent's observation became a vector of `obsDim` numbers. */
    readonly obsEncoding: ObservationEncoding,
    /** How each agent's action became one integer below `actionDim`. */
    readonly actionEncoding: ActionEncoding,
    /** The belief targets of the labels (undefined: the data has no belief labels). */
    readonly beliefSpec: BeliefSpec | undefined,
    /** The encoded episodes. */
    readonly episodes: EncodedEpisode[]
  ) {}

  /** Encodes every episode of `dataset` (see the module comment). */
  static fromDataset(dataset: TrajectoryDataset, options: AdapterOptions = {}): WorldModelData {
    const header = dataset.header;
    const agents = options.beliefSpec?.agents ?? header.agents;
    for (const a of agents)
      if (!header.agents.includes(a))
        throw new TrainingDataError(
          `belief spec agent ${a} is not an agent of the dataset (${header.agents.join(", ")})`
        );
    const obsEnc = observationEncoding(
      Object.fromEntries(agents.map((a) => [a, header.observationSpaces[a]]))
    );
    const actEnc = actionEncoding(
      Object.fromEntries(agents.map((a) => [a, header.actionSpaces[a]]))
    );
    let spec: BeliefSpec | undefined;
    if (!options.noBeliefs) {
      if (options.beliefSpec) {
        if (!header.beliefs.saved)
          throw new TrainingDataError(
            `a belief spec was given but the dataset (${header.env}) was recorded without saveBeliefs`
          );
        spec = options.beliefSpec;
      } else if (header.beliefs.saved) {
        spec = beliefSpecOf(dataset);
      }
    }
    const episodes = dataset.episodes.map((ep) => encodeEpisode(ep, agents, obsEnc, actEnc, spec));
    return new WorldModelData(header, agents, obsEnc, actEnc, spec, episodes);
  }

  /**
   * Loads nothing itself: splits `dataset` by each episode's seed (`splitBySeed`, default 80/10/10)
   * and encodes the three parts with one belief spec, derived from the whole dataset unless given.
   */
  static split(
    dataset: TrajectoryDataset,
    fractions: SplitOptions = { train: 0.8, val: 0.1, test: 0.1 },
    options: AdapterOptions = {}
  ): { train: WorldModelData; val: WorldModelData; test: WorldModelData } {
    const parts = splitBySeed(dataset, fractions);
    const spec =
      options.noBeliefs || !dataset.header.beliefs.saved
        ? undefined
        : (options.beliefSpec ?? beliefSpecOf(dataset));
    const encode = (part: TrajectoryDataset) =>
      WorldModelData.fromDataset(part, { ...options, beliefSpec: spec });
    return { train: encode(parts.train), val: encode(parts.val), test: encode(parts.test) };
  }

  /** The agents of every batch (N), in the dataset's agent order. */
  get numAgents(): number {
    return this.agents.length;
  }
  /** Length of one agent's encoded observation vector: the model's `obsDim`. */
  get obsDim(): number {
    return this.obsEncoding.dim;
  }
  /** Distinct encoded actions of the agent with the most: the model's `actionDim`. */
  get actionDim(): number {
    return this.actionEncoding.size;
  }
  /** Transitions over all episodes. */
  get numSteps(): number {
    return this.episodes.reduce((n, e) => n + e.length, 0);
  }

  /**
   * The parts of a model configuration that follow from the data (obsDim, actionDim, numAgents,
   * beliefSpec); add the architecture and a seed.
   *
   * ```ts
   * new PerspectiveWorldModel({ ...data.modelConfig(), hiddenDim: 64, numLayers: 2, numHeads: 4, seed: 0 });
   * ```
   */
  modelConfig(): Pick<WorldModelConfig, "obsDim" | "actionDim" | "numAgents" | "beliefSpec"> {
    return {
      obsDim: this.obsDim,
      actionDim: this.actionDim,
      numAgents: this.numAgents,
      ...(this.beliefSpec ? { beliefSpec: this.beliefSpec } : {})
    };
  }

  /** Every episode cut into consecutive windows of at most `horizon` steps, in dataset order. */
  windows(horizon: number): EpisodeWindow[] {
    positiveInt(horizon, "horizon");
    const out: EpisodeWindow[] = [];
    this.episodes.forEach((ep, episode) => {
      for (let start = 0; start < ep.length; start += horizon)
        out.push({ episode, start, length: Math.min(horizon, ep.length - start) });
    });
    return out;
  }

  /** One batch of the given windows, each padded to `horizon` steps. */
  batch(windows: readonly EpisodeWindow[], horizon: number): WorldModelBatch {
    positiveInt(horizon, "horizon");
    if (windows.length === 0) throw new TrainingDataError("a batch needs at least one window");
    const B = windows.length;
    const T = horizon;
    const N = this.numAgents;
    const D = this.obsDim;
    const F = this.beliefSpec?.targets.length ?? 0;
    const obs = new Float32Array(B * T * N * D);
    const nextObs = new Float32Array(B * T * N * D);
    const actions = new Int32Array(B * T * N);
    const mask = new Float32Array(B * T);
    const beliefTargets = F > 0 ? new Int32Array(B * T * N * F).fill(-1) : undefined;
    const falseBelief = F > 0 ? new Uint8Array(B * T * N * F) : undefined;
    const truth = F > 0 ? new Int32Array(B * T * F).fill(-1) : undefined;
    windows.forEach((w, b) => {
      const ep = this.episodes[w.episode];
      if (!ep || w.start < 0 || w.length > T || w.start + w.length > ep.length)
        throw new TrainingDataError(`window ${JSON.stringify(w)} does not fit the data`);
      const row = N * D;
      obs.set(ep.obs.subarray(w.start * row, (w.start + w.length) * row), b * T * row);
      nextObs.set(
        ep.obs.subarray((w.start + 1) * row, (w.start + 1 + w.length) * row),
        b * T * row
      );
      actions.set(ep.actions.subarray(w.start * N, (w.start + w.length) * N), b * T * N);
      mask.fill(1, b * T, b * T + w.length);
      if (beliefTargets && falseBelief && truth && ep.beliefs && ep.truth) {
        for (let t = 0; t < w.length; t++) {
          const s = w.start + t;
          for (let f = 0; f < F; f++) {
            const tv = ep.truth[s * F + f];
            truth[(b * T + t) * F + f] = tv;
            for (let n = 0; n < N; n++) {
              const label = ep.beliefs[(s * N + n) * F + f];
              const at = ((b * T + t) * N + n) * F + f;
              beliefTargets[at] = label;
              falseBelief[at] = label >= 0 && tv >= 0 && label !== tv ? 1 : 0;
            }
          }
        }
      }
    });
    return {
      batchSize: B,
      steps: T,
      numAgents: N,
      obsDim: D,
      obs,
      actions,
      nextObs,
      mask,
      ...(beliefTargets ? { beliefTargets, falseBelief, truth } : {})
    };
  }

  /** The batches of one pass over every window (shuffled when a seed or generator is given). */
  *batches(options: BatchOptions): Generator<WorldModelBatch> {
    positiveInt(options.batchSize, "batchSize");
    const windows = this.windows(options.horizon);
    const rng = options.rng ?? (options.seed === undefined ? undefined : new Rng(options.seed));
    if (rng) rng.shuffle(windows);
    for (let i = 0; i < windows.length; i += options.batchSize) {
      const part = windows.slice(i, i + options.batchSize);
      if (options.dropLast && part.length < options.batchSize) return;
      yield this.batch(part, options.horizon);
    }
  }

  /**
   * Agent `agent`'s (index) encoded observation at step `t` of episode `episode` (t = 0: reset).
   *
   * ```ts
   * model.predictTrajectory(data.agents.map((_, n) => data.observation(0, 0, n)), data.jointActions(0));
   * ```
   */
  observation(episode: number, t: number, agent: number): Float32Array {
    const ep = this.episode(episode);
    if (!(t >= 0 && t <= ep.length) || !(agent >= 0 && agent < this.numAgents))
      throw new TrainingDataError(
        `no observation at step ${t} of agent ${agent} (episode ${episode} has ${ep.length} steps, ${this.numAgents} agents)`
      );
    const D = this.obsDim;
    const at = (t * this.numAgents + agent) * D;
    return ep.obs.slice(at, at + D);
  }

  /** The joint actions of every step of episode `episode`, one Int32Array (one entry per agent) per step. */
  jointActions(episode: number): Int32Array[] {
    const ep = this.episode(episode);
    const N = this.numAgents;
    return Array.from({ length: ep.length }, (_, t) => ep.actions.slice(t * N, (t + 1) * N));
  }

  /**
   * Agent `agent`'s own history in episode `episode` up to step `upTo` (default: the end): its
   * observations of steps 0 .. upTo and its actions before each — what `predictBeliefs` reads.
   *
   * ```ts
   * model.predictBeliefs(data.agentHistory(0, 0, 3), 0); // what agent 0 believes after step 3
   * ```
   */
  agentHistory(episode: number, agent: number, upTo?: number): AgentHistory {
    const ep = this.episode(episode);
    const last = upTo ?? ep.length;
    const observations = Array.from({ length: last + 1 }, (_, t) =>
      this.observation(episode, t, agent)
    );
    const actions = Int32Array.from(
      { length: last },
      (_, t) => ep.actions[t * this.numAgents + agent]
    );
    return { observations, actions };
  }

  private episode(index: number): EncodedEpisode {
    const ep = this.episodes[index];
    if (!ep)
      throw new TrainingDataError(`no episode ${index}; this data has ${this.episodes.length}`);
    return ep;
  }

  /** The number of batches of one pass. */
  numBatches(options: Pick<BatchOptions, "batchSize" | "horizon" | "dropLast">): number {
    const n = this.windows(options.horizon).length;
    return options.dropLast ? Math.floor(n / options.batchSize) : Math.ceil(n / options.batchSize);
  }
}

function encodeEpisode(
  ep: Episode,
  agents: AgentId[],
  obsEnc: ObservationEncoding,
  actEnc: ActionEncoding,
  spec: BeliefSpec | undefined
): EncodedEpisode {
  const L = ep.actions.length;
  const N = agents.length;
  const D = obsEnc.dim;
  const obs = new Float32Array((L + 1) * N * D);
  const actions = new Int32Array(L * N);
  for (let t = 0; t <= L; t++) {
    agents.forEach((agent, n) => {
      // An agent that is done has no observation or action any more: it keeps its last one and
      // takes action 0, which the model learns as "nothing happens".
      let s = t;
      while (s > 0 && ep.observations[s][agent] === undefined) s--;
      const o = ep.observations[s][agent];
      if (o === undefined)
        throw new TrainingDataError(`episode ${ep.index} has no observation of ${agent} at reset`);
      obsEnc.encode(agent, o, obs, (t * N + n) * D);
      if (t < L) {
        const a = ep.actions[t][agent];
        actions[t * N + n] = a === undefined ? 0 : actEnc.encode(agent, a);
      }
    });
  }
  const encoded: EncodedEpisode = { index: ep.index, seed: ep.seed, length: L, obs, actions };
  if (spec && spec.targets.length > 0) {
    if (!ep.beliefs || ep.beliefs.length !== L + 1)
      throw new TrainingDataError(
        `episode ${ep.index} has no belief ground truth for every step (record with saveBeliefs: true)`
      );
    const F = spec.targets.length;
    const worlds = trueStates(ep);
    encoded.beliefs = new Int32Array((L + 1) * N * F);
    encoded.truth = new Int32Array((L + 1) * F);
    for (let t = 0; t <= L; t++) {
      for (let n = 0; n < N; n++)
        encoded.beliefs.set(beliefLabels(spec, ep.beliefs[t], n), (t * N + n) * F);
      encoded.truth.set(truthLabels(spec, worlds[t]), t * F);
    }
  }
  return encoded;
}
