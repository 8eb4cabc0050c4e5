/**
 * The belief targets a dataset supports: one per fluent that some agent holds a definite belief
 * about, for each agent's own belief and, up to the depth the dataset saved, for what it believes
 * each other agent believes. The classes of a target are the fluent's domain (from the episodes'
 * tracker init) followed by any other value the beliefs or the true state use, in order of first
 * appearance, so the same dataset always gives the same spec.
 *
 * ```ts
 * const spec = beliefSpecOf(TrajectoryDataset.load("sa.jsonl"));
 * spec.targets.map((t) => t.name); // ["at(marble)", "at(marble) | anne", "at(marble) | sally", ...]
 * ```
 */
import type { AgentId, Fluent } from "../epistemic/events";
import { chainsUpTo } from "../epistemic/events";
import type { TrajectoryDataset } from "../data/dataset";
import type { BeliefSpec, BeliefTarget } from "../models/types";
import { TrainingDataError } from "./features";
import { trueStates } from "./labels";

/**
 * Options of `beliefSpecOf`.
 *
 * ```ts
 * beliefSpecOf(ds, { depth: 1, fluents: ["at(marble)"] });
 * ```
 */
export interface BeliefSpecOptions {
  /** Longest belief chain, holder included (default: the depth the dataset saved). */
  depth?: number;
  /** Only these fluents (default: every fluent some agent has a definite belief about). */
  fluents?: Fluent[];
}

/**
 * Derives the belief spec of a dataset recorded with `saveBeliefs` (see the module comment).
 *
 * ```ts
 * const spec = beliefSpecOf(ds, { depth: 2 });
 * ```
 */
export function beliefSpecOf(
  dataset: TrajectoryDataset,
  options: BeliefSpecOptions = {}
): BeliefSpec {
  const { header } = dataset;
  if (!header.beliefs.saved)
    throw new TrainingDataError(
      `the dataset (${header.env}) was recorded without beliefs; collect it with saveBeliefs: true`
    );
  const depth = options.depth ?? header.beliefs.depth;
  if (!Number.isSafeInteger(depth) || depth < 1)
    throw new TrainingDataError(`belief depth must be a positive integer, got ${String(depth)}`);
  const agents = [...header.agents];
  const values = new Map<Fluent, string[]>();
  const note = (fluent: Fluent, value: unknown) => {
    const list = values.get(fluent) ?? [];
    if (!values.has(fluent)) values.set(fluent, list);
    const s = String(value);
    if (!list.includes(s)) list.push(s);
  };
  // Which (chain suffix, fluent) pairs ever carry a definite belief.
  const labelled = new Set<string>();
  for (const ep of dataset.episodes) {
    for (const [fluent, domain] of Object.entries(ep.trackerInit?.domains ?? {}))
      for (const v of domain) note(fluent, v);
    for (const gt of ep.beliefs ?? []) {
      for (const [key, fluents] of Object.entries(gt.perspectives)) {
        const chain = key.split("/");
        if (chain.length > depth) continue;
        for (const [fluent, vs] of Object.entries(fluents)) {
          if (vs.length !== 1) continue;
          note(fluent, vs[0]);
          labelled.add(JSON.stringify([chain.slice(1), fluent]));
        }
      }
    }
    if (ep.trackerInit)
      for (const world of trueStates(ep))
        for (const [f, v] of Object.entries(world)) if (values.has(f)) note(f, v);
  }
  const wanted = options.fluents ?? [...values.keys()].sort();
  for (const f of wanted)
    if (!values.has(f))
      throw new TrainingDataError(
        `no agent of the dataset has a belief about ${JSON.stringify(f)}; fluents with beliefs: ${[...values.keys()].join(", ")}`
      );
  // The chain suffixes after the holder: [] and every chain of other agents up to depth - 1.
  const suffixes: AgentId[][] = [[], ...(depth > 1 ? chainsUpTo(agents, depth - 1) : [])];
  const targets: BeliefTarget[] = [];
  for (const fluent of wanted) {
    for (const about of suffixes) {
      if (!labelled.has(JSON.stringify([about, fluent]))) continue;
      targets.push({
        name: about.length === 0 ? fluent : `${fluent} | ${about.join("/")}`,
        fluent,
        values: values.get(fluent)!,
        ...(about.length > 0 ? { about } : {})
      });
    }
  }
  if (targets.length === 0)
    throw new TrainingDataError(
      `no agent holds a definite belief anywhere in the dataset (${dataset.episodes.length} episodes)`
    );
  return { agents, targets };
}
