/**
 * `PerspectiveWorldModel`: the neural world model of PWMK (see network.ts for the architecture),
 * with plain-array prediction, multi-step rollouts, per-agent belief prediction, and save/load in
 * the TensorFlow.js layers format.
 */
import * as tf from "@tensorflow/tfjs-core";
import type * as tfl from "@tensorflow/tfjs-layers";
import { backendReady, useBestBackend } from "./backend";
import { batchTensors, checkBatch, lossCounts } from "./batch";
import { pwmkModelFiles } from "./io";
import { buildLayersModel, PerspectiveWorldModelLayer } from "./layer";
import { lossTensors } from "./loss";
import { architectureOf } from "./architectures";
import type { NetworkOutput } from "./network";
import { beliefClassCounts, initialValues, resolveConfig, type ResolvedConfig } from "./params";
import {
  ModelError,
  type AgentHistory,
  type LossParts,
  type PredictedBelief,
  type WorldModel,
  type WorldModelBatch,
  type WorldModelConfig,
  type WorldModelPrediction
} from "./types";

/**
 * The Perspective World Model: per-agent perspective encoder, causal transformer dynamics over
 * all agents' latents and actions, observation decoder, and a belief head that reads one agent's
 * own history. Needs a ready tfjs backend: `await PerspectiveWorldModel.create(config)` picks the
 * best one first (or call `await useBestBackend()` once, then `new PerspectiveWorldModel(config)`).
 *
 * ```ts
 * const model = await PerspectiveWorldModel.create({
 *   obsDim: 64, actionDim: 5, hiddenDim: 128, numAgents: 2, numLayers: 2, numHeads: 4, seed: 0
 * });
 * const { nextObs } = model.predict(batch);
 * await model.save("runs/wm");
 * const again = await PerspectiveWorldModel.load("runs/wm");
 * ```
 */
export class PerspectiveWorldModel implements WorldModel {
  /** The configuration with defaults filled in. */
  readonly config: ResolvedConfig;
  // The model as a tfjs-layers model (what `save` writes). Kept private so that the public types
  // do not pull tfjs-layers' declarations into users' type checks.
  private readonly layersModel: tfl.LayersModel;
  private readonly layer: PerspectiveWorldModelLayer;
  private disposed = false;

  constructor(config: WorldModelConfig) {
    const resolved = resolveConfig(config);
    if (!backendReady())
      throw new ModelError(
        "no TensorFlow.js backend is ready: use `await PerspectiveWorldModel.create(config)`, or `await useBestBackend()` first"
      );
    const { model, layer } = buildLayersModel(resolved);
    this.config = resolved;
    this.layersModel = model;
    this.layer = layer;
    internals.set(this, layer);
    this.setWeights(initialValues(architectureOf(resolved).params(resolved), resolved.seed));
  }

  /**
   * Picks the best backend (see `useBestBackend`), then builds the model.
   *
   * ```ts
   * const model = await PerspectiveWorldModel.create(config);
   * ```
   */
  static async create(config: WorldModelConfig): Promise<PerspectiveWorldModel> {
    resolveConfig(config); // a bad configuration fails before any backend work
    if (!backendReady()) await useBestBackend();
    return new PerspectiveWorldModel(config);
  }

  /**
   * Loads a model saved by `save` (model.json + weights.bin in `dir`).
   *
   * ```ts
   * const model = await PerspectiveWorldModel.load("runs/wm");
   * ```
   */
  static async load(dir: string): Promise<PerspectiveWorldModel> {
    if (!backendReady()) await useBestBackend();
    const tflayers = await import("@tensorflow/tfjs-layers");
    const loaded = await tflayers.loadLayersModel(pwmkModelFiles(dir));
    try {
      const core = loaded.layers.find((l) => l instanceof PerspectiveWorldModelLayer);
      if (!(core instanceof PerspectiveWorldModelLayer))
        throw new ModelError(`${dir} holds a layers model without a PerspectiveWorldModel layer`);
      const model = new PerspectiveWorldModel(core.worldModel);
      model.layer.setWeights(core.getWeights());
      return model;
    } finally {
      loaded.dispose();
    }
  }

  /** The names of the weights, in order. */
  weightNames(): string[] {
    return architectureOf(this.config)
      .params(this.config)
      .map((p) => p.name);
  }

  /**
   * One line per weight: its name and shape, then the total.
   *
   * ```ts
   * console.log(model.summary());
   * ```
   */
  summary(): string {
    const lines = architectureOf(this.config)
      .params(this.config)
      .map((p) => `${p.name} [${p.shape.join(", ")}]`);
    return [...lines, `${this.parameterCount} parameters`].join("\n");
  }

  /** How many numbers the model learns. */
  get parameterCount(): number {
    return this.layer.countParams();
  }

  /**
   * Predicts next observations and beliefs for every step of a batch.
   *
   * ```ts
   * const { nextObs, beliefs } = model.predict(batch);
   * ```
   */
  predict(batch: WorldModelBatch): WorldModelPrediction {
    this.alive();
    checkBatch(batch, this.config);
    const counts = beliefClassCounts(this.config);
    const [next, probs] = tf.tidy(() => {
      const obs = tf.tensor4d(batch.obs, [
        batch.batchSize,
        batch.steps,
        batch.numAgents,
        batch.obsDim
      ]);
      const actions = tf.tensor3d(
        Int32Array.from(batch.actions),
        [batch.batchSize, batch.steps, batch.numAgents],
        "int32"
      );
      const out = architectureOf(this.config).forward(
        this.config,
        this.layer.weightsByName(),
        obs,
        actions
      );
      const p = out.beliefLogits
        ? tf.concat(
            tf.split(out.beliefLogits, counts, 3).map((s) => tf.softmax(s)),
            3
          )
        : tf.zeros([0]);
      return [out.nextObs, p];
    });
    const nextObs = next.dataSync() as Float32Array;
    const beliefProbs = probs.dataSync() as Float32Array;
    tf.dispose([next, probs]);
    return { nextObs, beliefs: argmaxSegments(beliefProbs, counts), beliefProbs };
  }

  /**
   * The loss of a batch (no training).
   *
   * ```ts
   * const { obsLoss, beliefLoss } = model.loss(batch);
   * ```
   */
  loss(batch: WorldModelBatch, beliefLossWeight = 1): LossParts {
    this.alive();
    checkBatch(batch, this.config);
    const counts = lossCounts(batch, this.config);
    const parts = tf.tidy(() => {
      const t = batchTensors(batch, this.config);
      const l = lossTensors(
        architectureOf(this.config).forward(
          this.config,
          this.layer.weightsByName(),
          t.obs,
          t.actions
        ),
        t,
        counts,
        beliefClassCounts(this.config),
        beliefLossWeight
      );
      return tf.stack([l.total, l.obs, l.belief]);
    });
    const [loss, obsLoss, beliefLoss] = parts.dataSync();
    parts.dispose();
    return { loss, obsLoss, beliefLoss };
  }

  /**
   * Multi-step rollout: starts from each agent's observation `initObs[n]`, applies the joint
   * actions `actionSeq[t][n]` one step at a time, feeding its own predictions back. Returns the
   * predicted observations after each step, `[t][n]`. Beyond maxSteps the oldest steps drop out
   * of the context.
   *
   * ```ts
   * const future = model.predictTrajectory([obs0, obs1], [[0, 2], [1, 1], [3, 0]]);
   * future[2][0]; // agent 0's predicted observation after three steps
   * ```
   */
  predictTrajectory(
    initObs: ArrayLike<number>[],
    actionSeq: ArrayLike<number>[]
  ): Float32Array[][] {
    this.alive();
    const { numAgents: N, obsDim: D, maxSteps } = this.config;
    if (!Array.isArray(initObs) || initObs.length !== N)
      throw new ModelError(
        `initObs must hold one observation per agent (${N}), got ${initObs?.length}`
      );
    initObs.forEach((o, n) => {
      if (o?.length !== D)
        throw new ModelError(`initObs[${n}] has ${o?.length} values, expected obsDim ${D}`);
    });
    const frames: Float32Array[][] = [initObs.map((o) => Float32Array.from(o))];
    const acts: ArrayLike<number>[] = [];
    const out: Float32Array[][] = [];
    for (const [t, joint] of actionSeq.entries()) {
      if (joint?.length !== N)
        throw new ModelError(`actionSeq[${t}] must hold one action per agent (${N})`);
      acts.push(joint);
      const from = Math.max(0, acts.length - maxSteps);
      const T = acts.length - from;
      const obs = new Float32Array(T * N * D);
      const actions = new Int32Array(T * N);
      for (let s = 0; s < T; s++)
        for (let n = 0; n < N; n++) {
          obs.set(frames[from + s][n], (s * N + n) * D);
          actions[s * N + n] = acts[from + s][n];
        }
      const pred = this.predict({
        batchSize: 1,
        steps: T,
        numAgents: N,
        obsDim: D,
        obs,
        actions,
        nextObs: new Float32Array(T * N * D),
        mask: new Float32Array(T).fill(1)
      }).nextObs;
      const last = Array.from({ length: N }, (_, n) =>
        pred.slice(((T - 1) * N + n) * D, ((T - 1) * N + n + 1) * D)
      );
      frames.push(last);
      out.push(last);
    }
    return out;
  }

  /**
   * What `agent` believes after its own history (the belief head reads nothing else), one entry
   * per belief target.
   *
   * ```ts
   * model.predictBeliefs({ observations: [o0, o1, o2] }, "anne")[0].value; // e.g. "basket"
   * ```
   */
  predictBeliefs(history: AgentHistory, agent: string | number): PredictedBelief[] {
    this.alive();
    const spec = this.config.beliefSpec;
    if (!spec || spec.targets.length === 0)
      throw new ModelError(
        "this model has no belief head (its configuration has no beliefSpec targets)"
      );
    const n = typeof agent === "number" ? agent : spec.agents.indexOf(agent);
    if (!Number.isInteger(n) || n < 0 || n >= this.config.numAgents)
      throw new ModelError(
        `unknown agent ${JSON.stringify(agent)}; the model's agents are ${spec.agents.join(", ")}`
      );
    const { numAgents: N, obsDim: D, maxSteps } = this.config;
    const rows = history?.observations;
    if (!Array.isArray(rows) || rows.length === 0)
      throw new ModelError("history.observations must hold at least one observation");
    const recent = rows.slice(-maxSteps);
    const T = recent.length;
    // Other agents' inputs stay zero: the belief head never reads them.
    const obs = new Float32Array(T * N * D);
    recent.forEach((o, t) => {
      if (o?.length !== D)
        throw new ModelError(`history.observations[${t}] has ${o?.length} values, expected ${D}`);
      obs.set(Array.from(o), (t * N + n) * D);
    });
    const pred = this.predict({
      batchSize: 1,
      steps: T,
      numAgents: N,
      obsDim: D,
      obs,
      actions: new Int32Array(T * N),
      nextObs: new Float32Array(T * N * D),
      mask: new Float32Array(T).fill(1)
    });
    const V = pred.beliefProbs.length / (T * N);
    const base = ((T - 1) * N + n) * V;
    let offset = 0;
    return spec.targets.map((target) => {
      const probs: Record<string, number> = {};
      let best = 0;
      target.values.forEach((v, k) => {
        probs[v] = pred.beliefProbs[base + offset + k];
        if (probs[v] > probs[target.values[best]]) best = k;
      });
      offset += target.values.length;
      return { target: target.name, value: target.values[best], probs };
    });
  }

  /**
   * Copies of the weights, in order (see `weightNames`).
   *
   * ```ts
   * const snapshot = model.getWeights();
   * ```
   */
  getWeights(): Float32Array[] {
    this.alive();
    return variablesOf(this.layer).map((v) => Float32Array.from(v.dataSync() as Float32Array));
  }

  /**
   * Replaces the weights (same order and sizes as `getWeights`).
   *
   * ```ts
   * model.setWeights(snapshot);
   * ```
   */
  setWeights(weights: Float32Array[]): void {
    this.alive();
    const vars = variablesOf(this.layer);
    if (!Array.isArray(weights) || weights.length !== vars.length)
      throw new ModelError(`setWeights needs ${vars.length} arrays, got ${weights?.length}`);
    const names = this.weightNames();
    vars.forEach((v, i) => {
      if (weights[i]?.length !== v.size)
        throw new ModelError(
          `weight ${names[i]} needs ${v.size} values, got ${weights[i]?.length}`
        );
    });
    tf.tidy(() => vars.forEach((v, i) => v.assign(tf.tensor(weights[i], v.shape, "float32"))));
  }

  /**
   * Saves the model in the TensorFlow.js layers format: `dir/model.json` + `dir/weights.bin`.
   *
   * ```ts
   * await model.save("runs/wm");
   * ```
   */
  async save(dir: string): Promise<void> {
    this.alive();
    await this.layersModel.save(pwmkModelFiles(dir));
  }

  /** Frees the model's tensors; the model cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.layersModel.dispose();
  }

  private alive(): void {
    if (this.disposed) throw new ModelError("this world model was disposed");
  }
}

const internals = new WeakMap<PerspectiveWorldModel, PerspectiveWorldModelLayer>();

function variablesOf(layer: PerspectiveWorldModelLayer): tf.Variable[] {
  return layer.weights.map((w) => w.read() as tf.Variable);
}

/**
 * The tensors of a model, for the training step: kept off the class so that its public types
 * never mention tfjs (whose declarations need extra type packages in users' projects).
 *
 * ```ts
 * const { variables, forward } = modelTensors(model);
 * ```
 */
export interface ModelTensors {
  /** The trainable variables, in the order of the weights. */
  variables(): tf.Variable[];
  /** The forward pass: observations `[B, T, N, obsDim]`, actions `[B, T, N]` (int32). */
  forward(obs: tf.Tensor4D, actions: tf.Tensor3D): NetworkOutput;
}

/**
 * The tensors of `model` (see ModelTensors).
 *
 * ```ts
 * const vars = modelTensors(model).variables();
 * ```
 */
export function modelTensors(model: PerspectiveWorldModel): ModelTensors {
  const layer = internals.get(model);
  if (!layer) throw new ModelError("not a PerspectiveWorldModel");
  return {
    variables: () => variablesOf(layer),
    forward: (obs, actions) =>
      architectureOf(model.config).forward(model.config, layer.weightsByName(), obs, actions)
  };
}

/** The most probable class of each target, from probabilities laid out [..., V]. */
function argmaxSegments(probs: Float32Array, counts: number[]): Int32Array {
  const V = counts.reduce((a, b) => a + b, 0);
  if (V === 0) return new Int32Array(0);
  const rows = probs.length / V;
  const out = new Int32Array(rows * counts.length);
  for (let r = 0; r < rows; r++) {
    let offset = r * V;
    counts.forEach((k, f) => {
      let best = 0;
      for (let j = 1; j < k; j++) if (probs[offset + j] > probs[offset + best]) best = j;
      out[r * counts.length + f] = best;
      offset += k;
    });
  }
  return out;
}
