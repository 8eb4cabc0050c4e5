/**
 * The training history: plain JSON (numbers, strings, arrays), one record per finished epoch, so
 * it can be saved with a checkpoint, sent to the display layer as is (a live chart redraws it after
 * every epoch) and read back in Python. Losses are means over the epoch's batches; `val*` fields
 * are present when `fit` was given validation data.
 *
 * ```ts
 * const { history } = await trainer.fit({ train, val, epochs: 5 });
 * history.epochs.map((e) => e.valLoss); // one number per epoch
 * JSON.parse(JSON.stringify(history)); // the same object
 * ```
 */

/**
 * The losses and metrics of one epoch.
 *
 * ```ts
 * const last: EpochRecord = history.epochs[history.epochs.length - 1];
 * console.log(last.epoch, last.trainLoss, last.valLoss, last.valBeliefAcc);
 * ```
 */
export type EpochRecord = {
  /** 1 for the first epoch. */
  epoch: number;
  /** Mean total loss (obs + beliefLossWeight * belief) over the epoch's training batches. */
  trainLoss: number;
  /** Mean next-observation loss (mean squared error) over the epoch's training batches. */
  trainObsLoss: number;
  /** Mean belief loss (cross-entropy of the labels) over the epoch's training batches. */
  trainBeliefLoss: number;
  /** Total loss on the validation data (absent without validation data). */
  valLoss?: number;
  /** Next-observation loss on the validation data. */
  valObsLoss?: number;
  /** Belief loss on the validation data. */
  valBeliefLoss?: number;
  /** Belief accuracy on the validation data (labelled entries only). */
  valBeliefAcc?: number;
  /** Belief accuracy on the validation labels that are false beliefs. */
  valFalseBeliefAcc?: number;
  /** Optimizer steps in this epoch and the training throughput. */
  steps: number;
  /** Optimizer steps per second: `steps / seconds`. */
  stepsPerSecond: number;
  /** Wall-clock time of the epoch's training steps (validation not included). */
  seconds: number;
};

/**
 * Everything `fit` records (see the module comment). A type alias rather than an interface, so it
 * is assignable to `Record<string, unknown>` (what chart builders take).
 *
 * ```ts
 * if (history.stoppedEarly) console.log(`best epoch ${history.bestEpoch}: ${history.bestValLoss}`);
 * ```
 */
export type TrainingHistory = {
  /** One record per finished epoch, in order (a resumed run continues the list). */
  epochs: EpochRecord[];
  /** Epochs asked for by the last `fit`. */
  totalEpochs: number;
  /** The epoch with the lowest validation loss (or training loss without validation data). */
  bestEpoch?: number;
  /** The loss of `bestEpoch` (validation loss when there is validation data). */
  bestLoss?: number;
  /** Whether the last `fit` stopped before `totalEpochs` because the loss stopped improving. */
  stoppedEarly: boolean;
  /** The tfjs backend that ran the training (e.g. "wasm"), and gradient threads per step. */
  backend: string;
  /** Threads that computed the gradients of each step (1: the calling thread only). */
  threads: number;
};

/**
 * A new, empty history.
 *
 * ```ts
 * const h = emptyHistory("wasm", 2, 10);
 * ```
 */
export function emptyHistory(
  backend: string,
  threads: number,
  totalEpochs: number
): TrainingHistory {
  return { epochs: [], totalEpochs, stoppedEarly: false, backend, threads };
}
