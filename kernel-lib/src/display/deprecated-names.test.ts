import { DEPRECATION_CODE } from "../support/deprecated";
import { assertBeliefGraphPayload, validateBeliefGraphPayload } from "./deprecated-names";

describe("pwmk/display names moved to pwmk/payloads", () => {
  it("still validate format-1 belief graphs and warn once, naming the replacement", () => {
    const warnings: Error[] = [];
    const listen = (w: Error) => warnings.push(w);
    process.on("warning", listen);
    const emit = jest.spyOn(process, "emitWarning");
    try {
      expect(validateBeliefGraphPayload({ version: "1.0", nodes: [], edges: [] })).toEqual([]);
      expect(validateBeliefGraphPayload({ version: "1.0", nodes: {}, edges: [] })).toHaveLength(1);
      expect(() => assertBeliefGraphPayload({ version: "2.0", nodes: [], edges: [] })).toThrow(
        /invalid belief graph: version is "2.0"/
      );
      const calls = emit.mock.calls.map((c) => String(c[0]));
      expect(calls.filter((m) => m.startsWith("validateBeliefGraphPayload()"))).toHaveLength(1);
      expect(calls.find((m) => m.startsWith("assertBeliefGraphPayload()"))).toMatch(
        /use assertPayload\(BELIEF_GRAPH_V1, value\) from "pwmk\/payloads"/
      );
      expect(emit.mock.calls[0][1]).toMatchObject({ code: DEPRECATION_CODE });
    } finally {
      emit.mockRestore();
      process.off("warning", listen);
    }
  });
});
