/**
 * The public API of `pwmk`: the exact names of the root module, the subpath entry points and
 * what they share. Adding a name to the root is a decision: update ROOT below in the same change.
 */
import * as path from "node:path";
import * as ts from "typescript";

const SRC = path.resolve(__dirname, "../src");

/** The subpaths of the package `exports` map, each the index.ts of one layer. */
const SUBPATHS = [
  "support",
  "random",
  "terms",
  "beliefs",
  "epistemic",
  "stories",
  "envs",
  "data",
  "display",
  "payloads",
  "models",
  "training",
  "planning",
  "agents",
  "unity"
] as const;

/** Subpaths whose entry point is not <subpath>/index.ts. */
const SUBPATH_DIRS: Partial<Record<(typeof SUBPATHS)[number], string>> = {
  payloads: "display/payloads"
};

/** Every name `import * as pwmk from "pwmk"` gives: values (present at run time) and types. */
const ROOT = {
  values: [
    "BeliefCircles",
    "BeliefMCTS",
    "BeliefState",
    "BeliefStore",
    "BeliefUpdater",
    "ChainTracker",
    "DataCollector",
    "EpistemicPlanner",
    "EpistemicQuery",
    "F",
    "FluentSpace",
    "HideAndSeek",
    "KripkeTracker",
    "MultiAgentBoxWorld",
    "PerspectiveWorldModel",
    "ProbabilisticBeliefs",
    "RoomWorld",
    "SallyAnneWorld",
    "SocialDeception",
    "ToMAgent",
    "TrajectoryDataset",
    "UnityEnvironment",
    "WorldModelData",
    "WorldModelTrainer",
    "atom",
    "beliefChain",
    "beliefGraphOf",
    "beliefGraph",
    "believes",
    "compound",
    "display",
    "displayHandle",
    "divergenceChart",
    "escapeMarkup",
    "formatTerm",
    "formulaToString",
    "jsToTerm",
    "list",
    "liveTraining",
    "num",
    "parseFormula",
    "parseMAStar",
    "parseTerm",
    "pred",
    "recordTrajectory",
    "predictionChart",
    "runStory",
    "searchTree",
    "show",
    "str",
    "syncTo",
    "termToJs",
    "toMimeBundle",
    "trackDivergence",
    "trainingChart",
    "useBestBackend",
    "v",
    "version"
  ],
  types: [
    "AgentId",
    "BeliefStoreOptions",
    "BeliefTracker",
    "BeliefUpdate",
    "Displayable",
    "EpistemicEvent",
    "Fluent",
    "Formula",
    "MimeBundle",
    "PerspectiveEnv",
    "PlanResult",
    "StoredBeliefs",
    "StoryRun",
    "Term",
    "TrackerInit",
    "Value"
  ]
};

/** Plumbing that once leaked through the root; it is importable from no entry point. */
const INTERNALS = [
  "sendBundle",
  "findDisplayDataWriter",
  "findPublicDisplay",
  "processEnvironment",
  "encodeEntry",
  "DatasetWriter",
  "EpisodeAssembler",
  "bresenhamLine",
  "LosTable",
  "DX",
  "DY",
  "escapeXml",
  "logSumExp",
  "normaliseLog",
  "conditionLog"
];

interface Entry {
  /** "pwmk" or "pwmk/<subpath>". */
  name: string;
  file: string;
  /** Export name -> the declaration it stands for, after following re-exports. */
  exports: Map<string, ts.Symbol>;
}

let entries: Entry[];
let checker: ts.TypeChecker;

beforeAll(() => {
  const files = [
    { name: "pwmk", file: path.join(SRC, "index.ts") },
    ...SUBPATHS.map((s) => ({
      name: `pwmk/${s}`,
      file: path.join(SRC, SUBPATH_DIRS[s] ?? s, "index.ts")
    }))
  ];
  const program = ts.createProgram(
    files.map((f) => f.file),
    {
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      esModuleInterop: true,
      resolveJsonModule: true,
      skipLibCheck: true,
      noEmit: true,
      types: ["node"]
    }
  );
  checker = program.getTypeChecker();
  entries = files.map(({ name, file }) => {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`entry point ${file} is missing`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${file} is not a module`);
    const exports = new Map<string, ts.Symbol>();
    for (const sym of checker.getExportsOfModule(moduleSymbol)) {
      exports.set(sym.name, sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym);
    }
    return { name, file, exports };
  });
}, 60_000);

const root = (): Entry => entries[0];
const sorted = (names: Iterable<string>) => [...names].sort();

describe("the root module pwmk", () => {
  it("exports exactly the listed names, values and types", () => {
    expect(sorted(root().exports.keys())).toEqual(sorted([...ROOT.values, ...ROOT.types]));
  });

  it("gives exactly the listed values at run time (the types are type-only)", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pwmk = require("../src") as Record<string, unknown>;
    expect(sorted(Object.keys(pwmk))).toEqual(sorted(ROOT.values));
    for (const name of ROOT.values) expect(pwmk[name]).toBeDefined();
  });

  it("names BeliefState for the probabilistic class only", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { BeliefState } = require("../src") as typeof import("../src");
    const sally = new BeliefState({ agent: "sally", domains: { "at(marble)": ["basket", "box"] } });
    expect(sally.distribution("at(marble)")).toEqual({ basket: 0.5, box: 0.5 });
  });

  it("documents every export where it is declared, with an example", () => {
    const undocumented = [...root().exports]
      .filter(([, sym]) => !/```|@example/.test(docOf(sym)))
      .map(
        ([name, sym]) =>
          `${name} (${path.relative(SRC, declarationOf(sym).getSourceFile().fileName)})`
      );
    expect(undocumented).toEqual([]);
  });
});

describe("the subpath entry points", () => {
  it("give every root name except version under its layer's subpath", () => {
    const homeless = [...root().exports.keys()].filter(
      (name) => name !== "version" && !entries.slice(1).some((e) => e.exports.has(name))
    );
    expect(homeless).toEqual([]);
  });

  it("never export one name with two meanings", () => {
    const clashes: string[] = [];
    const seen = new Map<string, { entry: string; decl: ts.Declaration }>();
    for (const entry of entries) {
      for (const [name, sym] of entry.exports) {
        const decl = declarationOf(sym);
        const first = seen.get(name);
        if (!first) seen.set(name, { entry: entry.name, decl });
        else if (first.decl !== decl)
          clashes.push(`${name}: ${first.entry} and ${entry.name} differ`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it("give the very same object for a name they share at run time", () => {
    const modules = entries.map((e) => ({
      name: e.name,
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      values: require(e.file) as Record<string, unknown>
    }));
    const mismatches: string[] = [];
    for (const a of modules) {
      for (const b of modules) {
        for (const name of Object.keys(a.values)) {
          if (name in b.values && a.values[name] !== b.values[name]) {
            mismatches.push(`${name}: ${a.name} vs ${b.name}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("keep the plumbing internal", () => {
    const leaks = entries.flatMap((e) =>
      INTERNALS.filter((name) => e.exports.has(name)).map((name) => `${e.name}: ${name}`)
    );
    expect(leaks).toEqual([]);
  });
});

function declarationOf(sym: ts.Symbol): ts.Declaration {
  const decl = sym.declarations?.[0];
  if (!decl) throw new Error(`${sym.name} has no declaration`);
  return decl;
}

/** The doc comment of a symbol's declaration (for a variable, of its statement). */
function docOf(sym: ts.Symbol): string {
  const decl = declarationOf(sym);
  const node = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
  return ts
    .getJSDocCommentsAndTags(node)
    .map((doc) => doc.getText())
    .join("\n");
}
