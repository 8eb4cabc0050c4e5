/**
 * The two export libraries, loaded on first use so that importing pwmk does not pay for them:
 * apache-arrow (JavaScript) and parquet-wasm (its WebAssembly module loads when required).
 *
 * ```ts
 * const { tableFromIPC } = arrow();
 * const bytes = parquet().writeParquet(wasmTable);
 * ```
 */

/**
 * The apache-arrow module.
 *
 * ```ts
 * const { Int32 } = arrow();
 * ```
 */
export function arrow(): typeof import("apache-arrow") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("apache-arrow");
}

/**
 * The parquet-wasm module (Node build).
 *
 * ```ts
 * const table = parquet().readParquet(bytes);
 * ```
 */
export function parquet(): typeof import("parquet-wasm") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("parquet-wasm");
}
