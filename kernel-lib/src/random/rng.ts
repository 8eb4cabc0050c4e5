/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32). Environments use it
 * for everything random so that an episode is reproducible bit for bit from its seed; nothing in
 * `envs/` or `data/` calls `Math.random`.
 *
 * ```ts
 * const rng = new Rng(42);
 * rng.int(6); // the same number on every run
 * ```
 */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  /** Seeds the generator; the seed must be a safe, non-negative integer. */
  constructor(seed: number) {
    this.reseed(seed);
  }

  /** Restarts the sequence from `seed` (a safe, non-negative integer). */
  reseed(seed: number): void {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(
        `seed must be a non-negative safe integer, got ${typeof seed === "number" ? seed : JSON.stringify(seed)}`
      );
    }
    // splitmix32 over the low 32-bit half fills the four state words; the high half (seeds from
    // 2^32 on) feeds a second stream mixed into words b and c, so that no two seeds share a state
    // (folding both halves into one 32-bit word made e.g. 5 and 6949403068 identical).
    const low = seed >>> 0;
    const high = Math.floor(seed / 4294967296) >>> 0;
    const stream = (start: number): (() => number) => {
      let s = start;
      return () => {
        s = (s + 0x9e3779b9) | 0;
        let z = s;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
        return (z ^ (z >>> 16)) >>> 0;
      };
    };
    const next = stream(low);
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next() | 1;
    if (high !== 0) {
      // Seeds below 2^32 keep their historical sequences (recorded datasets replay unchanged).
      const nextHigh = stream(~high);
      this.b = (this.b ^ nextHigh()) >>> 0;
      this.c = (this.c ^ nextHigh()) >>> 0;
    }
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** The next unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [0, n); n must be a positive integer. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0)
      throw new RangeError(`int(n) needs a positive integer, got ${n}`);
    return Math.floor(this.float() * n);
  }

  /** An integer in [lo, hi] inclusive. */
  intBetween(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** A uniformly chosen element of a non-empty array. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("choice() needs a non-empty array");
    return items[this.int(items.length)];
  }

  /** Shuffles an array in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** The generator's state, to save and later restore with `setState`. */
  getState(): [number, number, number, number] {
    return [this.a, this.b, this.c, this.d];
  }

  /** Restores a state returned by `getState`. */
  setState(state: readonly number[]): void {
    if (state.length !== 4 || state.some((x) => !Number.isInteger(x))) {
      throw new RangeError("Rng state must be four integers");
    }
    [this.a, this.b, this.c, this.d] = state.map((x) => x | 0);
  }
}
