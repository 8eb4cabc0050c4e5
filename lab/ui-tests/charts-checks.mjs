/*
 * Extra end-to-end checks for notebooks/charts.ipynb in PWMK Lab (run by e2e.mjs):
 *
 *   PWMK_E2E_NOTEBOOK=notebooks/charts.ipynb PWMK_E2E_CHECKS=lab/ui-tests/charts-checks.mjs \
 *     node lab/ui-tests/e2e.mjs
 *
 * - the live training dashboard is ONE output redrawn in place: watched while the cells run, its
 *   cell never holds more than one output and the dashboard's epoch count goes up through
 *   intermediate values to the last epoch;
 * - the search tree collapses and expands by click and by keyboard;
 * - the divergence charts draw a line per pair, and their interactive view loads plotly.js;
 * - the rollout's predictions show beside the truth, a chart per observation feature;
 * - JupyterLab's Vega extension in PWMK Lab draws the Vega-Lite part of every chart, as stock
 *   JupyterLab would without jupyterlab-pwmk.
 */

const LIVE_CELL_MARKER = "liveTraining(";

/** Installs a watcher of the live-training cell before the notebook runs. */
export async function beforeRun({ page }) {
  await page.evaluate((marker) => {
    const seen = { epochs: [], maxOutputs: 0 };
    window.pwmkLiveTraining = seen;
    const observe = () => {
      const cell = Array.from(document.querySelectorAll(".jp-CodeCell")).find((c) =>
        (c.querySelector(".jp-InputArea")?.textContent ?? "").includes(marker)
      );
      if (!cell) return;
      seen.maxOutputs = Math.max(
        seen.maxOutputs,
        cell.querySelectorAll(".jp-OutputArea-output").length
      );
      const epochs = cell.querySelector(".jp-PWMK-Training")?.dataset.epochs;
      if (epochs !== undefined && seen.epochs[seen.epochs.length - 1] !== epochs)
        seen.epochs.push(epochs);
    };
    new MutationObserver(observe).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["data-epochs"]
    });
  }, LIVE_CELL_MARKER);
}

export async function check({ page, panel, until, log, timeout }) {
  // 1. Live training: one output, redrawn per epoch.
  const live = await page.evaluate(() => window.pwmkLiveTraining);
  const counts = live.epochs.map(Number);
  const increasing = counts.every((n, i) => i === 0 || n > counts[i - 1]);
  if (
    live.maxOutputs !== 1 ||
    counts.length < 3 ||
    !increasing ||
    counts[counts.length - 1] !== 4
  ) {
    throw new Error(
      `the live dashboard was not one output redrawn per epoch: ${JSON.stringify(live)}`
    );
  }
  const dashboards = panel.locator('.jp-PWMK-Training[data-pwmk-status="ok"]');
  if ((await dashboards.count()) !== 2)
    throw new Error("expected 2 training dashboards (live and finished)");
  const progress = (await dashboards.first().locator(".jp-PWMK-progress").textContent()) ?? "";
  if (!progress.startsWith("epoch 4/4")) throw new Error(`live dashboard ends at "${progress}"`);
  log(`live training: one output, epochs seen ${counts.join(" → ")}`);

  // 2. Search tree: collapse by click, expand by keyboard.
  const tree = panel.locator('.jp-PWMK-SearchTree[data-pwmk-status="ok"]').first();
  await tree.waitFor({ state: "visible", timeout });
  const items = tree.locator("[role=treeitem]");
  const before = await items.count();
  const open = tree.locator('[role=treeitem][aria-level="2"][aria-expanded="true"]').first();
  const id = await open.getAttribute("data-id");
  await open.locator(".jp-PWMK-toggle").click();
  const node = tree.locator(`[role=treeitem][data-id="${id}"]`);
  await until(
    "the search tree node to collapse",
    timeout,
    async () =>
      (await node.getAttribute("aria-expanded")) === "false" && (await items.count()) < before
  );
  await node.focus();
  await page.keyboard.press("ArrowRight");
  await until(
    "the search tree node to expand by keyboard",
    timeout,
    async () =>
      (await node.getAttribute("aria-expanded")) === "true" && (await items.count()) === before
  );
  log(`search tree: node ${id} collapsed and expanded again (${before} rows)`);

  // 3. Divergence charts: a line per pair of perspectives.
  const charts = panel.locator('.jp-PWMK-Divergence[data-pwmk-status="ok"]');
  if ((await charts.count()) !== 2) throw new Error("expected 2 divergence charts");
  for (let i = 0; i < 2; i++) {
    const lines = await charts.nth(i).locator("path.jp-PWMK-line").count();
    if (lines !== 3) throw new Error(`divergence chart ${i} has ${lines} lines, expected 3`);
  }

  // The interactive view loads plotly.js (a lazy chunk of the extension) and switches back.
  const chart = charts.first();
  const button = chart.locator("button.jp-PWMK-button");
  await button.click();
  await chart.locator(".jp-PWMK-plotly .main-svg").first().waitFor({ state: "visible", timeout });
  await until(
    "the interactive view to be on",
    timeout,
    async () => (await button.getAttribute("aria-pressed")) === "true"
  );
  await button.click();
  await chart.locator("svg.jp-PWMK-chart-svg").waitFor({ state: "visible", timeout });
  log("divergence: 3 lines per chart; the plotly view loads and switches back");

  // Predictions beside the truth: a chart per observation feature, two lines each.
  const predictions = panel.locator('.jp-PWMK-Predictions[data-pwmk-status="ok"]');
  if ((await predictions.count()) !== 1) throw new Error("expected 1 predictions view");
  const predictionCharts = await predictions.locator("svg.jp-PWMK-chart-svg").count();
  const predictionLines = await predictions.locator("path.jp-PWMK-line").count();
  if (predictionCharts !== 5 || predictionLines !== 10) {
    throw new Error(
      `predictions: ${predictionCharts} charts and ${predictionLines} lines, expected 5 and 10`
    );
  }
  log("predictions: 5 features, truth beside prediction");

  // 4. Vega-Lite renders in PWMK Lab (JupyterLab's Vega 5 extension).
  const vega = await page.evaluate(async () => {
    const notebook = window.jupyterapp.shell.currentWidget.content;
    const rendermime = notebook.rendermime;
    const type = "application/vnd.vegalite.v5+json";
    if (!rendermime.mimeTypes.includes(type)) return "no renderer for Vega-Lite";
    // The Vega-Lite part of every pwmk chart the notebook drew, drawn by JupyterLab's renderer.
    const specs = [];
    for (const cell of notebook.model.cells) {
      if (cell.type !== "code") continue;
      for (let i = 0; i < cell.outputs.length; i++) {
        const data = cell.outputs.get(i).data;
        if (data[type]) specs.push(data[type]);
      }
    }
    if (specs.length < 4) return `only ${specs.length} Vega-Lite specs in the notebook's outputs`;
    for (const spec of specs) {
      const renderer = rendermime.createRenderer(type);
      document.body.append(renderer.node);
      try {
        await renderer.renderModel({
          data: { [type]: spec },
          metadata: {},
          trusted: true,
          setData: () => undefined
        });
        const marks = renderer.node.querySelectorAll("svg .mark-line path, canvas").length;
        if (marks === 0)
          return `nothing drawn for "${spec.title ?? "untitled"}": ${renderer.node.textContent}`;
      } catch (error) {
        return `Vega failed on "${spec.title ?? "untitled"}": ${error}`;
      } finally {
        renderer.node.remove();
      }
    }
    return "ok";
  });
  if (vega !== "ok") throw new Error(`Vega-Lite in PWMK Lab: ${vega}`);
  log("Vega-Lite: JupyterLab's Vega renderer draws every chart's spec");
}
