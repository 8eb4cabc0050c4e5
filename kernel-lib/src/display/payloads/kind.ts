/**
 * What every payload kind declares (MIME type, version, JSON Schema, the rules a schema cannot
 * state) and the one validation path all kinds share: version first (a wrong major version gets
 * its own message), then the schema, then the kind's own rules. Kernel builders, the static
 * fallbacks and the extension's renderers all call these functions.
 */
import { checkSchema, describeValue, isObject, type JsonSchema } from "./schema";

/**
 * A payload kind: everything needed to check one `application/vnd.pwmk.<kind>.v<major>+json`.
 *
 * ```ts
 * validatePayload(BELIEF_GRAPH_V1, value); // [] when valid
 * ```
 */
export interface PayloadKind<T> {
  /** Words for messages: "belief graph". */
  readonly name: string;
  /** Short name used in versions and file names: "belief-graph". */
  readonly slug: string;
  /** The MIME type, e.g. "application/vnd.pwmk.belief-graph.v2+json". */
  readonly mime: string;
  /** The major version the MIME type names; readers refuse other majors. */
  readonly major: number;
  /** The "major.minor" version this library writes. */
  readonly version: string;
  /** The JSON Schema every payload of this kind satisfies. */
  readonly schema: JsonSchema;
  /** Rules beyond the schema (unique ids, references that must resolve); runs on schema-valid payloads. */
  // Method syntax on purpose: a PayloadKind<Foo> then also serves where a PayloadKind<unknown> is expected.
  rules?(payload: T): string[];
}

const VERSION = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;

/**
 * The major version of a payload's `version` field, or undefined when it is not "major.minor".
 *
 * ```ts
 * payloadMajor({ version: "2.1" }); // 2
 * ```
 */
export function payloadMajor(value: unknown): number | undefined {
  if (!isObject(value) || typeof value.version !== "string") return undefined;
  const match = VERSION.exec(value.version);
  return match ? Number(match[1]) : undefined;
}

/**
 * Lists what is wrong with a would-be payload of `kind` (at most 50 problems); an empty list
 * means it is valid.
 *
 * ```ts
 * validatePayload(BELIEF_GRAPH_V1, { version: "2.0", nodes: [], edges: [] });
 * // ['version is "2.0"; this reader reads belief-graph format 1.x']
 * ```
 */
export function validatePayload<T>(kind: PayloadKind<T>, value: unknown): string[] {
  if (!isObject(value)) return [`payload must be a JSON object, got ${describeValue(value)}`];
  const major = payloadMajor(value);
  if (major === undefined)
    return [`version must be a "major.minor" string, got ${describeValue(value.version)}`];
  if (major !== kind.major)
    return [`version is "${value.version}"; this reader reads ${kind.slug} format ${kind.major}.x`];
  const problems = checkSchema(kind.schema, value);
  if (problems.length > 0 || !kind.rules) return problems;
  return kind.rules(value as T).slice(0, 50);
}

/**
 * Throws one error naming every problem (up to 50) if `value` is not a valid payload of `kind`.
 *
 * ```ts
 * assertPayload(BELIEF_GRAPH_V1, JSON.parse(text)); // now typed
 * ```
 */
export function assertPayload<T>(kind: PayloadKind<T>, value: unknown): asserts value is T {
  const problems = validatePayload(kind, value);
  if (problems.length > 0) throw new Error(`invalid ${kind.name}: ${problems.join("; ")}`);
}

/**
 * What a renderer gets from {@link readPayload}: the payload, or a title and a reason to show.
 *
 * ```ts
 * const r: PayloadReading<BeliefGraphPayload> = readPayload(BELIEF_GRAPH_V1, data);
 * ```
 */
export type PayloadReading<T> =
  { ok: true; payload: T } | { ok: false; title: string; detail: string };

/** Payloads sent as text larger than this are refused before parsing (characters). */
export const MAX_PAYLOAD_CHARS = 32_000_000;

/**
 * Reads what a notebook output holds under a payload MIME type: a JSON object or (tslab's
 * per-type fallback) JSON text. Returns the payload, or a message for the user: "Not a PWMK
 * belief graph", "Unsupported belief graph version" or "Malformed belief graph", with the
 * first five problems.
 *
 * ```ts
 * const r = readPayload(BELIEF_GRAPH_V1, model.data[BELIEF_GRAPH_MIME]);
 * if (!r.ok) showMessage(r.title, r.detail);
 * ```
 */
export function readPayload<T>(
  kind: PayloadKind<T>,
  data: unknown,
  maxChars = MAX_PAYLOAD_CHARS
): PayloadReading<T> {
  const notOurs = `Not a PWMK ${kind.name}`;
  let value = data;
  if (typeof value === "string") {
    if (value.length > maxChars) {
      return bad(
        notOurs,
        `the output holds ${value.length} characters, more than the ${maxChars} this viewer reads`
      );
    }
    try {
      value = JSON.parse(value);
    } catch {
      return bad(notOurs, "the output holds text that is not JSON");
    }
  }
  if (!isObject(value)) return bad(notOurs, `expected a JSON object, got ${describeValue(value)}`);
  const major = payloadMajor(value);
  if (major === undefined) {
    return bad(
      notOurs,
      `"version" must be a "major.minor" string, got ${describeValue(value.version)}`
    );
  }
  if (major !== kind.major) {
    return bad(
      `Unsupported ${kind.name} version`,
      `this output uses ${kind.slug} format ${String(value.version)}, but this viewer draws format ` +
        `${kind.major}.x; install the jupyterlab-pwmk that matches your pwmk version`
    );
  }
  const problems = validatePayload(kind, value);
  if (problems.length > 0) {
    const more =
      problems.length > 5
        ? ` (and ${problems.length === 50 ? "more" : problems.length - 5 + " more"})`
        : "";
    return bad(`Malformed ${kind.name}`, problems.slice(0, 5).join("; ") + more);
  }
  return { ok: true, payload: value as T };
}

function bad<T>(title: string, detail: string): PayloadReading<T> {
  return { ok: false, title, detail };
}
