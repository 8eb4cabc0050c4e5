import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { registerArchitecture } from "../../src/models/architectures";
import { useBestBackend } from "../../src/models/backend";
import { PerspectiveWorldModel } from "../../src/models/world-model";
import { createTrainStep } from "../../src/training/step";
import { randomBatch, SMALL } from "./fixtures";
import "./linear-architecture";

const LINEAR = { ...SMALL, beliefSpec: undefined, architecture: "test-linear" };
const noBeliefs = (seed: number) => ({ ...randomBatch(seed, 4), beliefTargets: undefined });

beforeAll(async () => {
  await useBestBackend();
});

describe("your own architecture", () => {
  test("predicts, trains on one and two threads, saves and loads unchanged", async () => {
    const model = new PerspectiveWorldModel(LINEAR);
    expect(model.weightNames()).toEqual(["linear/kernel", "linear/action"]);
    const batch = noBeliefs(1);
    const before = model.loss(batch).obsLoss;
    const engine = await createTrainStep({
      model,
      learningRate: 2e-2,
      threads: 2,
      workerModules: [path.join(__dirname, "linear-architecture.ts")]
    });
    for (let s = 0; s < 20; s++) await engine.step(batch);
    await engine.dispose();
    expect(model.loss(batch).obsLoss).toBeLessThan(before);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-arch-"));
    try {
      await model.save(dir);
      const again = await PerspectiveWorldModel.load(dir);
      expect(again.config.architecture).toBe("test-linear");
      expect(Array.from(again.predict(batch).nextObs)).toEqual(
        Array.from(model.predict(batch).nextObs)
      );
      again.dispose();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    model.dispose();
  }, 120_000);

  test("an unknown or malformed architecture is refused by name", () => {
    expect(() => new PerspectiveWorldModel({ ...LINEAR, architecture: "nope" })).toThrow(
      /unknown architecture "nope"; registered: transformer, test-linear/
    );
    expect(() => registerArchitecture("bad", {} as never)).toThrow(
      /needs params\(\) and forward\(\)/
    );
    expect(() =>
      registerArchitecture("transformer", {
        params: () => [],
        forward: () => {
          throw new Error();
        }
      })
    ).toThrow(/built-in/);
  });
});
