/**
 * Actions for a behavior's decision agents: validated against the action spec, turned into the
 * `AgentActionProto` list Unity expects (one entry per decision agent, in order).
 *
 * ```ts
 * env.setActions("GridWorld?team=0", { discrete: [[1], [4], [0]] });
 * env.setActions("Mover?team=0", { continuous: Float32Array.of(0.5, -1, 0, 0) }); // 2 agents x 2
 * ```
 */
import { UnityActionError } from "./errors";
import type { AgentActionMessage } from "./protocol";
import type { ActionSpec } from "./steps";

/**
 * Actions of n agents: rows per agent, or flat arrays of n * size values.
 *
 * ```ts
 * const actions: ActionTuple = { discrete: [[2]], continuous: [[0.1, -0.3]] };
 * ```
 */
export interface ActionTuple {
  /** Continuous values (each in [-1, 1]): one row of `continuousSize` per agent, or flat. */
  continuous?: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>;
  /** Discrete choices: one row with a choice per branch per agent, or flat. */
  discrete?: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>;
}

/** Validated actions: flat, n rows of `continuousSize` and `discreteBranches.length`. */
export interface ActionBatch {
  continuous: Float32Array;
  discrete: Int32Array;
}

function flatten(
  what: string,
  values: ActionTuple["continuous"],
  n: number,
  size: number,
  behavior: string
): number[] {
  if (values === undefined) return new Array<number>(n * size).fill(0);
  const rows = Array.from(values as ArrayLike<unknown>);
  const isRows = rows.length > 0 && typeof rows[0] === "object" && rows[0] !== null;
  if (isRows) {
    if (rows.length !== n)
      throw new UnityActionError(
        `${behavior}: ${what} actions have ${rows.length} rows for ${n} decision agents`
      );
    return rows.flatMap((row, i) => {
      const r = Array.from(row as ArrayLike<number>);
      if (r.length !== size)
        throw new UnityActionError(
          `${behavior}: ${what} action row ${i} has ${r.length} values, the spec has ${size}`
        );
      return r;
    });
  }
  if (rows.length !== n * size)
    throw new UnityActionError(
      `${behavior}: ${what} actions have ${rows.length} values, expected ${n} agents x ${size} = ${n * size}`
    );
  return rows as number[];
}

/**
 * Checks `actions` for `n` agents against `spec`; throws a UnityActionError naming the problem.
 *
 * ```ts
 * const batch = checkActionTuple("GridWorld?team=0", spec.actionSpec, 3, { discrete: [[1], [2], [0]] });
 * ```
 */
export function checkActionTuple(
  behavior: string,
  spec: ActionSpec,
  n: number,
  actions: ActionTuple
): ActionBatch {
  if (typeof actions !== "object" || actions === null)
    throw new UnityActionError(`${behavior}: actions must be an object { continuous?, discrete? }`);
  const branches = spec.discreteBranches;
  if (
    spec.continuousSize === 0 &&
    actions.continuous !== undefined &&
    Array.from(actions.continuous as ArrayLike<unknown>).length > 0
  )
    throw new UnityActionError(`${behavior} has no continuous actions`);
  if (
    branches.length === 0 &&
    actions.discrete !== undefined &&
    Array.from(actions.discrete as ArrayLike<unknown>).length > 0
  )
    throw new UnityActionError(`${behavior} has no discrete actions`);
  const continuous = flatten("continuous", actions.continuous, n, spec.continuousSize, behavior);
  const discrete = flatten("discrete", actions.discrete, n, branches.length, behavior);
  continuous.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new UnityActionError(
        `${behavior}: continuous action ${i} is not a finite number (${v})`
      );
  });
  discrete.forEach((v, i) => {
    const b = i % Math.max(1, branches.length);
    if (!Number.isInteger(v) || v < 0 || v >= branches[b])
      throw new UnityActionError(
        `${behavior}: discrete action ${v} of agent row ${Math.floor(i / branches.length)} is out of range: branch ${b} has ${branches[b]} actions (0..${branches[b] - 1})`
      );
  });
  return { continuous: Float32Array.from(continuous), discrete: Int32Array.from(discrete) };
}

/**
 * The wire list: one AgentActionProto per row. `withDeprecated` also fills the pre-1.3 field
 * (continuous then discrete, as floats) for players without the hybrid-actions capability.
 *
 * ```ts
 * const value = toAgentActions(batch, spec.actionSpec, 3, false);
 * ```
 */
export function toAgentActions(
  batch: ActionBatch,
  spec: ActionSpec,
  n: number,
  withDeprecated: boolean
): AgentActionMessage[] {
  const c = spec.continuousSize;
  const d = spec.discreteBranches.length;
  return Array.from({ length: n }, (_, i) => {
    const continuous_actions = Array.from(batch.continuous.subarray(i * c, (i + 1) * c));
    const discrete_actions = Array.from(batch.discrete.subarray(i * d, (i + 1) * d));
    return {
      continuous_actions,
      discrete_actions,
      ...(withDeprecated
        ? { vector_actions_deprecated: [...continuous_actions, ...discrete_actions] }
        : {})
    };
  });
}
