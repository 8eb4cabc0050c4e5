/**
 * The wasm transport's choice between looking for the next message and sleeping at once.
 */
import { SpinTuner } from "../../src/beliefs/backends/swipl-wasm";

/** Drives a tuner for n calls where each mode's calls take the given time; counts spins. */
function drive(tuner: SpinTuner, n: number, cost: { spin: number; sleep: number }): number {
  let spins = 0;
  for (let i = 0; i < n; i++) {
    const spin = tuner.next();
    if (spin) spins++;
    tuner.record(spin ? cost.spin : cost.sleep);
  }
  return spins;
}

describe("SpinTuner", () => {
  test("uses the faster mode, and keeps trying the other now and then", () => {
    const tuner = new SpinTuner();
    const spins = drive(tuner, 1280, { spin: 0.02, sleep: 0.06 });
    expect(spins).toBeGreaterThan(1200);
    expect(spins).toBeLessThan(1280);
  });

  test("switches when the machine gets busy and looking costs more than sleeping", () => {
    const tuner = new SpinTuner();
    drive(tuner, 1280, { spin: 0.02, sleep: 0.06 });
    const spins = drive(tuner, 2560, { spin: 0.2, sleep: 0.06 });
    expect(spins).toBeLessThan(400);
    // and back once looking pays again
    drive(tuner, 1280, { spin: 0.02, sleep: 0.06 });
    expect(drive(tuner, 1280, { spin: 0.02, sleep: 0.06 })).toBeGreaterThan(1200);
  });

  test("one long pause (garbage collection) does not turn it off", () => {
    const tuner = new SpinTuner();
    drive(tuner, 1280, { spin: 0.02, sleep: 0.06 });
    while (!tuner.next()) tuner.record(0.06);
    tuner.record(4); // a spinning call that took 4 ms
    expect(drive(tuner, 128, { spin: 0.02, sleep: 0.06 })).toBeGreaterThan(110);
  });
});
