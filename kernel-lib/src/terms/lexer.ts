/**
 * Tokenizer for standard Prolog text: names, variables, numbers, quoted atoms with ISO escapes,
 * strings, punctuation, comments and the end token. Every token carries its line and column.
 */
import { TermError } from "./errors";

/**
 * A syntax error with the 1-based line and column where it was found.
 * ```ts
 * try { parseTerm("f(a"); } catch (e) { (e as PrologSyntaxError).column; } // 4
 * ```
 */
export class PrologSyntaxError extends TermError {
  constructor(
    /** What is wrong, e.g. "expected ) or ,". */
    readonly reason: string,
    /** The line of the problem (1-based). */
    readonly line: number,
    /** The column of the problem (1-based). */
    readonly column: number
  ) {
    super(`syntax error at line ${line}, column ${column}: ${reason}`);
    this.name = "PrologSyntaxError";
  }
}

export type TokenKind =
  | "name" // atom text: letters, symbol chars, solo chars, or quoted
  | "var"
  | "int"
  | "float"
  | "string"
  | "punct" // ( ) [ ] { } , |
  | "end" // the clause-ending "."
  | "eof";

export interface Token {
  kind: TokenKind;
  text: string;
  /** Integer value for "int" tokens (bigint when beyond 2^53). */
  int?: number | bigint;
  /** Float value for "float" tokens. */
  float?: number;
  /** True for a quoted atom ('...'), which is never an operator. */
  quoted?: boolean;
  /** True when layout (whitespace or a comment) came right before this token. */
  layoutBefore: boolean;
  line: number;
  column: number;
}

export interface LexOptions {
  /** Longest atom, string or variable name accepted (characters). */
  maxAtomLength: number;
}

const SYMBOL_CHARS = "+-*/\\^<>=~:.?@#&$";
// ASCII fast paths; the Unicode property tests only run for non-ASCII characters
const isSymbolChar = (c: string): boolean => c.length === 1 && SYMBOL_CHARS.includes(c);
const isDigit = (c: string): boolean => c >= "0" && c <= "9" && c.length === 1;
const isLower = (c: string): boolean =>
  c.length === 1 && c.charCodeAt(0) < 128 ? c >= "a" && c <= "z" : /^\p{Ll}$/u.test(c);
const isUpperOrUnderscore = (c: string): boolean =>
  c === "_" ||
  (c.length === 1 && c.charCodeAt(0) < 128 ? c >= "A" && c <= "Z" : /^\p{Lu}$/u.test(c));
const isAlnum = (c: string): boolean => {
  if (c.length === 1 && c.charCodeAt(0) < 128) {
    return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c === "_";
  }
  return /^[\p{L}\p{N}]$/u.test(c);
};
const isLayout = (c: string): boolean =>
  c === " " ||
  c === "\n" ||
  c === "\t" ||
  c === "\r" ||
  (c !== "" && c.charCodeAt(0) >= 128 ? /^\s$/u.test(c) : c === "\f" || c === "\v");

/** Splits Prolog text into tokens; throws PrologSyntaxError with a position on bad input. */
export function tokenize(text: string, options: LexOptions): Token[] {
  return new Lexer(text, options).run();
}

type TokenFields = Omit<Token, "layoutBefore" | "line" | "column">;

/** A class (not closures) so tokenizing allocates little per token: it runs on every input. */
class Lexer {
  private readonly chars: string | string[];
  private i = 0;
  private line = 1;
  private col = 1;
  private readonly tokens: Token[] = [];
  private layout = false;
  private tl = 1;
  private tc = 1;

  constructor(
    text: string,
    private readonly options: LexOptions
  ) {
    // code points, so columns count characters; plain ASCII text is indexed directly
    this.chars = /^[\x00-\x7f]*$/.test(text) ? text : Array.from(text);
  }

  private peek(k = 0): string {
    return this.chars[this.i + k] ?? "";
  }

  private advance(): string {
    const c = this.chars[this.i++] ?? "";
    if (c === "\n") {
      this.line++;
      this.col = 1;
    } else this.col++;
    return c;
  }

  private fail(reason: string, l = this.line, c = this.col): never {
    throw new PrologSyntaxError(reason, l, c);
  }

  private checkLength(s: string, what: string): void {
    if (s.length > this.options.maxAtomLength) {
      this.fail(
        `${what} of ${s.length} characters exceeds the limit of ${this.options.maxAtomLength}`,
        this.tl,
        this.tc
      );
    }
  }

  private push(t: TokenFields): void {
    const tok = t as Token;
    tok.layoutBefore = this.layout || this.tokens.length === 0;
    tok.line = this.tl;
    tok.column = this.tc;
    this.tokens.push(tok);
  }

  private word(): string {
    let s = "";
    while (this.peek() !== "" && isAlnum(this.peek())) s += this.advance();
    return s;
  }

  run(): Token[] {
    for (;;) {
      this.skipLayout();
      this.tl = this.line;
      this.tc = this.col;
      const c = this.peek();
      if (c === "") {
        this.push({ kind: "eof", text: "" });
        return this.tokens;
      }
      // end token: "." followed by layout, "%" or end of input
      const c1 = this.peek(1);
      if (c === "." && (c1 === "" || isLayout(c1) || c1 === "%")) {
        this.advance();
        this.push({ kind: "end", text: "." });
      } else if (isDigit(c)) this.lexNumber();
      else if (isUpperOrUnderscore(c)) {
        const s = this.word();
        this.checkLength(s, "variable name");
        this.push({ kind: "var", text: s });
      } else if (isLower(c) || /^\p{L}$/u.test(c)) {
        // letters without case (e.g. CJK) start atoms too, as in SWI-Prolog
        const s = this.word();
        this.checkLength(s, "atom");
        this.push({ kind: "name", text: s });
      } else if (c === "'") {
        const s = this.lexQuoted("'");
        this.checkLength(s, "quoted atom");
        this.push({ kind: "name", text: s, quoted: true });
      } else if (c === '"') {
        const s = this.lexQuoted('"');
        this.checkLength(s, "string");
        this.push({ kind: "string", text: s });
      } else if (c === "`") this.fail("back-quoted text is not supported");
      else if ("()[]{},|".includes(c)) {
        this.advance();
        if (c === "|" && this.peek() === "|") {
          this.advance();
          this.push({ kind: "name", text: "||" });
        } else this.push({ kind: "punct", text: c });
      } else if (c === "!" || c === ";") {
        this.advance();
        this.push({ kind: "name", text: c });
      } else if (isSymbolChar(c)) {
        let s = "";
        while (isSymbolChar(this.peek())) s += this.advance();
        this.checkLength(s, "atom");
        this.push({ kind: "name", text: s });
      } else {
        this.fail(
          `unexpected character ${JSON.stringify(c)} (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`
        );
      }
    }
  }

  private skipLayout(): void {
    this.layout = false;
    for (;;) {
      const c = this.peek();
      if (c !== "" && isLayout(c)) {
        this.advance();
        this.layout = true;
      } else if (c === "%") {
        while (this.peek() !== "" && this.peek() !== "\n") this.advance();
        this.layout = true;
      } else if (c === "/" && this.peek(1) === "*") {
        const l0 = this.line;
        const c0 = this.col;
        this.advance();
        this.advance();
        while (!(this.peek() === "*" && this.peek(1) === "/")) {
          if (this.peek() === "") this.fail("unterminated /* comment", l0, c0);
          this.advance();
        }
        this.advance();
        this.advance();
        this.layout = true;
      } else return;
    }
  }
  private lexNumber(): void {
    const l0 = this.line;
    const c0 = this.col;
    if (this.peek() === "0" && this.peek(1) === "'") {
      // character code: 0'c, 0'\n, 0''' or 0''
      this.advance();
      this.advance();
      let ch: string;
      if (this.peek() === "\\") ch = this.lexEscape("'");
      else if (this.peek() === "'" && this.peek(1) === "'") {
        this.advance();
        this.advance();
        ch = "'";
      } else {
        if (this.peek() === "") this.fail("character code 0' at end of input", l0, c0);
        ch = this.advance();
      }
      this.push({ kind: "int", text: `0'${ch}`, int: ch.codePointAt(0)! });
      return;
    }
    if (
      this.peek() === "0" &&
      (this.peek(1) === "x" || this.peek(1) === "o" || this.peek(1) === "b")
    ) {
      const base = { x: 16, o: 8, b: 2 }[this.peek(1) as "x" | "o" | "b"];
      const digitOk = (d: string): boolean => d !== "" && !Number.isNaN(parseInt(d, base));
      if (digitOk(this.peek(2))) {
        this.advance();
        this.advance();
        let s = "";
        while (digitOk(this.peek())) s += this.advance();
        const big = BigInt((base === 16 ? "0x" : base === 8 ? "0o" : "0b") + s);
        this.push({ kind: "int", text: s, int: toIntValue(big) });
        return;
      }
    }
    let s = "";
    while (isDigit(this.peek())) s += this.advance();
    let isFloat = false;
    if (this.peek() === "." && isDigit(this.peek(1))) {
      isFloat = true;
      s += this.advance();
      while (isDigit(this.peek())) s += this.advance();
    }
    if (
      (this.peek() === "e" || this.peek() === "E") &&
      (isDigit(this.peek(1)) ||
        ((this.peek(1) === "+" || this.peek(1) === "-") && isDigit(this.peek(2))))
    ) {
      isFloat = true;
      s += this.advance();
      if (this.peek() === "+" || this.peek() === "-") s += this.advance();
      while (isDigit(this.peek())) s += this.advance();
    }
    if (s.length > this.options.maxAtomLength)
      this.fail(
        `number of ${s.length} digits exceeds the limit of ${this.options.maxAtomLength}`,
        l0,
        c0
      );
    if (isFloat) {
      const f = Number(s);
      if (!Number.isFinite(f)) this.fail(`float ${s} is out of range`, l0, c0);
      this.push({ kind: "float", text: s, float: f });
    } else this.push({ kind: "int", text: s, int: toIntValue(BigInt(s)) });
  }

  private lexQuoted(q: string): string {
    const l0 = this.line;
    const c0 = this.col;
    this.advance();
    let s = "";
    for (;;) {
      const c = this.peek();
      if (c === "") this.fail(`unterminated quoted ${q === "'" ? "atom" : "string"}`, l0, c0);
      if (c === q) {
        if (this.peek(1) === q) {
          this.advance();
          this.advance();
          s += q;
          continue;
        }
        this.advance();
        return s;
      }
      if (c === "\n")
        this.fail(`newline inside a quoted ${q === "'" ? "atom" : "string"} (write it as \\n)`);
      if (c === "\\") {
        if (this.peek(1) === "\n") {
          // this.line continuation
          this.advance();
          this.advance();
          continue;
        }
        s += this.lexEscape(q);
        continue;
      }
      s += this.advance();
      if (s.length > this.options.maxAtomLength)
        this.fail(
          `quoted text exceeds the limit of ${this.options.maxAtomLength} characters`,
          l0,
          c0
        );
    }
  }

  private lexEscape(q: string): string {
    const l0 = this.line;
    const c0 = this.col;
    this.advance(); // backslash
    const e = this.advance();
    const simple: Record<string, string> = {
      n: "\n",
      t: "\t",
      r: "\r",
      a: "\x07",
      b: "\b",
      f: "\f",
      v: "\v",
      "0": "\0",
      e: "\x1b",
      s: " ",
      "\\": "\\",
      "'": "'",
      '"': '"',
      "`": "`"
    };
    if (e === "x") {
      let h = "";
      while (/^[0-9a-fA-F]$/.test(this.peek())) h += this.advance();
      if (this.peek() !== "\\" || h === "")
        this.fail("bad \\x escape: expected hex digits closed by \\", l0, c0);
      this.advance();
      return this.codePoint(parseInt(h, 16), l0, c0);
    }
    if (e === "u" || e === "U") {
      const n = e === "u" ? 4 : 8;
      let h = "";
      for (let k = 0; k < n; k++) {
        if (!/^[0-9a-fA-F]$/.test(this.peek()))
          this.fail(`bad \\${e} escape: expected ${n} hex digits`, l0, c0);
        h += this.advance();
      }
      return this.codePoint(parseInt(h, 16), l0, c0);
    }
    if (/^[0-7]$/.test(e) && !(e === "0" && this.peek() !== "\\" && !/^[0-7]$/.test(this.peek()))) {
      let o = e;
      while (/^[0-7]$/.test(this.peek())) o += this.advance();
      if (this.peek() !== "\\")
        this.fail("bad octal escape: expected octal digits closed by \\", l0, c0);
      this.advance();
      return this.codePoint(parseInt(o, 8), l0, c0);
    }
    if (e in simple) return simple[e];
    return this.fail(`unknown escape \\${e} in quoted ${q === "'" ? "atom" : "string"}`, l0, c0);
  }

  private codePoint(n: number, l0: number, c0: number): string {
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff))
      this.fail(`escape gives an invalid code point ${n}`, l0, c0);
    return String.fromCodePoint(n);
  }
}

function toIntValue(b: bigint): number | bigint {
  return b <= BigInt(Number.MAX_SAFE_INTEGER) && b >= -BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(b)
    : b;
}
