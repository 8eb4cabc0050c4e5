/** Tracking deception: a claim whose value its speaker did not consider possible is a lie. */
import type { AgentId, EpistemicEvent, Fluent, Value } from "./events";
import type { ResolvedEvent, Vocabulary } from "./vocabulary";

/**
 * A claim that differed from what its speaker believed, recorded when it was made.
 *
 * ```ts
 * tracker.deceptions(); // [{ step: 3, speaker: "anne", fluent: "at(marble)", claimed: "basket", speakerBelieved: ["box"] }]
 * ```
 */
export interface DeceptionRecord {
  /** Index of the event in the stream applied to the tracker. */
  step: number;
  /** The announcement's time step, when it had one. */
  t?: number;
  /** The announcement's label, when it had one. */
  label?: string;
  /** Who lied. */
  speaker: AgentId;
  /** The fluent the claim was about. */
  fluent: Fluent;
  /** The value claimed, which the speaker did not consider possible. */
  claimed: Value;
  /** What the speaker considered possible when it made the claim. */
  speakerBelieved: Value[];
}

/** The deception record for an announcement whose speaker did not believe its claim, if any. */
export function recordIfLie(
  ev: ResolvedEvent,
  event: EpistemicEvent,
  step: number,
  agents: readonly AgentId[],
  vocab: Vocabulary,
  speakerBelief: (speaker: number, fluent: number) => Value[]
): DeceptionRecord | undefined {
  if (ev.kind !== "announcement" || ev.speaker < 0 || !ev.claim) return undefined;
  const [f, v] = ev.claim;
  const believed = speakerBelief(ev.speaker, f);
  if (believed.some((x) => x === v)) return undefined;
  return {
    step,
    t: event.t,
    label: event.label,
    speaker: agents[ev.speaker],
    fluent: vocab.fluents[f],
    claimed: v,
    speakerBelieved: believed
  };
}
