/**
 * Rendering of grid worlds in three modes: text ("ansi"), an RGB image ("rgb_array") and a
 * self-contained SVG document ("svg"). Every string placed in SVG is XML-escaped.
 *
 * ```ts
 * const svg = renderGridSvg(scene);
 * ```
 */
import type { RgbImage } from "./env";

/**
 * What one cell shows.
 *
 * ```ts
 * const wall: CellGlyph = { ch: "#", bg: COLORS.wall };
 * ```
 */
export interface CellGlyph {
  /** One character for the text view. */
  ch: string;
  /** Background colour. */
  bg: readonly [number, number, number];
  /** Optional object drawn on top (an inset square, or a circle for agents). */
  fg?: readonly [number, number, number];
  /** Draw `fg` as a circle (agents) instead of an inset square. */
  round?: boolean;
  /** Optional label (e.g. an agent's name), shown in SVG. */
  label?: string;
}

/**
 * A grid scene to render: glyph per cell, and which cells are shown.
 *
 * ```ts
 * renderGridText({ width: 2, height: 1, title: "t", glyph: () => ({ ch: ".", bg: COLORS.floor }) });
 * ```
 */
export interface GridScene {
  width: number;
  height: number;
  title: string;
  glyph(cell: number): CellGlyph;
  /** When given, only cells with visible(cell) are drawn; the rest are shown as unseen. */
  visible?: (cell: number) => boolean;
  /** Extra text lines (legend, status) appended to the text view and the SVG. */
  status?: string[];
}

/**
 * The palette of the grid renders.
 *
 * ```ts
 * COLORS.wall; // [68, 68, 78]
 * ```
 */
export const COLORS = {
  floor: [236, 236, 228],
  wall: [68, 68, 78],
  unseen: [30, 30, 36],
  goal: [120, 200, 120],
  box: [176, 120, 60],
  landmark: [110, 150, 230],
  target: [240, 200, 60],
  cache: [150, 110, 190],
  agents: [
    [220, 60, 60],
    [40, 120, 220],
    [40, 170, 90],
    [230, 140, 30],
    [150, 70, 200],
    [20, 170, 180],
    [200, 90, 150],
    [120, 120, 40]
  ]
} as const;

/**
 * An agent's colour by index.
 *
 * ```ts
 * agentColor(0); // [220, 60, 60]
 * ```
 */
export function agentColor(i: number): readonly [number, number, number] {
  return COLORS.agents[i % COLORS.agents.length];
}

/**
 * Escapes text for XML (SVG) content and attribute values.
 *
 * ```ts
 * escapeXml("<b>"); // "&lt;b&gt;"
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&apos;"
  );
}

/**
 * The text view: one character per cell, unseen cells as "?".
 *
 * ```ts
 * console.log(renderGridText(scene));
 * ```
 */
export function renderGridText(scene: GridScene): string {
  const lines: string[] = [];
  for (let y = 0; y < scene.height; y++) {
    let line = "";
    for (let x = 0; x < scene.width; x++) {
      const cell = y * scene.width + x;
      line += scene.visible && !scene.visible(cell) ? "?" : scene.glyph(cell).ch;
    }
    lines.push(line);
  }
  return [scene.title, ...lines, ...(scene.status ?? [])].join("\n");
}

/**
 * The RGB image, `cellPx` pixels per cell.
 *
 * ```ts
 * const { shape } = renderGridRgb(scene, 8);
 * ```
 */
export function renderGridRgb(scene: GridScene, cellPx = 12): RgbImage {
  const h = scene.height * cellPx;
  const w = scene.width * cellPx;
  const data = new Uint8Array(h * w * 3);
  const inset = Math.max(1, Math.floor(cellPx / 5));
  const center = (cellPx - 1) / 2;
  const r2 = (cellPx / 2 - inset) ** 2;
  for (let cy = 0; cy < scene.height; cy++) {
    for (let cx = 0; cx < scene.width; cx++) {
      const cell = cy * scene.width + cx;
      const shown = !scene.visible || scene.visible(cell);
      const g = scene.glyph(cell);
      const bg = shown ? g.bg : COLORS.unseen;
      for (let py = 0; py < cellPx; py++) {
        for (let px = 0; px < cellPx; px++) {
          let color = bg;
          if (shown && g.fg) {
            const inside = g.round
              ? (px - center) ** 2 + (py - center) ** 2 <= r2
              : px >= inset && py >= inset && px < cellPx - inset && py < cellPx - inset;
            if (inside) color = g.fg;
          }
          const o = ((cy * cellPx + py) * w + cx * cellPx + px) * 3;
          data[o] = color[0];
          data[o + 1] = color[1];
          data[o + 2] = color[2];
        }
      }
    }
  }
  return { data, shape: [h, w, 3] };
}

const rgb = (c: readonly number[]): string => `rgb(${c[0]},${c[1]},${c[2]})`;

/**
 * A self-contained SVG document (no scripts, no external references).
 *
 * ```ts
 * tslab.display.svg(renderGridSvg(scene));
 * ```
 */
export function renderGridSvg(scene: GridScene, cellPx = 24): string {
  const w = scene.width * cellPx;
  const status = scene.status ?? [];
  const h = scene.height * cellPx + 18 * (status.length + 1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
    `<title>${escapeXml(scene.title)}</title>`,
    `<rect width="${w}" height="${h}" fill="white"/>`,
    `<text x="2" y="14" font-family="monospace" font-size="12">${escapeXml(scene.title)}</text>`
  ];
  const top = 18;
  for (let y = 0; y < scene.height; y++) {
    for (let x = 0; x < scene.width; x++) {
      const cell = y * scene.width + x;
      const shown = !scene.visible || scene.visible(cell);
      const g = scene.glyph(cell);
      const px = x * cellPx;
      const py = top + y * cellPx;
      parts.push(
        `<rect x="${px}" y="${py}" width="${cellPx}" height="${cellPx}" fill="${rgb(shown ? g.bg : COLORS.unseen)}"/>`
      );
      if (!shown || !g.fg) continue;
      if (g.round) {
        parts.push(
          `<circle cx="${px + cellPx / 2}" cy="${py + cellPx / 2}" r="${cellPx * 0.38}" fill="${rgb(g.fg)}"/>`
        );
      } else {
        const i = cellPx * 0.18;
        parts.push(
          `<rect x="${px + i}" y="${py + i}" width="${cellPx - 2 * i}" height="${cellPx - 2 * i}" fill="${rgb(g.fg)}"/>`
        );
      }
      if (g.label) {
        parts.push(
          `<text x="${px + cellPx / 2}" y="${py + cellPx * 0.68}" text-anchor="middle" font-family="monospace" font-size="${Math.floor(cellPx * 0.45)}" fill="white">${escapeXml(g.label)}</text>`
        );
      }
    }
  }
  status.forEach((line, i) => {
    parts.push(
      `<text x="2" y="${top + scene.height * cellPx + 14 + 18 * i}" font-family="monospace" font-size="12">${escapeXml(line)}</text>`
    );
  });
  parts.push("</svg>");
  return parts.join("");
}
