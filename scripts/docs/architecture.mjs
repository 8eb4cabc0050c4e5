#!/usr/bin/env node
// The architecture diagram and the layer table of docs/architecture.md, generated from the real
// dependency graph: the layers in their order come from .dependency-cruiser.cjs (the rules
// `npm run lint:layers` enforces), the arrows from dependency-cruiser's reading of the imports of
// kernel-lib/src (tests left out), collapsed to one node per layer. Graphviz (compiled to
// WebAssembly, so every machine draws the same bytes) lays it out as docs/images/architecture.svg.
//
//   node scripts/docs/architecture.mjs --write   regenerate the SVG and the table
//   node scripts/docs/architecture.mjs --check   fail when either no longer matches the code
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Graphviz } from "@hpcc-js/wasm-graphviz";
import { dataFlowDot } from "./data-flow.mjs";
import { formatted, modeOf, read, replaceGenerated, repo, sync } from "./generated.mjs";

const SVG = join(repo, "docs/images/architecture.svg");
const FLOW_SVG = join(repo, "docs/images/data-flow.svg");
const PAGE = join(repo, "docs/architecture.md");
const REGENERATE = "node scripts/docs/architecture.mjs --write";

/** What each layer holds, in a few words (the diagram's second line). */
const ROLES = {
  support: "deprecation notices",
  random: "seeded generator (Rng)",
  terms: "Prolog terms: parse, print, build",
  beliefs: "BeliefStore on SWI-Prolog or clingo",
  epistemic: "events, formulas, trackers",
  stories: "RoomWorld, story files",
  envs: "PerspectiveEnv, spaces, grid worlds",
  unity: "Unity ML-Agents over gRPC",
  data: "collection, datasets, export",
  models: "PerspectiveWorldModel (tfjs)",
  training: "batches, trainer, evaluation",
  planning: "mA*, EpistemicPlanner, BeliefMCTS",
  agents: "ToMAgent, tournaments",
  cli: "the pwmk command",
  display: "bundles, static pictures",
  payloads: "MIME types, schemas, layouts",
  extension: "JupyterLab renderers (browser)"
};

/** The layers, lowest first, as .dependency-cruiser.cjs orders them (then display, payloads). */
export function layersOf(config) {
  const rule = config.forbidden.find((r) => r.name === "known-layer");
  const match = /\(([a-z|]+)\)\/$/.exec(rule?.from?.pathNot ?? "");
  if (!match) throw new Error('.dependency-cruiser.cjs: no "known-layer" rule listing the layers');
  const layers = match[1].split("|");
  if (layers.at(-1) !== "display") throw new Error("known-layer: display is expected last");
  return [...layers, "payloads"];
}

/** The folder of kernel-lib/src a module belongs to: its layer, or undefined (root files). */
function layerOf(path) {
  if (path.startsWith("kernel-lib/src/display/payloads/")) return "payloads";
  return /^kernel-lib\/src\/([^/]+)\//.exec(path)?.[1];
}

/**
 * Imports between layers: "from -> to" with "value" or "type" (only type imports). Besides the
 * layers of kernel-lib/src, the extension's renderers (jupyterlab-ext/src) appear as "extension",
 * with the pwmk entry points they import.
 */
export function layerEdges() {
  const json = execFileSync(
    join(repo, "node_modules/.bin/depcruise"),
    [
      "--config",
      ".dependency-cruiser.cjs",
      "--output-type",
      "json",
      "--exclude",
      "(\\.test\\.ts$|/spec/)",
      "kernel-lib/src",
      "jupyterlab-ext/src"
    ],
    { cwd: repo, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, timeout: 240_000 }
  );
  const edges = new Map();
  const add = (from, to, typeOnly) => {
    if (!from || !to || to === from) return;
    const key = `${from} -> ${to}`;
    edges.set(key, edges.get(key) === "value" || !typeOnly ? "value" : "type");
  };
  for (const m of JSON.parse(json).modules) {
    const fromExtension = m.source.startsWith("jupyterlab-ext/src/");
    const from = fromExtension ? EXTENSION : layerOf(m.source);
    for (const d of m.dependencies) {
      const typeOnly = d.dependencyTypes.includes("type-only");
      if (!fromExtension) add(from, layerOf(d.resolved), typeOnly);
      else if (/^pwmk(\/|$)/.test(d.module))
        add(from, d.module.split("/")[1] ?? "(root)", typeOnly);
    }
  }
  // Sorted, so the drawing does not depend on the order the files were read in.
  return new Map([...edges].sort(([a], [b]) => a.localeCompare(b)));
}

const EXTENSION = "extension";

/** The edges among `nodes` that no longer path between them implies (the layers form a DAG). */
function reduced(nodes, edges) {
  const inside = [...edges].filter(([k]) => k.split(" -> ").every((n) => nodes.includes(n)));
  const next = new Map(nodes.map((n) => [n, []]));
  for (const [k] of inside) {
    const [a, b] = k.split(" -> ");
    next.get(a).push(b);
  }
  const reachableAvoiding = (from, target) => {
    // Is `target` reachable from `from` by a path of two or more edges?
    const seen = new Set();
    const stack = next.get(from).filter((n) => n !== target);
    while (stack.length) {
      const n = stack.pop();
      if (n === target) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...next.get(n));
    }
    return false;
  };
  return inside.filter(([k]) => !reachableAvoiding(...k.split(" -> ")));
}

/** Names joined by commas, three to a line (keeps the labels, and so the picture, narrow). */
const wrapped = (names) =>
  names
    .map((n, i) => (i > 0 && i % 3 === 0 ? `\n${n}` : n))
    .join(", ")
    .replace(/, \n/g, ",\n");

const READERS = ["cli", "display"];
const FONT = "Helvetica";

function dot(layers, edges) {
  const core = layers.filter((l) => l !== "payloads" && !READERS.includes(l));
  const q = (s) => JSON.stringify(s);
  const node = (l, fill) => {
    if (!ROLES[l])
      throw new Error(`"${l}" has no role: add it to ROLES in scripts/docs/architecture.mjs`);
    const sub = l === "cli" ? "bin: pwmk" : l === EXTENSION ? "jupyterlab-pwmk" : `pwmk/${l}`;
    return `    ${q(l)} [label=<<b>${l}</b><br/><font point-size="9">${sub}</font><br/><font point-size="9">${ROLES[l]}</font>>, fillcolor=${q(fill)}];`;
  };
  const arrow = (from, to, kind, extra = []) => {
    // An arrow points from a layer to a layer it imports; rankdir=BT draws the importer above.
    const attrs = ["dir=back", kind === "type" ? "style=dashed" : "", ...extra].filter(Boolean);
    return `  ${q(to)} -> ${q(from)} [${attrs.join(", ")}];`;
  };
  const importsOf = (l) =>
    [...edges]
      .filter(([k]) => k.startsWith(`${l} -> `))
      .map(([k]) => k.split(" -> ")[1])
      .filter((to) => core.includes(to))
      .sort((a, b) => core.indexOf(a) - core.indexOf(b));
  const lines = [
    "digraph layers {",
    `  graph [rankdir=BT, ranksep=0.3, nodesep=0.3, compound=true, fontname=${q(FONT)}, fontsize=10, bgcolor="white"];`,
    `  node [shape=box, style="rounded,filled", color="#5b6b7b", fontname=${q(FONT)}, fontsize=11, margin="0.25,0.05"];`,
    `  edge [color="#4a5868", arrowsize=0.6, fontname=${q(FONT)}, fontsize=9, fontcolor="#4a5868"];`,
    "  subgraph cluster_core {",
    '    label="the layers of kernel-lib/src, lowest first: a layer imports only layers below it"; labelloc=b; style="rounded,dashed"; color="#9aa8b6";',
    ...core.map((l) => node(l, "#e3eef9")),
    "  }",
    node("display", "#fdf1dc"),
    node("payloads", "#fdf1dc"),
    node("cli", "#e8e8e8"),
    ...(importsOf(EXTENSION).length || edges.has(`${EXTENSION} -> payloads`)
      ? [node(EXTENSION, "#fdf1dc")]
      : []),
    ...reduced(core, edges).map(([k, kind]) => arrow(...k.split(" -> "), kind))
  ];
  // display and cli read many layers: one arrow into the cluster, labelled with what they read.
  for (const reader of READERS) {
    const reads = importsOf(reader);
    if (reads.length === 0) continue;
    const target = reads.at(-1); // any node of the cluster; the arrow ends at its border
    lines.push(
      arrow(reader, target, "value", [
        `ltail=cluster_core`,
        `label=${q(`reads ${wrapped(reads)}`)}`,
        "constraint=false"
      ])
    );
  }
  for (const [k, kind] of edges) {
    const [from, to] = k.split(" -> ");
    if (core.includes(to) && (core.includes(from) || READERS.includes(from))) continue;
    if (from === EXTENSION && to !== "payloads") continue; // the extension's type imports: the table lists them
    lines.push(arrow(from, to, kind));
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}

function table(layers, edges) {
  const uses = (l, kind) =>
    [...edges]
      .filter(([k, v]) => k.startsWith(`${l} -> `) && v === kind)
      .map(([k]) => k.split(" -> ")[1])
      .sort((a, b) => layers.indexOf(a) - layers.indexOf(b));
  const rows = [...layers, EXTENSION].map((l) => {
    const folder =
      l === "payloads"
        ? "`display/payloads/`"
        : l === EXTENSION
          ? "`jupyterlab-ext/src/`"
          : `\`${l}/\``;
    const entry =
      l === "cli" ? "`pwmk` command" : l === EXTENSION ? "`jupyterlab-pwmk`" : `\`pwmk/${l}\``;
    const values =
      uses(l, "value")
        .map((u) => `\`${u}\``)
        .join(", ") || "—";
    const types =
      uses(l, "type")
        .map((u) => `\`${u}\``)
        .join(", ") || "—";
    return `| ${folder} | ${entry} | ${ROLES[l]} | ${values} | ${types} |`;
  });
  return [
    "| folder | entry point | holds | imports (run time) | imports (types only) |",
    "| --- | --- | --- | --- | --- |",
    ...rows
  ].join("\n");
}

const mode = modeOf();
const require = createRequire(import.meta.url);
const layers = layersOf(require(join(repo, ".dependency-cruiser.cjs")));
const edges = layerEdges();
for (const key of edges.keys()) {
  for (const l of key.split(" -> ")) {
    if (!layers.includes(l) && l !== EXTENSION && l !== "(root)")
      throw new Error(`${key}: "${l}" is not a layer of .dependency-cruiser.cjs`);
  }
}
const graphviz = await Graphviz.load();
const svg = graphviz.dot(dot(layers, edges), "svg");
const page = await formatted(
  PAGE,
  replaceGenerated(read("docs/architecture.md"), "layers", table(layers, edges), PAGE)
);
const flowSvg = graphviz.dot(dataFlowDot(layers, FONT), "svg");
const ok = [
  sync(SVG, svg, mode, REGENERATE),
  sync(FLOW_SVG, flowSvg, mode, REGENERATE),
  sync(PAGE, page, mode, REGENERATE)
].every(Boolean);
process.exit(ok ? 0 : 1);
