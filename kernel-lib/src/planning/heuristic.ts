/**
 * The goal-count heuristic of best-first search: how many belief and fact goals are still
 * unmet at the actual world, counting inside conjunctions and per agent inside common belief.
 * `C([a, b, c], tail)` unmet counts the agents of the group that do not yet believe `tail`
 * (at least 1), so telling one more agent shows as progress. Not admissible (one action may
 * meet several goals at once), so best-first search on it does not promise shortest plans.
 *
 * ```ts
 * goalCount(state.model, problem.goalParts); // 0 exactly when the goal holds
 * ```
 */
import type { Resolved } from "../epistemic/formula-eval";
import type { KripkeModel } from "../epistemic/kripke-model";
import { holdsAt } from "./state";

/** The heuristic value of a state (see the module comment); 0 exactly when every part holds. */
export function goalCount(model: KripkeModel, parts: readonly Resolved[]): number {
  let h = 0;
  for (const g of parts) h += unmet(model, g);
  return h;
}

function unmet(model: KripkeModel, g: Resolved): number {
  if (holdsAt(model, g)) return 0;
  switch (g.op) {
    case "and":
      return g.args.reduce((n, x) => n + unmet(model, x), 0);
    case "or":
      return Math.min(...g.args.map((x) => unmet(model, x)));
    case "common": {
      const notYet = g.group.filter(
        (a) => !holdsAt(model, { op: "believes", a, arg: g.arg })
      ).length;
      return Math.max(1, notYet);
    }
    default:
      return 1;
  }
}
