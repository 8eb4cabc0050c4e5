/**
 * Stepping a learned world model for search: a state is a history of joint observations (one
 * frame per step, one observation per agent) and the joint actions between them. One forward pass
 * predicts the next frame of many candidate actions at once (a batch of histories that differ in
 * their last action), and one more gives each agent's belief probabilities after a frame (the
 * belief head reads only the agent's own observations, never actions).
 *
 * ```ts
 * const run = new ModelRunner(model);
 * const next = run.nextFrames(history, [[0, 1], [2, 1]]); // one frame per candidate joint action
 * const probs = run.beliefs([{ frames: [...history.frames, next[0]], actions: [] }])[0];
 * ```
 */
import type { PerspectiveWorldModel } from "../models/world-model";
import { ModelError } from "../models/types";

/** A history: frames[t][n] is agent n's observation at step t; actions[t][n] led to frames[t + 1]. */
export interface ModelHistory {
  frames: Float32Array[][];
  actions: number[][];
}

/** See the module comment. */
export class ModelRunner {
  /** Forward passes made. */
  calls = 0;
  readonly numAgents: number;
  readonly obsDim: number;
  /** Belief classes per agent at one step (the targets' values laid end to end). */
  readonly classes: number;

  constructor(readonly model: PerspectiveWorldModel) {
    this.numAgents = model.config.numAgents;
    this.obsDim = model.config.obsDim;
    this.classes = (model.config.beliefSpec?.targets ?? []).reduce(
      (s, t) => s + t.values.length,
      0
    );
  }

  /** A first frame from one observation per agent, checked against the model. */
  frameOf(observations: readonly ArrayLike<number>[], what = "start"): Float32Array[] {
    if (!Array.isArray(observations) || observations.length !== this.numAgents) {
      throw new ModelError(
        `${what} must hold one observation per agent (${this.numAgents}), got ${String(observations?.length)}`
      );
    }
    return observations.map((o, n) => {
      if (o?.length !== this.obsDim) {
        throw new ModelError(
          `${what}[${n}] has ${String(o?.length)} values, expected obsDim ${this.obsDim}`
        );
      }
      const row = Float32Array.from(o);
      if (row.some((x) => !Number.isFinite(x)))
        throw new ModelError(`${what}[${n}] holds a value that is not a finite number`);
      return row;
    });
  }

  /** The next frame after `history` for each candidate joint action, in one forward pass. */
  nextFrames(history: ModelHistory, joints: readonly (readonly number[])[]): Float32Array[][] {
    const B = joints.length;
    const T = history.frames.length;
    const { numAgents: N, obsDim: D } = this;
    const obs = new Float32Array(B * T * N * D);
    const actions = new Int32Array(B * T * N);
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) {
        for (let n = 0; n < N; n++) {
          obs.set(history.frames[t][n], ((b * T + t) * N + n) * D);
          actions[(b * T + t) * N + n] = t < T - 1 ? history.actions[t][n] : joints[b][n];
        }
      }
    }
    const pred = this.predict(B, T, obs, actions).nextObs;
    return Array.from({ length: B }, (_, b) =>
      Array.from({ length: N }, (_, n) => {
        const at = ((b * T + T - 1) * N + n) * D;
        return pred.slice(at, at + D);
      })
    );
  }

  /**
   * Each history's belief probabilities after its last frame, `[n * classes + k]` (all histories
   * must have the same length).
   */
  beliefs(histories: readonly ModelHistory[]): Float32Array[] {
    if (this.classes === 0)
      throw new ModelError(
        "this model has no belief head (its configuration has no beliefSpec targets)"
      );
    const B = histories.length;
    const T = histories[0].frames.length;
    const { numAgents: N, obsDim: D } = this;
    const obs = new Float32Array(B * T * N * D);
    histories.forEach((h, b) => {
      for (let t = 0; t < T; t++)
        for (let n = 0; n < N; n++) obs.set(h.frames[t][n], ((b * T + t) * N + n) * D);
    });
    // The belief head never reads actions, so they are left at 0.
    const probs = this.predict(B, T, obs, new Int32Array(B * T * N)).beliefProbs;
    const V = this.classes;
    return histories.map((_, b) => probs.slice((b * T + T - 1) * N * V, (b * T + T) * N * V));
  }

  private predict(B: number, T: number, obs: Float32Array, actions: Int32Array) {
    this.calls++;
    return this.model.predict({
      batchSize: B,
      steps: T,
      numAgents: this.numAgents,
      obsDim: this.obsDim,
      obs,
      actions,
      nextObs: new Float32Array(obs.length),
      mask: new Float32Array(B * T).fill(1)
    });
  }
}
