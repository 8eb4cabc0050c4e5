/**
 * Observations and actions as numbers a network reads, derived from the spaces a dataset header
 * records. Every observation becomes one flat Float32 vector: each scalar of each leaf space, in
 * the header's key order, scaled to [0, 1] by its bounds (`Box` by low/high, `Discrete` and
 * `MultiDiscrete` by their sizes; an unbounded `Box` entry is kept as is). Agents whose
 * observations are shorter are zero-padded to the longest. Each joint action becomes one integer
 * per agent: a `Discrete` value minus its start, a `MultiDiscrete` vector in mixed radix.
 *
 * ```ts
 * const enc = observationEncoding(ds.header.observationSpaces);
 * const row = new Float32Array(enc.dim);
 * enc.encode("sally", ds.episodes[0].observations[0].sally, row, 0);
 * ```
 */
import type { AgentId } from "../epistemic/events";
import type { SpaceJSON } from "../envs/spaces";

/**
 * Thrown when a dataset cannot be turned into training batches (a space the adapter cannot
 * encode, an observation that does not fit its space, a dataset without beliefs).
 *
 * ```ts
 * try { WorldModelData.fromDataset(ds); } catch (e) { if (e instanceof TrainingDataError) console.log(e.message); }
 * ```
 */
export class TrainingDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TrainingDataError";
  }
}

/** One scalar of a flattened observation: where it is read from and how it is scaled. */
interface Scalar {
  path: string[];
  index: number;
  offset: number;
  scale: number;
}

function scalars(space: SpaceJSON, path: string[], out: Scalar[]): void {
  const bounded = (low: number, high: number) =>
    Number.isFinite(low) && Number.isFinite(high) && high > low
      ? { offset: low, scale: 1 / (high - low) }
      : { offset: 0, scale: 1 };
  switch (space.type) {
    case "Discrete": {
      const { offset, scale } = bounded(space.start, space.start + space.n - 1);
      out.push({ path, index: -1, offset, scale });
      return;
    }
    case "MultiDiscrete":
      space.nvec.forEach((n, index) => out.push({ path, index, ...bounded(0, n - 1) }));
      return;
    case "Box": {
      const size = space.shape.reduce((a, b) => a * b, 1);
      const b = bounded(space.low, space.high);
      for (let index = 0; index < size; index++) out.push({ path, index, ...b });
      return;
    }
    case "Dict":
      for (const key of Object.keys(space.spaces)) scalars(space.spaces[key], [...path, key], out);
      return;
    default:
      throw new TrainingDataError(
        `cannot encode an observation space of type ${JSON.stringify((space as { type: unknown }).type)}`
      );
  }
}

function read(value: unknown, s: Scalar, agent: AgentId): number {
  let v: unknown = value;
  for (const key of s.path) v = (v as Record<string, unknown> | null)?.[key];
  const x = s.index < 0 ? v : (v as ArrayLike<number> | null | undefined)?.[s.index];
  if (typeof x !== "number" || Number.isNaN(x)) {
    throw new TrainingDataError(
      `observation of ${agent} has no number at ${[...s.path, ...(s.index < 0 ? [] : [`[${s.index}]`])].join(".") || "(root)"}`
    );
  }
  return x;
}

/**
 * How the observations of each agent are flattened (see the module comment).
 *
 * ```ts
 * const enc = observationEncoding(header.observationSpaces);
 * enc.dim; // the longest agent's number of scalars
 * ```
 */
export interface ObservationEncoding {
  /** Length of every encoded observation (the longest agent's; shorter ones are zero-padded). */
  readonly dim: number;
  /** Writes the encoding of `agent`'s observation into `out` from `offset` (dim numbers). */
  encode(agent: AgentId, observation: unknown, out: Float32Array, offset: number): void;
}

/**
 * The encoding of observations from the per-agent spaces of a dataset header.
 *
 * ```ts
 * observationEncoding({ a: { type: "Box", low: 0, high: 9, shape: [2], dtype: "uint8" } }).dim; // 2
 * ```
 */
export function observationEncoding(spaces: Record<AgentId, SpaceJSON>): ObservationEncoding {
  const perAgent = new Map<AgentId, Scalar[]>();
  for (const [agent, space] of Object.entries(spaces)) {
    const list: Scalar[] = [];
    scalars(space, [], list);
    perAgent.set(agent, list);
  }
  const dim = Math.max(0, ...[...perAgent.values()].map((l) => l.length));
  return {
    dim,
    encode(agent, observation, out, offset) {
      const list = perAgent.get(agent);
      if (!list) throw new TrainingDataError(`no observation space for agent ${agent}`);
      for (let i = 0; i < list.length; i++) {
        const s = list[i];
        out[offset + i] = (read(observation, s, agent) - s.offset) * s.scale;
      }
      out.fill(0, offset + list.length, offset + dim);
    }
  };
}

/**
 * How each agent's action becomes one integer in `[0, size)`.
 *
 * ```ts
 * const acts = actionEncoding(header.actionSpaces);
 * acts.size; // e.g. 13 for SallyAnneWorld's Discrete(13)
 * ```
 */
export interface ActionEncoding {
  /** The number of distinct actions of the agent with the most. */
  readonly size: number;
  /**
   * `agent`'s action as one integer in `[0, size)`: a Discrete action minus its `start`, a
   * MultiDiscrete one in mixed radix (first component most significant). Throws
   * TrainingDataError for an unknown agent or an action outside its space.
   */
  encode(agent: AgentId, action: unknown): number;
}

/**
 * The encoding of actions from the per-agent spaces of a dataset header (`Discrete` and
 * `MultiDiscrete`; a continuous action space is refused).
 *
 * ```ts
 * actionEncoding({ a: { type: "MultiDiscrete", nvec: [5, 3] } }).encode("a", [4, 2]); // 14
 * ```
 */
export function actionEncoding(spaces: Record<AgentId, SpaceJSON>): ActionEncoding {
  const encoders = new Map<AgentId, { size: number; encode: (a: unknown) => number }>();
  for (const [agent, space] of Object.entries(spaces)) {
    const bad = (a: unknown) =>
      new TrainingDataError(
        `action of ${agent} does not fit its ${space.type} space: ${JSON.stringify(a)}`
      );
    if (space.type === "Discrete") {
      encoders.set(agent, {
        size: space.n,
        encode: (a) => {
          if (typeof a !== "number" || !Number.isInteger(a - space.start)) throw bad(a);
          const i = a - space.start;
          if (i < 0 || i >= space.n) throw bad(a);
          return i;
        }
      });
    } else if (space.type === "MultiDiscrete") {
      const nvec = space.nvec;
      encoders.set(agent, {
        size: nvec.reduce((p, n) => p * n, 1),
        encode: (a) => {
          const v = a as ArrayLike<number> | null;
          if (!v || v.length !== nvec.length) throw bad(a);
          let code = 0;
          for (let i = 0; i < nvec.length; i++) {
            if (!Number.isInteger(v[i]) || v[i] < 0 || v[i] >= nvec[i]) throw bad(a);
            code = code * nvec[i] + v[i];
          }
          return code;
        }
      });
    } else {
      throw new TrainingDataError(
        `the world model takes discrete actions; ${agent} has a ${space.type} action space`
      );
    }
  }
  return {
    size: Math.max(1, ...[...encoders.values()].map((e) => e.size)),
    encode(agent, action) {
      const e = encoders.get(agent);
      if (!e) throw new TrainingDataError(`no action space for agent ${agent}`);
      return e.encode(action);
    }
  };
}
