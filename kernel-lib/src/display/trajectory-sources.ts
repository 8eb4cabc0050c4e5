/**
 * Reading trajectories from what users hold: a grid environment (its current step), a
 * TrajectoryRecorder (the steps captured while an episode ran, with a world model's predictions
 * when given), or a recorded episode of a dataset (replayed from its events).
 */
import type { Episode } from "../data/records";
import { ChainTracker } from "../epistemic/chain-tracker";
import { chainKey } from "../epistemic/events";
import { GridWorld, type GridFrame } from "../envs/gridworld";
import type { AgentStep, Cell, TrajectoryPayload, TrajectoryStep } from "./payloads";
import { Trajectory } from "./trajectory";

/**
 * Options of {@link TrajectoryRecorder.capture}.
 *
 * ```ts
 * recorder.capture({ label: "t=3: seeker_0 up", predicted: { seeker_0: [3, 4] } });
 * ```
 */
export interface CaptureOptions {
  /** Caption of the step (default "t=<time>"). */
  label?: string;
  /** Cells a world model predicted for agents at this step, by agent id. */
  predicted?: Record<string, Cell>;
}

/**
 * Records a grid episode step by step for replay: call `capture()` after `reset()` and after
 * each `step()`, then display the recorder.
 *
 * ```ts
 * const env = new pwmk.HideAndSeek({ seed: 1 });
 * env.reset({ seed: 1 });
 * const replay = recordTrajectory(env, { title: "hide and seek" });
 * for (let t = 0; t < 20 && env.agents.length > 0; t++) {
 *   env.step(Object.fromEntries(env.agents.map((a) => [a, env.actionSpace(a).sample()])));
 *   replay.capture();
 * }
 * pwmk.display(replay);
 * ```
 */
export class TrajectoryRecorder {
  private readonly steps: TrajectoryStep[] = [];
  private first: GridFrame | undefined;

  constructor(
    /** The grid world recorded (its current step is captured at once). */
    readonly env: GridWorld<unknown>,
    /** The replay's title, and the most steps it holds (default 10,000). */
    readonly options: { title?: string; maxSteps?: number } = {}
  ) {
    this.capture();
  }

  /** Records the env's current step. Throws once `maxSteps` (default 10,000) steps are held. */
  capture(options: CaptureOptions = {}): this {
    const max = this.options.maxSteps ?? 10_000;
    if (this.steps.length >= max)
      throw new Error(
        `TrajectoryRecorder holds ${max} steps already (maxSteps); display it or start a new one`
      );
    const frame = this.env.frame();
    this.first ??= frame;
    this.steps.push(stepOf(this.env, frame, options));
    return this;
  }

  /** Number of steps captured. */
  get length(): number {
    return this.steps.length;
  }

  /** The replay so far. */
  toTrajectory(): Trajectory {
    return Trajectory.fromPayload(
      payloadOf(this.first!, this.steps, this.options.title ?? this.env.name)
    );
  }

  /** The replay's bundle, so `pwmk.display(recorder)` works directly. */
  toMimeBundle() {
    return this.toTrajectory().toMimeBundle();
  }
}

/**
 * Starts recording a grid episode (see {@link TrajectoryRecorder}).
 *
 * ```ts
 * const replay = recordTrajectory(env); // captures the current step
 * env.step(actions); replay.capture();
 * ```
 */
export function recordTrajectory(
  env: GridWorld<unknown>,
  options: { title?: string; maxSteps?: number } = {}
): TrajectoryRecorder {
  if (!(env instanceof GridWorld))
    throw new Error("recordTrajectory needs a grid environment (a GridWorld)");
  return new TrajectoryRecorder(env, options);
}

/**
 * The things {@link trajectoryOf} reads.
 *
 * ```ts
 * const source: TrajectorySource = env;
 * ```
 */
export type TrajectorySource = GridWorld<unknown> | TrajectoryRecorder | Episode;

/**
 * True for anything {@link trajectoryOf} reads.
 *
 * ```ts
 * isTrajectorySource(env); // true for a grid world
 * ```
 */
export function isTrajectorySource(value: unknown): value is TrajectorySource {
  return value instanceof GridWorld || value instanceof TrajectoryRecorder || isEpisode(value);
}

/**
 * A trajectory of `source`: a grid env's current step, a recorder's steps, or a recorded
 * episode (positions from its observations, objects and beliefs replayed from its events).
 *
 * ```ts
 * pwmk.display(trajectoryOf(dataset.episodes[0]));
 * ```
 */
export function trajectoryOf(
  source: TrajectorySource,
  options: { title?: string } = {}
): Trajectory {
  if (source instanceof TrajectoryRecorder) return source.toTrajectory();
  if (source instanceof GridWorld) {
    const frame = source.frame();
    return Trajectory.fromPayload(
      payloadOf(frame, [stepOf(source, frame, {})], options.title ?? source.name)
    );
  }
  if (isEpisode(source)) return episodeTrajectory(source, options.title);
  throw new Error(
    "trajectoryOf needs a grid environment, a TrajectoryRecorder or a recorded episode"
  );
}

function payloadOf(frame: GridFrame, steps: TrajectoryStep[], title: string): TrajectoryPayload {
  return {
    version: "1.0",
    title,
    grid: { width: frame.width, height: frame.height, walls: frame.walls },
    agents: frame.agents.map((a) => ({ id: a.id })),
    objects: frame.objects.filter((o) => !o.agent).map((o) => ({ id: o.id })),
    steps
  };
}

function stepOf(
  env: GridWorld<unknown>,
  frame: GridFrame,
  options: CaptureOptions
): TrajectoryStep {
  const words = beliefWords(env);
  const agents = frame.agents.map((a, i): AgentStep => {
    const step: AgentStep = { at: frame.objects[i].at, fov: a.sees };
    if (a.thinks) step.thinks = a.thinks;
    const mine = words?.[a.id];
    if (mine) step.beliefs = mine;
    const predicted = options.predicted?.[a.id];
    if (predicted) step.predicted = predicted;
    return step;
  });
  return {
    label: options.label ?? `t=${frame.t}`,
    agents,
    objects: frame.objects.filter((o) => !o.agent).map((o) => o.at)
  };
}

/** Each agent's first-order beliefs in words, when the env tracks beliefs. */
function beliefWords(env: GridWorld<unknown>): Record<string, string[]> | undefined {
  if (env.config.beliefs === "off") return undefined;
  const gt = env.getBeliefGroundTruth(1);
  const out: Record<string, string[]> = {};
  for (const agent of gt.agents) {
    const held = gt.perspectives[chainKey([agent])] ?? {};
    out[agent] = Object.entries(held).map(([fluent, values]) => {
      if (values.length === 1) return `${fluent} = ${String(values[0])}`;
      // A long list of possible cells says little; its count says enough.
      if (values.length > 4) return `${fluent}: not sure (${values.length} possible values)`;
      return `${fluent} is one of ${values.map(String).join(", ")}`;
    });
  }
  return out;
}

function isEpisode(value: unknown): value is Episode {
  const e = value as Partial<Episode> | null;
  return (
    typeof e === "object" &&
    e !== null &&
    Array.isArray(e.observations) &&
    Array.isArray(e.actions) &&
    typeof e.seed === "number"
  );
}

const CELL_NAME = /^c(\d+)_(\d+)$/;

function cellOf(value: unknown): Cell | null {
  const m = typeof value === "string" ? CELL_NAME.exec(value) : null;
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/**
 * A recorded episode: agents' cells from each observation's `position`, their fields of view
 * from the egocentric `view` (seen cells, walls), objects and beliefs from replaying the
 * recorded events into a tracker started from the episode's `trackerInit`.
 */
function episodeTrajectory(ep: Episode, title?: string): Trajectory {
  const first = ep.observations[0] ?? {};
  const agentIds = Object.keys(first);
  if (agentIds.length === 0) throw new Error("trajectoryOf: the episode has no observations");
  const fluents = Object.keys(ep.trackerInit?.world ?? {}).filter((f) =>
    cellOf(ep.trackerInit!.world[f])
  );
  const objectFluents = fluents.filter((f) => !agentIds.includes(f.replace(/^at\((.*)\)$/, "$1")));
  const tracker = ep.trackerInit ? new ChainTracker(ep.trackerInit) : undefined;
  const walls = new Map<string, Cell>();
  let width = 1;
  let height = 1;
  const grow = (c: Cell | null) => {
    if (!c) return;
    width = Math.max(width, c[0] + 1);
    height = Math.max(height, c[1] + 1);
  };
  for (const domain of Object.values(ep.trackerInit?.domains ?? {}))
    for (const v of domain) grow(cellOf(v));
  const steps: TrajectoryStep[] = ep.observations.map((obs, t) => {
    if (tracker) for (const e of ep.events[t] ?? []) tracker.apply(e);
    const agents = agentIds.map((id): AgentStep => {
      const o = (obs[id] ?? {}) as { position?: ArrayLike<number>; view?: ArrayLike<number> };
      const at: Cell | null = o.position ? [o.position[0], o.position[1]] : null;
      grow(at);
      const step: AgentStep = { at };
      if (at && o.view) {
        const side = Math.round(Math.sqrt(o.view.length));
        const r = (side - 1) / 2;
        const fov: Cell[] = [];
        for (let k = 0; k < o.view.length; k++) {
          const x = at[0] + (k % side) - r;
          const y = at[1] + Math.floor(k / side) - r;
          if (o.view[k] === 0 || x < 0 || y < 0) continue;
          fov.push([x, y]);
          grow([x, y]);
          if (o.view[k] === 2) walls.set(`${x},${y}`, [x, y]);
        }
        step.fov = fov;
      }
      if (tracker) {
        step.thinks = [...agentIds.map((a) => `at(${a})`), ...objectFluents].map((f) => {
          const v = tracker.believedValues([id], f);
          return v.length === 1 ? cellOf(v[0]) : null;
        });
      }
      return step;
    });
    const objects = objectFluents.map((f) => {
      const v = tracker?.believedValues([], f) ?? [];
      const c = v.length === 1 ? cellOf(v[0]) : null;
      grow(c);
      return c;
    });
    return { label: `t=${t}`, agents, objects };
  });
  return Trajectory.fromPayload({
    version: "1.0",
    title: title ?? `episode ${ep.index} (seed ${ep.seed})`,
    grid: { width, height, walls: [...walls.values()] },
    agents: agentIds.map((id) => ({ id })),
    objects: objectFluents.map((f) => ({ id: f.replace(/^at\((.*)\)$/, "$1") })),
    steps
  });
}
