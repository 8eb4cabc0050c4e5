/**
 * The named weights of the Perspective World Model: their shapes, in one fixed order (the order
 * of `getWeights`, of the saved weights and of the optimizer's moments), and their seeded initial
 * values, drawn from PWMK's own generator so that a seed gives the same weights on every backend.
 */
import { Rng } from "../random/rng";
import { ModelError, type WorldModelConfig } from "./types";

/**
 * A weight's name and shape, and how it starts.
 *
 * ```ts
 * const spec: ParamSpec = { name: "encoder/w1", shape: [64, 128], init: "glorot" };
 * ```
 */
export interface ParamSpec {
  /** Unique among the architecture's weights; `forward` finds the tensor by it. */
  name: string;
  /** The weight's dimensions (a kernel is `[in, out]`). */
  shape: number[];
  /**
   * How it starts, from the configuration's seed: "glorot" uniform over ±sqrt(6 / (in + out))
   * (2-D kernels), "zeros", "ones", or "embedding" (normal, standard deviation 0.02).
   */
  init: "glorot" | "zeros" | "ones" | "embedding";
}

/**
 * A configuration with every default filled in.
 *
 * ```ts
 * resolveConfig(config).ffDim; // 2 * hiddenDim unless given
 * ```
 */
export type ResolvedConfig = Required<Omit<WorldModelConfig, "beliefSpec">> &
  Pick<WorldModelConfig, "beliefSpec">;

const positiveInt = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) > 0;

/**
 * Checks a configuration and fills in the defaults; throws a ModelError naming the bad field.
 *
 * ```ts
 * resolveConfig({ obsDim: 8, actionDim: 4, hiddenDim: 32, numAgents: 2, numLayers: 1, numHeads: 2, seed: 0 });
 * ```
 */
export function resolveConfig(config: WorldModelConfig): ResolvedConfig {
  if (typeof config !== "object" || config === null)
    throw new ModelError("the world model needs a configuration object");
  const resolved: ResolvedConfig = {
    ffDim: 2 * config.hiddenDim,
    maxSteps: 64,
    beliefLayers: 1,
    architecture: "transformer",
    ...config
  };
  for (const key of [
    "obsDim",
    "actionDim",
    "hiddenDim",
    "numAgents",
    "numLayers",
    "numHeads",
    "ffDim",
    "maxSteps"
  ] as const) {
    if (!positiveInt(resolved[key]))
      throw new ModelError(`${key} must be a positive integer, got ${String(resolved[key])}`);
  }
  if (!Number.isSafeInteger(resolved.beliefLayers) || resolved.beliefLayers < 0)
    throw new ModelError(
      `beliefLayers must be a non-negative integer, got ${String(resolved.beliefLayers)}`
    );
  if (typeof resolved.architecture !== "string")
    throw new ModelError(`architecture must be a name, got ${String(resolved.architecture)}`);
  if (!Number.isSafeInteger(resolved.seed))
    throw new ModelError(`seed must be an integer, got ${String(resolved.seed)}`);
  if (resolved.hiddenDim % resolved.numHeads !== 0)
    throw new ModelError(
      `numHeads (${resolved.numHeads}) must divide hiddenDim (${resolved.hiddenDim})`
    );
  const spec = resolved.beliefSpec;
  if (spec !== undefined) {
    if (!Array.isArray(spec.agents) || spec.agents.length !== resolved.numAgents)
      throw new ModelError(
        `beliefSpec.agents must list numAgents (${resolved.numAgents}) agents, got ${JSON.stringify(spec.agents)}`
      );
    const names = new Set<string>();
    for (const t of spec.targets) {
      if (!Array.isArray(t.values) || t.values.length === 0)
        throw new ModelError(`belief target ${JSON.stringify(t.name)} has no values`);
      if (names.has(t.name))
        throw new ModelError(`belief target ${JSON.stringify(t.name)} appears twice`);
      names.add(t.name);
    }
  }
  return resolved;
}

/**
 * The class counts of the belief targets, in order (empty: no belief head).
 *
 * ```ts
 * beliefClassCounts(config); // e.g. [3, 3, 2]
 * ```
 */
export function beliefClassCounts(config: WorldModelConfig): number[] {
  return (config.beliefSpec?.targets ?? []).map((t) => t.values.length);
}

function blockSpecs(prefix: string, d: number, ff: number): ParamSpec[] {
  return [
    { name: `${prefix}/ln1_gamma`, shape: [d], init: "ones" },
    { name: `${prefix}/ln1_beta`, shape: [d], init: "zeros" },
    { name: `${prefix}/query_kernel`, shape: [d, d], init: "glorot" },
    { name: `${prefix}/query_bias`, shape: [d], init: "zeros" },
    { name: `${prefix}/key_kernel`, shape: [d, d], init: "glorot" },
    { name: `${prefix}/key_bias`, shape: [d], init: "zeros" },
    { name: `${prefix}/value_kernel`, shape: [d, d], init: "glorot" },
    { name: `${prefix}/value_bias`, shape: [d], init: "zeros" },
    { name: `${prefix}/out_kernel`, shape: [d, d], init: "glorot" },
    { name: `${prefix}/out_bias`, shape: [d], init: "zeros" },
    { name: `${prefix}/ln2_gamma`, shape: [d], init: "ones" },
    { name: `${prefix}/ln2_beta`, shape: [d], init: "zeros" },
    { name: `${prefix}/ff1_kernel`, shape: [d, ff], init: "glorot" },
    { name: `${prefix}/ff1_bias`, shape: [ff], init: "zeros" },
    { name: `${prefix}/ff2_kernel`, shape: [ff, d], init: "glorot" },
    { name: `${prefix}/ff2_bias`, shape: [d], init: "zeros" }
  ];
}

/**
 * Every weight of a model with this configuration, in the fixed order.
 *
 * ```ts
 * paramSpecs(resolveConfig(config)).map((p) => p.name); // ["encoder/kernel1", ...]
 * ```
 */
export function paramSpecs(c: ResolvedConfig): ParamSpec[] {
  const { obsDim: D, hiddenDim: H, numAgents: N, actionDim: A, ffDim: F } = c;
  const specs: ParamSpec[] = [
    { name: "encoder/kernel1", shape: [D, H], init: "glorot" },
    { name: "encoder/bias1", shape: [H], init: "zeros" },
    { name: "encoder/agent_embedding", shape: [N, H], init: "embedding" },
    { name: "encoder/kernel2", shape: [H, H], init: "glorot" },
    { name: "encoder/bias2", shape: [H], init: "zeros" },
    { name: "dynamics/action_embedding", shape: [A, H], init: "embedding" },
    { name: "dynamics/joint_kernel", shape: [N * H, H], init: "glorot" },
    { name: "dynamics/joint_bias", shape: [H], init: "zeros" },
    { name: "dynamics/position_embedding", shape: [c.maxSteps, H], init: "embedding" }
  ];
  for (let l = 0; l < c.numLayers; l++) specs.push(...blockSpecs(`dynamics/block${l}`, H, F));
  specs.push(
    { name: "dynamics/ln_gamma", shape: [H], init: "ones" },
    { name: "dynamics/ln_beta", shape: [H], init: "zeros" },
    { name: "decoder/kernel1", shape: [H, H], init: "glorot" },
    { name: "decoder/bias1", shape: [H], init: "zeros" },
    { name: "decoder/kernel2", shape: [H, N * D], init: "glorot" },
    { name: "decoder/bias2", shape: [N * D], init: "zeros" }
  );
  const classes = beliefClassCounts(c).reduce((a, b) => a + b, 0);
  if (classes > 0) {
    specs.push({ name: "belief/position_embedding", shape: [c.maxSteps, H], init: "embedding" });
    for (let l = 0; l < c.beliefLayers; l++) specs.push(...blockSpecs(`belief/block${l}`, H, F));
    specs.push(
      { name: "belief/ln_gamma", shape: [H], init: "ones" },
      { name: "belief/ln_beta", shape: [H], init: "zeros" },
      { name: "belief/kernel", shape: [H, classes], init: "glorot" },
      { name: "belief/bias", shape: [classes], init: "zeros" }
    );
  }
  return specs;
}

/**
 * Seeded initial values of the weights: Glorot-uniform kernels, N(0, 0.02) embeddings, unit
 * layer-norm gains, zero biases.
 *
 * ```ts
 * const values = initialValues(paramSpecs(resolved), 0); // one Float32Array per weight
 * ```
 */
export function initialValues(specs: ParamSpec[], seed: number): Float32Array[] {
  const rng = new Rng(seed);
  return specs.map(({ shape, init }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const out = new Float32Array(size);
    if (init === "ones") out.fill(1);
    else if (init === "glorot") {
      const limit = Math.sqrt(6 / (shape[0] + shape[1]));
      for (let i = 0; i < size; i++) out[i] = (2 * rng.float() - 1) * limit;
    } else if (init === "embedding") {
      for (let i = 0; i < size; i++) {
        // Box-Muller; 1 - u keeps the logarithm finite.
        const u = 1 - rng.float();
        out[i] = 0.02 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.float());
      }
    }
    return out;
  });
}
