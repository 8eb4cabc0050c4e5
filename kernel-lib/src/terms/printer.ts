/**
 * Prints terms as Prolog text that reads back (with parseTerm, or by SWI-Prolog) to the same term:
 * atoms are quoted when needed, operators are written with the parentheses their priorities need.
 *
 * ```ts
 * import { formatTerm, parseTerm } from "pwmk";
 * formatTerm(parseTerm("a :- (b ; c), \\+ d")); // "a:-(b;c),\\+d"
 * ```
 */
import { LIST_CONS, LIST_NIL } from "./constants";
import { argPriorities, infixOp, isOperator, prefixOp } from "./operators";
import type { Compound, Num, Term } from "./term";
import { TermError } from "./errors";

const SYMBOL_RE = /^[+\-*/\\^<>=~:.?@#&$]+$/;
const SOLO_ATOMS = new Set(["!", ";", "[]", "{}"]);

/**
 * Whether an atom must be quoted to read back.
 * ```ts
 * atomNeedsQuotes("Room 3"); // true
 * ```
 */
export function atomNeedsQuotes(name: string): boolean {
  if (/^[a-z][A-Za-z0-9_]*$/.test(name)) return false;
  if (SOLO_ATOMS.has(name)) return false;
  if (SYMBOL_RE.test(name) && name !== "." && !name.startsWith("/*") && !name.includes("%"))
    return false;
  return true;
}

/**
 * Writes an atom, quoted with ISO escapes when needed.
 * ```ts
 * formatAtom("it's"); // "'it\\'s'"
 * ```
 */
export function formatAtom(name: string): string {
  return atomNeedsQuotes(name) ? quote(name, "'") : name;
}

const BIDI_CONTROLS = new Set([
  0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069
]);

function quote(s: string, q: "'" | '"'): string {
  let out = q;
  for (const ch of s) {
    switch (ch) {
      case "\\":
        out += "\\\\";
        break;
      case "\n":
        out += "\\n";
        break;
      case "\t":
        out += "\\t";
        break;
      case "\r":
        out += "\\r";
        break;
      case q:
        out += "\\" + q;
        break;
      default: {
        const cp = ch.codePointAt(0)!;
        if (cp >= 0xd800 && cp <= 0xdfff)
          // no UTF-8 text (an engine's input) can carry it: it would silently become U+FFFD
          throw new TermError(
            `cannot write the unpaired UTF-16 surrogate U+${cp.toString(16).toUpperCase()} in ${q}...${q} text`
          );
        // control characters, and the bidirectional controls that SWI-Prolog 10 refuses to read
        if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || BIDI_CONTROLS.has(cp))
          out += `\\x${cp.toString(16)}\\`;
        else out += ch;
      }
    }
  }
  return out + q;
}

/** Writes a number so that it reads back as the same number (floats always carry "." or "e"). */
export function formatNumber(n: Num): string {
  const v = n.value;
  if (typeof v === "bigint") return v.toString();
  if (!n.float) return Object.is(v, -0) ? "0" : String(v);
  let s = String(v);
  if (/e/.test(s)) {
    const [m, e] = s.split("e");
    s = (m.includes(".") ? m : m + ".0") + "e" + e.replace("+", "");
  } else if (!s.includes(".")) s += ".0";
  return s;
}

/**
 * Formats a term as Prolog text. Priority 1200 is a full term; 999 is an argument position.
 * ```ts
 * formatTerm(compound("f", compound(",", atom("a"), atom("b")))); // "f((a,b))"
 * ```
 */
export function formatTerm(t: Term, maxPrec = 1200): string {
  return fmt(t, maxPrec);
}

function fmt(t: Term, maxPrec: number): string {
  switch (t.kind) {
    case "atom":
      return isOperator(t.name) && maxPrec < 1200
        ? bareOperatorAtom(t.name, maxPrec)
        : formatAtom(t.name);
    case "num":
      return formatNumber(t);
    case "string":
      return quote(t.value, '"');
    case "var":
      return t.name;
    case "compound":
      return fmtCompound(t, maxPrec);
  }
}

function bareOperatorAtom(name: string, maxPrec: number): string {
  // an operator atom as an operand is wrapped so that it cannot be read as an operator
  const s = formatAtom(name);
  return maxPrec < 999 || name === "," || name === "|" ? `(${s})` : s;
}

function fmtCompound(t: Compound, maxPrec: number): string {
  const { name, args } = t;
  if (name === LIST_CONS && args.length === 2) return fmtList(t);
  if (name === "{}" && args.length === 1) return `{${fmt(args[0], 1200)}}`;
  if (args.length === 2) {
    const def = infixOp(name);
    if (def) {
      const { left, right } = argPriorities(def);
      const l = fmt(args[0], left);
      const r = fmt(args[1], right);
      let s: string;
      if (name === ",") s = `${l},${r}`;
      else if (/^[a-z]/.test(name)) s = `${l} ${name} ${r}`;
      else s = `${l}${spaceAfter(l, name)}${name}${spaceBefore(r)}${r}`;
      return def.priority > maxPrec ? `(${s})` : s;
    }
  }
  if (args.length === 1) {
    const def = prefixOp(name);
    if (def && name !== "-" && name !== "+") {
      const { right } = argPriorities(def);
      const a = args[0];
      const argText =
        a.kind === "atom" && isOperator(a.name) ? `(${formatAtom(a.name)})` : fmt(a, right);
      const s = `${formatAtom(name)}${/^[a-z]/.test(name) || /^[+\-*/\\^<>=~:.?@#&$({]/.test(argText) ? " " : ""}${argText}`;
      return def.priority > maxPrec ? `(${s})` : s;
    }
  }
  return `${formatAtom(name)}(${args.map((a) => fmt(a, 999)).join(",")})`;
}

/** Space needed between the left operand text and a symbolic operator so they do not merge. */
function spaceAfter(left: string, op: string): string {
  const lastSym = /[+\-*/\\^<>=~:.?@#&$]$/.test(left);
  return lastSym || /^[a-z]/.test(op) ? " " : "";
}

/** Space needed between a symbolic operator and the right operand text ("a- -1", "a= \\+b"). */
function spaceBefore(right: string): string {
  // "{" too: SWI-Prolog would read `-{a}` as a dict with tag `-`
  return /^[+\-*/\\^<>=~:.?@#&${]/.test(right) ? " " : "";
}

function fmtList(t: Compound): string {
  const items: string[] = [];
  let cur: Term = t;
  while (cur.kind === "compound" && cur.name === LIST_CONS && cur.args.length === 2) {
    items.push(fmt(cur.args[0], 999));
    cur = cur.args[1];
  }
  if (cur.kind === "atom" && cur.name === LIST_NIL) return `[${items.join(",")}]`;
  return `[${items.join(",")}|${fmt(cur, 999)}]`;
}

/**
 * Formats a clause with its terminating ".", safe to concatenate with other clauses.
 * ```ts
 * formatClause(parseTerm("a :- b")); // "a:-b."
 * ```
 */
export function formatClause(t: Term): string {
  const s = fmt(t, 1200);
  return /[+\-*/\\^<>=~:.?@#&$]$/.test(s) ? `${s} .` : `${s}.`;
}
