import { displayHandle } from "./handle";
import { trainingChart } from "./charts/training";
import { liveTraining } from "./charts/live-training";
import { TRAINING_HISTORY_MIME } from "./payloads/training-history";
import type { BridgeEnvironment, DisplayDataContent, ModuleTable } from "./tslab-bridge";

/** A fake tslab during a cell run: its dist/jupyter.js hook records what the kernel would send. */
function runningTslab() {
  const sent: { content: DisplayDataContent; update: boolean }[] = [];
  const modules: ModuleTable = {
    "/srv/node_modules/tslab/dist/jupyter.js": {
      exports: {
        lastWriteDisplayData: (content: DisplayDataContent, update: boolean) =>
          sent.push({ content, update })
      }
    }
  };
  const printed: string[] = [];
  const env: BridgeEnvironment = { modules, load: () => ({}), print: (t) => printed.push(t) };
  return { env, sent, printed, modules };
}

describe("displayHandle", () => {
  it("sends display_data once, then update_display_data with the same display_id", () => {
    const tslab = runningTslab();
    const handle = displayHandle(trainingChart([{ loss: 1 }]), tslab.env);
    handle.update(trainingChart([{ loss: 1 }, { loss: 0.5 }]));
    handle.update(trainingChart([{ loss: 1 }, { loss: 0.5 }, { loss: 0.2 }]));
    expect(tslab.sent.map((s) => s.update)).toEqual([false, true, true]);
    const ids = tslab.sent.map((s) => s.content.transient.display_id);
    expect(ids[0]).toMatch(/^pwmk-[0-9a-f-]{36}$/);
    expect(new Set(ids)).toEqual(new Set([handle.id]));
    const last = tslab.sent[2].content.data[TRAINING_HISTORY_MIME] as { epochs: unknown[] };
    expect(last.epochs).toHaveLength(3);
    expect(handle.sends).toBe(3);
  });

  it("shows on the first update when created empty, and two handles never share an id", () => {
    const tslab = runningTslab();
    const a = displayHandle(undefined, tslab.env);
    const b = displayHandle(undefined, tslab.env);
    expect(tslab.sent).toEqual([]);
    a.update({ "text/plain": "a1" });
    a.update({ "text/plain": "a2" });
    b.update({ "text/plain": "b1" });
    expect(tslab.sent.map((s) => [s.content.data["text/plain"], s.update])).toEqual([
      ["a1", false],
      ["a2", true],
      ["b1", false]
    ]);
    expect(a.id).not.toBe(b.id);
  });

  it("updates from a later cell go through that cell's writer, with the original display_id", () => {
    const tslab = runningTslab();
    const handle = displayHandle({ "text/plain": "first" }, tslab.env);
    const later: { content: DisplayDataContent; update: boolean }[] = [];
    (
      tslab.modules["/srv/node_modules/tslab/dist/jupyter.js"]!.exports as Record<string, unknown>
    ).lastWriteDisplayData = (content: DisplayDataContent, update: boolean) =>
      later.push({ content, update });
    handle.update({ "text/plain": "second" });
    expect(later).toEqual([
      { content: expect.objectContaining({ transient: { display_id: handle.id } }), update: true }
    ]);
  });

  it("refuses bad input before sending anything", () => {
    const tslab = runningTslab();
    const handle = displayHandle(undefined, tslab.env);
    expect(() => handle.update(42 as never)).toThrow(/display needs a pwmk object/);
    expect(tslab.sent).toEqual([]);
    expect(handle.sends).toBe(0);
  });

  it("prints each update's text outside a kernel", () => {
    const printed: string[] = [];
    const handle = displayHandle(
      { "text/plain": "one" },
      { modules: {}, load: () => ({}), print: (t) => printed.push(t) }
    );
    handle.update({ "text/plain": "two" });
    expect(printed).toEqual(["one", "two"]);
  });
});

describe("liveTraining", () => {
  it("keeps ONE output and redraws it per epoch, Keras-style callbacks included", () => {
    const tslab = runningTslab();
    const live = liveTraining({ title: "World model", totalEpochs: 3 }, tslab.env);
    live.onEpochEnd(0, { loss: 0.9, beliefAccuracy: 0.4 });
    live.onEpoch({ epoch: 2, loss: 0.6, beliefAccuracy: 0.6 });
    live.onEpochEnd(2, { loss: 0.3, beliefAccuracy: 0.8 });
    live.onTrainEnd();
    expect(tslab.sent.map((s) => s.update)).toEqual([false, true, true, true, true]);
    expect(new Set(tslab.sent.map((s) => s.content.transient.display_id)).size).toBe(1);
    expect(tslab.sent[0].content.data["text/plain"]).toBe(
      "World model: waiting for the first epoch"
    );
    const final = tslab.sent[4].content.data;
    expect(final["text/plain"]).toMatch(
      /^World model: epoch 3\/3 · loss 0\.3 · belief accuracy 0\.8 \(done\)/
    );
    expect(
      (final[TRAINING_HISTORY_MIME] as { epochs: { epoch: number }[] }).epochs.map((e) => e.epoch)
    ).toEqual([1, 2, 3]);
    expect(live.epochs).toHaveLength(3);
  });

  it("is a WorldModelTrainer callback: redraws from the trainer's history, epochs planned included", () => {
    const tslab = runningTslab();
    const live = liveTraining({ title: "World model" }, tslab.env);
    const history = {
      epochs: [] as Record<string, number>[],
      totalEpochs: 2,
      stoppedEarly: false,
      backend: "cpu",
      threads: 1
    };
    live.onTrainBegin(history);
    for (const epoch of [1, 2]) {
      const record = {
        epoch,
        trainLoss: 1 / epoch,
        trainObsLoss: 0.5,
        trainBeliefLoss: 0.5,
        valBeliefAcc: 0.4 * epoch,
        steps: 10,
        stepsPerSecond: 100,
        seconds: 0.1
      };
      history.epochs.push(record);
      // WorldModelTrainer follows tfjs: the 0-based epoch, the record, then the whole history.
      live.onEpochEnd(epoch - 1, record, history);
    }
    live.onTrainEnd(history);
    const final = tslab.sent[tslab.sent.length - 1].content.data;
    expect(final["text/plain"]).toMatch(
      /^World model: epoch 2\/2 · train loss 0\.5 · train obs loss 0\.5 · train belief loss 0\.5 · val belief acc 0\.8 · steps per second 100 \(done\)/
    );
    const payload = final[TRAINING_HISTORY_MIME] as { metrics: { key: string; panel: string }[] };
    expect(payload.metrics.map((m) => `${m.key}:${m.panel}`)).toEqual([
      "trainLoss:loss",
      "trainObsLoss:loss",
      "trainBeliefLoss:loss",
      "valBeliefAcc:accuracy",
      "stepsPerSecond:other"
    ]);
    expect(new Set(tslab.sent.map((s) => s.content.transient.display_id)).size).toBe(1);
  });

  it("draws an epoch reported twice once, however the records arrive", () => {
    const tslab = runningTslab();
    const live = liveTraining({}, tslab.env);
    const history = { epochs: [] as Record<string, number>[] };
    live.onTrainBegin(history); // a trainer that keeps mutating the history it handed over
    history.epochs.push({ epoch: 1, loss: 1 });
    live.onEpochEnd(0, { epoch: 1, loss: 1 });
    live.onEpoch({ epoch: 2, loss: 0.5 });
    live.onEpoch({ epoch: 2, loss: 0.4 });
    const data = tslab.sent[tslab.sent.length - 1].content.data[TRAINING_HISTORY_MIME] as {
      epochs: { epoch: number; values: { loss: number } }[];
    };
    expect(data.epochs.map((e) => [e.epoch, e.values.loss])).toEqual([
      [1, 1],
      [2, 0.4]
    ]);
  });

  it("takes a whole history with update(), e.g. a trainer's", () => {
    const tslab = runningTslab();
    const live = liveTraining({}, tslab.env);
    live.update({
      history: [
        { epoch: 1, loss: 2 },
        { epoch: 2, loss: 1 }
      ]
    });
    live.onEpoch({ epoch: 3, loss: 0.5 });
    const data = tslab.sent[2].content.data[TRAINING_HISTORY_MIME] as { epochs: unknown[] };
    expect(data.epochs).toHaveLength(3);
  });
});
