import { checkMimeBundle, isDisplayable, type Displayable, type MimeBundle } from "./bundle";
import { processEnvironment, sendBundle, type BridgeEnvironment } from "./tslab-bridge";
import { BELIEF_AND_REPLAY_ADAPTERS } from "./adapters";
import type { BeliefSource } from "./belief-sources";
import { CHART_ADAPTERS } from "./charts/adapters";
import type { TrajectorySource } from "./trajectory-sources";
import type { DivergenceSource } from "./charts/divergence";
import type { PredictionInput } from "./charts/predictions";
import type { SearchTreeSource } from "./charts/search-tree";
import type { TrainingHistoryInput } from "./charts/training";

/**
 * Everything `display` draws: pwmk Displayables, MIME bundles, and plain objects users hold
 * (a training history, a planner's search tree, divergence records, predictions beside the truth).
 *
 * ```ts
 * const things: Showable[] = [pwmk.beliefGraph({ beliefs: [] }), [{ epoch: 1, loss: 0.5 }]];
 * ```
 */
export type Showable =
  | Displayable
  | MimeBundle
  | BeliefSource
  | TrajectorySource
  | TrainingHistoryInput
  | SearchTreeSource
  | DivergenceSource
  | PredictionInput;

/**
 * What `display(x)` draws besides Displayables and bundles: the plain objects users hold, each
 * turned into a Displayable by its builder. Tried in order; the first that matches wins.
 */
const ADAPTERS = [...BELIEF_AND_REPLAY_ADAPTERS, ...CHART_ADAPTERS];

/**
 * Shows a pwmk object in the notebook as ONE output carrying its whole MIME bundle (our
 * `application/vnd.pwmk.*+json` payload, a static SVG/HTML fallback, and `text/plain`).
 * Accepts a {@link Displayable} or a bundle. Outside a tslab kernel it prints the `text/plain`
 * part. A bad object or bundle throws an error naming the problem, and nothing is sent.
 * Returns nothing, so a notebook cell ending with it shows only the output.
 *
 * ```ts
 * import * as pwmk from "pwmk";
 * pwmk.display(pwmk.beliefGraph({ beliefs: [{ agent: "sally", proposition: "at(marble, basket)" }] }));
 * ```
 */
export function display(obj: Showable, env: BridgeEnvironment = processEnvironment()): void {
  sendBundle(toMimeBundle(obj), env);
}

/**
 * Same as {@link display}; reads better at the end of a cell.
 *
 * ```ts
 * pwmk.show(graph);
 * ```
 */
export const show = display;

/**
 * The checked MIME bundle of a displayable object (or of a bundle given directly), without
 * sending it. Useful to save outputs or to test what a notebook would receive.
 *
 * ```ts
 * const bundle = pwmk.toMimeBundle(graph);
 * Object.keys(bundle); // ["application/vnd.pwmk.belief-graph.v1+json", "image/svg+xml", "text/plain"]
 * ```
 */
export function toMimeBundle(obj: Showable): MimeBundle {
  let bundle: unknown;
  const adapter = isDisplayable(obj) ? undefined : ADAPTERS.find((a) => a.matches(obj));
  if (adapter) {
    bundle = adapter.toDisplayable(obj).toMimeBundle();
  } else if (isDisplayable(obj)) {
    bundle = obj.toMimeBundle();
  } else if (
    typeof obj === "object" &&
    obj !== null &&
    !Array.isArray(obj) &&
    Object.keys(obj).some((k) => k.includes("/"))
  ) {
    bundle = obj;
  } else {
    throw new Error(
      "display needs a pwmk object with toMimeBundle() (e.g. pwmk.beliefGraph(...)) or a MIME bundle " +
        '({ "text/plain": "...", ... })'
    );
  }
  checkMimeBundle(bundle);
  return bundle;
}
