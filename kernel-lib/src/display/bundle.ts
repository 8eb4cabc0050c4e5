/**
 * MIME bundles: what one notebook output carries. A displayable pwmk object turns itself into
 * a bundle with its own `application/vnd.pwmk.*+json` payload (a JSON object, not a string),
 * a static fallback (`image/svg+xml` or self-contained `text/html`) and `text/plain`.
 */

/**
 * One notebook output's data, keyed by MIME type. `text/plain` is always present so that any
 * front end can show something.
 *
 * ```ts
 * const bundle: MimeBundle = { "text/plain": "3 agents", "image/svg+xml": "<svg …/>" };
 * ```
 */
export interface MimeBundle {
  /** The plain-text form every bundle has (what a terminal or a viewer without renderers shows). */
  "text/plain": string;
  [mimeType: string]: unknown;
}

/**
 * The convention for objects that can be shown in a notebook: `toMimeBundle()` returns the
 * object's full bundle. `pwmk.display(obj)` sends it as one output.
 *
 * ```ts
 * class Hello implements Displayable {
 *   toMimeBundle(): MimeBundle {
 *     return { "text/plain": "hello", "text/html": "<b>hello</b>" };
 *   }
 * }
 * pwmk.display(new Hello());
 * ```
 */
export interface Displayable {
  /**
   * The object's whole bundle: at least `text/plain`, usually a pwmk payload and a static
   * fallback (SVG or HTML) for viewers without the extension. Called once per display.
   */
  toMimeBundle(): MimeBundle;
}

/**
 * True if `value` follows the {@link Displayable} convention.
 *
 * ```ts
 * isDisplayable(pwmk.beliefGraph({ beliefs: [] })); // true
 * isDisplayable({}); // false
 * ```
 */
export function isDisplayable(value: unknown): value is Displayable {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { toMimeBundle?: unknown }).toMimeBundle === "function"
  );
}

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

/**
 * Checks that `bundle` can be sent as one notebook output and throws an error naming the
 * first problem otherwise: keys must be MIME types, `text/plain` must be a string, `+json`
 * types must hold JSON objects or arrays, other types strings, and everything must be
 * plain JSON (no functions, cycles, NaN or undefined inside).
 *
 * ```ts
 * checkMimeBundle({ "text/plain": "ok" }); // passes
 * checkMimeBundle({ "text/plain": "x", "application/vnd.pwmk.belief-graph.v1+json": "{}" });
 * // throws: application/vnd.pwmk.belief-graph.v1+json must hold a JSON object, not a string
 * ```
 */
export function checkMimeBundle(bundle: unknown): asserts bundle is MimeBundle {
  if (typeof bundle !== "object" || bundle === null || Array.isArray(bundle)) {
    throw new Error("a MIME bundle must be an object keyed by MIME type");
  }
  const entries = Object.entries(bundle);
  if (typeof (bundle as Record<string, unknown>)["text/plain"] !== "string") {
    throw new Error('a MIME bundle needs a "text/plain" string, so every front end can show it');
  }
  for (const [mimeType, data] of entries) {
    if (!MIME_TYPE.test(mimeType)) {
      throw new Error(`"${mimeType.slice(0, 60)}" is not a MIME type`);
    }
    if (mimeType.endsWith("+json") || mimeType === "application/json") {
      if (typeof data !== "object" || data === null) {
        const what = typeof data === "string" ? "a string" : String(data);
        throw new Error(`${mimeType} must hold a JSON object, not ${what}`);
      }
      checkPlainJson(data, mimeType, new Set());
    } else if (typeof data !== "string") {
      throw new Error(
        `${mimeType} must hold a string, got ${data === null ? "null" : typeof data}`
      );
    }
  }
}

function checkPlainJson(value: unknown, where: string, seen: Set<object>): void {
  switch (typeof value) {
    case "string":
    case "boolean":
      return;
    case "number":
      if (!Number.isFinite(value)) throw new Error(`${where} is ${value}, which JSON cannot hold`);
      return;
    case "object": {
      if (value === null) return;
      if (seen.has(value)) throw new Error(`${where} refers back to itself (a cycle)`);
      seen.add(value);
      if (Array.isArray(value)) {
        value.forEach((item, i) => checkPlainJson(item, `${where}[${i}]`, seen));
      } else {
        // A plain object's prototype is null or some realm's Object.prototype (tslab and jest
        // run code in vm contexts, each with its own Object.prototype).
        const proto = Object.getPrototypeOf(value);
        if (proto !== null && Object.getPrototypeOf(proto) !== null) {
          throw new Error(`${where} is a class instance; payloads must be plain JSON objects`);
        }
        for (const [key, item] of Object.entries(value))
          checkPlainJson(item, `${where}.${key}`, seen);
      }
      seen.delete(value);
      return;
    }
    default:
      throw new Error(`${where} is ${typeof value}, which JSON cannot hold`);
  }
}
