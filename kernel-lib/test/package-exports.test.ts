/**
 * The package `exports` map as a consumer meets it: a project whose node_modules holds pwmk (a
 * symlink to the workspace's node_modules, so `pwmk` resolves to this package by name) loads each
 * entry point with Node's CommonJS `require` and with static ESM named imports, and type-checks
 * them with tsc under moduleResolution node10 (tslab; `typesVersions`), node16 and bundler
 * (`exports` "types" conditions). Needs lib/ built: beforeAll builds it when src is newer than the
 * build stamp that scripts/setup.sh keeps.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const KERNEL_LIB = path.resolve(__dirname, "..");
const REPO = path.resolve(KERNEL_LIB, "..");
const STAMP = path.join(KERNEL_LIB, "lib", ".pwmk-build-ok");
/** The tsc of `npm run build` (node_modules/.bin/tsc), which writes lib/ as scripts/setup.sh does. */
const BUILD_TSC = path.join(REPO, "node_modules", ".bin", "tsc");
/** The TypeScript a consumer project would use (this repository's `typescript` devDependency). */
const TSC = path.join(REPO, "node_modules", "typescript", "bin", "tsc");
const ENTRIES = [
  "pwmk",
  ...["random", "terms", "beliefs", "epistemic", "stories", "envs", "data", "display"].map(
    (s) => `pwmk/${s}`
  )
];
/** A value and a type every entry point gives (with the type's generic arity where it has one). */
const SAMPLES: Record<string, { value: string; type: string }> = {
  pwmk: { value: "ChainTracker", type: "EpistemicEvent" },
  "pwmk/random": { value: "Rng", type: "Rng" },
  "pwmk/terms": { value: "parseTerm", type: "Term" },
  "pwmk/beliefs": { value: "BeliefStore", type: "BeliefStoreOptions" },
  "pwmk/epistemic": { value: "KripkeTracker", type: "TrackerInit" },
  "pwmk/stories": { value: "runStory", type: "StoryOptions" },
  "pwmk/envs": { value: "Discrete", type: "SpaceJSON" },
  "pwmk/data": { value: "TrajectoryDataset", type: "TrajectoryRecord" },
  "pwmk/display": { value: "beliefGraph", type: "BeliefGraphPayload" }
};

let consumer: string;

/** Runs node in the consumer project; returns stdout, or throws with stderr. */
function node(args: string[]): string {
  const run = spawnSync(process.execPath, args, { cwd: consumer, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`node ${args.join(" ")} failed:\n${run.stderr}`);
  return run.stdout;
}

/** Runs tsc in the consumer project with one tsconfig; returns its diagnostics ("" if none). */
function tsc(config: string): string {
  const run = spawnSync(process.execPath, [TSC, "-p", config, "--pretty", "false"], {
    cwd: consumer,
    encoding: "utf8"
  });
  return (run.stdout + run.stderr).trim();
}

/** The newest modification time under dir (files only), in ms. */
function newest(dir: string): number {
  let t = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

function ensureBuilt(): void {
  // The inputs scripts/setup.sh watches for the same stamp.
  const inputs = [
    path.join(KERNEL_LIB, "package.json"),
    path.join(KERNEL_LIB, "tsconfig.build.json"),
    path.join(REPO, "tsconfig.base.json")
  ];
  const changed = Math.max(
    newest(path.join(KERNEL_LIB, "src")),
    ...inputs.map((f) => fs.statSync(f).mtimeMs)
  );
  if (fs.existsSync(STAMP) && fs.statSync(STAMP).mtimeMs >= changed) return;
  fs.rmSync(STAMP, { force: true });
  const build = spawnSync(process.execPath, [BUILD_TSC, "-p", "tsconfig.build.json"], {
    cwd: KERNEL_LIB,
    encoding: "utf8"
  });
  if (build.status !== 0) {
    throw new Error(`building kernel-lib/lib failed:\n${build.stdout}${build.stderr}`);
  }
  fs.writeFileSync(STAMP, "");
}

beforeAll(() => {
  ensureBuilt();
  consumer = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-consumer-"));
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(consumer, "node_modules"), "dir");
}, 180_000);

afterAll(() => {
  if (consumer) fs.rmSync(consumer, { recursive: true, force: true });
});

/** The run-time names of each entry point, as this package's sources define them. */
function sourceNames(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const entry of ENTRIES) {
    const file = entry === "pwmk" ? "../src" : `../src/${entry.slice("pwmk/".length)}`;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    out[entry] = Object.keys(require(file)).sort();
  }
  return out;
}

describe("pwmk resolved by name from a consumer project", () => {
  it("loads every entry point with CommonJS require, with the names of the sources", () => {
    fs.writeFileSync(
      path.join(consumer, "require.cjs"),
      `const out = {};
for (const entry of ${JSON.stringify(ENTRIES)}) out[entry] = Object.keys(require(entry)).sort();
console.log(JSON.stringify(out));`
    );
    expect(JSON.parse(node(["require.cjs"]))).toEqual(sourceNames());
  });

  it("gives every name as a static ESM named import (Node sees tsc's re-exports)", () => {
    const names = sourceNames();
    const lines = ENTRIES.map((entry, i) => {
      const list = names[entry].map((n) => `${n} as e${i}_${n}`).join(", ");
      return `import { ${list} } from "${entry}";\nnames[${JSON.stringify(entry)}] = [${names[entry]
        .map((n) => `[${JSON.stringify(n)}, typeof e${i}_${n}]`)
        .join(", ")}];`;
    });
    // Static imports are hoisted: `names` is filled after every import has linked.
    fs.writeFileSync(
      path.join(consumer, "import.mjs"),
      `const names = {};\n${lines.join("\n")}\nconsole.log(JSON.stringify(names));`
    );
    const imported = JSON.parse(node(["import.mjs"])) as Record<string, [string, string][]>;
    for (const entry of ENTRIES) {
      expect(imported[entry].map(([n]) => n)).toEqual(names[entry]);
      expect(imported[entry].filter(([, type]) => type === "undefined")).toEqual([]);
    }
  });

  it("refuses paths the exports map does not list", () => {
    const probe = `for (const p of ["pwmk/lib/display/tslab-bridge", "pwmk/src/display", "pwmk/lib/index.js"]) {
  try { require(p); console.log(p, "loaded"); } catch (e) { console.log(p, e.code); }
}`;
    fs.writeFileSync(path.join(consumer, "deep.cjs"), probe);
    expect(node(["deep.cjs"]).trim().split("\n")).toEqual([
      "pwmk/lib/display/tslab-bridge ERR_PACKAGE_PATH_NOT_EXPORTED",
      "pwmk/src/display ERR_PACKAGE_PATH_NOT_EXPORTED",
      "pwmk/lib/index.js ERR_PACKAGE_PATH_NOT_EXPORTED"
    ]);
  });

  it.each([
    ["node10", { module: "commonjs", moduleResolution: "node10" }, ["consumer.ts"]],
    ["node16", { module: "node16", moduleResolution: "node16" }, ["consumer.ts", "consumer.mts"]],
    ["bundler", { module: "esnext", moduleResolution: "bundler" }, ["consumer.ts"]]
  ])(
    "type-checks imports of each entry point under moduleResolution %s",
    (label, options, files) => {
      // Under node16, consumer.ts is a CommonJS module ("require" condition), consumer.mts ESM.
      const body = ENTRIES.map((entry, i) => {
        const { value, type } = SAMPLES[entry];
        return `import { ${value} as v${i}, type ${type} as T${i} } from "${entry}";
export const use${i}: [typeof v${i}, T${i} | undefined] = [v${i}, undefined];`;
      }).join("\n");
      for (const file of files) fs.writeFileSync(path.join(consumer, file), body);
      const config = `tsconfig.${label}.json`;
      fs.writeFileSync(
        path.join(consumer, config),
        JSON.stringify({
          compilerOptions: {
            ...options,
            target: "es2022",
            strict: true,
            noEmit: true,
            types: ["node"]
          },
          files
        })
      );
      expect(tsc(config)).toBe("");
    }
  );
});
