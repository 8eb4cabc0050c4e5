/**
 * Pictures of a Unity scene from what its agents see: each agent's first camera observation
 * (or its vector observations as a strip of grey cells), side by side; agents that are done are
 * dimmed. Text mode lists each agent's sensors.
 *
 * ```ts
 * renderViews("GridWorld", views, "rgb_array"); // { data, shape: [h, w, 3] }
 * ```
 */
import { EnvError, type RenderMode, type RgbImage } from "../envs/env";
import type { ObservationSpec } from "./steps";

/**
 * What is drawn for one agent.
 *
 * ```ts
 * const view: AgentView = { agent: "GridWorld?team=0?agent_id=0", live: true, observation, specs };
 * ```
 */
export interface AgentView {
  agent: string;
  live: boolean;
  observation: Record<string, Float32Array> | undefined;
  specs: ObservationSpec[];
}

const GAP = 2;
const CELL = 6; // pixels per vector value in the grey strip

function clamp255(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v * 255)));
}

/** One agent's picture as an RGB image. */
function picture(view: AgentView): RgbImage {
  const obs = view.observation ?? {};
  const camera = view.specs.find((s) => s.shape.length === 3 && obs[s.name]);
  const dim = view.live ? 1 : 0.4;
  if (camera) {
    const [c, h, w] = camera.shape;
    const src = obs[camera.name];
    const data = new Uint8Array(h * w * 3);
    const plane = h * w;
    for (let i = 0; i < plane; i++)
      for (let k = 0; k < 3; k++)
        data[i * 3 + k] = clamp255(src[(c >= 3 ? k : 0) * plane + i] * dim);
    return { data, shape: [h, w, 3] };
  }
  const values = view.specs.flatMap((s) => Array.from(obs[s.name] ?? []));
  const w = Math.max(1, values.length) * CELL;
  const data = new Uint8Array(CELL * w * 3);
  for (let y = 0; y < CELL; y++)
    for (let x = 0; x < w; x++)
      data.fill(
        clamp255((values[Math.floor(x / CELL)] ?? 0) * dim),
        (y * w + x) * 3,
        (y * w + x) * 3 + 3
      );
  return { data, shape: [CELL, w, 3] };
}

function tile(images: RgbImage[]): RgbImage {
  const h = Math.max(...images.map((i) => i.shape[0]));
  const w = images.reduce((n, i) => n + i.shape[1], 0) + GAP * (images.length - 1);
  const data = new Uint8Array(h * w * 3).fill(255);
  let x0 = 0;
  for (const img of images) {
    const [ih, iw] = img.shape;
    for (let y = 0; y < ih; y++)
      data.set(img.data.subarray(y * iw * 3, (y + 1) * iw * 3), (y * w + x0) * 3);
    x0 += iw + GAP;
  }
  return { data, shape: [h, w, 3] };
}

function svgOf(image: RgbImage): string {
  const [h, w] = image.shape;
  const f = Math.max(1, Math.ceil(w / 256)); // at most 256 blocks across
  const rects: string[] = [];
  for (let y = 0; y < h; y += f) {
    for (let x = 0; x < w; x += f) {
      const rgb = [0, 0, 0];
      let n = 0;
      for (let dy = 0; dy < f && y + dy < h; dy++)
        for (let dx = 0; dx < f && x + dx < w; dx++, n++)
          for (let k = 0; k < 3; k++) rgb[k] += image.data[((y + dy) * w + x + dx) * 3 + k];
      rects.push(
        `<rect x="${x}" y="${y}" width="${f}" height="${f}" fill="rgb(${rgb.map((v) => Math.round(v / n)).join(",")})"/>`
      );
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w * 3}" height="${h * 3}" shape-rendering="crispEdges">${rects.join("")}</svg>`;
}

/**
 * The scene as text, an RGB image, or an SVG document.
 *
 * ```ts
 * renderViews(env.name, views, "ansi");
 * ```
 */
export function renderViews(name: string, views: AgentView[], mode: RenderMode): string | RgbImage {
  if (mode === "ansi") {
    const lines = views.map((v) => {
      const sensors = v.specs.map((s) => {
        const data = v.observation?.[s.name];
        const mean = data && data.length ? data.reduce((a, b) => a + b, 0) / data.length : NaN;
        return `${s.name}[${s.shape.join("x")}] mean ${mean.toFixed(3)}`;
      });
      return `${v.agent} (${v.live ? "live" : "done"}): ${sensors.join(", ")}`;
    });
    return [`${name}: ${views.length} agent(s)`, ...lines].join("\n");
  }
  const image = tile(views.map(picture));
  if (mode === "rgb_array") return image;
  if (mode === "svg") return svgOf(image);
  throw new EnvError(
    `${name}.render: unknown render mode ${JSON.stringify(mode)} (ansi, rgb_array or svg)`
  );
}
