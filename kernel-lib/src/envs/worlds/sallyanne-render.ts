/**
 * How SallyAnneWorld draws its rooms: text, SVG and an RGB image, one panel per room with its
 * containers (and their objects) and the agents in it. Seen by an agent, other rooms are unseen
 * and closed containers show no contents.
 *
 * ```ts
 * const drawing = drawRooms({ world, rooms, agents, objects, closedContainers, viewer, title });
 * drawing.ansi();
 * ```
 */
import type { AgentId } from "../../epistemic/events";
import type { RoomWorld } from "../../stories/rooms";
import type { Drawing } from "../episode";
import { agentColor, COLORS, escapeXml } from "../render";

/**
 * What a drawing of the rooms needs.
 *
 * ```ts
 * const scene: RoomScene = { world, rooms, agents, objects, closedContainers: [], title: "t=0" };
 * ```
 */
export interface RoomScene {
  world: RoomWorld;
  rooms: Readonly<Record<string, readonly string[]>>;
  agents: readonly AgentId[];
  objects: readonly string[];
  closedContainers: readonly string[];
  /** The agent whose view is drawn; undefined for everything. */
  viewer?: AgentId;
  title: string;
}

const CELL = 24;

/**
 * The three drawings of a room scene.
 *
 * ```ts
 * drawRooms(scene).svg(); // "<svg ..."
 * ```
 */
export function drawRooms(scene: RoomScene): Drawing {
  return {
    ansi: () => roomsText(scene),
    svg: () => roomsSvg(scene),
    rgb_array: () => roomsRgb(scene)
  };
}

function shown(scene: RoomScene, room: string): boolean {
  return scene.viewer === undefined || scene.world.roomOf(scene.viewer) === room;
}

/** The objects a container holds, or "?" for a closed one seen by an agent. */
function contents(scene: RoomScene, container: string, unknown: string[]): string[] {
  if (scene.viewer !== undefined && scene.closedContainers.includes(container)) return unknown;
  return scene.objects.filter((o) => scene.world.whereIs(o) === container);
}

function roomsText(scene: RoomScene): string {
  const { world } = scene;
  const lines = [scene.title];
  for (const [room, cs] of Object.entries(scene.rooms)) {
    if (!shown(scene, room)) {
      lines.push(`${room}: (unseen)`);
      continue;
    }
    const people = world.occupants(room);
    const inside = cs.map((c) => `${c}[${contents(scene, c, ["?"]).join(",")}]`).join(" ");
    lines.push(`${room}: ${inside}  agents: ${people.length ? people.join(", ") : "-"}`);
  }
  const outside = scene.agents.filter((a) => world.roomOf(a) === undefined);
  if (scene.viewer === undefined)
    lines.push(`outside: ${outside.length ? outside.join(", ") : "-"}`);
  return lines.join("\n");
}

/** Panel geometry: one panel per room, containers side by side. */
function layout(scene: RoomScene): { width: number; panelH: number; height: number } {
  const rooms = Object.values(scene.rooms);
  const maxC = Math.max(1, ...rooms.map((cs) => cs.length));
  const panelH = 5 * CELL;
  return { width: (maxC * 3 + 1) * CELL, panelH, height: rooms.length * panelH };
}

function roomsSvg(scene: RoomScene): string {
  const { width, panelH, height } = layout(scene);
  const title = escapeXml(scene.title);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + 20}" viewBox="0 0 ${width} ${height + 20}">`,
    `<title>${title}</title>`,
    `<rect width="${width}" height="${height + 20}" fill="white"/>`,
    `<text x="4" y="14" font-family="monospace" font-size="12">${title}</text>`
  ];
  Object.entries(scene.rooms).forEach(([room, cs], r) => {
    const y0 = 20 + r * panelH;
    const seen = shown(scene, room);
    parts.push(
      `<rect x="1" y="${y0 + 1}" width="${width - 2}" height="${panelH - 2}" fill="${seen ? "rgb(236,236,228)" : "rgb(30,30,36)"}" stroke="rgb(68,68,78)"/>`,
      `<text x="6" y="${y0 + 16}" font-family="monospace" font-size="12" fill="${seen ? "black" : "white"}">${escapeXml(room)}</text>`
    );
    if (!seen) return;
    cs.forEach((c, i) => {
      const x = (1 + i * 3) * CELL;
      parts.push(
        `<rect x="${x}" y="${y0 + CELL}" width="${2 * CELL}" height="${2 * CELL}" fill="rgb(150,110,190)"/>`,
        `<text x="${x + 2}" y="${y0 + CELL * 3 + 14}" font-family="monospace" font-size="11">${escapeXml(c)}</text>`
      );
      contents(scene, c, ["?"]).forEach((o, k) => {
        parts.push(
          `<text x="${x + 4}" y="${y0 + CELL + 14 + 12 * k}" font-family="monospace" font-size="11" fill="white">${escapeXml(o)}</text>`
        );
      });
    });
    scene.world.occupants(room).forEach((a, k) => {
      const x = width - (k + 1) * CELL * 1.5;
      const color = agentColor(scene.agents.indexOf(a));
      parts.push(
        `<circle cx="${x}" cy="${y0 + CELL * 3.5}" r="${CELL * 0.4}" fill="rgb(${color.join(",")})"/>`,
        `<text x="${x}" y="${y0 + CELL * 4.6}" text-anchor="middle" font-family="monospace" font-size="10">${escapeXml(a)}</text>`
      );
    });
  });
  parts.push("</svg>");
  return parts.join("");
}

function roomsRgb(scene: RoomScene): { data: Uint8Array; shape: [number, number, 3] } {
  const { width, panelH, height } = layout(scene);
  const data = new Uint8Array(height * width * 3);
  const fill = (x0: number, y0: number, w: number, h: number, c: readonly number[]): void => {
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
      for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
        const o = (y * width + x) * 3;
        data[o] = c[0];
        data[o + 1] = c[1];
        data[o + 2] = c[2];
      }
    }
  };
  Object.entries(scene.rooms).forEach(([room, cs], r) => {
    const y0 = r * panelH;
    const seen = shown(scene, room);
    fill(0, y0, width, panelH, COLORS.wall);
    fill(2, y0 + 2, width - 4, panelH - 4, seen ? COLORS.floor : COLORS.unseen);
    if (!seen) return;
    cs.forEach((c, i) => {
      const x = (1 + i * 3) * CELL;
      fill(x, y0 + CELL, 2 * CELL, 2 * CELL, COLORS.cache);
      contents(scene, c, []).forEach((o, k) =>
        fill(x + 4 + k * 8, y0 + CELL + 4, 6, 6, agentColor(3 + scene.objects.indexOf(o)))
      );
    });
    scene.world.occupants(room).forEach((a, k) => {
      const x = width - (k + 1) * CELL * 1.5 - 8;
      fill(x, y0 + CELL * 3, 16, 16, agentColor(scene.agents.indexOf(a)));
    });
  });
  return { data, shape: [height, width, 3] };
}
