/** Which divergences between agent chains `ProbabilisticBeliefs` records, and the records. */
import { AgentId, chainKey, Fluent } from "../events";

/** The true world's name in divergence records. */
export const WORLD = "world";

/** Which divergences `divergenceHistory` records. */
export interface DivergenceTracking {
  /** Pairs of agent chains; the empty chain is the true world. */
  pairs?: Array<[AgentId[], AgentId[]]>;
  /** Fluents to include (default all). */
  fluents?: Fluent[];
}

/** One recorded divergence: between two chains after a step. */
export interface DivergenceRecord {
  /** Number of events applied so far (0 = the initial state). */
  step: number;
  /** The time step of the last event, when it had one. */
  t?: number;
  /** The label of the last event, when it had one. */
  label?: string;
  /** The two chains, written "sally", "sally/anne", or "world" for the true world. */
  a: string;
  /** The second chain, written like `a`. */
  b: string;
  /** Jensen–Shannon divergence (bits, in [0, 1]) between the two, per fluent. */
  perFluent: Record<Fluent, number>;
  /** The mean over the fluents. */
  mean: number;
}

export function chainName(chain: readonly AgentId[]): string {
  return chain.length === 0 ? WORLD : chainKey(chain);
}

/** Every pair of agents, and each agent against the world. */
export function defaultPairs(agents: readonly AgentId[]): Array<[AgentId[], AgentId[]]> {
  const pairs: Array<[AgentId[], AgentId[]]> = [];
  for (let i = 0; i < agents.length; i++) {
    for (let j = i + 1; j < agents.length; j++) pairs.push([[agents[i]], [agents[j]]]);
  }
  for (const a of agents) pairs.push([[a], []]);
  return pairs;
}

/**
 * A divergence history as rows for `console.table`: one row per step, one column per pair,
 * holding the mean divergence (or the divergence of `fluent` if given).
 */
export function divergenceRows(
  history: readonly DivergenceRecord[],
  fluent?: Fluent
): Array<Record<string, string | number>> {
  const rows = new Map<number, Record<string, string | number>>();
  for (const r of history) {
    let row = rows.get(r.step);
    if (!row) {
      row = { step: r.step, event: r.label ?? (r.step === 0 ? "(start)" : "") };
      rows.set(r.step, row);
    }
    const v = fluent === undefined ? r.mean : r.perFluent[fluent];
    if (v !== undefined) row[`${r.a} vs ${r.b}`] = Math.round(v * 1000) / 1000;
  }
  return [...rows.values()];
}
