/**
 * An mA* problem compiled for search: names checked against the declarations, formulas turned
 * into the landed formula language (resolved to indices), actions grouped with their laws, and
 * the initial pointed Kripke model built by the finitary-S5 reading of `initially` that the EFP
 * planners use: every world satisfies the fluent formulas under `C([all agents], ...)`, an agent
 * tells worlds apart only by what it is said to know whether (`C(..., B(i, φ) | B(i, -φ))`), and
 * the plain `initially` fluent formulas pick the actual world.
 *
 * ```ts
 * const problem = compileProblem(parseMAStar(text));
 * problem.actions.map((a) => a.name); // ["open_a", "peek_a", ...]
 * problem.initial.size; // worlds of the initial contracted model
 * ```
 */
import { F, type Formula } from "../epistemic/formula";
import { resolveFormula, type Resolved } from "../epistemic/formula-eval";
import type { KripkeModel } from "../epistemic/kripke-model";
import { Vocabulary } from "../epistemic/vocabulary";
import type { MAFormula, MALiteral, MAStarProblem, SourcePos } from "./mastar/ast";
import { MAStarSyntaxError } from "./mastar/lexer";
import { parseMAStarFormula } from "./mastar/parser";
import { initialModel, objective } from "./initial-state";
import { holdsAt } from "./state";

/**
 * A problem the planner can search: its names, its actions and its initial state.
 *
 * ```ts
 * const p: PlanningProblem = compileProblem(parseMAStar(text));
 * p.goalText; // "B(a, tail = true)"
 * ```
 */
export interface PlanningProblem {
  /** The agents, in declaration order (agent indices refer to it). */
  agents: readonly string[];
  /** The fluents, in declaration order (fluent indices refer to it). */
  fluents: readonly string[];
  /** The compiled actions. */
  actions: readonly PlanningAction[];
  /** The initial pointed model, contracted (its `size` is the number of worlds). */
  initial: KripkeModel;
  /** The goal, as a formula of the landed language (every fluent is Boolean). */
  goal: Formula;
  /** The goal's top-level conjuncts, resolved (the goal-count heuristic counts them). */
  goalParts: readonly Resolved[];
  /** The goal's conjuncts as formulas, in the same order. */
  goalFormulas: readonly Formula[];
  /** Resolves further formulas (e.g. a goal given to plan()) against the problem's names. */
  vocabulary: Vocabulary;
}

/** A conditional effect: when `condition` holds in a world, the fluents take these values there. */
export interface ConditionalEffect {
  /** Evaluated on a world's valuation (0 false, 1 true per fluent). */
  condition: (valuation: Int32Array) => boolean;
  /** `[fluent index, value]` pairs (value 0 false, 1 true) set where the condition holds. */
  assignments: ReadonlyArray<readonly [number, number]>;
}

/**
 * One action with its laws: when it is executable (at the actual world), what it does, and who
 * observes it fully or partially (conditions at the actual world; everyone else is oblivious).
 */
export interface PlanningAction {
  /** The action's name, as declared. */
  name: string;
  /** What it does: changes fluents, lets agents sense them, or announces literals. */
  kind: "ontic" | "sensing" | "announcement";
  /** Conjunction of its executable laws (true when it has none). */
  executable: Resolved;
  /** Ontic: conditional effects, evaluated per world. */
  effects: readonly ConditionalEffect[];
  /** Sensing: the fluents whose values full observers learn. */
  sensed: readonly number[];
  /** Announcement: the literals announced (their conjunction; executable only when true). */
  announced: ReadonlyArray<readonly [number, number]>;
  /** Who observes it (agent index), when (`condition`), and whether only partially. */
  observers: ReadonlyArray<{ agent: number; condition: Resolved; partial: boolean }>;
}

const fail = (message: string, at: SourcePos): never => {
  throw new MAStarSyntaxError(message, at);
};

/** Checks the names used in an mA* problem and compiles it; throws MAStarSyntaxError naming the line. */
export function compileProblem(ast: MAStarProblem): PlanningProblem {
  if (ast.agents.length === 0) fail("no agents declared (write: agent a, b;)", { line: 1, col: 1 });
  if (ast.fluents.length === 0)
    fail("no fluents declared (write: fluent f, g;)", { line: 1, col: 1 });
  const fluentIdx = new Map(ast.fluents.map((f, i) => [f, i]));
  const agentSet = new Set(ast.agents);
  const actionSet = new Set(ast.actions);
  const fluent = (name: string, at: SourcePos): number =>
    fluentIdx.get(name) ??
    fail(`unknown fluent "${name}" (declared: ${ast.fluents.join(", ")})`, at);
  const agent = (name: string, at: SourcePos): string =>
    agentSet.has(name)
      ? name
      : fail(`unknown agent "${name}" (declared: ${ast.agents.join(", ")})`, at);
  const action = (name: string, at: SourcePos): string =>
    actionSet.has(name)
      ? name
      : fail(`unknown action "${name}" (declared: ${ast.actions.join(", ")})`, at);

  const toFormula = (phi: MAFormula): Formula => landedFormula(phi, fluent, agent);
  const world: Record<string, boolean> = {};
  for (const f of ast.fluents) world[f] = false;
  const vocabulary = Vocabulary.fromInit({
    agents: [...ast.agents],
    world,
    domains: Object.fromEntries(ast.fluents.map((f) => [f, [false, true]]))
  });
  const resolve = (phi: MAFormula): Resolved => resolveFormula(toFormula(phi), vocabulary);
  const literal = (l: MALiteral): [number, number] => [fluent(l.fluent, l.at), l.positive ? 1 : 0];

  const actions = new Map<string, PlanningAction & { executableParts: Resolved[] }>();
  const kindAt = new Map<string, SourcePos>();
  for (const name of ast.actions) {
    actions.set(name, {
      name,
      kind: "ontic",
      executable: { op: "const", value: true },
      executableParts: [],
      effects: [],
      sensed: [],
      announced: [],
      observers: []
    });
  }
  const setKind = (a: PlanningAction, kind: PlanningAction["kind"], at: SourcePos) => {
    const before = kindAt.get(a.name);
    if (before && a.kind !== kind) {
      fail(
        `action "${a.name}" is already ${a.kind === "ontic" ? "ontic (causes)" : a.kind === "sensing" ? "a sensing action (determines)" : "an announcement (announces)"} at line ${before.line}; an action has one kind`,
        at
      );
    }
    kindAt.set(a.name, at);
    a.kind = kind;
  };
  for (const law of ast.laws) {
    const a = actions.get(action(law.action, "actionAt" in law ? law.actionAt : law.at))!;
    switch (law.kind) {
      case "executable":
        if (law.condition) a.executableParts.push(resolve(law.condition));
        break;
      case "causes": {
        setKind(a, "ontic", law.at);
        const cond = law.condition ? objective(law.condition, resolve(law.condition)) : () => true;
        (a.effects as ConditionalEffect[]).push({
          condition: cond,
          assignments: law.literals.map(literal)
        });
        break;
      }
      case "determines":
        setKind(a, "sensing", law.at);
        if (law.condition) a.executableParts.push(resolve(law.condition));
        for (const l of law.literals) (a.sensed as number[]).push(fluent(l.fluent, l.at));
        break;
      case "announces":
        setKind(a, "announcement", law.at);
        if (law.condition) a.executableParts.push(resolve(law.condition));
        for (const l of law.literals)
          (a.announced as Array<readonly [number, number]>).push(literal(l));
        break;
      case "observes":
      case "aware_of": {
        const ag = vocabulary.agentIndex(agent(law.agent, law.at));
        (a.observers as PlanningAction["observers"][number][]).push({
          agent: ag,
          condition: law.condition ? resolve(law.condition) : { op: "const", value: true },
          partial: law.kind === "aware_of"
        });
        break;
      }
      case "executes":
        agent(law.agent, law.at);
        break;
    }
  }
  for (const a of actions.values()) {
    if (a.executableParts.length > 0) a.executable = { op: "and", args: a.executableParts };
  }
  if (ast.goals.length === 0)
    fail("the problem has no goal (write: goal B(a, f);)", { line: 1, col: 1 });
  const goalFormulas = ast.goals.flatMap((g) => {
    const phi = toFormula(g);
    return phi.op === "and" ? phi.args : [phi];
  });
  const goal = goalFormulas.length === 1 ? goalFormulas[0] : F.and(...goalFormulas);
  return {
    agents: ast.agents,
    fluents: ast.fluents,
    actions: [...actions.values()].map(({ executableParts: _, ...a }) => a),
    initial: checkedInitialModel(ast, vocabulary, resolve),
    goal,
    goalParts: goalFormulas.map((g) => resolveFormula(g, vocabulary)),
    goalFormulas,
    vocabulary
  };
}

/**
 * An mA* formula in the landed formula language (each fluent is Boolean: `f` is `f = true`),
 * with every name checked by `fluent` and `agent`.
 */
function landedFormula(
  phi: MAFormula,
  fluent: (name: string, at: SourcePos) => unknown,
  agent: (name: string, at: SourcePos) => string
): Formula {
  const go = (g: MAFormula): Formula => {
    switch (g.kind) {
      case "fluent":
        fluent(g.name, g.at);
        return F.eq(g.name, true);
      case "not":
        return F.not(go(g.arg));
      case "and":
        return F.and(...g.args.map(go));
      case "or":
        return F.or(...g.args.map(go));
      case "B":
        return F.B(agent(g.agent, g.agentAt), go(g.arg));
      case "C":
        g.agents.forEach((a, i) => agent(a, g.agentsAt[i]));
        return F.C([...g.agents], go(g.arg));
      case "E":
        g.agents.forEach((a, i) => agent(a, g.agentsAt[i]));
        return F.and(...g.agents.map((a) => F.B(a, go(g.arg))));
      case "D":
        return fail("distributed belief D([...], φ) is not supported by this planner", g.at);
    }
  };
  return go(phi);
}

/**
 * A goal for a compiled problem, from mA* text (`"B(a, tail), -B(b, tail)"`) or a formula of
 * the landed language; names are checked against the problem.
 *
 * ```ts
 * const goal = goalFormula(problem, "C([a, b], tail)");
 * ```
 */
export function goalFormula(problem: PlanningProblem, goal: string | Formula): Formula {
  if (typeof goal !== "string") {
    resolveFormula(goal, problem.vocabulary);
    return goal;
  }
  const fluents = new Set(problem.fluents);
  const agents = new Set(problem.agents);
  return landedFormula(
    parseMAStarFormula(goal),
    (name, at) =>
      fluents.has(name) ||
      fail(`unknown fluent "${name}" (declared: ${problem.fluents.join(", ")})`, at),
    (name, at) =>
      agents.has(name)
        ? name
        : fail(`unknown agent "${name}" (declared: ${problem.agents.join(", ")})`, at)
  );
}

/**
 * The problem with another goal (mA* text or a landed formula); its conjuncts become the goal
 * parts the heuristic counts.
 *
 * ```ts
 * const p2 = withGoal(problem, "B(b, tail)");
 * ```
 */
export function withGoal(problem: PlanningProblem, goal: string | Formula): PlanningProblem {
  const phi = goalFormula(problem, goal);
  const goalFormulas = phi.op === "and" ? phi.args : [phi];
  return {
    ...problem,
    goal: phi,
    goalFormulas,
    goalParts: goalFormulas.map((g) => resolveFormula(g, problem.vocabulary))
  };
}

/**
 * The initial model, checked against every `initially` statement: one that the finitary-S5
 * construction cannot honour (e.g. `initially B(a, tail)` outside `C(...)`) is refused by line.
 */
function checkedInitialModel(
  ast: MAStarProblem,
  vocabulary: Vocabulary,
  resolve: (phi: MAFormula) => Resolved
): KripkeModel {
  const model = initialModel(ast, vocabulary, resolve);
  for (const phi of ast.initially) {
    if (!holdsAt(model, resolve(phi))) {
      fail(
        "this initial condition does not hold in the initial state built from the fluent formulas and C([all agents], ...) conditions (beliefs outside C(...) cannot shape it)",
        phi.at
      );
    }
  }
  return model;
}
