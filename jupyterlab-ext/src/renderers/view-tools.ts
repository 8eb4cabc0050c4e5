/**
 * DOM helpers shared by the belief-graph and trajectory viewers: element builders that only
 * ever set text through `textContent` (no string from a bundle is parsed as markup), the error
 * message box, pan and zoom of an SVG through its viewBox, and export as SVG or PNG files.
 */

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * An HTML element with a class and, optionally, text (set as text, never as markup).
 *
 * ```ts
 * const caption = el("p", "jp-PWMK-caption", userText);
 * ```
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls = "",
  text?: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * An SVG element with attributes (numbers and our own strings only) and a class.
 *
 * ```ts
 * svgEl("rect", { x: 0, y: 0, width: 10, height: 10 }, "jp-PWMK-cell");
 * ```
 */
export function svgEl(tag: string, attrs: Record<string, string | number>, cls = ""): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (cls) node.setAttribute("class", cls);
  return node;
}

/**
 * An SVG `<text>` or `<title>` holding `text` as text.
 *
 * ```ts
 * group.append(svgText("title", {}, "agent <b>not bold</b>"));
 * ```
 */
export function svgText(
  tag: "text" | "title",
  attrs: Record<string, string | number>,
  text: string,
  cls = ""
): SVGElement {
  const node = svgEl(tag, attrs, cls);
  node.textContent = text;
  return node;
}

/**
 * The message a viewer shows instead of a drawing: a role=alert box with a bold title.
 *
 * ```ts
 * node.append(errorBox("Malformed trajectory", "steps[0].agents has 2 entries for 1 agents"));
 * ```
 */
export function errorBox(title: string, detail: string): HTMLElement {
  const box = el("div", "jp-PWMK-error");
  box.setAttribute("role", "alert");
  box.append(el("strong", "", title), el("span", "", `: ${detail}`));
  return box;
}

/**
 * A button with a label and a tooltip, calling `action` on click.
 *
 * ```ts
 * toolbar.append(button("Fit", "Show the whole graph", () => zoom.fit()));
 * ```
 */
export function button(
  label: string,
  title: string,
  action: () => void,
  cls = ""
): HTMLButtonElement {
  const b = el("button", `jp-PWMK-button ${cls}`.trim(), label);
  b.type = "button";
  b.title = title;
  b.addEventListener("click", action);
  return b;
}

/**
 * Viewer settings the plugin reads from JupyterLab's settings (jupyterlab-pwmk:plugin).
 *
 * ```ts
 * viewerSettings.graphMaxHeight = 800;
 * ```
 */
export const viewerSettings = { graphMaxHeight: 640, replayStepsPerSecond: 4 };

/**
 * Pan and zoom of an SVG through its viewBox: wheel zooms around the pointer, dragging pans,
 * and with the viewport focused `+`/`-` zoom, the arrow keys pan and `0` shows everything.
 *
 * ```ts
 * const zoom = new PanZoom(svg, viewport, { width, height });
 * zoom.fit();
 * ```
 */
export class PanZoom {
  private box: { x: number; y: number; w: number; h: number };

  constructor(
    private readonly svg: SVGSVGElement,
    viewport: HTMLElement,
    private readonly content: { width: number; height: number },
    initialHeight = Math.min(content.height, viewerSettings.graphMaxHeight)
  ) {
    this.box = { x: 0, y: 0, w: content.width, h: initialHeight };
    this.apply();
    viewport.tabIndex = 0;
    viewport.addEventListener(
      "wheel",
      (e) => {
        e.preventDefault();
        const r = svg.getBoundingClientRect();
        const fx = r.width > 0 ? (e.clientX - r.left) / r.width : 0.5;
        const fy = r.height > 0 ? (e.clientY - r.top) / r.height : 0.5;
        this.zoom(e.deltaY > 0 ? 1.2 : 1 / 1.2, fx, fy);
      },
      { passive: false }
    );
    let drag: { x: number; y: number } | undefined;
    viewport.addEventListener("pointerdown", (e) => {
      if ((e.target as Element).closest("[tabindex], button, input, select")) return;
      drag = { x: e.clientX, y: e.clientY };
    });
    const stop = () => (drag = undefined);
    viewport.addEventListener("pointerup", stop);
    viewport.addEventListener("pointerleave", stop);
    viewport.addEventListener("pointermove", (e) => {
      if (!drag) return;
      const r = svg.getBoundingClientRect();
      const scale = r.width > 0 ? this.box.w / r.width : 1;
      this.pan((drag.x - e.clientX) * scale, (drag.y - e.clientY) * scale);
      drag = { x: e.clientX, y: e.clientY };
    });
    viewport.addEventListener("keydown", (e) => {
      const step = this.box.w / 10;
      const moves: Record<string, () => void> = {
        "+": () => this.zoom(1 / 1.2),
        "=": () => this.zoom(1 / 1.2),
        "-": () => this.zoom(1.2),
        "0": () => this.fit(),
        ArrowLeft: () => this.pan(-step, 0),
        ArrowRight: () => this.pan(step, 0),
        ArrowUp: () => this.pan(0, -step),
        ArrowDown: () => this.pan(0, step)
      };
      if (e.target !== viewport || !moves[e.key]) return;
      e.preventDefault();
      moves[e.key]();
    });
  }

  /** Shows the whole drawing. */
  fit(): void {
    this.box = { x: 0, y: 0, w: this.content.width, h: this.content.height };
    this.apply();
  }

  /** Zooms by `factor` (> 1 zooms out) around the point at fractions (fx, fy) of the view. */
  zoom(factor: number, fx = 0.5, fy = 0.5): void {
    const w = Math.min(Math.max(this.box.w * factor, 20), this.content.width * 4);
    const h = (this.box.h * w) / this.box.w;
    this.box = {
      x: this.box.x + (this.box.w - w) * fx,
      y: this.box.y + (this.box.h - h) * fy,
      w,
      h
    };
    this.apply();
  }

  /** Moves the view by (dx, dy) drawing units. */
  pan(dx: number, dy: number): void {
    this.box = { ...this.box, x: this.box.x + dx, y: this.box.y + dy };
    this.apply();
  }

  /** The current view box, e.g. for tests: "x y w h". */
  get viewBox(): string {
    return this.svg.getAttribute("viewBox") ?? "";
  }

  private apply(): void {
    const { x, y, w, h } = this.box;
    this.svg.setAttribute("viewBox", `${x} ${y} ${w} ${h}`);
    this.svg.setAttribute(
      "height",
      String(Math.round(Math.min(h * (this.content.width / w), viewerSettings.graphMaxHeight)))
    );
  }
}

const STYLE_PROPS = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "opacity",
  "font-size",
  "font-family",
  "font-weight",
  "display"
];

/**
 * A standalone SVG document of `svg` as it looks now, with the theme's computed colours
 * written into each element (CSS variables do not survive outside the page), showing the
 * whole drawing.
 *
 * ```ts
 * const text = standaloneSvg(svg, { width, height });
 * ```
 */
export function standaloneSvg(svg: SVGSVGElement, size: { width: number; height: number }): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...Array.from(svg.querySelectorAll("*"))];
  const to = [copy, ...Array.from(copy.querySelectorAll("*"))];
  from.forEach((node, i) => {
    const style = getComputedStyle(node);
    const target = to[i] as SVGElement;
    target.removeAttribute("class");
    target.removeAttribute("tabindex");
    for (const prop of STYLE_PROPS) {
      const value = style.getPropertyValue(prop);
      if (value) target.style.setProperty(prop, value);
    }
  });
  copy.setAttribute("xmlns", SVG_NS);
  copy.setAttribute("viewBox", `0 0 ${size.width} ${size.height}`);
  copy.setAttribute("width", String(size.width));
  copy.setAttribute("height", String(size.height));
  copy.insertBefore(
    svgEl("rect", { width: "100%", height: "100%", fill: background(svg) }),
    copy.firstChild
  );
  return new XMLSerializer().serializeToString(copy);
}

function background(node: Element): string {
  for (let n: Element | null = node; n; n = n.parentElement) {
    const bg = getComputedStyle(n).backgroundColor;
    if (bg && bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent") return bg;
  }
  return "#ffffff";
}

/**
 * Offers `blob` as a download named `name`.
 *
 * ```ts
 * download(new Blob([svgText], { type: "image/svg+xml" }), "belief-graph.svg");
 * ```
 */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = el("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Exports the drawing as an SVG file.
 *
 * ```ts
 * exportSvg(svg, layout, "belief-graph.svg");
 * ```
 */
export function exportSvg(
  svg: SVGSVGElement,
  size: { width: number; height: number },
  name: string
): void {
  download(new Blob([standaloneSvg(svg, size)], { type: "image/svg+xml" }), name);
}

/**
 * Exports the drawing as a PNG file (the SVG drawn onto a canvas, at most 8,000 px a side).
 * Resolves once the file is offered; rejects with a clear error if the browser cannot draw it.
 *
 * ```ts
 * await exportPng(svg, layout, "belief-graph.png");
 * ```
 */
export async function exportPng(
  svg: SVGSVGElement,
  size: { width: number; height: number },
  name: string
): Promise<void> {
  const scale = Math.min(2, 8000 / Math.max(size.width, size.height));
  const url = URL.createObjectURL(new Blob([standaloneSvg(svg, size)], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = el("canvas");
    canvas.width = Math.ceil(size.width * scale);
    canvas.height = Math.ceil(size.height * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("this browser cannot draw on a canvas");
    ctx.scale(scale, scale);
    ctx.drawImage(image, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!blob) throw new Error("the drawing is too large to export as PNG");
    download(blob, name);
  } finally {
    URL.revokeObjectURL(url);
  }
}
