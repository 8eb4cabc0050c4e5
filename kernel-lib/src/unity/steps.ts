/**
 * Behavior specs and the per-step batches (decision and terminal steps) built from Unity's
 * output, as plain data: number arrays, typed arrays and explicit shapes.
 *
 * ```ts
 * const [decision, terminal] = env.getSteps("GridWorld?team=0");
 * decision.agentId;          // [0, 1, 2]
 * decision.obs[0].shape;     // [3, 3, 20, 20]: agents x channels x height x width
 * decision.actionMask?.[0];  // { shape: [3, 5], data: Uint8Array } 1 = not available now
 * ```
 */
import { UnityEnvironmentError, UnityObservationError } from "./errors";
import { decodeObservation } from "./observations";
import type { AgentInfoMessage, BrainParameters } from "./protocol";

/**
 * An n-dimensional array: `data` in row-major order, `shape` its dimensions.
 *
 * ```ts
 * const { shape, data } = decision.obs[0];
 * ```
 */
export interface ArrayData<T> {
  /** The dimensions, outermost first; their product is the length of `data`. */
  shape: number[];
  /** The elements in row-major order. */
  data: T;
}

/**
 * What one observation of a behavior looks like.
 *
 * ```ts
 * spec.observationSpecs[0]; // { name: "CameraSensor", shape: [3, 20, 20], observationType: "DEFAULT", ... }
 * ```
 */
export interface ObservationSpec {
  /** The sensor's name in the scene (`obs_<i>` when it has none). */
  name: string;
  /** `[N]` for vectors, `[C, H, W]` for images. */
  shape: number[];
  /** Per dimension: 1 none, 2 translational equivariance, 4 variable size. */
  dimensionProperties: number[];
  /** "GOAL_SIGNAL" for a goal the agent is given, "DEFAULT" for everything else. */
  observationType: "DEFAULT" | "GOAL_SIGNAL";
}

/**
 * The actions a behavior takes: continuous values (in [-1, 1]) and discrete branches.
 *
 * ```ts
 * spec.actionSpec; // { continuousSize: 0, discreteBranches: [5] }
 * ```
 */
export interface ActionSpec {
  /** How many continuous action values each agent sends (0: none). */
  continuousSize: number;
  /** The number of choices of each discrete branch (empty: no discrete actions). */
  discreteBranches: number[];
}

/**
 * A behavior: its fully qualified name ("GridWorld?team=0"), observations and actions.
 *
 * ```ts
 * const spec = env.behaviorSpecs["GridWorld?team=0"];
 * ```
 */
export interface BehaviorSpec {
  /** The fully qualified name, e.g. "GridWorld?team=0" (the key of `env.behaviorSpecs`). */
  name: string;
  /** One spec per observation, in the order of `DecisionSteps.obs`. */
  observationSpecs: ObservationSpec[];
  /** What an action of the behavior holds. */
  actionSpec: ActionSpec;
}

/**
 * Agents that ask for a decision now, one row each.
 *
 * ```ts
 * const [decision] = env.getSteps(name);
 * decision.reward[decision.agentId.indexOf(3)];
 * ```
 */
export interface DecisionSteps {
  /** The agents asking for a decision; row i of every other field is agent `agentId[i]`. */
  agentId: number[];
  /** One batch per observation spec, shape `[n, ...spec.shape]`. */
  obs: Array<ArrayData<Float32Array>>;
  /** Each agent's reward since its last decision. */
  reward: Float32Array;
  /** Per discrete branch, shape `[n, branchSize]`; 1 = action not available. Absent without branches. */
  actionMask?: Array<ArrayData<Uint8Array>>;
  /** Each agent's group (0: in no group). */
  groupId: number[];
  /** The reward of each agent's group since its last decision. */
  groupReward: Float32Array;
}

/**
 * Agents whose episode ended in this step (an agent can also be in the decision steps: it
 * already began its next episode).
 *
 * ```ts
 * const [, terminal] = env.getSteps(name);
 * terminal.interrupted; // true when the episode hit its step limit
 * ```
 */
export interface TerminalSteps {
  /** The agents whose episode ended; row i of every other field is agent `agentId[i]`. */
  agentId: number[];
  /** The last observations, one batch per observation spec, shape `[n, ...spec.shape]`. */
  obs: Array<ArrayData<Float32Array>>;
  /** Each agent's last reward. */
  reward: Float32Array;
  /** True when the episode was cut by its step limit rather than ended by the task. */
  interrupted: boolean[];
  /** Each agent's group (0: in no group). */
  groupId: number[];
  /** The last reward of each agent's group. */
  groupReward: Float32Array;
}

const OBSERVATION_TYPES = ["DEFAULT", "GOAL_SIGNAL"] as const;

/**
 * The behavior spec Python would infer: actions from BrainParameters (falling back to the
 * pre-1.3 deprecated fields), observation shapes from the first agent's observations.
 *
 * ```ts
 * const spec = behaviorSpecFromProto(brain, infos[0]);
 * ```
 */
export function behaviorSpecFromProto(
  brain: BrainParameters,
  agent: AgentInfoMessage
): BehaviorSpec {
  const a = brain.action_spec;
  let actionSpec: ActionSpec;
  if (a && (a.num_continuous_actions > 0 || a.num_discrete_actions > 0)) {
    actionSpec = {
      continuousSize: a.num_continuous_actions,
      discreteBranches: [...a.discrete_branch_sizes]
    };
  } else {
    const sizes = brain.vector_action_size_deprecated ?? [];
    const continuous =
      brain.vector_action_space_type_deprecated === "continuous" ||
      brain.vector_action_space_type_deprecated === 1;
    actionSpec = continuous
      ? { continuousSize: sizes[0] ?? 0, discreteBranches: [] }
      : { continuousSize: 0, discreteBranches: [...sizes] };
  }
  const observationSpecs = agent.observations.map((o, i) => ({
    name: o.name || `obs_${i}`,
    shape: [...o.shape],
    dimensionProperties: [...(o.dimension_properties ?? [])],
    observationType:
      typeof o.observation_type === "number"
        ? (OBSERVATION_TYPES[o.observation_type] ?? "DEFAULT")
        : o.observation_type === "GOAL_SIGNAL"
          ? "GOAL_SIGNAL"
          : "DEFAULT"
  })) satisfies ObservationSpec[];
  return { name: brain.brain_name, observationSpecs, actionSpec };
}

function batchObs(spec: BehaviorSpec, infos: AgentInfoMessage[]): Array<ArrayData<Float32Array>> {
  return spec.observationSpecs.map((os, k) => {
    const size = os.shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(infos.length * size);
    infos.forEach((info, row) => {
      const obs = info.observations[k];
      if (!obs)
        throw new UnityObservationError(
          `${spec.name}: agent ${info.id} sent ${info.observations.length} observations, the spec has ${spec.observationSpecs.length}`
        );
      if (obs.shape.join() !== os.shape.join())
        throw new UnityObservationError(
          `${spec.name}: observation ${os.name} of agent ${info.id} has shape [${obs.shape.join(", ")}], expected [${os.shape.join(", ")}]`
        );
      data.set(decodeObservation(obs), row * size);
    });
    return { shape: [infos.length, ...os.shape], data };
  });
}

function rewards(
  spec: BehaviorSpec,
  infos: AgentInfoMessage[],
  pick: (i: AgentInfoMessage) => number
): Float32Array {
  const out = Float32Array.from(infos, pick);
  if (out.some((r) => !Number.isFinite(r)))
    throw new UnityEnvironmentError(`${spec.name}: a reward is NaN or Infinity`);
  return out;
}

/**
 * Splits one behavior's AgentInfos into decision and terminal steps (stable, on `done`).
 *
 * ```ts
 * const [decision, terminal] = stepsFromProto(infos, spec);
 * ```
 */
export function stepsFromProto(
  infos: AgentInfoMessage[],
  spec: BehaviorSpec
): [DecisionSteps, TerminalSteps] {
  const live = infos.filter((i) => !i.done);
  const done = infos.filter((i) => i.done);
  const branches = spec.actionSpec.discreteBranches;
  const total = branches.reduce((a, b) => a + b, 0);
  let actionMask: Array<ArrayData<Uint8Array>> | undefined;
  if (branches.length > 0) {
    let offset = 0;
    actionMask = branches.map((size) => {
      const data = new Uint8Array(live.length * size);
      live.forEach((info, row) => {
        if (info.action_mask.length !== total) return; // no (or a wrong-sized) mask: all available
        for (let j = 0; j < size; j++) data[row * size + j] = info.action_mask[offset + j] ? 1 : 0;
      });
      offset += size;
      return { shape: [live.length, size], data };
    });
  }
  const decision: DecisionSteps = {
    agentId: live.map((i) => i.id),
    obs: batchObs(spec, live),
    reward: rewards(spec, live, (i) => i.reward),
    ...(actionMask ? { actionMask } : {}),
    groupId: live.map((i) => i.group_id),
    groupReward: rewards(spec, live, (i) => i.group_reward)
  };
  const terminal: TerminalSteps = {
    agentId: done.map((i) => i.id),
    obs: batchObs(spec, done),
    reward: rewards(spec, done, (i) => i.reward),
    interrupted: done.map((i) => i.max_step_reached),
    groupId: done.map((i) => i.group_id),
    groupReward: rewards(spec, done, (i) => i.group_reward)
  };
  return [decision, terminal];
}

/**
 * Empty batches for a behavior with no agent this step.
 *
 * ```ts
 * const [decision] = emptySteps(spec); decision.agentId.length === 0;
 * ```
 */
export function emptySteps(spec: BehaviorSpec): [DecisionSteps, TerminalSteps] {
  return stepsFromProto([], spec);
}
