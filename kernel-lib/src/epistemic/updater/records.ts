import type { AgentId, EpistemicEvent, Fluent, Value } from "../events";

/**
 * What kind of change a belief went through (after Katsuno–Mendelzon and AGM):
 * - `update`: the world changed (an ontic event) and the belief followed it;
 * - `expansion`: the belief got more specific without giving anything up;
 * - `contraction`: the belief got less specific (a value became possible again);
 * - `revision`: new information contradicted the belief: an old belief was retracted;
 * - `reweight`: the same values stay possible, with new probabilities.
 */
export type BeliefChangeKind = "update" | "expansion" | "contraction" | "revision" | "reweight";

/** The event that caused a change, with its position in the updater's stream. */
export interface BeliefCause {
  /** 1 for the first event applied, 2 for the second, ... */
  step: number;
  /** The event's kind ("ontic", "sensing", "announcement" or "negative"). */
  kind: EpistemicEvent["kind"];
  /** The event's label, when it has one ("anne moves the marble to the box"). */
  label?: string;
  /** The event's time step, when it has one. */
  t?: number;
  /** The event itself. */
  event: EpistemicEvent;
}

/**
 * One belief change: an agent chain's belief about a fluent before and after an event.
 *
 * ```ts
 * // { chain: ["sally"], fluent: "at(marble)", before: ["basket"], after: ["box"], kind: "revision",
 * //   retracted: ["basket"], cause: { step: 3, kind: "sensing", label: "sally peeks", ... } }
 * ```
 */
export interface BeliefUpdate {
  /** Whose belief: `["sally"]`, or `["anne", "sally"]` for what anne thinks sally believes. */
  chain: AgentId[];
  /** The fluent the belief is about. */
  fluent: Fluent;
  /** The values the chain considered possible before the event. */
  before: Value[];
  /** The values considered possible after the event. */
  after: Value[];
  /** What kind of change it was (see BeliefChangeKind). */
  kind: BeliefChangeKind;
  /** Values no longer considered possible. A definite belief listed here was retracted. */
  retracted: Value[];
  /** Values newly considered possible. */
  added: Value[];
  /** Distributions before and after, when probabilistic beliefs are tracked. */
  probability?: { before: Record<string, number>; after: Record<string, number> };
  /** The event that caused the change. */
  cause: BeliefCause;
}

/** Classifies a change of possible values caused by an event of `eventKind`. */
export function classify(
  eventKind: EpistemicEvent["kind"],
  before: readonly Value[],
  after: readonly Value[]
): BeliefChangeKind {
  const retracted = before.filter((v) => !after.includes(v));
  const added = after.filter((v) => !before.includes(v));
  if (retracted.length === 0 && added.length === 0) return "reweight";
  if (eventKind === "ontic") return "update";
  if (added.length === 0) return "expansion";
  if (retracted.length === 0) return "contraction";
  return "revision";
}

/** A belief as text: "at(marble)=basket" when definite, "at(marble) ∈ {basket, box}" when not. */
export function describeBelief(fluent: Fluent, values: readonly Value[]): string {
  if (values.length === 1) return `${fluent}=${String(values[0])}`;
  if (values.length === 0) return `${fluent}: nothing possible`;
  return `${fluent} ∈ {${values.map(String).join(", ")}}`;
}

/** A short name of a chain for text: "sally", "sally → anne". */
export function chainName(chain: readonly AgentId[]): string {
  return chain.length === 0 ? "the world" : chain.join(" → ");
}

/** Formats a distribution like "box 0.90, basket 0.05" (largest first, zeros left out). */
export function formatDistribution(d: Record<string, number>): string {
  return Object.entries(d)
    .filter(([, p]) => p > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([v, p]) => `${v} ${p.toFixed(2)}`)
    .join(", ");
}

/** One line describing a change, e.g. `step 3 "sally peeks" (sensing): revised ...`. */
export function describeUpdate(u: BeliefUpdate): string {
  const cause = `step ${u.cause.step}${u.cause.label ? ` "${u.cause.label}"` : ""} (${u.cause.kind})`;
  const from = describeBelief(u.fluent, u.before);
  const to = describeBelief(u.fluent, u.after);
  const verb: Record<BeliefChangeKind, string> = {
    update: "updated",
    expansion: "narrowed",
    contraction: "widened",
    revision: "revised",
    reweight: "reweighted"
  };
  let text = `${cause}: ${verb[u.kind]} ${from} → ${to}`;
  if (u.kind === "revision" || u.kind === "update") {
    if (u.before.length === 1 && u.retracted.includes(u.before[0])) text += ` (retracted ${from})`;
  }
  if (u.probability) text += ` [P: ${formatDistribution(u.probability.after)}]`;
  return text;
}
