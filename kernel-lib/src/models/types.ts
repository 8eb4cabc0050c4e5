/**
 * The contract of the Perspective World Model: its configuration, the belief targets it predicts,
 * the batches it trains on (plain typed arrays, so datasets need no tfjs), what it predicts, and
 * the training step engine. Everything here is plain data and interfaces.
 *
 * Layout of a batch (row-major, like the tensors built from it):
 * - `obs[b, t, n, :]` is agent n's observation at step t of sequence b;
 * - `actions[b, t, n]` is the action agent n took at step t (it led from `obs[b, t]` to `nextObs[b, t]`);
 * - `nextObs[b, t, n, :]` is agent n's observation at step t + 1;
 * - `beliefTargets[b, t, n, f]` is the class index (into `beliefSpec.targets[f].values`) of what
 *   agent n believes about target f after seeing `obs[b, t]`, or -1 when there is no label
 *   (unknown, uncertain, or a chain that nests agent n in itself);
 * - `mask[b, t]` is 1 for a real step, 0 for padding after the end of an episode.
 *
 * ```ts
 * const batch: WorldModelBatch = {
 *   batchSize: 1, steps: 2, numAgents: 2, obsDim: 3,
 *   obs: new Float32Array(12), actions: new Int32Array(4), nextObs: new Float32Array(12),
 *   mask: new Float32Array([1, 1])
 * };
 * ```
 * @module
 */
import type { AgentId, Fluent } from "../epistemic/events";

/**
 * One categorical belief target: what the holder believes about `fluent`, or, with `about`, what
 * the holder believes `about[0]` believes (... believes `about[k]` believes) about it. The holder
 * is each agent in turn, so one target gives one label per agent; a chain that would nest the
 * holder directly in itself has no label.
 *
 * ```ts
 * const whereSallyThinks: BeliefTarget = {
 *   name: "at(marble) | sally",
 *   fluent: "at(marble)",
 *   values: ["basket", "box"],
 *   about: ["sally"] // for holder anne: where anne thinks sally thinks the marble is
 * };
 * ```
 */
export interface BeliefTarget {
  /** A readable name, unique in the spec (default form: fluent, then " | " and the chain). */
  name: string;
  /** The fluent whose value is believed, e.g. "at(marble)". */
  fluent: Fluent;
  /** The classes: the fluent's values as strings (`String(value)`), in a fixed order. */
  values: string[];
  /** The rest of the belief chain after the holder (absent or empty: the holder's own belief). */
  about?: AgentId[];
}

/**
 * The belief targets of a model, and the agents they are indexed by (the order of the agent axis
 * of every batch). Derive it from belief ground truth with `beliefSpecOf` (`pwmk/training`).
 * Exported from `pwmk/models` as `WorldModelBeliefSpec` (`pwmk/display`'s `BeliefSpec` is the
 * belief graph's input).
 *
 * ```ts
 * import type { WorldModelBeliefSpec } from "pwmk/models";
 * const spec: WorldModelBeliefSpec = { agents: ["sally", "anne"], targets: [whereSallyThinks] };
 * ```
 */
export interface BeliefSpec {
  /** The agents in the order of the agent axis N of every batch (the holders of the labels). */
  agents: AgentId[];
  /** The targets in the order of the target axis F of `beliefTargets`. */
  targets: BeliefTarget[];
}

/**
 * The configuration of a PerspectiveWorldModel.
 *
 * ```ts
 * const config: WorldModelConfig = {
 *   obsDim: 64, actionDim: 5, hiddenDim: 128, numAgents: 2, numLayers: 2, numHeads: 4,
 *   beliefSpec: spec, seed: 0
 * };
 * ```
 */
export interface WorldModelConfig {
  /** Length of one agent's flat observation vector. */
  obsDim: number;
  /** Number of discrete actions of each agent (actions are 0 .. actionDim - 1). */
  actionDim: number;
  /** Width of the latents and of the transformer (d). */
  hiddenDim: number;
  /** Agents per step of every batch (N). */
  numAgents: number;
  /** Causal transformer layers of the dynamics. */
  numLayers: number;
  /** Attention heads; must divide hiddenDim. */
  numHeads: number;
  /** Width of the transformer's feed-forward layer (default 2 * hiddenDim). */
  ffDim?: number;
  /** Longest sequence the model accepts (positional table size, default 64). */
  maxSteps?: number;
  /** Causal attention layers of the belief head, which reads one agent's history (default 1). */
  beliefLayers?: number;
  /** The belief targets; none (no belief head) when absent or empty. */
  beliefSpec?: BeliefSpec;
  /** Seeds the initial weights: the same seed gives the same weights on every backend. */
  seed: number;
  /** A registered architecture (`registerArchitecture`); default "transformer", the built-in one. */
  architecture?: string;
}

/**
 * A training or evaluation batch as plain typed arrays (see the module comment for the layout).
 *
 * ```ts
 * const { batchSize, steps, numAgents, obsDim } = batch;
 * batch.obs.length === batchSize * steps * numAgents * obsDim;
 * ```
 */
export interface WorldModelBatch {
  /** B: the number of sequences in the batch. */
  batchSize: number;
  /** T: the steps of each sequence (shorter episodes are padded, see `mask`). */
  steps: number;
  /** N: the agents observed at each step. */
  numAgents: number;
  /** The length of one agent's observation vector. */
  obsDim: number;
  /** Each agent's observation, shape `[B, T, N, obsDim]`. */
  obs: Float32Array;
  /** Each agent's action, shape `[B, T, N]`, integers in 0 .. actionDim - 1 (any valid value on padded steps). */
  actions: Int32Array;
  /** Each agent's observation after the step, shape `[B, T, N, obsDim]`. */
  nextObs: Float32Array;
  /** Shape `[B, T]`: 1 for real steps, 0 for padding. */
  mask: Float32Array;
  /** Belief labels, shape `[B, T, N, F]`: class indices, -1 = no label. Absent: no belief loss. */
  beliefTargets?: Int32Array;
  /** Shape `[B, T, N, F]`: 1 where the label differs from the world's true value (a false belief). */
  falseBelief?: Uint8Array;
  /** Shape `[B, T, F]`: the class index of the world's true value of each target's fluent, -1 if unknown. */
  truth?: Int32Array;
}

/**
 * The parts of the training loss of one batch (means over labelled, unmasked entries).
 *
 * ```ts
 * const { loss, obsLoss, beliefLoss } = await trainStep.step(batch);
 * ```
 */
export interface LossParts {
  /** The total: `obsLoss + beliefLossWeight * beliefLoss`. */
  loss: number;
  /** Mean squared error of the predicted next observations. */
  obsLoss: number;
  /** Mean cross-entropy of the belief labels (0 when the batch has none). */
  beliefLoss: number;
}

/**
 * What the model predicts for a batch, as plain typed arrays.
 *
 * ```ts
 * const { nextObs, beliefs, beliefProbs } = model.predict(batch);
 * ```
 */
export interface WorldModelPrediction {
  /** The predicted next observation of each agent, shape `[B, T, N, obsDim]`. */
  nextObs: Float32Array;
  /** Shape `[B, T, N, F]`: the most probable class of each target. */
  beliefs: Int32Array;
  /** Shape `[B, T, N, V]`: class probabilities, targets' classes laid end to end (V = total classes). */
  beliefProbs: Float32Array;
}

/**
 * One agent's predicted belief about one target.
 *
 * ```ts
 * const [first] = model.predictBeliefs(history, "anne");
 * console.log(first.target, first.value, first.probs);
 * ```
 */
export interface PredictedBelief {
  /** The target's `name` in the model's belief spec. */
  target: string;
  /** The most probable value. */
  value: string;
  /** Probability of each value, keyed by value. */
  probs: Record<string, number>;
}

/**
 * One agent's own history: its observations (one row per step) and the actions it took after
 * each (optional for the last step).
 *
 * ```ts
 * const history: AgentHistory = { observations: [[0, 1, 0], [1, 0, 0]], actions: [2] };
 * ```
 */
export interface AgentHistory {
  /** The agent's observation vectors (each `obsDim` long), oldest first. */
  observations: ArrayLike<number>[];
  /** The action after each observation (integers in 0 .. actionDim - 1). */
  actions?: ArrayLike<number>;
}

/**
 * Options of the training step engine.
 *
 * ```ts
 * const trainer = await createTrainStep({ model, learningRate: 1e-3, threads: 2 });
 * ```
 */
export interface TrainStepOptions {
  /** Adam's step size (e.g. 1e-3). */
  learningRate: number;
  /** Weight of the belief loss in the total loss (default 1). */
  beliefLossWeight?: number;
  /**
   * How many threads compute gradients, each on a slice of the batch (the calling thread is one of
   * them). Default: the machine's parallelism when the batch has at least 8 sequences per thread,
   * else 1. The result is the same for any number of threads up to float rounding.
   */
  threads?: number;
  /** Adam's beta1, beta2 and epsilon (defaults 0.9, 0.999, 1e-7 as in tfjs). */
  beta1?: number;
  /** Adam's beta2 (default 0.999). */
  beta2?: number;
  /** Adam's epsilon (default 1e-7). */
  epsilon?: number;
  /** Longest wait for a worker thread to start or to finish one step (default 120 000 ms). */
  timeoutMs?: number;
  /**
   * Modules each worker thread requires before building its replica: the files that register
   * your own architecture (`registerArchitecture`), as absolute paths.
   */
  workerModules?: string[];
}

/**
 * The optimizer's state, for checkpoints: the step count and Adam's moments, in the order of the
 * model's trainable weights.
 *
 * ```ts
 * const saved = trainer.getOptimizerState();
 * other.setOptimizerState(saved);
 * ```
 */
export interface OptimizerState {
  /** Adam steps taken so far (drives the bias correction of the moments). */
  step: number;
  /** First moments, one array per trainable weight. */
  m: Float32Array[];
  /** Second moments, one array per trainable weight. */
  v: Float32Array[];
}

/**
 * The training step engine: one Adam step per `step(batch)`, on one or several threads.
 *
 * ```ts
 * const engine = await createTrainStep({ model, learningRate: 1e-3 });
 * for (const batch of batches) console.log((await engine.step(batch)).loss);
 * engine.dispose();
 * ```
 */
export interface TrainStep {
  /** Threads computing gradients (1 = the calling thread only). */
  readonly threads: number;
  /** Computes the gradients of the batch's loss, applies one Adam step to the model's weights. */
  step(batch: WorldModelBatch): Promise<LossParts>;
  /** A copy of Adam's step count and moments, for a checkpoint. */
  getOptimizerState(): OptimizerState;
  /**
   * Restores a state from `getOptimizerState` so training continues where it stopped. Throws
   * ModelError when the step is not a non-negative integer or the moments do not match the
   * model's trainable weights in number and size.
   */
  setOptimizerState(state: OptimizerState): void;
  /** Stops the worker threads and frees tensors; the engine cannot be used afterwards. */
  dispose(): Promise<void>;
}

/**
 * What the trainer, the step engine and the metrics use of a world model. `PerspectiveWorldModel`
 * implements it; so does a model built with your own parts (see `WorldModelParts`).
 *
 * ```ts
 * const m: WorldModel = new PerspectiveWorldModel(config);
 * const { nextObs } = m.predict(batch);
 * await m.save("runs/wm");
 * ```
 */
export interface WorldModel {
  /** The configuration the model was built with. */
  readonly config: WorldModelConfig;
  /** Predicts next observations and beliefs for every step of a batch (teacher forcing). */
  predict(batch: WorldModelBatch): WorldModelPrediction;
  /** The loss of a batch without training. */
  loss(batch: WorldModelBatch, beliefLossWeight?: number): LossParts;
  /**
   * Multi-step rollout: from each agent's initial observation (`initObs[n]`) and the joint actions
   * of each step (`actionSeq[t][n]`), feeds its own predictions back; returns the predicted
   * observations after each step, `[t][n]` -> Float32Array(obsDim).
   */
  predictTrajectory(initObs: ArrayLike<number>[], actionSeq: ArrayLike<number>[]): Float32Array[][];
  /** What `agent` (name or index) believes after its own history, one entry per target. */
  predictBeliefs(history: AgentHistory, agent: AgentId | number): PredictedBelief[];
  /** Trainable weights as copies, in a fixed order (the order of OptimizerState's moments). */
  getWeights(): Float32Array[];
  /** Replaces the trainable weights (same order and sizes as getWeights). */
  setWeights(weights: Float32Array[]): void;
  /** Writes model.json + weights.bin (TensorFlow.js layers format) into `dir`. */
  save(dir: string): Promise<void>;
  /** Frees the model's tensors. */
  dispose(): void;
}

/**
 * An error from the world model: a bad configuration, a batch of the wrong shape, a missing file.
 *
 * ```ts
 * try { new PerspectiveWorldModel({ ...config, numHeads: 3 }); } catch (e) { if (e instanceof ModelError) console.log(e.message); }
 * ```
 */
export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelError";
  }
}
