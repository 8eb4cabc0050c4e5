/**
 * The trajectory viewer: replays `application/vnd.pwmk.trajectory.v1+json` outputs with play,
 * pause, step and a scrub slider; shades each agent's field of view; switches the viewpoint to
 * one agent (only what it sees, plus ghosts where it believes the rest is, and its beliefs in
 * words); and shows a world model's predicted positions beside the true ones when present.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import {
  AGENT_COLOURS,
  hasPredictions,
  readPayload,
  TRAJECTORY,
  TRAJECTORY_MIME,
  type TrajectoryPayload
} from "pwmk/payloads";
import { GridView } from "./trajectory-draw";
import { button, el, errorBox, viewerSettings } from "./view-tools";

/**
 * CSS class of every trajectory output.
 *
 * ```ts
 * document.querySelector(`.${TRAJECTORY_CLASS}[data-pwmk-status="ok"]`);
 * ```
 */
export const TRAJECTORY_CLASS = "jp-PWMK-Trajectory";

const lastUsed: TrajectoryRenderer[] = [];

/**
 * The trajectory viewer most recently used (for commands), or null.
 *
 * ```ts
 * currentTrajectory()?.play();
 * ```
 */
export function currentTrajectory(): TrajectoryRenderer | null {
  const viewer = lastUsed[0];
  return viewer && viewer.isAttached ? viewer : null;
}

/**
 * A JupyterLab renderer (a Lumino widget) for trajectories.
 *
 * ```ts
 * const viewer = registry.createRenderer(TRAJECTORY_MIME) as TrajectoryRenderer;
 * viewer.play();
 * ```
 */
export class TrajectoryRenderer extends Widget implements IRenderMime.IRenderer {
  readonly mimeType: string;
  private p: TrajectoryPayload | null = null;
  private grids: GridView[] = [];
  private t = 0;
  private viewpoint: number | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private controls: {
    scrub: HTMLInputElement;
    label: HTMLElement;
    play: HTMLButtonElement;
    beliefs: HTMLElement;
  } | null = null;

  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType;
    this.addClass(TRAJECTORY_CLASS);
    this.node.addEventListener("pointerenter", () => this.markCurrent());
    this.node.addEventListener("focusin", () => this.markCurrent());
  }

  private markCurrent(): void {
    lastUsed.length = 0;
    lastUsed.push(this);
  }

  /** Whether the replay is playing. */
  get playing(): boolean {
    return this.timer !== undefined;
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.pause();
    this.node.replaceChildren();
    const result = readPayload(TRAJECTORY, model.data[this.mimeType]);
    if (!result.ok) {
      this.node.dataset.pwmkStatus = "error";
      this.node.append(errorBox(result.title, result.detail));
      return Promise.resolve();
    }
    this.p = result.payload;
    this.t = Math.min(this.t, this.p.steps.length - 1);
    this.node.dataset.pwmkStatus = "ok";
    this.node.append(this.build(result.payload));
    this.showStep(this.t);
    return Promise.resolve();
  }

  /** Number of steps. */
  get length(): number {
    return this.p?.steps.length ?? 0;
  }

  /** Draws step `t` (clamped) in every grid. */
  showStep(t: number): void {
    if (!this.p || !this.controls) return;
    this.t = Math.max(0, Math.min(t, this.p.steps.length - 1));
    for (const g of this.grids) g.show(this.t, this.viewpoint);
    const step = this.p.steps[this.t];
    this.node.dataset.step = String(this.t);
    this.controls.scrub.value = String(this.t);
    this.controls.label.textContent = `${this.t + 1} / ${this.p.steps.length}${step.label ? `: ${step.label}` : ""}`;
    const beliefs = this.viewpoint === null ? [] : (step.agents[this.viewpoint].beliefs ?? []);
    this.controls.beliefs.replaceChildren(
      ...(this.viewpoint === null
        ? []
        : [
            el("strong", "", `${this.agentName(this.viewpoint)} believes: `),
            ...(beliefs.length
              ? beliefs.map((b) => el("span", "jp-PWMK-chain-line", b))
              : [el("span", "", "(nothing recorded)")])
          ])
    );
  }

  /** Plays from the current step to the end at the configured speed. */
  play(): void {
    if (!this.p || this.timer !== undefined) return;
    if (this.t >= this.p.steps.length - 1) this.showStep(0);
    this.node.dataset.playing = "yes";
    if (this.controls) this.controls.play.textContent = "Pause";
    const tick = () => {
      if (!this.p || this.t >= this.p.steps.length - 1) return this.pause();
      this.showStep(this.t + 1);
      this.timer = setTimeout(tick, 1000 / Math.max(0.5, viewerSettings.replayStepsPerSecond));
    };
    this.timer = setTimeout(tick, 1000 / Math.max(0.5, viewerSettings.replayStepsPerSecond));
  }

  /** Stops playing. */
  pause(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.node.dataset.playing = "no";
    if (this.controls) this.controls.play.textContent = "Play";
  }

  /** Views the replay from agent `index` (only what it sees and believes), or the world (null). */
  setViewpoint(index: number | null): void {
    this.viewpoint = index;
    this.node.dataset.viewpoint = index === null ? "" : (this.p?.agents[index].id ?? "");
    this.showStep(this.t);
  }

  dispose(): void {
    this.pause();
    super.dispose();
  }

  protected onBeforeDetach(): void {
    this.pause();
  }

  private agentName(i: number): string {
    const a = this.p!.agents[i];
    return a.label ?? a.id;
  }

  private build(p: TrajectoryPayload): HTMLElement {
    const figure = el("figure", "jp-PWMK-figure");
    if (p.title) figure.append(el("figcaption", "jp-PWMK-title", p.title));
    const toolbar = el("div", "jp-PWMK-toolbar");
    const play = button(
      "Play",
      "Play / pause (space)",
      () => (this.timer === undefined ? this.play() : this.pause()),
      "jp-PWMK-play"
    );
    const back = button(
      "◀",
      "Step back (←)",
      () => (this.pause(), this.showStep(this.t - 1)),
      "jp-PWMK-step-back"
    );
    const next = button(
      "▶",
      "Step forward (→)",
      () => (this.pause(), this.showStep(this.t + 1)),
      "jp-PWMK-step"
    );
    const scrub = el("input", "jp-PWMK-scrub");
    scrub.type = "range";
    scrub.min = "0";
    scrub.max = String(p.steps.length - 1);
    scrub.setAttribute("aria-label", "step");
    scrub.addEventListener("input", () => (this.pause(), this.showStep(Number(scrub.value))));
    const viewpoint = el("select", "jp-PWMK-select jp-PWMK-viewpoint");
    viewpoint.setAttribute("aria-label", "viewpoint");
    const world = el("option", "", "world view");
    world.value = "";
    viewpoint.append(world);
    p.agents.forEach((a, i) => {
      const o = el("option", "", `as ${a.label ?? a.id} sees it`);
      o.value = String(i);
      viewpoint.append(o);
    });
    viewpoint.addEventListener("change", () =>
      this.setViewpoint(viewpoint.value === "" ? null : Number(viewpoint.value))
    );
    const label = el("span", "jp-PWMK-snapshot-label");
    toolbar.append(play, back, next, scrub, label, viewpoint);
    this.node.tabIndex = 0;
    this.node.addEventListener("keydown", (e) => {
      if (e.target !== this.node) return;
      const keys: Record<string, () => void> = {
        " ": () => play.click(),
        ArrowLeft: () => back.click(),
        ArrowRight: () => next.click(),
        Home: () => (this.pause(), this.showStep(0)),
        End: () => (this.pause(), this.showStep(p.steps.length - 1))
      };
      if (!keys[e.key]) return;
      e.preventDefault();
      keys[e.key]();
    });
    this.grids = [new GridView(p, "true")];
    if (hasPredictions(p)) this.grids.push(new GridView(p, "predicted"));
    const grids = el("div", "jp-PWMK-grids");
    for (const g of this.grids) {
      const box = el("div", "jp-PWMK-grid-box");
      box.append(
        el(
          "div",
          "jp-PWMK-grid-caption",
          g.mode === "true" ? "true positions" : "predicted by the world model"
        ),
        g.svg
      );
      grids.append(box);
    }
    const legend = el("div", "jp-PWMK-legend");
    p.agents.forEach((a, i) => {
      const swatch = el("span", "jp-PWMK-swatch", "● ");
      swatch.style.color = AGENT_COLOURS[i % AGENT_COLOURS.length];
      legend.append(swatch, el("span", "", `${a.label ?? a.id}  `));
    });
    const beliefs = el("div", "jp-PWMK-beliefs-panel");
    beliefs.setAttribute("aria-live", "polite");
    this.controls = { scrub, label, play, beliefs };
    figure.append(toolbar, grids, legend, beliefs);
    return figure;
  }
}

/**
 * The trajectory renderer factory. `safe: true`: it draws with DOM calls only.
 *
 * ```ts
 * registry.addFactory(trajectoryRendererFactory, 45);
 * ```
 */
export const trajectoryRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [TRAJECTORY_MIME],
  defaultRank: 45,
  createRenderer: (options) => new TrajectoryRenderer(options)
};
