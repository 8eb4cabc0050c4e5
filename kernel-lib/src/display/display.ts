import { checkMimeBundle, isDisplayable, type Displayable, type MimeBundle } from "./bundle";
import { processEnvironment, sendBundle, type BridgeEnvironment } from "./tslab-bridge";

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
export function display(
  obj: Displayable | MimeBundle,
  env: BridgeEnvironment = processEnvironment()
): void {
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
export function toMimeBundle(obj: Displayable | MimeBundle): MimeBundle {
  let bundle: unknown;
  if (isDisplayable(obj)) {
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
