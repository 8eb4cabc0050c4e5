/**
 * The page of the viewers benchmark (bundled by kernel-lib/bench/viewers.ts with esbuild, run in headless
 * chromium): times the first paint of a belief graph through the jupyterlab-pwmk viewer against
 * a plain SVG of as many nodes drawn with no logic, and the frame rate of a trajectory replay
 * against an empty animation loop, all in the same page.
 */
import { Widget } from "@lumino/widgets";
import { BeliefGraphRenderer } from "../src/renderers/belief-graph";
import { TrajectoryRenderer } from "../src/renderers/trajectory";

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
/** Two frames: the first runs after layout, the second after the first paint. */
const painted = async () => {
  await frame();
  await frame();
};

function host(): HTMLElement {
  const div = document.createElement("div");
  document.body.replaceChildren(div);
  return div;
}

async function graphFirstPaint(
  mime: string,
  payload: unknown
): Promise<{ ms: number; nodes: number }> {
  const t0 = performance.now();
  const r = new BeliefGraphRenderer({
    mimeType: mime,
    sanitizer: {} as never,
    resolver: null,
    latexTypesetter: null,
    linkHandler: null
  } as never);
  await r.renderModel({
    data: { [mime]: payload },
    metadata: {},
    trusted: true,
    setData: () => undefined
  } as never);
  Widget.attach(r, host());
  await painted();
  const ms = performance.now() - t0;
  const nodes = r.node.querySelectorAll(".jp-PWMK-node").length;
  r.dispose();
  return { ms, nodes };
}

/** The anchor: the same number of boxes, labels and lines as plain SVG, no logic. */
async function plainFirstPaint(nodes: number): Promise<number> {
  const t0 = performance.now();
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", "800");
  svg.setAttribute("height", "640");
  svg.setAttribute("viewBox", `0 0 800 ${nodes * 40}`);
  for (let i = 0; i < nodes; i++) {
    const g = document.createElementNS(ns, "g");
    const rect = document.createElementNS(ns, "rect");
    rect.setAttribute("x", String((i % 4) * 200));
    rect.setAttribute("y", String(i * 40));
    rect.setAttribute("width", "120");
    rect.setAttribute("height", "28");
    const text = document.createElementNS(ns, "text");
    text.setAttribute("x", String((i % 4) * 200 + 10));
    text.setAttribute("y", String(i * 40 + 18));
    text.textContent = `node ${i}`;
    const line = document.createElementNS(ns, "line");
    line.setAttribute("x1", "0");
    line.setAttribute("y1", String(i * 40));
    line.setAttribute("x2", "700");
    line.setAttribute("y2", String(i * 40 + 14));
    line.setAttribute("stroke", "#555");
    g.append(rect, text, line);
    svg.append(g);
  }
  host().append(svg);
  await painted();
  return performance.now() - t0;
}

async function replayFps(mime: string, payload: unknown, seconds: number): Promise<number> {
  const r = new TrajectoryRenderer({ mimeType: mime } as never);
  await r.renderModel({
    data: { [mime]: payload },
    metadata: {},
    trusted: true,
    setData: () => undefined
  } as never);
  Widget.attach(r, host());
  await painted();
  let frames = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    r.showStep((frames + 1) % r.length);
    frames++;
    await frame();
  }
  const fps = frames / ((performance.now() - t0) / 1000);
  r.dispose();
  return fps;
}

/** The anchor: the page's own frame rate with nothing drawn. */
async function emptyFps(seconds: number): Promise<number> {
  let frames = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    frames++;
    await frame();
  }
  return frames / ((performance.now() - t0) / 1000);
}

declare global {
  interface Window {
    pwmkBench(input: {
      graphMime: string;
      graph: unknown;
      replayMime: string;
      replay: unknown;
      reps: number;
      seconds: number;
    }): Promise<{
      graphMs: number[];
      plainMs: number[];
      nodes: number;
      replayFps: number;
      emptyFps: number;
    }>;
  }
}

window.pwmkBench = async ({ graphMime, graph, replayMime, replay, reps, seconds }) => {
  const graphMs: number[] = [];
  const plainMs: number[] = [];
  let nodes = 0;
  for (let i = 0; i < reps; i++) {
    const g = await graphFirstPaint(graphMime, graph);
    nodes = g.nodes;
    graphMs.push(g.ms);
    plainMs.push(await plainFirstPaint(nodes));
  }
  const fps = await replayFps(replayMime, replay, seconds);
  const idle = await emptyFps(seconds);
  return { graphMs, plainMs, nodes, replayFps: fps, emptyFps: idle };
};
document.body.dataset.ready = "yes";
