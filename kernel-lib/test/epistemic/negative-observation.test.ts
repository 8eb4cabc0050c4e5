/**
 * The negative observation: a look that finds nothing tells where the object is not. Both
 * trackers give the same answers (the seeded agreement property covers random streams).
 */
import { ChainTracker, KripkeTracker } from "../../src/epistemic";
import type { BeliefTracker, EpistemicEvent, TrackerInit } from "../../src/epistemic";

const T = "at(treasure)";
const init: TrackerInit = {
  agents: ["thief", "guard", "cook"],
  world: { [T]: "c3" },
  domains: { [T]: ["c1", "c2", "c3", "c4"] },
  maxDepth: 3
};
const look = (values: string[], observers: EpistemicEvent["observers"]): EpistemicEvent => ({
  kind: "negative",
  fluent: T,
  values,
  observers
});

describe.each([
  ["ChainTracker", (i: TrackerInit): BeliefTracker => new ChainTracker(i)],
  ["KripkeTracker", (i: TrackerInit): BeliefTracker => new KripkeTracker(i)]
])("negative observation on %s", (_name, make) => {
  it("the looker rules out what it found empty, one look after another", () => {
    const t = make(init);
    t.apply(look(["c1"], { thief: "full" }));
    expect(t.believedValues(["thief"], T)).toEqual(["c2", "c3", "c4"]);
    t.apply(look(["c2", "c4"], { thief: "full" }));
    expect(t.believedValues(["thief"], T)).toEqual(["c3"]);
    // the others noticed nothing
    expect(t.believedValues(["guard"], T)).toEqual(["c1", "c2", "c3", "c4"]);
    expect(t.believedValues(["guard", "thief"], T)).toEqual(["c1", "c2", "c3", "c4"]);
  });

  it("one who was sure of an empty place considers every other value", () => {
    const t = make({ ...init, commonKnowledge: [T], world: { [T]: "c1" } });
    t.apply({ kind: "ontic", effects: { [T]: "c3" }, observers: { guard: "full" } });
    expect(t.believedValues(["thief"], T)).toEqual(["c1"]);
    t.apply(look(["c1"], { thief: "full", guard: "full" }));
    expect(t.believedValues(["thief"], T)).toEqual(["c2", "c3", "c4"]);
    // the guard watched: he knows the thief now knows only that it is not in c1
    expect(t.believedValues(["guard", "thief"], T)).toEqual(["c2", "c3", "c4"]);
    // and the thief knows the guard saw the empty c1 too (the guard kept his own knowledge)
    expect(t.believedValues(["guard"], T)).toEqual(["c3"]);
    expect(t.believedValues(["thief", "guard"], T)).toEqual(["c2", "c3", "c4"]);
  });

  it("a partial observer knows the looker would have seen it there, not what it found", () => {
    const t = make({ ...init, commonKnowledge: [T], world: { [T]: "c1" } });
    t.apply({ kind: "ontic", effects: { [T]: "c3" }, observers: { guard: "full" } });
    // the cook sees the thief open c1 but not inside; the cook still believes c1
    t.apply(look(["c1"], { thief: "full", cook: "partial" }));
    expect(t.believedValues(["cook"], T)).toEqual(["c1"]);
    // so to the cook, the thief saw the treasure in c1
    expect(t.believedValues(["cook", "thief"], T)).toEqual(["c1"]);
    expect(t.believedValues(["thief"], T)).toEqual(["c2", "c3", "c4"]);
  });

  it("refuses an impossible or malformed look, state unchanged", () => {
    const t = make(init);
    const before = JSON.stringify(t.groundTruth(2));
    expect(() => t.apply(look(["c3"], { thief: "full" }))).toThrow(
      /"at\(treasure\)" is "c3", so its observers cannot find it is not/
    );
    expect(() => t.apply(look([], { thief: "full" }))).toThrow(/values must be a non-empty list/);
    expect(() => t.apply(look(["c9"], { thief: "full" }))).toThrow(/not in the declared domain/);
    expect(() =>
      t.apply({ kind: "negative", fluent: "at(crown)", values: ["c1"], observers: {} })
    ).toThrow(/unknown fluent "at\(crown\)"/);
    expect(JSON.stringify(t.groundTruth(2))).toBe(before);
  });
});

describe("trust known to all who heard, the speaker included", () => {
  const M = "at(marble)";
  const start: TrackerInit = {
    agents: ["sally", "anne", "bob"],
    world: { [M]: "box" },
    commonKnowledge: [M],
    domains: { [M]: ["basket", "box"] }
  };
  const lie = (trustKnown: boolean): EpistemicEvent => ({
    kind: "announcement",
    speaker: "anne",
    claim: { fluent: M, value: "basket" },
    observers: { sally: "full", bob: "full" },
    trust: { bob: false },
    trustKnown
  });

  it.each([
    ["ChainTracker", (i: TrackerInit): BeliefTracker => new ChainTracker(i)],
    ["KripkeTracker", (i: TrackerInit): BeliefTracker => new KripkeTracker(i)]
  ])("%s: the speaker knows who did not believe her, or assumes all did", (_n, make) => {
    const known = make(start);
    known.apply(lie(true));
    expect(known.believedValues(["anne", "bob"], M)).toEqual(["box"]);
    expect(known.believedValues(["anne", "sally"], M)).toEqual(["basket"]);
    // sally, who believed, takes anne to be sincere, and knows bob did not believe
    expect(known.believedValues(["sally", "anne", "bob"], M)).toEqual(["box"]);
    // bob, who did not, knows sally believed, and that to her anne is sincere
    expect(known.believedValues(["bob", "sally", "anne"], M)).toEqual(["basket"]);
    const own = make(start);
    own.apply(lie(false));
    expect(own.believedValues(["anne", "bob"], M)).toEqual(["basket"]);
    expect(own.believedValues(["bob", "sally"], M)).toEqual(["box"]);
  });
});
