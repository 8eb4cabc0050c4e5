/**
 * Operator-precedence parser for standard Prolog syntax over the fixed operator table.
 *
 * ```ts
 * import { parseTerm, parseClauses } from "pwmk/terms";
 * parseTerm("believes(anne, at(marble, box))");
 * parseClauses("at(marble, basket).\nmoved :- at(marble, box).");
 * ```
 */
import { LIST_CONS, LIST_NIL } from "./constants";
import { PrologSyntaxError, Token, tokenize } from "./lexer";
import { argPriorities, infixOp, prefixOp } from "./operators";
import { Atom, Compound, Num, Str, Term, Var } from "./term";

/** Guards applied while parsing untrusted text. */
export interface ParseOptions {
  /** Longest input accepted, in characters (default 1,000,000). */
  maxChars?: number;
  /** Deepest term nesting accepted (default 256). */
  maxDepth?: number;
  /** Longest atom, string, variable name or number (default 65,536 characters). */
  maxAtomLength?: number;
}

/**
 * Default parse guards.
 * ```ts
 * parseTerm(text, { ...DEFAULT_PARSE_OPTIONS, maxDepth: 1000 });
 * ```
 */
export const DEFAULT_PARSE_OPTIONS: Required<ParseOptions> = {
  maxChars: 1_000_000,
  maxDepth: 256,
  maxAtomLength: 65_536
};

/**
 * Parses exactly one term. A trailing "." is allowed. Throws PrologSyntaxError (with line and
 * column) on any error.
 * ```ts
 * parseTerm("X is 1 + 2 * 3").toString(); // "X is 1+2*3"
 * ```
 */
export function parseTerm(text: string, options: ParseOptions = {}): Term {
  const p = new Parser(text, options);
  const t = p.parse(1200);
  p.acceptEnd();
  p.expectEof("end of the term");
  return t;
}

/**
 * Parses a sequence of clauses, each ended by "." (Prolog source text). Throws PrologSyntaxError
 * with the position of the first error.
 * ```ts
 * parseClauses("a. b :- a.").length; // 2
 * ```
 */
export function parseClauses(text: string, options: ParseOptions = {}): Term[] {
  const p = new Parser(text, options);
  const out: Term[] = [];
  while (!p.atEof()) {
    out.push(p.parse(1200));
    p.expectEnd();
  }
  return out;
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private depth = 0;
  private readonly opts: Required<ParseOptions>;

  constructor(text: string, options: ParseOptions) {
    this.opts = { ...DEFAULT_PARSE_OPTIONS, ...options };
    if (typeof text !== "string")
      throw new PrologSyntaxError(`expected text, got ${typeof text}`, 1, 1);
    if (text.length > this.opts.maxChars) {
      throw new PrologSyntaxError(
        `input of ${text.length} characters exceeds the limit of ${this.opts.maxChars}`,
        1,
        1
      );
    }
    this.tokens = tokenize(text, { maxAtomLength: this.opts.maxAtomLength });
  }

  atEof(): boolean {
    return this.peek().kind === "eof";
  }

  acceptEnd(): void {
    if (this.peek().kind === "end") this.pos++;
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== "end") this.fail(`expected "." to end the clause, found ${describe(t)}`, t);
    this.pos++;
  }

  expectEof(what: string): void {
    const t = this.peek();
    if (t.kind !== "eof") this.fail(`expected ${what}, found ${describe(t)}`, t);
  }

  private peek(k = 0): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== "eof") this.pos++;
    return t;
  }

  private fail(reason: string, t: Token): never {
    throw new PrologSyntaxError(reason, t.line, t.column);
  }

  private expectPunct(p: string): void {
    const t = this.next();
    if (t.kind !== "punct" || t.text !== p) this.fail(`expected "${p}", found ${describe(t)}`, t);
  }

  /**
   * Parses a term whose priority is at most maxPrec. In argument mode (arguments and list items)
   * "," and "|" end the term and other operators may exceed 999, as SWI-Prolog reads `f(a:-b)`.
   */
  parse(maxPrec: number, argMode = false): Term {
    if (++this.depth > this.opts.maxDepth) {
      this.fail(`term nesting deeper than the limit of ${this.opts.maxDepth}`, this.peek());
    }
    try {
      const eff = argMode && maxPrec >= 999 ? 1200 : maxPrec;
      const { term: left, prec: leftPrec } = this.parsePrimary(eff, argMode);
      return this.parseInfix(left, leftPrec, eff, argMode);
    } finally {
      this.depth--;
    }
  }

  private parseInfix(left: Term, leftPrec: number, maxPrec: number, argMode: boolean): Term {
    // a left-associative chain (a+b+c...) nests one level per operator without recursing here
    let chain = 0;
    for (;;) {
      const t = this.peek();
      let name: string | undefined;
      if (t.kind === "name" && !t.quoted) name = t.text;
      else if (t.kind === "punct" && (t.text === "," || t.text === "|")) name = t.text;
      if (name === undefined) return left;
      if (argMode && (name === "," || name === "|")) return left;
      const def = infixOp(name === "|" ? ";" : name);
      if (!def) return left;
      const { left: la, right: ra } = argPriorities(def);
      if (def.priority > maxPrec || leftPrec > la) return left;
      if (this.depth + ++chain > this.opts.maxDepth)
        this.fail(`term nesting deeper than the limit of ${this.opts.maxDepth}`, t);
      this.pos++;
      const right = this.parse(ra, argMode);
      const functor = name === "|" ? ";" : name;
      left = new Compound(functor, [left, right]);
      leftPrec = def.priority;
    }
  }

  private parsePrimary(maxPrec: number, argMode: boolean): { term: Term; prec: number } {
    const t = this.next();
    switch (t.kind) {
      case "int":
        return { term: new Num(t.int!, false), prec: 0 };
      case "float":
        return { term: new Num(t.float!, true), prec: 0 };
      case "var":
        return { term: new Var(t.text), prec: 0 };
      case "string":
        return { term: new Str(t.text), prec: 0 };
      case "punct":
        return this.parsePunct(t);
      case "name":
        return this.parseName(t, maxPrec, argMode);
      case "end":
        return this.fail(`unexpected "." (end of clause) where a term was expected`, t);
      case "eof":
        return this.fail("unexpected end of input where a term was expected", t);
    }
  }

  private parsePunct(t: Token): { term: Term; prec: number } {
    if (t.text === "(") {
      const inner = this.parse(1200);
      this.expectPunct(")");
      return { term: inner, prec: 0 };
    }
    if (t.text === "[") {
      const n = this.peek();
      if (n.kind === "punct" && n.text === "]") {
        this.pos++;
        return this.afterAtomName(LIST_NIL, n);
      }
      const items: Term[] = [this.parse(999, true)];
      let tail: Term = new Atom(LIST_NIL);
      for (;;) {
        const s = this.next();
        if (s.kind === "punct" && s.text === ",") items.push(this.parse(999, true));
        else if (s.kind === "punct" && s.text === "|") {
          tail = this.parse(999, true);
          this.expectPunct("]");
          break;
        } else if (s.kind === "punct" && s.text === "]") break;
        else this.fail(`expected "," or "|" or "]" in a list, found ${describe(s)}`, s);
      }
      let list = tail;
      for (let i = items.length - 1; i >= 0; i--) list = new Compound(LIST_CONS, [items[i], list]);
      return { term: list, prec: 0 };
    }
    if (t.text === "{") {
      const n = this.peek();
      if (n.kind === "punct" && n.text === "}") {
        this.pos++;
        return this.afterAtomName("{}", n);
      }
      const inner = this.parse(1200);
      this.expectPunct("}");
      return { term: new Compound("{}", [inner]), prec: 0 };
    }
    return this.fail(`unexpected ${describe(t)} where a term was expected`, t);
  }

  /** An atom name that may be the functor of a compound `name(args)`. */
  private afterAtomName(name: string, t: Token): { term: Term; prec: number } {
    const n = this.peek();
    if (n.kind === "punct" && n.text === "(" && !n.layoutBefore) {
      this.pos++;
      const args: Term[] = [this.parse(999, true)];
      for (;;) {
        const s = this.next();
        if (s.kind === "punct" && s.text === ",") args.push(this.parse(999, true));
        else if (s.kind === "punct" && s.text === ")") break;
        else this.fail(`expected "," or ")" in the arguments of ${name}, found ${describe(s)}`, s);
      }
      return { term: new Compound(name, args), prec: 0 };
    }
    void t;
    return { term: new Atom(name), prec: 0 };
  }

  private parseName(t: Token, maxPrec: number, argMode: boolean): { term: Term; prec: number } {
    const name = t.text;
    const n = this.peek();
    // functional notation binds tightest
    if (n.kind === "punct" && n.text === "(" && !n.layoutBefore) return this.afterAtomName(name, t);
    if (t.quoted) return { term: new Atom(name), prec: 0 };
    // negative numeric literal
    if (name === "-" && (n.kind === "int" || n.kind === "float") && !n.layoutBefore) {
      this.pos++;
      if (n.kind === "int") {
        const v = n.int!;
        return { term: new Num(typeof v === "bigint" ? -v : -v, false), prec: 0 };
      }
      return { term: new Num(-n.float!, true), prec: 0 };
    }
    const pre = prefixOp(name);
    if (pre && this.startsTerm(n)) {
      let { priority } = pre;
      let { right } = argPriorities(pre);
      if (priority > maxPrec) {
        priority = 999;
        right = Math.min(right, 999);
      }
      const arg = this.parse(right, argMode);
      return { term: new Compound(name, [arg]), prec: priority };
    }
    // an operator as a bare atom operand
    const isOp = pre !== undefined || infixOp(name) !== undefined;
    return {
      term: new Atom(name),
      prec: isOp ? Math.min(maxPrec, Math.max(pre?.priority ?? 0, infixOp(name)?.priority ?? 0)) : 0
    };
  }

  /** Whether token n can begin an operand of a prefix operator. */
  private startsTerm(n: Token): boolean {
    switch (n.kind) {
      case "int":
      case "float":
      case "var":
      case "string":
        return true;
      case "punct":
        return n.text === "(" || n.text === "[" || n.text === "{";
      case "name": {
        if (n.quoted) return true;
        const after = this.peek(1);
        if (after.kind === "punct" && after.text === "(" && !after.layoutBefore) return true;
        // an infix operator right after a prefix operator means the prefix op is an atom operand
        if (infixOp(n.text) && !prefixOp(n.text)) return false;
        return true;
      }
      default:
        return false;
    }
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case "eof":
      return "end of input";
    case "end":
      return '"." (end of clause)';
    case "string":
      return "a string";
    case "var":
      return `variable ${t.text}`;
    case "int":
    case "float":
      return `number ${t.text}`;
    default:
      return `"${t.text.length > 40 ? t.text.slice(0, 40) + "…" : t.text}"`;
  }
}
