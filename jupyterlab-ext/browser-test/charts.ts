/**
 * Browser checks of the chart renderers (training dashboard, search tree, divergence chart,
 * predictions), run by run.ts on the same page: each draws, the search tree collapses by click
 * and by keyboard, a redraw with new data replaces the dashboard in place, hostile labels
 * execute nothing, malformed and wrong-version bundles show their message, and without the
 * extension the static drawing shows.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import {
  divergenceChart,
  predictionChart,
  searchTree,
  toMimeBundle,
  trainingChart
} from "pwmk/display";
import { SEARCH_TREE_MIME, TRAINING_HISTORY_MIME } from "pwmk/payloads";
import type { Sample } from "./page";

/** Labels that would run script or navigate if any renderer put them in as markup. */
const HOSTILE = [
  "<script>window.__pwned = 11</script>",
  '<img src="x" onerror="window.__pwned = 12">',
  '<a href="javascript:window.__pwned = 13">click</a>',
  "A".repeat(100_000)
];

const history = [
  { epoch: 1, trainLoss: 0.9, valLoss: 1, valBeliefAcc: 0.4 },
  { epoch: 2, trainLoss: 0.6, valLoss: 0.7, valBeliefAcc: 0.6 },
  { epoch: 3, trainLoss: 0.4, valLoss: 0.5, valBeliefAcc: 0.8 }
];
const training = toMimeBundle(trainingChart(history, { title: "World model", totalEpochs: 5 }));
const tree = toMimeBundle(
  searchTree(
    {
      visits: 30,
      value: 0.5,
      belief: "marble in basket 0.7",
      children: [
        {
          action: "look in basket",
          visits: 20,
          value: 0.8,
          children: [
            {
              action: "take",
              visits: 15,
              value: 1,
              children: [{ action: "leave", visits: 3, value: 1 }]
            }
          ]
        },
        { action: "wait", visits: 10, value: 0.1 }
      ]
    },
    { title: "Where should Sally look?" }
  )
);
const records = ["start", "sally leaves", "anne moves the marble"].flatMap((label, step) => [
  { step, a: "sally", b: "world", mean: step === 2 ? 1 : 0, perFluent: {}, label },
  { step, a: "anne", b: "world", mean: 0, perFluent: {}, label }
]);
const divergence = toMimeBundle(divergenceChart(records, { title: "Sally-Anne" }));
const predictions = toMimeBundle(
  predictionChart({
    truth: { x: [0, 1, 2], y: [1, 1, 0] },
    predicted: { x: [0, 1, 3], y: [1, 0, 0] }
  })
);
const hostileBundles = [
  toMimeBundle(
    trainingChart([Object.fromEntries(HOSTILE.map((h, i) => [h, i]))], { title: HOSTILE[0] })
  ),
  toMimeBundle(
    searchTree(
      {
        visits: 4,
        value: 0,
        belief: HOSTILE[1],
        children: HOSTILE.map((h) => ({ action: h, visits: 1, value: 0 }))
      },
      { title: HOSTILE[1], valueLabel: HOSTILE[2] }
    )
  ),
  toMimeBundle(
    divergenceChart(
      HOSTILE.map((h, i) => ({
        step: 0,
        a: h,
        b: `w${i}`,
        mean: 0,
        perFluent: {},
        label: HOSTILE[2]
      })),
      { title: HOSTILE[2] }
    )
  ),
  toMimeBundle(
    predictionChart(
      { truth: { [HOSTILE[0]]: [1] }, predicted: { [HOSTILE[0]]: [1] } },
      { title: HOSTILE[1] }
    )
  )
];

export const chartSamples: Sample[] = [
  { name: "training", bundle: training, withExtension: true },
  { name: "search-tree", bundle: tree, withExtension: true },
  { name: "divergence", bundle: divergence, withExtension: true },
  { name: "predictions", bundle: predictions, withExtension: true },
  ...hostileBundles.map((bundle, i) => ({
    name: `hostile-chart-${i}`,
    bundle,
    withExtension: true
  })),
  {
    name: "training-wrong-version",
    bundle: {
      ...training,
      [TRAINING_HISTORY_MIME]: { ...(training[TRAINING_HISTORY_MIME] as object), version: "2.0" }
    },
    withExtension: true
  },
  {
    name: "search-tree-malformed",
    bundle: { ...tree, [SEARCH_TREE_MIME]: { version: "1.0", root: "x", nodes: [] } },
    withExtension: true
  },
  { name: "training-no-extension", bundle: training, withExtension: false }
];

export async function checkCharts(page: Page): Promise<void> {
  const section = (name: string) => page.locator(`section[data-sample="${name}"]`);
  const status = (name: string) =>
    section(name).locator("[data-pwmk-status]").first().getAttribute("data-pwmk-status");

  // Training dashboard: a chart per panel, progress, a line per metric.
  const t = section("training");
  assert.equal(await status("training"), "ok");
  assert.equal(await t.locator("svg.jp-PWMK-chart-svg").count(), 2);
  assert.equal(await t.locator("path.jp-PWMK-line").count(), 3);
  assert.match(
    (await t.locator(".jp-PWMK-progress").textContent()) ?? "",
    /^epoch 3\/5 · train loss 0\.4/
  );

  // Search tree: two levels open; collapse by click, expand by keyboard.
  const s = section("search-tree");
  assert.equal(await status("search-tree"), "ok");
  const rows = s.locator("[role=treeitem]");
  assert.equal(await rows.count(), 4, "root, its two children and one grandchild (closed)");
  const look = s.locator('[role=treeitem][data-id="1"]');
  await look.locator(".jp-PWMK-toggle").click();
  assert.equal(await look.getAttribute("aria-expanded"), "false");
  assert.equal(await rows.count(), 3);
  await look.focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await rows.count(), 4);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  assert.equal(await rows.count(), 5, "the grandchild opened by Enter");
  assert.equal(await s.locator('[role=treeitem][data-id="3"]').getAttribute("aria-level"), "4");

  // Divergence and predictions draw their lines.
  assert.equal(await status("divergence"), "ok");
  assert.equal(await section("divergence").locator("path.jp-PWMK-line").count(), 2);
  assert.equal(await status("predictions"), "ok");
  assert.equal(await section("predictions").locator("path.jp-PWMK-line").count(), 4);

  // Hostile labels: drawn as text, nothing executed or made into elements.
  for (let i = 0; i < hostileBundles.length; i++) {
    const h = section(`hostile-chart-${i}`);
    assert.equal(await status(`hostile-chart-${i}`), "ok", `hostile sample ${i} draws`);
    assert.equal(await h.locator("script, img, a, iframe").count(), 0);
    assert.ok(
      ((await h.textContent()) ?? "").includes("window.__pwned"),
      "hostile text shown as text"
    );
  }
  assert.equal(await page.evaluate(() => (window as { __pwned?: number }).__pwned), undefined);

  // Bad bundles: a clear message.
  assert.equal(await status("training-wrong-version"), "error");
  assert.match(
    (await section("training-wrong-version").locator('[role="alert"]').textContent()) ?? "",
    /^Unsupported training history version/
  );
  assert.equal(await status("search-tree-malformed"), "error");
  assert.match(
    (await section("search-tree-malformed").locator('[role="alert"]').textContent()) ?? "",
    /^Malformed search tree/
  );

  // Without the extension: the static drawing (HTML with the inline SVG).
  const plain = section("training-no-extension");
  assert.equal(await plain.locator("figure svg").count(), 1);
  assert.equal(await plain.locator("[data-pwmk-status]").count(), 0);
}
