/**
 * Translation of the store's terms, rules and queries into clingo's ASP syntax. What ASP cannot
 * express (quoted atoms that are not clingo identifiers, wide integers, ...) is an
 * UnsupportedError naming the clingo backend.
 *
 * ```ts
 * toAspClause(parseTerm("deceived(A) :- believes(A, at(m, L)), \\+ at(m, L)"));
 * // "deceived(A) :- believes(A,at(m,L)), not at(m,L)."
 * ```
 */
import { formatTerm, listItems, Term } from "../../terms";
import { UnsupportedError } from "../errors";
import { toNested } from "../layout";
import { SAFE_BUILTINS } from "../sandbox";
import type { EngineOp } from "./engine";

const IDENT = /^_*[a-z][A-Za-z0-9_']*$/;
const RESERVED = new Set(["not"]);

/** Throws the UnsupportedError that translating the operation to ASP would throw. */
export function checkExpressible(op: EngineOp): void {
  switch (op.op) {
    case "addFacts":
    case "delFacts":
      op.facts.forEach(toAspClause);
      break;
    case "addBeliefs":
    case "delBeliefs":
      op.beliefs.forEach((b) => toAspClause(toNested(b)));
      break;
    case "addRules":
    case "delRules":
      op.rules.forEach((r) => toAspClause(r.original));
      break;
    case "query":
      toAspBody(op.original);
      break;
    case "holds":
      op.originals.forEach(toAspBody);
      break;
    default:
      break;
  }
}

/** Translates a data term (argument position) to clingo syntax. */
export function toAspTerm(t: Term): string {
  switch (t.kind) {
    case "atom":
      if (!IDENT.test(t.name) || RESERVED.has(t.name))
        throw new UnsupportedError(
          "clingo",
          `the atom ${formatTerm(t)} (clingo constants are lowercase identifiers)`
        );
      return t.name;
    case "num":
      if (t.float || typeof t.value === "bigint" || Math.abs(t.value) > 2 ** 31 - 1) {
        throw new UnsupportedError(
          "clingo",
          `the number ${formatTerm(t)} (clingo has 32-bit integers only)`
        );
      }
      return String(t.value);
    case "string":
      return JSON.stringify(t.value).replace(/\\u([0-9a-f]{4})/g, (_, h) =>
        String.fromCharCode(parseInt(h, 16))
      );
    case "var":
      return t.name;
    case "compound": {
      const arith: Record<string, string> = {
        "+": "+",
        "-": "-",
        "*": "*",
        "//": "/",
        mod: "\\",
        "**": "**"
      };
      if (t.args.length === 2 && arith[t.name])
        return `(${toAspTerm(t.args[0])}${arith[t.name]}${toAspTerm(t.args[1])})`;
      if (t.args.length === 1 && t.name === "-") return `-(${toAspTerm(t.args[0])})`;
      if (listItems(t) || t.name === "[|]")
        throw new UnsupportedError("clingo", `lists such as ${formatTerm(t)}`);
      if (!IDENT.test(t.name) || RESERVED.has(t.name))
        throw new UnsupportedError("clingo", `the functor ${t.name}/${t.args.length}`);
      return `${t.name}(${t.args.map(toAspTerm).join(",")})`;
    }
  }
}

const COMPARE: Record<string, string> = {
  "=": "=",
  "==": "=",
  "=:=": "=",
  is: "=",
  "\\=": "!=",
  "\\==": "!=",
  "=\\=": "!=",
  "<": "<",
  ">": ">",
  "=<": "<=",
  ">=": ">=",
  "@<": "<",
  "@>": ">",
  "@=<": "<=",
  "@>=": ">="
};

/** Translates a rule body or query to a list of clingo body literals. */
export function toAspBody(goal: Term): string[] {
  if (goal.kind === "compound" && goal.name === "," && goal.args.length === 2)
    return [...toAspBody(goal.args[0]), ...toAspBody(goal.args[1])];
  if (goal.kind === "atom" && goal.name === "true") return [];
  if (
    goal.kind === "compound" &&
    (goal.name === "\\+" || goal.name === "not") &&
    goal.args.length === 1
  ) {
    const inner = toAspBody(goal.args[0]);
    if (inner.length !== 1)
      throw new UnsupportedError(
        "clingo",
        `negation of a conjunction ${formatTerm(goal)}; define a helper rule`
      );
    return [`not ${inner[0]}`];
  }
  if (goal.kind === "compound" && goal.args.length === 2 && COMPARE[goal.name]) {
    return [`${toAspTerm(goal.args[0])}${COMPARE[goal.name]}${toAspTerm(goal.args[1])}`];
  }
  if (
    goal.kind === "compound" &&
    [
      ";",
      "->",
      "*->",
      "call",
      "findall",
      "forall",
      "once",
      "ignore",
      "aggregate_all",
      "bagof",
      "setof"
    ].includes(goal.name)
  ) {
    throw new UnsupportedError(
      "clingo",
      `${goal.name}/${goal.args.length} in rules or queries (ASP bodies are conjunctions of literals)`
    );
  }
  if (goal.kind === "var") throw new UnsupportedError("clingo", "variable goals (meta-calls)");
  if (goal.kind !== "atom" && goal.kind !== "compound")
    throw new UnsupportedError("clingo", `${formatTerm(goal)} as a goal`);
  const ind = goal.kind === "atom" ? `${goal.name}/0` : `${goal.name}/${goal.args.length}`;
  if (ind === "fail/0" || ind === "false/0") return ["#false"];
  // Any other Prolog built-in would reach clingo as an undefined atom and silently fail.
  if (ind !== "believes/2" && SAFE_BUILTINS.includes(ind))
    throw new UnsupportedError(
      "clingo",
      `the built-in ${ind} (ASP bodies serve comparisons, is/2 and \\+ only)`
    );
  return [toAspTerm(goal)];
}

/** Translates a head: an atom, or a choice `{ e1 ; e2 : cond }` with optional `= N` bound. */
function toAspHead(head: Term): string {
  const choice = (inner: Term): string => {
    const elems: string[] = [];
    const alts = (t: Term): Term[] =>
      t.kind === "compound" && t.name === ";" && t.args.length === 2
        ? [...alts(t.args[0]), ...alts(t.args[1])]
        : [t];
    for (const e of alts(inner)) {
      const conj = toConj(e);
      const [first, ...rest] = conj;
      if (first.kind === "compound" && first.name === ":" && first.args.length === 2) {
        elems.push(
          `${toAspTerm(first.args[0])} : ${[...toAspBody(first.args[1]), ...rest.flatMap(toAspBody)].join(", ")}`
        );
      } else if (rest.length === 0) elems.push(toAspTerm(first));
      else throw new UnsupportedError("clingo", `choice element ${formatTerm(e)}`);
    }
    return `{ ${elems.join("; ")} }`;
  };
  if (head.kind === "compound" && head.name === "{}" && head.args.length === 1)
    return choice(head.args[0]);
  if (head.kind === "compound" && head.name === "=" && head.args.length === 2) {
    const [l, r] = head.args;
    if (l.kind === "compound" && l.name === "{}" && r.kind === "num")
      return `${choice(l.args[0])} = ${toAspTerm(r)}`;
  }
  return toAspTerm(head);
}

function toConj(t: Term): Term[] {
  return t.kind === "compound" && t.name === "," && t.args.length === 2
    ? [...toConj(t.args[0]), ...toConj(t.args[1])]
    : [t];
}

/** Translates a clause (rule, fact, choice rule or `:- Body` constraint) to one clingo statement. */
export function toAspClause(clause: Term): string {
  if (clause.kind === "compound" && clause.name === ":-" && clause.args.length === 1) {
    return `:- ${toAspBody(clause.args[0]).join(", ")}.`;
  }
  if (clause.kind === "compound" && clause.name === ":-" && clause.args.length === 2) {
    const body = toAspBody(clause.args[1]);
    return body.length
      ? `${toAspHead(clause.args[0])} :- ${body.join(", ")}.`
      : `${toAspHead(clause.args[0])}.`;
  }
  return `${toAspHead(clause)}.`;
}
