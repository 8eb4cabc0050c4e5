/**
 * The hook for your own architecture: an architecture is a list of named weights and a forward
 * pass over them (tfjs ops, so gradients come for free). Register it under a name, put the name
 * in the configuration (`architecture`), and everything else works unchanged: prediction,
 * rollouts, belief prediction, the training step (single and data-parallel), save and load.
 *
 * The built-in one is "transformer" (params.ts + network.ts).
 *
 * ```ts
 * registerArchitecture("mlp", {
 *   params: (c) => [
 *     { name: "w", shape: [c.obsDim, c.obsDim], init: "glorot" },
 *     { name: "b", shape: [c.obsDim], init: "zeros" }
 *   ],
 *   forward: (c, w, obs) => {
 *     const [B, T, N, D] = obs.shape;
 *     const rows = tf.reshape(obs, [B * T * N, D]);
 *     const next = tf.add(tf.matMul(rows, w.w), w.b);
 *     return { nextObs: tf.reshape(next, obs.shape), beliefLogits: null };
 *   }
 * });
 * const model = new PerspectiveWorldModel({ ...config, architecture: "mlp" });
 * ```
 */
import type * as tf from "@tensorflow/tfjs-core";
import { forward, type NetworkOutput, type Weights } from "./network";
import { paramSpecs, type ParamSpec, type ResolvedConfig } from "./params";
import { ModelError } from "./types";

/**
 * An architecture: its weights and its forward pass. `forward` returns next observations
 * `[B, T, N, obsDim]` and, when the configuration has belief targets, belief logits
 * `[B, T, N, total classes]` computed from each agent's own inputs only.
 *
 * ```ts
 * const arch: Architecture = { params: (c) => [...], forward: (c, w, obs, actions) => ({ nextObs, beliefLogits: null }) };
 * ```
 */
export interface Architecture {
  /**
   * The named weights for `config`: shape and initializer of each. The model creates them from
   * the configuration's seed, saves them and hands them to `forward` by name.
   */
  params(config: ResolvedConfig): ParamSpec[];
  /**
   * The forward pass in tfjs ops (gradients come from tfjs): observations `[B, T, N, obsDim]`
   * and int32 actions `[B, T, N]` in, next observations and belief logits (or `null` when the
   * configuration has no belief targets) out.
   */
  forward(
    config: ResolvedConfig,
    weights: Weights,
    obs: tf.Tensor4D,
    actions: tf.Tensor3D
  ): NetworkOutput;
}

const registry = new Map<string, Architecture>([["transformer", { params: paramSpecs, forward }]]);

/**
 * Registers an architecture under `name` (see the module comment). Register it before building
 * or loading a model that names it, and in worker threads through `workerModules` of
 * `createTrainStep`.
 *
 * ```ts
 * registerArchitecture("mlp", { params, forward });
 * ```
 */
export function registerArchitecture(name: string, architecture: Architecture): void {
  if (typeof name !== "string" || name.length === 0)
    throw new ModelError("an architecture needs a non-empty name");
  if (name === "transformer") throw new ModelError('"transformer" is the built-in architecture');
  if (typeof architecture?.params !== "function" || typeof architecture?.forward !== "function")
    throw new ModelError(
      `architecture ${JSON.stringify(name)} needs params() and forward() functions`
    );
  registry.set(name, architecture);
}

/**
 * The architecture a configuration names; throws a ModelError listing the registered ones.
 *
 * ```ts
 * architectureOf(model.config).params(model.config);
 * ```
 */
export function architectureOf(config: ResolvedConfig): Architecture {
  const arch = registry.get(config.architecture);
  if (!arch)
    throw new ModelError(
      `unknown architecture ${JSON.stringify(config.architecture)}; registered: ${[...registry.keys()].join(", ")} (registerArchitecture adds one)`
    );
  return arch;
}
