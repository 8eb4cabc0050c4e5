/**
 * The trajectory dataset schema (version 1). A dataset is a header followed by records, one per
 * reset, step and episode end, in the order they happened. JSON Lines and the binary form hold the
 * same records.
 *
 * ```ts
 * const header: DatasetHeader = { format: "pwmk-trajectories", schemaVersion: 1, env: "HideAndSeek", ... };
 * ```
 */
import type {
  AgentId,
  BeliefGroundTruth,
  EpistemicEvent,
  Fluent,
  Value
} from "../epistemic/events";
import type { TrackerInit } from "../epistemic/tracker";
import type { PerspectiveEnv } from "../envs/env";
import type { SpaceJSON } from "../envs/spaces";

/**
 * The schema version this code writes and reads.
 *
 * ```ts
 * header.schemaVersion === SCHEMA_VERSION;
 * ```
 */
export const SCHEMA_VERSION = 1;
/**
 * The `format` field of every dataset header.
 *
 * ```ts
 * header.format === DATASET_FORMAT; // "pwmk-trajectories"
 * ```
 */
export const DATASET_FORMAT = "pwmk-trajectories";

/**
 * The first record of a dataset: what env produced it and how to read it.
 *
 * ```ts
 * const header = new DataCollector(env).header({ saveBeliefs: true });
 * ```
 */
export interface DatasetHeader {
  /** Always "pwmk-trajectories" (`DATASET_FORMAT`): what tells a dataset file from other JSON. */
  format: typeof DATASET_FORMAT;
  /** The schema the records follow (`SCHEMA_VERSION`); another version is refused on reading. */
  schemaVersion: number;
  /** The env's name, e.g. "HideAndSeek" (with `config`, what `makeEnv` rebuilds it from). */
  env: string;
  /** The env's constructor options (enough to rebuild it). */
  config: Record<string, unknown>;
  /** The env's `possibleAgents`, in order. */
  agents: AgentId[];
  /** Each agent's observation space as JSON (`spaceFromJSON` rebuilds it). */
  observationSpaces: Record<AgentId, SpaceJSON>;
  /** Each agent's action space as JSON. */
  actionSpaces: Record<AgentId, SpaceJSON>;
  /** Whether records carry belief ground truth, and to which depth. */
  beliefs: { saved: boolean; depth: number; valueCap: number };
}

/**
 * The header of datasets recorded from `env` with the given belief settings.
 *
 * ```ts
 * datasetHeader(env, { saved: true, depth: 2, valueCap: 4 }).env; // env.name
 * ```
 */
export function datasetHeader(
  env: PerspectiveEnv,
  beliefs: DatasetHeader["beliefs"]
): DatasetHeader {
  return {
    format: DATASET_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    env: env.name,
    config: { ...env.config },
    agents: [...env.possibleAgents],
    observationSpaces: Object.fromEntries(
      env.possibleAgents.map((a) => [a, env.observationSpace(a).toJSON()])
    ),
    actionSpaces: Object.fromEntries(
      env.possibleAgents.map((a) => [a, env.actionSpace(a).toJSON()])
    ),
    beliefs
  };
}

/**
 * Start of an episode.
 *
 * ```ts
 * if (record.type === "reset") console.log(record.seed);
 * ```
 */
export interface ResetRecord {
  /** Tells the record kinds apart. */
  type: "reset";
  /** The episode's index (global across shards and appends). */
  episode: number;
  /** The seed the env was reset with (the collection's base seed + episode). */
  seed: number;
  /** Each agent's first observation. */
  observations: Record<AgentId, unknown>;
  /** Every event of the reset (each agent's witnessed events follow from `observers`). */
  events: EpistemicEvent[];
  /** How to start a tracker that replays the events (absent when the env tracks no beliefs). */
  trackerInit?: TrackerInit;
  /** Belief ground truth after the reset, when the collection saved beliefs. */
  beliefs?: BeliefGroundTruth;
}

/**
 * One step.
 *
 * ```ts
 * if (record.type === "step") console.log(record.t, record.rewards);
 * ```
 */
export interface StepRecord {
  /** Tells the record kinds apart. */
  type: "step";
  /** The episode's index. */
  episode: number;
  /** The step's number in its episode: 1 for the first step. */
  t: number;
  /** The action of each agent that was live. */
  actions: Record<AgentId, unknown>;
  /** Each agent's observation after the step (as `step` returned it, like the next three). */
  observations: Record<AgentId, unknown>;
  /** Each agent's reward for the step. */
  rewards: Record<AgentId, number>;
  /** Whether each agent's episode ended in the world. */
  terminations: Record<AgentId, boolean>;
  /** Whether each agent was cut off by the step limit. */
  truncations: Record<AgentId, boolean>;
  /** Every event of the step. */
  events: EpistemicEvent[];
  /** Belief ground truth after the step, when the collection saved beliefs. */
  beliefs?: BeliefGroundTruth;
}

/**
 * End of an episode.
 *
 * ```ts
 * if (record.type === "end") console.log(record.returns);
 * ```
 */
export interface EndRecord {
  /** Tells the record kinds apart; an episode without one is incomplete. */
  type: "end";
  /** The episode's index. */
  episode: number;
  /** Steps the episode took. */
  length: number;
  /** Each agent's total reward over the episode. */
  returns: Record<AgentId, number>;
}

/**
 * Any record after the header.
 *
 * ```ts
 * const kinds = records.map((r: TrajectoryRecord) => r.type);
 * ```
 */
export type TrajectoryRecord = ResetRecord | StepRecord | EndRecord;

/**
 * An episode read back from a dataset.
 *
 * ```ts
 * const ep: Episode = ds.episodes[0];
 * ep.observations[ep.actions.length]; // the last observation
 * ```
 */
export interface Episode {
  /** The episode's index in the collection (`ResetRecord.episode`). */
  index: number;
  /** The seed its reset used. */
  seed: number;
  /** False when the dataset ends before this episode's end record (e.g. collection was interrupted). */
  complete: boolean;
  /** How to start a tracker that replays `events` (absent when the env tracked no beliefs). */
  trackerInit?: TrackerInit;
  /** observations[t], t = 0 is the reset. */
  observations: Record<AgentId, unknown>[];
  /** actions[t] led from observations[t] to observations[t + 1]. */
  actions: Record<AgentId, unknown>[];
  /** rewards[t]: the rewards of step t + 1 (aligned with `actions`). */
  rewards: Record<AgentId, number>[];
  /** terminations[t], aligned with `actions`. */
  terminations: Record<AgentId, boolean>[];
  /** truncations[t], aligned with `actions`. */
  truncations: Record<AgentId, boolean>[];
  /** events[t]: every event of step t (t = 0 is the reset). */
  events: EpistemicEvent[][];
  /** beliefs[t], when saved. */
  beliefs?: BeliefGroundTruth[];
  /** Each agent's total reward, from the end record (empty for an incomplete episode). */
  returns: Record<AgentId, number>;
}

/**
 * Thrown for a corrupt, truncated-in-the-middle or mismatched dataset file.
 *
 * ```ts
 * try { TrajectoryDataset.load("x.jsonl"); } catch (e) { if (e instanceof DatasetError) console.log(e.message); }
 * ```
 */
export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatasetError";
  }
}

/**
 * Shrinks belief ground truth for storage: a fluent for which a perspective considers more than
 * `cap` values possible is stored as unknown (left out), since a long list of cells says little.
 *
 * ```ts
 * compactBeliefs(env.getBeliefGroundTruth(), 4);
 * ```
 */
export function compactBeliefs(gt: BeliefGroundTruth, cap: number): BeliefGroundTruth {
  const perspectives: Record<string, Record<Fluent, Value[]>> = {};
  for (const [key, fluents] of Object.entries(gt.perspectives)) {
    const kept: Record<Fluent, Value[]> = {};
    for (const [fluent, values] of Object.entries(fluents))
      if (values.length <= cap) kept[fluent] = values;
    perspectives[key] = kept;
  }
  return { agents: gt.agents, depth: gt.depth, perspectives };
}

/**
 * Checks that a parsed value is a header this code can read.
 *
 * ```ts
 * const header = validateHeader(JSON.parse(firstLine), "a.jsonl line 1");
 * ```
 */
export function validateHeader(value: unknown, where: string): DatasetHeader {
  if (typeof value !== "object" || value === null)
    throw new DatasetError(`${where}: the header is not an object`);
  const h = value as Partial<DatasetHeader>;
  if (h.format !== DATASET_FORMAT) {
    throw new DatasetError(
      `${where}: not a PWMK trajectory dataset (format ${JSON.stringify(h.format)})`
    );
  }
  if (h.schemaVersion !== SCHEMA_VERSION) {
    throw new DatasetError(
      `${where}: schema version ${String(h.schemaVersion)} is not supported (this pwmk reads version ${SCHEMA_VERSION})`
    );
  }
  if (
    typeof h.env !== "string" ||
    !Array.isArray(h.agents) ||
    typeof h.observationSpaces !== "object"
  ) {
    throw new DatasetError(`${where}: the header lacks env, agents or spaces`);
  }
  return h as DatasetHeader;
}

/**
 * Checks that a parsed value is a record.
 *
 * ```ts
 * const record = validateRecord(JSON.parse(line), "a.jsonl line 2");
 * ```
 */
export function validateRecord(value: unknown, where: string): TrajectoryRecord {
  const r = value as Partial<TrajectoryRecord> | null;
  if (typeof r !== "object" || r === null || !["reset", "step", "end"].includes(r.type as string)) {
    throw new DatasetError(`${where}: not a trajectory record`);
  }
  if (!Number.isInteger(r.episode))
    throw new DatasetError(`${where}: record without an episode number`);
  return r as TrajectoryRecord;
}

/**
 * Assembles records into episodes (in order of first appearance); a re-collected episode
 * replaces an earlier incomplete copy.
 *
 * ```ts
 * const asm = new EpisodeAssembler();
 * records.forEach((r) => asm.add(r, "memory"));
 * asm.episodes;
 * ```
 */
export class EpisodeAssembler {
  private readonly open = new Map<number, Episode>();
  readonly episodes: Episode[] = [];

  add(record: TrajectoryRecord, where: string): void {
    if (record.type === "reset") {
      const earlier = this.open.get(record.episode);
      if (earlier) {
        // An episode that was interrupted and collected again: the new copy replaces it.
        this.episodes.splice(this.episodes.indexOf(earlier), 1);
      }
      const ep: Episode = {
        index: record.episode,
        seed: record.seed,
        complete: false,
        trackerInit: record.trackerInit,
        observations: [record.observations],
        actions: [],
        rewards: [],
        terminations: [],
        truncations: [],
        events: [record.events],
        beliefs: record.beliefs ? [record.beliefs] : undefined,
        returns: {}
      };
      this.open.set(record.episode, ep);
      this.episodes.push(ep);
      return;
    }
    const ep = this.open.get(record.episode);
    if (!ep)
      throw new DatasetError(
        `${where}: ${record.type} record for episode ${record.episode}, which has no reset record`
      );
    if (record.type === "step") {
      if (record.t !== ep.actions.length + 1) {
        throw new DatasetError(
          `${where}: episode ${record.episode} step ${record.t} is out of order (expected ${ep.actions.length + 1})`
        );
      }
      ep.actions.push(record.actions);
      ep.observations.push(record.observations);
      ep.rewards.push(record.rewards);
      ep.terminations.push(record.terminations);
      ep.truncations.push(record.truncations);
      ep.events.push(record.events);
      if (record.beliefs) (ep.beliefs ??= []).push(record.beliefs);
      return;
    }
    ep.complete = true;
    ep.returns = record.returns;
    this.open.delete(record.episode);
  }
}
