/**
 * The KB mirror needs no engine: ordering, atomic commits, snapshots and the lock.
 */
import type { EngineOp } from "../../src/beliefs/backends/engine";
import { KbMirror, rebuildOps } from "../../src/beliefs/mirror";
import { parseTerm } from "../../src/terms";

const addFacts = (...texts: string[]): EngineOp => ({
  op: "addFacts",
  facts: texts.map((t) => parseTerm(t))
});

describe("KbMirror", () => {
  test("arities list as numbers: p/2 before p/10, everywhere predicates are listed", () => {
    const m = new KbMirror();
    m.commit([10, 2, 1].map((arity) => ({ declare: { name: "p", arity } })));
    const expected = [1, 2, 10].map((arity) => ({ name: "p", arity }));
    expect(m.predicates()).toEqual(expected);
    expect(m.data().predicates).toEqual(expected);
    expect(m.arities("p")).toEqual([1, 2, 10]);
    expect(m.text()).toMatch(/dynamic\(p\/1\)\.\n:- dynamic\(p\/2\)\.\n:- dynamic\(p\/10\)/);
    const declared = rebuildOps(m.current())
      .flat()
      .filter((o) => o.op === "declare");
    expect(declared.map((o) => (o as { arity: number }).arity)).toEqual([1, 2, 10]);
  });

  test("only successful updates are committed; a failed one leaves the mirror as it was", () => {
    const m = new KbMirror();
    m.commit([
      { op: addFacts("at(a, b)"), result: { kind: "count", n: 1 } },
      { op: addFacts("at(c, d)"), result: { kind: "error", error: new Error("boom") } }
    ]);
    expect(m.data().facts.map(String)).toEqual(["at(a,b)"]);
  });

  test("additions already held are dropped before they reach the engine", () => {
    const m = new KbMirror();
    m.commit([{ op: addFacts("at(a, b)"), result: { kind: "count", n: 1 } }]);
    const [op] = m.onlyNewAdds([addFacts("at(a, b)", "at(c, d)", "at(c, d)")]);
    expect((op as { facts: unknown[] }).facts.map(String)).toEqual(["at(c,d)"]);
  });

  test("the declarations version changes exactly when the declarations change", () => {
    const m = new KbMirror();
    const v0 = m.declarationsVersion;
    m.commit([{ declare: { name: "at", arity: 2 } }]);
    const v1 = m.declarationsVersion;
    expect(v1).not.toBe(v0);
    m.commit([{ declare: { name: "at", arity: 2 } }]);
    m.commit([{ op: addFacts("at(a, b)"), result: { kind: "count", n: 1 } }]);
    expect(m.declarationsVersion).toBe(v1);
  });

  test("a snapshot is a copy: later changes do not reach it", () => {
    const m = new KbMirror();
    m.commit([{ op: addFacts("at(a, b)"), result: { kind: "count", n: 1 } }]);
    m.snapshot(0);
    m.commit([{ op: addFacts("at(c, d)"), result: { kind: "count", n: 1 } }]);
    expect(m.snapshotData(0).facts.map(String)).toEqual(["at(a,b)"]);
    expect(m.snapshotTimes()).toEqual([0]);
    expect(() => m.snapshotAt(3)).toThrow(/no snapshot at time 3; snapshots exist at \[0\]/);
  });

  test("the lock runs operations one at a time, in order, reads included", async () => {
    const m = new KbMirror();
    const log: string[] = [];
    const slowWrite = m.exclusive(async () => {
      log.push("write starts");
      await new Promise((r) => setTimeout(r, 20));
      m.commit([{ declare: { name: "at", arity: 2 } }]);
      log.push("write ends");
    });
    const read = m.exclusive(async () => {
      log.push(`read sees ${m.predicates().length}`);
    });
    await Promise.all([slowWrite, read]);
    expect(log).toEqual(["write starts", "write ends", "read sees 1"]);
  });

  test("a failed operation does not block the ones queued after it", async () => {
    const m = new KbMirror();
    const failing = m.exclusive(async () => {
      throw new Error("bad input");
    });
    await expect(failing).rejects.toThrow("bad input");
    await expect(m.exclusive(async () => "next")).resolves.toBe("next");
  });
});
