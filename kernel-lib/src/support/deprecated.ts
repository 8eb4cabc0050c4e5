/**
 * Deprecation warnings for pwmk's own API: each deprecated name warns once per process, saying
 * the version it goes away in and what to use instead, so a notebook that still calls it keeps
 * working and its user learns what to change (docs/migration.md lists every deprecation).
 *
 * In Node (tslab, scripts) the warning is a `DeprecationWarning` with the code
 * `PWMK_DEPRECATED`: it shows on stderr once, `node --no-deprecation` silences it,
 * `--throw-deprecation` turns it into an error, and `process.on("warning")` sees it.
 */

/** What a deprecation says: the API, the version that removes it, and its replacement. */
export interface Deprecation {
  /** The deprecated API as a user writes it, e.g. `"BeliefStore.query(text, limit)"`. */
  api: string;
  /** The pwmk version that removes it (a semantic version, e.g. `"1.0.0"`). */
  removedIn: string;
  /** What to use instead, e.g. `"BeliefStore.query(text, { limit })"`. */
  use: string;
}

/** The `code` of every pwmk deprecation warning (for `process.on("warning")` filters). */
export const DEPRECATION_CODE = "PWMK_DEPRECATED";

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/;
const warned = new Set<string>();

function check(d: Deprecation): void {
  if (typeof d?.api !== "string" || d.api.trim() === "") {
    throw new TypeError("deprecated: `api` must name the deprecated API");
  }
  if (typeof d.removedIn !== "string" || !SEMVER.test(d.removedIn)) {
    throw new TypeError(
      `deprecated(${d.api}): removedIn must be a semantic version such as "1.0.0" (got ${String(d.removedIn)})`
    );
  }
  if (typeof d.use !== "string" || d.use.trim() === "") {
    throw new TypeError(`deprecated(${d.api}): \`use\` must say what to use instead`);
  }
}

/** The text of the warning for a deprecation. */
export function deprecationMessage(d: Deprecation): string {
  return (
    `${d.api} is deprecated and will be removed in pwmk ${d.removedIn}; use ${d.use} instead ` +
    `(see docs/migration.md)`
  );
}

/**
 * Warns that `d.api` is deprecated, the first time it is called for that API in this process;
 * later calls for the same API are silent. Returns whether it warned.
 *
 * ```ts
 * import { deprecated } from "pwmk/support";
 * export function oldName(x: number): number {
 *   deprecated({ api: "oldName()", removedIn: "1.0.0", use: "newName()" });
 *   return newName(x);
 * }
 * ```
 */
export function deprecated(d: Deprecation): boolean {
  check(d);
  if (warned.has(d.api)) return false;
  warned.add(d.api);
  const message = deprecationMessage(d);
  if (typeof process !== "undefined" && typeof process.emitWarning === "function") {
    process.emitWarning(message, { type: "DeprecationWarning", code: DEPRECATION_CODE });
  } else {
    console.warn(`DeprecationWarning: ${message}`);
  }
  return true;
}

/**
 * Wraps a function so that calling it warns once (see {@link deprecated}) and then does exactly
 * what `fn` does: same arguments, same `this`, same result. For a renamed function, keep the
 * old name as `deprecate(newName, ...)` for one major version.
 *
 * ```ts
 * import { deprecate } from "pwmk/support";
 * export const beliefsOf = deprecate(perspectiveOf, {
 *   api: "beliefsOf()",
 *   removedIn: "1.0.0",
 *   use: "perspectiveOf()"
 * });
 * ```
 */
export function deprecate<A extends unknown[], R, T = unknown>(
  fn: (this: T, ...args: A) => R,
  d: Deprecation
): (this: T, ...args: A) => R {
  check(d);
  return function (this: T, ...args: A): R {
    deprecated(d);
    return fn.apply(this, args);
  };
}
