/**
 * An event of a product update: its row of pair numbers, and its new-cluster ids per agent
 * (plain arrays: small typed arrays would each need a buffer outside the heap).
 */
interface PairEvent {
  event: ModelEvent;
  row: number[];
  ids: (number[] | undefined)[];
}

/**
 * The product's belief-set pointers, one buffer per agent reused by every update (the product
 * lives only until it is contracted, and contraction copies what it keeps). So an action model's
 * callbacks must not run another update; none of ours does.
 */
const productOf: Int32Array[] = [];

/** The product buffers of `agents` agents, each holding at least `capacity` worlds. */
function productClusterOf(agents: number, capacity: number): Int32Array[] {
  while (productOf.length < agents) productOf.push(new Int32Array(64));
  for (let a = 0; a < agents; a++) {
    if (productOf[a].length >= capacity) continue;
    const grown = new Int32Array(Math.max(capacity, 2 * productOf[a].length));
    grown.set(productOf[a]);
    productOf[a] = grown;
  }
  return productOf;
}

/**
 * Pointed KD45 Kripke models with the product update and bisimulation contraction.
 *
 * A world is a valuation (one value index per fluent). Each agent's accessibility relation is
 * stored as belief sets: `clusterOf[a][w]` names the set of worlds agent a considers possible
 * at w, and all worlds in that set share it (transitive and euclidean).
 */
import type { ActionModel, ModelEvent } from "./action-models";
import { contractParts } from "./contraction";

export class KripkeModel {
  constructor(
    /** Valuations, one per world. */
    readonly worlds: Int32Array[],
    /** clusterOf[a][w]: index into clusters[a]. */
    readonly clusterOf: Int32Array[],
    /** clusters[a][c]: the worlds in belief set c of agent a. */
    readonly clusters: number[][][],
    readonly actual: number
  ) {}

  get size(): number {
    return this.worlds.length;
  }

  /** The worlds agent a considers possible from any world in `from` (deduplicated). */
  successors(a: number, from: Iterable<number>): number[] {
    const seenCluster = new Set<number>();
    const out = new Set<number>();
    for (const w of from) {
      const c = this.clusterOf[a][w];
      if (seenCluster.has(c)) continue;
      seenCluster.add(c);
      for (const v of this.clusters[a][c]) out.add(v);
    }
    return [...out];
  }

  /**
   * The product update with an action model, keeping only worlds reachable from the actual
   * one, followed by bisimulation contraction. Throws (model unchanged) if the result would
   * exceed `maxWorlds` before contraction.
   */
  update(model: ActionModel, agents: number, maxWorlds: number): KripkeModel {
    const W = this.worlds.length;
    // Pairs (world, event) are numbered through one row per event key, indexed by world. Models
    // hand out the same event objects again and again, so an event's record is found by object
    // (the last one first) before its key.
    const byKey = new Map<string, PairEvent>();
    const byObject = new Map<ModelEvent, PairEvent>();
    let lastEvent: ModelEvent | undefined;
    let lastRecord: PairEvent | undefined;
    const recordOf = (e: ModelEvent): PairEvent => {
      if (e === lastEvent) return lastRecord!;
      let r = byObject.get(e);
      if (r === undefined) {
        r = byKey.get(e.key);
        if (r === undefined) {
          r = { event: e, row: new Array<number>(W).fill(-1), ids: new Array(agents) };
          byKey.set(e.key, r);
        }
        byObject.set(e, r);
      }
      lastEvent = e;
      lastRecord = r;
      return r;
    };
    const pairWorld: number[] = [];
    const pairRecord: PairEvent[] = [];
    const addPair = (w: number, e: ModelEvent): number => {
      const r = recordOf(e);
      let i = r.row[w];
      if (i < 0) {
        i = pairWorld.length;
        if (i >= maxWorlds) {
          throw new RangeError(`the possible-worlds model would exceed ${maxWorlds} worlds`);
        }
        r.row[w] = i;
        pairWorld.push(w);
        pairRecord.push(r);
      }
      return i;
    };
    const actual = addPair(this.actual, model.actual);
    let capacity = 2 * W;
    productClusterOf(agents, capacity);
    const newClusters: number[][][] = [];
    // New cluster ids per old cluster of each agent, one array per successor key.
    const idsOfKey: Map<string, number[]>[] = [];
    for (let a = 0; a < agents; a++) {
      newClusters.push([]);
      idsOfKey.push(new Map());
    }
    // The valuations of the old belief set being expanded, built only if the model asks.
    let setAgent = 0;
    let setIndex = 0;
    let setValuations: Int32Array[] | undefined;
    const cluster = (): readonly Int32Array[] =>
      (setValuations ??= this.clusters[setAgent][setIndex].map((m) => this.worlds[m]));
    for (let p = 0; p < pairWorld.length; p++) {
      const w = pairWorld[p];
      const r = pairRecord[p];
      const e = r.event;
      if (p >= capacity) {
        capacity = 2 * p;
        productClusterOf(agents, capacity);
      }
      for (let a = 0; a < agents; a++) {
        const c = this.clusterOf[a][w];
        let ids = r.ids[a];
        if (ids === undefined) {
          const skey = model.successorKey(a, e);
          ids = idsOfKey[a].get(skey);
          if (ids === undefined) {
            ids = new Array<number>(this.clusters[a].length).fill(-1);
            idsOfKey[a].set(skey, ids);
          }
          r.ids[a] = ids;
        }
        let id = ids[c];
        if (id < 0) {
          const members: number[] = [];
          setAgent = a;
          setIndex = c;
          setValuations = undefined;
          for (const w2 of this.clusters[a][c]) {
            for (const e2 of model.successors(a, e, this.worlds[w2], cluster))
              members.push(addPair(w2, e2));
          }
          id = newClusters[a].length;
          newClusters[a].push(members);
          ids[c] = id;
        }
        productOf[a][p] = id;
      }
    }
    const worlds = new Array<Int32Array>(pairWorld.length);
    for (let p = 0; p < pairWorld.length; p++) {
      const post = pairRecord[p].event.post;
      const old = this.worlds[pairWorld[p]];
      if (post.length === 0) {
        worlds[p] = old;
        continue;
      }
      const val = old.slice();
      for (const [f, v] of post) val[f] = v;
      worlds[p] = val;
    }
    const c = contractParts({
      worlds,
      clusterOf: productOf.slice(0, agents),
      clusters: newClusters,
      actual
    });
    return new KripkeModel(c.worlds, c.clusterOf, c.clusters, c.actual);
  }

  /**
   * The smallest bisimilar model (partition refinement on valuations and belief sets), with its
   * worlds and belief sets in a canonical order: bisimilar models contract to identical
   * structures, so {@link canonicalKey} can compare states by their text (see contraction.ts).
   */
  contract(): KripkeModel {
    const c = contractParts(this);
    return new KripkeModel(c.worlds, c.clusterOf, c.clusters, c.actual);
  }
}
