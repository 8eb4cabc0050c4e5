import { describeStoreSpec } from "./spec/store-spec";

describeStoreSpec("swipl", { prolog: true });

describe("BeliefStore.create", () => {
  test("an unknown backend or a bad limit is a clear error", async () => {
    const { BeliefStore } = await import("./store");
    await expect(BeliefStore.create({ backend: "prolog9" as never })).rejects.toThrow(
      /unknown backend "prolog9": use "swipl", "swipl-native" or "clingo"/
    );
    await expect(BeliefStore.create({ limits: { timeMs: -1 } })).rejects.toThrow(
      /limits.timeMs must be a positive number/
    );
  });

  test("solve() on a Prolog backend names the backend", async () => {
    const { BeliefStore } = await import("./store");
    const kb = await BeliefStore.create({ backend: "swipl" });
    try {
      expect(kb.capabilities).toMatchObject({ answerSets: false, timeLimit: "host" });
      await expect(kb.solve("{ a ; b } = 1.")).rejects.toThrow(
        /the swipl backend does not support solve\(\).*\[capability answerSets\]/
      );
    } finally {
      await kb.close();
    }
    await expect(kb.query("true")).rejects.toThrow(/the store is closed/);
  });
});

describe("swipl (wasm) engine failures", () => {
  test("a trap inside the wasm engine is an error once; the store restarts and keeps its KB", async () => {
    const { BeliefStore } = await import("./store");
    const kb = await BeliefStore.create({ backend: "swipl", limits: { inferences: 50_000_000 } });
    try {
      await kb.addPredicate({ name: "room", arity: 1 });
      await kb.assertFact("room(kitchen)");
      await kb.addRule("chain(N, T) :- N =:= 0, T = z");
      await kb.addRule("chain(N, s(T)) :- N > 0, M is N - 1, chain(M, T)");
      // SWI's C code recurses on a deep term here, overflowing the wasm engine's stack
      await expect(kb.query("chain(200000, _T), atom_length(_T, _N)")).rejects.toThrow(
        /swipl engine error/
      );
      expect(await kb.query("room(R)")).toEqual([{ R: "kitchen" }]);
      expect(await kb.holds("chain(3, s(s(s(z))))")).toBe(true);
    } finally {
      await kb.close();
    }
  }, 60_000);

  test("an answer nested too deep to return is a clear error", async () => {
    const { BeliefStore } = await import("./store");
    const kb = await BeliefStore.create({ backend: "swipl" });
    try {
      await kb.addRule("chain(N, T) :- N =:= 0, T = z");
      await kb.addRule("chain(N, s(T)) :- N > 0, M is N - 1, chain(M, T)");
      await expect(kb.query("chain(5000, T)")).rejects.toThrow(/the answer nests deeper than/);
      const [{ T }] = await kb.query("chain(500, T)");
      expect(String(T)).toHaveLength(500 * 3 + 1);
    } finally {
      await kb.close();
    }
  }, 60_000);

  test("limits.maxDepth above what the engines can return is refused at create time", async () => {
    const { BeliefStore } = await import("./store");
    await expect(BeliefStore.create({ limits: { maxDepth: 5000 } })).rejects.toThrow(
      /limits.maxDepth must be at most 900/
    );
  });
});

describe("swipl (wasm): the channel and the mirror", () => {
  test("a query past the time limit restarts the worker, which gets the whole KB back", async () => {
    const { BeliefStore } = await import("./store");
    const kb = await BeliefStore.create({ limits: { timeMs: 200, inferences: 1e12 } });
    try {
      await kb.assertFact("at(marble, box)");
      await kb.addBelief("sally", "believes(anne, at(marble, basket))");
      await kb.addRule("spin(X) :- spin(X)");
      const channel = (kb as unknown as { engine: { channel: { link?: unknown } } }).engine.channel;
      const before = channel.link;
      await expect(kb.query("spin(a)")).rejects.toThrow(/time limit of 200 ms/);
      expect(await kb.holds("believes(sally, believes(anne, at(marble, basket)))")).toBe(true);
      expect(channel.link).toBeDefined();
      expect(channel.link).not.toBe(before);
      expect(await kb.query("at(marble, L)")).toEqual([{ L: "box" }]);
      // the rule came back too: it still loops, and is still stopped
      await expect(kb.query("spin(b)")).rejects.toThrow(/time limit/);
    } finally {
      await kb.close();
    }
  }, 60_000);

  test("a read between the engine calls of a load sees the KB before or after it, never half", async () => {
    const { BeliefStore } = await import("./store");
    const kb = await BeliefStore.create();
    try {
      // 30,000 facts load in several engine calls
      const text = Array.from({ length: 30_000 }, (_, i) => `item(i${i}).`).join("\n");
      let loaded = false;
      const load = kb.load(text).then((r) => ((loaded = true), r));
      const facts = new Set<number>();
      const predicates = new Set<number>();
      while (!loaded) {
        facts.add(kb.data().facts.length);
        predicates.add(kb.predicates().length);
        await new Promise((r) => setImmediate(r));
      }
      expect((await load).facts).toBe(30_000);
      expect([...facts].every((n) => n === 0 || n === 30_000)).toBe(true);
      expect([...predicates].every((n) => n === 0 || n === 1)).toBe(true);
      expect(kb.data().facts).toHaveLength(30_000);
      // a read through the lock waits for the restore queued before it
      await kb.snapshot(0);
      await kb.assertFact("item(extra)");
      const restoring = kb.restore(0);
      const saved = kb.save();
      expect(kb.data().facts).toHaveLength(30_001); // the restore has not run yet
      await restoring;
      expect((await saved).includes("item(extra)")).toBe(false);
      expect(kb.data().facts).toHaveLength(30_000);
    } finally {
      await kb.close();
    }
  }, 120_000);
});
