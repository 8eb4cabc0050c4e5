/**
 * `pwmk/data`: the DataCollector, trajectory datasets in JSON Lines and binary form (load, split,
 * replay), the record types of the file format and a streaming reader; sharded collection on
 * worker threads or one job per shard (`collect`, `collectShard`, `loadShards`, `splitBySeed`) and
 * export to Apache Arrow IPC and Parquet (`exportDataset`, `readExport`; see docs/data-at-scale.md).
 * The writers and encoders behind `save` are internal.
 *
 * ```ts
 * import { DataCollector, readDatasetFile, TrajectoryDataset } from "pwmk/data";
 * new DataCollector(env).collect({ numEpisodes: 8, policy: "mixed", path: "runs.jsonl" });
 * const ds = TrajectoryDataset.load("runs.jsonl");
 * for (const item of readDatasetFile("runs.jsonl")) if (item.kind === "record") console.log(item.record);
 * ```
 * @module pwmk/data
 */
export {
  DataCollector,
  type CollectOptions,
  type CollectResult,
  type PolicyFn,
  type PolicySpec
} from "./collector";
export type { ProgressSink } from "./progress";
export { TrajectoryDataset, episodeRecords, type LoadOptions, type SplitOptions } from "./dataset";
export { readDatasetFile, type DatasetFormat, type DatasetItem } from "./formats";
export {
  DATASET_FORMAT,
  SCHEMA_VERSION,
  DatasetError,
  type DatasetHeader,
  type EndRecord,
  type Episode,
  type ResetRecord,
  type StepRecord,
  type TrajectoryRecord
} from "./records";
export {
  assignSplit,
  collectShard,
  loadShards,
  shardEpisodes,
  shardFileName,
  splitBySeed,
  type NamedPolicy,
  type ShardResult,
  type ShardSpec
} from "./shards";
export { collect, type ParallelCollectOptions, type ParallelCollectResult } from "./parallel";
export {
  EXPORT_SCHEMA,
  datasetToArrow,
  exportDataset,
  readExport,
  type ArrowExportOptions,
  type ExportFormat,
  type ExportOptions
} from "./export";
