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
 * A live training dashboard: ONE output that redraws itself each epoch. It is itself a
 * trainer callback (`WorldModelTrainer.fit({ callbacks: [live] })` calls `onEpochEnd(history)`),
 * also takes Keras-style `onEpochEnd(epochIndex, logs)`, or your own records through
 * `onEpoch(record)` and whole histories through `update(history)`.
 *
 * ```ts
 * const live = pwmk.liveTraining({ title: "World model" });
 * await trainer.fit({ train, val, epochs: 10, callbacks: [live] });
 * ```
 */
export interface LiveTraining {
  /** The notebook output the chart is redrawn in. */
  readonly handle: DisplayHandle;
  /** The records received so far. */
  readonly epochs: ReadonlyArray<Record<string, unknown>>;
  /** Adds one epoch's record and redraws. */
  onEpoch(record: Record<string, unknown>): void;
  /** Replaces the whole history (e.g. a trainer's `history`) and redraws. */
  update(history: TrainingHistoryInput): void;
  /** Marks the run finished and redraws. */
  finish(): void;
  /** Trainer callback: the history so far. */
  onTrainBegin(history: TrainingHistoryInput): void;
  /**
   * Trainer callback: the history so far, or (Keras style) the 0-based epoch, its logs and,
   * optionally, the whole history (as `WorldModelTrainer` passes it).
   */
  onEpochEnd(
    history: TrainingHistoryInput | number,
    logs?: unknown,
    whole?: TrainingHistoryInput
  ): void;
  /** Trainer callback: the final history (optional); marks the run finished. */
  onTrainEnd(history?: TrainingHistoryInput): void;
}

/**
 * Starts a live training dashboard (shown at once, "waiting for the first epoch").
 *
 * ```ts
 * const live = pwmk.liveTraining({ title: "World model" });
 * for (let epoch = 1; epoch <= 10; epoch++) live.onEpoch({ epoch, loss: trainOneEpoch() });
 * live.finish();
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
      // A record for an epoch already drawn replaces it (a trainer may report an epoch twice).
      if (record.epoch !== undefined) records = records.filter((r) => r.epoch !== record.epoch);
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
    onTrainBegin(next) {
      live.update(next);
    },
    onEpochEnd(next, logs, whole) {
      if (typeof next !== "number") live.update(next);
      else if (whole !== undefined) live.update(whole);
      // Keras numbers epochs from 0 and passes the epoch's logs.
      else live.onEpoch({ ...(logs as object), epoch: next + 1 });
    },
    onTrainEnd(next) {
      if (next !== undefined) history = next;
      live.finish();
    }
  };
  return live;
}
