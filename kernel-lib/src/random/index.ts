/**
 * `pwmk/random`: the seeded generator every part of PWMK draws from, so that a seed reproduces a
 * run bit for bit.
 *
 * ```ts
 * import { Rng } from "pwmk/random";
 * new Rng(42).int(6); // the same number on every run
 * ```
 * @module pwmk/random
 */
export { Rng } from "./rng";
