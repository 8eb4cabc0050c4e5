import * as tf from "@tensorflow/tfjs-core";
import { backendReport, useBestBackend } from "../../src/models/backend";
import { PerspectiveWorldModel } from "../../src/models/world-model";
import { randomBatch, SMALL } from "./fixtures";

describe("useBestBackend", () => {
  test("runs the best working backend and says why the better ones were skipped", async () => {
    const report = await useBestBackend();
    expect(["tensorflow", "wasm", "cpu"]).toContain(report.name);
    expect(tf.getBackend()).toBe(report.name);
    expect(backendReport()).toEqual(report);
    // Natives come first; each one skipped carries a reason (here: not installed).
    const order = [
      "@tensorflow/tfjs-node-gpu",
      "@tensorflow/tfjs-node",
      "@tensorflow/tfjs-backend-wasm"
    ];
    expect(report.skipped.map((s) => s.name)).toEqual(
      order.slice(0, order.indexOf(report.package))
    );
    for (const s of report.skipped) expect(s.reason.length).toBeGreaterThan(0);
    expect(await useBestBackend()).toBe(report); // chosen once
  });

  test("`only` forces a backend, and the model computes the same on cpu and the default", async () => {
    const best = await useBestBackend();
    const model = new PerspectiveWorldModel(SMALL);
    const batch = randomBatch(1);
    const there = model.predict(batch).nextObs;
    const cpu = await useBestBackend({ only: ["cpu"] });
    expect(cpu.name).toBe("cpu");
    expect(cpu.skipped.find((s) => s.name === "@tensorflow/tfjs-backend-wasm")?.reason).toBe(
      "not requested"
    );
    const here = model.predict(batch).nextObs;
    here.forEach((v, i) => expect(v).toBeCloseTo(there[i], 4));
    await useBestBackend({ only: [best.name] });
    model.dispose();
  });

  test("create refuses a bad configuration before any backend work", async () => {
    await expect(PerspectiveWorldModel.create({ ...SMALL, hiddenDim: 0 })).rejects.toThrow(
      /hiddenDim must be a positive integer/
    );
  });
});
