/**
 * Adam on a list of variables, with its state (step count and moments) readable and writable as
 * plain arrays for checkpoints. Written out rather than taken from tf.train so that the state has
 * a fixed order (the model's weight order) and resumes exactly.
 */
import * as tf from "@tensorflow/tfjs-core";
import { ModelError, type OptimizerState } from "./types";

/**
 * Adam's settings.
 *
 * ```ts
 * const settings: AdamSettings = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
 * ```
 */
export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * Adam for a fixed list of variables.
 *
 * ```ts
 * const adam = new Adam(model.variables(), { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
 * adam.apply(grads);
 * ```
 */
export class Adam {
  private step = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];

  constructor(
    private readonly vars: tf.Variable[],
    private readonly settings: AdamSettings
  ) {
    const { learningRate, beta1, beta2, epsilon } = settings;
    if (!(learningRate > 0) || !Number.isFinite(learningRate))
      throw new ModelError(`learningRate must be a positive number, got ${String(learningRate)}`);
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
      throw new ModelError(`beta1 and beta2 must lie in [0, 1), got ${beta1} and ${beta2}`);
    if (!(epsilon > 0)) throw new ModelError(`epsilon must be positive, got ${epsilon}`);
    this.m = vars.map((x) => tf.variable(tf.zerosLike(x), false));
    this.v = vars.map((x) => tf.variable(tf.zerosLike(x), false));
  }

  /** One update with gradients in the variables' order (they are not disposed here). */
  apply(grads: tf.Tensor[]): void {
    const { learningRate: lr, beta1: b1, beta2: b2, epsilon } = this.settings;
    this.step++;
    const c1 = 1 - Math.pow(b1, this.step);
    const c2 = 1 - Math.pow(b2, this.step);
    tf.tidy(() => {
      this.vars.forEach((x, i) => {
        const g = grads[i];
        const m = tf.add(tf.mul(this.m[i], b1), tf.mul(g, 1 - b1));
        const v = tf.add(tf.mul(this.v[i], b2), tf.mul(tf.square(g), 1 - b2));
        this.m[i].assign(m);
        this.v[i].assign(v);
        const update = tf.div(tf.mul(m, lr / c1), tf.add(tf.sqrt(tf.div(v, c2)), epsilon));
        x.assign(tf.sub(x, update));
      });
    });
  }

  getState(): OptimizerState {
    return {
      step: this.step,
      m: this.m.map((t) => Float32Array.from(t.dataSync() as Float32Array)),
      v: this.v.map((t) => Float32Array.from(t.dataSync() as Float32Array))
    };
  }

  setState(state: OptimizerState): void {
    if (!Number.isSafeInteger(state?.step) || state.step < 0)
      throw new ModelError(
        `optimizer state needs a non-negative integer step, got ${String(state?.step)}`
      );
    for (const [key, list] of [
      ["m", state.m],
      ["v", state.v]
    ] as const) {
      if (!Array.isArray(list) || list.length !== this.vars.length)
        throw new ModelError(
          `optimizer state.${key} needs ${this.vars.length} arrays, got ${list?.length}`
        );
      list.forEach((a, i) => {
        if (a?.length !== this.vars[i].size)
          throw new ModelError(
            `optimizer state.${key}[${i}] needs ${this.vars[i].size} values, got ${a?.length}`
          );
      });
    }
    tf.tidy(() => {
      this.m.forEach((t, i) => t.assign(tf.tensor(state.m[i], t.shape)));
      this.v.forEach((t, i) => t.assign(tf.tensor(state.v[i], t.shape)));
    });
    this.step = state.step;
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
