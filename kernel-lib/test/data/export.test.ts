import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Table } from "apache-arrow";
import { DataCollector } from "../../src/data/collector";
import { TrajectoryDataset } from "../../src/data/dataset";
import { datasetToArrow, EXPORT_SCHEMA } from "../../src/data/export/columns";
import { exportDataset, readExport } from "../../src/data/export/files";
import { assignSplit } from "../../src/data/shards";
import { MultiAgentBoxWorld } from "../../src/envs/worlds/boxworld";
import { SallyAnneWorld } from "../../src/envs/worlds/sallyanne";
import type { PerspectiveEnv } from "../../src/envs/env";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-export-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const collectFrom = (env: PerspectiveEnv, saveBeliefs: boolean): TrajectoryDataset =>
  new DataCollector(env).collect({
    numEpisodes: 3,
    seed: 5,
    policy: "mixed",
    saveBeliefs,
    progress: false,
    maxStepsPerEpisode: 50
  }).dataset!;

const datasets: Record<string, () => TrajectoryDataset> = {
  // Dict observation of a uint8 Box and a MultiDiscrete; Discrete actions; no beliefs.
  box: () =>
    collectFrom(
      new MultiAgentBoxWorld({ gridSize: 8, numAgents: 2, numBoxes: 2, maxSteps: 6 }),
      false
    ),
  // int32 Box observations; beliefs with string and boolean values, nested perspectives.
  sally: () => collectFrom(new SallyAnneWorld({ maxSteps: 8 }), true)
};

/** Every row of the table as a plain object, list columns as arrays. */
function rows(table: Table): Record<string, unknown>[] {
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((n) => table.getChild(n)!);
  return Array.from({ length: table.numRows }, (_, r) =>
    Object.fromEntries(
      names.map((n, c) => {
        const v = columns[c].get(r);
        return [
          n,
          v !== null && typeof v === "object" ? JSON.parse(JSON.stringify(v.toJSON?.() ?? v)) : v
        ];
      })
    )
  );
}

/** The source dataset's value of an observation or action leaf (a Dict key or the whole value). */
function leaf(value: unknown, key: string | undefined): unknown {
  if (value === undefined) return null;
  const v = key === undefined ? value : (value as Record<string, unknown>)[key];
  return ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v;
}

describe.each(["arrow", "parquet"] as const)("export to %s", (format) => {
  it.each(Object.keys(datasets))("%s: every field reads back as in the source dataset", (name) => {
    const ds = datasets[name]();
    const file = path.join(dir, `${name}.${format}`);
    const written = exportDataset(ds, file);
    expect(written.format).toBe(format);
    const magic = fs.readFileSync(file).subarray(0, 4).toString("latin1");
    expect(magic).toBe(format === "arrow" ? "ARRO" : "PAR1");
    const table = readExport(file);
    const header = ds.header;
    expect(table.schema.metadata.get("pwmk:schema")).toBe(EXPORT_SCHEMA);
    expect(JSON.parse(table.schema.metadata.get("pwmk:header")!)).toEqual(header);

    const obsSpace = header.observationSpaces[header.agents[0]];
    const obsKeys = obsSpace.type === "Dict" ? Object.keys(obsSpace.spaces) : [undefined];
    const obsCols = obsKeys.map((k) => (k === undefined ? "obs" : `obs_${k}`));
    // Column types follow the spaces; the Box shape is in the field metadata.
    for (const [i, key] of obsKeys.entries()) {
      const field = table.schema.fields.find((f) => f.name === obsCols[i])!;
      const space = obsSpace.type === "Dict" ? obsSpace.spaces[key!] : obsSpace;
      if (space.type === "Box") {
        expect(String(field.type)).toBe(
          `FixedSizeList[${space.shape.reduce((a, b) => a * b, 1)}]<${{ uint8: "Uint8", int32: "Int32", float32: "Float32" }[space.dtype]}>`
        );
        expect(JSON.parse(field.metadata.get("pwmk:shape")!)).toEqual(space.shape);
      }
    }
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(types).toMatchObject({
      episode: "Int32",
      seed: "Int64",
      split: "Utf8",
      t: "Int32",
      agent: "Utf8",
      action: "Int32",
      reward: "Float64",
      terminated: "Bool",
      truncated: "Bool"
    });
    expect("beliefs" in types).toBe(header.beliefs.saved);

    const got = rows(table);
    const expected = ds.episodes.reduce(
      (n, e) => n + (e.actions.length + 1) * header.agents.length,
      0
    );
    expect(got).toHaveLength(expected);
    let r = 0;
    for (const ep of ds.episodes) {
      const T = ep.actions.length;
      for (let t = 0; t <= T; t++) {
        header.agents.forEach((agent, index) => {
          const row = got[r++];
          expect(row.episode).toBe(ep.index);
          expect(row.seed).toBe(BigInt(ep.seed));
          expect(row.split).toBe(assignSplit(ep.seed, { train: 0.8, val: 0.1, test: 0.1 }));
          expect([row.t, row.agent, row.agent_index]).toEqual([t, agent, index]);
          obsKeys.forEach((k, i) =>
            expect(row[obsCols[i]]).toEqual(leaf(ep.observations[t][agent], k))
          );
          const last = t === T;
          expect(row.action).toEqual(last ? null : leaf(ep.actions[t][agent], undefined));
          expect(row.reward).toBe(last ? null : ep.rewards[t][agent]);
          expect(row.terminated).toBe(last ? null : ep.terminations[t][agent]);
          expect(row.truncated).toBe(last ? null : ep.truncations[t][agent]);
          if (header.beliefs.saved) {
            // The agent's own and nested perspectives, values JSON-encoded.
            const want = Object.entries(ep.beliefs![t].perspectives)
              .filter(([key]) => key.split("/")[0] === agent)
              .flatMap(([perspective, fluents]) =>
                Object.entries(fluents).map(([fluent, values]) => ({
                  perspective,
                  fluent,
                  values: values.map((v) => JSON.stringify(v))
                }))
              );
            expect(row.beliefs).toEqual(want);
          }
        });
      }
    }
    if (header.beliefs.saved) {
      // Nested perspectives are present (depth 2), and some values are booleans.
      const all = got.flatMap((row) => row.beliefs as { perspective: string; values: string[] }[]);
      expect(all.some((b) => b.perspective.includes("/"))).toBe(true);
      expect(all.some((b) => b.values.includes("true"))).toBe(true);
    }
  });
});

describe("export files", () => {
  it("never overwrites an export by accident; the split column follows the given fractions", () => {
    const ds = datasets.box();
    const file = path.join(dir, "once.parquet");
    exportDataset(ds, file);
    expect(() => exportDataset(ds, file)).toThrow(/already exists; pass overwrite: true/);
    exportDataset(ds, file, { overwrite: true, split: { train: 0, val: 0, test: 1 } });
    expect(new Set(readExport(file).getChild("split")!.toArray())).toEqual(new Set(["test"]));
  });

  it("names a file that is not an export", () => {
    const file = path.join(dir, "not-an-export.arrow");
    fs.writeFileSync(file, "hello world");
    expect(() => readExport(file)).toThrow(/neither an Arrow IPC file nor a Parquet file/);
    expect(() => readExport(path.join(dir, "missing.parquet"))).toThrow(/cannot read export/);
  });

  it("refuses agents whose spaces differ, since one column needs one type", () => {
    const ds = datasets.box();
    const header = {
      ...ds.header,
      actionSpaces: {
        ...ds.header.actionSpaces,
        agent_1: { type: "Discrete" as const, n: 9, start: 0 }
      }
    };
    expect(() => datasetToArrow(new TrajectoryDataset(header, ds.episodes))).toThrow(
      /agents have different action spaces/
    );
  });
});
