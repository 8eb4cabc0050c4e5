/**
 * Reading nested belief graphs from what users hold: a belief tracker (ChainTracker,
 * KripkeTracker), probabilistic beliefs (credences), a RoomWorld (one snapshot per story step,
 * replayed from its history), a story run, a BeliefStore (its snapshots and current state) or
 * one stored snapshot (KbData). A fluent's value becomes a fact ("at(marble) = basket"; a
 * boolean fluent reads "in(sally, room)" or "not in(sally, room)").
 */
import { BeliefStore } from "../beliefs/store";
import type { KbData } from "../beliefs/types";
import { ChainTracker } from "../epistemic/chain-tracker";
import { chainKey, chainsUpTo, type AgentId, type Fluent, type Value } from "../epistemic/events";
import { KripkeTracker } from "../epistemic/kripke-tracker";
import { ProbabilisticBeliefs } from "../epistemic/probabilistic/probabilistic-beliefs";
import type { BeliefTracker } from "../epistemic/tracker";
import { RoomWorld } from "../stories/rooms";
import { StoryRun } from "../stories/story";
import { formatTerm } from "../terms/printer";
import { Compound, type Term } from "../terms/term";
import {
  nestedBeliefGraph,
  type BeliefSnapshotSpec,
  type NestedBeliefGraph,
  type NestedBeliefSpec
} from "./nested-graph";

/**
 * Options of {@link beliefGraphOf}.
 *
 * ```ts
 * beliefGraphOf(world, { depth: 2, fluents: (f) => f.startsWith("at(") });
 * ```
 */
export interface BeliefGraphOptions {
  /** The graph's heading. */
  title?: string;
  /** Longest agent chain shown (default: the tracker's depth, at most 2 when unbounded). */
  depth?: number;
  /** Which fluents to show (default: all). */
  fluents?: (fluent: Fluent) => boolean;
  /** Probabilistic beliefs: values below this probability are left out (default 0.01). */
  minCredence?: number;
}

/**
 * The things {@link beliefGraphOf} reads.
 *
 * ```ts
 * const source: BeliefSource = pwmk.runStory(text);
 * ```
 */
export type BeliefSource =
  BeliefTracker | ProbabilisticBeliefs | RoomWorld | StoryRun | BeliefStore | KbData;

/**
 * A nested belief graph of `source` (see {@link BeliefSource}): who believes what, to the
 * chosen depth, against the world. A RoomWorld or story run gives one snapshot per step, so the
 * viewer's time slider replays the story; a BeliefStore gives one per stored snapshot plus
 * its current state. `pwmk.display(source)` shows the same graph.
 *
 * ```ts
 * const w = new pwmk.RoomWorld({ agents: ["sally", "anne"], rooms: { room: ["basket", "box"] },
 *   objects: { marble: "basket" }, agentRooms: { sally: "room", anne: "room" } });
 * w.exit("sally").move("anne", "marble", "box");
 * pwmk.display(beliefGraphOf(w, { fluents: (f) => f.startsWith("at(") }));
 * ```
 */
export function beliefGraphOf(
  source: BeliefSource,
  options: BeliefGraphOptions = {}
): NestedBeliefGraph {
  if (source instanceof StoryRun) return beliefGraphOf(source.world, options);
  if (source instanceof RoomWorld) return fromRoomWorld(source, options);
  if (source instanceof BeliefStore) return fromStore(source, options);
  if (source instanceof ProbabilisticBeliefs) return fromProbabilistic(source, options);
  if (isTracker(source)) {
    return nestedBeliefGraph({
      title: options.title,
      agents: [...source.agents],
      snapshots: [trackerSnapshot(source, options)]
    });
  }
  if (isKbData(source)) {
    return nestedBeliefGraph({ title: options.title, snapshots: [kbSnapshot(source)] });
  }
  throw new Error(
    "beliefGraphOf needs a belief tracker, ProbabilisticBeliefs, a RoomWorld, a story run, a BeliefStore or a store snapshot"
  );
}

/**
 * True for a belief tracker (the BeliefTracker interface).
 *
 * ```ts
 * isTracker(new pwmk.ChainTracker(init)); // true
 * ```
 */
export function isTracker(value: unknown): value is BeliefTracker {
  const t = value as Partial<BeliefTracker> | null;
  return (
    typeof t === "object" &&
    t !== null &&
    Array.isArray(t.agents) &&
    typeof t.believedValues === "function" &&
    typeof t.groundTruth === "function" &&
    typeof t.apply === "function"
  );
}

/**
 * True for anything {@link beliefGraphOf} reads.
 *
 * ```ts
 * isBeliefSource(pwmk.runStory(text)); // true
 * ```
 */
export function isBeliefSource(value: unknown): value is BeliefSource {
  return (
    value instanceof StoryRun ||
    value instanceof RoomWorld ||
    value instanceof BeliefStore ||
    value instanceof ProbabilisticBeliefs ||
    isTracker(value) ||
    isKbData(value)
  );
}

function isKbData(value: unknown): value is KbData {
  const d = value as Partial<KbData> | null;
  return typeof d === "object" && d !== null && Array.isArray(d.beliefs) && Array.isArray(d.facts);
}

function factText(fluent: Fluent, value: Value): string {
  if (value === true) return fluent;
  if (value === false) return `not ${fluent}`;
  return `${fluent} = ${String(value)}`;
}

function trackerSnapshot(
  tracker: BeliefTracker,
  options: BeliefGraphOptions,
  label?: string
): BeliefSnapshotSpec {
  const gt = tracker.groundTruth(options.depth);
  const keep = options.fluents ?? (() => true);
  const beliefs: NestedBeliefSpec[] = [];
  const fluents = new Set<Fluent>();
  for (const chain of chainsUpTo(gt.agents, gt.depth)) {
    const held = gt.perspectives[chainKey(chain)] ?? {};
    for (const [fluent, values] of Object.entries(held)) {
      if (!keep(fluent) || values.length === 0) continue;
      fluents.add(fluent);
      for (const v of values) {
        const belief: NestedBeliefSpec = { chain, fact: factText(fluent, v) };
        if (values.length > 1) belief.uncertain = true;
        beliefs.push(belief);
      }
    }
  }
  const world: string[] = [];
  for (const fluent of fluents) {
    const truth = tracker.believedValues([], fluent);
    if (truth.length === 1) world.push(factText(fluent, truth[0]));
  }
  return label === undefined ? { world, beliefs } : { label, world, beliefs };
}

function fromRoomWorld(w: RoomWorld, options: BeliefGraphOptions): NestedBeliefGraph {
  // The world keeps only its current beliefs, so replay its history into a fresh tracker of
  // the same kind, taking a snapshot after every step.
  const replay: BeliefTracker =
    w.tracker instanceof KripkeTracker
      ? new KripkeTracker(w.trackerInit)
      : new ChainTracker(w.trackerInit);
  const depth = options.depth ?? w.trackerInit.maxDepth ?? 2;
  const snapshots = w.history().map((step) => {
    for (const e of step.events) replay.apply(e);
    return trackerSnapshot(replay, { ...options, depth }, `t=${step.t}: ${step.text}`);
  });
  return nestedBeliefGraph({ title: options.title, agents: [...w.tracker.agents], snapshots });
}

function fromProbabilistic(
  p: ProbabilisticBeliefs,
  options: BeliefGraphOptions
): NestedBeliefGraph {
  const keep = options.fluents ?? (() => true);
  const min = options.minCredence ?? 0.01;
  const beliefs: NestedBeliefSpec[] = [];
  const fluents = p.fluents.filter(keep);
  for (const chain of chainsUpTo(p.agents, options.depth ?? p.maxDepth)) {
    for (const fluent of fluents) {
      for (const [value, probability] of Object.entries(p.distribution(chain, fluent))) {
        if (probability >= min)
          beliefs.push({
            chain,
            fact: `${fluent} = ${value}`,
            credence: Math.round(probability * 1000) / 1000
          });
      }
    }
  }
  // Distributions name values as text, so the world's facts do too ("lit = true").
  const world = fluents.map((f) => `${f} = ${String(p.world[f])}`);
  return nestedBeliefGraph({
    title: options.title,
    agents: [...p.agents],
    snapshots: [{ label: `step ${p.step}`, world, beliefs }]
  });
}

function fromStore(store: BeliefStore, options: BeliefGraphOptions): NestedBeliefGraph {
  const snapshots = store
    .snapshotTimes()
    .map((t) => ({ ...kbSnapshot(store.getSnapshot(t)), label: `t=${t}` }));
  snapshots.push({ ...kbSnapshot(store.data()), label: "now" });
  return nestedBeliefGraph({ title: options.title, snapshots });
}

/** `believes(A, believes(B, F))` → chain `[A, B]`, fact F; the store's facts are the world. */
function kbSnapshot(data: KbData): BeliefSnapshotSpec {
  const beliefs: NestedBeliefSpec[] = [];
  const seen = new Set<string>();
  for (const term of data.beliefs) {
    const chain: AgentId[] = [];
    let inner: Term = term;
    while (inner instanceof Compound && inner.name === "believes" && inner.args.length === 2) {
      chain.push(formatTerm(inner.args[0]));
      inner = inner.args[1];
    }
    if (chain.length === 0) continue;
    const fact = formatTerm(inner);
    const key = JSON.stringify([chain, fact]);
    if (!seen.has(key)) beliefs.push({ chain, fact });
    seen.add(key);
  }
  return { world: [...new Set(data.facts.map((f) => formatTerm(f)))], beliefs };
}
