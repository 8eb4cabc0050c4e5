/**
 * The mA* lexer: identifiers, numbers, punctuation and keywords, with `%` comments to the end of
 * the line. Every token keeps its line and column so that errors can point at it.
 *
 * ```ts
 * tokenize("peek_a determines tail; % a comment").map((t) => t.text); // ["peek_a", "determines", "tail", ";", ""]
 * ```
 */
import type { SourcePos } from "./ast";

/**
 * A problem in mA* text, with the line and column where it was found.
 *
 * ```ts
 * try { parseMAStar("fluent tail") } catch (e) { (e as MAStarSyntaxError).line; } // 1
 * ```
 */
export class MAStarSyntaxError extends Error {
  /** The line of the problem (1-based). */
  readonly line: number;
  /** The column of the problem (1-based). */
  readonly col: number;
  constructor(message: string, at: SourcePos) {
    super(`mA* line ${at.line}:${at.col}: ${message}`);
    this.name = "MAStarSyntaxError";
    this.line = at.line;
    this.col = at.col;
  }
}

/** Token kinds: identifiers (keywords included), numbers, punctuation, end of input. */
export type TokenKind = "id" | "number" | "punct" | "eof";

/** One token. */
export interface Token {
  kind: TokenKind;
  text: string;
  at: SourcePos;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*|[0-9]+/y;
const PUNCT = new Set([";", ",", "|", "(", ")", "[", "]", "-"]);

/** Splits mA* text into tokens; throws MAStarSyntaxError on a character mA* does not use. */
export function tokenize(src: string): Token[] {
  if (typeof src !== "string")
    throw new MAStarSyntaxError("the problem must be text", { line: 1, col: 1 });
  const out: Token[] = [];
  let line = 1;
  let col = 1;
  let i = 0;
  const advance = (n: number) => {
    i += n;
    col += n;
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === "\n") {
      i++;
      line++;
      col = 1;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r") {
      advance(1);
      continue;
    }
    if (ch === "%") {
      while (i < src.length && src[i] !== "\n") advance(1);
      continue;
    }
    const at = { line, col };
    if (PUNCT.has(ch)) {
      out.push({ kind: "punct", text: ch, at });
      advance(1);
      continue;
    }
    WORD.lastIndex = i;
    const m = WORD.exec(src);
    if (!m) {
      throw new MAStarSyntaxError(`unexpected character ${JSON.stringify(ch)}`, at);
    }
    out.push({ kind: /^[0-9]/.test(m[0]) ? "number" : "id", text: m[0], at });
    advance(m[0].length);
  }
  out.push({ kind: "eof", text: "", at: { line, col } });
  return out;
}
