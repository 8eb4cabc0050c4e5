/**
 * A live training dashboard: one notebook output, redrawn in place after every epoch through a
 * display handle.
 */
import type { BridgeEnvironment } from "../tslab-bridge";
import { displayHandle, type DisplayHandle } from "../handle";
import {
  recordsOf,
  TrainingChart,
  trainingPayload,
  type TrainingChartOptions,
  type TrainingHistoryInput
} from "./training";

/**
 * A live training dashboard: ONE output that redraws itself each epoch. Pass `onEpoch` (or
 * `callbacks.onEpochEnd`) to a trainer, or call `update(history)` yourself.
 *
 * ```ts
 * const live = pwmk.liveTraining({ title: "World model", totalEpochs: 10 });
 * for (let epoch = 1; epoch <= 10; epoch++) live.onEpoch({ epoch, loss: trainOneEpoch() });
 * live.finish();
 * ```
 */
export interface LiveTraining {
  readonly handle: DisplayHandle;
  /** The records received so far. */
  readonly epochs: ReadonlyArray<Record<string, unknown>>;
  /** Adds one epoch's record and redraws. */
  onEpoch(record: Record<string, unknown>): void;
  /** Replaces the whole history (e.g. a trainer's `history`) and redraws. */
  update(history: TrainingHistoryInput): void;
  /** Marks the run finished and redraws. */
  finish(): void;
  /** Keras-style callbacks: `onEpochEnd(epoch, logs)` and `onTrainEnd()`. */
  readonly callbacks: {
    onEpochEnd(epoch: number, logs?: Record<string, unknown>): void;
    onTrainEnd(): void;
  };
}

/**
 * Starts a live training dashboard (shown at once, "waiting for the first epoch").
 *
 * ```ts
 * const live = pwmk.liveTraining({ totalEpochs: 5 });
 * await trainer.fit(data, { epochs: 5, callbacks: live.callbacks });
 * ```
 */
export function liveTraining(
  options: TrainingChartOptions = {},
  env?: BridgeEnvironment
): LiveTraining {
  let records: Array<Record<string, unknown>> = [];
  let history: TrainingHistoryInput = records;
  let done = false;
  const draw = () =>
    trainingPayload(history, { ...options, done: done || options.done, allowEmpty: true });
  const handle = displayHandle(TrainingChart.fromPayload(draw()), env);
  const redraw = () => handle.update(TrainingChart.fromPayload(draw()));
  const live: LiveTraining = {
    handle,
    get epochs() {
      return recordsOf(history);
    },
    onEpoch(record) {
      if (history !== records) records = [...recordsOf(history)];
      records.push(record);
      history = records;
      redraw();
    },
    update(next) {
      history = next;
      redraw();
    },
    finish() {
      done = true;
      redraw();
    },
    callbacks: {
      // Keras numbers epochs from 0.
      onEpochEnd: (epoch, logs = {}) => live.onEpoch({ ...logs, epoch: epoch + 1 }),
      onTrainEnd: () => live.finish()
    }
  };
  return live;
}
