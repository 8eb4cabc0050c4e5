/**
 * Epistemic formulas: fluent = value atoms, negation, conjunction, disjunction, implication,
 * belief `B(agent, φ)` and common belief `C([agents], φ)`, with a parser and a printer.
 *
 * Syntax (whitespace is free; `B` and `C` followed by `(` are the operators):
 * ```text
 * φ ::= fluent = value | fluent != value | true | false
 *     | !φ | φ & φ | φ | φ | φ -> φ | (φ)
 *     | B(agent, φ) | C([agent, ...], φ) | C(*, φ)
 * ```
 * Precedence: `!` binds tightest, then `&`, `|`, `->` (right-associative). A fluent is written as
 * in events, e.g. `at(marble)`; a value is an atom, a number, `true`/`false`, or a quoted string.
 *
 * ```ts
 * const phi = parseFormula("B(sally, B(anne, at(marble)=basket)) & !at(marble)=basket");
 * formulaToString(phi); // "B(sally, B(anne, at(marble) = basket)) & !(at(marble) = basket)"
 * ```
 */
import type { AgentId, Fluent, Value } from "./events";

/**
 * An epistemic formula as data; build it with {@link F} or {@link parseFormula}.
 *
 * ```ts
 * const phi: Formula = { op: "believes", agent: "sally", arg: { op: "atom", fluent: "at(marble)", value: "basket" } };
 * formulaToString(phi); // "B(sally, at(marble) = basket)"
 * ```
 */
export type Formula =
  | { op: "atom"; fluent: Fluent; value: Value }
  | { op: "const"; value: boolean }
  | { op: "not"; arg: Formula }
  | { op: "and"; args: Formula[] }
  | { op: "or"; args: Formula[] }
  | { op: "believes"; agent: AgentId; arg: Formula }
  /** Common belief among `group`; `"*"` means every agent of the tracker. */
  | { op: "common"; group: AgentId[] | "*"; arg: Formula };

/** Thrown for a malformed formula; `position` is the character offset of the problem. */
export class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    /** The character offset (0-based) of the problem in the formula text. */
    readonly position: number
  ) {
    super(message);
    this.name = "FormulaSyntaxError";
  }
}

/**
 * Builders of formulas, one per operator.
 *
 * ```ts
 * const phi = F.B("anne", F.B("sally", F.eq("at(marble)", "basket")));
 * tracker.ask(phi); // "yes": anne believes sally believes the marble is in the basket
 * ```
 */
export const F = {
  /** `fluent = value` */
  eq: (fluent: Fluent, value: Value): Formula => ({ op: "atom", fluent, value }),
  /** `¬φ`: φ does not hold. */
  not: (arg: Formula): Formula => ({ op: "not", arg }),
  /** `φ ∧ ψ ∧ ...`: every argument holds (true with none). */
  and: (...args: Formula[]): Formula => ({ op: "and", args }),
  /** `φ ∨ ψ ∨ ...`: at least one argument holds (false with none). */
  or: (...args: Formula[]): Formula => ({ op: "or", args }),
  /** `φ → ψ`, built as `¬φ ∨ ψ`. */
  implies: (a: Formula, b: Formula): Formula => ({ op: "or", args: [{ op: "not", arg: a }, b] }),
  /** `B(agent, φ)`: the agent believes φ. */
  B: (agent: AgentId, arg: Formula): Formula => ({ op: "believes", agent, arg }),
  /** `C(group, φ)`: φ is common belief in the group. */
  C: (group: AgentId[] | "*", arg: Formula): Formula => ({ op: "common", group, arg }),
  /** B(a1, B(a2, ... φ)) for a chain of agents. */
  chain: (agents: readonly AgentId[], arg: Formula): Formula =>
    agents.reduceRight<Formula>((acc, a) => ({ op: "believes", agent: a, arg: acc }), arg)
};

/** Removes whitespace outside quotes, so "at( marble )" and "at(marble)" name the same fluent. */
export function normalizeFluent(fluent: string): string {
  let out = "";
  let quote = "";
  for (const ch of fluent) {
    if (quote) {
      out += ch;
      if (ch === quote) quote = "";
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (!/\s/.test(ch)) {
      out += ch;
    }
  }
  return out;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?\d+(\.\d+)?([eE][-+]?\d+)?/y;

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Formula {
    const f = this.implication();
    this.skip();
    if (this.pos < this.src.length)
      this.fail(`unexpected "${this.src.slice(this.pos, this.pos + 10)}"`);
    return f;
  }

  private fail(msg: string): never {
    throw new FormulaSyntaxError(
      `malformed formula at ${this.pos}: ${msg} in ${JSON.stringify(this.src)}`,
      this.pos
    );
  }

  private skip(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos++;
  }

  private peek(s: string): boolean {
    this.skip();
    return this.src.startsWith(s, this.pos);
  }

  private eat(s: string): boolean {
    if (this.peek(s)) {
      this.pos += s.length;
      return true;
    }
    return false;
  }

  private expect(s: string): void {
    if (!this.eat(s)) this.fail(`expected "${s}"`);
  }

  private implication(): Formula {
    const left = this.disjunction();
    if (this.eat("->")) return F.implies(left, this.implication());
    return left;
  }

  private disjunction(): Formula {
    const args = [this.conjunction()];
    while (this.eat("|")) args.push(this.conjunction());
    return args.length === 1 ? args[0] : { op: "or", args };
  }

  private conjunction(): Formula {
    const args = [this.unary()];
    while (this.eat("&")) args.push(this.unary());
    return args.length === 1 ? args[0] : { op: "and", args };
  }

  private unary(): Formula {
    if (this.peek("!=")) this.fail('"!=" needs a fluent on its left');
    if (this.eat("!") || this.eat("~")) return F.not(this.unary());
    if (this.eat("(")) {
      const f = this.implication();
      this.expect(")");
      return f;
    }
    this.skip();
    const start = this.pos;
    const name = this.ident();
    if (name === undefined) this.fail("expected a formula");
    this.skip();
    if ((name === "B" || name === "C") && this.src[this.pos] === "(") {
      this.pos++;
      if (name === "B") {
        const agent = this.ident();
        if (agent === undefined) this.fail("expected an agent name in B(agent, φ)");
        this.expect(",");
        const arg = this.implication();
        this.expect(")");
        return F.B(agent, arg);
      }
      let group: AgentId[] | "*";
      if (this.eat("*")) group = "*";
      else {
        this.expect("[");
        group = [];
        do {
          const a = this.ident();
          if (a === undefined) this.fail("expected an agent name in C([agents], φ)");
          group.push(a);
        } while (this.eat(","));
        this.expect("]");
      }
      this.expect(",");
      const arg = this.implication();
      this.expect(")");
      return F.C(group, arg);
    }
    if ((name === "true" || name === "false") && !this.peek("=") && !this.peek("(")) {
      return { op: "const", value: name === "true" };
    }
    this.pos = start;
    const fluent = this.fluent();
    if (this.eat("!=")) return F.not(F.eq(fluent, this.value()));
    if (this.eat("=")) return F.eq(fluent, this.value());
    return this.fail(`expected "=" or "!=" after fluent "${fluent}"`);
  }

  private ident(): string | undefined {
    this.skip();
    IDENT.lastIndex = this.pos;
    const m = IDENT.exec(this.src);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  /** A fluent: a name with optional balanced parenthesised arguments. */
  private fluent(): Fluent {
    const start = this.pos;
    this.ident();
    if (this.src[this.pos] === "(") {
      let depth = 0;
      let quote = "";
      for (; this.pos < this.src.length; this.pos++) {
        const ch = this.src[this.pos];
        if (quote) {
          if (ch === quote) quote = "";
        } else if (ch === "'" || ch === '"') quote = ch;
        else if (ch === "(") depth++;
        else if (ch === ")" && --depth === 0) {
          this.pos++;
          break;
        }
      }
      if (depth !== 0) this.fail("unbalanced parentheses in fluent");
    }
    return normalizeFluent(this.src.slice(start, this.pos));
  }

  private value(): Value {
    this.skip();
    const ch = this.src[this.pos];
    if (ch === '"' || ch === "'") {
      const end = this.src.indexOf(ch, this.pos + 1);
      if (end < 0) this.fail("unterminated quoted value");
      const v = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
      return v;
    }
    NUMBER.lastIndex = this.pos;
    const num = NUMBER.exec(this.src);
    if (num) {
      this.pos += num[0].length;
      return Number(num[0]);
    }
    const id = this.ident();
    if (id === undefined)
      return this.fail("expected a value (atom, number, true/false or quoted string)");
    return id === "true" ? true : id === "false" ? false : id;
  }
}

/**
 * Parses a formula; throws FormulaSyntaxError (with the offset) when it is malformed.
 *
 * ```ts
 * parseFormula("C([sally, anne], at(marble) = basket) -> B(sally, at(marble) != box)");
 * ```
 */
export function parseFormula(src: string): Formula {
  if (typeof src !== "string") throw new FormulaSyntaxError("a formula must be a string", 0);
  return new Parser(src).parse();
}

function valueToString(v: Value): string {
  if (typeof v === "string")
    return /^[a-z][A-Za-z0-9_]*$/.test(v) && v !== "true" && v !== "false" ? v : JSON.stringify(v);
  return String(v);
}

/**
 * Prints a formula in the syntax parseFormula reads.
 *
 * ```ts
 * formulaToString(F.B("sally", F.eq("at(marble)", "basket"))); // "B(sally, at(marble) = basket)"
 * ```
 */
export function formulaToString(f: Formula): string {
  const wrap = (g: Formula) =>
    g.op === "and" || g.op === "or" || g.op === "atom"
      ? `(${formulaToString(g)})`
      : formulaToString(g);
  switch (f.op) {
    case "atom":
      return `${f.fluent} = ${valueToString(f.value)}`;
    case "const":
      return String(f.value);
    case "not":
      return `!${wrap(f.arg)}`;
    case "and":
      return f.args
        .map((g) => (g.op === "or" ? `(${formulaToString(g)})` : formulaToString(g)))
        .join(" & ");
    case "or":
      return f.args.map(formulaToString).join(" | ");
    case "believes":
      return `B(${f.agent}, ${formulaToString(f.arg)})`;
    case "common":
      return `C(${f.group === "*" ? "*" : `[${f.group.join(", ")}]`}, ${formulaToString(f.arg)})`;
  }
}

/** Accepts a formula as data or as text. */
export function toFormula(f: Formula | string): Formula {
  return typeof f === "string" ? parseFormula(f) : f;
}
