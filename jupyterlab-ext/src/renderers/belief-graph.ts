/**
 * The belief-graph renderer: draws `application/vnd.pwmk.belief-graph.v1+json` outputs as an
 * SVG built with DOM calls (text goes in through `textContent`, never as markup), themed with
 * JupyterLab's CSS variables. Clicking an agent highlights its beliefs. A payload of the wrong
 * version or shape shows a message saying what is wrong instead of a graph.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import {
  BELIEF_GRAPH_MIME,
  BELIEF_GRAPH_V1,
  fitText,
  layoutBeliefGraphV1,
  nodeLabel,
  readPayload,
  type BeliefGraphNode,
  type BeliefGraphPayload
} from "pwmk/payloads";

const SVG_NS = "http://www.w3.org/2000/svg";
// Marker ids must be unique in the page: outputs come and go, and a url(#id) pointing at a
// removed output's marker would lose its arrowheads.
let markerCount = 0;

/**
 * CSS class of every belief-graph output; the end-to-end tests look for it.
 *
 * ```ts
 * document.querySelectorAll(`.${BELIEF_GRAPH_CLASS}[data-pwmk-status="ok"]`);
 * ```
 */
export const BELIEF_GRAPH_CLASS = "jp-PWMK-BeliefGraph";

/**
 * A JupyterLab renderer (a Lumino widget) for belief graphs.
 *
 * ```ts
 * const renderer = registry.createRenderer(BELIEF_GRAPH_MIME); // a BeliefGraphRenderer
 * await renderer.renderModel(new MimeModel({ data: bundle }));
 * Widget.attach(renderer, document.body);
 * ```
 */
export class BeliefGraphRenderer extends Widget implements IRenderMime.IRenderer {
  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType;
    this.addClass(BELIEF_GRAPH_CLASS);
  }

  readonly mimeType: string;

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.node.replaceChildren();
    const result = readPayload(BELIEF_GRAPH_V1, model.data[this.mimeType]);
    if (!result.ok) {
      this.node.dataset.pwmkStatus = "error";
      const box = el("div", "jp-PWMK-error");
      box.setAttribute("role", "alert");
      box.append(el("strong", "", result.title), el("span", "", `: ${result.detail}`));
      this.node.append(box);
      return Promise.resolve();
    }
    this.node.dataset.pwmkStatus = "ok";
    this.node.append(drawGraph(result.payload));
    return Promise.resolve();
  }
}

/**
 * The renderer factory registered with JupyterLab's rendermime registry.
 *
 * ```ts
 * const registry = new RenderMimeRegistry({ initialFactories: [beliefGraphRendererFactory] });
 * ```
 */
export const beliefGraphRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [BELIEF_GRAPH_MIME],
  defaultRank: 45,
  createRenderer: (options) => new BeliefGraphRenderer(options)
};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls: string,
  text?: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function svg(tag: string, attrs: Record<string, string | number>, cls = ""): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (cls) node.setAttribute("class", cls);
  return node;
}

function drawGraph(graph: BeliefGraphPayload): HTMLElement {
  const figure = el("figure", "jp-PWMK-figure");
  if (graph.title) figure.append(el("figcaption", "jp-PWMK-title", graph.title));
  const agents = graph.nodes.filter((n) => n.kind === "agent");
  const props = graph.nodes.filter((n) => n.kind === "proposition");
  if (graph.nodes.length === 0) {
    figure.append(el("p", "jp-PWMK-empty", "This belief graph is empty."));
    return figure;
  }
  const layout = layoutBeliefGraphV1(graph, { top: 8 });
  const { width, height } = layout;
  const root = svg(
    "svg",
    { width, height, viewBox: `0 0 ${width} ${height}`, role: "img" },
    "jp-PWMK-graph"
  );
  const ariaText = `${agents.length} agents, ${props.length} propositions, ${graph.edges.length} beliefs`;
  root.setAttribute("aria-label", graph.title ? `${graph.title}: ${ariaText}` : ariaText);
  const defs = svg("defs", {});
  const markerId = `jp-PWMK-arrow-${++markerCount}`;
  const marker = svg("marker", {
    id: markerId,
    viewBox: "0 0 10 10",
    refX: 10,
    refY: 5,
    markerUnits: "userSpaceOnUse",
    markerWidth: 10,
    markerHeight: 10,
    orient: "auto-start-reverse"
  });
  marker.append(svg("path", { d: "M0,0L10,5L0,10z" }, "jp-PWMK-arrowhead"));
  defs.append(marker);
  root.append(defs);

  const edges = layout.edges.map(({ edge, x1, y1, x2, y2 }) => {
    const g = svg("g", {}, "jp-PWMK-belief");
    g.dataset.from = edge.from;
    const line = svg("line", { x1, y1, x2, y2, "marker-end": `url(#${markerId})` });
    if (edge.credence !== undefined && edge.credence < 1)
      line.setAttribute("stroke-dasharray", "5 3");
    g.append(line);
    if (edge.credence !== undefined) {
      const t = svg(
        "text",
        { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 4, "text-anchor": "middle" },
        "jp-PWMK-credence"
      );
      t.textContent = String(Math.round(edge.credence * 100) / 100);
      g.append(t);
    }
    root.append(g);
    return g;
  });

  const box = (node: BeliefGraphNode) => {
    const b = layout.boxes.get(node.id)!;
    const g = svg("g", {}, `jp-PWMK-node jp-PWMK-${node.kind}`);
    g.dataset.id = node.id;
    const tip = svg("title", {});
    tip.textContent = `${node.kind} ${nodeLabel(node)}`;
    const text = svg("text", {
      x: b.x + b.width / 2,
      y: b.y + b.height / 2 + 4.5,
      "text-anchor": "middle"
    });
    text.textContent = fitText(nodeLabel(node), b.width);
    g.append(
      tip,
      svg("rect", {
        x: b.x,
        y: b.y,
        width: b.width,
        height: b.height,
        rx: node.kind === "agent" ? 15 : 4
      }),
      text
    );
    root.append(g);
    return g;
  };
  for (const agent of agents) {
    const g = box(agent);
    g.setAttribute("tabindex", "0");
    const select = () => {
      const on = !g.classList.contains("jp-mod-selected");
      root
        .querySelectorAll(".jp-mod-selected")
        .forEach((n) => n.classList.remove("jp-mod-selected"));
      if (on) {
        g.classList.add("jp-mod-selected");
        edges
          .filter((e) => e.dataset.from === agent.id)
          .forEach((e) => e.classList.add("jp-mod-selected"));
      }
    };
    g.addEventListener("click", select);
    g.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") select();
    });
  }
  props.forEach((p) => box(p));
  figure.append(root);
  return figure;
}
