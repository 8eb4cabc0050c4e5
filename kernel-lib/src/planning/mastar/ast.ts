/**
 * The typed syntax tree of an mA* problem (the action language of the EFP planner family): the
 * declarations, the action laws, the initial conditions and the goal, each with the position it
 * was read at so that later checks can name the line and column of a problem.
 *
 * ```ts
 * const p = parseMAStar("fluent tail; action peek; agent a; peek determines tail; a observes peek; initially tail; goal B(a, tail);");
 * p.laws[0]; // { kind: "determines", action: "peek", literals: [...], at: { line: 1, col: 44 } }
 * ```
 */

/**
 * A position in the source: 1-based line and column.
 *
 * ```ts
 * const at: SourcePos = { line: 3, col: 14 };
 * ```
 */
export interface SourcePos {
  /** The line (1-based). */
  line: number;
  /** The column (1-based). */
  col: number;
}

/**
 * An mA* formula. Fluent literals, `-` negation, `,` conjunction, `|` disjunction,
 * `B(agent, φ)`, and the group operators `C([agents], φ)` (common belief), `E([agents], φ)`
 * (everyone believes) and `D([agents], φ)` (distributed belief, read but not supported by the
 * planner).
 *
 * ```ts
 * const phi: MAFormula = { kind: "B", agent: "a", arg: { kind: "fluent", name: "tail", at }, at };
 * ```
 */
export type MAFormula =
  | { kind: "fluent"; name: string; at: SourcePos }
  | { kind: "not"; arg: MAFormula; at: SourcePos }
  | { kind: "and" | "or"; args: MAFormula[]; at: SourcePos }
  | { kind: "B"; agent: string; arg: MAFormula; at: SourcePos; agentAt: SourcePos }
  | {
      kind: "C" | "E" | "D";
      agents: string[];
      arg: MAFormula;
      at: SourcePos;
      agentsAt: SourcePos[];
    };

/**
 * A literal: a fluent, possibly negated (`-opened`).
 *
 * ```ts
 * const lit: MALiteral = { fluent: "opened", positive: false, at: { line: 4, col: 20 } };
 * ```
 */
export interface MALiteral {
  /** The fluent's name. */
  fluent: string;
  /** False for a negated literal (`-opened`). */
  positive: boolean;
  /** Where it was read. */
  at: SourcePos;
}

/**
 * One action law of an mA* domain.
 *
 * ```ts
 * const law: MALaw = { kind: "observes", agent: "b", action: "open_a", condition: phi, at };
 * ```
 */
export type MALaw =
  | { kind: "executable"; action: string; condition?: MAFormula; at: SourcePos }
  | { kind: "causes"; action: string; literals: MALiteral[]; condition?: MAFormula; at: SourcePos }
  | {
      kind: "determines";
      action: string;
      literals: MALiteral[];
      condition?: MAFormula;
      at: SourcePos;
    }
  | {
      kind: "announces";
      action: string;
      literals: MALiteral[];
      condition?: MAFormula;
      at: SourcePos;
    }
  | {
      kind: "observes" | "aware_of";
      agent: string;
      action: string;
      condition?: MAFormula;
      at: SourcePos;
      actionAt: SourcePos;
    }
  | { kind: "executes"; agent: string; action: string; at: SourcePos };

/**
 * A parsed mA* problem: what it declares, its laws, `initially` and `goal` formulas in order.
 *
 * ```ts
 * const p: MAStarProblem = parseMAStar(text);
 * p.agents; // ["a", "b", "c"]
 * ```
 */
export interface MAStarProblem {
  /** The declared fluents, in declaration order. */
  fluents: string[];
  /** The declared actions, in declaration order. */
  actions: string[];
  /** The declared agents, in declaration order. */
  agents: string[];
  /** The action laws (executability, effects, sensing, announcing, observers), in source order. */
  laws: MALaw[];
  /** The `initially` formulas, in source order (their conjunction holds at the start). */
  initially: MAFormula[];
  /** The `goal` formulas, in source order (the goal is their conjunction). */
  goals: MAFormula[];
  /** Where each declared name was declared (fluents, actions and agents share one namespace each). */
  declaredAt: Record<"fluent" | "action" | "agent", Record<string, SourcePos>>;
}
