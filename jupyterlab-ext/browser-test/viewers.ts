/**
 * Browser checks of the belief-graph (format 2) and trajectory viewers, run by run.ts on the
 * same page: the time slider moves the graph to the next snapshot, clicking a nested node reads
 * its chain in words, filters hide other agents, play advances the replay, the viewpoint switch
 * hides what the agent cannot see, predictions show beside the truth, hostile labels execute
 * nothing, malformed and wrong-version bundles show their message.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { beliefGraphOf, nestedBeliefGraph, recordTrajectory, toMimeBundle } from "pwmk/display";
import { HideAndSeek, RoomWorld } from "pwmk";
import {
  BELIEF_GRAPH_V2_MIME,
  sceneOf,
  TRAJECTORY_MIME,
  type TrajectoryPayload
} from "pwmk/payloads";
import type { Sample } from "./page";

const world = new RoomWorld({
  agents: ["sally", "anne"],
  rooms: { room: ["basket", "box"] },
  objects: { marble: "basket" },
  agentRooms: { sally: "room", anne: "room" }
});
world.exit("sally").move("anne", "marble", "box");
const graph = toMimeBundle(
  beliefGraphOf(world, { title: "Sally-Anne", fluents: (f) => f.startsWith("at(") })
);

const env = new HideAndSeek({ seed: 2 });
env.reset({ seed: 2 });
const recorder = recordTrajectory(env, { title: "hide and seek" });
for (let t = 0; t < 12 && env.agents.length > 0; t++) {
  env.step(Object.fromEntries(env.agents.map((a) => [a, env.actionSpace(a).sample()])));
  const at = env.frame().objects[0].at;
  recorder.capture({ predicted: at ? { [env.possibleAgents[0]]: at } : {} });
}
const replay = toMimeBundle(recorder);
const replayPayload = replay[TRAJECTORY_MIME] as TrajectoryPayload;

/** Labels that would run script or navigate if any renderer put them in as markup. */
const HOSTILE = [
  "<script>window.__pwned = 1</script>",
  '<img src="x" onerror="window.__pwned = 2">',
  '<a href="javascript:window.__pwned = 3">click</a>',
  "javascript:window.__pwned = 4",
  "A".repeat(100_000)
];
const hostile = toMimeBundle(
  nestedBeliefGraph({
    title: HOSTILE[0],
    snapshots: [
      {
        label: HOSTILE[1],
        world: [HOSTILE[2]],
        beliefs: HOSTILE.map((h, i) => ({ chain: [h, HOSTILE[(i + 1) % 5]], fact: h }))
      }
    ]
  })
);

export const viewerSamples: Sample[] = [
  { name: "graph-v2", bundle: graph, withExtension: true },
  { name: "trajectory", bundle: replay, withExtension: true },
  { name: "hostile-v2", bundle: hostile, withExtension: true },
  {
    name: "hostile-trajectory",
    bundle: {
      ...replay,
      [TRAJECTORY_MIME]: {
        ...replayPayload,
        title: HOSTILE[1],
        agents: replayPayload.agents.map((a, i) => ({ ...a, label: HOSTILE[i % 5] }))
      }
    },
    withExtension: true
  },
  // A saved .pwmk.json document: JupyterLab gives its contents under the file MIME type.
  {
    name: "pwmk-file",
    bundle: { "application/vnd.pwmk.file+json": graph, "text/plain": "file" },
    withExtension: true
  },
  {
    name: "pwmk-file-foreign",
    bundle: { "application/vnd.pwmk.file+json": { "text/plain": "hello" }, "text/plain": "file" },
    withExtension: true
  },
  {
    name: "v2-wrong-version",
    bundle: {
      ...graph,
      [BELIEF_GRAPH_V2_MIME]: { ...(graph[BELIEF_GRAPH_V2_MIME] as object), version: "3.0" }
    },
    withExtension: true
  },
  {
    name: "trajectory-malformed",
    bundle: { ...replay, [TRAJECTORY_MIME]: { ...replayPayload, steps: [{ agents: [] }] } },
    withExtension: true
  }
];

const visible = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll((nodes) => nodes.filter((n) => (n as SVGElement).style.display !== "none").length);

/**
 * Asserts what the viewers drew and how they respond.
 *
 * ```ts
 * await checkViewers(page, OUT);
 * ```
 */
export async function checkViewers(page: Page, out: string): Promise<void> {
  const section = (name: string) => `section[data-sample="${name}"]`;

  // Belief graph v2: nested chains, the slider moves to the next snapshot, false beliefs marked.
  const g = section("graph-v2");
  assert.equal(
    await page.locator(`${g} .jp-PWMK-BeliefGraph`).getAttribute("data-pwmk-status"),
    "ok"
  );
  assert.equal(
    await visible(page, `${g} .jp-PWMK-belief.jp-PWMK-false`),
    0,
    "no false beliefs at the start"
  );
  await page.locator(`${g} .jp-PWMK-slider`).evaluate((s: HTMLInputElement) => {
    s.value = "2";
    s.dispatchEvent(new Event("input"));
  });
  assert.equal(await page.locator(`${g} .jp-PWMK-BeliefGraph`).getAttribute("data-snapshot"), "2");
  assert.equal(
    await visible(page, `${g} .jp-PWMK-belief.jp-PWMK-false`),
    3,
    "three false beliefs after the move"
  );
  assert.match(
    (await page.locator(`${g} .jp-PWMK-snapshot-label`).textContent()) ?? "",
    /3 \/ 3: t=2: anne moved the marble/
  );
  const links = async () =>
    ((await page.locator(`${g} path.jp-PWMK-nesting`).getAttribute("d")) ?? "").split("M").length -
    1;
  assert.equal(await links(), 2, "two nesting links: anne → sally and sally → anne");
  await page.locator(`${g} .jp-PWMK-nested[data-chain='["anne","sally"]']`).click();
  assert.equal(
    await page.locator(`${g} .jp-PWMK-chain`).textContent(),
    "anne believes sally believes at(marble) = basket (false in the world)"
  );
  await page.locator(`${g} .jp-PWMK-agent-filter`).selectOption("sally");
  const roots = await page
    .locator(`${g} .jp-PWMK-agent`)
    .evaluateAll((n) =>
      n
        .filter((x) => (x as SVGElement).style.display !== "none")
        .map((x) => JSON.parse((x as SVGElement).dataset.chain!)[0])
    );
  assert.deepEqual([...new Set(roots)], ["sally"], "the agent filter keeps sally's chains only");
  await page.locator(`${g} .jp-PWMK-depth-filter`).selectOption("1");
  assert.equal(await visible(page, `${g} .jp-PWMK-nested`), 0, "depth ≤ 1 hides nested chains");
  assert.equal(await links(), 0, "and their nesting links");
  await page.locator(g).screenshot({ path: path.join(out, "belief-graph-v2.png") });

  // Export: SVG and PNG downloads of the graph as it looks, theme colours written in.
  const [svgFile] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(`${g} .jp-PWMK-export-svg`).click()
  ]);
  assert.equal(svgFile.suggestedFilename(), "belief-graph.svg");
  const svgText = fs.readFileSync((await svgFile.path())!, "utf8");
  assert.match(svgText, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svgText, /at\(marble\) = basket/);
  assert.doesNotMatch(svgText, /var\(--jp/, "no theme variables left in the file");
  const [pngFile] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(`${g} .jp-PWMK-export-png`).click()
  ]);
  const png = fs.readFileSync((await pngFile.path())!);
  assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from("PNG")], "a PNG file");
  assert.ok(png.length > 1000, `PNG of ${png.length} bytes`);

  // Trajectory: play advances; the viewpoint hides what the agent cannot see; predictions beside.
  const t = section("trajectory");
  const viewer = page.locator(`${t} .jp-PWMK-Trajectory`);
  assert.equal(await viewer.getAttribute("data-pwmk-status"), "ok");
  assert.equal(await page.locator(`${t} svg.jp-PWMK-grid[data-view="predicted"]`).count(), 1);
  assert.equal(await viewer.getAttribute("data-step"), "0");
  await page.locator(`${t} .jp-PWMK-play`).click();
  await page.waitForFunction(
    (sel) => Number(document.querySelector(sel)?.getAttribute("data-step")) >= 2,
    `${t} .jp-PWMK-Trajectory`,
    { timeout: 10_000 }
  );
  await page.locator(`${t} .jp-PWMK-play`).click();
  assert.equal(await viewer.getAttribute("data-playing"), "no");
  await page.locator(`${t} .jp-PWMK-scrub`).evaluate((s: HTMLInputElement) => {
    s.value = "5";
    s.dispatchEvent(new Event("input"));
  });
  const trueGrid = `${t} svg.jp-PWMK-grid[data-view="true"]`;
  const tokens = () =>
    page
      .locator(`${trueGrid} .jp-PWMK-token`)
      .evaluateAll((n) => n.map((x) => (x as SVGElement).dataset.agent));
  assert.deepEqual(
    await tokens(),
    replayPayload.agents.map((a) => a.id),
    "world view: every agent"
  );
  for (let i = 0; i < replayPayload.agents.length; i++) {
    await page.locator(`${t} .jp-PWMK-viewpoint`).selectOption(String(i));
    const expected = sceneOf(replayPayload, 5, i)
      .items.filter((x) => x.kind === "agent")
      .map((x) => replayPayload.agents[x.index].id);
    assert.deepEqual(
      await tokens(),
      expected,
      `as ${replayPayload.agents[i].id}: only the agents it sees`
    );
    assert.equal(
      await page.locator(`${trueGrid} .jp-PWMK-unseen`).count(),
      1,
      "unseen cells covered"
    );
  }
  assert.ok(
    replayPayload.agents.some(
      (_, i) =>
        sceneOf(replayPayload, 5, i).items.filter((x) => x.kind === "agent").length <
        replayPayload.agents.length
    ),
    "some agent does not see everyone (the check above is not vacuous)"
  );
  await page.locator(t).screenshot({ path: path.join(out, "trajectory.png") });

  // Hostile labels: drawn as text, nothing executed, nothing navigates.
  for (const name of ["hostile-v2", "hostile-trajectory"]) {
    const s = section(name);
    assert.equal(await page.locator(`${s} [data-pwmk-status="ok"]`).count(), 1, `${name} drawn`);
    assert.equal(
      await page.locator(`${s} img, ${s} script, ${s} a`).count(),
      0,
      `${name}: no element made from a label`
    );
  }
  await page
    .locator(`${section("hostile-v2")} .jp-PWMK-agent`)
    .first()
    .click();
  assert.equal(await page.evaluate(() => (window as { __pwned?: number }).__pwned), undefined);

  // A .pwmk.json document opens in the viewer of the kind it holds; anything else says so.
  assert.equal(
    await page
      .locator(`${section("pwmk-file")} .jp-PWMK-BeliefGraph[data-pwmk-status="ok"]`)
      .count(),
    1
  );
  assert.match(
    (await page.locator(`${section("pwmk-file-foreign")} [role=alert]`).textContent()) ?? "",
    /^Not a PWMK file: it holds no payload that jupyterlab-pwmk draws/
  );

  // Bad bundles: a clear message.
  assert.match(
    (await page.locator(`${section("v2-wrong-version")} [role=alert]`).textContent()) ?? "",
    /^Unsupported belief graph version: this output uses belief-graph format 3\.0, but this viewer draws format 2\.x/
  );
  assert.match(
    (await page.locator(`${section("trajectory-malformed")} [role=alert]`).textContent()) ?? "",
    /^Malformed trajectory: steps\[0\]\.agents has 0 entries for 4 agents/
  );
}
