/**
 * The mA* parser: a recursive-descent reader of the EFP planners' action language into the typed
 * syntax tree of ast.ts. Statements end with `;`; `%` starts a comment. In formulas `,` is
 * conjunction and binds tighter than `|`; `-` negates the literal, belief or parenthesised
 * formula right after it.
 *
 * ```ts
 * const p = parseMAStar(`
 *   fluent tail, opened;  action open, peek;  agent a, b;
 *   executable peek if opened;
 *   open causes opened;       a observes open;  b observes open;
 *   peek determines tail;     a observes peek;  b aware_of peek;
 *   initially tail, -opened;  initially C([a,b], -opened);
 *   goal B(a, tail), B(b, B(a, tail) | B(a, -tail));
 * `);
 * p.goals.length; // 1
 * ```
 */
import type { MAFormula, MALaw, MALiteral, MAStarProblem, SourcePos } from "./ast";
import { MAStarSyntaxError, Token, tokenize } from "./lexer";

const LAW_KEYWORDS = new Set([
  "causes",
  "determines",
  "announces",
  "observes",
  "aware_of",
  "executes"
]);
const UNSUPPORTED: Record<string, string> = {
  impossible: "impossibility laws (write the negated condition in an executable law)",
  dox_announces: "lies (dox_announces)",
  has_attitude: "attitudes (has_attitude)"
};
const RESERVED = new Set([
  "fluent",
  "action",
  "agent",
  "if",
  "executable",
  "initially",
  "goal",
  "B",
  "C",
  "E",
  "D",
  ...LAW_KEYWORDS,
  ...Object.keys(UNSUPPORTED)
]);

class Parser {
  private i = 0;
  private readonly problem: MAStarProblem = {
    fluents: [],
    actions: [],
    agents: [],
    laws: [],
    initially: [],
    goals: [],
    declaredAt: { fluent: {}, action: {}, agent: {} }
  };

  constructor(private readonly toks: Token[]) {}

  parseFormulaOnly(): MAFormula {
    const phi = this.formula();
    if (this.peek().kind !== "eof") this.fail("expected the end of the formula");
    return phi;
  }

  parse(): MAStarProblem {
    while (this.peek().kind !== "eof") this.statement();
    return this.problem;
  }

  private peek(k = 0): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== "eof") this.i++;
    return t;
  }

  private fail(message: string, t: Token = this.peek()): never {
    const found = t.kind === "eof" ? "the end of the file" : `"${t.text}"`;
    throw new MAStarSyntaxError(`${message}, found ${found}`, t.at);
  }

  private isPunct(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === "punct" && t.text === text;
  }

  private eat(text: string): boolean {
    if (this.isPunct(text)) {
      this.i++;
      return true;
    }
    return false;
  }

  private expect(text: string, what: string): void {
    if (!this.eat(text)) this.fail(`expected "${text}" ${what}`);
  }

  private isWord(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === "id" && t.text === text;
  }

  /** A name: an identifier with optional constant arguments, `at(a, 1)` read as "at(a,1)". */
  private name(what: string): { text: string; at: SourcePos } {
    const t = this.peek();
    if (t.kind !== "id" || RESERVED.has(t.text)) this.fail(`expected ${what}`);
    this.i++;
    let text = t.text;
    if (this.isPunct("(")) {
      this.i++;
      const params: string[] = [];
      do {
        const p = this.peek();
        if (p.kind !== "id" && p.kind !== "number")
          this.fail(`expected an argument of "${t.text}(...)"`);
        this.i++;
        params.push(p.text);
      } while (this.eat(","));
      this.expect(")", `to close the arguments of "${t.text}"`);
      text += `(${params.join(",")})`;
    }
    return { text, at: t.at };
  }

  private statement(): void {
    const t = this.peek();
    if (t.kind !== "id")
      this.fail("expected a statement (a declaration, a law, initially or goal)");
    if (UNSUPPORTED[t.text]) {
      throw new MAStarSyntaxError(`${UNSUPPORTED[t.text]} are not supported by this planner`, t.at);
    }
    switch (t.text) {
      case "fluent":
      case "action":
      case "agent":
        return this.declaration(t.text);
      case "executable": {
        this.next();
        const action = this.name('an action name after "executable"');
        const condition = this.ifPart();
        this.end("executable law");
        this.problem.laws.push({ kind: "executable", action: action.text, condition, at: t.at });
        return;
      }
      case "initially":
      case "goal": {
        this.next();
        const phi = this.formula();
        this.end(`${t.text} statement`);
        (t.text === "goal" ? this.problem.goals : this.problem.initially).push(phi);
        return;
      }
    }
    const subject = this.name("a statement (a declaration, a law, initially or goal)");
    const kw = this.peek();
    if (kw.kind !== "id" || !LAW_KEYWORDS.has(kw.text)) {
      if (kw.kind === "id" && UNSUPPORTED[kw.text]) {
        throw new MAStarSyntaxError(
          `${UNSUPPORTED[kw.text]} are not supported by this planner`,
          kw.at
        );
      }
      this.fail(
        `expected causes, determines, announces, observes, aware_of or executes after "${subject.text}"`
      );
    }
    this.next();
    let law: MALaw;
    if (kw.text === "observes" || kw.text === "aware_of" || kw.text === "executes") {
      const action = this.name(`an action name after "${kw.text}"`);
      if (kw.text === "executes")
        law = { kind: "executes", agent: subject.text, action: action.text, at: subject.at };
      else {
        law = {
          kind: kw.text,
          agent: subject.text,
          action: action.text,
          condition: this.ifPart(),
          at: subject.at,
          actionAt: action.at
        };
      }
    } else {
      const literals = this.literals(kw.text);
      law = {
        kind: kw.text as "causes" | "determines" | "announces",
        action: subject.text,
        literals,
        condition: this.ifPart(),
        at: subject.at
      };
    }
    this.end(`${kw.text} law`);
    this.problem.laws.push(law);
  }

  private end(what: string): void {
    this.expect(";", `at the end of the ${what}`);
  }

  private declaration(kind: "fluent" | "action" | "agent"): void {
    this.next();
    const list =
      kind === "fluent"
        ? this.problem.fluents
        : kind === "action"
          ? this.problem.actions
          : this.problem.agents;
    const seen = this.problem.declaredAt[kind];
    do {
      const n = this.name(`a ${kind} name`);
      if (!(n.text in seen)) {
        seen[n.text] = n.at;
        list.push(n.text);
      }
    } while (this.eat(","));
    this.end(`${kind} declaration`);
  }

  private ifPart(): MAFormula | undefined {
    if (!this.isWord("if")) return undefined;
    this.next();
    return this.formula();
  }

  private literals(after: string): MALiteral[] {
    const out: MALiteral[] = [];
    do {
      const at = this.peek().at;
      const positive = !this.eat("-");
      const n = this.name(`a fluent literal after "${after}"`);
      out.push({ fluent: n.text, positive, at });
    } while (this.eat(","));
    return out;
  }

  /** φ ::= conj ("|" conj)* */
  formula(): MAFormula {
    const at = this.peek().at;
    const args = [this.conjunction()];
    while (this.eat("|")) args.push(this.conjunction());
    return args.length === 1 ? args[0] : { kind: "or", args, at };
  }

  /** conj ::= unary ("," unary)* */
  private conjunction(): MAFormula {
    const at = this.peek().at;
    const args = [this.unary()];
    while (this.eat(",")) args.push(this.unary());
    return args.length === 1 ? args[0] : { kind: "and", args, at };
  }

  private unary(): MAFormula {
    const t = this.peek();
    if (this.eat("-")) return { kind: "not", arg: this.unary(), at: t.at };
    if (this.eat("(")) {
      const phi = this.formula();
      this.expect(")", "to close the parenthesis");
      return phi;
    }
    if (t.kind === "id" && (t.text === "B" || t.text === "C" || t.text === "E" || t.text === "D")) {
      this.next();
      this.expect("(", `after "${t.text}"`);
      if (t.text === "B") {
        const agent = this.name("an agent name in B(agent, φ)");
        this.expect(",", "after the agent of B(agent, φ)");
        const arg = this.formula();
        this.expect(")", "to close B(agent, φ)");
        return { kind: "B", agent: agent.text, agentAt: agent.at, arg, at: t.at };
      }
      this.expect("[", `to open the agent group of ${t.text}([agents], φ)`);
      const agents: string[] = [];
      const agentsAt: SourcePos[] = [];
      do {
        const a = this.name(`an agent name in ${t.text}([agents], φ)`);
        agents.push(a.text);
        agentsAt.push(a.at);
      } while (this.eat(","));
      this.expect("]", `to close the agent group of ${t.text}([agents], φ)`);
      this.expect(",", `after the agent group of ${t.text}([agents], φ)`);
      const arg = this.formula();
      this.expect(")", `to close ${t.text}([agents], φ)`);
      return { kind: t.text as "C" | "E" | "D", agents, agentsAt, arg, at: t.at };
    }
    const n = this.name("a formula (a fluent, -, B(...), C([...], ...) or a parenthesis)");
    return { kind: "fluent", name: n.text, at: n.at };
  }
}

/**
 * Reads an mA* problem (the language of the EFP planner family) into its syntax tree. Throws
 * {@link MAStarSyntaxError} with the line and column of the first problem. Names are checked
 * against the declarations when the problem is compiled for planning.
 *
 * ```ts
 * const ast = parseMAStar("fluent tail; action peek; agent a; peek determines tail; a observes peek; initially tail; goal B(a, tail);");
 * ast.fluents; // ["tail"]
 * ```
 */
export function parseMAStar(text: string): MAStarProblem {
  return new Parser(tokenize(text)).parse();
}

/**
 * Reads one mA* formula, e.g. a goal given on its own.
 *
 * ```ts
 * parseMAStarFormula("B(a, tail), (-B(b, tail))").kind; // "and"
 * ```
 */
export function parseMAStarFormula(text: string): MAFormula {
  return new Parser(tokenize(text)).parseFormulaOnly();
}
