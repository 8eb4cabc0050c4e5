/**
 * Belief graph, format 1 (`application/vnd.pwmk.belief-graph.v1+json`): agents, propositions
 * and flat `believes` edges. Kept so outputs in saved notebooks still render; new outputs use
 * format 2 (belief-graph-v2.ts), which carries nested beliefs as structure.
 */
import type { PayloadKind } from "./kind";
import { columnWidth } from "./text";

/**
 * MIME type of a belief graph, format 1.
 *
 * ```ts
 * bundle[BELIEF_GRAPH_MIME]; // a format-1 payload
 * ```
 */
export const BELIEF_GRAPH_MIME = "application/vnd.pwmk.belief-graph.v1+json";

/**
 * The literal type of {@link BELIEF_GRAPH_MIME}.
 *
 * ```ts
 * const MIME: BeliefGraphMimeType = "application/vnd.pwmk.belief-graph.v1+json";
 * ```
 */
export type BeliefGraphMimeType = typeof BELIEF_GRAPH_MIME;

/**
 * A "major.minor" version string of belief-graph format 1.
 *
 * ```ts
 * const v: BeliefGraphVersion = "1.2";
 * ```
 */
export type BeliefGraphVersion = `1.${number}`;

/**
 * A node of a format-1 belief graph: an agent, or a proposition that agents may believe.
 *
 * ```ts
 * const p: BeliefGraphNode = { id: "p0", kind: "proposition", label: "at(marble, basket)" };
 * ```
 */
export interface BeliefGraphNode {
  /** Unique within the graph; edges refer to nodes by id. */
  id: string;
  /** An agent, or a proposition agents may believe. */
  kind: "agent" | "proposition";
  /** Text shown for the node; the id is shown when absent. */
  label?: string;
}

/**
 * An edge of a format-1 belief graph: an agent believes a proposition.
 *
 * ```ts
 * const e: BeliefGraphEdge = { from: "sally", to: "p0", relation: "believes", credence: 0.9 };
 * ```
 */
export interface BeliefGraphEdge {
  /** Id of an agent node. */
  from: string;
  /** Id of a proposition node. */
  to: string;
  /** The only relation of format 1. */
  relation: "believes";
  /** Optional degree of belief in [0, 1]; absent means a plain (full) belief. */
  credence?: number;
}

/**
 * The payload of {@link BELIEF_GRAPH_MIME}.
 *
 * ```ts
 * const g: BeliefGraphPayload = { version: "1.0", title: "empty", nodes: [], edges: [] };
 * ```
 */
export interface BeliefGraphPayload {
  /** The payload format's "major.minor" version; a reader accepts any minor of its major. */
  version: BeliefGraphVersion;
  /** The heading shown above the view. */
  title?: string;
  /** The agents and propositions (ids unique). */
  nodes: BeliefGraphNode[];
  /** Who believes what; each end names a node id. */
  edges: BeliefGraphEdge[];
}

/**
 * JSON Schema (draft 2020-12) of {@link BeliefGraphPayload}; {@link BELIEF_GRAPH_V1} adds the
 * rules a schema cannot state (unique ids; edges go from an agent to a proposition).
 *
 * ```ts
 * checkSchema(BELIEF_GRAPH_SCHEMA, payload); // [] when the structure is right
 * ```
 */
export const BELIEF_GRAPH_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://pwmk.dev/schemas/belief-graph.v1.json",
  title: "PWMK belief graph, format 1.x",
  type: "object",
  required: ["version", "nodes", "edges"],
  properties: {
    version: { type: "string", pattern: "^1\\.(0|[1-9][0-9]*)$" },
    title: { type: "string" },
    nodes: {
      type: "array",
      items: {
        type: "object",
        required: ["id", "kind"],
        properties: {
          id: { type: "string", minLength: 1 },
          kind: { enum: ["agent", "proposition"] },
          label: { type: "string" }
        }
      }
    },
    edges: {
      type: "array",
      items: {
        type: "object",
        required: ["from", "to", "relation"],
        properties: {
          from: { type: "string", minLength: 1 },
          to: { type: "string", minLength: 1 },
          relation: { const: "believes" },
          credence: { type: "number", minimum: 0, maximum: 1 }
        }
      }
    }
  }
} as const;

/**
 * The format-1 belief graph as a payload kind: pass it to `validatePayload`, `readPayload`.
 *
 * ```ts
 * readPayload(BELIEF_GRAPH_V1, model.data[BELIEF_GRAPH_MIME]);
 * ```
 */
export const BELIEF_GRAPH_V1: PayloadKind<BeliefGraphPayload> = {
  name: "belief graph",
  slug: "belief-graph",
  mime: BELIEF_GRAPH_MIME,
  major: 1,
  version: "1.0",
  schema: BELIEF_GRAPH_SCHEMA,
  rules: (g) => {
    const problems: string[] = [];
    const kinds = new Map<string, string>();
    g.nodes.forEach((node, i) => {
      if (kinds.has(node.id))
        problems.push(`nodes[${i}].id "${short(node.id)}" is used by another node`);
      else kinds.set(node.id, node.kind);
    });
    g.edges.forEach((edge, i) => {
      const from = kinds.get(edge.from);
      const to = kinds.get(edge.to);
      if (from === undefined) problems.push(`edges[${i}].from "${short(edge.from)}" is not a node`);
      else if (from !== "agent")
        problems.push(`edges[${i}].from "${short(edge.from)}" is not an agent`);
      if (to === undefined) problems.push(`edges[${i}].to "${short(edge.to)}" is not a node`);
      else if (to !== "proposition")
        problems.push(`edges[${i}].to "${short(edge.to)}" is not a proposition`);
    });
    return problems;
  }
};

function short(id: string): string {
  return id.length > 40 ? id.slice(0, 40) + "…" : id;
}

/**
 * The text shown for a node: its label, or its id.
 *
 * ```ts
 * nodeLabel({ id: "p0", kind: "proposition", label: "at(marble, box)" }); // "at(marble, box)"
 * ```
 */
export function nodeLabel(node: BeliefGraphNode): string {
  return node.label ?? node.id;
}

/**
 * Where each box and line of a format-1 graph goes: agents in a left column, propositions in
 * a right column, each column centred against the taller one.
 *
 * ```ts
 * const l = layoutBeliefGraphV1(payload, { top: 8 });
 * l.boxes.get("sally"); // { x, y, width, height }
 * ```
 */
export interface BeliefGraphV1Layout {
  /** The drawing's size in pixels. */
  width: number;
  /** The drawing's height in pixels. */
  height: number;
  /** Each node's box by node id (pixels, top-left corner). */
  boxes: Map<string, { x: number; y: number; width: number; height: number }>;
  /** Each edge with its line's ends (pixels). */
  edges: { edge: BeliefGraphEdge; x1: number; y1: number; x2: number; y2: number }[];
}

const ROW = 44;
const BOX_H = 30;
const GAP = 150;

/**
 * Lays out a format-1 graph; `top` is the space left above the first row (for a title).
 *
 * ```ts
 * const { width, height, boxes, edges } = layoutBeliefGraphV1(payload, { top: 44 });
 * ```
 */
export function layoutBeliefGraphV1(
  g: Readonly<BeliefGraphPayload>,
  options: { top: number }
): BeliefGraphV1Layout {
  const agents = g.nodes.filter((n) => n.kind === "agent");
  const props = g.nodes.filter((n) => n.kind === "proposition");
  const agentW = columnWidth(agents.map(nodeLabel), 80, 240);
  const propW = columnWidth(props.map(nodeLabel), 120, 320);
  const rows = Math.max(agents.length, props.length, 1);
  const agentX = 16;
  const propX = agentX + agentW + GAP;
  const boxes: BeliefGraphV1Layout["boxes"] = new Map();
  const place = (list: BeliefGraphNode[], x: number, width: number) =>
    list.forEach((n, i) =>
      boxes.set(n.id, {
        x,
        y: options.top + (rows - list.length) * (ROW / 2) + i * ROW,
        width,
        height: BOX_H
      })
    );
  place(agents, agentX, agentW);
  place(props, propX, propW);
  const edges = g.edges.map((edge) => {
    const a = boxes.get(edge.from)!;
    const b = boxes.get(edge.to)!;
    return { edge, x1: a.x + a.width, y1: a.y + BOX_H / 2, x2: b.x, y2: b.y + BOX_H / 2 };
  });
  return { width: propX + propW + 16, height: options.top + rows * ROW + 8, boxes, edges };
}
