/**
 * The layer check of `npm test` (dependency-cruiser with the repository's .dependency-cruiser.cjs)
 * refuses what it is there to refuse. Each case lays out a small kernel-lib/src tree in a temporary
 * directory and runs the checker on it as scripts/test.sh runs it on the real one.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../..");
const CONFIG = path.join(REPO, ".dependency-cruiser.cjs");
const DEPCRUISE = path.join(
  REPO,
  "node_modules",
  "dependency-cruiser",
  "bin",
  "dependency-cruise.mjs"
);

let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-layers-"));
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** Writes files under <root>/kernel-lib/src and runs the checker; returns its exit code and report. */
function check(files: Record<string, string>): { status: number | null; report: string } {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, "kernel-lib", "src", name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  const run = spawnSync(
    process.execPath,
    [DEPCRUISE, "--config", CONFIG, "--output-type", "err-long", "kernel-lib/src"],
    { cwd: root, encoding: "utf8" }
  );
  return { status: run.status, report: run.stdout + run.stderr };
}

describe("the layer check", () => {
  it("accepts imports that follow the layers, and tests that use any layer", () => {
    const { status, report } = check({
      "terms/term.ts": "export const term = 1;\n",
      "beliefs/store.ts": 'import { term } from "../terms/term";\nexport const store = term;\n',
      "display/show.ts": 'import { store } from "../beliefs/store";\nexport const show = store;\n',
      "terms/term.test.ts": 'import { show } from "../display/show";\nexport const t = show;\n',
      "index.ts": 'export { show } from "./display/show";\n'
    });
    expect(report).toContain("no dependency violations found");
    expect(status).toBe(0);
  });

  it("refuses an upward import, naming the rule and both modules", () => {
    const { status, report } = check({
      "terms/term.ts":
        'import { BeliefStore } from "../beliefs/store";\nexport const term = BeliefStore;\n',
      "beliefs/store.ts": "export class BeliefStore {}\n"
    });
    expect(status).not.toBe(0);
    expect(report).toMatch(
      /layer-terms: kernel-lib\/src\/terms\/term\.ts → kernel-lib\/src\/beliefs\/store\.ts/
    );
  });

  it("refuses an upward import even when it only imports a type", () => {
    const { status, report } = check({
      "random/rng.ts": 'import type { Term } from "../terms/term";\nexport type Seed = Term;\n',
      "terms/term.ts": "export type Term = string;\n"
    });
    expect(status).not.toBe(0);
    expect(report).toMatch(
      /layer-random: kernel-lib\/src\/random\/rng\.ts → kernel-lib\/src\/terms\/term\.ts/
    );
  });

  it("refuses a layer that imports display", () => {
    const { status, report } = check({
      "envs/world.ts": 'import { show } from "../display/show";\nexport const world = show;\n',
      "display/show.ts": "export const show = 1;\n"
    });
    expect(status).not.toBe(0);
    expect(report).toMatch(
      /display-reads-only: kernel-lib\/src\/envs\/world\.ts → kernel-lib\/src\/display\/show\.ts/
    );
  });

  it("refuses a run-time import cycle, naming its modules", () => {
    const { status, report } = check({
      "terms/term.ts":
        'import { formatTerm } from "./printer";\nexport const term = () => formatTerm;\n',
      "terms/printer.ts": 'import { term } from "./term";\nexport const formatTerm = () => term;\n'
    });
    expect(status).not.toBe(0);
    expect(report).toMatch(/no-cycle: kernel-lib\/src\/terms\/(term|printer)\.ts/);
    expect(report).toContain("kernel-lib/src/terms/term.ts");
    expect(report).toContain("kernel-lib/src/terms/printer.ts");
  });

  it("allows a cycle inside one layer whose back edge is a type-only import", () => {
    const { status, report } = check({
      "terms/term.ts":
        'import { formatTerm } from "./printer";\nexport class Compound {}\nexport const f = formatTerm;\n',
      "terms/printer.ts":
        'import type { Compound } from "./term";\nexport const formatTerm = (c: Compound) => String(c);\n'
    });
    expect(report).toContain("no dependency violations found");
    expect(status).toBe(0);
  });

  it("refuses a folder that has no place in the layers", () => {
    const { status, report } = check({
      "planner/plan.ts": 'import { term } from "../terms/term";\nexport const plan = term;\n',
      "terms/term.ts": "export const term = 1;\n"
    });
    expect(status).not.toBe(0);
    expect(report).toMatch(/known-layer: kernel-lib\/src\/planner\/plan\.ts/);
  });
});
