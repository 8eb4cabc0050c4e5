/**
 * Draws one grid of a trajectory: the floor and walls once, then each step's fields of view,
 * unseen cells (from an agent's viewpoint), agents, objects, belief ghosts and predictions
 * from the shared `sceneOf` of `pwmk/payloads` (the kernel's static frames use it too). Cells
 * are grouped into one path per layer, so big grids stay fast.
 */
import { AGENT_COLOURS, cellKey, cellSize, sceneOf, type TrajectoryPayload } from "pwmk/payloads";
import { svgEl, svgText } from "./view-tools";

/**
 * One drawn grid: call `show(t, viewpoint)` to draw step t.
 *
 * ```ts
 * const grid = new GridView(payload, "true");
 * grid.show(0, null);
 * ```
 */
export class GridView {
  readonly svg: SVGSVGElement;
  readonly size: { width: number; height: number };
  private readonly dynamic: SVGElement;
  private readonly cell: number;

  constructor(
    private readonly p: TrajectoryPayload,
    /** "true": the world's positions; "predicted": where the world model put the agents. */
    readonly mode: "true" | "predicted",
    maxWidth = 420
  ) {
    const { width, height } = p.grid;
    const cell = (this.cell = cellSize(p.grid, maxWidth));
    this.size = { width: width * cell, height: height * cell };
    this.svg = svgEl(
      "svg",
      {
        width: this.size.width,
        height: this.size.height,
        viewBox: `0 0 ${this.size.width} ${this.size.height}`,
        role: "img"
      },
      "jp-PWMK-grid"
    ) as SVGSVGElement;
    this.svg.dataset.view = mode;
    this.svg.setAttribute(
      "aria-label",
      `${mode === "true" ? "true" : "predicted"} positions, ${width}×${height} grid`
    );
    this.svg.append(
      svgEl("rect", { width: this.size.width, height: this.size.height }, "jp-PWMK-floor")
    );
    const walls = (p.grid.walls ?? [])
      .map(([x, y]) => `M${x * cell} ${y * cell}h${cell}v${cell}h${-cell}z`)
      .join("");
    if (walls) this.svg.append(svgEl("path", { d: walls }, "jp-PWMK-wall"));
    this.dynamic = svgEl("g", {});
    this.svg.append(this.dynamic);
  }

  /** Draws step `t` from the world's view (null) or from agent `viewpoint`'s. */
  show(t: number, viewpoint: number | null): void {
    const c = this.cell;
    const scene = sceneOf(this.p, t, viewpoint);
    const parts: SVGElement[] = [];
    const square = (x: number, y: number) => `M${x * c} ${y * c}h${c}v${c}h${-c}z`;
    for (const { agent, cells } of scene.fov) {
      if (cells.length === 0) continue;
      const shade = svgEl(
        "path",
        {
          d: cells.map(([x, y]) => square(x, y)).join(""),
          fill: AGENT_COLOURS[agent % AGENT_COLOURS.length],
          "fill-opacity": 0.14
        },
        "jp-PWMK-fov"
      );
      shade.dataset.agent = this.p.agents[agent].id;
      parts.push(shade);
    }
    if (scene.visible) {
      let d = "";
      for (let y = 0; y < this.p.grid.height; y++)
        for (let x = 0; x < this.p.grid.width; x++)
          if (!scene.visible.has(cellKey([x, y]))) d += square(x, y);
      if (d) parts.push(svgEl("path", { d }, "jp-PWMK-unseen"));
    }
    const r = c * 0.38;
    for (const item of scene.items) {
      const cx = (item.x + 0.5) * c;
      const cy = (item.y + 0.5) * c;
      const colour = AGENT_COLOURS[item.index % AGENT_COLOURS.length];
      let node: SVGElement | null = null;
      if (item.kind === "agent" && this.mode === "true") {
        node = svgEl("circle", { cx, cy, r, fill: colour }, "jp-PWMK-token");
        node.dataset.agent = this.p.agents[item.index].id;
      } else if (item.kind === "predicted" && this.mode === "predicted") {
        node = svgEl(
          "circle",
          { cx, cy, r, fill: colour, "fill-opacity": 0.6, stroke: colour, "stroke-width": 2 },
          "jp-PWMK-token jp-PWMK-predicted"
        );
        node.dataset.agent = this.p.agents[item.index].id;
      } else if (item.kind === "object") {
        node = svgEl(
          "rect",
          { x: item.x * c + c * 0.2, y: item.y * c + c * 0.2, width: c * 0.6, height: c * 0.6 },
          "jp-PWMK-object"
        );
        node.dataset.object = (this.p.objects ?? [])[item.index].id;
      } else if (item.kind === "belief") {
        const holder = AGENT_COLOURS[(item.holder ?? 0) % AGENT_COLOURS.length];
        node = svgEl("circle", { cx, cy, r: r * 0.8, stroke: holder }, "jp-PWMK-ghost");
        node.dataset.thing = item.label;
      }
      if (!node) continue;
      node.append(
        svgText("title", {}, `${item.kind === "belief" ? "believed: " : ""}${item.label}`)
      );
      parts.push(node);
    }
    this.dynamic.replaceChildren(...parts);
  }
}
