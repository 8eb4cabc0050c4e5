/**
 * `pwmk/terms`: Prolog terms for PWMK: types, parser, printer, builders and JS conversions.
 * See README.md in this folder for the stable API.
 *
 * ```ts
 * import { formatTerm, parseTerm, termVariables } from "pwmk/terms";
 * const t = parseTerm("believes(anne, at(marble, Where))");
 * termVariables(t); // ["Where"]
 * formatTerm(t); // "believes(anne,at(marble,Where))"
 * ```
 * @module pwmk/terms
 */
export {
  Atom,
  Num,
  Str,
  Var,
  Compound,
  TermError,
  LIST_CONS,
  LIST_NIL,
  isTerm,
  indicator,
  termEquals,
  isGround,
  termVariables,
  termDepth,
  termSize,
  listItems
} from "./term";
export type { Term } from "./term";
export { PrologSyntaxError } from "./lexer";
export { parseTerm, parseClauses, DEFAULT_PARSE_OPTIONS } from "./parser";
export type { ParseOptions } from "./parser";
export { formatTerm, formatClause, formatAtom, atomNeedsQuotes } from "./printer";
export {
  atom,
  num,
  str,
  v,
  compound,
  list,
  listWithTail,
  pred,
  believes,
  beliefChain,
  jsToTerm,
  termToJs
} from "./build";
export type { TermLike, JsValue } from "./build";
