/**
 * Interned sets of value indices, one table per fluent, so that a perspective's belief about a
 * fluent is a single integer and copying a whole belief state is copying an Int32Array.
 */
export class ValueSetTable {
  private readonly sets: number[][] = [];
  private readonly ids = new Map<string, number>();
  private readonly singletons: number[] = [];
  private fullId = -1;
  private fullSize = -1;

  /** The id of a set given as sorted, distinct value indices. */
  intern(sortedValues: number[]): number {
    const key = sortedValues.join(",");
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(sortedValues);
      this.ids.set(key, id);
    }
    return id;
  }

  singleton(v: number): number {
    let id = this.singletons[v];
    if (id === undefined) {
      id = this.intern([v]);
      this.singletons[v] = id;
    }
    return id;
  }

  /** The set of all `size` values of the domain. */
  full(size: number): number {
    if (size !== this.fullSize) {
      this.fullId = this.intern(Array.from({ length: size }, (_, i) => i));
      this.fullSize = size;
    }
    return this.fullId;
  }

  get(id: number): readonly number[] {
    return this.sets[id];
  }

  clone(): ValueSetTable {
    const t = new ValueSetTable();
    for (const s of this.sets) t.intern(s);
    return t;
  }
}

/**
 * The three rules of a negative observation on value sets of one fluent (see chain-tracker.ts):
 * `without` drops the absent values (every other value when nothing is left), `coarse` gives
 * every other value to a set holding one of them, `fromPartial` is what a looker learned as seen
 * by a partial observer holding the given set.
 */
export function absenceRules(
  sets: ValueSetTable,
  absent: ReadonlySet<number>,
  size: number
): { without(id: number): number; coarse(id: number): number; fromPartial(id: number): number } {
  const others = sets.intern(
    Array.from({ length: size }, (_, i) => i).filter((i) => !absent.has(i))
  );
  return {
    without: (id) => {
      const s = sets.get(id);
      const rest = s.filter((i) => !absent.has(i));
      if (rest.length === s.length) return id;
      return rest.length === 0 ? others : sets.intern(rest);
    },
    coarse: (id) => (sets.get(id).some((i) => absent.has(i)) ? others : id),
    fromPartial: (id) => {
      const s = sets.get(id);
      const seen = s.filter((i) => absent.has(i));
      if (seen.length === s.length) return id;
      if (seen.length === 0) return others;
      return sets.intern([...new Set([...seen, ...sets.get(others)])].sort((x, y) => x - y));
    }
  };
}
