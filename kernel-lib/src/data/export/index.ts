/**
 * Dataset export to Apache Arrow IPC and Parquet (schema in `columns.ts`, files in `files.ts`).
 *
 * ```ts
 * import { exportDataset, readExport } from "pwmk/data";
 * exportDataset(ds, "runs/hs.parquet");
 * ```
 */
export { EXPORT_SCHEMA, datasetToArrow } from "./columns";
export type { ArrowExportOptions } from "./columns";
export { exportDataset, exportFormatOfPath, readExport } from "./files";
export type { ExportFormat, ExportOptions } from "./files";
