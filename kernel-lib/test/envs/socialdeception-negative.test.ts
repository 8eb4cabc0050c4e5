/**
 * SocialDeception: an empty raid is a negative observation. The raider learns the treasure is not
 * in the cache it raided (a thief sure of that cache, fooled by the decoy, no longer knows where
 * it is); thieves watching see the raid, not what it found.
 */
import { ChainTracker } from "../../src/epistemic";
import type { EpistemicEvent, NegativeObservationEvent } from "../../src/epistemic";
import { SocialDeception } from "../../src/envs/worlds/socialdeception";

const T = "at(treasure)";

describe("SocialDeception empty raids", () => {
  it("emit a negative observation that the raider learns and its watchers only see", () => {
    let raids = 0;
    let undeceived = 0;
    for (let seed = 0; seed < 10; seed++) {
      const events: EpistemicEvent[] = [];
      const env = new SocialDeception({
        numThieves: 2,
        maxSteps: 60,
        trackerFactory: (init) => {
          const t = new ChainTracker(init);
          const apply = t.apply.bind(t);
          t.apply = (e) => (events.push(e), apply(e));
          return t;
        }
      });
      env.reset({ seed });
      while (env.agents.length > 0) {
        const before = events.length;
        const sure = Object.fromEntries(
          ["thief_0", "thief_1"].map((a) => [a, env.getTracker().believedValues([a], T)])
        );
        env.step(Object.fromEntries(env.agents.map((a) => [a, env.expertAction(a)])));
        const tracker = env.getTracker();
        for (const e of events.slice(before)) {
          if (e.kind !== "negative") continue;
          const raid = e as NegativeObservationEvent;
          const raider = Object.keys(raid.observers).find((a) => raid.observers[a] === "full")!;
          raids++;
          expect(raid.fluent).toBe(T);
          expect(raid.values).toHaveLength(1);
          expect(raid.values[0]).not.toBe(env.treasureLocation);
          // only the raider sees inside
          expect(Object.values(raid.observers).filter((o) => o === "full")).toHaveLength(1);
          const now = tracker.believedValues([raider], T);
          expect(now).not.toContain(raid.values[0]);
          if (sure[raider].length === 1 && sure[raider][0] === raid.values[0]) {
            // it was sure of the cache: now every other place, and no definite belief
            undeceived++;
            expect(now).toEqual(
              env.getTrackerInit()!.domains![T].filter((v) => v !== raid.values[0])
            );
            expect(env.believedTreasureLocation(raider)).toBeUndefined();
          }
          // the cheap first-order belief of the env agrees with the tracker
          expect(env.believedTreasureLocation(raider)).toBe(now.length === 1 ? now[0] : undefined);
        }
      }
    }
    expect(raids).toBeGreaterThan(0);
    expect(undeceived).toBeGreaterThan(0);
  });
});
