/**
 * Generated belief KBs for the belief-store benchmark: K agents, nested beliefs up to depth d
 * (no immediate self-nesting), one believed room per (agent chain, object), rooms on a ring with
 * chords. Deterministic (seeded), so every backend gets the same KB and the same query stream.
 */
import { Rng } from "../src/random/rng";

export interface GeneratedKb {
  text: string;
  facts: number;
  beliefs: Array<{ chain: string[]; obj: string; room: string }>;
  groundQueries: string[];
  openQueries: string[];
  updates: Array<{ chain: string[]; obj: string; from: string; to: string }>;
}

/** A seeded stream of floats in [0, 1), so every run replays the same data. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.float();
}

const nest = (chain: string[], fact: string): string =>
  chain.reduceRight((inner, a) => `believes(${a},${inner})`, fact);

/** Builds a KB of about `n` facts with `agents` agents and belief depth up to `depth`. */
export function generateKb(n: number, agents = 16, depth = 3, rooms = 16, seed = 7): GeneratedKb {
  const rand = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const A = Array.from({ length: agents }, (_, i) => `agent_${i}`);
  const R = Array.from({ length: rooms }, (_, i) => `room_${i}`);
  const objects = Math.max(8, Math.round(n / 400));
  const O = Array.from({ length: objects }, (_, i) => (i === 0 ? "treasure" : `obj_${i}`));
  const lines: string[] = [":- dynamic(at/2).", ":- dynamic(edge/2)."];
  for (let i = 0; i < rooms; i++) {
    lines.push(`edge(${R[i]},${R[(i + 1) % rooms]}).`);
    if (i % 3 === 0) lines.push(`edge(${R[i]},${R[(i + 5) % rooms]}).`);
  }
  const where = new Map<string, string>();
  for (const o of O) {
    const r = pick(R);
    where.set(o, r);
    lines.push(`at(${o},${r}).`);
  }
  for (const a of A) lines.push(`at(${a},${pick(R)}).`);
  const seen = new Set<string>();
  const beliefs: GeneratedKb["beliefs"] = [];
  const target = n - lines.length + 2;
  while (beliefs.length < target) {
    const len = 1 + Math.floor(rand() * depth);
    const chain: string[] = [];
    while (chain.length < len) {
      const a = pick(A);
      if (chain[chain.length - 1] !== a) chain.push(a);
    }
    const obj = pick(O);
    const key = `${chain.join("/")}:${obj}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const room = rand() < 0.7 ? where.get(obj)! : pick(R);
    beliefs.push({ chain, obj, room });
    lines.push(`${nest(chain, `at(${obj},${room})`)}.`);
  }
  const groundQueries: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    const b = beliefs[Math.floor(rand() * beliefs.length)];
    const room = i % 2 === 0 ? b.room : R[(R.indexOf(b.room) + 1) % rooms];
    groundQueries.push(nest(b.chain, `at(${b.obj},${room})`));
  }
  const openQueries = A.map((a) => `believes(${a},believes(B,at(O,L)))`);
  const updates: GeneratedKb["updates"] = [];
  const current = new Map(beliefs.map((b) => [`${b.chain.join("/")}:${b.obj}`, b.room]));
  for (let i = 0; i < 5_000; i++) {
    const b = beliefs[Math.floor(rand() * beliefs.length)];
    const key = `${b.chain.join("/")}:${b.obj}`;
    const from = current.get(key)!;
    const to = R[(R.indexOf(from) + 1 + Math.floor(rand() * (rooms - 1))) % rooms];
    current.set(key, to);
    updates.push({ chain: b.chain, obj: b.obj, from, to });
  }
  return {
    text: lines.join("\n") + "\n",
    facts: lines.length - 2,
    beliefs,
    groundQueries,
    openQueries,
    updates
  };
}

export { nest };
