// The run-time data flow of docs/architecture.md as a Graphviz graph: what moves between the
// parts of PWMK while a notebook runs. Unlike the layer diagram it is not read from the imports
// (an import says who calls whom, not what travels), so it is written here; but every part names
// the layers that hold it, and the generator refuses a layer .dependency-cruiser.cjs does not
// have, so renaming or removing a layer makes `scripts/docs/check.sh` fail until this is updated.

/** The parts, each with the layers (folders of kernel-lib/src) that hold it. */
export const PARTS = {
  world: { title: "worlds", layers: ["envs", "unity", "stories"], note: "step(actions)" },
  trackers: { title: "trackers", layers: ["epistemic"], note: "apply(event), believedValues" },
  store: { title: "belief store", layers: ["beliefs", "terms"], note: "facts, rules, queries" },
  datasets: { title: "datasets", layers: ["data"], note: "episodes on disk or in memory" },
  model: { title: "world model", layers: ["models", "training"], note: "predict, predictBeliefs" },
  deciders: { title: "planners and agents", layers: ["planning", "agents"], note: "search" },
  display: { title: "display", layers: ["display", "payloads"], note: "MIME bundles" }
};

/** What travels, from part to part. */
export const FLOWS = [
  ["world", "trackers", "witnessed events"],
  ["trackers", "world", "belief ground truth"],
  ["trackers", "store", "believes/2 facts (syncTo)"],
  ["world", "datasets", "observations, actions,\nevents, ground truth"],
  ["datasets", "model", "batches with\nbelief labels"],
  ["trackers", "deciders", "an agent's own beliefs"],
  ["model", "deciders", "predicted futures"],
  ["deciders", "world", "actions"]
];

/** The DOT source of the data-flow picture; throws on a layer that is not in `layers`. */
export function dataFlowDot(layers, font) {
  const q = (s) => JSON.stringify(s);
  for (const [id, part] of Object.entries(PARTS)) {
    for (const l of part.layers) {
      if (!layers.includes(l)) {
        throw new Error(
          `scripts/docs/data-flow.mjs: part "${id}" names layer "${l}", which .dependency-cruiser.cjs does not have`
        );
      }
    }
  }
  const node = ([id, p]) =>
    `  ${q(id)} [label=<<b>${p.title}</b><br/><font point-size="9">${p.layers.join(", ")}</font><br/><font point-size="9">${p.note}</font>>, fillcolor=${q(id === "display" ? "#fdf1dc" : "#e3eef9")}];`;
  const parts = Object.entries(PARTS).filter(([id]) => id !== "display");
  return (
    [
      "digraph dataflow {",
      `  graph [rankdir=LR, nodesep=0.35, ranksep=0.6, compound=true, fontname=${q(font)}, fontsize=10, bgcolor="white"];`,
      `  node [shape=box, style="rounded,filled", color="#5b6b7b", fontname=${q(font)}, fontsize=11, margin="0.25,0.05"];`,
      `  edge [color="#4a5868", arrowsize=0.6, fontname=${q(font)}, fontsize=9, fontcolor="#4a5868"];`,
      "  subgraph cluster_parts {",
      '    label=""; style="rounded,dashed"; color="#9aa8b6";',
      ...parts.map(node),
      "  }",
      node(["display", PARTS.display]),
      ...FLOWS.map(([from, to, what]) => `  ${q(from)} -> ${q(to)} [label=${q(what)}];`),
      // display reads every part and feeds none: one dashed arrow from the whole cluster.
      `  ${q(parts.at(-1)[0])} -> "display" [ltail=cluster_parts, style=dashed, color="#c09040", label="reads any of them"];`,
      "}"
    ].join("\n") + "\n"
  );
}
