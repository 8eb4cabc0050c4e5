/**
 * EpistemicQuery: a nested belief query written as an agent chain and a goal, e.g.
 * "agent_0 believes that agent_1 believes that can_reach(agent_2, treasure)".
 *
 * ```ts
 * import { EpistemicQuery } from "pwmk";
 * const q = EpistemicQuery.of(["agent_0", "agent_1"], "can_reach(agent_2, treasure)");
 * q.toString(); // "believes(agent_0,believes(agent_1,can_reach(agent_2,treasure)))"
 * await q.holds(store);
 * ```
 */
import { formatTerm, parseTerm, Term, TermLike, jsToTerm } from "../terms";
import { BeliefStoreError } from "./errors";
import { toKeyed, toNested } from "./layout";
import type { BeliefStore } from "./store";
import type { Binding } from "./types";

/**
 * A query asked through a chain of agents' beliefs: `of(["anne", "sally"], goal)` asks what anne
 * believes sally believes about `goal`.
 *
 * ```ts
 * const q = EpistemicQuery.of(["anne", "sally"], "at(marble, L)");
 * await q.run(store); // [{ L: "basket" }]
 * ```
 */
export class EpistemicQuery {
  private constructor(
    /** The agent chain, outermost first (agents may be variables, e.g. "A" as v("A")). */
    readonly chain: readonly Term[],
    /** The innermost goal. */
    readonly goal: Term
  ) {}

  /**
   * Builds a query from a chain of agents and a goal (text is parsed by PWMK's parser).
   * ```ts
   * EpistemicQuery.of(["anne", "sally"], "at(marble, L)");
   * ```
   */
  static of(chain: readonly TermLike[], goal: string | Term): EpistemicQuery {
    if (!Array.isArray(chain) || chain.length === 0)
      throw new BeliefStoreError("an epistemic query needs at least one agent");
    const agents = chain.map((a) => jsToTerm(a));
    for (const a of agents) {
      if (a.kind !== "atom" && a.kind !== "var")
        throw new BeliefStoreError(
          `an agent in an epistemic query must be an atom or variable, got ${formatTerm(a)}`
        );
    }
    const g = typeof goal === "string" ? parseTerm(goal) : goal;
    const inner = toKeyed(g);
    return new EpistemicQuery([...agents, ...inner.chain], inner.fact);
  }

  /**
   * Reads a nested `believes(...)` term.
   * ```ts
   * EpistemicQuery.parse("believes(a, believes(b, at(x, L)))").depth; // 2
   * ```
   */
  static parse(text: string | Term): EpistemicQuery {
    const t = typeof text === "string" ? parseTerm(text) : text;
    const k = toKeyed(t);
    if (k.chain.length === 0)
      throw new BeliefStoreError(`not an epistemic query (no believes/2): ${formatTerm(t)}`);
    return EpistemicQuery.of(k.chain, k.fact);
  }

  /** Number of nested belief operators. */
  get depth(): number {
    return this.chain.length;
  }

  /** The nested `believes/2` term. */
  toTerm(): Term {
    return toNested({ chain: [...this.chain], fact: this.goal });
  }

  /** Prolog text of the query. */
  toString(): string {
    return formatTerm(this.toTerm());
  }

  /** All bindings of the query's variables in a store. */
  run(store: BeliefStore, opts?: { limit?: number }): Promise<Binding[]> {
    return store.query(this, opts);
  }

  /** Whether the query holds in a store. */
  holds(store: BeliefStore): Promise<boolean> {
    return store.holds(this);
  }
}
