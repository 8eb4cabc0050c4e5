/**
 * Checks of input against what an engine can do ({@link EngineCapabilities}). Pure: a goal or
 * term that needs a capability the engine lacks is refused with an UnsupportedError naming the
 * capability and the backend, before anything reaches the engine.
 */
import { formatTerm, LIST_CONS, LIST_NIL, Term } from "../terms";
import type { BackendName, EngineCapabilities } from "./backends/engine";
import { UnsupportedError } from "./errors";
import { SAFE_BUILTINS } from "./sandbox";

const META_CALLS = new Set([
  "call",
  "findall",
  "forall",
  "once",
  "ignore",
  "aggregate_all",
  "bagof",
  "setof"
]);

/** The built-ins every engine serves: comparison, arithmetic evaluation, truth. */
const BASIC_BUILTINS = new Set([
  "true/0",
  "fail/0",
  "false/0",
  "believes/2",
  "is/2",
  ...["=", "\\=", "==", "\\==", "=:=", "=\\=", "<", ">", "=<", ">=", "@<", "@>", "@=<", "@>="].map(
    (op) => `${op}/2`
  )
]);

function unsupported(
  backend: BackendName,
  what: string,
  capability: keyof EngineCapabilities
): never {
  throw new UnsupportedError(backend, what, capability);
}

/**
 * Refuses goal features the engine lacks: negation, disjunction, meta-calls, built-ins beyond
 * comparison, lists and floats. Run it after the sandbox has accepted the goal.
 * ```ts
 * requireGoalCapabilities(parseTerm("a ; b"), "clingo", clingoCaps); // throws [capability disjunction]
 * ```
 */
export function requireGoalCapabilities(
  goal: Term,
  backend: BackendName,
  caps: Readonly<EngineCapabilities>
): void {
  const visit = (g: Term): void => {
    if (g.kind === "var" && !caps.metaCalls)
      unsupported(backend, "goals only known at run time (meta-calls)", "metaCalls");
    if (g.kind !== "compound" && g.kind !== "atom") return;
    const args = g.kind === "compound" ? g.args : [];
    const ind = `${g.name}/${args.length}`;
    if (ind === ",/2") return args.forEach(visit);
    if (ind === "\\+/1" || ind === "not/1") {
      if (!caps.negation) unsupported(backend, `negation ${ind} in rules or queries`, "negation");
      return args.forEach(visit);
    }
    if (ind === ";/2" || ind === "->/2" || ind === "*->/2") {
      if (!caps.disjunction)
        unsupported(
          backend,
          `${ind} in rules or queries (bodies here are conjunctions of literals)`,
          "disjunction"
        );
      return args.forEach(visit);
    }
    if (META_CALLS.has(g.name)) {
      if (!caps.metaCalls)
        unsupported(backend, `${ind} in rules or queries (meta-calls)`, "metaCalls");
      return;
    }
    if (!caps.builtins && SAFE_BUILTINS.includes(ind) && !BASIC_BUILTINS.has(ind))
      unsupported(
        backend,
        `the built-in ${ind} (only comparisons, is/2, true and fail here)`,
        "builtins"
      );
    requireDataCapabilities(g, backend, caps);
  };
  visit(goal);
}

/**
 * Refuses data the engine cannot hold (lists, floats) anywhere in a term.
 * ```ts
 * requireDataCapabilities(parseTerm("price(x, 1.5)"), "clingo", clingoCaps); // throws [capability floats]
 * ```
 */
export function requireDataCapabilities(
  t: Term,
  backend: BackendName,
  caps: Readonly<EngineCapabilities>
): void {
  if (caps.lists && caps.floats) return;
  const stack: Term[] = [t];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === "num" && x.float && !caps.floats)
      unsupported(backend, `the number ${formatTerm(x)} (floats)`, "floats");
    if (!caps.lists) {
      const isList =
        (x.kind === "atom" && x.name === LIST_NIL) ||
        (x.kind === "compound" && x.name === LIST_CONS && x.args.length === 2);
      if (isList) {
        const text = formatTerm(x);
        unsupported(
          backend,
          `lists such as ${text.length > 120 ? text.slice(0, 120) + "…" : text}`,
          "lists"
        );
      }
    }
    if (x.kind === "compound") stack.push(...x.args);
  }
}
