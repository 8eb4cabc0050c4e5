/**
 * The contract between the pwmk kernel library and the `jupyterlab-pwmk` renderers: one MIME
 * type, one TypeScript type and one JSON Schema per visual payload, all kept in this file.
 *
 * The extension imports this module AS TYPES ONLY (`import type`), so a change here that the
 * renderer does not follow fails the extension's type check. This file therefore must not import
 * anything: it is read by the extension's compiler on its own.
 *
 * MIME types follow `application/vnd.pwmk.<kind>.v<major>+json`. A payload also carries its full
 * `version` ("<major>.<minor>"): minor versions only add optional fields, so a renderer for major
 * 1 draws any "1.x" payload and shows a clear message for any other major version.
 *
 * ```ts
 * import { BELIEF_GRAPH_MIME, type BeliefGraphPayload } from "pwmk/display";
 * const payload: BeliefGraphPayload = {
 *   version: "1.0",
 *   nodes: [{ id: "sally", kind: "agent" }, { id: "p0", kind: "proposition", label: "at(marble, basket)" }],
 *   edges: [{ from: "sally", to: "p0", relation: "believes" }]
 * };
 * const bundle = { [BELIEF_GRAPH_MIME]: payload };
 * ```
 */

/**
 * MIME type of a belief graph, major version 1.
 *
 * ```ts
 * pwmk.toMimeBundle(graph)[BELIEF_GRAPH_MIME]; // the payload object
 * ```
 */
export const BELIEF_GRAPH_MIME = "application/vnd.pwmk.belief-graph.v1+json";

/**
 * The literal type of {@link BELIEF_GRAPH_MIME}; renderers declare their MIME type with it.
 *
 * ```ts
 * const MIME: BeliefGraphMimeType = "application/vnd.pwmk.belief-graph.v1+json";
 * ```
 */
export type BeliefGraphMimeType = typeof BELIEF_GRAPH_MIME;

/**
 * Major format version of belief-graph payloads that this library writes.
 *
 * ```ts
 * Number(payload.version.split(".")[0]) === BELIEF_GRAPH_MAJOR;
 * ```
 */
export const BELIEF_GRAPH_MAJOR = 1;

/**
 * Full format version ("major.minor") that this library writes into belief-graph payloads.
 *
 * ```ts
 * pwmk.beliefGraph({ beliefs: [] }).payload.version === BELIEF_GRAPH_VERSION; // "1.0"
 * ```
 */
export const BELIEF_GRAPH_VERSION = "1.0";

/**
 * A "major.minor" version string of the belief-graph format.
 *
 * ```ts
 * const v: BeliefGraphVersion = "1.2";
 * ```
 */
export type BeliefGraphVersion = `1.${number}`;

/**
 * A node of a belief graph: an agent, or a proposition that agents may believe.
 *
 * ```ts
 * const sally: BeliefGraphNode = { id: "sally", kind: "agent" };
 * const p: BeliefGraphNode = { id: "p0", kind: "proposition", label: "at(marble, basket)" };
 * ```
 */
export interface BeliefGraphNode {
  /** Unique within the graph; edges refer to nodes by id. */
  id: string;
  kind: "agent" | "proposition";
  /** Text shown for the node; the id is shown when absent. */
  label?: string;
}

/**
 * An edge of a belief graph: an agent believes a proposition.
 *
 * ```ts
 * const e: BeliefGraphEdge = { from: "sally", to: "p0", relation: "believes", credence: 0.9 };
 * ```
 */
export interface BeliefGraphEdge {
  /** Id of an agent node. */
  from: string;
  /** Id of a proposition node. */
  to: string;
  relation: "believes";
  /** Optional degree of belief in [0, 1]; absent means a plain (full) belief. */
  credence?: number;
}

/**
 * The payload of {@link BELIEF_GRAPH_MIME}: agents, propositions and who believes what.
 *
 * ```ts
 * const g: BeliefGraphPayload = { version: "1.0", title: "empty", nodes: [], edges: [] };
 * ```
 */
export interface BeliefGraphPayload {
  version: BeliefGraphVersion;
  title?: string;
  nodes: BeliefGraphNode[];
  edges: BeliefGraphEdge[];
}

/**
 * JSON Schema (draft 2020-12) of {@link BeliefGraphPayload}. The structural rules are here;
 * the rules a schema cannot state (ids are unique, an edge goes from an agent node to a
 * proposition node) are checked by `validateBeliefGraphPayload` and by the renderer.
 *
 * ```ts
 * import Ajv2020 from "ajv/dist/2020";
 * const valid = new Ajv2020().compile(BELIEF_GRAPH_SCHEMA)(payload);
 * ```
 */
export const BELIEF_GRAPH_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://pwmk.dev/schemas/belief-graph.v1.json",
  title: "PWMK belief graph, format 1.x",
  type: "object",
  required: ["version", "nodes", "edges"],
  properties: {
    version: { type: "string", pattern: "^1\\.(0|[1-9][0-9]*)$" },
    title: { type: "string" },
    nodes: {
      type: "array",
      items: {
        type: "object",
        required: ["id", "kind"],
        properties: {
          id: { type: "string", minLength: 1 },
          kind: { enum: ["agent", "proposition"] },
          label: { type: "string" }
        }
      }
    },
    edges: {
      type: "array",
      items: {
        type: "object",
        required: ["from", "to", "relation"],
        properties: {
          from: { type: "string", minLength: 1 },
          to: { type: "string", minLength: 1 },
          relation: { const: "believes" },
          credence: { type: "number", minimum: 0, maximum: 1 }
        }
      }
    }
  }
} as const;
