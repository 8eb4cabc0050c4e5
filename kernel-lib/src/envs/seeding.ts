/**
 * Where the spaces' own generators get their seeds: fresh OS entropy when the caller gives none
 * (as Gymnasium does), and seeds derived from one seed along a path of labels, so that the spaces of
 * an env (each agent's action and observation space) start on distinct, reproducible streams.
 * Internal to `envs/`.
 *
 * ```ts
 * deriveSeed(0, SPACE_KIND.action, 2); // the seed of agent 2's action space in an env seeded 0
 * ```
 */
import { Rng } from "../random/rng";

const TWO_32 = 4294967296;

/**
 * A fresh seed from the platform's cryptographic entropy (Web Crypto, present in Node and browsers),
 * a safe integer below 2^53. Never `Math.random`.
 *
 * ```ts
 * const seed = entropySeed(); // log it to replay the run
 * ```
 */
export function entropySeed(): number {
  const crypto = (globalThis as { crypto?: { getRandomValues(array: Uint32Array): Uint32Array } })
    .crypto;
  if (!crypto || typeof crypto.getRandomValues !== "function") {
    throw new Error("no entropy source (globalThis.crypto) here; seed the space with seed(n)");
  }
  const words = crypto.getRandomValues(new Uint32Array(2));
  return (words[0] >>> 11) * TWO_32 + words[1];
}

/**
 * The next seed drawn from a generator: a safe integer below 2^53 (a parent space seeds its
 * children this way).
 *
 * ```ts
 * child.seed(seedFrom(parentRng));
 * ```
 */
export function seedFrom(rng: Rng): number {
  const high = rng.uint32() >>> 11;
  return high * TWO_32 + rng.uint32();
}

/**
 * A seed derived from `base` along `path` (small non-negative integers): the same inputs give the
 * same seed, different paths give unrelated seeds.
 *
 * ```ts
 * deriveSeed(7, 1, 0) !== deriveSeed(7, 1, 1); // true
 * ```
 */
export function deriveSeed(base: number, ...path: number[]): number {
  const rng = new Rng(base);
  for (const step of path) {
    const high = rng.uint32() >>> 11;
    const low = (rng.uint32() ^ Math.imul(step + 1, 0x9e3779b9)) >>> 0;
    rng.reseed(high * TWO_32 + low);
  }
  return seedFrom(rng);
}

/**
 * Labels of an env's spaces in `deriveSeed` paths.
 *
 * ```ts
 * deriveSeed(seed, SPACE_KIND.observation, agentIndex);
 * ```
 */
export const SPACE_KIND = { action: 1, observation: 2 } as const;
