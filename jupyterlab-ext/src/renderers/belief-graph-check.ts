/**
 * Reads what the kernel sent under the belief-graph MIME type and decides whether it can be
 * drawn. The types come from pwmk's payload contract (imported as types only, so nothing of
 * the kernel library is bundled); a change there that this check does not follow fails the
 * extension's type check, and the unit tests compare this check with pwmk's own validator.
 */
import type { BeliefGraphMimeType, BeliefGraphPayload } from "pwmk/display";

/**
 * The MIME type this renderer draws; typed so that it must equal pwmk's constant.
 *
 * ```ts
 * model.data[BELIEF_GRAPH_MIME];
 * ```
 */
export const BELIEF_GRAPH_MIME: BeliefGraphMimeType = "application/vnd.pwmk.belief-graph.v1+json";

/**
 * The format major version this renderer reads.
 *
 * ```ts
 * SUPPORTED_MAJOR; // 1: draws "1.0", "1.5", …; refuses "2.0" with a message
 * ```
 */
export const SUPPORTED_MAJOR = 1;

/**
 * Either a drawable graph or a message saying, in words, why it cannot be drawn.
 *
 * ```ts
 * const r: CheckResult = checkBeliefGraph(data);
 * if (r.ok) draw(r.graph); else show(`${r.title}: ${r.detail}`);
 * ```
 */
export type CheckResult =
  { ok: true; graph: BeliefGraphPayload } | { ok: false; title: string; detail: string };

/**
 * Checks a belief-graph payload. Accepts the payload as an object or, as tslab's per-type
 * fallback sends it, as a JSON string.
 *
 * ```ts
 * const result = checkBeliefGraph(model.data[BELIEF_GRAPH_MIME]);
 * if (!result.ok) showMessage(result.title, result.detail);
 * ```
 */
export function checkBeliefGraph(data: unknown): CheckResult {
  let value = data;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return bad("Not a PWMK belief graph", "the output holds text that is not JSON");
    }
  }
  if (!isObject(value)) {
    return bad("Not a PWMK belief graph", `expected a JSON object, got ${kindOf(value)}`);
  }
  const version = value.version;
  const match =
    typeof version === "string" ? /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/.exec(version) : null;
  if (!match) {
    return bad(
      "Not a PWMK belief graph",
      `"version" must be a "major.minor" string, got ${kindOf(version)}`
    );
  }
  if (Number(match[1]) !== SUPPORTED_MAJOR) {
    return bad(
      "Unsupported belief graph version",
      `this output uses belief-graph format ${version}, but this jupyterlab-pwmk draws format ` +
        `${SUPPORTED_MAJOR}.x; install the jupyterlab-pwmk that matches your pwmk version`
    );
  }
  const problems: string[] = [];
  if (value.title !== undefined && typeof value.title !== "string")
    problems.push('"title" must be a string');
  const kinds = new Map<string, string>();
  if (!Array.isArray(value.nodes)) {
    problems.push('"nodes" must be an array');
  } else {
    value.nodes.forEach((node: unknown, i: number) => {
      if (!isObject(node)) return problems.push(`nodes[${i}] must be an object`);
      if (typeof node.id !== "string" || node.id === "")
        problems.push(`nodes[${i}].id must be a non-empty string`);
      else if (kinds.has(node.id)) problems.push(`nodes[${i}].id is used twice`);
      else kinds.set(node.id, String(node.kind));
      if (node.kind !== "agent" && node.kind !== "proposition") {
        problems.push(`nodes[${i}].kind must be "agent" or "proposition"`);
      }
      if (node.label !== undefined && typeof node.label !== "string")
        problems.push(`nodes[${i}].label must be a string`);
      return undefined;
    });
  }
  if (!Array.isArray(value.edges)) {
    problems.push('"edges" must be an array');
  } else {
    value.edges.forEach((edge: unknown, i: number) => {
      if (!isObject(edge)) return problems.push(`edges[${i}] must be an object`);
      if (edge.relation !== "believes") problems.push(`edges[${i}].relation must be "believes"`);
      if (kinds.get(edge.from as string) !== "agent")
        problems.push(`edges[${i}].from must name an agent node`);
      if (kinds.get(edge.to as string) !== "proposition")
        problems.push(`edges[${i}].to must name a proposition node`);
      const c = edge.credence;
      if (c !== undefined && !(typeof c === "number" && c >= 0 && c <= 1)) {
        problems.push(`edges[${i}].credence must be a number in [0, 1]`);
      }
      return undefined;
    });
  }
  if (problems.length > 0) {
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : "";
    return bad("Malformed belief graph", problems.slice(0, 5).join("; ") + more);
  }
  return { ok: true, graph: value as unknown as BeliefGraphPayload };
}

function bad(title: string, detail: string): CheckResult {
  return { ok: false, title, detail };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 30))}`;
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}
