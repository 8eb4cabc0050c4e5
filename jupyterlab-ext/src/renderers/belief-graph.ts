/**
 * The belief-graph viewer: draws `application/vnd.pwmk.belief-graph.v2+json` outputs (and
 * format-1 outputs of saved notebooks, converted) with nested chains as chains, false beliefs
 * marked, a time slider over snapshots, filters by agent and depth, pan and zoom, a click on a
 * node to read its chain in words, and export as SVG or PNG. Themed with JupyterLab's CSS
 * variables; keyboard reachable; nothing from the bundle is ever inserted as markup.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import {
  BELIEF_GRAPH_MIME,
  BELIEF_GRAPH_V1,
  BELIEF_GRAPH_V2,
  BELIEF_GRAPH_V2_MIME,
  beliefGraphV1ToV2,
  beliefInWords,
  chainId,
  chainInWords,
  readPayload,
  type BeliefGraphV2Payload,
  type PayloadReading
} from "pwmk/payloads";
import { drawBeliefGraph, type DrawnGraph, type GraphView } from "./belief-graph-draw";
import { button, el, errorBox, exportPng, exportSvg, PanZoom } from "./view-tools";

/**
 * CSS class of every belief-graph output; the end-to-end tests look for it.
 *
 * ```ts
 * document.querySelectorAll(`.${BELIEF_GRAPH_CLASS}[data-pwmk-status="ok"]`);
 * ```
 */
export const BELIEF_GRAPH_CLASS = "jp-PWMK-BeliefGraph";

/** The viewer that last had the pointer or focus, for the command palette's export commands. */
const lastUsed: BeliefGraphRenderer[] = [];

/**
 * The belief-graph viewer most recently used (for commands), or null.
 *
 * ```ts
 * currentBeliefGraph()?.exportSvg();
 * ```
 */
export function currentBeliefGraph(): BeliefGraphRenderer | null {
  const viewer = lastUsed[0];
  return viewer && viewer.isAttached ? viewer : null;
}

/**
 * Reads either belief-graph format as format 2.
 *
 * ```ts
 * const r = readBeliefGraph(BELIEF_GRAPH_MIME, data); // a v1 payload, converted
 * ```
 */
export function readBeliefGraph(
  mimeType: string,
  data: unknown
): PayloadReading<BeliefGraphV2Payload> {
  if (mimeType === BELIEF_GRAPH_MIME) {
    const v1 = readPayload(BELIEF_GRAPH_V1, data);
    return v1.ok ? { ok: true, payload: beliefGraphV1ToV2(v1.payload) } : v1;
  }
  return readPayload(BELIEF_GRAPH_V2, data);
}

/**
 * A JupyterLab renderer (a Lumino widget) for belief graphs, formats 1 and 2.
 *
 * ```ts
 * const renderer = registry.createRenderer(BELIEF_GRAPH_V2_MIME);
 * await renderer.renderModel(new MimeModel({ data: bundle }));
 * ```
 */
export class BeliefGraphRenderer extends Widget implements IRenderMime.IRenderer {
  readonly mimeType: string;
  private drawn: DrawnGraph | null = null;
  private view: GraphView = { snapshot: 0, agent: null, depth: null };
  private payload: BeliefGraphV2Payload | null = null;
  private words: HTMLElement | null = null;

  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType;
    this.addClass(BELIEF_GRAPH_CLASS);
    this.node.addEventListener("pointerenter", () => this.markCurrent());
    this.node.addEventListener("focusin", () => this.markCurrent());
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.node.replaceChildren();
    this.drawn = null;
    const result = readBeliefGraph(this.mimeType, model.data[this.mimeType]);
    if (!result.ok) {
      this.node.dataset.pwmkStatus = "error";
      this.node.append(errorBox(result.title, result.detail));
      return Promise.resolve();
    }
    this.payload = result.payload;
    this.node.dataset.pwmkStatus = "ok";
    this.node.append(this.build(result.payload));
    return Promise.resolve();
  }

  private markCurrent(): void {
    lastUsed.length = 0;
    lastUsed.push(this);
  }

  /** Shows snapshot `index` (what the time slider does). */
  showSnapshot(index: number): void {
    if (!this.payload || !this.drawn) return;
    this.view = {
      ...this.view,
      snapshot: Math.max(0, Math.min(index, this.payload.snapshots.length - 1))
    };
    this.refresh();
  }

  private zoom: PanZoom | null = null;

  /** Shows the whole graph. */
  fit(): void {
    this.zoom?.fit();
  }

  /** Downloads the graph as it looks now as an SVG file. */
  exportSvg(): void {
    if (this.drawn) exportSvg(this.drawn.svg, this.drawn.layout, "belief-graph.svg");
  }

  /** Downloads the graph as it looks now as a PNG file. */
  exportPng(): Promise<void> {
    return this.drawn
      ? exportPng(this.drawn.svg, this.drawn.layout, "belief-graph.png")
      : Promise.resolve();
  }

  private build(g: BeliefGraphV2Payload): HTMLElement {
    const figure = el("figure", "jp-PWMK-figure");
    if (g.title) figure.append(el("figcaption", "jp-PWMK-title", g.title));
    if (g.agents.length === 0 && g.facts.length === 0) {
      figure.append(el("p", "jp-PWMK-empty", "This belief graph is empty."));
      return figure;
    }
    const drawn = (this.drawn = drawBeliefGraph(g));
    const toolbar = el("div", "jp-PWMK-toolbar");
    const caption = el("span", "jp-PWMK-snapshot-label");
    caption.setAttribute("aria-live", "polite");
    if (g.snapshots.length > 1) {
      const slider = el("input", "jp-PWMK-slider");
      slider.type = "range";
      slider.min = "0";
      slider.max = String(g.snapshots.length - 1);
      slider.value = "0";
      slider.setAttribute("aria-label", "snapshot");
      slider.addEventListener("input", () => this.showSnapshot(Number(slider.value)));
      toolbar.append(el("label", "jp-PWMK-control", "Time "), slider, caption);
    }
    const agentFilter = select(
      "jp-PWMK-agent-filter",
      "agent",
      [["", "all agents"], ...g.agents.map((a): [string, string] => [a.id, a.label ?? a.id])],
      (v) => {
        this.view = { ...this.view, agent: v === "" ? null : v };
        this.refresh();
      }
    );
    const depth = drawn.layout.maxDepth;
    const depthFilter = select(
      "jp-PWMK-depth-filter",
      "depth",
      [
        ["", "all depths"],
        ...Array.from({ length: depth }, (_, i): [string, string] => [
          String(i + 1),
          `depth ≤ ${i + 1}`
        ])
      ],
      (v) => {
        this.view = { ...this.view, depth: v === "" ? null : Number(v) };
        this.refresh();
      }
    );
    const viewport = el("div", "jp-PWMK-viewport");
    viewport.setAttribute(
      "aria-label",
      "belief graph: drag or use the arrow keys to pan, wheel or +/- to zoom, 0 to fit"
    );
    viewport.append(drawn.svg);
    const zoom = (this.zoom = new PanZoom(drawn.svg, viewport, drawn.layout));
    toolbar.append(agentFilter);
    // Only nested graphs have depths to filter.
    if (depth > 1) toolbar.append(depthFilter);
    toolbar.append(
      button("Fit", "Show the whole graph (0)", () => zoom.fit(), "jp-PWMK-fit"),
      button("SVG", "Download as SVG", () => this.exportSvg(), "jp-PWMK-export-svg"),
      button("PNG", "Download as PNG", () => void this.exportPng(), "jp-PWMK-export-png")
    );
    this.words = el("p", "jp-PWMK-chain", "Click a node to read its beliefs in words.");
    this.words.setAttribute("aria-live", "polite");
    drawn.svg.addEventListener("click", (e) =>
      this.select((e.target as Element).closest(".jp-PWMK-node"))
    );
    drawn.svg.addEventListener("keydown", (e) => {
      if (e.key !== "Enter" && e.key !== " ") return;
      e.preventDefault();
      this.select((e.target as Element).closest(".jp-PWMK-node"));
    });
    const legend = el(
      "p",
      "jp-PWMK-legend",
      "Nested beliefs run left to right (A → B: A believes B believes …). Red: false in the world; dashed: uncertain; green facts hold."
    );
    figure.append(toolbar, viewport, this.words, legend);
    this.caption = caption;
    this.refresh();
    return figure;
  }

  private caption: HTMLElement | null = null;

  private refresh(): void {
    if (!this.drawn || !this.payload) return;
    this.drawn.show(this.view);
    const s = this.payload.snapshots[this.view.snapshot];
    this.node.dataset.snapshot = String(this.view.snapshot);
    if (this.caption)
      this.caption.textContent = `${this.view.snapshot + 1} / ${this.payload.snapshots.length}${s.label ? `: ${s.label}` : ""}`;
    this.select(null);
  }

  /** Selects a node: highlights it and its beliefs, and says them in words. */
  private select(node: Element | null): void {
    if (!this.drawn || !this.payload || !this.words) return;
    const svg = this.drawn.svg;
    const was = node?.classList.contains("jp-mod-selected");
    svg.querySelectorAll(".jp-mod-selected").forEach((n) => n.classList.remove("jp-mod-selected"));
    if (!node || was) {
      this.words.textContent = "Click a node to read its beliefs in words.";
      return;
    }
    node.classList.add("jp-mod-selected");
    const g = this.payload;
    const snap = g.snapshots[this.view.snapshot];
    const chain = this.drawn.chainOf(node);
    const fact = chain ? undefined : (node as SVGElement).dataset.id;
    const held = snap.beliefs.filter((b) =>
      chain ? chainId(b.chain) === chain.id : b.fact === fact
    );
    const key = (b: { chain: string[]; fact: string }) => `${chainId(b.chain)} ${b.fact}`;
    const keys = new Set(held.map(key));
    svg.querySelectorAll<SVGElement>(".jp-PWMK-belief").forEach((b) => {
      if (keys.has(`${b.dataset.chain} ${b.dataset.fact}`)) b.classList.add("jp-mod-selected");
    });
    const lines = held.map((b) => beliefInWords(g, snap, b));
    const head = chain
      ? lines.length === 0
        ? `${chainInWords(g, chain.chain)} nothing shown here.`
        : ""
      : lines.length === 0
        ? "Nobody believes this here."
        : "";
    this.words.replaceChildren(
      ...(head ? [el("span", "", head)] : []),
      ...lines.map((l) => el("span", "jp-PWMK-chain-line", l))
    );
  }
}

function select(
  cls: string,
  label: string,
  options: [string, string][],
  onChange: (value: string) => void
): HTMLSelectElement {
  const s = el("select", `jp-PWMK-select ${cls}`);
  s.setAttribute("aria-label", label);
  for (const [value, text] of options) {
    const o = el("option", "", text);
    o.value = value;
    s.append(o);
  }
  s.addEventListener("change", () => onChange(s.value));
  return s;
}

/**
 * The renderer factory for both belief-graph formats, registered with JupyterLab's rendermime
 * registry. `safe: true`: it draws with DOM calls only, so it renders in untrusted notebooks.
 *
 * ```ts
 * const registry = new RenderMimeRegistry({ initialFactories: [beliefGraphRendererFactory] });
 * ```
 */
export const beliefGraphRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [BELIEF_GRAPH_V2_MIME, BELIEF_GRAPH_MIME],
  defaultRank: 45,
  createRenderer: (options) => new BeliefGraphRenderer(options)
};
