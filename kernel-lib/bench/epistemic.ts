/**
 * Epistemic tracking throughput: events per second for 4, 16 and 64 agents at depth 1, 2 and 3,
 * for the perspective-chain tracker and the possible-worlds tracker, with memory.
 *
 * Anchor: the same facts kept naively — for every perspective chain the event changes, a
 * string-keyed JS Map update of "chain|fluent" → value — measured in the same run.
 */
import { ChainTracker } from "../src/epistemic/chain-tracker";
import type { EpistemicEvent, Observers } from "../src/epistemic/events";
import { KripkeTracker } from "../src/epistemic/kripke-tracker";
import type { TrackerInit } from "../src/epistemic/tracker";
import { Suite } from "./harness";
import { Rng } from "../src/random/rng";

/** A seeded stream of floats in [0, 1), so every run replays the same data. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.float();
}

const OBJECTS = 8;
const CONTAINERS = ["c0", "c1", "c2", "c3"];

function setup(nAgents: number, depth: number): TrackerInit {
  const agents = Array.from({ length: nAgents }, (_, i) => `agent_${i}`);
  const world: Record<string, string> = {};
  const domains: Record<string, string[]> = {};
  for (let o = 0; o < OBJECTS; o++) {
    world[`at(obj_${o})`] = CONTAINERS[o % 4];
    domains[`at(obj_${o})`] = CONTAINERS;
  }
  return { agents, world, domains, commonKnowledge: Object.keys(world), maxDepth: depth };
}

/**
 * A room-like stream: in each event about half the agents are present (full observers), a few
 * (`partial`, default 10%) watch from afar, the rest are elsewhere (oblivious). 60% moves, 25%
 * looks, 15% tells.
 */
function stream(init: TrackerInit, length: number, seed: number, partial = 0.1): EpistemicEvent[] {
  const r = rng(seed);
  const agents = init.agents;
  const out: EpistemicEvent[] = [];
  for (let i = 0; i < length; i++) {
    const observers: Observers = {};
    for (const a of agents) {
      const x = r();
      if (x < 0.5) observers[a] = "full";
      else if (x < 0.5 + partial) observers[a] = "partial";
    }
    const fluent = `at(obj_${Math.floor(r() * OBJECTS)})`;
    const value = CONTAINERS[Math.floor(r() * CONTAINERS.length)];
    const k = r();
    if (k < 0.6) out.push({ kind: "ontic", effects: { [fluent]: value }, observers });
    else if (k < 0.85) out.push({ kind: "sensing", fluents: [fluent], observers });
    else {
      const speaker = agents[Math.floor(r() * agents.length)];
      out.push({
        kind: "announcement",
        speaker,
        claim: { fluent, value },
        observers: { ...observers, [speaker]: "full" },
        trust: r() < 0.5 ? {} : { [agents[Math.floor(r() * agents.length)]]: false }
      });
    }
  }
  return out;
}

/** The anchor: write every fact the event touches into a string-keyed Map. */
function naiveApply(map: Map<string, string>, e: EpistemicEvent, depth: number): void {
  const parts = Object.keys(e.observers).filter((a) => e.observers[a] !== "oblivious");
  const fluents =
    e.kind === "ontic"
      ? Object.keys(e.effects)
      : e.kind === "sensing"
        ? e.fluents
        : e.kind === "announcement"
          ? [e.claim.fluent]
          : [e.fluent];
  const value =
    e.kind === "ontic"
      ? String(Object.values(e.effects)[0])
      : e.kind === "announcement"
        ? String(e.claim.value)
        : "seen";
  const walk = (prefix: string, last: string, len: number) => {
    for (const a of parts) {
      if (a === last) continue;
      const key = prefix ? `${prefix}/${a}` : a;
      for (const f of fluents) map.set(`${key}|${f}`, value);
      if (len + 1 < depth) walk(key, a, len + 1);
    }
  };
  walk("", "", 0);
}

/**
 * Median seconds per event over `reps` passes of the stream (after one warm-up pass), stopping
 * early once `budgetMs` is spent; `applied` is how many events one pass got through.
 */
function timeStream(
  apply: (e: EpistemicEvent) => void,
  events: EpistemicEvent[],
  budgetMs: number,
  reps = 3
): { perEvent: number; applied: number } {
  const samples: number[] = [];
  let applied = 0;
  for (let r = 0; r <= reps; r++) {
    const t0 = process.hrtime.bigint();
    applied = 0;
    for (const e of events) {
      apply(e);
      applied++;
      if (Number(process.hrtime.bigint() - t0) / 1e6 > budgetMs) break;
    }
    if (r > 0) samples.push(Number(process.hrtime.bigint() - t0) / 1e9 / applied);
    if (applied < events.length) {
      samples.push(Number(process.hrtime.bigint() - t0) / 1e9 / applied);
      break;
    }
  }
  samples.sort((x, y) => x - y);
  return { perEvent: samples[Math.floor(samples.length / 2)], applied };
}

export const epistemicSuite: Suite = {
  name: "epistemic tracking",
  async run(report) {
    {
      // warm up the JIT on a mid-sized configuration so the first figures are not cold
      const init = setup(16, 2);
      const events = stream(init, 400, 1);
      const t = new ChainTracker(init);
      const m = new Map<string, string>();
      for (let i = 0; i < 3; i++) events.forEach((e) => (t.apply(e), naiveApply(m, e, 2)));
    }
    for (const n of [4, 16, 64]) {
      for (const depth of [1, 2, 3]) {
        const init = setup(n, depth);
        const events = stream(init, 400, 1000 * n + depth);
        const chain = new ChainTracker(init);
        const c = timeStream((e) => chain.apply(e), events, 3000);
        const anchorMap = new Map<string, string>();
        const a = timeStream(
          (e) => naiveApply(anchorMap, e, depth),
          events.slice(0, c.applied),
          1e9
        );
        const us = c.perEvent * 1e6;
        const note =
          n === 16 && depth === 2
            ? `absolute target < 1000 µs/event: ${us < 1000 ? "MET" : "MISSED"} (${us.toFixed(1)} µs)`
            : undefined;
        report({
          name: `chains, ${n} agents, depth ${depth} (${c.applied} events)`,
          value: us,
          unit: "µs/event",
          anchor: { name: "Map update of the same facts", value: a.perEvent * 1e6 },
          better: "lower",
          target: note ? { note } : undefined
        });
        report({
          name: `chains memory (fixed, does not grow with the stream), ${n} agents, depth ${depth}`,
          value: chainBytes(n, depth) / 1024,
          unit: "KiB",
          anchor: {
            name: `Map of the same facts after ${c.applied} events`,
            value: approxMapKiB(anchorMap)
          },
          better: "lower"
        });
      }
    }
    // Possible worlds: update cost does not depend on the query depth; it grows with how
    // differently agents saw the history. Cut-off: 2 s per configuration or 200000 worlds.
    for (const [label, partial] of [
      ["co-present groups, no partial observers", 0],
      ["10% partial observers", 0.1]
    ] as const) {
      for (const n of [4, 16, 64]) {
        const init = setup(n, 3);
        const events = stream(init, 400, 7 * n, partial);
        const k = new KripkeTracker(init);
        let stopped = "";
        const worlds: number[] = [];
        const t0 = process.hrtime.bigint();
        for (const e of events) {
          try {
            k.apply(e);
            worlds.push(k.worldCount);
          } catch (err) {
            stopped = String((err as Error).message).slice(0, 60);
            break;
          }
          if (Number(process.hrtime.bigint() - t0) / 1e6 > 2000) {
            stopped = "2 s cut-off";
            break;
          }
        }
        const applied = worlds.length;
        const perEvent = Number(process.hrtime.bigint() - t0) / 1e9 / Math.max(1, applied);
        const map = new Map<string, string>();
        const a = timeStream((e) => naiveApply(map, e, 3), events.slice(0, applied), 1e9);
        const growth = [10, 50, 100, 200, 400]
          .filter((i) => i <= applied)
          .map((i) => `${i}:${worlds[i - 1]}`)
          .join(" ");
        report({
          name: `possible worlds, ${label}, ${n} agents (${applied}/${events.length} events${stopped ? `; stopped: ${stopped}` : ""}; worlds after events ${growth})`,
          value: perEvent * 1e6,
          unit: "µs/event",
          anchor: { name: "Map update of the same facts, depth 3", value: a.perEvent * 1e6 },
          better: "lower"
        });
        report({
          name: `possible worlds memory, ${label}, ${n} agents, after ${applied} events`,
          value: kripkeBytes(k) / 1024,
          unit: "KiB",
          anchor: { name: "Map of the same facts, depth 3", value: approxMapKiB(map) },
          better: "lower"
        });
      }
    }
  }
};

/** Bytes of a ChainTracker's belief table: one 32-bit set id per perspective and fluent. */
function chainBytes(n: number, depth: number): number {
  let slots = 0;
  for (let k = 1, p = n; k <= depth; k++, p *= n) slots += p;
  return slots * OBJECTS * 4;
}

/** Bytes of a Kripke model: valuations, per-agent belief-set ids and belief-set members. */
function kripkeBytes(k: KripkeTracker): number {
  const m = k.kripke;
  let members = 0;
  for (const cs of m.clusters) for (const c of cs) members += c.length;
  return m.size * (OBJECTS + m.clusterOf.length) * 4 + members * 8;
}

/** Rough heap size of a string Map: entries × (key + value + entry overhead). */
function approxMapKiB(map: Map<string, string>): number {
  let bytes = 0;
  for (const [k, v] of map) bytes += 2 * (k.length + v.length) + 64;
  return Math.max(1, bytes) / 1024;
}
