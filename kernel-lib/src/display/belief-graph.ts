import { inspect } from "util";
import type { MimeBundle, Displayable } from "./bundle";
import { frozenJsonCopy } from "./json";
import { contentHash, escapeMarkup } from "./escape";
import {
  assertPayload,
  BELIEF_GRAPH_MIME,
  BELIEF_GRAPH_V1,
  fitText,
  fmt,
  layoutBeliefGraphV1,
  nodeLabel,
  truncate,
  type BeliefGraphEdge,
  type BeliefGraphNode,
  type BeliefGraphPayload
} from "./payloads";

/**
 * One belief for {@link beliefGraph}: `agent` believes `proposition`.
 *
 * ```ts
 * const b: BeliefSpec = { agent: "anne", proposition: "at(marble, box)", credence: 0.9 };
 * ```
 */
export interface BeliefSpec {
  /** Who holds the belief. */
  agent: string;
  /** Free text, typically a fluent in Prolog syntax, e.g. "at(marble, basket)". */
  proposition: string;
  /** Optional degree of belief in [0, 1]. */
  credence?: number;
}

/**
 * Input of {@link beliefGraph}.
 *
 * ```ts
 * const spec: BeliefGraphSpec = { title: "t", agents: ["sally"], beliefs: [] };
 * ```
 */
export interface BeliefGraphSpec {
  /** The graph's heading. */
  title?: string;
  /** Agents in display order. When given, every belief's agent must be listed; agents without beliefs are shown too. */
  agents?: string[];
  /** One entry per agent and proposition believed. */
  beliefs: BeliefSpec[];
}

/**
 * Builds a belief graph by hand: agents, the propositions they believe, and a `believes` edge
 * for each belief. Shown in a notebook, it draws as an interactive view with the
 * `jupyterlab-pwmk` extension and as a static SVG without it.
 *
 * Throws a clear error (and builds nothing) for an unknown agent, an empty name, a repeated
 * belief or a credence outside [0, 1].
 *
 * ```ts
 * const g = pwmk.beliefGraph({
 *   title: "Sally-Anne, after Anne moved the marble",
 *   agents: ["sally", "anne"],
 *   beliefs: [
 *     { agent: "sally", proposition: "at(marble, basket)" },
 *     { agent: "anne", proposition: "at(marble, box)" }
 *   ]
 * });
 * pwmk.display(g);
 * ```
 */
export function beliefGraph(spec: BeliefGraphSpec): BeliefGraph {
  if (typeof spec !== "object" || spec === null || !Array.isArray(spec.beliefs)) {
    throw new Error("beliefGraph needs { beliefs: [{ agent, proposition }, …] }");
  }
  const agents: string[] = [];
  const listed = spec.agents !== undefined;
  if (listed && !Array.isArray(spec.agents))
    throw new Error("beliefGraph: agents must be an array of names");
  for (const agent of spec.agents ?? []) {
    if (typeof agent !== "string" || agent === "")
      throw new Error("beliefGraph: agent names must be non-empty strings");
    if (agents.includes(agent)) throw new Error(`beliefGraph: agent "${agent}" is listed twice`);
    agents.push(agent);
  }
  const propositions: string[] = [];
  const seen = new Set<string>();
  spec.beliefs.forEach((belief, i) => {
    if (typeof belief !== "object" || belief === null)
      throw new Error(`beliefGraph: beliefs[${i}] must be an object`);
    const { agent, proposition } = belief;
    if (typeof agent !== "string" || agent === "")
      throw new Error(`beliefGraph: beliefs[${i}].agent must be a non-empty string`);
    if (typeof proposition !== "string" || proposition === "") {
      throw new Error(`beliefGraph: beliefs[${i}].proposition must be a non-empty string`);
    }
    if (!agents.includes(agent)) {
      if (listed) throw new Error(`beliefGraph: beliefs[${i}].agent "${agent}" is not in agents`);
      agents.push(agent);
    }
    const key = JSON.stringify([agent, proposition]);
    if (seen.has(key)) throw new Error(`beliefGraph: ${agent} believes "${proposition}" twice`);
    seen.add(key);
    if (!propositions.includes(proposition)) propositions.push(proposition);
  });

  // Proposition ids must not collide with agent names, which are ids too.
  const taken = new Set(agents);
  const propositionIds = new Map<string, string>();
  let counter = 0;
  for (const proposition of propositions) {
    while (taken.has(`p${counter}`)) counter++;
    propositionIds.set(proposition, `p${counter}`);
    taken.add(`p${counter++}`);
  }
  const nodes: BeliefGraphNode[] = [
    ...agents.map((id): BeliefGraphNode => ({ id, kind: "agent" })),
    ...propositions.map((label): BeliefGraphNode => ({
      id: propositionIds.get(label)!,
      kind: "proposition",
      label
    }))
  ];
  const edges: BeliefGraphEdge[] = spec.beliefs.map((belief) => {
    const edge: BeliefGraphEdge = {
      from: belief.agent,
      to: propositionIds.get(belief.proposition)!,
      relation: "believes"
    };
    if (belief.credence !== undefined) edge.credence = belief.credence;
    return edge;
  });
  const payload: BeliefGraphPayload = { version: "1.0", nodes, edges };
  if (spec.title !== undefined) payload.title = spec.title;
  return BeliefGraph.fromPayload(payload);
}

/**
 * A belief graph ready to be shown: its payload (validated, frozen) and its renderings.
 * Build one with {@link beliefGraph}, or from a stored payload with `BeliefGraph.fromPayload`.
 *
 * ```ts
 * import { BeliefGraph } from "pwmk/display";
 * const g = BeliefGraph.fromPayload(JSON.parse(saved));
 * g.toMimeBundle()["image/svg+xml"]; // the static drawing
 * ```
 */
export class BeliefGraph implements Displayable {
  private constructor(
    /** The JSON payload the extension draws (the belief graph's MIME type), validated. */
    readonly payload: Readonly<BeliefGraphPayload>
  ) {}

  /**
   * Validates `payload` (throwing a clear error listing every problem) and wraps a deep copy.
   *
   * ```ts
   * BeliefGraph.fromPayload({ version: "1.0", nodes: [], edges: [] }).toText();
   * ```
   */
  static fromPayload(payload: unknown): BeliefGraph {
    assertPayload(BELIEF_GRAPH_V1, payload);
    return new BeliefGraph(frozenJsonCopy(payload));
  }

  /**
   * The full bundle: the pwmk payload as an object, the static drawing as `image/svg+xml`
   * and as self-contained `text/html` (nbconvert 6 strips SVG outputs down to their text, but
   * keeps HTML; GitHub and others prefer one or the other), and plain text.
   */
  toMimeBundle(): MimeBundle {
    return {
      [BELIEF_GRAPH_MIME]: copyJson(this.payload),
      "image/svg+xml": this.toSVG(),
      "text/html": this.toHTML(),
      "text/plain": this.toText()
    };
  }

  /** The static drawing as a self-contained HTML fragment (inline SVG, no scripts or styles). */
  toHTML(): string {
    return `<div class="pwmk-belief-graph">${this.toSVG()}</div>`;
  }

  /** A self-contained SVG drawing: agents on the left, propositions on the right. */
  toSVG(): string {
    return beliefGraphSvg(this.payload);
  }

  /** A plain-text summary, one line per belief. */
  toText(): string {
    return beliefGraphText(this.payload);
  }

  /** tslab and the Node REPL print the plain text instead of the object's fields. */
  [inspect.custom](): string {
    return this.toText();
  }
}

function beliefGraphText(g: Readonly<BeliefGraphPayload>): string {
  const agents = g.nodes.filter((n) => n.kind === "agent");
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const head =
    `Belief graph${g.title ? ` "${g.title}"` : ""}: ${plural(agents.length, "agent")}, ` +
    `${plural(g.nodes.length - agents.length, "proposition")}, ${plural(g.edges.length, "belief")}`;
  const lines = [head];
  for (const agent of agents) {
    const own = g.edges.filter((e) => e.from === agent.id);
    if (own.length === 0) lines.push(`  ${nodeLabel(agent)} (no beliefs)`);
    for (const e of own) {
      const credence = e.credence === undefined ? "" : ` (credence ${e.credence})`;
      lines.push(`  ${nodeLabel(agent)} believes ${nodeLabel(byId.get(e.to)!)}${credence}`);
    }
  }
  return lines.join("\n");
}

function beliefGraphSvg(g: Readonly<BeliefGraphPayload>): string {
  const top = g.title ? 44 : 16;
  const layout = layoutBeliefGraphV1(g, { top });
  // Inline SVGs share one id space in an HTML page (nbconvert); a content hash keeps ids apart.
  const markerId = `pwmk-arrow-${contentHash(JSON.stringify(g))}`;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(layout.width)}" height="${fmt(layout.height)}" ` +
      `viewBox="0 0 ${fmt(layout.width)} ${fmt(layout.height)}" font-family="sans-serif" font-size="13" role="img" ` +
      `aria-label="${escapeMarkup(truncate(beliefGraphText(g).split("\n")[0], 200))}">`,
    `<defs><marker id="${markerId}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
      `<path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`
  );
  if (g.title) {
    parts.push(
      `<text x="16" y="26" font-size="15" font-weight="bold" fill="#222">${escapeMarkup(truncate(g.title, 80))}</text>`
    );
  }
  if (g.nodes.length === 0) {
    parts.push(`<text x="16" y="${fmt(top + 20)}" fill="#666">(empty belief graph)</text>`);
  }
  for (const { edge, x1, y1, x2, y2 } of layout.edges) {
    const dash = edge.credence !== undefined && edge.credence < 1 ? ` stroke-dasharray="5 3"` : "";
    parts.push(
      `<line x1="${fmt(x1)}" y1="${fmt(y1)}" x2="${fmt(x2)}" y2="${fmt(y2)}" stroke="#555" stroke-width="1.5"${dash} marker-end="url(#${markerId})"/>`
    );
    if (edge.credence !== undefined) {
      parts.push(
        `<text x="${fmt((x1 + x2) / 2)}" y="${fmt((y1 + y2) / 2 - 4)}" text-anchor="middle" font-size="11" fill="#333">${fmt(edge.credence)}</text>`
      );
    }
  }
  for (const n of g.nodes) {
    const b = layout.boxes.get(n.id)!;
    const agent = n.kind === "agent";
    const label = nodeLabel(n);
    parts.push(
      `<g><title>${escapeMarkup(truncate(`${n.kind} ${label}`, 200))}</title>` +
        `<rect x="${fmt(b.x)}" y="${fmt(b.y)}" width="${fmt(b.width)}" height="${b.height}" rx="${agent ? 15 : 4}" ` +
        `fill="${agent ? "#dbe9f7" : "#fdf3d3"}" stroke="${agent ? "#2b6cb0" : "#b7791f"}"/>` +
        `<text x="${fmt(b.x + b.width / 2)}" y="${fmt(b.y + b.height / 2 + 4.5)}" text-anchor="middle" fill="#111">${escapeMarkup(fitText(label, b.width))}</text></g>`
    );
  }
  parts.push("</svg>");
  return parts.join("");
}

/** A deep copy made in this realm (payloads are plain JSON, checked before copying). */
function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
