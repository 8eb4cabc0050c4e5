/**
 * The code of docs/mime-types.md ("Producing a PWMK output yourself"), run as a test: a program
 * that is not pwmk writes a belief-graph payload by hand, checks it with the contract's
 * validator, and sends it with a static fallback. `scripts/docs/snippets.mjs --check` keeps the
 * page's code equal to these regions.
 */
import * as os from "os";
import * as path from "path";
// #region imports
import * as fs from "fs";
import * as pwmk from "../../src";
import {
  BELIEF_GRAPH_V2,
  BELIEF_GRAPH_V2_MIME,
  readPayload,
  validatePayload
} from "../../src/display/payloads";
// #endregion imports

describe("docs/mime-types.md: producing a PWMK output yourself", () => {
  it("a hand-written payload validates, travels in a bundle with its fallback, and saves as a .pwmk.json view", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-guide-"));
    const cwd = process.cwd();
    process.chdir(dir); // the guide writes marble.pwmk.json where it runs
    // Outside a kernel, display prints the text/plain part.
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      // #region produce
      const payload = {
        version: "2.0",
        title: "Where is the marble?",
        agents: [{ id: "sally" }, { id: "anne" }],
        facts: [
          { id: "basket", label: "at(marble) = basket" },
          { id: "box", label: "at(marble) = box" }
        ],
        snapshots: [
          {
            label: "anne moved the marble while sally was out",
            world: ["box"],
            beliefs: [
              { chain: ["sally"], fact: "basket" }, // a false belief
              { chain: ["anne"], fact: "box" },
              { chain: ["anne", "sally"], fact: "basket" } // anne knows sally is wrong
            ]
          }
        ]
      };
      validatePayload(BELIEF_GRAPH_V2, payload); // []: valid (else one message per problem)

      const svg =
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="24">' +
        `<text x="4" y="16">${pwmk.escapeMarkup(payload.title)}</text></svg>`;
      const bundle = {
        [BELIEF_GRAPH_V2_MIME]: payload, // the object itself, not a JSON string
        "image/svg+xml": svg, // for viewers without the extension
        "text/plain": "sally believes the marble is in the basket; it is in the box"
      };
      pwmk.display(bundle); // one notebook output (checked first: bad bundles throw)
      fs.writeFileSync("marble.pwmk.json", JSON.stringify(bundle)); // opens in PWMK's viewer
      // #endregion produce
      expect(log).toHaveBeenCalledWith(bundle["text/plain"]);
      expect(validatePayload(BELIEF_GRAPH_V2, payload)).toEqual([]);
      expect(pwmk.toMimeBundle(bundle)).toEqual(bundle);
      const saved = JSON.parse(fs.readFileSync(path.join(dir, "marble.pwmk.json"), "utf8"));
      expect(readPayload(BELIEF_GRAPH_V2, saved[BELIEF_GRAPH_V2_MIME])).toEqual({
        ok: true,
        payload
      });
    } finally {
      log.mockRestore();
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("what a renderer says about a wrong version and a broken payload", () => {
    // #region mistakes
    readPayload(BELIEF_GRAPH_V2, { version: "3.0", agents: [], facts: [], snapshots: [] });
    // { ok: false, title: "Unsupported belief graph version", detail: "this output uses
    //   belief-graph format 3.0, but this viewer draws format 2.x; install the jupyterlab-pwmk ..." }
    validatePayload(BELIEF_GRAPH_V2, {
      version: "2.0",
      agents: [{ id: "sally" }],
      facts: [],
      snapshots: [{ beliefs: [{ chain: ["anne"], fact: "box" }] }]
    });
    // ['snapshots[0].beliefs[0].chain[0] "anne" is not an agent',
    //  'snapshots[0].beliefs[0].fact "box" is not a fact']
    // #endregion mistakes
    const wrongVersion = readPayload(BELIEF_GRAPH_V2, {
      version: "3.0",
      agents: [],
      facts: [],
      snapshots: []
    });
    expect(wrongVersion).toMatchObject({ ok: false, title: "Unsupported belief graph version" });
    expect(!wrongVersion.ok && wrongVersion.detail).toMatch(
      /^this output uses belief-graph format 3\.0, but this viewer draws format 2\.x; install the jupyterlab-pwmk/
    );
    expect(
      validatePayload(BELIEF_GRAPH_V2, {
        version: "2.0",
        agents: [{ id: "sally" }],
        facts: [],
        snapshots: [{ beliefs: [{ chain: ["anne"], fact: "box" }] }]
      })
    ).toEqual([
      'snapshots[0].beliefs[0].chain[0] "anne" is not an agent',
      'snapshots[0].beliefs[0].fact "box" is not a fact'
    ]);
    expect(() => pwmk.toMimeBundle({ "text/plain": "x", [BELIEF_GRAPH_V2_MIME]: "{}" })).toThrow(
      /must hold a JSON object, not a string/
    );
  });
});
