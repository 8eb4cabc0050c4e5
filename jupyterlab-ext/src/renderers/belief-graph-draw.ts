/**
 * Draws a format-2 belief graph once, with the shared layout of `pwmk/payloads` (the kernel's
 * static picture uses the same), and then shows one snapshot at a time by toggling what is
 * already drawn: moving the time slider or filtering redraws nothing, so 1,000 nodes stay
 * interactive. Every label goes in as text.
 */
import {
  beliefRoute,
  beliefTruth,
  chainId,
  fitText,
  layoutBeliefGraphV2,
  type BeliefGraphSnapshot,
  type BeliefGraphV2Layout,
  type BeliefGraphV2Payload,
  type ChainBox
} from "pwmk/payloads";
import { svgEl, svgText } from "./view-tools";

let markerCount = 0;

/** What the viewer shows: the snapshot and the filters. */
export interface GraphView {
  snapshot: number;
  /** Only chains starting with this agent; null = all. */
  agent: string | null;
  /** Only chains up to this depth; null = all. */
  depth: number | null;
}

/**
 * The drawn graph: the SVG, its layout, and the elements to toggle per view.
 *
 * ```ts
 * const drawn = drawBeliefGraph(payload);
 * drawn.show({ snapshot: 1, agent: null, depth: null });
 * ```
 */
export interface DrawnGraph {
  svg: SVGSVGElement;
  layout: BeliefGraphV2Layout;
  show(view: GraphView): void;
  /** The chain a node stands for (null for fact nodes). */
  chainOf(node: Element): ChainBox | null;
}

/**
 * Builds the SVG of every chain, fact and belief that occurs in some snapshot.
 *
 * ```ts
 * viewport.append(drawBeliefGraph(payload).svg);
 * ```
 */
export function drawBeliefGraph(g: BeliefGraphV2Payload): DrawnGraph {
  const layout = layoutBeliefGraphV2(g, { top: 8 });
  const svg = svgEl("svg", { width: layout.width, role: "img" }, "jp-PWMK-graph") as SVGSVGElement;
  svg.setAttribute(
    "aria-label",
    `belief graph: ${g.agents.length} agents, ${g.facts.length} facts`
  );
  const markerId = `jp-PWMK-arrow-${++markerCount}`;
  const defs = svgEl("defs", {});
  const marker = svgEl("marker", {
    id: markerId,
    viewBox: "0 0 10 10",
    refX: 10,
    refY: 5,
    markerUnits: "userSpaceOnUse",
    markerWidth: 9,
    markerHeight: 9,
    orient: "auto"
  });
  marker.append(svgEl("path", { d: "M0,0L10,5L0,10z" }, "jp-PWMK-arrowhead"));
  defs.append(marker);
  svg.append(defs);
  const links = svgEl("g", {}, "jp-PWMK-links");
  const beliefLayer = svgEl("g", {}, "jp-PWMK-beliefs");
  const nodes = svgEl("g", {}, "jp-PWMK-nodes");
  svg.append(links, beliefLayer, nodes);
  const labels = new Map(g.agents.map((a) => [a.id, a.label ?? a.id]));

  // Nesting links (a chain to the chain it extends) as ONE path, redrawn per view: a line
  // element each would add a thousand elements to a big graph.
  const linkOf = new Map<string, string>();
  for (const c of layout.chains) {
    if (!c.parent) continue;
    const p = layout.chainById.get(c.parent)!;
    linkOf.set(c.id, `M${p.x + p.width} ${p.y + p.height / 2}L${c.x} ${c.y + c.height / 2}`);
  }
  const nesting = svgEl("path", { d: "" }, "jp-PWMK-nesting");
  links.append(nesting);

  // One element per (chain, fact) pair seen in any snapshot.
  const beliefEls = new Map<
    string,
    { g: SVGElement; line: SVGElement; credence: SVGElement; chain: string[] }
  >();
  for (const s of g.snapshots) {
    for (const b of s.beliefs) {
      const key = `${chainId(b.chain)} ${b.fact}`;
      if (beliefEls.has(key)) continue;
      const c = layout.chainById.get(chainId(b.chain))!;
      const f = layout.facts.get(b.fact)!;
      const group = svgEl("g", {}, "jp-PWMK-belief");
      group.dataset.from = b.chain[0];
      group.dataset.chain = chainId(b.chain);
      group.dataset.fact = b.fact;
      const route = beliefRoute(layout, c, f);
      const line = svgEl("polyline", {
        points: route.map((p) => p.join(",")).join(" "),
        "marker-end": `url(#${markerId})`
      });
      // On the chain's own row, just before the turn: no other label shares it.
      const credence = svgText(
        "text",
        { x: layout.turnX - 30, y: route[0][1] - 4 },
        "",
        "jp-PWMK-credence"
      );
      group.append(line);
      beliefLayer.append(group);
      beliefEls.set(key, { g: group, line, credence, chain: b.chain });
    }
  }

  const chainEls = new Map<string, SVGElement>();
  const chainByNode = new Map<Element, ChainBox>();
  for (const c of layout.chains) {
    const last = c.chain[c.chain.length - 1];
    const group = svgEl(
      "g",
      { tabindex: 0, role: "button" },
      `jp-PWMK-node jp-PWMK-agent${c.depth > 1 ? " jp-PWMK-nested" : ""}`
    );
    if (c.depth === 1) group.dataset.id = last;
    group.dataset.chain = c.id;
    // A tooltip element per nested chain would double the element count of big graphs; the
    // accessible name (an attribute) and the click-to-read panel say the same.
    const words = c.chain.map((a) => labels.get(a) ?? a).join(" → ");
    if (c.depth === 1) group.append(svgText("title", {}, words));
    else group.setAttribute("aria-label", words);
    group.append(
      svgEl("rect", { x: c.x, y: c.y, width: c.width, height: c.height, rx: 14 }),
      svgText(
        "text",
        { x: c.x + c.width / 2, y: c.y + c.height / 2 + 4.5, "text-anchor": "middle" },
        fitText(labels.get(last) ?? last, c.width)
      )
    );
    nodes.append(group);
    chainEls.set(c.id, group);
    chainByNode.set(group, c);
  }
  const factEls = new Map<string, SVGElement>();
  for (const fact of g.facts) {
    const f = layout.facts.get(fact.id)!;
    const group = svgEl(
      "g",
      { tabindex: 0, role: "button" },
      "jp-PWMK-node jp-PWMK-proposition jp-PWMK-fact"
    );
    group.dataset.id = fact.id;
    group.append(
      svgText("title", {}, fact.label),
      svgEl("rect", { x: f.x, y: f.y, width: f.width, height: f.height, rx: 4 }),
      svgText(
        "text",
        { x: f.x + f.width / 2, y: f.y + f.height / 2 + 4.5, "text-anchor": "middle" },
        fitText(fact.label, f.width)
      )
    );
    nodes.append(group);
    factEls.set(fact.id, group);
  }

  const show = (view: GraphView) => {
    const snap: BeliefGraphSnapshot = g.snapshots[view.snapshot];
    const passes = (chain: readonly string[]) =>
      (view.agent === null || chain[0] === view.agent) &&
      (view.depth === null || chain.length <= view.depth);
    const now = new Map(snap.beliefs.map((b) => [`${chainId(b.chain)} ${b.fact}`, b]));
    const liveChains = new Set<string>();
    const liveFacts = new Set<string>();
    for (const [key, el] of beliefEls) {
      const b = now.get(key);
      const on = b !== undefined && passes(el.chain);
      el.g.style.display = on ? "" : "none";
      if (!b || !on) continue;
      for (let d = 1; d <= b.chain.length; d++) liveChains.add(chainId(b.chain.slice(0, d)));
      liveFacts.add(b.fact);
      el.g.classList.toggle("jp-PWMK-false", beliefTruth(snap, b) === "false");
      el.g.classList.toggle(
        "jp-PWMK-uncertain",
        b.uncertain === true || (b.credence !== undefined && b.credence < 1)
      );
      if (b.uncertain || (b.credence !== undefined && b.credence < 1))
        el.line.setAttribute("stroke-dasharray", "5 3");
      else el.line.removeAttribute("stroke-dasharray");
      // Only beliefs with a credence carry its label (no empty text elements).
      if (b.credence === undefined) el.credence.remove();
      else {
        el.credence.textContent = String(Math.round(b.credence * 100) / 100);
        el.g.append(el.credence);
      }
    }
    const d: string[] = [];
    for (const [id, node] of chainEls) {
      const c = layout.chainById.get(id)!;
      const on = passes(c.chain) && (c.depth === 1 || liveChains.has(id));
      node.style.display = on ? "" : "none";
      const link = linkOf.get(id);
      if (link && on) d.push(link);
    }
    nesting.setAttribute("d", d.join(""));
    const world = new Set(snap.world ?? []);
    for (const [id, node] of factEls) {
      node.classList.toggle("jp-PWMK-holds", world.has(id));
      node.classList.toggle("jp-PWMK-idle", !liveFacts.has(id));
    }
  };
  return { svg, layout, show, chainOf: (node) => chainByNode.get(node) ?? null };
}
