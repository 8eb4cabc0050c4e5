/**
 * Prolog terms as immutable TypeScript values. Every term prints itself as Prolog text that
 * reads back to an equal term (`toString()`), so notebook output shows familiar Prolog.
 *
 * ```ts
 * import { atom, compound, v } from "pwmk";
 * const t = compound("at", atom("treasure"), v("R"));
 * t.toString(); // "at(treasure,R)"
 * ```
 */
import { formatTerm } from "./printer";
import { TermError } from "./errors";

export { TermError };

import { LIST_CONS, LIST_NIL } from "./constants";

export { LIST_CONS, LIST_NIL };

abstract class TermBase {
  abstract readonly kind: "atom" | "num" | "string" | "var" | "compound";
  /** Prolog text that reads back to this term (atoms quoted where needed). */
  toString(): string {
    return formatTerm(this as unknown as Term);
  }
  /** JSON form (the Prolog text), so terms serialise readably. */
  toJSON(): string {
    return this.toString();
  }
}

/**
 * An atom, e.g. `treasure`, `'Room 3'`, `[]`.
 * ```ts
 * new Atom("treasure").toString(); // "treasure"
 * ```
 */
export class Atom extends TermBase {
  /** Tells the term kinds apart (`switch (t.kind)` narrows a `Term`). */
  readonly kind = "atom" as const;
  constructor(
    /** The atom's text, unquoted (`Room 3` for `'Room 3'`). */
    readonly name: string
  ) {
    super();
  }
}

/**
 * A number: an integer (`number`, or `bigint` beyond 2^53) or a float (`float: true`).
 * ```ts
 * new Num(3).toString(); // "3"
 * new Num(3, true).toString(); // "3.0"
 * ```
 */
export class Num extends TermBase {
  /** Tells the term kinds apart (`switch (t.kind)` narrows a `Term`). */
  readonly kind = "num" as const;
  /** Whether Prolog sees a float (`3.0`) rather than an integer (`3`). */
  readonly float: boolean;
  constructor(
    /** The value: finite; a `bigint` for integers beyond 2^53. */
    readonly value: number | bigint,
    float?: boolean
  ) {
    super();
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new TermError(`a number term must be finite, got ${value}`);
    }
    this.float = typeof value === "bigint" ? false : (float ?? !Number.isInteger(value));
  }
}

/**
 * A string object (Prolog `"text"`), distinct from an atom.
 * ```ts
 * new Str("hello").toString(); // "\"hello\""
 * ```
 */
export class Str extends TermBase {
  /** Tells the term kinds apart (`switch (t.kind)` narrows a `Term`). */
  readonly kind = "string" as const;
  constructor(
    /** The text, without the quotes. */
    readonly value: string
  ) {
    super();
  }
}

/**
 * A logic variable, named as in Prolog source (`X`, `Room`, `_`).
 * ```ts
 * new Var("R").toString(); // "R"
 * ```
 */
export class Var extends TermBase {
  /** Tells the term kinds apart (`switch (t.kind)` narrows a `Term`). */
  readonly kind = "var" as const;
  constructor(
    /** The variable's name: an uppercase letter or `_`, then letters, digits and `_`. */
    readonly name: string
  ) {
    super();
    if (!/^[A-Z_][A-Za-z0-9_]*$/.test(name)) {
      throw new TermError(
        `invalid variable name ${JSON.stringify(name)}: must start with an uppercase letter or _ and contain only letters, digits and _`
      );
    }
  }
}

/**
 * A compound term `name(arg1, ..., argN)` with N >= 1. Lists are compounds `'[|]'(H, T)`.
 * ```ts
 * new Compound("at", [new Atom("treasure"), new Var("R")]).toString(); // "at(treasure,R)"
 * ```
 */
export class Compound extends TermBase {
  /** Tells the term kinds apart (`switch (t.kind)` narrows a `Term`). */
  readonly kind = "compound" as const;
  /** The arguments (at least one), frozen. */
  readonly args: readonly Term[];
  constructor(
    /** The functor's name, e.g. "at" in `at(treasure, R)`. */
    readonly name: string,
    args: readonly Term[]
  ) {
    super();
    if (args.length === 0)
      throw new TermError(`compound ${name}/0 needs at least one argument; use an atom`);
    this.args = Object.freeze(args.slice());
  }
  /** Number of arguments. */
  get arity(): number {
    return this.args.length;
  }
}

/**
 * Any Prolog term.
 *
 * ```ts
 * const t: Term = parseTerm("at(marble, Where)");
 * if (t instanceof Compound) t.args.length; // 2
 * ```
 */
export type Term = Atom | Num | Str | Var | Compound;

/**
 * True when `x` is a Term object.
 * ```ts
 * isTerm(atom("a")); // true
 * isTerm("a"); // false
 * ```
 */
export function isTerm(x: unknown): x is Term {
  return x instanceof TermBase;
}

/**
 * `name/arity` indicator of a callable term; atoms give "name/0".
 * ```ts
 * indicator(parseTerm("at(x, y)")); // "at/2"
 * ```
 */
export function indicator(t: Term): string {
  if (t.kind === "atom") return `${t.name}/0`;
  if (t.kind === "compound") return `${t.name}/${t.args.length}`;
  throw new TermError(`${formatTerm(t)} is not callable (not an atom or compound)`);
}

/**
 * Structural equality (variables equal when their names are equal).
 * ```ts
 * termEquals(parseTerm("f(X)"), compound("f", v("X"))); // true
 * ```
 */
export function termEquals(a: Term, b: Term): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "atom":
      return a.name === (b as Atom).name;
    case "num":
      return a.value === (b as Num).value && a.float === (b as Num).float;
    case "string":
      return a.value === (b as Str).value;
    case "var":
      return a.name === (b as Var).name;
    case "compound": {
      const c = b as Compound;
      if (a.name !== c.name || a.args.length !== c.args.length) return false;
      for (let i = 0; i < a.args.length; i++) if (!termEquals(a.args[i], c.args[i])) return false;
      return true;
    }
  }
}

/**
 * True when the term has no variables.
 * ```ts
 * isGround(parseTerm("at(x, R)")); // false
 * ```
 */
export function isGround(t: Term): boolean {
  const stack: Term[] = [t];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === "var") return false;
    if (x.kind === "compound") stack.push(...x.args);
  }
  return true;
}

/**
 * Names of the variables of a term in first-occurrence order (each once; `_` excluded).
 * ```ts
 * termVariables(parseTerm("f(X, _, Y, X)")); // ["X", "Y"]
 * ```
 */
export function termVariables(t: Term): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const visit = (x: Term): void => {
    if (x.kind === "var") {
      if (x.name !== "_" && !seen.has(x.name)) {
        seen.add(x.name);
        out.push(x.name);
      }
    } else if (x.kind === "compound") for (const a of x.args) visit(a);
  };
  visit(t);
  return out;
}

/**
 * Nesting depth: atomic terms and variables have depth 1; a list adds one level for its items,
 * however long it is. Iterative, safe on deep terms.
 * ```ts
 * termDepth(parseTerm("f(g(x))")); // 3
 * termDepth(parseTerm("[a, b, c]")); // 2
 * ```
 */
export function termDepth(t: Term): number {
  let max = 0;
  const stack: Array<[Term, number]> = [[t, 1]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (d > max) max = d;
    if (x.kind !== "compound") continue;
    if (x.name === LIST_CONS && x.args.length === 2) {
      // A list is one level whatever its length: its tail stays at the depth of the list.
      stack.push([x.args[0], d + 1], [x.args[1], d]);
    } else for (const a of x.args) stack.push([a, d + 1]);
  }
  return max;
}

/**
 * Number of nodes (atomic terms, variables and compounds) in the term.
 * ```ts
 * termSize(parseTerm("f(a, b)")); // 3
 * ```
 */
export function termSize(t: Term): number {
  let n = 0;
  const stack: Term[] = [t];
  while (stack.length) {
    const x = stack.pop()!;
    n++;
    if (x.kind === "compound") stack.push(...x.args);
  }
  return n;
}

/**
 * Splits a proper list term into its items; undefined when `t` is not a proper list.
 * ```ts
 * listItems(parseTerm("[a, b]"))!.length; // 2
 * ```
 */
export function listItems(t: Term): Term[] | undefined {
  const items: Term[] = [];
  let cur = t;
  while (cur.kind === "compound" && cur.name === LIST_CONS && cur.args.length === 2) {
    items.push(cur.args[0]);
    cur = cur.args[1];
  }
  return cur.kind === "atom" && cur.name === LIST_NIL ? items : undefined;
}
