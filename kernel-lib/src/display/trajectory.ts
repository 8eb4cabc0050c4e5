/**
 * Trajectory replays (payload `application/vnd.pwmk.trajectory.v1+json`): a grid episode to
 * play, pause, step and scrub in the viewer, with fields of view, each agent's viewpoint and a
 * world model's predictions. The static fallback is a strip of frames (at most 12, first and
 * last included) drawn with the shared `sceneOf` of `pwmk/payloads`, so it needs no script.
 */
import { inspect } from "util";
import type { Displayable, MimeBundle } from "./bundle";
import { frozenJsonCopy } from "./json";
import { escapeMarkup } from "./escape";
import {
  AGENT_COLOURS,
  assertPayload,
  fmt,
  sceneOf,
  TRAJECTORY,
  TRAJECTORY_MIME,
  truncate,
  type TrajectoryPayload
} from "./payloads";

/**
 * A trajectory ready to be shown: its payload (validated, frozen) and its renderings. Get one
 * from `trajectoryOf(env | recorder | episode)` or `Trajectory.fromPayload`.
 *
 * ```ts
 * const replay = Trajectory.fromPayload(payload);
 * pwmk.display(replay);
 * ```
 */
export class Trajectory implements Displayable {
  private constructor(
    /** The JSON payload the extension draws (the replay's MIME type), validated. */
    readonly payload: Readonly<TrajectoryPayload>
  ) {}

  /**
   * Validates `payload` (throwing an error listing its problems) and wraps a deep copy.
   *
   * ```ts
   * Trajectory.fromPayload({ version: "1.0", grid: { width: 3, height: 3 }, agents: [{ id: "a" }],
   *   steps: [{ agents: [{ at: [1, 1] }] }] });
   * ```
   */
  static fromPayload(payload: unknown): Trajectory {
    assertPayload(TRAJECTORY, payload);
    return new Trajectory(frozenJsonCopy(payload));
  }

  /** The bundle: the payload, the frame strip (SVG and HTML) and plain text. */
  toMimeBundle(): MimeBundle {
    const svg = this.toSVG();
    return {
      [TRAJECTORY_MIME]: JSON.parse(JSON.stringify(this.payload)),
      "image/svg+xml": svg,
      "text/html": `<div class="pwmk-trajectory">${svg}</div>`,
      "text/plain": this.toText()
    };
  }

  /** Up to 12 frames of the episode in a strip (first and last included), as one SVG. */
  toSVG(): string {
    return trajectorySvg(this.payload);
  }

  /** A summary and where everyone is at the last step. */
  toText(): string {
    const p = this.payload;
    const n = p.steps.length;
    const name = (t: { id: string; label?: string }) => truncate(t.label ?? t.id, 60);
    const last = p.steps[n - 1];
    const lines = [
      `Trajectory${p.title ? ` "${truncate(p.title, 200)}"` : ""}: ${p.agents.length} agent${p.agents.length === 1 ? "" : "s"}, ` +
        `${n} step${n === 1 ? "" : "s"}, ${p.grid.width}×${p.grid.height} grid`
    ];
    if (last.label) lines.push(`last step: ${truncate(last.label, 200)}`);
    last.agents.forEach((a, i) => {
      const where = a.at ? `(${a.at[0]}, ${a.at[1]})` : "off the grid";
      const predicted = a.predicted ? `, predicted (${a.predicted[0]}, ${a.predicted[1]})` : "";
      lines.push(`  ${name(p.agents[i])} at ${where}${predicted}`);
    });
    return lines.join("\n");
  }

  /** tslab and the Node REPL print the text instead of the object's fields. */
  [inspect.custom](): string {
    return this.toText();
  }
}

const MAX_FRAMES = 12;

/** Evenly spread step indices, first and last included. */
function sampleSteps(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.round((i * (n - 1)) / (max - 1)));
}

function trajectorySvg(p: Readonly<TrajectoryPayload>): string {
  const frames = sampleSteps(p.steps.length, MAX_FRAMES);
  const { width: gw, height: gh } = p.grid;
  const cell = Math.max(4, Math.min(24, Math.floor(220 / Math.max(gw, gh))));
  const frameW = gw * cell;
  const frameH = gh * cell;
  const perRow = Math.max(1, Math.min(frames.length, Math.floor(900 / (frameW + 16))));
  const rows = Math.ceil(frames.length / perRow);
  const top = p.title ? 30 : 8;
  const legend = 18 * Math.min(p.agents.length, 8);
  const width = 16 + perRow * (frameW + 16);
  const height = top + rows * (frameH + 30) + legend + 8;
  const walls = p.grid.walls ?? [];
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="sans-serif" font-size="12" role="img" aria-label="${escapeMarkup(truncate(`trajectory ${p.title ?? ""}`, 200))}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`
  ];
  if (p.title)
    out.push(
      `<text x="16" y="22" font-size="15" font-weight="bold" fill="#222">${escapeMarkup(truncate(p.title, 80))}</text>`
    );
  frames.forEach((t, k) => {
    const ox = 16 + (k % perRow) * (frameW + 16);
    const oy = top + Math.floor(k / perRow) * (frameH + 30) + 18;
    const step = p.steps[t];
    out.push(
      `<text x="${ox}" y="${oy - 5}" fill="#333">${escapeMarkup(truncate(step.label ?? `step ${t}`, Math.max(6, Math.floor(frameW / 6.5))))}</text>`,
      `<g transform="translate(${ox},${oy})"><rect width="${frameW}" height="${frameH}" fill="#ecece4" stroke="#999"/>`
    );
    for (const [x, y] of walls)
      out.push(
        `<rect x="${x * cell}" y="${y * cell}" width="${cell}" height="${cell}" fill="#44444e"/>`
      );
    const scene = sceneOf(p as TrajectoryPayload, t, null);
    for (const { agent, cells } of scene.fov) {
      const colour = AGENT_COLOURS[agent % AGENT_COLOURS.length];
      for (const [x, y] of cells)
        out.push(
          `<rect x="${x * cell}" y="${y * cell}" width="${cell}" height="${cell}" fill="${colour}" fill-opacity="0.12"/>`
        );
    }
    for (const item of scene.items) {
      const cx = fmt((item.x + 0.5) * cell);
      const cy = fmt((item.y + 0.5) * cell);
      const r = fmt(cell * 0.38);
      const title = `<title>${escapeMarkup(truncate(`${item.kind} ${item.label}`, 200))}</title>`;
      if (item.kind === "agent") {
        const colour = AGENT_COLOURS[item.index % AGENT_COLOURS.length];
        out.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${colour}">${title}</circle>`);
      } else if (item.kind === "object") {
        const s = cell * 0.6;
        out.push(
          `<rect x="${fmt(item.x * cell + cell * 0.2)}" y="${fmt(item.y * cell + cell * 0.2)}" width="${fmt(s)}" height="${fmt(s)}" fill="#b0783c">${title}</rect>`
        );
      } else if (item.kind === "predicted") {
        const colour = AGENT_COLOURS[item.index % AGENT_COLOURS.length];
        out.push(
          `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${colour}" stroke-width="2" stroke-dasharray="3 2">${title}</circle>`
        );
      }
    }
    out.push("</g>");
  });
  const ly = top + rows * (frameH + 30) + 8;
  p.agents.slice(0, 8).forEach((a, i) => {
    const colour = AGENT_COLOURS[i % AGENT_COLOURS.length];
    out.push(
      `<circle cx="22" cy="${ly + i * 18 + 6}" r="6" fill="${colour}"/>` +
        `<text x="34" y="${ly + i * 18 + 10}" fill="#222">${escapeMarkup(truncate(a.label ?? a.id, 60))}</text>`
    );
  });
  if (p.steps.length > frames.length) {
    out.push(
      `<text x="${width - 16}" y="${ly + 10}" text-anchor="end" fill="#666">${frames.length} of ${p.steps.length} steps shown</text>`
    );
  }
  out.push("</svg>");
  return out.join("");
}
