/**
 * The `display(x)` adapters for charts: a planner's search tree, divergence records, a world
 * model's predictions beside the truth and a training history, each turned into its chart. display.ts tries them with its other adapters,
 * in order (belief sources first, so a ProbabilisticBeliefs draws as a belief graph).
 */
import type { Displayable } from "../bundle";
import { divergenceChart, isDivergenceHistory } from "./divergence";
import { isPredictionInput, predictionChart } from "./predictions";
import { isSearchResult, isSearchTree, searchTree } from "./search-tree";
import { isTrainingHistory, trainingChart } from "./training";

/**
 * The chart adapters, in the shape display.ts uses.
 *
 * ```ts
 * CHART_ADAPTERS.find((a) => a.matches(history))?.toDisplayable(history);
 * ```
 */
export const CHART_ADAPTERS: ReadonlyArray<{
  matches(x: unknown): boolean;
  toDisplayable(x: unknown): Displayable;
}> = [
  // A planner's tree: { visits, value, children } or { root, nodes }.
  // A search's or a plan's result { action, stats, tree } / { plan, tree }: its tree.
  {
    matches: (x) => isSearchTree(x) || isSearchResult(x),
    toDisplayable: (x) => searchTree(x as Parameters<typeof searchTree>[0])
  },
  // Divergence records, or a trace { measure, divergenceHistory } that is not itself a tracker.
  {
    matches: (x) =>
      isDivergenceHistory(x) ||
      (typeof x === "object" &&
        x !== null &&
        typeof (x as { apply?: unknown }).apply !== "function" &&
        isDivergenceHistory((x as { divergenceHistory?: unknown }).divergenceHistory)),
    toDisplayable: (x) => divergenceChart(x as Parameters<typeof divergenceChart>[0])
  },
  // A world model's predictions beside the truth: { truth, predicted }.
  {
    matches: isPredictionInput,
    toDisplayable: (x) => predictionChart(x as Parameters<typeof predictionChart>[0])
  },
  // Per-epoch metrics, columns, or { epochs } / { history } (a trainer's history).
  {
    matches: isTrainingHistory,
    toDisplayable: (x) => trainingChart(x as Parameters<typeof trainingChart>[0])
  }
];
