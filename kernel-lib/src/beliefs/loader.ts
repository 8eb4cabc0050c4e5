/**
 * The loader: Prolog text (facts, `believes/2` facts, rules and `:- dynamic(name/arity).`
 * declarations) into a checked plan of engine operations. Pure: every clause is validated here,
 * before any engine call, so a load is all-or-nothing.
 */
import { formatTerm, isGround, parseClauses, Term } from "../terms";
import type { EngineOp, KeyedBelief, RuleClause } from "./backends/engine";
import { Declarations, flattenConj, InputChecker, truncate } from "./check";
import { BeliefStoreError, SandboxError } from "./errors";
import { isBelievesTerm, toKeyed } from "./layout";
import { beliefKey, factKey } from "./mirror";
import { splitClause } from "./sandbox";

/** What a load will do: declarations first, then facts, beliefs and rules. */
export interface LoadPlan {
  declarations: Declarations;
  facts: Term[];
  beliefs: KeyedBelief[];
  rules: RuleClause[];
}

/**
 * Parses and checks Prolog text for load(). Facts declare their predicates; a fact or belief
 * given twice is loaded once.
 * ```ts
 * const plan = planLoad(":- dynamic(at/2).\nat(marble, box).", checker);
 * plan.facts.length; // 1
 * ```
 */
export function planLoad(text: string, checker: InputChecker): LoadPlan {
  if (typeof text !== "string")
    throw new BeliefStoreError(`load expects Prolog text, got ${typeof text}`);
  const clauses = parseClauses(text, checker.parseOptions(100));
  const declarations = new Declarations();
  const facts = new Map<string, Term>();
  const beliefs = new Map<string, KeyedBelief>();
  const ruleClauses: Term[] = [];
  const declare = (name: string, arity: number): void => {
    if (checker.isDeclared(name, arity) || declarations.has(name, arity)) return;
    checker.declaration(name, arity);
    declarations.add(name, arity);
  };
  // pass 1: declarations and facts
  clauses.forEach((cl, i) => {
    const where = `load, clause ${i + 1}`;
    if (cl.kind === "compound" && cl.name === ":-" && cl.args.length === 1) {
      const d = cl.args[0];
      if (d.kind === "compound" && d.name === "dynamic" && d.args.length === 1) {
        for (const spec of flattenConj(d.args[0])) {
          if (
            spec.kind === "compound" &&
            spec.name === "/" &&
            spec.args[0].kind === "atom" &&
            spec.args[1].kind === "num"
          ) {
            declare(spec.args[0].name, Number(spec.args[1].value));
          } else
            throw new BeliefStoreError(
              `${where}: bad dynamic declaration ${formatTerm(spec)}; write name/arity`
            );
        }
        return;
      }
      throw new SandboxError(
        `${where}: directive ${truncate(formatTerm(cl))} is not accepted (only :- dynamic(name/arity))`
      );
    }
    const { head, body } = splitClause(cl);
    const isFact = body.kind === "atom" && body.name === "true";
    if (isFact && isBelievesTerm(head) && isGround(head)) {
      const b = toKeyed(head);
      beliefs.set(beliefKey(b), b);
    } else if (isFact && isGround(head) && (head.kind === "atom" || head.kind === "compound")) {
      declare(head.name, head.kind === "compound" ? head.args.length : 0);
      facts.set(factKey(head), head);
    } else ruleClauses.push(cl);
  });
  // pass 2: check facts, beliefs and rules against the declarations (beliefs declare too)
  for (const f of facts.values()) checker.data(f);
  for (const b of beliefs.values()) checker.keyedBelief(b, true, "load", declarations);
  const rules = ruleClauses.map((cl) => checker.rule(cl, "load", declarations));
  return { declarations, facts: [...facts.values()], beliefs: [...beliefs.values()], rules };
}

/**
 * The update operations of a plan, in chunks (declarations are run first, separately).
 * ```ts
 * for (const ops of loadCalls(plan)) await engine.run(ops, limits);
 * ```
 */
export function loadCalls(plan: LoadPlan, chunk = 5000, perCall = 4): EngineOp[][] {
  const ops: EngineOp[] = [];
  for (let i = 0; i < plan.facts.length; i += chunk)
    ops.push({ op: "addFacts", facts: plan.facts.slice(i, i + chunk) });
  for (let i = 0; i < plan.beliefs.length; i += chunk)
    ops.push({ op: "addBeliefs", beliefs: plan.beliefs.slice(i, i + chunk) });
  if (plan.rules.length) ops.push({ op: "addRules", rules: plan.rules });
  const calls: EngineOp[][] = [];
  for (let i = 0; i < ops.length; i += perCall) calls.push(ops.slice(i, i + perCall));
  return calls;
}
