/*
 * Extra end-to-end checks: launching the simulated Unity build from PWMK Lab's launcher
 * (run by e2e.mjs after the main notebook's first run):
 *
 *   PWMK_E2E_CHECKS=lab/ui-tests/unity-checks.mjs node lab/ui-tests/e2e.mjs
 *
 * - a new launcher has the "Unity environments" section with the simulated build's card;
 * - clicking the card opens a new TypeScript notebook (unity-simulated-gridworld*.ipynb);
 * - running it connects to the simulated player, prints the behaviour specs, and draws the
 *   live view of an episode as ONE output redrawn in place, with no error output.
 */

const CATEGORY = "Unity environments";
const CARD_LABEL = "Simulated GridWorld";

export async function check({ page, until, log, timeout }) {
  // The main test goes on with the notebook that is current now: come back to it at the end.
  const original = await page.evaluate(() => window.jupyterapp.shell.currentWidget?.id);
  await page.evaluate(() => window.jupyterapp.commands.execute("launcher:create"));
  const card = page
    .locator(`.jp-LauncherCard[data-category="${CATEGORY}"]:visible`, { hasText: CARD_LABEL })
    .first();
  await card.waitFor({ state: "visible", timeout });
  log(`launcher: the "${CATEGORY}" section shows the ${CARD_LABEL} card`);
  await card.click();

  const tab = page.locator(".lm-TabBar-tab.lm-mod-current", {
    hasText: /unity-simulated-gridworld/
  });
  await tab.first().waitFor({ state: "visible", timeout });
  const panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first();
  await panel.waitFor({ state: "visible", timeout });
  // The status bar can still show the previous notebook's idle kernel while this one starts;
  // running cells before this notebook's own kernel is connected and idle loses all but the
  // first. So wait on the notebook's session itself.
  await until("the launch notebook's tslab kernel to be connected and idle", timeout, () =>
    page.evaluate(() => {
      const context = window.jupyterapp.shell.currentWidget?.sessionContext;
      const kernel = context?.session?.kernel;
      return Boolean(
        context?.isReady &&
        kernel?.name === "tslab" &&
        kernel.connectionStatus === "connected" &&
        kernel.status === "idle"
      );
    })
  );
  log("launcher: the launch notebook opened on the TypeScript kernel");

  await page.evaluate(() => window.jupyterapp.commands.execute("notebook:run-all-cells"));
  await until("every cell of the launch notebook to run", 4 * timeout, async () => {
    const prompts = await panel.locator(".jp-CodeCell .jp-InputPrompt").allTextContents();
    const busy = await page
      .locator(".jp-StatusBar-Widget", { hasText: /TypeScript \| Idle/ })
      .count();
    return prompts.length > 0 && prompts.every((text) => /\[\d+\]/.test(text)) && busy > 0;
  });
  const errors = await panel
    .locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    .allTextContents();
  if (errors.length > 0)
    throw new Error(`the launch notebook printed errors:\n${errors.join("\n---\n")}`);
  const text = (await panel.locator(".jp-OutputArea-output").allTextContents()).join("\n");
  if (!/connected to 1 player\(s\): communication 1\.5\.0/.test(text))
    throw new Error(`the launch notebook did not connect:\n${text.slice(0, 2000)}`);
  if (!/GridWorld\?team=0/.test(text) || !/CameraSensor/.test(text))
    throw new Error(
      `the launch notebook did not show the behaviour specs:\n${text.slice(0, 2000)}`
    );
  const viewCell = panel.locator(".jp-CodeCell", { hasText: "displayHandle(scene)" }).first();
  const outputs = await viewCell.locator(".jp-OutputArea-output").count();
  const images = await viewCell
    .locator(
      '.jp-OutputArea-output[data-mime-type="image/svg+xml"] img, .jp-OutputArea-output[data-mime-type="image/svg+xml"] svg'
    )
    .count();
  if (outputs !== 1 || images !== 1)
    throw new Error(
      `the live view should be one SVG output redrawn in place; found ${outputs} output(s), ${images} image(s)`
    );
  log("launcher: the launch notebook connected, showed the specs and the live episode view");

  // Save and close the launch notebook (its players are closed by its last cells) and the launcher.
  await page.evaluate(async (keep) => {
    const app = window.jupyterapp;
    await app.commands.execute("docmanager:save");
    await app.commands.execute("application:close");
    for (const widget of Array.from(app.shell.widgets("main"))) {
      if (widget.id !== keep && widget.node.querySelector(".jp-Launcher")) widget.close();
    }
    if (keep) app.shell.activateById(keep);
  }, original);
}
