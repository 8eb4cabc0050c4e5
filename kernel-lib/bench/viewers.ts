/**
 * Viewers in headless chromium (issue 10): first paint of a 1,000-node belief graph in the
 * jupyterlab-pwmk viewer (target under 500 ms) against a plain SVG of the same node count drawn
 * with no logic, and frames per second of a 4-agent trajectory replay (target at least 30)
 * against the page's empty animation loop; both anchors measured in the same page and run.
 * Needs chromium (`command -v chromium` or $CHROMIUM_PATH); skipped with a note otherwise.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { nestedBeliefGraph, recordTrajectory } from "../src/display";
import { HideAndSeek } from "../src/envs";
import { BELIEF_GRAPH_V2_MIME, TRAJECTORY_MIME } from "../src/display/payloads";
import type { Suite } from "./harness";

const TIMEOUT_MS = 60_000;

/** What jupyterlab-ext/browser-test/bench-page.ts measures. */
interface BenchResult {
  graphMs: number[];
  plainMs: number[];
  nodes: number;
  replayFps: number;
  emptyFps: number;
}

function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return (
      execFileSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], {
        encoding: "utf8"
      }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/** 10 agents nested to depth 3 (910 chains) and 90 facts: 1,000 nodes. */
function bigGraph() {
  const agents = Array.from({ length: 10 }, (_, i) => `agent_${i}`);
  const beliefs = [];
  for (const a of agents)
    for (const b of agents)
      if (b !== a)
        for (const c of agents)
          if (c !== b)
            beliefs.push({
              chain: [a, b, c],
              fact: `at(object_${agents.indexOf(b) * 9 + (agents.indexOf(c) % 9)}) = room_${c.slice(-1)}`
            });
  return nestedBeliefGraph({
    title: "1,000 nodes",
    agents,
    snapshots: [{ beliefs }, { beliefs: beliefs.slice(0, 400) }]
  }).payload;
}

function replay() {
  const env = new HideAndSeek({ seed: 5, episodeLength: 250 });
  env.reset({ seed: 5 });
  const rec = recordTrajectory(env);
  for (let t = 0; t < 200 && env.agents.length > 0; t++) {
    env.step(Object.fromEntries(env.agents.map((a) => [a, env.actionSpace(a).sample()])));
    rec.capture();
  }
  return rec.toTrajectory().payload;
}

export const viewersSuite: Suite = {
  name: "viewers (headless chromium)",
  async run(report) {
    const exe = chromiumPath();
    if (!exe) {
      console.log("  (skipped: chromium not found; set CHROMIUM_PATH)");
      return;
    }
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-bench-viewers-"));
    let browser: Browser | undefined;
    try {
      await esbuild.build({
        entryPoints: [
          path.join(__dirname, "..", "..", "jupyterlab-ext", "browser-test", "bench-page.ts")
        ],
        outfile: path.join(out, "page.js"),
        bundle: true,
        format: "iife",
        platform: "browser",
        target: "es2022",
        logLevel: "warning",
        define: { "process.env.NODE_ENV": '"production"', global: "globalThis" }
      });
      const css = path.join(__dirname, "..", "..", "jupyterlab-ext", "style");
      for (const f of fs.readdirSync(css).filter((f) => f.endsWith(".css")))
        fs.copyFileSync(path.join(css, f), path.join(out, f));
      fs.writeFileSync(
        path.join(out, "index.html"),
        `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="index.css"></head><body><script src="page.js"></script></body></html>`
      );
      browser = await chromium.launch({
        executablePath: exe,
        headless: true,
        timeout: TIMEOUT_MS,
        args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
      });
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      page.setDefaultTimeout(TIMEOUT_MS);
      await page.goto(pathToFileURL(path.join(out, "index.html")).href);
      await page.waitForSelector("body[data-ready=yes]", { state: "attached" });
      const input = {
        graphMime: BELIEF_GRAPH_V2_MIME,
        graph: bigGraph(),
        replayMime: TRAJECTORY_MIME,
        replay: replay(),
        reps: 5,
        seconds: 3
      };
      const r = await page.evaluate(
        (i) =>
          (globalThis as unknown as { pwmkBench(x: typeof i): Promise<BenchResult> }).pwmkBench(i),
        input
      );
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      report({
        name: `belief graph first paint, ${r.nodes} nodes (target < 500 ms: ${median(r.graphMs).toFixed(0)} ms)`,
        value: median(r.graphMs),
        unit: "ms",
        anchor: { name: `plain SVG of ${r.nodes} nodes, no logic`, value: median(r.plainMs) },
        better: "lower"
      });
      report({
        name: `trajectory replay, 4 agents (target >= 30 fps: ${r.replayFps.toFixed(1)} fps)`,
        value: r.replayFps,
        unit: "fps",
        anchor: { name: "empty animation loop of the same page", value: r.emptyFps },
        better: "higher",
        target: { minRatio: 0.5, note: "at least half the page's frame rate (30 of 60 fps)" }
      });
    } finally {
      await browser?.close();
      fs.rmSync(out, { recursive: true, force: true });
    }
  }
};
