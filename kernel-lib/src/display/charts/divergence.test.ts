import { ChainTracker } from "../../epistemic/chain-tracker";
import type { EpistemicEvent } from "../../epistemic/events";
import { ProbabilisticBeliefs } from "../../epistemic/probabilistic/probabilistic-beliefs";
import { checkMimeBundle } from "../bundle";
import { toMimeBundle } from "../display";
import { validatePayload } from "../payloads/kind";
import { DIVERGENCE_MIME, DIVERGENCE_V1, type DivergencePayload } from "../payloads/divergence";
import { divergenceChart, trackDivergence } from "./divergence";
import { VEGA_LITE_MIME } from "./vega-lite";

const init = {
  agents: ["sally", "anne"],
  world: { "at(marble)": "basket" },
  commonKnowledge: ["at(marble)"],
  domains: { "at(marble)": ["basket", "box"] }
};
const events: EpistemicEvent[] = [
  {
    kind: "ontic",
    effects: { "at(marble)": "box" },
    observers: { anne: "full" },
    label: "anne moves the marble"
  }
];

describe("trackDivergence", () => {
  it("measures who disagrees with whom after each event, leaving the tracker unchanged", () => {
    const tracker = new ChainTracker(init);
    const trace = trackDivergence(tracker, events);
    const at = (step: number, a: string, b: string) =>
      trace.divergenceHistory.find((r) => r.step === step && r.a === a && r.b === b)?.mean;
    expect([at(0, "sally", "anne"), at(0, "sally", "world")]).toEqual([0, 0]);
    expect([at(1, "sally", "anne"), at(1, "sally", "world"), at(1, "anne", "world")]).toEqual([
      1, 1, 0
    ]);
    expect(trace.divergenceHistory.find((r) => r.step === 1)?.label).toBe("anne moves the marble");
    expect(tracker.believedValues(["anne"], "at(marble)")).toEqual(["basket"]);
  });

  it("names an event the tracker refuses", () => {
    const bad = [
      { kind: "ontic", effects: { "at(marble)": "box" }, observers: { zoe: "full" } }
    ] as EpistemicEvent[];
    expect(() => trackDivergence(new ChainTracker(init), bad)).toThrow(/event 0 was refused/);
  });
});

describe("divergenceChart", () => {
  it("builds one schema-valid bundle with a line per pair and the events as step labels", () => {
    const chart = divergenceChart(trackDivergence(new ChainTracker(init), events), {
      title: "Sally-Anne"
    });
    const bundle = chart.toMimeBundle();
    checkMimeBundle(bundle);
    expect(Object.keys(bundle).sort()).toEqual(
      [DIVERGENCE_MIME, VEGA_LITE_MIME, "image/svg+xml", "text/html", "text/plain"].sort()
    );
    const payload = bundle[DIVERGENCE_MIME] as DivergencePayload;
    expect(validatePayload(DIVERGENCE_V1, payload)).toEqual([]);
    expect(payload.steps).toEqual([{ step: 0 }, { step: 1, label: "anne moves the marble" }]);
    expect(payload.series).toEqual([
      { a: "sally", b: "anne", values: [0, 1] },
      { a: "sally", b: "world", values: [0, 1] },
      { a: "anne", b: "world", values: [0, 0] }
    ]);
    expect(payload.measure).toMatch(/^disagreement/);
    expect(bundle["text/plain"]).toContain("1\tanne moves the marble\t1\t1\t0");
    expect(bundle["image/svg+xml"]).toContain(">sally vs world</text>");
  });

  it("draws ProbabilisticBeliefs' Jensen–Shannon history, and display() takes the records directly", () => {
    const pb = new ProbabilisticBeliefs(init);
    pb.apply(events[0]);
    const payload = divergenceChart(pb).payload;
    expect(payload.measure).toBe("Jensen–Shannon divergence (bits)");
    expect(payload.steps).toHaveLength(2);
    expect(toMimeBundle(pb.divergenceHistory)[DIVERGENCE_MIME]).toMatchObject({
      steps: payload.steps
    });
  });

  it("plots one fluent on request and refuses a fluent no record has", () => {
    const trace = trackDivergence(new ChainTracker(init), events);
    expect(divergenceChart(trace, { fluent: "at(marble)" }).payload.measure).toMatch(
      /of at\(marble\)$/
    );
    expect(() => divergenceChart(trace, { fluent: "at(ball)" })).toThrow(
      /no record has the fluent 'at\(ball\)'/
    );
  });

  it.each([
    [{}, /needs a ProbabilisticBeliefs or divergence records/],
    [[], /there are no divergence records/],
    [[{ step: 0, a: "x" }], /every record needs step/]
  ])("refuses %j with a clear error", (input, message) => {
    expect(() => divergenceChart(input as never)).toThrow(message);
  });
});
