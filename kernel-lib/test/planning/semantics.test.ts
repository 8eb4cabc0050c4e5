import { F } from "../../src/epistemic/formula";
import { resolveFormula } from "../../src/epistemic/formula-eval";
import { KripkeModel } from "../../src/epistemic/kripke-model";
import { canonicalKey, parseMAStar, validatePlan } from "../../src/planning";
import { compileProblem, type PlanningProblem } from "../../src/planning/problem";
import { holdsAt, initialState, progress } from "../../src/planning/state";

// a looks at the coin; b watches a (partial) or not (oblivious); c never watches.
const text = (bWatches: boolean) => `
fluent tail, watching(b);
action peek, tell, flip;
agent a, b, c;
peek determines tail;
a observes peek;
b aware_of peek if watching(b);
executable tell if B(a, tail);
tell announces tail;
a observes tell;
b observes tell if watching(b);
flip causes tail if -tail;
flip causes -tail if tail;
a observes flip;
b observes flip;
initially tail, ${bWatches ? "" : "-"}watching(b);
initially C([a,b,c], ${bWatches ? "" : "-"}watching(b));
goal B(a, tail);
`;

function after(problem: PlanningProblem, plan: string[]) {
  let s = initialState(problem);
  for (const name of plan)
    s = progress(
      problem,
      s,
      problem.actions.find((a) => a.name === name)!
    )!;
  return (phi: string) => {
    const fake = compileProblem(parseMAStar(text(true).replace(/goal .*;/, `goal ${phi};`)));
    return holdsAt(s.model, resolveFormula(fake.goal, problem.vocabulary));
  };
}

describe("mA* actions on epistemic states", () => {
  it("sensing: the full observer learns the value; a partial observer learns only that it was learned", () => {
    const holds = after(compileProblem(parseMAStar(text(true))), ["peek"]);
    expect(holds("B(a, tail)")).toBe(true);
    expect(holds("B(b, tail)")).toBe(false);
    expect(holds("B(b, -tail)")).toBe(false);
    expect(holds("B(b, B(a, tail) | B(a, -tail))")).toBe(true);
    // c, oblivious, still thinks nobody knows
    expect(holds("B(c, (-B(a, tail)), (-B(a, -tail)))")).toBe(true);
  });

  it("sensing with b oblivious leaves b's picture unchanged", () => {
    const holds = after(compileProblem(parseMAStar(text(false))), ["peek"]);
    expect(holds("B(a, tail)")).toBe(true);
    expect(holds("B(b, (-B(a, tail)), (-B(a, -tail)))")).toBe(true);
  });

  it("announcement: full listeners believe the claim and that the speaker does; the oblivious do not", () => {
    const holds = after(compileProblem(parseMAStar(text(true))), ["peek", "tell"]);
    expect(holds("B(b, tail)")).toBe(true);
    expect(holds("B(b, B(a, tail))")).toBe(true);
    expect(holds("C([a, b], tail)")).toBe(true);
    expect(holds("B(c, tail) | B(c, -tail)")).toBe(false);
    expect(holds("C([a, b, c], tail)")).toBe(false);
  });

  it("an announcement of something false is not executable", () => {
    const problem = compileProblem(
      parseMAStar(text(true).replace("initially tail,", "initially -tail,"))
    );
    const check = validatePlan(["peek", "tell"], problem);
    expect(check.valid).toBe(false);
    expect(check.reason).toMatch(/step 2: "tell" is not executable/);
  });

  it("conditional effects apply world by world: flipping an unknown coin reveals nothing", () => {
    const holds = after(compileProblem(parseMAStar(text(true))), ["flip"]);
    expect(holds("-tail")).toBe(true);
    expect(holds("B(a, tail) | B(a, -tail)")).toBe(false);
    const known = after(compileProblem(parseMAStar(text(true))), ["peek", "flip"]);
    expect(known("B(a, -tail)")).toBe(true);
  });

  it("bisimilar states get the same key, different ones different keys", () => {
    const problem = compileProblem(parseMAStar(text(true)));
    const s = progress(problem, initialState(problem), problem.actions[0])!.model;
    // the same model with its worlds in reverse order and a duplicated world
    const W = s.size;
    const perm = Array.from({ length: W }, (_, i) => W - 1 - i);
    const worlds = [...perm.map((w) => s.worlds[w]), s.worlds[s.actual]];
    const inv = new Map(perm.map((w, i) => [w, i]));
    const copyOfActual = W;
    const clusterOf = s.clusterOf.map((of) =>
      Int32Array.from([...perm.map((w) => of[w]), of[s.actual]])
    );
    const clusters = s.clusters.map((cs) => cs.map((members) => members.map((m) => inv.get(m)!)));
    const shuffled = new KripkeModel(worlds, clusterOf, clusters, copyOfActual);
    expect(canonicalKey(shuffled)).toBe(canonicalKey(s));
    expect(canonicalKey(initialState(problem).model)).not.toBe(canonicalKey(s));
  });

  it("the goal formula language covers B, C, negation, conjunction and disjunction", () => {
    const problem = compileProblem(parseMAStar(text(true)));
    expect(problem.goal).toEqual(F.B("a", F.eq("tail", true)));
  });
});
