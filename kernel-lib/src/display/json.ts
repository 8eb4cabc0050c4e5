/**
 * Deep copies of plain JSON payloads, made in this realm and frozen, so a displayable's payload
 * cannot change after it was validated.
 */

/**
 * A deep copy of a plain JSON value, frozen at every level.
 *
 * ```ts
 * const payload = frozenJsonCopy({ version: "1.0", nodes: [] });
 * Object.isFrozen(payload.nodes); // true
 * ```
 */
export function frozenJsonCopy<T>(value: T): T {
  return deepFreeze(JSON.parse(JSON.stringify(value)) as T);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
