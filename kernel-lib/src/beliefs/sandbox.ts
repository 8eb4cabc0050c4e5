/**
 * The static half of the sandbox: every goal of a rule body or query is checked against the
 * declared predicates and a whitelist of side-effect-free built-ins before it reaches an engine.
 * Control constructs and meta-calls are checked recursively; a goal only known at run time (a
 * variable, or call/N on a variable) is wrapped in `'$pwmk_call'/2`, which performs the same check
 * inside the engine when the goal is bound.
 */
import { Atom, Compound, formatTerm, Term, list } from "../terms";
import { ArityMismatchError, SandboxError, UnknownPredicateError } from "./errors";

/**
 * Side-effect-free built-ins callable from rules and queries (name/arity).
 * ```ts
 * SAFE_BUILTINS.includes("member/2"); // true
 * ```
 */
export const SAFE_BUILTINS: readonly string[] = [
  "true/0",
  "fail/0",
  "false/0",
  "!/0",
  "=/2",
  "\\=/2",
  "==/2",
  "\\==/2",
  "@</2",
  "@>/2",
  "@=</2",
  "@>=/2",
  "compare/3",
  "dif/2",
  "is/2",
  "=:=/2",
  "=\\=/2",
  "</2",
  ">/2",
  "=</2",
  ">=/2",
  "succ/2",
  "plus/3",
  "between/3",
  "var/1",
  "nonvar/1",
  "atom/1",
  "number/1",
  "integer/1",
  "float/1",
  "atomic/1",
  "compound/1",
  "callable/1",
  "is_list/1",
  "ground/1",
  "string/1",
  "functor/3",
  "arg/3",
  "=../2",
  "copy_term/2",
  "member/2",
  "memberchk/2",
  "append/3",
  "length/2",
  "nth0/3",
  "nth1/3",
  "last/2",
  "reverse/2",
  "msort/2",
  "sort/2",
  "sort/4",
  "sum_list/2",
  "max_list/2",
  "min_list/2",
  "list_to_set/2",
  "subtract/3",
  "intersection/3",
  "union/3",
  "delete/3",
  "atom_length/2",
  "atom_concat/3",
  "sub_atom/5",
  "atom_chars/2",
  "atom_codes/2",
  "char_code/2",
  "atom_number/2",
  "number_codes/2",
  "atom_string/2",
  "string_concat/3",
  "string_chars/2",
  "string_codes/2",
  "string_to_atom/2",
  "string_length/2",
  "sub_string/5",
  "split_string/4",
  "upcase_atom/2",
  "downcase_atom/2",
  "atomic_list_concat/2",
  "atomic_list_concat/3",
  "believes/2"
];

/** Meta predicates whose goal arguments are checked recursively (argument positions). */
const META: Record<string, number[]> = {
  ",/2": [0, 1],
  ";/2": [0, 1],
  "->/2": [0, 1],
  "*->/2": [0, 1],
  "\\+/1": [0],
  "not/1": [0],
  "once/1": [0],
  "ignore/1": [0],
  "findall/3": [1],
  "findall/4": [1],
  "forall/2": [0, 1],
  "aggregate_all/3": [1],
  "bagof/3": [1],
  "setof/3": [1]
};

/** Everything the engine must accept at run time: safe built-ins plus the meta predicates. */
export const ENGINE_ALLOWED: readonly string[] = [
  ...SAFE_BUILTINS,
  ...Object.keys(META),
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `call/${n}`)
];

/** Names never allowed, with the reason shown to the user. */
const FORBIDDEN_HINTS: Record<string, string> = {
  halt: "halt stops the engine",
  shell: "shell runs operating-system commands",
  assert: "assert changes the KB from inside a query; use assertFact/addRule",
  asserta: "asserta changes the KB from inside a query; use assertFact/addRule",
  assertz: "assertz changes the KB from inside a query; use assertFact/addRule",
  retract: "retract changes the KB from inside a query; use retractFact",
  retractall: "retractall changes the KB from inside a query; use retractFact",
  consult: "consult loads files; use store.load(text)",
  op: "op/3 changes the syntax",
  set_prolog_flag: "set_prolog_flag changes the engine",
  catch: "catch/3 could intercept the query limits",
  open: "file I/O",
  see: "file I/O",
  tell: "file I/O",
  write: "output",
  format: "output",
  use_module: "loading modules",
  load_files: "loading files",
  call_cleanup: "cleanup handlers",
  setup_call_cleanup: "cleanup handlers",
  abolish: "abolish changes the KB"
};

/** What a predicate name/arity is, as far as user terms are concerned. */
export interface PredicateTable {
  /** Declared arities of a user predicate name (empty when undeclared). */
  arities(name: string): number[];
}

/** Where a goal comes from, for error messages: text, or a function that makes it on demand. */
export type Context = string | (() => string);

const describe = (c: Context): string => (typeof c === "string" ? c : c());

/**
 * Checks a goal and returns it rewritten for the engine (run-time goals wrapped).
 * Throws SandboxError, UnknownPredicateError or ArityMismatchError naming the goal.
 * ```ts
 * checkGoal(parseTerm("at(X, Y), X \\= Y"), table, "query");
 * ```
 */
export function checkGoal(goal: Term, table: PredicateTable, context: Context): Term {
  switch (goal.kind) {
    case "var":
      return new Compound("$pwmk_call", [goal, new Atom("[]")]);
    case "num":
    case "string":
      throw new SandboxError(`${formatTerm(goal)} is not a goal (in ${describe(context)})`);
    case "atom":
    case "compound":
      break;
  }
  const name = goal.kind === "atom" ? goal.name : goal.name;
  const args = goal.kind === "compound" ? goal.args : [];
  const ind = `${name}/${args.length}`;
  if (name === "call" && args.length >= 1) {
    const [g, ...extra] = args;
    if (g.kind === "var") return new Compound("$pwmk_call", [g, list(...extra)]);
    if (g.kind !== "atom" && g.kind !== "compound")
      throw new SandboxError(
        `call/${args.length} on ${formatTerm(g)}, which is not a goal (in ${describe(context)})`
      );
    const extended =
      extra.length === 0
        ? g
        : g.kind === "atom"
          ? new Compound(g.name, extra)
          : new Compound(g.name, [...g.args, ...extra]);
    return checkGoal(extended, table, context);
  }
  const meta = META[ind];
  if (meta) {
    const out = args.slice();
    for (const i of meta) {
      out[i] =
        name === "bagof" || name === "setof"
          ? checkCarets(args[i], table, context)
          : checkGoal(args[i], table, context);
    }
    return new Compound(name, out);
  }
  if (name.startsWith("$"))
    throw new SandboxError(`${ind} is an internal predicate (in ${describe(context)})`);
  if (SAFE_BUILTINS.includes(ind)) return goal;
  const arities = table.arities(name);
  if (arities.includes(args.length)) return goal;
  if (arities.length > 0) throw new ArityMismatchError(ind, arities, describe(context));
  const hint = FORBIDDEN_HINTS[name];
  if (hint)
    throw new SandboxError(
      `${ind} is not callable from rules or queries (${hint}) (in ${describe(context)})`
    );
  throw new UnknownPredicateError(ind, describe(context));
}

function checkCarets(g: Term, table: PredicateTable, context: Context): Term {
  if (g.kind === "compound" && g.name === "^" && g.args.length === 2) {
    return new Compound("^", [g.args[0], checkCarets(g.args[1], table, context)]);
  }
  return checkGoal(g, table, context);
}

/** Splits a clause into head and body (`true` for facts). */
export function splitClause(clause: Term): { head: Term; body: Term } {
  if (clause.kind === "compound" && clause.name === ":-" && clause.args.length === 2) {
    return { head: clause.args[0], body: clause.args[1] };
  }
  if (
    clause.kind === "compound" &&
    (clause.name === ":-" || clause.name === "?-") &&
    clause.args.length === 1
  ) {
    throw new SandboxError(
      `directives (${clause.name} ...) are not accepted; use the store's methods`
    );
  }
  if (clause.kind === "compound" && clause.name === "-->")
    throw new SandboxError("DCG rules (-->) are not supported");
  return { head: clause, body: new Atom("true") };
}
