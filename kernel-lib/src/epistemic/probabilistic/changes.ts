/** The changes an event made, as `ProbabilisticBeliefs.apply` reports them. */
import type { AgentId, Fluent } from "../events";
import { BeliefState, distributionRecord } from "./belief-state";
import type { FluentDomain } from "./space";

/** A change of one distribution made by one event. */
export interface ProbabilisticChange {
  /** Whose belief changed: `["sally"]`, or `["anne", "sally"]` for anne's view of sally's. */
  chain: AgentId[];
  /** The fluent the belief is about. */
  fluent: Fluent;
  /** The distribution before the event (value → probability). */
  before: Record<string, number>;
  /** The distribution after it. */
  after: Record<string, number>;
  /** True when the event contradicted the old belief, which was then revised from the prior. */
  revised: boolean;
}

export function sameLogs(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && Math.abs(Math.exp(a[i]) - Math.exp(b[i])) > 1e-15) return false;
  }
  return true;
}

/** A change whose distributions are built only when read (most callers never read them). */
export class LazyChange implements ProbabilisticChange {
  readonly chain: AgentId[];
  constructor(
    state: BeliefState,
    readonly fluent: Fluent,
    private readonly old: Float64Array,
    private readonly now: Float64Array,
    readonly revised: boolean
  ) {
    this.chain = [...state.chain];
    this.domain = state.space.domain(fluent);
  }
  private readonly domain: FluentDomain;
  get before(): Record<string, number> {
    return distributionRecord(this.domain, this.old);
  }
  get after(): Record<string, number> {
    return distributionRecord(this.domain, this.now);
  }
  toJSON(): object {
    const { chain, fluent, before, after, revised } = this;
    return { chain, fluent, before, after, revised };
  }
}
