/**
 * Property: without noise, the values a chain gives non-zero probability are exactly the values
 * the symbolic ChainTracker considers possible, after every event of random event streams.
 */
import { ChainTracker } from "../chain-tracker";
import type { AgentId, EpistemicEvent, Fluent, Observability, Observers, Value } from "../events";
import { ProbabilisticBeliefs } from "./probabilistic-beliefs";
import { Rng } from "../../random/rng";
import { chainsUpTo } from "../events";

/** A seeded stream of floats in [0, 1), so every run replays the same data. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.float();
}

interface Scenario {
  agents: AgentId[];
  world: Record<Fluent, Value>;
  domains: Record<Fluent, Value[]>;
  commonKnowledge: Fluent[];
  events: EpistemicEvent[];
}

function scenario(seed: number, length: number): Scenario {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const agents = ["a", "b", "c", "d"].slice(0, 2 + Math.floor(r() * 3));
  const domains: Record<Fluent, Value[]> = {};
  const world: Record<Fluent, Value> = {};
  const fluentCount = 1 + Math.floor(r() * 3);
  for (let i = 0; i < fluentCount; i++) {
    const f = `at(o${i})`;
    domains[f] = ["l0", "l1", "l2", "l3"].slice(0, 2 + Math.floor(r() * 3));
    world[f] = pick(domains[f]);
  }
  if (r() < 0.5) {
    domains.door_open = [true, false];
    world.door_open = r() < 0.5;
  }
  const fluents = Object.keys(world);
  const commonKnowledge = fluents.filter(() => r() < 0.6);
  const observability: Observability[] = ["full", "full", "partial", "oblivious"];
  const observers = (): Observers => {
    const o: Observers = {};
    for (const a of agents) if (r() < 0.8) o[a] = pick(observability);
    return o;
  };
  const events: EpistemicEvent[] = [];
  for (let i = 0; i < length; i++) {
    const kind = r();
    if (kind < 0.45) {
      const effects: Record<Fluent, Value> = {};
      for (const f of fluents)
        if (r() < 0.6 || Object.keys(effects).length === 0) effects[f] = pick(domains[f]);
      events.push({
        kind: "ontic",
        actor: r() < 0.7 ? pick(agents) : undefined,
        effects,
        observers: observers()
      });
    } else if (kind < 0.75) {
      events.push({
        kind: "sensing",
        fluents: fluents.filter((_f, j) => j === 0 || r() < 0.5),
        observers: observers()
      });
    } else if (kind < 0.85) {
      // a look that finds nothing (refused by both when it names the true value)
      const f = pick(fluents);
      const values = domains[f].filter(() => r() < 0.5);
      events.push({ kind: "negative", fluent: f, values, observers: observers() });
    } else {
      const speaker = r() < 0.8 ? pick(agents) : undefined;
      const obs = observers();
      if (speaker !== undefined && speaker in obs) obs[speaker] = "full";
      const trust: Record<AgentId, boolean> = {};
      for (const a of agents) if (r() < 0.4) trust[a] = r() < 0.5;
      const f = pick(fluents);
      events.push({
        kind: "announcement",
        speaker,
        claim: { fluent: f, value: pick(domains[f]) },
        observers: obs,
        trust,
        trustKnown: r() < 0.5
      });
    }
  }
  return { agents, world, domains, commonKnowledge, events };
}

const sortValues = (vs: Value[]) => vs.map((v) => JSON.stringify(v)).sort();

describe("agreement with the symbolic ChainTracker (noise-free)", () => {
  for (const depth of [1, 2, 3]) {
    it(`has the same support as believedValues for every chain up to depth ${depth}`, () => {
      let compared = 0;
      let rejections = 0;
      for (let seed = 1; seed <= (depth === 3 ? 40 : 120); seed++) {
        const sc = scenario(seed * 7919 + depth, 12);
        const init = {
          agents: sc.agents,
          world: sc.world,
          domains: sc.domains,
          commonKnowledge: sc.commonKnowledge,
          maxDepth: depth
        };
        const symbolic = new ChainTracker(init);
        const probabilistic = new ProbabilisticBeliefs({ ...init, divergence: false });
        const chains = chainsUpTo(sc.agents, depth);
        sc.events.forEach((event, step) => {
          // Both accept and reject the same events (a rejected one changes neither).
          let rejected: Error | undefined;
          try {
            symbolic.apply(event);
          } catch (e) {
            rejected = e as Error;
          }
          if (rejected) {
            expect(() => probabilistic.apply(event)).toThrow();
            rejections++;
            return;
          }
          probabilistic.apply(event);
          for (const chain of chains) {
            for (const f of Object.keys(sc.world)) {
              const expected = sortValues(symbolic.believedValues(chain, f));
              const actual = sortValues(probabilistic.believedValues(chain, f));
              if (JSON.stringify(actual) !== JSON.stringify(expected)) {
                throw new Error(
                  `seed ${seed}, step ${step} (${JSON.stringify(event)}), chain ${chain.join("/")}, ${f}: ` +
                    `probabilistic support ${actual.join(",")} vs symbolic ${expected.join(",")}`
                );
              }
              compared++;
            }
          }
        });
        expect(probabilistic.world).toEqual(
          Object.fromEntries(
            Object.keys(sc.world).map((f) => [f, symbolic.believedValues([], f)[0]])
          )
        );
      }
      expect(compared).toBeGreaterThan(1000);
      expect(rejections).toBeLessThan(compared / 10);
    });
  }
});

describe("numerical health under noise (random streams)", () => {
  it("keeps every distribution normalised, finite, and every divergence within [0, 1]", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const sc = scenario(seed * 104729, 25);
      const r = rng(seed);
      const agentNoise = (lo: number) =>
        Object.fromEntries(sc.agents.map((a) => [a, lo + (1 - lo) * r()]));
      const pb = new ProbabilisticBeliefs({
        agents: sc.agents,
        world: sc.world,
        domains: sc.domains,
        commonKnowledge: sc.commonKnowledge,
        maxDepth: 2,
        noise: {
          observationAccuracy: agentNoise(0.5),
          sensorAccuracy: agentNoise(0.3),
          trustWeight: agentNoise(0.5)
        }
      });
      for (const event of sc.events) {
        try {
          pb.apply(event);
        } catch {
          continue; // rejected events are covered above; they change nothing
        }
        for (const [chain, byFluent] of Object.entries(pb.snapshot())) {
          for (const [f, dist] of Object.entries(byFluent)) {
            const ps = Object.values(dist);
            const sum = ps.reduce((a, b) => a + b, 0);
            if (
              !ps.every((p) => Number.isFinite(p) && p >= 0 && p <= 1) ||
              Math.abs(sum - 1) > 1e-9
            ) {
              throw new Error(
                `seed ${seed}: ${chain} ${f} is not a distribution: ${JSON.stringify(dist)}`
              );
            }
          }
        }
      }
      for (const rec of pb.divergenceHistory) {
        expect(rec.mean).toBeGreaterThanOrEqual(0);
        expect(rec.mean).toBeLessThanOrEqual(1);
      }
    }
  });
});
