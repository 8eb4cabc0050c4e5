/**
 * One validator for every payload kind: a small checker of the JSON Schema keywords our payload
 * schemas use, so the schema each kind publishes is also the code that checks it (in the kernel
 * and in the browser). It imports nothing and touches no Node or DOM API.
 *
 * Supported keywords: type (incl. "integer"), required, properties, additionalProperties (false
 * or a schema), items, minItems, maxItems, enum, const, minimum, maximum, minLength, maxLength,
 * pattern, anyOf. Annotations ($schema, $id, title, description) are ignored. A schema using any
 * other keyword is a programming error and throws, so no rule is silently skipped.
 */

/**
 * The subset of JSON Schema (draft 2020-12) that payload schemas are written in.
 *
 * ```ts
 * const point: JsonSchema = { type: "array", items: { type: "integer" }, minItems: 2, maxItems: 2 };
 * ```
 */
export interface JsonSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: JsonType | readonly JsonType[];
  readonly required?: readonly string[];
  readonly properties?: { readonly [name: string]: JsonSchema };
  readonly additionalProperties?: false | JsonSchema;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly anyOf?: readonly JsonSchema[];
}

/**
 * The JSON Schema `type` keywords {@link checkSchema} understands ("integer" is a whole number).
 *
 * ```ts
 * const t: JsonType = "integer";
 * ```
 */
export type JsonType = "object" | "array" | "string" | "number" | "integer" | "boolean" | "null";

const KNOWN = new Set([
  "$schema",
  "$id",
  "title",
  "description",
  "type",
  "required",
  "properties",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "enum",
  "const",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "pattern",
  "anyOf"
]);

/**
 * Lists where `value` breaks `schema`, one message per problem, each starting with the path
 * (`nodes[3].id`); stops after `limit` problems. An empty list means the value conforms.
 *
 * ```ts
 * checkSchema({ type: "object", required: ["id"] }, {}); // ["payload: \"id\" is missing"]
 * ```
 */
export function checkSchema(
  schema: JsonSchema,
  value: unknown,
  path = "payload",
  limit = 50
): string[] {
  const problems: string[] = [];
  walk(schema, value, path, problems, limit);
  return problems;
}

function walk(s: JsonSchema, v: unknown, path: string, out: string[], limit: number): void {
  if (out.length >= limit) return;
  for (const key of Object.keys(s)) {
    if (!KNOWN.has(key)) throw new Error(`payload schema uses unsupported keyword "${key}"`);
  }
  if (s.anyOf) {
    if (!s.anyOf.some((option) => checkSchema(option, v, path, 1).length === 0)) {
      out.push(`${path} matches none of its allowed forms, got ${describeValue(v)}`);
    }
    return;
  }
  if (s.type !== undefined) {
    const types = typeof s.type === "string" ? [s.type] : s.type;
    if (!types.some((t) => isType(t, v))) {
      out.push(`${path} must be ${types.map(article).join(" or ")}, got ${describeValue(v)}`);
      return;
    }
  }
  if (s.const !== undefined && v !== s.const) {
    out.push(`${path} must be ${JSON.stringify(s.const)}, got ${describeValue(v)}`);
  }
  if (s.enum && !s.enum.includes(v)) {
    const allowed = s.enum.map((e) => JSON.stringify(e)).join(", ");
    out.push(`${path} must be one of ${allowed}, got ${describeValue(v)}`);
  }
  if (typeof v === "number") {
    if (s.minimum !== undefined && v < s.minimum)
      out.push(`${path} must be ≥ ${s.minimum}, got ${v}`);
    if (s.maximum !== undefined && v > s.maximum)
      out.push(`${path} must be ≤ ${s.maximum}, got ${v}`);
  }
  if (typeof v === "string") {
    const length = Array.from(v).length;
    if (s.minLength !== undefined && length < s.minLength)
      out.push(
        s.minLength === 1
          ? `${path} must not be empty`
          : `${path} is shorter than ${s.minLength} characters`
      );
    if (s.maxLength !== undefined && length > s.maxLength)
      out.push(`${path} is longer than ${s.maxLength} characters`);
    if (s.pattern !== undefined && !new RegExp(s.pattern, "u").test(v))
      out.push(`${path} has the wrong form, got ${describeValue(v)}`);
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems)
      out.push(`${path} needs at least ${s.minItems} items, got ${v.length}`);
    if (s.maxItems !== undefined && v.length > s.maxItems)
      out.push(`${path} allows at most ${s.maxItems} items, got ${v.length}`);
    if (s.items) v.forEach((item, i) => walk(s.items!, item, `${path}[${i}]`, out, limit));
  }
  if (isObject(v)) {
    for (const name of s.required ?? []) {
      if (!Object.prototype.hasOwnProperty.call(v, name)) out.push(`${path}: "${name}" is missing`);
    }
    for (const [name, item] of Object.entries(v)) {
      const sub =
        s.properties && Object.prototype.hasOwnProperty.call(s.properties, name)
          ? s.properties[name]
          : s.additionalProperties;
      if (sub === false) out.push(`${path} has an unknown field ${describeValue(name)}`);
      else if (sub) walk(sub, item, `${path}.${name}`, out, limit);
    }
  }
}

function isType(t: JsonType, v: unknown): boolean {
  switch (t) {
    case "object":
      return isObject(v);
    case "array":
      return Array.isArray(v);
    case "integer":
      return typeof v === "number" && Number.isInteger(v);
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "null":
      return v === null;
    default:
      return typeof v === t;
  }
}

function article(t: JsonType): string {
  return t === "null"
    ? "null"
    : t === "object" || t === "array" || t === "integer"
      ? `an ${t}`
      : `a ${t}`;
}

/**
 * True for a JSON object (not null, not an array).
 *
 * ```ts
 * isObject({}); // true
 * isObject([]); // false
 * ```
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A short description of a value for error messages; long strings are cut, nothing is echoed
 * whole (labels may be 100 kB).
 *
 * ```ts
 * describeValue("x".repeat(100)); // "\"xxxx…\"" (40 characters kept)
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") {
    const chars = Array.from(value);
    return JSON.stringify(chars.length > 40 ? chars.slice(0, 40).join("") + "…" : value);
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeof value === "object" ? "an object" : typeof value;
}
