/**
 * Writes a dataset as an Apache Arrow IPC file (`.arrow`, also read as Feather v2) or a Parquet
 * file (`.parquet`, Snappy-compressed) in the schema of `columns.ts`, and reads either back as an
 * Arrow table. Arrow comes from `apache-arrow`, Parquet from `parquet-wasm` (the Rust Arrow/Parquet
 * writer compiled to WebAssembly, no native build), so both run on any Node. A file is written to
 * a temporary name and renamed, so a reader never sees half an export.
 *
 * ```ts
 * exportDataset(loadShards("runs/box"), "runs/box.parquet");
 * ```
 * ```python
 * import pyarrow.parquet as pq; table = pq.read_table("runs/box.parquet")
 * import ray; ds = ray.data.read_parquet("runs/box-parquet/")
 * ```
 */
import * as fs from "fs";
import * as path from "path";
import type { Table } from "apache-arrow";
import type { TrajectoryDataset } from "../dataset";
import { DatasetError } from "../records";
import { ArrowExportOptions, datasetToArrow } from "./columns";
import { arrow, parquet } from "./libs";

/**
 * The export file forms.
 *
 * ```ts
 * const format: ExportFormat = "parquet";
 * ```
 */
export type ExportFormat = "arrow" | "parquet";

/**
 * Options of `exportDataset`.
 *
 * ```ts
 * exportDataset(ds, "out.arrow", { overwrite: true });
 * ```
 */
export interface ExportOptions extends ArrowExportOptions {
  /** Default: from the file name (`.parquet` or `.pq` is Parquet, anything else Arrow IPC). */
  format?: ExportFormat;
  /** Replace an existing file (otherwise an existing file is never overwritten). */
  overwrite?: boolean;
}

/**
 * The form implied by a file name.
 *
 * ```ts
 * exportFormatOfPath("a.parquet"); // "parquet"
 * ```
 */
export function exportFormatOfPath(file: string): ExportFormat {
  return /\.(parquet|pq)$/i.test(file) ? "parquet" : "arrow";
}

/**
 * Writes `ds` to `file` as Arrow IPC or Parquet; returns what was written.
 *
 * ```ts
 * const { rows, columns } = exportDataset(ds, "runs/hs.parquet");
 * ```
 */
export function exportDataset(
  ds: TrajectoryDataset,
  file: string,
  options: ExportOptions = {}
): { path: string; format: ExportFormat; rows: number; columns: string[]; bytes: number } {
  const format = options.format ?? exportFormatOfPath(file);
  if (format !== "arrow" && format !== "parquet")
    throw new DatasetError(`export format must be "arrow" or "parquet", got ${String(format)}`);
  if (!options.overwrite && fs.existsSync(file))
    throw new DatasetError(`${file} already exists; pass overwrite: true to replace it`);
  const table = datasetToArrow(ds, options);
  const bytes = format === "arrow" ? arrow().tableToIPC(table, "file") : toParquet(table);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } finally {
    if (fs.existsSync(tmp)) fs.rmSync(tmp);
  }
  return {
    path: file,
    format,
    rows: table.numRows,
    columns: table.schema.fields.map((f) => f.name),
    bytes: bytes.byteLength
  };
}

function toParquet(table: Table): Uint8Array {
  const pq = parquet();
  const wasmTable = pq.Table.fromIPCStream(arrow().tableToIPC(table, "stream"));
  const props = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.SNAPPY).build();
  return pq.writeParquet(wasmTable, props);
}

/**
 * Reads an export (either form, told apart by its magic bytes) back as an Arrow table, metadata
 * included.
 *
 * ```ts
 * const table = readExport("runs/hs.parquet");
 * table.getChild("reward")?.toArray();
 * ```
 */
export function readExport(file: string): Table {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new DatasetError(`cannot read export ${file}: ${(e as Error).message}`);
  }
  const magic = bytes.subarray(0, 4).toString("latin1");
  try {
    if (magic === "PAR1") {
      return arrow().tableFromIPC(parquet().readParquet(bytes).intoIPCStream());
    }
    if (magic === "ARRO") return arrow().tableFromIPC(bytes);
  } catch (e) {
    throw new DatasetError(`${file} is not a readable export: ${(e as Error).message}`);
  }
  throw new DatasetError(`${file} is neither an Arrow IPC file nor a Parquet file`);
}
