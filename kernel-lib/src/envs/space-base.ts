/**
 * What every space is: the `Space` interface, its JSON form, and `SeededSpace`, the own generator
 * (seeded by `seed(n)`) that every space kind extends. The kinds live in `spaces.ts`.
 *
 * ```ts
 * const space: Space<number> = new Discrete(3);
 * space.seed(1);
 * space.sample(); // the same number after every seed(1)
 * ```
 */
import { Rng } from "../random/rng";
import { entropySeed } from "./seeding";

/**
 * Element types a Box may hold.
 *
 * ```ts
 * new Box(0, 1, [3], "float32" satisfies BoxDtype);
 * ```
 */
export type BoxDtype = "uint8" | "int32" | "float32";

/**
 * A space's description as plain JSON.
 *
 * ```ts
 * new Discrete(5).toJSON(); // { type: "Discrete", n: 5, start: 0 }
 * ```
 */
export type SpaceJSON =
  | { type: "Discrete"; n: number; start: number }
  | { type: "MultiDiscrete"; nvec: number[] }
  | { type: "Box"; low: number; high: number; shape: number[]; dtype: BoxDtype }
  | { type: "Dict"; spaces: Record<string, SpaceJSON> };

/**
 * What `seed` takes and returns: a seed for a simple space, or per key for a `Dict`.
 *
 * ```ts
 * const seeds: SpaceSeed = new Dict({ a: new Discrete(2) }).seed(1); // { a: <the child's seed> }
 * ```
 */
export type SpaceSeed = number | { [key: string]: SpaceSeed };

/**
 * A set of values an observation or an action can take.
 *
 * ```ts
 * const space = env.actionSpace("agent_0");
 * space.seed(42);
 * const a = space.sample(); // or space.sample(rng) with your own Rng
 * ```
 */
export interface Space<T = unknown> {
  /**
   * A random member (uniform where the space is bounded), drawn from `rng` when given, else from
   * the space's own generator (see `seed`).
   */
  sample(rng?: Rng): T;
  /**
   * Restarts the space's own generator from `seed` (without one, from fresh OS entropy) and
   * returns the seed used, per key for a `Dict`; the same seed gives the same samples.
   */
  seed(seed?: SpaceSeed): SpaceSeed;
  /** Whether `value` is a member (right type, shape and range). */
  contains(value: unknown): value is T;
  /** Why `value` is not a member, or undefined when it is. */
  explain(value: unknown): string | undefined;
  /**
   * The space as plain JSON (`JSON.stringify` calls it; dataset headers store it), which
   * `spaceFromJSON` turns back into an equal space.
   */
  toJSON(): SpaceJSON;
}

/**
 * The own generator every space kind shares: created from entropy on first use unless seeded,
 * and the check of what `sample` and `seed` are given. Extend it to write a space of your own.
 *
 * ```ts
 * class Coin extends SeededSpace implements Space<boolean> {
 *   sample(rng?: Rng) { return this.source(rng).int(2) === 1; }
 *   seed(seed?: SpaceSeed) { return this.reseedOwn(seed, "Coin"); }
 *   // contains, explain, toJSON ...
 * }
 * ```
 */
export abstract class SeededSpace {
  private own: Rng | undefined;

  /** The generator a draw uses: `rng` when given (it must be an Rng), else the space's own. */
  protected source(rng: Rng | undefined): Rng {
    if (rng === undefined) return (this.own ??= new Rng(entropySeed()));
    if (typeof (rng as Partial<Rng> | null)?.uint32 !== "function") {
      throw new TypeError(
        `sample(rng) takes an Rng, or nothing to use the space's own generator (seed it with seed(n)); got ${describe(rng)}`
      );
    }
    return rng;
  }

  /** Restarts the own generator from `seed` (or fresh entropy) and returns the seed used. */
  protected reseedOwn(seed: SpaceSeed | undefined, kind: string): number {
    if (
      seed !== undefined &&
      (typeof seed !== "number" || !Number.isSafeInteger(seed) || seed < 0)
    ) {
      throw new RangeError(
        `${kind}.seed() takes a non-negative safe integer, got ${describe(seed)}`
      );
    }
    const used = seed ?? entropySeed();
    if (this.own) this.own.reseed(used);
    else this.own = new Rng(used);
    return used;
  }
}

/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return `${typeof value} ${String(value)}`;
}
