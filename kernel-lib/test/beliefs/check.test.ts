/**
 * Input checking needs no engine: these specify how user input becomes engine operations.
 */
import type { EngineCapabilities } from "../../src/beliefs/backends/engine";
import { Declarations, InputChecker } from "../../src/beliefs/check";
import {
  ArityMismatchError,
  SandboxError,
  UnknownPredicateError,
  UnsupportedError
} from "../../src/beliefs/errors";
import { planLoad } from "../../src/beliefs/loader";
import { DEFAULT_LIMITS, resolveLimits } from "../../src/beliefs/types";
import { parseTerm } from "../../src/terms";

const PROLOG: EngineCapabilities = {
  answerSets: false,
  timeLimit: "host",
  inferenceLimit: true,
  negation: true,
  disjunction: true,
  metaCalls: true,
  builtins: true,
  lists: true,
  floats: true
};
const ASP: EngineCapabilities = {
  ...PROLOG,
  answerSets: true,
  inferenceLimit: false,
  disjunction: false,
  metaCalls: false,
  builtins: false,
  lists: false,
  floats: false
};

function checker(
  declared: Record<string, number[]> = { at: [2] },
  capabilities = PROLOG,
  version = { n: 0 }
): InputChecker {
  return new InputChecker({
    limits: DEFAULT_LIMITS,
    backend: capabilities === PROLOG ? "swipl" : "clingo",
    capabilities,
    declared: (name) => declared[name] ?? [],
    declarationsVersion: () => version.n
  });
}

describe("limits", () => {
  test("overrides are checked, and an unknown limit is named", () => {
    expect(resolveLimits({ timeMs: 1000 }).timeMs).toBe(1000);
    expect(() => resolveLimits({ timeMs: 0 })).toThrow(/limits.timeMs must be a positive number/);
    expect(() => resolveLimits({ maxDepth: 901 })).toThrow(/limits.maxDepth must be at most 900/);
    expect(() => resolveLimits({ timeout: 5 } as never)).toThrow(/unknown limit limits.timeout/);
  });
});

describe("facts: an assert declares a new predicate, as Prolog's assert does", () => {
  test("a fact of an undeclared name plans its declaration before the add", () => {
    const plan = new Declarations();
    const op = checker().fact("colour(marble, red)", true, plan);
    expect(plan.list).toEqual([{ name: "colour", arity: 2 }]);
    expect(op.op).toBe("addFacts");
  });

  test("a declared name with another arity is a mismatch, not a new predicate", () => {
    expect(() => checker().fact("at(marble)", true, new Declarations())).toThrow(
      ArityMismatchError
    );
  });

  test("retracting from, or querying, an unknown predicate names it", () => {
    expect(() => checker().fact("colour(marble, red)", false, new Declarations())).toThrow(
      UnknownPredicateError
    );
    expect(() => checker().query("colour(X, Y)", undefined, 0, "query")).toThrow(
      /unknown predicate colour\/2 in query/
    );
  });

  test("a name that cannot be a user predicate is refused, and nothing is planned", () => {
    for (const text of ["halt", "assertz(x)", "member(a, b)", "'$pwmk_bel'(a)"]) {
      const plan = new Declarations();
      expect(() => checker().fact(text, true, plan)).toThrow(SandboxError);
      expect(plan.list).toEqual([]);
    }
  });

  test("control constructs, variables and clauses are not facts", () => {
    const plan = new Declarations();
    expect(() => checker().fact("(at(a, b), halt)", true, plan)).toThrow(/not a , construct/);
    expect(() => checker().fact("at(a, X)", true, plan)).toThrow(/must be ground/);
    expect(() => checker().fact("at(a, b) :- true", true, plan)).toThrow(/use addRule/);
  });

  test("a belief declares its innermost fact's predicate", () => {
    const plan = new Declarations();
    const op = checker().belief("anne", "believes(sally, colour(marble, red))", true, plan);
    expect(plan.list).toEqual([{ name: "colour", arity: 2 }]);
    expect(op.op).toBe("addBeliefs");
  });

  test("later operations of a batch see what earlier ones declare", () => {
    const plan = new Declarations();
    const c = checker();
    c.batchOp({ op: "assert", fact: "colour(marble, red)" }, "batch[0]", plan);
    const q = c.batchOp({ op: "holds", query: "colour(marble, C)" }, "batch[1]", plan);
    expect(q.op).toBe("holds");
    expect(plan.list).toHaveLength(1);
  });
});

describe("queries", () => {
  test("a query becomes a sandboxed goal with its reported variables", () => {
    const op = checker().query("at(O, L), _Hidden = 1", 5, 2, "query");
    expect(op).toMatchObject({ op: "query", vars: ["O", "L"], limit: 5, offset: 2 });
  });

  test("the sandbox refuses what a query must not run", () => {
    expect(() => checker().query("shell(ls)", undefined, 0, "query")).toThrow(SandboxError);
    expect(() => checker().query("X", undefined, 0, "query")).toThrow(/bare variable/);
    expect(() => checker().query("at(a, b)", -1, 0, "query")).toThrow(/limit must be/);
  });

  test("a query text asked again is served from the cache until the declarations change", () => {
    const declared: Record<string, number[]> = { at: [2] };
    const version = { n: 0 };
    const c = checker(declared, PROLOG, version);
    const first = c.holds(["at(marble, box)"], "holds");
    expect(c.holds(["at(marble, box)"], "holds").goals[0]).toBe(first.goals[0]);
    expect(() => c.holds(["colour(marble)"], "holds")).toThrow(UnknownPredicateError);
    declared.colour = [1];
    version.n++;
    expect(c.holds(["colour(marble)"], "holds").goals).toHaveLength(1);
    // a cached answer never outlives a declaration it relied on
    delete declared.at;
    version.n++;
    expect(() => c.holds(["at(marble, box)"], "holds")).toThrow(UnknownPredicateError);
  });
});

describe("capabilities: what the engine lacks is refused naming the capability and backend", () => {
  const asp = (): InputChecker => checker({ room: [1], at: [2] }, ASP);

  test.each([
    ["room(R) ; at(R, x)", "disjunction", /clingo backend does not support ;\/2/],
    ["findall(R, room(R), L)", "metaCalls", /does not support findall\/3/],
    ["room(R), atom_length(R, N)", "builtins", /the built-in atom_length\/2/],
    ["at(x, [a, b])", "lists", /lists such as/],
    ["at(x, 1.5)", "floats", /the number 1.5/]
  ])("%s needs %s", (text, capability, message) => {
    let error: unknown;
    try {
      asp().query(text, undefined, 0, "query");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsupportedError);
    expect((error as UnsupportedError).capability).toBe(capability);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(`[capability ${capability}]`);
  });

  test("comparison, arithmetic and negation pass on an engine without the Prolog built-ins", () => {
    expect(() =>
      asp().rule(
        parseTerm("far(R) :- room(R), \\+ at(x, R), N is 2 + 3, N > 4"),
        "addRule",
        new Declarations()
      )
    ).not.toThrow();
  });

  test("the same goals pass where the engine has the capabilities", () => {
    expect(() =>
      checker({ room: [1], at: [2] }).query(
        "findall(R, room(R), L), length(L, N)",
        undefined,
        0,
        "q"
      )
    ).not.toThrow();
  });
});

describe("load", () => {
  test("declarations, facts, beliefs and rules are planned; duplicates load once", () => {
    const plan = planLoad(
      ":- dynamic(lamp/1).\nat(ring, hall). at(ring, hall).\nbelieves(sally, colour(ring, gold)).\nlit(X) :- lamp(X).",
      checker()
    );
    expect(plan.declarations.list).toEqual([
      { name: "lamp", arity: 1 },
      { name: "colour", arity: 2 },
      { name: "lit", arity: 1 }
    ]);
    expect(plan.facts.map(String)).toEqual(["at(ring,hall)"]);
    expect(plan.beliefs).toHaveLength(1);
    expect(plan.rules).toHaveLength(1);
  });

  test("a directive other than dynamic/1 is refused naming the clause", () => {
    expect(() => planLoad("at(a, b).\n:- initialization(halt).", checker())).toThrow(
      /load, clause 2: directive .* is not accepted/
    );
  });
});
