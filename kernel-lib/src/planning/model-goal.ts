/**
 * Goals over a learned world model's predictions. The belief head gives, per agent, a probability
 * for each value of each belief target (what the agent believes of a fluent, or believes another
 * agent believes); the world's own fluents come from the predicted observations through a
 * `readWorld` function the caller gives. A formula gets a degree in [0, 1]:
 *
 * - `fluent = value` outside any belief: readWorld's probability of the value (1 or 0 for a
 *   plain value); under `B(i, ...)` (or `B(i, B(j, ...))`): the belief head's probability that i
 *   (believes j) believes the value;
 * - `!φ`: 1 - degree; `φ & ψ`: the smaller degree; `φ | ψ`: the larger;
 * - `B(i, B(i, φ))` reads as `B(i, φ)`; common belief `C(...)` has no target and is refused.
 *
 * A formula holds when its degree is at least the threshold (default 0.5).
 *
 * ```ts
 * const goal = compileModelGoal(goalTerms("B(sally, at(marble) = basket)"), spec, undefined);
 * goal.degree({ probs, observations }); // 0.93
 * ```
 */
import type { AgentId, Fluent, Value } from "../epistemic/events";
import { formulaToString, type Formula } from "../epistemic/formula";
import type { BeliefSpec } from "../models/types";
import type { GoalTerms } from "./goal-terms";

/**
 * Reads the world's fluents from predicted observations (one per agent, in the model's agent
 * order): each fluent's value, or a probability per value.
 *
 * ```ts
 * const readWorld: ReadWorld = (obs) => ({ "in(sally, room)": obs[0][0] > 0.5 });
 * ```
 */
export type ReadWorld = (
  observations: Float32Array[]
) => Record<Fluent, Value | Record<string, number>>;

/** One predicted step, as the goal reads it. */
export interface ModelPoint {
  /** Belief probabilities after the step, `[agent * classes + class]`. */
  probs: Float32Array;
  observations: Float32Array[];
}

/** A goal compiled against a model's belief targets (see the module comment). */
export interface ModelGoal {
  degree(point: ModelPoint): number;
  /** The top-level conjuncts with their degrees. */
  parts(point: ModelPoint): { formula: string; degree: number; holds: boolean }[];
  holds(point: ModelPoint): boolean;
  /** Conjuncts whose degree is below the threshold (the goal-count heuristic). */
  unmet(point: ModelPoint): number;
}

/**
 * Compiles a goal; throws naming an unknown agent, a belief with no target in the spec, a value
 * the target does not have, a fluent outside beliefs without `readWorld`, or common belief.
 *
 * ```ts
 * compileModelGoal(goalTerms("B(anne, at(marble) = box)"), model.config.beliefSpec!, undefined, 0.5);
 * ```
 */
export function compileModelGoal(
  terms: GoalTerms,
  spec: BeliefSpec,
  readWorld: ReadWorld | undefined,
  threshold = 0.5
): ModelGoal {
  if (!(threshold > 0 && threshold <= 1))
    throw new RangeError(`threshold must be in (0, 1], got ${String(threshold)}`);
  if (terms.usesCommon) {
    throw new RangeError(
      "a world model's belief head has no common-belief targets: write the goal with B(...) only"
    );
  }
  for (const a of terms.agents) {
    if (!spec.agents.includes(a))
      throw new RangeError(
        `the goal names unknown agent ${JSON.stringify(a)}; the model's agents: ${spec.agents.join(", ")}`
      );
  }
  const offsets: number[] = [];
  let classes = 0;
  for (const t of spec.targets) {
    offsets.push(classes);
    classes += t.values.length;
  }
  /** Index of the probability that `chain` believes `fluent = value`. */
  const slot = (chain: AgentId[], fluent: Fluent, value: Value): number => {
    const holder = spec.agents.indexOf(chain[0]);
    const about = chain.slice(1);
    const k = spec.targets.findIndex(
      (t) =>
        t.fluent === fluent &&
        (t.about ?? []).length === about.length &&
        about.every((a, i) => t.about![i] === a)
    );
    if (k < 0) {
      const have = spec.targets.map((t) => t.name).join(", ");
      throw new RangeError(
        `the model has no belief target for ${[...chain, fluent].join(" → ")} (its targets: ${have})`
      );
    }
    const v = spec.targets[k].values.indexOf(String(value));
    if (v < 0) {
      throw new RangeError(
        `${JSON.stringify(value)} is not a value of belief target ${spec.targets[k].name} (${spec.targets[k].values.join(", ")})`
      );
    }
    return holder * classes + offsets[k] + v;
  };
  const compile = (f: Formula, chain: AgentId[]): ((p: ModelPoint) => number) => {
    switch (f.op) {
      case "const":
        return f.value ? () => 1 : () => 0;
      case "not": {
        const g = compile(f.arg, chain);
        return (p) => 1 - g(p);
      }
      case "and":
      case "or": {
        const gs = f.args.map((a) => compile(a, chain));
        return f.op === "and"
          ? (p) => Math.min(...gs.map((g) => g(p)))
          : (p) => Math.max(...gs.map((g) => g(p)));
      }
      case "believes":
        return compile(f.arg, chain[chain.length - 1] === f.agent ? chain : [...chain, f.agent]);
      case "common":
        throw new RangeError("common belief is not supported over a world model");
      case "atom": {
        if (chain.length > 0) {
          const at = slot(chain, f.fluent, f.value);
          return (p) => p.probs[at];
        }
        if (!readWorld) {
          throw new RangeError(
            `the goal reads ${f.fluent} outside a belief: give readWorld(observations) to read the world's fluents from predicted observations`
          );
        }
        const { fluent, value } = f;
        return (p) => {
          const got = readWorld(p.observations)[fluent];
          if (got === undefined) throw new RangeError(`readWorld gave no value for ${fluent}`);
          if (typeof got === "object" && got !== null)
            return (got as Record<string, number>)[String(value)] ?? 0;
          return String(got) === String(value) ? 1 : 0;
        };
      }
    }
  };
  const whole = compile(terms.formula, []);
  const parts = terms.conjuncts.map((c) => ({
    formula: formulaToString(c),
    degree: compile(c, [])
  }));
  return {
    degree: whole,
    holds: (p) => whole(p) >= threshold,
    parts: (p) =>
      parts.map((c) => {
        const degree = c.degree(p);
        return { formula: c.formula, degree, holds: degree >= threshold };
      }),
    unmet: (p) => parts.filter((c) => c.degree(p) < threshold).length
  };
}
