/**
 * The layers of kernel-lib/src, enforced (run: `npm run lint:layers`, part of `npm test`).
 *
 * Data flows up LAYERS and never down: a layer may import the layers before it, never one after
 * it (cli, the command line, is the top). `display` reads every layer and no layer reads it; only
 * the root entry file src/index.ts gathers it. No runtime import cycles. The layer rules count
 * type-only imports too, so a cycle made only of type imports (two modules naming each other's
 * types, erased by tsc) can exist inside one layer and never across layers. Tests (*.test.ts,
 * kernel-lib/test, bench) may use any layer as fixtures.
 */
const LAYERS = [
  "support",
  "random",
  "terms",
  "beliefs",
  "epistemic",
  "stories",
  "envs",
  "unity",
  "data",
  "models",
  "training",
  "planning",
  "agents",
  "cli"
];
const SRC = "^kernel-lib/src/";
const TESTS = "(\\.test\\.ts$|/spec/)";
const ENTRY = `${SRC}index\\.ts$`;

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer}`,
  comment: `${layer} is below ${LAYERS.slice(i + 1).join(", ")}: it must not import them (data flows ${LAYERS.join(" -> ")})`,
  severity: "error",
  from: { path: `${SRC}${layer}/`, pathNot: TESTS },
  to: { path: `${SRC}(${LAYERS.slice(i + 1).join("|")})/` }
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...upward,
    {
      name: "display-reads-only",
      comment:
        "display reads every layer and no layer reads display; only the entry files gather it",
      severity: "error",
      from: { path: SRC, pathNot: [`${SRC}display/`, `${SRC}cli/`, ENTRY, TESTS] },
      to: { path: `${SRC}display/` }
    },
    {
      name: "payloads-self-contained",
      comment:
        "display/payloads is the contract the browser renderers import at run time: it imports nothing outside itself (no other layer, no package, no Node API)",
      severity: "error",
      from: { path: `${SRC}display/payloads/`, pathNot: TESTS },
      to: { pathNot: `${SRC}display/payloads/` }
    },
    {
      name: "no-cycle",
      comment:
        "modules of kernel-lib/src must not load each other in a cycle (under CommonJS one of them would read undefined)",
      severity: "error",
      from: { path: SRC, pathNot: TESTS },
      to: {
        circular: true,
        dependencyTypesNot: ["type-only"],
        viaOnly: { dependencyTypesNot: ["type-only"] }
      }
    },
    {
      name: "known-layer",
      comment: `every folder of kernel-lib/src has a place in the layers (${LAYERS.join(", ")}, display): add a new one to LAYERS in .dependency-cruiser.cjs`,
      severity: "error",
      from: { path: `${SRC}[^/]+/`, pathNot: `${SRC}(${LAYERS.join("|")}|display)/` },
      to: {}
    },
    {
      name: "no-deep-entry",
      comment: "the layers of kernel-lib/src must not import the root entry file (src/index.ts)",
      severity: "error",
      from: { path: SRC, pathNot: [ENTRY, TESTS] },
      to: { path: ENTRY }
    }
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(lib|node_modules|build-check)/" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["types", "require", "node", "default"],
      extensions: [".ts", ".d.ts", ".js", ".json"]
    }
  }
};
