/**
 * The behaviour every belief-store backend must show. Each backend's test file runs this spec
 * with one shared store (engine start-up is paid once per file).
 */
import {
  ArityMismatchError,
  BeliefStore,
  BeliefStoreError,
  EngineError,
  EpistemicQuery,
  LimitExceededError,
  SandboxError,
  UnknownPredicateError,
  UnsupportedError
} from "..";
import type { BackendName } from "..";
import {
  beliefChain,
  believes,
  Compound,
  pred,
  PrologSyntaxError,
  TermError,
  v
} from "../../terms";

const at = pred("at");

/** What a backend serves beyond the common core. */
export interface SpecCapabilities {
  /** Prolog-only features: disjunction, meta-calls, lists, findall, quoted atoms, floats. */
  prolog: boolean;
}

async function fingerprint(kb: BeliefStore): Promise<string> {
  const facts = await kb.query("at(X, Y)");
  const beliefs = await kb.query("believes(A, B)");
  return JSON.stringify([await kb.save(), facts.length, beliefs.length]);
}

export function describeStoreSpec(backend: BackendName, caps: SpecCapabilities): void {
  let kb: BeliefStore;

  beforeAll(async () => {
    kb = await BeliefStore.create({ backend, limits: { inferences: 2_000_000, timeMs: 3000 } });
  }, 60_000);
  afterAll(async () => {
    await kb?.close();
  });

  describe(`${backend}: facts`, () => {
    beforeAll(async () => {
      await kb.addPredicate({ name: "at", arity: 2 });
      await kb.addPredicate({ name: "room", arity: 1 });
      await kb.addPredicate({ name: "weight", arity: 2 });
      await kb.addPredicate({ name: "label", arity: 2 });
    });

    test("assertFact adds a fact once; retractFact removes it", async () => {
      expect(await kb.assertFact("at(marble, box)")).toBe(true);
      expect(await kb.assertFact(at("marble", "box"))).toBe(false);
      expect(await kb.holds("at(marble, box)")).toBe(true);
      expect(await kb.retractFact("at(marble, box)")).toBe(true);
      expect(await kb.retractFact("at(marble, box)")).toBe(false);
      expect(await kb.holds("at(marble, box)")).toBe(false);
    });

    test("query returns every binding as plain values", async () => {
      for (const r of ["kitchen", "hall", "garden"]) await kb.assertFact(`room(${r})`);
      await kb.assertFact("weight(marble, 3)");
      await kb.assertFact('label(marble, "a glass marble")');
      const rooms = (await kb.query("room(R)")).map((b) => b.R).sort();
      expect(rooms).toEqual(["garden", "hall", "kitchen"]);
      expect(await kb.query("weight(marble, W)")).toEqual([{ W: 3 }]);
      expect(await kb.query("label(marble, L)")).toEqual([{ L: "a glass marble" }]);
      expect(await kb.query("room(kitchen)")).toEqual([{}]);
      expect(await kb.query("room(cellar)")).toEqual([]);
    });

    test("query with limit and offset, and queryIter pages lazily", async () => {
      const all = await kb.query("room(R)");
      expect(await kb.query("room(R)", { limit: 2 })).toHaveLength(2);
      const iterated: unknown[] = [];
      for await (const b of kb.queryIter("room(R)", { pageSize: 1 })) iterated.push(b.R);
      expect(iterated.sort()).toEqual(all.map((b) => b.R).sort());
      // a page size that could never advance is an error, not an endless loop
      for (const pageSize of [0, -1, 1.5]) {
        const pages = kb.queryIter("room(R)", { pageSize });
        await expect(pages.next()).rejects.toThrow(/pageSize must be a positive integer/);
      }
    });

    test("assertFact on an undeclared predicate declares it, as Prolog's assert does", async () => {
      expect(await kb.assertFact("colour(marble, red)")).toBe(true);
      expect(kb.predicates()).toContainEqual({ name: "colour", arity: 2 });
      expect(await kb.query("colour(marble, C)")).toEqual([{ C: "red" }]);
      expect(await kb.assertFact("colour(marble, red)")).toBe(false);
      expect(await kb.retractFact("colour(marble, red)")).toBe(true);
      // a batch declares what its asserts need before it runs
      expect(
        await kb.batch([
          { op: "assert", fact: "size(marble, small)" },
          { op: "holds", query: "size(marble, small)" }
        ])
      ).toEqual([true, true]);
      expect(await kb.retractFact("size(marble, small)")).toBe(true);
    });

    test("a query on an unknown predicate is an error naming it; the store is unchanged", async () => {
      const before = await fingerprint(kb);
      await expect(kb.query("hue(X, Y)")).rejects.toThrow(UnknownPredicateError);
      await expect(kb.query("hue(X, Y)")).rejects.toThrow(/unknown predicate hue\/2/);
      await expect(kb.holds("hue(marble, red)")).rejects.toThrow(/unknown predicate hue\/2/);
      await expect(kb.retractFact("hue(marble, red)")).rejects.toThrow(/unknown predicate hue\/2/);
      await expect(kb.addRule("bright(X) :- hue(X, white)")).rejects.toThrow(
        /unknown predicate hue\/2/
      );
      // an assert refused for another reason declares nothing
      await expect(kb.assertFact("hue(marble, X)")).rejects.toThrow(/must be ground/);
      expect(kb.predicates()).not.toContainEqual({ name: "hue", arity: 2 });
      expect(await fingerprint(kb)).toBe(before);
    });

    test("an arity mismatch is an error naming both arities", async () => {
      await expect(kb.assertFact("at(marble)")).rejects.toThrow(ArityMismatchError);
      await expect(kb.query("at(X, Y, Z)")).rejects.toThrow(/at\/3 used .* declared with arity 2/);
    });

    test("facts must be ground", async () => {
      await expect(kb.assertFact("at(marble, X)")).rejects.toThrow(/must be ground/);
    });
  });

  describe(`${backend}: nested beliefs`, () => {
    beforeAll(async () => {
      await kb.assertFact("at(treasure, room_3)");
      await kb.addBelief("agent_0", at("treasure", "room_1"));
      await kb.addBelief("agent_1", "at(treasure, room_3)");
      await kb.addBelief("agent_0", believes("agent_1", at("treasure", "room_2")));
      await kb.addBelief("agent_2", "believes(agent_0, believes(agent_1, at(treasure, room_4)))");
    });

    test("ground nested queries hold exactly for stored beliefs", async () => {
      expect(await kb.holds("believes(agent_0, at(treasure, room_1))")).toBe(true);
      expect(await kb.holds("believes(agent_0, at(treasure, room_3))")).toBe(false);
      expect(await kb.holds("believes(agent_0, believes(agent_1, at(treasure, room_2)))")).toBe(
        true
      );
      expect(await kb.holds("believes(agent_1, believes(agent_0, at(treasure, room_2)))")).toBe(
        false
      );
      expect(
        await kb.holds(beliefChain(["agent_2", "agent_0", "agent_1"], at("treasure", "room_4")))
      ).toBe(true);
    });

    test("open queries bind agents, locations and whole inner beliefs", async () => {
      const where = await kb.query(believes("agent_0", at("treasure", v("R"))));
      expect(where).toEqual([{ R: "room_1" }]);
      const who = (await kb.query("believes(A, at(treasure, room_3))")).map((b) => b.A);
      expect(who).toEqual(["agent_1"]);
      const second = await kb.query("believes(agent_0, believes(B, at(O, L)))");
      expect(second).toEqual([{ B: "agent_1", O: "treasure", L: "room_2" }]);
      const inner = await kb.query("believes(agent_0, X)");
      expect(inner.map((b) => String(b.X)).sort()).toEqual([
        "at(treasure,room_1)",
        "believes(agent_1,at(treasure,room_2))"
      ]);
      expect(inner.every((b) => b.X instanceof Compound)).toBe(true);
    });

    test("beliefs nest to any depth", async () => {
      const chain = ["a0", "a1", "a2", "a3", "a4", "a5"];
      expect(
        await kb.addBelief(chain[0], beliefChain(chain.slice(1), at("treasure", "room_9")))
      ).toBe(true);
      expect(await kb.holds(beliefChain(chain, at("treasure", "room_9")))).toBe(true);
      expect(await kb.query(beliefChain(chain, at("treasure", v("L"))))).toEqual([{ L: "room_9" }]);
      expect(
        await kb.retractBelief(chain[0], beliefChain(chain.slice(1), at("treasure", "room_9")))
      ).toBe(true);
      expect(await kb.holds(beliefChain(chain, at("treasure", "room_9")))).toBe(false);
    });

    test("getBeliefState lists what an agent believes, nested and keyed", async () => {
      const s = await kb.getBeliefState("agent_0");
      expect(s.agent).toBe("agent_0");
      expect(s.beliefs.map(String).sort()).toEqual([
        "at(treasure,room_1)",
        "believes(agent_1,at(treasure,room_2))"
      ]);
      const entries = s.entries.map((e) => `${e.chain.join("/")}:${e.fact}`).sort();
      expect(entries).toEqual([
        "agent_0/agent_1:at(treasure,room_2)",
        "agent_0:at(treasure,room_1)"
      ]);
    });

    test("EpistemicQuery asks nested questions", async () => {
      const q = EpistemicQuery.of(["agent_0", "agent_1"], "at(treasure, L)");
      expect(q.depth).toBe(2);
      expect(q.toString()).toBe("believes(agent_0,believes(agent_1,at(treasure,L)))");
      expect(await q.run(kb)).toEqual([{ L: "room_2" }]);
      expect(await EpistemicQuery.parse("believes(agent_1, at(treasure, room_3))").holds(kb)).toBe(
        true
      );
    });

    test("retractBelief removes exactly one belief", async () => {
      await kb.addBelief("agent_5", "at(treasure, room_1)");
      expect(await kb.retractBelief("agent_5", "at(treasure, room_1)")).toBe(true);
      expect(await kb.retractBelief("agent_5", "at(treasure, room_1)")).toBe(false);
      expect(await kb.holds("believes(agent_0, at(treasure, room_1))")).toBe(true);
    });

    test("a belief about an undeclared predicate declares it", async () => {
      expect(await kb.addBelief("agent_6", "shade(treasure, gold)")).toBe(true);
      expect(kb.predicates()).toContainEqual({ name: "shade", arity: 2 });
      expect(await kb.query("believes(agent_6, shade(treasure, S))")).toEqual([{ S: "gold" }]);
      expect(await kb.retractBelief("agent_6", "shade(treasure, gold)")).toBe(true);
    });
  });

  describe(`${backend}: rules`, () => {
    test("the false-belief rule finds deceived agents", async () => {
      await kb.addRule("deceived(A, O) :- believes(A, at(O, L)), at(O, L2), L \\= L2");
      const d = (await kb.query("deceived(A, treasure)")).map((b) => b.A);
      expect(d).toEqual(["agent_0"]);
    });

    test("second-order false belief: A thinks B is wrong where B is right", async () => {
      await kb.addRule(
        "thinks_wrong(A, B, O) :- believes(A, believes(B, at(O, L))), believes(B, at(O, L2)), L \\= L2"
      );
      expect(await kb.query("thinks_wrong(A, B, O)")).toEqual([
        { A: "agent_0", B: "agent_1", O: "treasure" }
      ]);
    });

    test("negation and arithmetic in rule bodies", async () => {
      await kb.addRule(
        "unknown_location(A) :- believes(A, at(treasure, room_3)), \\+ believes(A, at(treasure, room_1))"
      );
      expect((await kb.query("unknown_location(A)")).map((b) => b.A)).toEqual(["agent_1"]);
      await kb.addRule("heavy(O) :- weight(O, W), W2 is W * 2, W2 > 5");
      expect(await kb.query("heavy(O)")).toEqual([{ O: "marble" }]);
    });

    test("recursive rules work", async () => {
      await kb.addPredicate({ name: "edge", arity: 2 });
      await kb.load("edge(r1, r2). edge(r2, r3). edge(r3, r4).");
      await kb.addRule("path(X, Y) :- edge(X, Y)");
      await kb.addRule("path(X, Y) :- edge(X, Z), path(Z, Y)");
      expect((await kb.query("path(r1, Y)")).map((b) => b.Y).sort()).toEqual(["r2", "r3", "r4"]);
    });

    test("a believes/2 rule derives beliefs that queries and getBeliefState see", async () => {
      await kb.addPredicate({ name: "sees", arity: 2 });
      await kb.assertFact("sees(agent_9, treasure)");
      await kb.addRule("believes(A, at(O, L)) :- sees(A, O), at(O, L)");
      expect(await kb.query("believes(agent_9, at(treasure, L))")).toEqual([{ L: "room_3" }]);
      const state = await kb.getBeliefState("agent_9");
      expect(state.beliefs.map(String)).toEqual(["at(treasure,room_3)"]);
      expect(await kb.retractRule("believes(A, at(O, L)) :- sees(A, O), at(O, L)")).toBe(true);
      expect(await kb.holds("believes(agent_9, at(treasure, room_3))")).toBe(false);
      await kb.retractFact("sees(agent_9, treasure)");
    });

    test("retractRule removes a rule", async () => {
      await kb.addRule("tmp_rule(x) :- room(kitchen)");
      expect(await kb.holds("tmp_rule(x)")).toBe(true);
      expect(await kb.retractRule("tmp_rule(x) :- room(kitchen)")).toBe(true);
      expect(await kb.holds("tmp_rule(x)")).toBe(false);
    });

    test("a rule body using an undeclared predicate is refused with its name", async () => {
      const before = await fingerprint(kb);
      await expect(kb.addRule("bad(X) :- nosuch(X, Y)")).rejects.toThrow(
        /unknown predicate nosuch\/2/
      );
      expect(await fingerprint(kb)).toBe(before);
    });
  });

  describe(`${backend}: batches`, () => {
    test("updates and queries run together and report per operation", async () => {
      const r = await kb.batch([
        { op: "retract", fact: "at(treasure, room_3)" },
        { op: "assert", fact: "at(treasure, room_1)" },
        { op: "addBelief", agent: "agent_7", belief: "at(treasure, room_1)" },
        { op: "holds", query: "at(treasure, room_1)" },
        { op: "query", query: "deceived(A, treasure)" },
        { op: "retractBelief", agent: "agent_7", belief: "at(treasure, room_1)" }
      ]);
      expect(r[0]).toBe(true);
      expect(r[1]).toBe(true);
      expect(r[2]).toBe(true);
      expect(r[3]).toBe(true);
      // agent_1 believed room_3, now wrong; agent_0 believed room_1, now right
      expect((r[4] as Array<{ A: string }>).map((b) => b.A)).toEqual(["agent_1"]);
      expect(r[5]).toBe(true);
      await kb.batch([
        { op: "retract", fact: "at(treasure, room_1)" },
        { op: "assert", fact: "at(treasure, room_3)" }
      ]);
    });

    test("one invalid operation rejects the whole batch before anything runs", async () => {
      const before = await fingerprint(kb);
      await expect(
        kb.batch([
          { op: "assert", fact: "at(ring, hall)" },
          { op: "assert", fact: "at(ring, hall" }
        ])
      ).rejects.toThrow(PrologSyntaxError);
      expect(await fingerprint(kb)).toBe(before);
    });

    test("a batch follows its operations in order (set semantics for additions)", async () => {
      const r = await kb.batch([
        { op: "addBelief", agent: "agent_8", belief: "at(treasure, room_2)" },
        { op: "addBelief", agent: "agent_8", belief: "at(treasure, room_2)" },
        { op: "retractBelief", agent: "agent_8", belief: "at(treasure, room_2)" },
        { op: "addBelief", agent: "agent_8", belief: "at(treasure, room_2)" },
        { op: "query", query: "believes(agent_8, X)" },
        { op: "retractBelief", agent: "agent_8", belief: "at(treasure, room_2)" },
        { op: "holds", query: "believes(agent_8, X)" }
      ]);
      expect(r).toEqual([true, false, true, true, [{ X: expect.anything() }], true, false]);
      const loaded = await kb.load("at(ring, hall). at(ring, hall). at(treasure, room_3).");
      expect(loaded.facts).toBe(1);
      expect(await kb.retractFact("at(ring, hall)")).toBe(true);
      expect(await kb.holds("at(ring, hall)")).toBe(false);
    });

    test("holdsMany answers many ground queries in one call", async () => {
      const qs = [
        "at(treasure, room_3)",
        "at(treasure, room_1)",
        "believes(agent_1, at(treasure, room_3))"
      ];
      expect(await kb.holdsMany(qs)).toEqual([true, false, true]);
    });
  });

  describe(`${backend}: load, save and snapshots`, () => {
    test("save writes Prolog text that load reads back into an equal store", async () => {
      const text = await kb.save();
      const other = await BeliefStore.create({ backend });
      try {
        await other.load(text);
        expect(await other.save()).toBe(text);
        expect(await other.query("deceived(A, O)")).toEqual(await kb.query("deceived(A, O)"));
      } finally {
        await other.close();
      }
    });

    test("load reads the operator form of dynamic declarations, as SWI-Prolog writes them", async () => {
      const other = await BeliefStore.create({ backend });
      try {
        await other.load(":- dynamic lamp/1, colour/2.\nlamp(on).\n");
        expect(other.predicates()).toEqual([
          { name: "lamp", arity: 1 },
          { name: "colour", arity: 2 }
        ]);
        expect(await other.query("lamp(S)")).toEqual([{ S: "on" }]);
      } finally {
        await other.close();
      }
    });

    test("arities sort as numbers: p/2 before p/10 in predicates(), data(), save() and snapshots", async () => {
      const other = await BeliefStore.create({ backend });
      try {
        for (const arity of [10, 2, 1]) await other.addPredicate({ name: "p", arity });
        const expected = [1, 2, 10].map((arity) => ({ name: "p", arity }));
        expect(other.predicates()).toEqual(expected);
        expect(other.data().predicates).toEqual(expected);
        await other.snapshot(0);
        expect(other.getSnapshot(0).predicates).toEqual(expected);
        expect((await other.save()).match(/dynamic\(p\/\d+\)/g)).toEqual([
          "dynamic(p/1)",
          "dynamic(p/2)",
          "dynamic(p/10)"
        ]);
      } finally {
        await other.close();
      }
    });

    test("load refuses directives other than dynamic/1 and adds nothing", async () => {
      const before = await fingerprint(kb);
      await expect(kb.load("at(ring, hall).\n:- initialization(halt).")).rejects.toThrow(
        /directive .* is not accepted/
      );
      await expect(kb.load("at(ring, hall).\nat(ring, ")).rejects.toThrow(/line 2/);
      expect(await fingerprint(kb)).toBe(before);
    });

    test("snapshots per time step: list, read, restore, query the past", async () => {
      await kb.snapshot(0);
      await kb.retractFact("at(treasure, room_3)");
      await kb.assertFact("at(treasure, room_2)");
      await kb.snapshot(1);
      expect(kb.snapshotTimes()).toEqual([0, 1]);
      expect(kb.getSnapshot(0).facts.map(String)).toContain("at(treasure,room_3)");
      expect(kb.getSnapshot(1).facts.map(String)).not.toContain("at(treasure,room_3)");
      const past = await kb.atTime(0);
      try {
        expect(await past.holds("at(treasure, room_3)")).toBe(true);
        expect((await past.query("deceived(A, treasure)")).map((b) => b.A)).toEqual(["agent_0"]);
      } finally {
        await past.close();
      }
      await kb.restore(0);
      expect(await kb.holds("at(treasure, room_3)")).toBe(true);
      expect(await kb.holds("at(treasure, room_2)")).toBe(false);
      expect(() => kb.getSnapshot(7)).toThrow(/no snapshot at time 7/);
    });
  });

  describe(`${backend}: limits`, () => {
    test("an infinitely recursive rule stops at a limit with a clear error; the store keeps working", async () => {
      await kb.addPredicate({ name: "n", arity: 1 });
      await kb.assertFact("n(0)");
      await kb.addRule("loop(X) :- loop(X)");
      await kb.addRule("count_up(Y) :- n(X), Y is X + 1");
      await kb.addRule("n_up(Y) :- n_up(X), Y is X + 1");
      await kb.addRule("n_up(0) :- true");
      const err = caps.prolog ? kb.query("loop(a)") : kb.query("n_up(Y)");
      await expect(err).rejects.toThrow(LimitExceededError);
      await expect(caps.prolog ? kb.query("loop(a)") : kb.query("n_up(Y)")).rejects.toThrow(
        caps.prolog ? /inference limit of 2000000/ : /time limit of 3000 ms/
      );
      if (!caps.prolog) {
        // clingo grounds the whole program for every query: a non-terminating rule must go first
        expect(await kb.retractRule("n_up(Y) :- n_up(X), Y is X + 1")).toBe(true);
      }
      expect(await kb.holds("at(treasure, room_3)")).toBe(true);
      expect(await kb.query("count_up(Y)")).toEqual([{ Y: 1 }]);
      await kb.retractRule("loop(X) :- loop(X)");
      await kb.retractRule("n_up(Y) :- n_up(X), Y is X + 1");
    }, 30_000);

    if (caps.prolog) {
      test("the time limit stops a long query even with a huge inference budget", async () => {
        const slow = await BeliefStore.create({
          backend,
          limits: { inferences: 1e12, timeMs: 300 }
        });
        try {
          await slow.addPredicate({ name: "at", arity: 2 });
          await slow.assertFact("at(marble, box)");
          await slow.addBelief("sally", "at(marble, basket)");
          await slow.addRule("spin(X) :- spin(X)");
          const t0 = Date.now();
          await expect(slow.query("spin(a)")).rejects.toThrow(/time limit of 300 ms/);
          expect(Date.now() - t0).toBeLessThan(5000);
          // whatever stopped the query (in-engine alarm, or a host timeout that restarted the
          // engine and replayed the KB), the store still holds everything it held before
          expect(await slow.holds("at(marble, box)")).toBe(true);
          expect(await slow.query("believes(sally, at(marble, L))")).toEqual([{ L: "basket" }]);
          await slow.addPredicate({ name: "ok", arity: 0 });
          await slow.assertFact("ok");
          expect(await slow.holds("ok")).toBe(true);
        } finally {
          await slow.close();
        }
      }, 30_000);
    }
  });

  describe(`${backend}: hostile input gets a clear error and changes nothing`, () => {
    const deep = `at(${"f(".repeat(5000)}x${")".repeat(5000)}, y)`;
    const corpus: Array<[string, (kb: BeliefStore) => Promise<unknown>, RegExp]> = [
      [
        "quote injection in a fact",
        (k) => k.assertFact("at(marble, 'box'), halt"),
        /a fact is one atom or compound term, not a , construct/
      ],
      [
        "clause-end injection",
        (k) => k.assertFact("at(marble, box). halt. at(x, y)"),
        /syntax error at line 1, column 18: expected end of the term/
      ],
      ["unbalanced quote", (k) => k.assertFact("at(marble, 'box)"), /unterminated quoted atom/],
      ["directive as a fact", (k) => k.assertFact(":- halt"), /directives are not facts/],
      ["halt as a fact", (k) => k.assertFact("halt"), /cannot declare halt\/0/],
      ["declare halt", (k) => k.addPredicate({ name: "halt", arity: 0 }), /cannot declare halt\/0/],
      [
        "declare shell",
        (k) => k.addPredicate({ name: "shell", arity: 1 }),
        /cannot declare shell\/1/
      ],
      [
        "declare an internal name",
        (k) => k.addPredicate({ name: "$pwmk_bel", arity: 5 }),
        /internal/
      ],
      ["shell in a query", (k) => k.query("shell('rm -rf /')"), /shell\/1 is not callable/],
      ["shell through call/2", (k) => k.query("call(shell, ls)"), /shell\/1 is not callable/],
      [
        "halt inside findall",
        (k) => k.query("findall(X, (at(X, Y), halt), L)"),
        /halt\/0 is not callable/
      ],
      [
        "assert inside a query",
        (k) => k.query("\\+ \\+ assertz(at(evil, x))"),
        /assertz\/1 is not callable/
      ],
      [
        "catch to escape limits",
        (k) => k.query("catch(loop(a), _, true)"),
        /catch\/3 is not callable/
      ],
      ["consult a file", (k) => k.query("consult('/etc/passwd')"), /consult\/1 is not callable/],
      ["op/3", (k) => k.query("op(700, xfx, ===)"), /op\/3 is not callable/],
      [
        "set_prolog_flag",
        (k) => k.query("set_prolog_flag(unknown, fail)"),
        /set_prolog_flag\/2 is not callable/
      ],
      ["internal predicate", (k) => k.query("'$pwmk_bel'(K, C, A, Ch, F)"), /internal predicate/],
      ["bare variable query", (k) => k.query("X"), /bare variable/],
      [
        "directive rule",
        (k) => k.addRule(":- initialization(halt)"),
        /directives .* are not accepted/
      ],
      [
        "shell in a rule body",
        (k) => k.addRule("at(X, Y) :- shell(ls)"),
        /shell\/1 is not callable/
      ],
      [
        "file I/O in a rule body",
        (k) => k.addRule("evil :- open('/etc/passwd', read, S)"),
        /open\/3 is not callable/
      ],
      ["redefine assertz", (k) => k.addRule("assertz(x) :- true"), /cannot declare assertz\/1/],
      ["redefine member", (k) => k.addRule("member(X, Y) :- true"), /cannot declare member\/2/],
      [
        "injection in a belief",
        (k) => k.addBelief("sally", "believes(x), halt, (y"),
        /syntax error/
      ],
      [
        "conjunction as a belief",
        (k) => k.addBelief("sally", "(at(marble, box), halt)"),
        /unknown predicate ,\/2|not a , construct|unknown predicate/
      ],
      ["variable agent", (k) => k.addBelief(v("A"), "at(marble, box)"), /an agent must be an atom/],
      [
        "load with a shell directive",
        (k) => k.load("at(a, b).\n:- initialization(shell('rm -rf /')))."),
        /syntax error|not accepted/
      ],
      ["deep nesting", (k) => k.assertFact(deep), /nesting deeper than the limit of 256/],
      [
        "deep term built in code",
        (k) =>
          k.addBelief(
            "a",
            beliefChain(
              Array.from({ length: 400 }, (_, i) => `a${i}`),
              at("x", "y")
            )
          ),
        /exceeds limits.maxDepth 256/
      ],
      [
        "huge atom",
        (k) => k.assertFact(`at('${"a".repeat(100_000)}', x)`),
        /exceeds the limit of 65536/
      ],
      [
        "huge input",
        (k) => k.query(`at(X, Y)${", at(X, Y)".repeat(200_000)}`),
        /exceeds the limit of 1000000/
      ],
      ["fullwidth comma", (k) => k.assertFact("at(marble\uFF0C box)"), /unexpected character/],
      ["NUL byte", (k) => k.assertFact("at(marble, box)\u0000halt"), /unexpected character/],
      ["right-to-left override", (k) => k.assertFact("\u202Ehalt"), /unexpected character/],
      ["a number as a fact", (k) => k.assertFact("42"), /not a fact/],
      ["a non-term input", (k) => k.assertFact(undefined as never), /expects Prolog text or a Term/]
    ];

    let before = "";
    beforeAll(async () => {
      before = await fingerprint(kb);
    });

    test.each(corpus)("%s", async (_name, attempt, message) => {
      let error: unknown;
      try {
        await attempt(kb);
      } catch (e) {
        error = e;
      }
      expect(error).toBeDefined();
      expect(error instanceof BeliefStoreError || error instanceof TermError).toBe(true);
      expect((error as Error).message).toMatch(message);
      expect(await fingerprint(kb)).toBe(before);
    });

    test("an agent name with quotes is stored as that exact atom, never executed", async () => {
      const name = "sally'), halt, assertz(x), ('";
      if (!caps.prolog) {
        await expect(kb.addBelief(name, "at(marble, box)")).rejects.toThrow(UnsupportedError);
        return;
      }
      expect(await kb.addBelief(name, "at(marble, box)")).toBe(true);
      const who = (await kb.query("believes(A, at(marble, box))")).map((b) => b.A);
      expect(who).toContain(name);
      expect(await kb.retractBelief(name, "at(marble, box)")).toBe(true);
      expect(await fingerprint(kb)).toBe(before);
    });
  });

  if (caps.prolog) {
    describe(`${backend}: Prolog features`, () => {
      test("meta-calls on declared predicates run; on others they are refused at run time", async () => {
        expect(await kb.query("G = room(R), call(G), R == kitchen")).toHaveLength(1);
        await expect(kb.query("G = halt, call(G)")).rejects.toThrow(SandboxError);
        const [found] = await kb.query("findall(R, room(R), L), length(L, N)");
        expect(found.N).toBe(3);
        expect([...(found.L as string[])].sort()).toEqual(["garden", "hall", "kitchen"]);
      });

      test("a long list is one level of nesting: 5,000 items store, query and round-trip", async () => {
        const items = Array.from({ length: 5000 }, (_, i) => i);
        await kb.addPredicate({ name: "readings", arity: 2 });
        await kb.assertFact(`readings(sensor_1, [${items.join(",")}])`);
        await kb.addBelief("sally", `readings(sensor_1, [${items.join(",")}])`);
        const [row] = await kb.query("readings(sensor_1, L)");
        expect(row.L).toEqual(items);
        const [believed] = await kb.query("believes(sally, readings(sensor_1, L))");
        expect(believed.L).toEqual(items);
        expect(await kb.retractFact(`readings(sensor_1, [${items.join(",")}])`)).toBe(true);
        expect(await kb.retractBelief("sally", `readings(sensor_1, [${items.join(",")}])`)).toBe(
          true
        );
      });

      test("unicode atoms and strings round-trip", async () => {
        await kb.addPredicate({ name: "name_of", arity: 2 });
        await kb.assertFact("name_of(treasure, '宝物 ✨')");
        expect(await kb.query("name_of(treasure, N)")).toEqual([{ N: "宝物 ✨" }]);
      });

      test("every safe built-in is callable, string_to_atom/2 included", async () => {
        expect(await kb.query('string_to_atom("halt", A)')).toEqual([{ A: "halt" }]);
      });

      test("a cyclic answer is a clear error and the store keeps working", async () => {
        await expect(kb.query("X = f(Y), Y = X")).rejects.toThrow(/cyclic term/);
        expect(await kb.holds("room(kitchen)")).toBe(true);
      });

      test("atoms with NUL and bidirectional controls round-trip through the engine", async () => {
        for (const name of ["nul\u0000byte", "rtl\u202Eevil"]) {
          await kb.assertFact(pred("name_of")("odd", name));
          expect(await kb.query(pred("name_of")("odd", v("N")))).toEqual([{ N: name }]);
          expect(await kb.retractFact(pred("name_of")("odd", name))).toBe(true);
        }
      });

      test("an unpaired surrogate is refused before the store changes", async () => {
        const before = await fingerprint(kb);
        await expect(kb.addBelief("sally", at("x\uD800", "box"))).rejects.toThrow(
          /unpaired UTF-16 surrogate/
        );
        expect(await fingerprint(kb)).toBe(before);
      });

      test("an answer the host cannot read is an engine error, not a syntax error", async () => {
        // a lone surrogate code point: SWI 10 refuses to build it, SWI 9 builds it and writes it
        await expect(kb.query("atom_codes(A, [55296])")).rejects.toThrow(EngineError);
        expect(await kb.holds("room(kitchen)")).toBe(true);
      });

      test("declaring a library predicate is refused", async () => {
        await expect(kb.addPredicate({ name: "format", arity: 2 })).rejects.toThrow(
          /cannot declare format\/2/
        );
      });
    });
  } else {
    describe(`${backend}: unsupported operations name the backend`, () => {
      test("disjunction, meta-calls and floats", async () => {
        await expect(kb.query("room(R) ; at(R, X)")).rejects.toThrow(
          /the clingo backend does not support ;\/2/
        );
        await expect(kb.query("findall(R, room(R), L)")).rejects.toThrow(
          /clingo backend does not support findall\/3/
        );
        // a Prolog built-in must not reach clingo as an undefined atom that silently fails
        await expect(kb.query("room(R), atom_length(R, N)")).rejects.toThrow(
          /clingo backend does not support the built-in atom_length\/2/
        );
        await expect(kb.addRule("short_room(R) :- room(R), between(1, 3, R)")).rejects.toThrow(
          /clingo backend does not support the built-in between\/3/
        );
        expect(await kb.query("room(R), fail")).toEqual([]);
        // an unsafe rule is refused when added (it would make every later query fail to ground)
        await expect(kb.addRule("unlit(R) :- \\+ at(R, lamp)")).rejects.toThrow(
          /unsafe variable R \(in ASP every variable/
        );
        await expect(kb.load("far(X, Y) :- room(X).")).rejects.toThrow(/unsafe variable Y/);
        expect(await kb.query("room(kitchen)")).toEqual([{}]);
        // a batch with an op clingo cannot express runs none of its ops
        const before = await fingerprint(kb);
        await expect(
          kb.batch([
            { op: "assert", fact: "at(marble, cellar)" },
            { op: "assert", fact: "at(marble, 'Cellar')" }
          ])
        ).rejects.toThrow(/clingo backend does not support the atom 'Cellar'/);
        expect(await fingerprint(kb)).toBe(before);
        await kb.addPredicate({ name: "price", arity: 2 });
        await expect(kb.assertFact("price(marble, 1.5)")).rejects.toThrow(
          /clingo backend does not support the number 1.5/
        );
      });
    });
  }
}
