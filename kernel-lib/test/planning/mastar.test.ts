import {
  EpistemicPlanner,
  MAStarSyntaxError,
  parseMAStar,
  parseMAStarFormula
} from "../../src/planning";
import { compileProblem } from "../../src/planning/problem";

const COIN = `
% a comment line
fluent tail, opened, looking(b);
action open, peek(a), shout;
agent a, b;
executable peek(a) if opened, B(a, opened);
open causes opened;
a observes open;
b observes open if looking(b);
peek(a) determines tail;
a observes peek(a);
b aware_of peek(a) if looking(b);
executable shout if tail, B(a, tail);
shout announces tail;
a observes shout;
b observes shout if looking(b);
a executes shout;
initially tail, -opened, looking(b);
initially C([a,b], -opened);
initially C([a,b], looking(b));
goal B(a, tail), B(b, B(a, tail) | B(a, -tail));
goal C([a, b], tail);
`;

function errorOf(f: () => unknown): MAStarSyntaxError {
  try {
    f();
  } catch (e) {
    if (e instanceof MAStarSyntaxError) return e;
    throw e;
  }
  throw new Error("expected an MAStarSyntaxError");
}

describe("the mA* reader", () => {
  it("reads declarations, with arguments in names", () => {
    const p = parseMAStar(COIN);
    expect(p.fluents).toEqual(["tail", "opened", "looking(b)"]);
    expect(p.actions).toEqual(["open", "peek(a)", "shout"]);
    expect(p.agents).toEqual(["a", "b"]);
  });

  it("reads each kind of law with its condition", () => {
    const laws = parseMAStar(COIN).laws;
    const kinds = laws.map((l) => l.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        "executable",
        "causes",
        "determines",
        "announces",
        "observes",
        "aware_of",
        "executes"
      ])
    );
    const aware = laws.find((l) => l.kind === "aware_of")!;
    expect(aware).toMatchObject({
      agent: "b",
      action: "peek(a)",
      condition: { kind: "fluent", name: "looking(b)" }
    });
    const causes = laws.find((l) => l.kind === "causes")!;
    expect(causes).toMatchObject({
      action: "open",
      literals: [{ fluent: "opened", positive: true }]
    });
    expect(causes.at).toEqual({ line: 7, col: 1 });
  });

  it("reads formulas: comma binds tighter than |, - negates, B and C nest", () => {
    const phi = parseMAStarFormula("B(a, tail), (-B(b, -tail)) | C([a, b], opened)");
    expect(phi.kind).toBe("or");
    if (phi.kind !== "or") return;
    expect(phi.args[0].kind).toBe("and");
    expect(phi.args[1]).toMatchObject({
      kind: "C",
      agents: ["a", "b"],
      arg: { kind: "fluent", name: "opened" }
    });
    const and = phi.args[0];
    if (and.kind !== "and") return;
    expect(and.args[1]).toMatchObject({
      kind: "not",
      arg: { kind: "B", agent: "b", arg: { kind: "not" } }
    });
  });

  it("keeps initially and goal statements in order", () => {
    const p = parseMAStar(COIN);
    expect(p.initially).toHaveLength(3);
    expect(p.goals).toHaveLength(2);
  });

  it("points at the line and column of a syntax error", () => {
    const e = errorOf(() => parseMAStar("fluent tail;\nagent a\naction x;"));
    expect(e.line).toBe(3);
    expect(e.col).toBe(1);
    expect(e.message).toMatch(
      /line 3:1: expected ";" at the end of the agent declaration, found "action"/
    );
  });

  it("names an unexpected character", () => {
    const e = errorOf(() => parseMAStar("fluent tail;\ngoal B(a, tail) & x;"));
    expect(e.message).toMatch(/line 2:17: unexpected character "&"/);
  });

  it("refuses unsupported parts of the language by name", () => {
    expect(
      errorOf(() => parseMAStar("agent a;\na has_attitude b wrt c f_trusty;")).message
    ).toMatch(/attitudes .* not supported/);
    expect(errorOf(() => parseMAStar("impossible x if y;")).message).toMatch(
      /line 1:1: impossibility laws/
    );
  });

  it("names an undeclared fluent, agent or action where it is used", () => {
    const base =
      "fluent tail; action peek; agent a; peek determines tail; a observes peek; initially tail;";
    expect(errorOf(() => compileProblem(parseMAStar(`${base}\ngoal B(a, tial);`))).message).toMatch(
      /line 2:11: unknown fluent "tial" \(declared: tail\)/
    );
    expect(errorOf(() => compileProblem(parseMAStar(`${base}\ngoal B(z, tail);`))).message).toMatch(
      /line 2:8: unknown agent "z"/
    );
    expect(
      errorOf(() => compileProblem(parseMAStar(`${base}\na observes look;\ngoal B(a, tail);`)))
        .message
    ).toMatch(/line 2:12: unknown action "look"/);
  });

  it("refuses an initial state that leaves the actual world open, naming the fluents", () => {
    const text =
      "fluent tail, opened; action peek; agent a; peek determines tail; initially tail; goal B(a, tail);";
    expect(errorOf(() => compileProblem(parseMAStar(text))).message).toMatch(
      /undetermined: give a value to opened/
    );
  });

  it("refuses an action given two kinds", () => {
    const text =
      "fluent tail; action peek; agent a; peek determines tail;\npeek causes tail; initially tail; goal tail;";
    expect(errorOf(() => compileProblem(parseMAStar(text))).message).toMatch(
      /line 2:1: action "peek" is already a sensing action/
    );
  });
});

describe("the initial state", () => {
  it("refuses a belief condition it cannot honour, naming its line", () => {
    const text =
      "fluent tail; action peek; agent a, b; peek determines tail; a observes peek;\ninitially tail;\ninitially B(a, tail);\ngoal B(b, tail);";
    expect(errorOf(() => compileProblem(parseMAStar(text))).message).toMatch(
      /line 3:11: this initial condition does not hold/
    );
  });

  it("reads knows-whether under common belief: each agent knows its own secret, not the others'", () => {
    const text = `fluent sa, sb; action x; agent a, b; x causes sa;
      initially sa, -sb;
      initially C([a,b], B(a, sa) | B(a, -sa));
      initially C([a,b], B(b, sb) | B(b, -sb));
      goal B(a, sa);`;
    const problem = compileProblem(parseMAStar(text));
    const r = new EpistemicPlanner().plan({ problem, timeout: 5000 });
    if (r.status !== "solved") throw new Error(`expected a plan: ${r.message}`);
    expect(r.plan).toEqual([]);
    expect(r.beliefTrajectory[0].beliefs).toEqual({
      a: { sa: true, sb: "unknown" },
      b: { sa: "unknown", sb: false }
    });
  });
});
