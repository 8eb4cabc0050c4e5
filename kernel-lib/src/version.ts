/**
 * The version of the `pwmk` package (the `version` of its package.json).
 *
 * ```ts
 * import * as pwmk from "pwmk";
 * pwmk.version; // "0.1.0"
 * ```
 */
export const version: string = "0.1.0";
