/**
 * Belief graph, format 2 (`application/vnd.pwmk.belief-graph.v2+json`): nested beliefs as
 * structure. A belief is an agent chain and a fact: `{ chain: ["anne", "sally"], fact: "f1" }`
 * reads "anne believes sally believes <f1>". Snapshots hold the beliefs over time, each with the
 * facts true in the world then (so false beliefs can be marked), and credences where beliefs
 * are probabilistic. The layout draws each chain as a path of agent boxes from the left
 * (depth 1) to the right, ending in the facts column.
 */
import type { PayloadKind } from "./kind";
import { columnWidth } from "./text";

/**
 * MIME type of a belief graph, format 2.
 *
 * ```ts
 * bundle[BELIEF_GRAPH_V2_MIME]; // a BeliefGraphV2Payload
 * ```
 */
export const BELIEF_GRAPH_V2_MIME = "application/vnd.pwmk.belief-graph.v2+json";

/**
 * An agent of a format-2 graph.
 *
 * ```ts
 * const a: BeliefGraphAgent = { id: "sally", label: "Sally" };
 * ```
 */
export interface BeliefGraphAgent {
  /** Unique among the agents; chains name agents by it. */
  id: string;
  /** Text shown; the id when absent. */
  label?: string;
}

/**
 * A fact that can be believed (and may hold in the world).
 *
 * ```ts
 * const f: BeliefGraphFact = { id: "f0", label: "at(marble) = basket" };
 * ```
 */
export interface BeliefGraphFact {
  /** Unique among the facts; beliefs and the world name facts by it. */
  id: string;
  /** The fact as text, e.g. "at(marble) = basket". */
  label: string;
}

/**
 * One nested belief: the last agent of `chain`, as imagined by the agents before it, believes
 * `fact`. `chain: ["anne", "sally"]` reads "anne believes sally believes …".
 *
 * ```ts
 * const b: NestedBelief = { chain: ["anne", "sally"], fact: "f0", credence: 0.8 };
 * ```
 */
export interface NestedBelief {
  /** Agent ids, outermost first; at least one. */
  chain: string[];
  /** Id of a fact. */
  fact: string;
  /** Degree of belief in [0, 1]; absent means a plain belief. */
  credence?: number;
  /** True when the fact is one of several values the agent considers possible. */
  uncertain?: boolean;
}

/**
 * The beliefs at one moment, with the facts that were true in the world then.
 *
 * ```ts
 * const s: BeliefGraphSnapshot = { label: "t=1", world: ["f1"], beliefs: [{ chain: ["sally"], fact: "f0" }] };
 * ```
 */
export interface BeliefGraphSnapshot {
  /** Caption of the moment, e.g. "t=3: anne moved the marble to the box". */
  label?: string;
  /** Ids of the facts true in the world at this moment; absent when the world is not known. */
  world?: string[];
  /** Everything believed at this moment. */
  beliefs: NestedBelief[];
}

/**
 * The payload of {@link BELIEF_GRAPH_V2_MIME}.
 *
 * ```ts
 * const g: BeliefGraphV2Payload = {
 *   version: "2.0",
 *   agents: [{ id: "sally" }, { id: "anne" }],
 *   facts: [{ id: "f0", label: "at(marble) = basket" }],
 *   snapshots: [{ world: [], beliefs: [{ chain: ["anne", "sally"], fact: "f0" }] }]
 * };
 * ```
 */
export interface BeliefGraphV2Payload {
  /** The payload format's "major.minor" version; a reader accepts any minor of its major. */
  version: `2.${number}`;
  /** The heading shown above the view. */
  title?: string;
  /** The agents, in display order. */
  agents: BeliefGraphAgent[];
  /** Every fact believed or true at some moment. */
  facts: BeliefGraphFact[];
  /** At least one; a time slider moves over them. */
  snapshots: BeliefGraphSnapshot[];
}

const ID = { type: "string", minLength: 1 } as const;

/**
 * JSON Schema (draft 2020-12) of {@link BeliefGraphV2Payload}.
 *
 * ```ts
 * checkSchema(BELIEF_GRAPH_V2_SCHEMA, payload); // [] when the structure is right
 * ```
 */
export const BELIEF_GRAPH_V2_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://pwmk.dev/schemas/belief-graph.v2.json",
  title: "PWMK belief graph, format 2.x",
  type: "object",
  required: ["version", "agents", "facts", "snapshots"],
  properties: {
    version: { type: "string", pattern: "^2\\.(0|[1-9][0-9]*)$" },
    title: { type: "string" },
    agents: {
      type: "array",
      items: {
        type: "object",
        required: ["id"],
        properties: { id: ID, label: { type: "string" } }
      }
    },
    facts: {
      type: "array",
      items: {
        type: "object",
        required: ["id", "label"],
        properties: { id: ID, label: { type: "string" } }
      }
    },
    snapshots: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["beliefs"],
        properties: {
          label: { type: "string" },
          world: { type: "array", items: ID },
          beliefs: {
            type: "array",
            items: {
              type: "object",
              required: ["chain", "fact"],
              properties: {
                chain: { type: "array", minItems: 1, maxItems: 32, items: ID },
                fact: ID,
                credence: { type: "number", minimum: 0, maximum: 1 },
                uncertain: { type: "boolean" }
              }
            }
          }
        }
      }
    }
  }
} as const;

/**
 * The format-2 belief graph as a payload kind (for `validatePayload`, `readPayload`).
 *
 * ```ts
 * readPayload(BELIEF_GRAPH_V2, model.data[BELIEF_GRAPH_V2_MIME]);
 * ```
 */
export const BELIEF_GRAPH_V2: PayloadKind<BeliefGraphV2Payload> = {
  name: "belief graph",
  slug: "belief-graph",
  mime: BELIEF_GRAPH_V2_MIME,
  major: 2,
  version: "2.0",
  schema: BELIEF_GRAPH_V2_SCHEMA,
  rules: (g) => {
    const problems: string[] = [];
    const agents = uniqueIds(g.agents, "agents", problems);
    const facts = uniqueIds(g.facts, "facts", problems);
    g.snapshots.forEach((s, i) => {
      const where = `snapshots[${i}]`;
      s.world?.forEach((f, j) => {
        if (!facts.has(f)) problems.push(`${where}.world[${j}] "${short(f)}" is not a fact`);
      });
      const seen = new Set<string>();
      s.beliefs.forEach((b, j) => {
        b.chain.forEach((a, k) => {
          if (!agents.has(a))
            problems.push(`${where}.beliefs[${j}].chain[${k}] "${short(a)}" is not an agent`);
        });
        if (!facts.has(b.fact))
          problems.push(`${where}.beliefs[${j}].fact "${short(b.fact)}" is not a fact`);
        const key = JSON.stringify([b.chain, b.fact]);
        if (seen.has(key)) problems.push(`${where}.beliefs[${j}] repeats an earlier belief`);
        seen.add(key);
      });
    });
    return problems;
  }
};

function uniqueIds(items: { id: string }[], where: string, problems: string[]): Set<string> {
  const ids = new Set<string>();
  items.forEach((item, i) => {
    if (ids.has(item.id))
      problems.push(`${where}[${i}].id "${short(item.id)}" is used by another item`);
    ids.add(item.id);
  });
  return ids;
}

function short(id: string): string {
  return id.length > 40 ? id.slice(0, 40) + "…" : id;
}

/**
 * A key for an agent chain, safe for any agent id (used as node id in layouts and renderers).
 *
 * ```ts
 * chainId(["anne", "sally"]); // '["anne","sally"]'
 * ```
 */
export function chainId(chain: readonly string[]): string {
  return JSON.stringify(chain);
}

/**
 * Whether a belief's fact holds in the snapshot's world: "true", "false" (a false belief), or
 * "unknown" when the snapshot carries no world.
 *
 * ```ts
 * beliefTruth({ world: ["f1"], beliefs: [] }, { chain: ["sally"], fact: "f0" }); // "false"
 * ```
 */
export function beliefTruth(
  snapshot: BeliefGraphSnapshot,
  belief: NestedBelief
): "true" | "false" | "unknown" {
  if (!snapshot.world) return "unknown";
  return snapshot.world.includes(belief.fact) ? "true" : "false";
}

/**
 * A nested belief in words: "anne believes sally believes at(marble) = basket", with the
 * credence and the truth against the world when known.
 *
 * ```ts
 * beliefInWords(payload, payload.snapshots[0], payload.snapshots[0].beliefs[0]);
 * // "anne believes sally believes at(marble) = basket (false in the world)"
 * ```
 */
export function beliefInWords(
  g: BeliefGraphV2Payload,
  snapshot: BeliefGraphSnapshot,
  belief: NestedBelief
): string {
  const fact = g.facts.find((f) => f.id === belief.fact);
  const extras: string[] = [];
  if (belief.credence !== undefined)
    extras.push(`credence ${Math.round(belief.credence * 100) / 100}`);
  if (belief.uncertain) extras.push("one of several possibilities");
  const truth = beliefTruth(snapshot, belief);
  if (truth !== "unknown") extras.push(`${truth} in the world`);
  return (
    `${chainInWords(g, belief.chain)} ${fact ? fact.label : belief.fact}` +
    (extras.length > 0 ? ` (${extras.join(", ")})` : "")
  );
}

/**
 * An agent chain in words: "anne believes sally believes".
 *
 * ```ts
 * chainInWords(payload, ["anne", "sally"]); // "anne believes sally believes"
 * ```
 */
export function chainInWords(g: BeliefGraphV2Payload, chain: readonly string[]): string {
  const names = new Map(g.agents.map((a) => [a.id, a.label ?? a.id]));
  return chain.map((a) => `${names.get(a) ?? a} believes`).join(" ");
}

/**
 * A box of the format-2 layout: one agent chain (a path from an agent at depth 1 to the
 * imagined agent at its end) or one fact.
 *
 * ```ts
 * const box: ChainBox = layout.chains[0]; // { id, chain, depth: 1, x, y, width, height }
 * ```
 */
export interface ChainBox {
  /** {@link chainId} of the chain. */
  id: string;
  /** Agent ids, outermost first. */
  chain: string[];
  /** `chain.length`: 1 for an agent's own beliefs. */
  depth: number;
  /** Id of the chain one shorter (absent at depth 1). */
  parent?: string;
  /** Left edge in pixels. */
  x: number;
  /** Top edge in pixels. */
  y: number;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/**
 * Where everything of a format-2 graph goes. Positions are computed once over every snapshot,
 * so nodes stay put while the time slider moves.
 *
 * ```ts
 * const l = layoutBeliefGraphV2(payload, { top: 8 });
 * l.chains.length; l.facts.get("f0"); // boxes
 * ```
 */
export interface BeliefGraphV2Layout {
  /** The drawing's width in pixels. */
  width: number;
  /** The drawing's height in pixels. */
  height: number;
  /** Every chain that occurs in some snapshot (and every agent), depth-first. */
  chains: ChainBox[];
  /** The same boxes by chain id. */
  chainById: Map<string, ChainBox>;
  /** Each fact's box by fact id (pixels, top-left corner). */
  facts: Map<string, { x: number; y: number; width: number; height: number }>;
  /** Deepest chain drawn. */
  maxDepth: number;
  /** x where belief lines turn from their chain's row towards their fact (between the last chain column and the facts). */
  turnX: number;
}

const ROW = 40;
const BOX_H = 28;
const GAP = 90;

/**
 * Lays out a format-2 graph: an indented tree of agent chains (one row per chain, depth-first;
 * each nested chain one column right of the chain it extends), then the facts column. Linear in the number of chains and beliefs, so 1,000 nodes lay out instantly.
 *
 * ```ts
 * const { width, height, chains, facts } = layoutBeliefGraphV2(payload, { top: 44 });
 * ```
 */
export function layoutBeliefGraphV2(
  g: Readonly<BeliefGraphV2Payload>,
  options: { top: number }
): BeliefGraphV2Layout {
  // The prefix tree of all chains, children in agent order.
  const order = new Map(g.agents.map((a, i) => [a.id, i]));
  interface TreeNode {
    chain: string[];
    children: Map<string, TreeNode>;
  }
  const root: TreeNode = { chain: [], children: new Map() };
  for (const a of g.agents) root.children.set(a.id, { chain: [a.id], children: new Map() });
  const factOrder: string[] = [];
  const factSeen = new Set<string>();
  for (const s of g.snapshots) {
    for (const b of s.beliefs) {
      let node = root;
      for (const a of b.chain) {
        let next = node.children.get(a);
        if (!next) {
          next = { chain: [...node.chain, a], children: new Map() };
          node.children.set(a, next);
        }
        node = next;
      }
    }
  }
  const labelOf = new Map(g.agents.map((a) => [a.id, a.label ?? a.id]));
  const colW = columnWidth([...labelOf.values()], 70, 180);
  const chains: ChainBox[] = [];
  let row = 0;
  let maxDepth = 1;
  const place = (node: TreeNode, parent?: string): void => {
    const depth = node.chain.length;
    maxDepth = Math.max(maxDepth, depth);
    const id = chainId(node.chain);
    const box: ChainBox = {
      id,
      chain: node.chain,
      depth,
      x: 16 + (depth - 1) * (colW + GAP),
      y: 0,
      width: colW,
      height: BOX_H
    };
    if (parent !== undefined) box.parent = parent;
    chains.push(box);
    const kids = [...node.children.values()].sort(
      (a, b) => order.get(a.chain[depth])! - order.get(b.chain[depth])!
    );
    // Every chain has a row of its own, so the line of its beliefs crosses no other box.
    box.y = options.top + row++ * ROW;
    for (const k of kids) place(k, id);
  };
  for (const a of g.agents) place(root.children.get(a.id)!);

  // Facts in the order their first believer appears, so lines cross less.
  const chainRank = new Map(chains.map((c, i) => [c.id, i]));
  const firstBeliever = new Map<string, number>();
  for (const s of g.snapshots) {
    for (const b of s.beliefs) {
      const rank = chainRank.get(chainId(b.chain))!;
      const prev = firstBeliever.get(b.fact);
      if (prev === undefined || rank < prev) firstBeliever.set(b.fact, rank);
    }
  }
  for (const f of g.facts) {
    if (!factSeen.has(f.id)) {
      factSeen.add(f.id);
      factOrder.push(f.id);
    }
  }
  factOrder.sort((a, b) => (firstBeliever.get(a) ?? Infinity) - (firstBeliever.get(b) ?? Infinity));
  const factW = columnWidth(
    g.facts.map((f) => f.label),
    120,
    300
  );
  const factX = 16 + maxDepth * (colW + GAP);
  const rows = Math.max(row, factOrder.length, 1);
  const factStep = factOrder.length > 0 ? (rows * ROW) / factOrder.length : ROW;
  const facts: BeliefGraphV2Layout["facts"] = new Map();
  factOrder.forEach((id, i) =>
    facts.set(id, {
      x: factX,
      y: options.top + i * factStep + (factStep - ROW) / 2,
      width: factW,
      height: BOX_H
    })
  );
  // Centre the chain tree against a taller facts column.
  const shift = ((rows - row) * ROW) / 2;
  if (shift > 0) for (const c of chains) c.y += shift;
  return {
    width: factX + factW + 16,
    height: options.top + rows * ROW + 8,
    chains,
    chainById: new Map(chains.map((c) => [c.id, c])),
    facts,
    maxDepth,
    turnX: factX - GAP * 0.7
  };
}

/**
 * The route of a belief line: along its chain's own row (no other box sits on it), then across
 * the gap to its fact, so lines never run through boxes.
 *
 * ```ts
 * const points = beliefRoute(layout, chainBox, layout.facts.get(b.fact)!);
 * polyline.setAttribute("points", points.map((p) => p.join(",")).join(" "));
 * ```
 */
export function beliefRoute(
  layout: BeliefGraphV2Layout,
  chain: ChainBox,
  fact: { x: number; y: number; height: number }
): [number, number][] {
  const y = chain.y + chain.height / 2;
  return [
    [chain.x + chain.width, y],
    [layout.turnX, y],
    [fact.x, fact.y + fact.height / 2]
  ];
}

/**
 * Converts a format-1 payload (saved notebooks) to format 2: each agent's belief in a
 * proposition becomes a depth-1 belief in a fact; one snapshot; no world.
 *
 * ```ts
 * const v2 = beliefGraphV1ToV2(oldPayload);
 * ```
 */
export function beliefGraphV1ToV2(v1: {
  title?: string;
  nodes: { id: string; kind: string; label?: string }[];
  edges: { from: string; to: string; credence?: number }[];
}): BeliefGraphV2Payload {
  const out: BeliefGraphV2Payload = {
    version: "2.0",
    agents: v1.nodes
      .filter((n) => n.kind === "agent")
      .map((n) => (n.label === undefined ? { id: n.id } : { id: n.id, label: n.label })),
    facts: v1.nodes
      .filter((n) => n.kind === "proposition")
      .map((n) => ({ id: n.id, label: n.label ?? n.id })),
    snapshots: [
      {
        beliefs: v1.edges.map((e) =>
          e.credence === undefined
            ? { chain: [e.from], fact: e.to }
            : { chain: [e.from], fact: e.to, credence: e.credence }
        )
      }
    ]
  };
  if (v1.title !== undefined) out.title = v1.title;
  return out;
}
