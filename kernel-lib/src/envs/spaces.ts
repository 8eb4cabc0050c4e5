/**
 * Observation and action spaces, after Gymnasium's: `Discrete`, `MultiDiscrete`, `Box` and `Dict`.
 * Each can `sample()` a member (from its own generator, seeded by `seed(n)`, or from an `Rng` you
 * pass), say whether a value `contains` in it, and describe itself as JSON (stored in dataset
 * headers).
 *
 * Seeding follows Gymnasium 1.x: `seed(n)` restarts the space's own generator and returns the seed
 * used; `seed()` without an argument draws a fresh seed from OS entropy and returns it (log it to
 * replay); a space never seeded seeds itself from entropy on its first `sample()`. A `Dict` seeded
 * with `n` seeds each child from a generator seeded with `n` (in key order), and returns the
 * children's seeds by key; `seed({ key: n, ... })` seeds each child with its own entry.
 *
 * ```ts
 * const space = new Dict({ view: new Box(0, 9, [7, 7], "uint8"), position: new MultiDiscrete([10, 10]) });
 * space.seed(42);
 * space.contains(space.sample()); // true, and the same member after every seed(42)
 * space.contains(space.sample(new Rng(0))); // an explicit generator works too
 * ```
 */
import type { Rng } from "../random/rng";
import { describe, SeededSpace } from "./space-base";
import type { BoxDtype, Space, SpaceJSON, SpaceSeed } from "./space-base";
import { seedFrom } from "./seeding";

export { SeededSpace } from "./space-base";
export type { BoxDtype, Space, SpaceJSON, SpaceSeed } from "./space-base";

/**
 * The integers `start, ..., start + n - 1`.
 *
 * ```ts
 * new Discrete(5).contains(4); // true
 * ```
 */
export class Discrete extends SeededSpace implements Space<number> {
  constructor(
    /** How many integers (at least 1). */
    readonly n: number,
    /** The smallest member (an integer, default 0). */
    readonly start = 0
  ) {
    super();
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`Discrete(n) needs n >= 1, got ${n}`);
    if (!Number.isInteger(start)) throw new RangeError(`Discrete start must be an integer`);
  }
  sample(rng?: Rng): number {
    return this.start + this.source(rng).int(this.n);
  }
  seed(seed?: SpaceSeed): number {
    return this.reseedOwn(seed, "Discrete");
  }
  explain(value: unknown): string | undefined {
    if (typeof value !== "number" || !Number.isInteger(value)) {
      return `expected an integer, got ${describe(value)}`;
    }
    if (value < this.start || value >= this.start + this.n) {
      return `expected an integer in [${this.start}, ${this.start + this.n - 1}], got ${value}`;
    }
    return undefined;
  }
  contains(value: unknown): value is number {
    return this.explain(value) === undefined;
  }
  toJSON(): SpaceJSON {
    return { type: "Discrete", n: this.n, start: this.start };
  }
}

/**
 * A vector of integers, entry i in `[0, nvec[i])`. Members are arrays or Int32Arrays.
 *
 * ```ts
 * new MultiDiscrete([5, 3]).contains([4, 0]); // true
 * ```
 */
export class MultiDiscrete extends SeededSpace implements Space<ArrayLike<number>> {
  /** The number of values of each entry (positive integers); its length is the vector's. */
  readonly nvec: readonly number[];
  constructor(nvec: readonly number[]) {
    super();
    if (nvec.length === 0 || nvec.some((n) => !Number.isInteger(n) || n <= 0)) {
      throw new RangeError(`MultiDiscrete needs positive integer sizes, got [${nvec.join(", ")}]`);
    }
    this.nvec = [...nvec];
  }
  sample(rng?: Rng): Int32Array {
    const source = this.source(rng);
    const out = new Int32Array(this.nvec.length);
    for (let i = 0; i < out.length; i++) out[i] = source.int(this.nvec[i]);
    return out;
  }
  seed(seed?: SpaceSeed): number {
    return this.reseedOwn(seed, "MultiDiscrete");
  }
  explain(value: unknown): string | undefined {
    if (!isNumberArray(value)) return `expected an array of integers, got ${describe(value)}`;
    if (value.length !== this.nvec.length) {
      return `expected ${this.nvec.length} entries, got ${value.length}`;
    }
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (!Number.isInteger(v) || v < 0 || v >= this.nvec[i]) {
        return `entry ${i} must be an integer in [0, ${this.nvec[i] - 1}], got ${v}`;
      }
    }
    return undefined;
  }
  contains(value: unknown): value is ArrayLike<number> {
    return this.explain(value) === undefined;
  }
  toJSON(): SpaceJSON {
    return { type: "MultiDiscrete", nvec: [...this.nvec] };
  }
}

/**
 * The typed array holding a {@link Box} value: `Uint8Array`, `Int32Array` or `Float32Array`
 * after the box's dtype.
 *
 * ```ts
 * const v: BoxArray = new Box(0, 1, [2, 2], "float32").sample(); // a Float32Array of 4
 * ```
 */
export type BoxArray = Uint8Array | Int32Array | Float32Array;

/** The values each integer dtype can hold (a bound outside would wrap around when stored). */
const DTYPE_RANGE: Record<BoxDtype, readonly [number, number]> = {
  uint8: [0, 255],
  int32: [-2147483648, 2147483647],
  float32: [-Infinity, Infinity]
};

/**
 * A tensor with a fixed shape and element type, every element in `[low, high]`, stored flat in
 * row-major order as a typed array.
 *
 * ```ts
 * const view = new Box(0, 9, [3, 3], "uint8");
 * view.contains(new Uint8Array(9)); // true
 * ```
 */
export class Box extends SeededSpace implements Space<BoxArray> {
  /** The dimensions, outermost first (row-major: the last one varies fastest in the array). */
  readonly shape: readonly number[];
  /** The number of elements: the product of `shape`. */
  readonly size: number;
  constructor(
    /** The smallest value of every element (within the dtype's range). */
    readonly low: number,
    /** The largest value of every element (at least `low`). */
    readonly high: number,
    shape: readonly number[],
    /** The element type, which picks the typed array of a member. */
    readonly dtype: BoxDtype = "float32"
  ) {
    super();
    if (!(low <= high)) throw new RangeError(`Box needs low <= high, got ${low} > ${high}`);
    const range = DTYPE_RANGE[dtype];
    if (!range) {
      throw new RangeError(
        `Box dtype must be "uint8", "int32" or "float32", got ${JSON.stringify(dtype)}`
      );
    }
    if (dtype !== "float32") {
      if (low < range[0] || high > range[1]) {
        throw new RangeError(
          `Box bounds [${low}, ${high}] do not fit ${dtype} (values in [${range[0]}, ${range[1]}])`
        );
      }
      if (Math.ceil(low) > Math.floor(high)) {
        throw new RangeError(`Box [${low}, ${high}] holds no ${dtype} value`);
      }
    }
    if (shape.some((n) => !Number.isInteger(n) || n <= 0)) {
      throw new RangeError(`Box shape must be positive integers, got [${shape.join(", ")}]`);
    }
    this.shape = [...shape];
    this.size = shape.reduce((a, b) => a * b, 1);
  }
  private make(): BoxArray {
    if (this.dtype === "uint8") return new Uint8Array(this.size);
    if (this.dtype === "int32") return new Int32Array(this.size);
    return new Float32Array(this.size);
  }
  seed(seed?: SpaceSeed): number {
    return this.reseedOwn(seed, "Box");
  }
  sample(given?: Rng): BoxArray {
    const rng = this.source(given);
    const out = this.make();
    const integral = this.dtype !== "float32";
    const { low, high } = this;
    for (let i = 0; i < out.length; i++) {
      if (integral) out[i] = rng.intBetween(Math.ceil(low), Math.floor(high));
      // Unbounded sides as in Gymnasium: normal when both are open, else exponential from the bound.
      else if (low === -Infinity && high === Infinity) out[i] = normal(rng);
      else if (high === Infinity) out[i] = low - Math.log(1 - rng.float());
      else if (low === -Infinity) out[i] = high + Math.log(1 - rng.float());
      else out[i] = low + rng.float() * (high - low);
    }
    return out;
  }
  explain(value: unknown): string | undefined {
    const ctor =
      this.dtype === "uint8" ? Uint8Array : this.dtype === "int32" ? Int32Array : Float32Array;
    if (!(value instanceof ctor)) return `expected a ${ctor.name}, got ${describe(value)}`;
    if (value.length !== this.size) {
      return `expected ${this.size} elements (shape [${this.shape.join(", ")}]), got ${value.length}`;
    }
    // A float32 element is compared with the bounds as float32 holds them (0.1 is stored as
    // 0.10000000149...), so a bound itself and every sample are members.
    const low = this.dtype === "float32" ? Math.fround(this.low) : this.low;
    const high = this.dtype === "float32" ? Math.fround(this.high) : this.high;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (!(v >= low && v <= high)) {
        return `element ${i} = ${v} is outside [${this.low}, ${this.high}]`;
      }
    }
    return undefined;
  }
  contains(value: unknown): value is BoxArray {
    return this.explain(value) === undefined;
  }
  toJSON(): SpaceJSON {
    return {
      type: "Box",
      low: this.low,
      high: this.high,
      shape: [...this.shape],
      dtype: this.dtype
    };
  }
}

/**
 * A record of named sub-spaces; members are objects with exactly those keys.
 *
 * ```ts
 * new Dict({ move: new Discrete(5) }).contains({ move: 2 }); // true
 * ```
 */
export class Dict extends SeededSpace implements Space<Record<string, unknown>> {
  constructor(
    /** The sub-space of each key. */
    readonly spaces: Readonly<Record<string, Space>>
  ) {
    super();
    if (typeof spaces !== "object" || spaces === null || Array.isArray(spaces)) {
      throw new TypeError("Dict needs an object of named spaces");
    }
    for (const [key, space] of Object.entries(spaces)) {
      const s = space as Partial<Space> | null;
      if (typeof s !== "object" || s === null || typeof s.explain !== "function") {
        throw new TypeError(
          `Dict entry "${key}" is not a space (Discrete, MultiDiscrete, Box, Dict)`
        );
      }
    }
  }
  /** Each entry drawn by its child: from `rng` when given, else from the child's own generator. */
  sample(rng?: Rng): Record<string, unknown> {
    if (rng !== undefined) this.source(rng);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(this.spaces)) out[key] = this.spaces[key].sample(rng);
    return out;
  }
  /**
   * Seeds every child: from `n` (each child gets the next seed of a generator seeded with `n`, in
   * key order), from one entry per key of a record, or each from fresh entropy without an
   * argument. Returns each child's seed by key, which `seed(...)` accepts to replay.
   */
  seed(seed?: SpaceSeed): Record<string, SpaceSeed> {
    const keys = Object.keys(this.spaces);
    for (const key of keys) {
      if (typeof (this.spaces[key] as Partial<Space>).seed !== "function")
        throw new TypeError(`Dict.seed(): entry "${key}" has no seed(); extend SeededSpace`);
    }
    const out: Record<string, SpaceSeed> = {};
    if (typeof seed === "object" && seed !== null && !Array.isArray(seed)) {
      for (const key of Object.keys(seed)) {
        if (!keys.includes(key))
          throw new RangeError(`Dict.seed(): unknown key "${key}"; keys: ${keys.join(", ")}`);
      }
      for (const key of keys) {
        if (!Object.prototype.hasOwnProperty.call(seed, key))
          throw new RangeError(`Dict.seed(): missing a seed for key "${key}"`);
        out[key] = this.spaces[key].seed(seed[key]);
      }
      return out;
    }
    if (seed === undefined) {
      for (const key of keys) out[key] = this.spaces[key].seed();
      return out;
    }
    this.reseedOwn(seed, "Dict");
    const parent = this.source(undefined);
    for (const key of keys) out[key] = this.spaces[key].seed(seedFrom(parent));
    return out;
  }

  explain(value: unknown): string | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return `expected an object, got ${describe(value)}`;
    }
    const rec = value as Record<string, unknown>;
    for (const key of Object.keys(this.spaces)) {
      if (!Object.prototype.hasOwnProperty.call(rec, key)) return `missing key "${key}"`;
      const why = this.spaces[key].explain(rec[key]);
      if (why) return `${key}: ${why}`;
    }
    for (const key of Object.keys(rec)) {
      if (!Object.prototype.hasOwnProperty.call(this.spaces, key)) return `unexpected key "${key}"`;
    }
    return undefined;
  }
  contains(value: unknown): value is Record<string, unknown> {
    return this.explain(value) === undefined;
  }
  toJSON(): SpaceJSON {
    const spaces: Record<string, SpaceJSON> = {};
    for (const key of Object.keys(this.spaces)) spaces[key] = this.spaces[key].toJSON();
    return { type: "Dict", spaces };
  }
}

/**
 * Rebuilds a space from its JSON description (e.g. read from a dataset header).
 *
 * ```ts
 * const space = spaceFromJSON(header.observationSpaces.agent_0);
 * ```
 */
export function spaceFromJSON(json: SpaceJSON): Space {
  switch (json.type) {
    case "Discrete":
      return new Discrete(json.n, json.start);
    case "MultiDiscrete":
      return new MultiDiscrete(json.nvec);
    case "Box":
      return new Box(json.low, json.high, json.shape, json.dtype);
    case "Dict": {
      const spaces: Record<string, Space> = {};
      for (const [k, v] of Object.entries(json.spaces)) spaces[k] = spaceFromJSON(v);
      return new Dict(spaces);
    }
    default:
      throw new Error(`unknown space type ${JSON.stringify((json as { type?: unknown }).type)}`);
  }
}

function isNumberArray(value: unknown): value is ArrayLike<number> {
  if (Array.isArray(value)) return value.every((v) => typeof v === "number");
  // Any numeric typed array (entries are then checked to be integers in range).
  return (
    ArrayBuffer.isView(value) &&
    !(value instanceof DataView) &&
    !(value instanceof BigInt64Array) &&
    !(value instanceof BigUint64Array)
  );
}

/** A standard normal draw (Box-Muller). */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());
}
