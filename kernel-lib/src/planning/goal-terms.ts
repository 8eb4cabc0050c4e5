/**
 * What a goal formula mentions, for checking it against a simulator's vocabulary before a search
 * starts: every atom with the chain of believers it sits under, the agents named, the deepest
 * belief nesting, and the top-level conjuncts (counted by the goal-count heuristic).
 *
 * ```ts
 * const t = goalTerms(parseFormula("B(sally, at(marble) = basket) & at(marble) = box"));
 * t.atoms; // [{ fluent: "at(marble)", value: "basket", chain: ["sally"] }, { ..., chain: [] }]
 * ```
 */
import type { AgentId, Fluent, Value } from "../epistemic/events";
import { toFormula, type Formula } from "../epistemic/formula";

/** An atom of a goal and the believers it sits under (outermost first; "*" for C(*, ...)). */
export interface GoalAtom {
  fluent: Fluent;
  value: Value;
  chain: AgentId[];
}

/** See the module comment. */
export interface GoalTerms {
  formula: Formula;
  atoms: GoalAtom[];
  agents: Set<AgentId>;
  depth: number;
  usesCommon: boolean;
  conjuncts: Formula[];
}

/**
 * Reads a goal given as text or as a formula; a malformed one throws the parser's error, which
 * names the position.
 *
 * ```ts
 * goalTerms("B(a, at(x) = c1_1)").depth; // 1
 * ```
 */
export function goalTerms(goal: string | Formula): GoalTerms {
  if (goal === undefined || goal === null) throw new TypeError("plan() needs a goal formula");
  const formula = toFormula(goal);
  const atoms: GoalAtom[] = [];
  const agents = new Set<AgentId>();
  let depth = 0;
  let usesCommon = false;
  const walk = (f: Formula, chain: AgentId[]): void => {
    switch (f.op) {
      case "atom":
        atoms.push({ fluent: f.fluent, value: f.value, chain });
        return;
      case "const":
        return;
      case "not":
        return walk(f.arg, chain);
      case "and":
      case "or":
        return f.args.forEach((g) => walk(g, chain));
      case "believes":
        agents.add(f.agent);
        depth = Math.max(depth, chain.length + 1);
        return walk(f.arg, [...chain, f.agent]);
      case "common":
        usesCommon = true;
        if (f.group !== "*") f.group.forEach((a) => agents.add(a));
        depth = Math.max(depth, chain.length + 1);
        return walk(f.arg, [...chain, "*"]);
    }
  };
  walk(formula, []);
  const conjuncts = formula.op === "and" ? formula.args : [formula];
  return { formula, atoms, agents, depth, usesCommon, conjuncts };
}
