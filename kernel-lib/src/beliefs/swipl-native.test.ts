import { describeStoreSpec } from "./spec/store-spec";
import { nativeSwiplAvailable } from "./backends/swipl-native";

if (nativeSwiplAvailable()) {
  describeStoreSpec("swipl-native", { prolog: true });
} else {
  console.warn("skipping the swipl-native spec: /usr/bin/swipl is absent (install swi-prolog-nox)");
  test.skip("swipl-native spec (no /usr/bin/swipl)", () => undefined);
}

(nativeSwiplAvailable() ? describe : describe.skip)("swipl-native: the subprocess", () => {
  test("a crashed engine is restarted and the store replays its KB; close reaps the child", async () => {
    const { BeliefStore } = await import("./store");
    const kb = await BeliefStore.create({ backend: "swipl-native" });
    await kb.addPredicate({ name: "at", arity: 2 });
    await kb.assertFact("at(marble, box)");
    await kb.addRule("moved(O) :- at(O, box)");
    // reach the running child through the channel's current link
    const channel = (
      kb as unknown as {
        engine: { channel: { link?: { child: import("child_process").ChildProcess } } };
      }
    ).engine.channel;
    const first = channel.link!.child;
    const exited = new Promise((resolve) => first.once("exit", resolve));
    first.kill("SIGKILL");
    await exited;
    expect(await kb.query("moved(O)")).toEqual([{ O: "marble" }]);
    const second = channel.link!.child;
    expect(second.pid).not.toBe(first.pid);
    await kb.close();
    expect(second.exitCode !== null || second.signalCode !== null).toBe(true);
  }, 30_000);
});
