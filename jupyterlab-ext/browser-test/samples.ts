/** The bundles the fast browser test draws, made by pwmk itself where they are valid. */
import { BELIEF_GRAPH_MIME, beliefGraph } from "pwmk/display";
import type { Sample } from "./page";

/** A label that would run script if any renderer put it into the page as markup. */
export const HOSTILE = '<img src="x" onerror="window.__pwned = 1">';

export const valid = beliefGraph({
  title: "Sally-Anne, after Anne moved the marble",
  agents: ["sally", "anne", HOSTILE],
  beliefs: [
    { agent: "sally", proposition: "at(marble, basket)" },
    { agent: "anne", proposition: "at(marble, box)" },
    { agent: "anne", proposition: "sally believes at(marble, basket)", credence: 0.9 }
  ]
});

const bundle = valid.toMimeBundle();
const payload = valid.payload;

export const samples: Sample[] = [
  { name: "valid", bundle, withExtension: true },
  {
    name: "wrong-version",
    bundle: { ...bundle, [BELIEF_GRAPH_MIME]: { ...payload, version: "2.0" } },
    withExtension: true
  },
  {
    name: "malformed",
    bundle: {
      ...bundle,
      [BELIEF_GRAPH_MIME]: {
        version: "1.0",
        nodes: [{ id: "a", kind: "agent" }],
        edges: [{ from: "a", to: "ghost", relation: "believes" }]
      }
    },
    withExtension: true
  },
  {
    name: "json-as-string",
    bundle: { ...bundle, [BELIEF_GRAPH_MIME]: JSON.stringify(payload) },
    withExtension: true
  },
  { name: "no-extension", bundle, withExtension: false },
  {
    name: "no-extension-svg-only",
    bundle: { "image/svg+xml": bundle["image/svg+xml"], "text/plain": bundle["text/plain"] },
    withExtension: false
  }
];
