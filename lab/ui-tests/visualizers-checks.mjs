/*
 * Extra end-to-end checks for notebooks/visualizers.ipynb in PWMK Lab (run by e2e.mjs):
 *
 *   PWMK_E2E_NOTEBOOK=notebooks/visualizers.ipynb PWMK_E2E_CHECKS=lab/ui-tests/visualizers-checks.mjs \
 *     node lab/ui-tests/e2e.mjs
 *
 * - belief graph: the time slider moves the graph to the last snapshot, where false beliefs are
 *   marked; clicking a nested node reads its chain in words;
 * - trajectory: play advances the replay; switching the viewpoint to an agent hides the agents
 *   it cannot see (at some step, some agent sees fewer agents than the world view shows);
 * - the replay with a world model shows the predicted grid beside the true one.
 */

const visibleCount = (locator) =>
  locator.evaluateAll((nodes) => nodes.filter((n) => n.style.display !== "none").length);

/** Sets a range input and fires its input event, as a user's drag does. */
async function setRange(locator, value) {
  await locator.evaluate((input, v) => {
    input.value = String(v);
    input.dispatchEvent(new Event("input"));
  }, value);
}

export async function check({ panel, until, log, timeout }) {
  // Belief graph with snapshots (the RoomWorld of the first section).
  const graph = panel.locator(".jp-PWMK-BeliefGraph:has(.jp-PWMK-slider)").first();
  await graph.waitFor({ state: "visible", timeout });
  const slider = graph.locator(".jp-PWMK-slider");
  const last = Number(await slider.getAttribute("max"));
  if (!(last >= 1)) throw new Error(`the belief graph has ${last + 1} snapshots, expected several`);
  const falseAtStart = await visibleCount(graph.locator(".jp-PWMK-belief.jp-PWMK-false"));
  await setRange(slider, last);
  await until(
    "the graph to move to the last snapshot",
    timeout,
    async () => (await graph.getAttribute("data-snapshot")) === String(last)
  );
  const falseAtEnd = await visibleCount(graph.locator(".jp-PWMK-belief.jp-PWMK-false"));
  if (!(falseAtStart === 0 && falseAtEnd > 0))
    throw new Error(
      `false beliefs: ${falseAtStart} at the start, ${falseAtEnd} at the end (expected 0, then some)`
    );
  await graph.locator(".jp-PWMK-nested").first().click();
  const words = (await graph.locator(".jp-PWMK-chain").textContent()) ?? "";
  if (!/ believes .* believes /.test(words)) throw new Error(`the nested node reads "${words}"`);
  log(
    `belief graph: slider to snapshot ${last}, ${falseAtEnd} false beliefs marked, chain read: "${words}"`
  );

  // Trajectory replay: play advances.
  const replay = panel.locator(".jp-PWMK-Trajectory").first();
  await replay.waitFor({ state: "visible", timeout });
  await replay.locator(".jp-PWMK-play").click();
  await until(
    "play to advance the replay",
    timeout,
    async () => Number(await replay.getAttribute("data-step")) >= 2
  );
  await replay.locator(".jp-PWMK-play").click();
  log(`trajectory: play advanced to step ${await replay.getAttribute("data-step")}`);

  // The viewpoint switch hides what the agent cannot see.
  const tokens = replay.locator('svg.jp-PWMK-grid[data-view="true"] .jp-PWMK-token');
  const agents = (await replay.locator(".jp-PWMK-viewpoint option").count()) - 1;
  const steps = Number(await replay.locator(".jp-PWMK-scrub").getAttribute("max")) + 1;
  let hidden = null;
  for (let t = 0; t < steps && !hidden; t++) {
    await setRange(replay.locator(".jp-PWMK-scrub"), t);
    await replay.locator(".jp-PWMK-viewpoint").selectOption("");
    const all = await tokens.count();
    for (let i = 0; i < agents && !hidden; i++) {
      await replay.locator(".jp-PWMK-viewpoint").selectOption(String(i));
      const seen = await tokens.count();
      const unseen = await replay
        .locator('svg.jp-PWMK-grid[data-view="true"] .jp-PWMK-unseen')
        .count();
      if (seen > all || unseen !== 1)
        throw new Error(
          `viewpoint ${i} at step ${t}: ${seen} of ${all} agents, ${unseen} unseen layers`
        );
      if (seen < all) hidden = { t, i, seen, all };
    }
  }
  if (!hidden) throw new Error("no viewpoint hid any agent at any step");
  log(
    `trajectory: as agent ${hidden.i} at step ${hidden.t}, ${hidden.seen} of ${hidden.all} agents shown`
  );

  // The replay with predictions shows them beside the truth.
  await until(
    "the predicted grid beside the true one",
    timeout,
    async () => (await panel.locator('svg.jp-PWMK-grid[data-view="predicted"]').count()) === 1
  );
  log("trajectory: predicted positions shown beside the true ones");
}
