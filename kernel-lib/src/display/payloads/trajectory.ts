/**
 * Trajectory, format 1 (`application/vnd.pwmk.trajectory.v1+json`): an episode of a grid world
 * to replay. The grid and its walls; per step every agent's cell, its field of view, where it
 * believes things are, its beliefs in words and (with a world model) its predicted cell; every
 * object's cell. `sceneOf` says what to draw for a step, from the world's view or one agent's
 * (only what it sees, plus what it believes), for the kernel's static frames and the renderer.
 */
import type { PayloadKind } from "./kind";

/**
 * MIME type of a trajectory, format 1.
 *
 * ```ts
 * bundle[TRAJECTORY_MIME]; // a TrajectoryPayload
 * ```
 */
export const TRAJECTORY_MIME = "application/vnd.pwmk.trajectory.v1+json";

/**
 * A grid cell, `[x, y]`, x to the right and y down from the top-left corner.
 *
 * ```ts
 * const cell: Cell = [3, 4];
 * ```
 */
export type Cell = [number, number];

/**
 * One agent at one step.
 *
 * ```ts
 * const s: AgentStep = { at: [1, 2], fov: [[1, 2], [1, 3]], thinks: [null, [4, 4]], beliefs: ["at(key) = c4_4"] };
 * ```
 */
export interface AgentStep {
  /** Its cell; null when it is off the grid. */
  at: Cell | null;
  /** Cells it sees at this step. */
  fov?: Cell[];
  /** Where it believes each thing is: aligned with the payload's agents followed by its objects; null = no definite belief. */
  thinks?: (Cell | null)[];
  /** Its beliefs in words, shown beside the grid when viewing from it. */
  beliefs?: string[];
  /** The cell a world model predicted for it at this step. */
  predicted?: Cell | null;
}

/**
 * One step of the replay.
 *
 * ```ts
 * const step: TrajectoryStep = { label: "t=0", agents: [{ at: [1, 1] }], objects: [[3, 3]] };
 * ```
 */
export interface TrajectoryStep {
  /** Caption, e.g. "t=3: seeker_0 moves up". */
  label?: string;
  /** Aligned with the payload's agents. */
  agents: AgentStep[];
  /** Cells of the payload's objects, aligned with them; null = off the grid. */
  objects?: (Cell | null)[];
}

/**
 * The payload of {@link TRAJECTORY_MIME}.
 *
 * ```ts
 * const p: TrajectoryPayload = {
 *   version: "1.0",
 *   grid: { width: 5, height: 5, walls: [[0, 0]] },
 *   agents: [{ id: "seeker" }],
 *   steps: [{ agents: [{ at: [2, 2], fov: [[2, 2]] }] }]
 * };
 * ```
 */
export interface TrajectoryPayload {
  /** The payload format's "major.minor" version; a reader accepts any minor of its major. */
  version: `1.${number}`;
  /** The heading shown above the view. */
  title?: string;
  /** The grid's size in cells and its wall cells. */
  grid: { width: number; height: number; walls?: Cell[] };
  /** The agents (ids unique), in the order of every step's `agents`. */
  agents: { id: string; label?: string }[];
  /** The other objects, in the order of every step's `objects`. */
  objects?: { id: string; label?: string }[];
  /** At least one. */
  steps: TrajectoryStep[];
}

const CELL = {
  type: "array",
  items: { type: "integer", minimum: 0 },
  minItems: 2,
  maxItems: 2
} as const;
const CELL_OR_NULL = { anyOf: [CELL, { type: "null" }] } as const;
const THING = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", minLength: 1 }, label: { type: "string" } }
} as const;

/**
 * JSON Schema (draft 2020-12) of {@link TrajectoryPayload}.
 *
 * ```ts
 * checkSchema(TRAJECTORY_SCHEMA, payload); // [] when the structure is right
 * ```
 */
export const TRAJECTORY_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://pwmk.dev/schemas/trajectory.v1.json",
  title: "PWMK trajectory, format 1.x",
  type: "object",
  required: ["version", "grid", "agents", "steps"],
  properties: {
    version: { type: "string", pattern: "^1\\.(0|[1-9][0-9]*)$" },
    title: { type: "string" },
    grid: {
      type: "object",
      required: ["width", "height"],
      properties: {
        width: { type: "integer", minimum: 1, maximum: 1024 },
        height: { type: "integer", minimum: 1, maximum: 1024 },
        walls: { type: "array", items: CELL }
      }
    },
    agents: { type: "array", minItems: 1, maxItems: 64, items: THING },
    objects: { type: "array", maxItems: 1024, items: THING },
    steps: {
      type: "array",
      minItems: 1,
      maxItems: 100000,
      items: {
        type: "object",
        required: ["agents"],
        properties: {
          label: { type: "string" },
          objects: { type: "array", items: CELL_OR_NULL },
          agents: {
            type: "array",
            items: {
              type: "object",
              required: ["at"],
              properties: {
                at: CELL_OR_NULL,
                fov: { type: "array", items: CELL },
                thinks: { type: "array", items: CELL_OR_NULL },
                beliefs: { type: "array", items: { type: "string" } },
                predicted: CELL_OR_NULL
              }
            }
          }
        }
      }
    }
  }
} as const;

/**
 * The trajectory as a payload kind (for `validatePayload`, `readPayload`).
 *
 * ```ts
 * readPayload(TRAJECTORY, model.data[TRAJECTORY_MIME]);
 * ```
 */
export const TRAJECTORY: PayloadKind<TrajectoryPayload> = {
  name: "trajectory",
  slug: "trajectory",
  mime: TRAJECTORY_MIME,
  major: 1,
  version: "1.0",
  schema: TRAJECTORY_SCHEMA,
  rules: (p) => {
    const problems: string[] = [];
    const { width, height } = p.grid;
    const inside = (c: Cell | null | undefined, where: string) => {
      if (c && (c[0] >= width || c[1] >= height))
        problems.push(`${where} [${c[0]}, ${c[1]}] is outside the ${width}×${height} grid`);
    };
    const ids = new Set<string>();
    [...p.agents, ...(p.objects ?? [])].forEach((t, i) => {
      if (ids.has(t.id))
        problems.push(`agents/objects: id "${t.id.slice(0, 40)}" is used twice (item ${i})`);
      ids.add(t.id);
    });
    p.grid.walls?.forEach((c, i) => inside(c, `grid.walls[${i}]`));
    const things = p.agents.length + (p.objects?.length ?? 0);
    for (let t = 0; t < p.steps.length && problems.length < 50; t++) {
      const step = p.steps[t];
      const where = `steps[${t}]`;
      if (step.agents.length !== p.agents.length)
        problems.push(
          `${where}.agents has ${step.agents.length} entries for ${p.agents.length} agents`
        );
      const objects = step.objects ?? [];
      if (step.objects && objects.length !== (p.objects?.length ?? 0))
        problems.push(
          `${where}.objects has ${objects.length} entries for ${p.objects?.length ?? 0} objects`
        );
      objects.forEach((c, i) => inside(c, `${where}.objects[${i}]`));
      step.agents.forEach((a, i) => {
        const at = `${where}.agents[${i}]`;
        inside(a.at, `${at}.at`);
        inside(a.predicted, `${at}.predicted`);
        a.fov?.forEach((c, j) => inside(c, `${at}.fov[${j}]`));
        if (a.thinks && a.thinks.length !== things)
          problems.push(
            `${at}.thinks has ${a.thinks.length} entries for ${things} agents and objects`
          );
        a.thinks?.forEach((c, j) => inside(c, `${at}.thinks[${j}]`));
      });
    }
    return problems;
  }
};

/**
 * One thing to draw in a cell of a step.
 *
 * ```ts
 * for (const item of sceneOf(payload, 3, null).items) draw(item);
 * ```
 */
export interface SceneItem {
  /** An agent, an object, a believed position (a ghost) or a predicted one. */
  kind: "agent" | "object" | "belief" | "predicted";
  /** The cell's column. */
  x: number;
  /** The cell's row. */
  y: number;
  /** Index into the payload's agents for agents, beliefs about agents and predictions; into its objects for objects. */
  index: number;
  /** Whose belief a "belief" item is (agent index). */
  holder?: number;
  /** The text drawn with it (the agent's or object's label). */
  label: string;
}

/**
 * What one step looks like from the world (viewpoint null) or from one agent: which cells are
 * visible (`visible` null = all), whose fields of view to shade, and the items. From an
 * agent's viewpoint only what it sees is shown, plus ghosts where it believes unseen things
 * are (its beliefs).
 *
 * ```ts
 * const scene = sceneOf(payload, t, 0); // as agent 0 sees step t
 * scene.visible!.has("3,4");
 * ```
 */
export interface Scene {
  /** The visible cells as "x,y" strings; null: every cell. */
  visible: Set<string> | null;
  /** Per agent index, the cells of its field of view (world view only). */
  fov: { agent: number; cells: Cell[] }[];
  /** What to draw, in drawing order. */
  items: SceneItem[];
}

/**
 * Builds the {@link Scene} of step `t`.
 *
 * ```ts
 * sceneOf(payload, 0, null).items.filter((i) => i.kind === "agent").length; // every agent on the grid
 * ```
 */
export function sceneOf(p: TrajectoryPayload, t: number, viewpoint: number | null): Scene {
  const step = p.steps[t];
  const objects = p.objects ?? [];
  const label = (thing: { id: string; label?: string }) => thing.label ?? thing.id;
  const items: SceneItem[] = [];
  const viewer = viewpoint === null ? undefined : step.agents[viewpoint];
  const visible = viewer ? new Set((viewer.fov ?? []).map(cellKey)) : null;
  if (viewer?.at) visible!.add(cellKey(viewer.at));
  const shown = (c: Cell) => visible === null || visible.has(cellKey(c));
  step.agents.forEach((a, i) => {
    if (a.at && (shown(a.at) || i === viewpoint))
      items.push({ kind: "agent", x: a.at[0], y: a.at[1], index: i, label: label(p.agents[i]) });
  });
  (step.objects ?? []).forEach((c, i) => {
    if (c && shown(c))
      items.push({ kind: "object", x: c[0], y: c[1], index: i, label: label(objects[i]) });
  });
  if (viewer && viewpoint !== null) {
    // Ghosts: where the viewer believes things are that it does not see there now.
    viewer.thinks?.forEach((c, j) => {
      if (!c || j === viewpoint) return;
      const isAgent = j < p.agents.length;
      const thing = isAgent ? p.agents[j] : objects[j - p.agents.length];
      const real = isAgent ? step.agents[j].at : (step.objects ?? [])[j - p.agents.length];
      if (real && shown(real) && real[0] === c[0] && real[1] === c[1]) return;
      items.push({
        kind: "belief",
        x: c[0],
        y: c[1],
        index: j,
        holder: viewpoint,
        label: label(thing)
      });
    });
  }
  step.agents.forEach((a, i) => {
    if (a.predicted && (viewpoint === null || i === viewpoint))
      items.push({
        kind: "predicted",
        x: a.predicted[0],
        y: a.predicted[1],
        index: i,
        label: label(p.agents[i])
      });
  });
  const fov =
    viewpoint === null ? step.agents.map((a, agent) => ({ agent, cells: a.fov ?? [] })) : [];
  return { visible, fov, items };
}

/**
 * Whether any step carries a world model's predictions (then viewers show them beside the truth).
 *
 * ```ts
 * hasPredictions(payload); // true when some agent step has `predicted`
 * ```
 */
export function hasPredictions(p: TrajectoryPayload): boolean {
  return p.steps.some((s) => s.agents.some((a) => a.predicted !== undefined));
}

/**
 * The key of a cell in sets: "x,y".
 *
 * ```ts
 * cellKey([3, 4]); // "3,4"
 * ```
 */
export function cellKey(c: Cell): string {
  return `${c[0]},${c[1]}`;
}

/**
 * Colours of agents by index (fields of view use them translucent), the same in the static
 * frames and the renderer.
 *
 * ```ts
 * AGENT_COLOURS[0]; // "#dc3c3c"
 * ```
 */
export const AGENT_COLOURS = [
  "#dc3c3c",
  "#2878dc",
  "#28aa5a",
  "#e68c1e",
  "#9646c8",
  "#14aab4",
  "#c85a96",
  "#787828"
] as const;

/**
 * Pixel size of one cell so the grid fits `maxWidth` (between 6 and 40 px).
 *
 * ```ts
 * cellSize(payload.grid, 480); // 40 for a 10×10 grid
 * ```
 */
export function cellSize(grid: { width: number; height: number }, maxWidth: number): number {
  return Math.max(6, Math.min(40, Math.floor(maxWidth / grid.width)));
}
