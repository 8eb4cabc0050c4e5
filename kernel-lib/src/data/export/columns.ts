/**
 * The export schema, "pwmk-agent-steps" version 1: one row per agent per time step, the layout
 * Ray Data, Spark, pandas and PyTorch data loaders read without reshaping. Row (episode, t, agent)
 * holds what the agent observed at t and did at t, and what that action brought:
 *
 * | column | Arrow type | meaning |
 * | --- | --- | --- |
 * | `episode` | int32 | episode index (unique in a collection, across shards) |
 * | `seed` | int64 | the episode's reset seed |
 * | `split` | utf8 | "train", "val" or "test" by `assignSplit(seed)` |
 * | `t` | int32 | time step; 0 is the reset, the last t of an episode has no action |
 * | `agent`, `agent_index` | utf8, int32 | the agent, and its position in the header's agents |
 * | `obs` or `obs_<key>` | per space (below) | the observation at t (null when the agent had none) |
 * | `action` or `action_<key>` | per space | the action at t (null at the last t or when absent) |
 * | `reward` | float64 | the reward the action at t brought (null at the last t) |
 * | `terminated`, `truncated` | bool | whether the agent ended after the action at t (null at the last t) |
 * | `beliefs` | list<struct<perspective: utf8, fluent: utf8, values: list<utf8>>> | belief ground truth at t of every perspective chain starting with this agent ("sally", "sally/anne"); each value JSON-encoded; only when beliefs were saved |
 *
 * Spaces map to types: Discrete -> int32; MultiDiscrete -> fixed_size_list<int32>[n]; Box ->
 * fixed_size_list<uint8|int32|float32>[prod(shape)], row-major, its shape in the field metadata
 * `pwmk:shape`; a Dict becomes one column per key (`obs_view`, `obs_position`). The schema
 * metadata holds the dataset header (`pwmk:header`) and `pwmk:schema` = "pwmk-agent-steps/1".
 *
 * ```ts
 * const table = datasetToArrow(TrajectoryDataset.load("runs/box.jsonl"));
 * table.getChild("obs_view")?.get(0); // the 7x7 view of agent_0 at t = 0, flattened
 * ```
 */
import type { DataType, Field, Table } from "apache-arrow";
import type { AgentId, BeliefGroundTruth } from "../../epistemic/events";
import type { SpaceJSON } from "../../envs/spaces";
import type { SplitOptions, TrajectoryDataset } from "../dataset";
import { DatasetError } from "../records";
import { assignSplit } from "../shards";
import { BeliefEntry, columnBuilder } from "./builders";
import { arrow } from "./libs";

/**
 * The `pwmk:schema` metadata value of exports written by this code.
 *
 * ```ts
 * table.schema.metadata.get("pwmk:schema") === EXPORT_SCHEMA; // "pwmk-agent-steps/1"
 * ```
 */
export const EXPORT_SCHEMA = "pwmk-agent-steps/1";

/** A leaf column of a space: its name suffix, Arrow type, and how to read the value. */
interface Leaf {
  name: string;
  type: DataType;
  shape: number[];
  space: SpaceJSON;
  get(value: unknown): unknown;
}

function leaves(space: SpaceJSON, name: string, get: (v: unknown) => unknown): Leaf[] {
  const { Field, FixedSizeList, Float32, Int32, Uint8 } = arrow();
  const item = (t: DataType) => new Field("item", t, false);
  switch (space.type) {
    case "Discrete":
      return [{ name, type: new Int32(), shape: [], space, get }];
    case "MultiDiscrete":
      return [
        {
          name,
          type: new FixedSizeList(space.nvec.length, item(new Int32())),
          shape: [space.nvec.length],
          space,
          get
        }
      ];
    case "Box": {
      const size = space.shape.reduce((a, b) => a * b, 1);
      const el =
        space.dtype === "uint8"
          ? new Uint8()
          : space.dtype === "int32"
            ? new Int32()
            : new Float32();
      return [{ name, type: new FixedSizeList(size, item(el)), shape: space.shape, space, get }];
    }
    case "Dict":
      return Object.entries(space.spaces).flatMap(([key, sub]) =>
        leaves(sub, `${name}_${key}`, (v) => {
          const parent = get(v);
          return parent == null ? undefined : (parent as Record<string, unknown>)[key];
        })
      );
    default:
      throw new DatasetError(`cannot export a space of type ${(space as SpaceJSON).type}`);
  }
}

/** The same leaf layout for every agent (the export needs one column type per column). */
function agentLeaves(spaces: Record<AgentId, SpaceJSON>, prefix: string): Leaf[] {
  const agents = Object.keys(spaces);
  const first = JSON.stringify(spaces[agents[0]]);
  for (const a of agents)
    if (JSON.stringify(spaces[a]) !== first)
      throw new DatasetError(
        `cannot export: agents have different ${prefix} spaces (${agents[0]}: ${first}, ${a}: ${JSON.stringify(spaces[a])}); one column needs one type`
      );
  return leaves(spaces[agents[0]], prefix, (v) => v);
}

function beliefRows(gt: BeliefGroundTruth | undefined, agent: AgentId): BeliefEntry[] | null {
  if (!gt) return null;
  const out: BeliefEntry[] = [];
  for (const [perspective, fluents] of Object.entries(gt.perspectives)) {
    if (perspective.split("/")[0] !== agent) continue;
    for (const [fluent, values] of Object.entries(fluents))
      out.push({ perspective, fluent, values: values.map((v) => JSON.stringify(v)) });
  }
  return out;
}

/**
 * Options of `datasetToArrow` and `exportDataset`.
 *
 * ```ts
 * const options: ArrowExportOptions = { split: { train: 0.9, val: 0.05, test: 0.05, seed: 1 } };
 * ```
 */
export interface ArrowExportOptions {
  /** Fractions of the `split` column (default 0.8 / 0.1 / 0.1, split seed 0). */
  split?: SplitOptions;
  /** Rows per record batch (Parquet row group), rounded up to whole episodes (default 16384). */
  batchRows?: number;
}

/**
 * The dataset as an Apache Arrow table in the documented schema (see the module comment).
 *
 * ```ts
 * const table = datasetToArrow(ds);
 * table.numRows; // sum over episodes of (steps + 1) * agents
 * ```
 */
export function datasetToArrow(ds: TrajectoryDataset, options: ArrowExportOptions = {}): Table {
  const {
    Bool,
    Field,
    Float64,
    Int32,
    Int64,
    List,
    makeData,
    RecordBatch,
    Schema,
    Struct,
    Table,
    Utf8
  } = arrow();
  const header = ds.header;
  const agents = header.agents;
  const split = options.split ?? { train: 0.8, val: 0.1, test: 0.1, seed: 0 };
  const batchRows = options.batchRows ?? 16384;
  const obsLeaves = agentLeaves(header.observationSpaces, "obs");
  const actLeaves = agentLeaves(header.actionSpaces, "action");
  const saved = header.beliefs.saved;
  const utf8List = new List(new Field("item", new Utf8(), false));
  const beliefType = new List(
    new Field(
      "item",
      new Struct([
        new Field("perspective", new Utf8(), false),
        new Field("fluent", new Utf8(), false),
        new Field("values", utf8List, false)
      ]),
      false
    )
  );
  const leafMeta = (l: Leaf) =>
    new Map([
      ["pwmk:shape", JSON.stringify(l.shape)],
      ["pwmk:space", JSON.stringify(l.space)]
    ]);
  const fields: Field[] = [
    new Field("episode", new Int32(), false),
    new Field("seed", new Int64(), false),
    new Field("split", new Utf8(), false),
    new Field("t", new Int32(), false),
    new Field("agent", new Utf8(), false),
    new Field("agent_index", new Int32(), false),
    ...[...obsLeaves, ...actLeaves].map((l) => new Field(l.name, l.type, true, leafMeta(l))),
    new Field("reward", new Float64(), true),
    new Field("terminated", new Bool(), true),
    new Field("truncated", new Bool(), true),
    ...(saved ? [new Field("beliefs", beliefType, true)] : [])
  ];
  const schema = new Schema(
    fields,
    new Map([
      ["pwmk:schema", EXPORT_SCHEMA],
      ["pwmk:header", JSON.stringify(header)],
      ["pwmk:split", JSON.stringify(split)]
    ])
  );
  const builders = fields.map((f) => columnBuilder(f.type));
  const batches: InstanceType<typeof RecordBatch>[] = [];
  let rows = 0;
  const flush = (): void => {
    if (rows === 0) return;
    const children = builders.map((b) => b.flush());
    const data = makeData({ type: new Struct(fields), length: rows, nullCount: 0, children });
    batches.push(new RecordBatch(schema, data));
    rows = 0;
  };
  for (const ep of ds.episodes) {
    const part = assignSplit(ep.seed, split);
    const steps = ep.actions.length;
    for (let t = 0; t <= steps; t++) {
      agents.forEach((agent, index) => {
        const where = () => `episode ${ep.index} t ${t} agent ${agent}`;
        const last = t === steps;
        const obs = ep.observations[t]?.[agent];
        const act = last ? undefined : ep.actions[t][agent];
        const values: unknown[] = [
          ep.index,
          BigInt(ep.seed),
          part,
          t,
          agent,
          index,
          ...obsLeaves.map((l) => (obs === undefined ? null : l.get(obs))),
          ...actLeaves.map((l) => (act === undefined ? null : l.get(act))),
          last ? null : ep.rewards[t][agent],
          last ? null : ep.terminations[t][agent],
          last ? null : ep.truncations[t][agent],
          ...(saved ? [beliefRows(ep.beliefs?.[t], agent)] : [])
        ];
        values.forEach((v, c) => builders[c].append(v, () => `${where()} ${fields[c].name}`));
        rows++;
      });
    }
    if (rows >= batchRows) flush();
  }
  flush();
  return new Table(schema, batches);
}
