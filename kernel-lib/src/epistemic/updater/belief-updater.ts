import { EpistemicInputError } from "../vocabulary";
import { ChainTracker } from "../chain-tracker";
import type {
  AgentId,
  AnnouncementEvent,
  EpistemicEvent,
  Fluent,
  Observers,
  OnticEvent,
  SensingEvent,
  Value
} from "../events";
import { ProbabilisticBeliefs, ProbabilisticChange, ProbabilisticInit } from "../probabilistic";
import { chainsUpTo } from "../events";
import type { BeliefTracker, TrackerInit } from "../tracker";
import {
  BeliefCause,
  BeliefUpdate,
  chainName,
  classify,
  describeBelief,
  describeUpdate,
  formatDistribution
} from "./records";
import type { BeliefStore } from "../../beliefs";
import { BeliefSync, syncTo } from "../belief-sync";

/** How a BeliefUpdater is set up. */
export interface BeliefUpdaterOptions {
  /**
   * The world and agents. Required unless `tracker` is given; also used to start probabilistic
   * beliefs when `probabilistic` is true (it may carry priors and noise for them).
   */
  init?: TrackerInit & Pick<ProbabilisticInit, "priors" | "noise">;
  /** The symbolic tracker to drive (default: a ChainTracker over `init`). The updater owns it. */
  tracker?: BeliefTracker;
  /** Also keep probabilistic beliefs: true builds them from `init`, or pass your own. */
  probabilistic?: boolean | ProbabilisticBeliefs;
  /** Longest agent chain whose changes are recorded (default 2). */
  depth?: number;
}

/**
 * Why an agent chain believes what it believes about a fluent: the belief now, what it was at
 * the start, and every event that changed it, as data and as text.
 */
export interface Explanation {
  /** Whose belief is explained. */
  chain: AgentId[];
  /** The fluent it is about. */
  fluent: Fluent;
  /** The values the chain considered possible at the start. */
  initial: Value[];
  /** The values it considers possible now. */
  current: Value[];
  /** The current distribution, when probabilistic beliefs are tracked. */
  probability?: Record<string, number>;
  /** The changes in order; the last one explains the current belief. */
  changes: BeliefUpdate[];
  /** The same as readable lines. */
  text: string;
}

/**
 * Turns observations and actions into belief updates: it applies each event to a symbolic
 * tracker (and, if asked, to probabilistic beliefs), and returns what changed for every agent
 * chain up to `depth`, classified as update, expansion, contraction, revision or reweight.
 * A revision retracts the old belief; every change is kept so that `explain` can say which
 * event changed which belief. With a store attached (`attachStore`, `applyAsync`), definite
 * beliefs are mirrored into it as nested `believes/2` facts. Every apply is all-or-nothing: bad
 * input throws and changes nothing.
 *
 * ```ts
 * const u = new BeliefUpdater({
 *   init: { agents: ["sally", "anne"], world: { "at(marble)": "basket" },
 *          domains: { "at(marble)": ["basket", "box"] }, commonKnowledge: ["at(marble)"] }
 * });
 * u.act("anne", { "at(marble)": "box" }, { anne: "full" }, "anne moves the marble");
 * u.observe("sally", "at(marble)", { label: "sally peeks" });
 * u.explain("sally", "at(marble)").text;
 * // sally: at(marble)=box
 * //   start: at(marble)=basket
 * //   step 2 "sally peeks" (sensing): revised at(marble)=basket → at(marble)=box (retracted at(marble)=basket)
 * ```
 */
export class BeliefUpdater {
  private trackerRef: BeliefTracker;
  private prob: ProbabilisticBeliefs | undefined;
  private storeSync: BeliefSync | undefined;
  /** The longest agent chain whose changes are recorded (default 2). */
  readonly depth: number;
  private readonly chains: AgentId[][];
  private readonly fluentList: Fluent[];
  private readonly initial = new Map<string, Value[]>();
  private log: BeliefUpdate[] = [];
  private steps = 0;

  constructor(options: BeliefUpdaterOptions) {
    if (!options || (!options.tracker && !options.init)) {
      throw new EpistemicInputError(
        "BeliefUpdater needs a tracker or an init to build a ChainTracker from"
      );
    }
    this.depth = options.depth ?? 2;
    if (!Number.isInteger(this.depth) || this.depth < 1) {
      throw new EpistemicInputError(
        `depth must be a whole number >= 1, got ${String(options.depth)}`
      );
    }
    this.trackerRef =
      options.tracker ?? new ChainTracker({ maxDepth: this.depth, ...options.init! });
    if (options.probabilistic instanceof ProbabilisticBeliefs) this.prob = options.probabilistic;
    else if (options.probabilistic === true) {
      if (!options.init)
        throw new EpistemicInputError(
          "probabilistic: true needs init (the world, domains, priors)"
        );
      this.prob = new ProbabilisticBeliefs({ maxDepth: this.depth, ...options.init });
    }
    const agents = this.trackerRef.agents;
    if (this.prob && this.prob.agents.join("\u0000") !== agents.join("\u0000")) {
      throw new EpistemicInputError(
        `the probabilistic beliefs are over [${this.prob.agents.join(", ")}], the tracker over [${agents.join(", ")}]`
      );
    }
    this.fluentList = options.init
      ? Object.keys(options.init.world)
      : Object.keys(this.trackerRef.groundTruth(1).perspectives[agents[0]] ?? {});
    this.chains = chainsUpTo(agents, this.depth);
    for (const chain of this.chains) {
      for (const f of this.fluentList)
        this.initial.set(key(chain, f), this.trackerRef.believedValues(chain, f));
    }
  }

  /** The tracker being driven. */
  get tracker(): BeliefTracker {
    return this.trackerRef;
  }

  /** The probabilistic beliefs, when kept. */
  get probabilistic(): ProbabilisticBeliefs | undefined {
    return this.prob;
  }

  /** Number of events applied. */
  get step(): number {
    return this.steps;
  }

  /** Every change so far, in order. */
  get updates(): readonly BeliefUpdate[] {
    return this.log;
  }

  /** The changes that retracted a belief because new information contradicted it. */
  revisions(): BeliefUpdate[] {
    return this.log.filter((u) => u.kind === "revision");
  }

  /**
   * Applies one event and returns the belief changes it caused. Throws (and changes nothing)
   * on bad input. An attached store is not written; `applyAsync` or `syncStore` catch it up.
   */
  apply(event: EpistemicEvent): BeliefUpdate[] {
    return this.applyInMemory(event);
  }

  /**
   * Applies one event and brings the attached store (if any) in step: beliefs given up are
   * retracted, new definite beliefs added, in one batch. The tracker is the source of truth: if
   * the store fails, the event stays applied, the error says so, and the next `applyAsync` or
   * `syncStore` writes whatever is still missing.
   */
  async applyAsync(event: EpistemicEvent): Promise<BeliefUpdate[]> {
    const updates = this.applyInMemory(event);
    if (this.storeSync) {
      try {
        await this.storeSync.sync();
      } catch (err) {
        throw new Error(
          `event ${this.steps} was applied, but the belief store is behind (${(err as Error).message}); ` +
            `await updater.syncStore() to retry`,
          { cause: err }
        );
      }
    }
    return updates;
  }

  /**
   * Mirrors the tracker into a belief store: every definite belief of every chain up to `depth`
   * as nested `believes/2` facts, and (unless `world: false`) the true world as facts. It uses
   * the tracker's {@link BeliefSync}, which it returns (e.g. for `snapshot(t)`).
   *
   * ```ts
   * const store = await pwmk.BeliefStore.create({ backend: "swipl" });
   * const sync = await updater.attachStore(store);
   * await updater.applyAsync(event);
   * await sync.snapshot(1);
   * ```
   */
  async attachStore(store: BeliefStore, options: { world?: boolean } = {}): Promise<BeliefSync> {
    if (this.storeSync)
      throw new EpistemicInputError("a store is already attached to this updater");
    this.storeSync = await syncTo(this.trackerRef, store, {
      depth: this.depth,
      world: options.world
    });
    return this.storeSync;
  }

  /** Writes to the attached store whatever it does not hold yet. */
  async syncStore(): Promise<void> {
    if (!this.storeSync)
      throw new EpistemicInputError("no store is attached: call attachStore(store) first");
    await this.storeSync.sync();
  }

  /** An agent looks at fluents (a sensing event); `observers` says who else sees or notices it. */
  observe(
    agent: AgentId,
    fluents: Fluent | Fluent[],
    options: { observers?: Observers; label?: string; t?: number } = {}
  ): BeliefUpdate[] {
    const event: SensingEvent = {
      kind: "sensing",
      fluents: Array.isArray(fluents) ? fluents : [fluents],
      observers: { ...(options.observers ?? {}), [agent]: "full" },
      label: options.label,
      t: options.t
    };
    return this.apply(event);
  }

  /** An agent acts on the world (an ontic event) in front of `observers`. */
  act(
    actor: AgentId,
    effects: Record<Fluent, Value>,
    observers: Observers,
    label?: string
  ): BeliefUpdate[] {
    const event: OnticEvent = { kind: "ontic", actor, effects, observers, label };
    return this.apply(event);
  }

  /** A speaker claims fluent=value to `observers`, trusted or not per listener. */
  tell(
    speaker: AgentId,
    claim: { fluent: Fluent; value: Value },
    observers: Observers,
    options: { trust?: Record<AgentId, boolean>; label?: string } = {}
  ): BeliefUpdate[] {
    const event: AnnouncementEvent = {
      kind: "announcement",
      speaker,
      claim,
      observers,
      ...options
    };
    return this.apply(event);
  }

  /**
   * Which events changed what `agent` (or an agent chain, e.g. ["anne", "sally"]) believes
   * about `fluent`, as data and as readable text.
   */
  explain(agentOrChain: AgentId | readonly AgentId[], fluent: Fluent): Explanation {
    // B_a B_a φ is B_a φ: repeated agents collapse, as in the trackers.
    const chain = (typeof agentOrChain === "string" ? [agentOrChain] : [...agentOrChain]).filter(
      (a, i, all) => i === 0 || a !== all[i - 1]
    );
    const current = this.trackerRef.believedValues(chain, fluent);
    const k = key(chain, fluent);
    const initial = this.initial.get(k);
    if (initial === undefined) {
      throw new EpistemicInputError(
        `no history kept for ${chainName(chain)} about ${fluent}: chains up to depth ${this.depth} are recorded`
      );
    }
    const changes = this.log.filter((u) => key(u.chain, u.fluent) === k);
    const probability = this.prob?.distribution(chain, fluent);
    const lines = [
      `${chainName(chain)}: ${describeBelief(fluent, current)}${probability ? ` [P: ${formatDistribution(probability)}]` : ""}`,
      `  start: ${describeBelief(fluent, initial)}`,
      ...changes.map((u) => `  ${describeUpdate(u)}`)
    ];
    if (changes.length === 0) lines.push("  (no event has changed it)");
    return {
      chain,
      fluent,
      initial: [...initial],
      current,
      probability,
      changes,
      text: lines.join("\n")
    };
  }

  // ---- internals -------------------------------------------------------------------------

  private applyInMemory(event: EpistemicEvent): BeliefUpdate[] {
    const commitProbabilistic = this.prob?.prepare(event); // validates first; nothing changed yet
    const fluents = touchedFluents(event, this.fluentList);
    const before = new Map<string, Value[]>();
    for (const chain of this.chains) {
      for (const f of fluents) before.set(key(chain, f), this.trackerRef.believedValues(chain, f));
    }
    this.trackerRef.apply(event); // throws on bad input, tracker unchanged
    const probChanges = commitProbabilistic?.() ?? [];
    this.steps++;
    const cause: BeliefCause = {
      step: this.steps,
      kind: event.kind,
      label: event.label,
      t: event.t,
      event
    };
    const probByKey = new Map<string, ProbabilisticChange>(
      probChanges.map((c) => [key(c.chain, c.fluent), c])
    );
    const updates: BeliefUpdate[] = [];
    for (const chain of this.chains) {
      for (const f of fluents) {
        const k = key(chain, f);
        const old = before.get(k)!;
        const now = this.trackerRef.believedValues(chain, f);
        const pc = probByKey.get(k);
        let kind = classify(event.kind, old, now);
        if (kind === "reweight" && !pc) continue;
        if (pc?.revised && kind !== "update") kind = "revision";
        updates.push({
          chain: [...chain],
          fluent: f,
          before: old,
          after: now,
          kind,
          retracted: old.filter((v) => !now.includes(v)),
          added: now.filter((v) => !old.includes(v)),
          probability: pc ? { before: pc.before, after: pc.after } : undefined,
          cause
        });
      }
    }
    this.log.push(...updates);
    return updates;
  }
}

function touchedFluents(event: EpistemicEvent, known: readonly Fluent[]): Fluent[] {
  let fs: Fluent[] = [];
  if (event && typeof event === "object") {
    if (event.kind === "ontic" && event.effects && typeof event.effects === "object")
      fs = Object.keys(event.effects);
    else if (event.kind === "sensing" && Array.isArray(event.fluents)) fs = [...event.fluents];
    else if (event.kind === "announcement" && event.claim) fs = [event.claim.fluent];
    else if (event.kind === "negative" && typeof event.fluent === "string") fs = [event.fluent];
  }
  // Unknown fluents are left to the tracker, which rejects the event with a clear error.
  return [...new Set(fs)].filter((f) => known.includes(f));
}

function key(chain: readonly AgentId[], fluent: Fluent): string {
  return `${chain.join("/")}\u0000${fluent}`;
}
