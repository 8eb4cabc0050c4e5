/**
 * Nested belief graphs (payload format 2): who believes what, to any depth, over time, true or
 * false against the world. `nestedBeliefGraph(spec)` builds one by hand; `beliefGraphOf` (in
 * belief-sources.ts) reads one from a tracker, a RoomWorld, a story run or a belief store. The
 * static fallback draws the last snapshot with the shared layout of `pwmk/payloads`.
 */
import { inspect } from "util";
import type { Displayable, MimeBundle } from "./bundle";
import { frozenJsonCopy } from "./json";
import { contentHash, escapeMarkup } from "./escape";
import {
  assertPayload,
  BELIEF_GRAPH_V2,
  BELIEF_GRAPH_V2_MIME,
  beliefInWords,
  beliefRoute,
  beliefTruth,
  chainId,
  fitText,
  fmt,
  layoutBeliefGraphV2,
  truncate,
  type BeliefGraphV2Payload,
  type NestedBelief
} from "./payloads";

/**
 * One belief for {@link nestedBeliefGraph}: the last agent of `chain`, as the agents before it
 * imagine it, believes `fact` (free text).
 *
 * ```ts
 * const b: NestedBeliefSpec = { chain: ["anne", "sally"], fact: "at(marble) = basket" };
 * ```
 */
export interface NestedBeliefSpec {
  /** Agents, outermost first; at least one. */
  chain: string[];
  /** The believed fact as text, e.g. "at(marble) = basket". */
  fact: string;
  /** Degree of belief in [0, 1]; absent means a plain belief. */
  credence?: number;
  /** True when the fact is one of several values the agent considers possible. */
  uncertain?: boolean;
}

/**
 * One moment for {@link nestedBeliefGraph}: its beliefs and, when known, the facts true in
 * the world (as text, like the beliefs' facts).
 *
 * ```ts
 * const s: BeliefSnapshotSpec = { label: "after the move", world: ["at(marble) = box"], beliefs: [] };
 * ```
 */
export interface BeliefSnapshotSpec {
  /** The moment's name on the time slider, e.g. "after the move". */
  label?: string;
  /** The facts true in the world then, written like the beliefs' facts (marks false beliefs). */
  world?: string[];
  /** Everything believed at this moment. */
  beliefs: NestedBeliefSpec[];
}

/**
 * Input of {@link nestedBeliefGraph}.
 *
 * ```ts
 * const spec: NestedBeliefGraphSpec = { agents: ["sally", "anne"], snapshots: [{ beliefs: [] }] };
 * ```
 */
export interface NestedBeliefGraphSpec {
  /** The graph's heading. */
  title?: string;
  /** Agents in display order; agents named only in chains are added after them. */
  agents?: string[];
  /** The moments, in time order (the static picture shows the last). */
  snapshots: BeliefSnapshotSpec[];
}

/**
 * Builds a nested belief graph by hand. Facts are given as text; each distinct text becomes
 * one fact. Throws an error naming the problem for empty names, repeated beliefs or credences
 * outside [0, 1].
 *
 * ```ts
 * const g = nestedBeliefGraph({
 *   title: "Sally-Anne",
 *   snapshots: [{
 *     world: ["at(marble) = box"],
 *     beliefs: [
 *       { chain: ["sally"], fact: "at(marble) = basket" },
 *       { chain: ["anne", "sally"], fact: "at(marble) = basket" }
 *     ]
 *   }]
 * });
 * pwmk.display(g);
 * ```
 */
export function nestedBeliefGraph(spec: NestedBeliefGraphSpec): NestedBeliefGraph {
  if (typeof spec !== "object" || spec === null || !Array.isArray(spec.snapshots)) {
    throw new Error("nestedBeliefGraph needs { snapshots: [{ beliefs: [{ chain, fact }] }] }");
  }
  if (spec.snapshots.length === 0) throw new Error("nestedBeliefGraph needs at least one snapshot");
  const agents: string[] = [];
  const addAgent = (a: unknown, where: string) => {
    if (typeof a !== "string" || a === "")
      throw new Error(`nestedBeliefGraph: ${where} must be a non-empty agent name`);
    if (!agents.includes(a)) agents.push(a);
  };
  (spec.agents ?? []).forEach((a, i) => addAgent(a, `agents[${i}]`));
  const factIds = new Map<string, string>();
  const factId = (text: unknown, where: string): string => {
    if (typeof text !== "string" || text === "")
      throw new Error(`nestedBeliefGraph: ${where} must be non-empty text`);
    let id = factIds.get(text);
    if (id === undefined) factIds.set(text, (id = `f${factIds.size}`));
    return id;
  };
  const snapshots = spec.snapshots.map((s, i) => {
    const where = `snapshots[${i}]`;
    if (typeof s !== "object" || s === null || !Array.isArray(s.beliefs))
      throw new Error(`nestedBeliefGraph: ${where} needs a beliefs array`);
    const beliefs = s.beliefs.map((b, j): NestedBelief => {
      const at = `${where}.beliefs[${j}]`;
      if (!Array.isArray(b?.chain) || b.chain.length === 0)
        throw new Error(`nestedBeliefGraph: ${at}.chain must list at least one agent`);
      b.chain.forEach((a, k) => addAgent(a, `${at}.chain[${k}]`));
      const belief: NestedBelief = { chain: [...b.chain], fact: factId(b.fact, `${at}.fact`) };
      if (b.credence !== undefined) belief.credence = b.credence;
      if (b.uncertain) belief.uncertain = true;
      return belief;
    });
    const snapshot: BeliefGraphV2Payload["snapshots"][number] = { beliefs };
    if (s.label !== undefined) snapshot.label = s.label;
    if (s.world !== undefined) {
      if (!Array.isArray(s.world))
        throw new Error(`nestedBeliefGraph: ${where}.world must be an array of facts`);
      snapshot.world = s.world.map((f, k) => factId(f, `${where}.world[${k}]`));
    }
    return snapshot;
  });
  const payload: BeliefGraphV2Payload = {
    version: "2.0",
    agents: agents.map((id) => ({ id })),
    facts: [...factIds].map(([label, id]) => ({ id, label })),
    snapshots
  };
  if (spec.title !== undefined) payload.title = spec.title;
  try {
    return NestedBeliefGraph.fromPayload(payload);
  } catch (e) {
    throw new Error(
      `nestedBeliefGraph: ${(e as Error).message.replace(/^invalid belief graph: /, "")}`
    );
  }
}

/**
 * A nested belief graph ready to be shown (payload format 2, validated and frozen).
 *
 * ```ts
 * const g = NestedBeliefGraph.fromPayload(JSON.parse(saved));
 * g.toText();
 * ```
 */
export class NestedBeliefGraph implements Displayable {
  private constructor(
    /** The JSON payload the extension draws (the nested belief graph's MIME type), validated. */
    readonly payload: Readonly<BeliefGraphV2Payload>
  ) {}

  /**
   * Validates `payload` (throwing an error listing its problems) and wraps a deep copy.
   *
   * ```ts
   * NestedBeliefGraph.fromPayload({ version: "2.0", agents: [], facts: [], snapshots: [{ beliefs: [] }] });
   * ```
   */
  static fromPayload(payload: unknown): NestedBeliefGraph {
    assertPayload(BELIEF_GRAPH_V2, payload);
    return new NestedBeliefGraph(frozenJsonCopy(payload));
  }

  /** The bundle: the format-2 payload, the static drawing (SVG and HTML) and plain text. */
  toMimeBundle(): MimeBundle {
    return {
      [BELIEF_GRAPH_V2_MIME]: JSON.parse(JSON.stringify(this.payload)),
      "image/svg+xml": this.toSVG(),
      "text/html": `<div class="pwmk-belief-graph">${this.toSVG()}</div>`,
      "text/plain": this.toText()
    };
  }

  /** The last snapshot as a self-contained SVG (no scripts, every label escaped). */
  toSVG(): string {
    return nestedGraphSvg(this.payload);
  }

  /** Every snapshot, one line per belief, in words. */
  toText(): string {
    const g = this.payload;
    const n = g.snapshots.length;
    const lines = [
      `Belief graph${g.title ? ` "${truncate(g.title, 200)}"` : ""}: ${g.agents.length} agents, ` +
        `${g.facts.length} facts, ${n} snapshot${n === 1 ? "" : "s"}`
    ];
    g.snapshots.forEach((s, i) => {
      if (n > 1) lines.push(`[${i}]${s.label ? ` ${truncate(s.label, 200)}` : ""}`);
      if (s.beliefs.length === 0) lines.push("  (no beliefs)");
      for (const b of s.beliefs) lines.push(`  ${truncate(beliefInWords(g, s, b), 400)}`);
    });
    return lines.join("\n");
  }

  /** tslab and the Node REPL print the text instead of the object's fields. */
  [inspect.custom](): string {
    return this.toText();
  }
}

const FALSE_COLOUR = "#c53030";

function nestedGraphSvg(g: Readonly<BeliefGraphV2Payload>): string {
  const snapIndex = g.snapshots.length - 1;
  const snap = g.snapshots[snapIndex];
  const caption =
    g.snapshots.length > 1
      ? `snapshot ${snapIndex + 1} of ${g.snapshots.length}${snap.label ? `: ${snap.label}` : ""}`
      : (snap.label ?? "");
  const top = (g.title ? 30 : 8) + (caption ? 22 : 0) + 8;
  const layout = layoutBeliefGraphV2(g, { top });
  // Only what the shown snapshot holds: the chains its beliefs run through.
  const live = new Set<string>();
  for (const b of snap.beliefs)
    for (let d = 1; d <= b.chain.length; d++) live.add(chainId(b.chain.slice(0, d)));
  const labels = new Map(g.agents.map((a) => [a.id, a.label ?? a.id]));
  const world = snap.world ? new Set(snap.world) : null;
  const height = layout.height + (world ? 16 : 0);
  const markerId = `pwmk-nested-${contentHash(JSON.stringify(g))}`;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(layout.width)}" height="${fmt(height)}" ` +
      `viewBox="0 0 ${fmt(layout.width)} ${fmt(height)}" font-family="sans-serif" font-size="13" role="img" ` +
      `aria-label="${escapeMarkup(truncate(`belief graph ${g.title ?? ""}`, 200))}">`,
    `<defs><marker id="${markerId}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto">` +
      `<path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`
  ];
  let y = 8;
  if (g.title) {
    out.push(
      `<text x="16" y="${y + 16}" font-size="15" font-weight="bold" fill="#222">${escapeMarkup(truncate(g.title, 80))}</text>`
    );
    y += 30;
  }
  if (caption)
    out.push(
      `<text x="16" y="${y + 14}" fill="#444">${escapeMarkup(truncate(caption, 120))}</text>`
    );
  // Nesting links: a chain to the chain it extends (A believes B believes ...).
  for (const c of layout.chains) {
    if (!c.parent || !live.has(c.id)) continue;
    const p = layout.chainById.get(c.parent)!;
    out.push(
      `<line x1="${fmt(p.x + p.width)}" y1="${fmt(p.y + p.height / 2)}" x2="${fmt(c.x)}" y2="${fmt(c.y + c.height / 2)}" stroke="#2b6cb0" stroke-width="1.5" marker-end="url(#${markerId})"/>`
    );
  }
  for (const b of snap.beliefs) {
    const c = layout.chainById.get(chainId(b.chain))!;
    const f = layout.facts.get(b.fact)!;
    const wrong = beliefTruth(snap, b) === "false";
    const dashed = b.uncertain || (b.credence !== undefined && b.credence < 1);
    const route = beliefRoute(layout, c, f);
    const points = route.map(([x, y]) => `${fmt(x)},${fmt(y)}`).join(" ");
    out.push(
      `<polyline points="${points}" fill="none" stroke="${wrong ? FALSE_COLOUR : "#555"}" stroke-width="1.2"` +
        `${dashed ? ` stroke-dasharray="5 3"` : ""} marker-end="url(#${markerId})"><title>${escapeMarkup(truncate(beliefInWords(g, snap, b), 300))}</title></polyline>`
    );
    if (b.credence !== undefined) {
      // On the chain's own row, just before the turn: no other label shares it.
      out.push(
        `<text x="${fmt(layout.turnX - 30)}" y="${fmt(route[0][1] - 4)}" font-size="11" fill="#333">${fmt(b.credence)}</text>`
      );
    }
  }
  for (const c of layout.chains) {
    if (c.depth > 1 && !live.has(c.id)) continue;
    const name = labels.get(c.chain[c.chain.length - 1]) ?? "";
    const words = c.chain.map((a) => labels.get(a) ?? a).join(" → ");
    out.push(
      `<g><title>${escapeMarkup(truncate(words, 300))}</title>` +
        `<rect x="${fmt(c.x)}" y="${fmt(c.y)}" width="${fmt(c.width)}" height="${c.height}" rx="14" fill="${c.depth === 1 ? "#dbe9f7" : "#eef4fb"}" stroke="#2b6cb0"${c.depth > 1 ? ` stroke-dasharray="3 2"` : ""}/>` +
        `<text x="${fmt(c.x + c.width / 2)}" y="${fmt(c.y + c.height / 2 + 4.5)}" text-anchor="middle" fill="#111">${escapeMarkup(fitText(name, c.width))}</text></g>`
    );
  }
  for (const fact of g.facts) {
    const f = layout.facts.get(fact.id)!;
    const holds = world?.has(fact.id);
    out.push(
      `<g><title>${escapeMarkup(truncate(`${fact.label}${world ? (holds ? " (true in the world)" : " (false in the world)") : ""}`, 300))}</title>` +
        `<rect x="${fmt(f.x)}" y="${fmt(f.y)}" width="${fmt(f.width)}" height="${f.height}" rx="4" fill="${holds ? "#e6f4ea" : "#fdf3d3"}" stroke="${holds ? "#2f855a" : "#b7791f"}"${holds ? ` stroke-width="2"` : ""}/>` +
        `<text x="${fmt(f.x + f.width / 2)}" y="${fmt(f.y + f.height / 2 + 4.5)}" text-anchor="middle" fill="#111">${escapeMarkup(fitText(fact.label, f.width))}</text></g>`
    );
  }
  if (world) {
    out.push(
      `<text x="16" y="${fmt(height - 6)}" font-size="11" fill="#444">green: true in the world · red lines: false beliefs · dashed: uncertain</text>`
    );
  }
  out.push("</svg>");
  return out.join("");
}
