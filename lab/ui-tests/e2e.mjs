/*
 * End-to-end test of PWMK Lab in headless Chromium (Debian's chromium driven by
 * npm playwright-core). It starts the real server on a free loopback port with
 * a fresh token, a clean workspace and a temporary copy of tutorials/, then, as
 * a user would: opens the tutorial notebook from the file browser, runs all
 * cells on the tslab kernel, checks that the PWMK renderer drew the output,
 * saves, restarts the kernel and runs everything again.
 *
 * Usage: node lab/ui-tests/e2e.mjs   (scripts/test.sh runs it after setup.sh)
 *
 * Environment:
 *   PWMK_E2E_NOTEBOOK          notebook to open, relative to the repo (default tutorials/00-getting-started.ipynb)
 *   PWMK_E2E_CHECKS            a module (relative to the repo) of extra checks for that notebook:
 *                              beforeRun({ page, panel }) before run 1, check({ page, panel, until, log })
 *                              after it (e.g. lab/ui-tests/charts-checks.mjs with notebooks/charts.ipynb)
 *   PWMK_E2E_DOCS_SCREENSHOT=1 also copy the screenshot to docs/images/pwmk-lab.png
 *   PWMK_E2E_HEADED=1          show the browser (needs a display)
 *
 * Artifacts (test-artifacts/): pwmk-lab-e2e.png, e2e-server.log, e2e-browser.log.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const artifacts = path.join(repo, "test-artifacts");
const notebookRel = process.env.PWMK_E2E_NOTEBOOK || "tutorials/00-getting-started.ipynb";

/** What jupyterlab-ext/CONTRACT.md promises the page will show (see its DOM hooks table). */
const CONTRACT = {
  pluginId: "jupyterlab-pwmk:plugin",
  activatedAttribute: "pwmk",
  activatedValue: "activated",
  rendererSelector: ".jp-PWMK-BeliefGraph",
  agentSelector: "svg.jp-PWMK-graph g.jp-PWMK-agent",
  beliefSelector: "svg.jp-PWMK-graph g.jp-PWMK-belief",
  mimeType: "application/vnd.pwmk.belief-graph.v1+json",
  /** Belief graphs in a saved notebook: format 1 (hand-built graphs) or format 2 (nested beliefs). */
  graphMimeTypes: [
    "application/vnd.pwmk.belief-graph.v1+json",
    "application/vnd.pwmk.belief-graph.v2+json"
  ]
};

/**
 * Messages jupyter_server 1.23 makes the JupyterLab 4.6 page print although
 * nothing is wrong: APIs that only jupyter_server 2 or the Python jupyterlab
 * package provide (identity, event bus, LSP, news) and the debugger, which
 * tslab does not support. Anything else fails the test.
 */
const HARMLESS = [
  /\/api\/me\b/,
  /\/api\/events\b/,
  /\/lsp\/status\b/,
  /\/lab\/api\/news\b/,
  /No active debugger session/
];

const TIMEOUT = {
  serverStart: 60_000,
  appReady: 60_000,
  kernelIdle: 90_000,
  runAll: 180_000,
  step: 30_000,
  whole: 8 * 60_000
};

const log = (...parts) => console.log("[e2e]", ...parts);

/** Asks the OS for a free loopback port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns true, or throws after `ms` naming `what`. */
async function until(what, ms, check, interval = 250) {
  const deadline = Date.now() + ms;
  let lastError;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  throw new Error(
    `timed out after ${ms} ms waiting for ${what}${lastError ? ` (${lastError.message})` : ""}`
  );
}

/** Processes whose command line mentions `marker` (our unique temp dir): kernels left behind. */
function processesMentioning(marker) {
  const pids = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.includes(marker)) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts PWMK Lab via lab/start.sh in its own process group. */
function startServer({ port, token, root, runtime, logFile }) {
  const out = fs.openSync(logFile, "w");
  const child = spawn(
    "bash",
    [
      path.join(repo, "lab", "start.sh"),
      `--ServerApp.token=${token}`,
      "--PwmkLabApp.expose_app_in_browser=True",
      // Last resort if this test is SIGKILLed and cannot stop the server:
      // idle kernels are culled and the idle server exits by itself.
      "--MappingKernelManager.cull_idle_timeout=600",
      "--MappingKernelManager.cull_interval=60",
      "--ServerApp.shutdown_no_activity_timeout=900"
    ],
    {
      cwd: repo,
      detached: true,
      stdio: ["ignore", out, out],
      env: {
        ...process.env,
        PWMK_LAB_PORT: String(port),
        PWMK_LAB_IP: "127.0.0.1",
        PWMK_LAB_ROOT: root,
        PWMK_LAB_RUNTIME: runtime
      }
    }
  );
  fs.closeSync(out);
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited };
}

/** Stops the server: API shutdown, then SIGTERM, then SIGKILL; reaps kernels it left. */
async function stopServer(server, baseUrl, token, marker) {
  if (!server) return;
  const { child, exited } = server;
  const done = () => child.exitCode !== null || child.signalCode !== null;
  if (!done()) {
    try {
      await fetch(`${baseUrl}/api/shutdown`, {
        method: "POST",
        headers: { Authorization: `token ${token}` },
        signal: AbortSignal.timeout(5000)
      });
    } catch {
      // fall through to signals
    }
    const waitExit = (ms) =>
      Promise.race([exited, new Promise((resolve) => setTimeout(resolve, ms))]).then(done);
    if (!(await waitExit(10_000))) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      if (!(await waitExit(10_000))) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
        await waitExit(5000);
      }
    }
  }
  // Kernels run in their own sessions; their connection files live in our
  // unique runtime dir, so they are found by that path and nothing else.
  for (const pid of processesMentioning(marker)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  await until("leftover kernels to exit", 10_000, () =>
    processesMentioning(marker).every((p) => !isAlive(p))
  );
}

/** Collects page problems, ignoring the known harmless ones. */
function watchPage(page, browserLog) {
  const problems = [];
  const note = (kind, text) => {
    const line = `${kind}: ${text}`;
    fs.appendFileSync(browserLog, line + "\n");
    if (!HARMLESS.some((pattern) => pattern.test(text))) {
      problems.push(line);
    }
  };
  page.on("pageerror", (error) => note("pageerror", `${error.message}\n${error.stack ?? ""}`));
  page.on("console", (message) => {
    const text = `${message.text()} @ ${message.location().url ?? ""}`;
    fs.appendFileSync(browserLog, `console.${message.type()}: ${text}\n`);
    if (message.type() === "error") note("console.error", text);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) {
      note(`http ${response.status()}`, `${response.request().method()} ${response.url()}`);
    }
  });
  page.on("requestfailed", (request) => {
    const failure = request.failure()?.errorText ?? "";
    // Cancelled requests (navigation, kernel restart, polling) are normal.
    if (!failure.includes("ERR_ABORTED")) {
      note("requestfailed", `${request.method()} ${request.url()} ${failure}`);
    }
  });
  return problems;
}

/** Clicks a top menu entry, then an item of that menu. */
async function menu(page, top, item) {
  await page.locator(".lm-MenuBar-item", { hasText: new RegExp(`^${top}$`) }).click();
  const entry = page.locator(".lm-Menu-item:not(.lm-mod-hidden)", { hasText: item }).first();
  await entry.waitFor({ state: "visible", timeout: TIMEOUT.step });
  await entry.click();
}

/** Waits until the notebook's kernel reports idle in the status bar. */
async function kernelIdle(page) {
  await page
    .locator(".jp-StatusBar-Widget", { hasText: /TypeScript \| Idle/ })
    .first()
    .waitFor({ state: "visible", timeout: TIMEOUT.kernelIdle });
}

/** Runs every cell through the Run menu and waits until each code cell has run. */
async function runAllCells(page, panel) {
  await menu(page, "Run", /^Run All Cells/);
  await until("all code cells to finish running", TIMEOUT.runAll, async () => {
    const prompts = await panel.locator(".jp-CodeCell .jp-InputPrompt").allTextContents();
    return prompts.length > 0 && prompts.every((text) => /\[\d+\]/.test(text));
  });
  await kernelIdle(page);
}

/** Fails when a cell produced an error output (tracebacks and tslab's compile errors). */
async function expectNoErrorOutputs(panel) {
  const errors = await panel
    .locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    .allTextContents();
  if (errors.length > 0) {
    throw new Error(`the notebook printed errors:\n${errors.join("\n---\n")}`);
  }
}

/** Checks that our renderer (not the static fallback) drew a belief graph. */
async function expectRendererDrew(panel) {
  // The renderer's widget is the output node itself or sits inside it.
  const selector = CONTRACT.rendererSelector;
  const view = panel
    .locator(`.jp-OutputArea-output${selector}, .jp-OutputArea-output ${selector}`)
    .first();
  await view.waitFor({ state: "visible", timeout: TIMEOUT.step });
  const box = await view.boundingBox();
  if (!box || box.width < 50 || box.height < 50) {
    throw new Error(`the PWMK renderer drew an empty view (${JSON.stringify(box)})`);
  }
  const status = await view.getAttribute("data-pwmk-status");
  if (status !== "ok") {
    const message = await view.textContent();
    throw new Error(`the PWMK renderer reports status ${status}: ${message?.trim()}`);
  }
  const agents = await view.locator(CONTRACT.agentSelector).count();
  const beliefs = await view.locator(CONTRACT.beliefSelector).count();
  if (agents === 0 || beliefs === 0) {
    throw new Error(`the PWMK renderer drew ${agents} agents and ${beliefs} beliefs`);
  }
  // The drawing is live: clicking an agent selects it.
  const agent = view.locator(CONTRACT.agentSelector).first();
  await agent.click();
  await until("the clicked agent to be selected", TIMEOUT.step, async () =>
    ((await agent.getAttribute("class")) ?? "").includes("jp-mod-selected")
  );
  await agent.click();
  return view;
}

async function main() {
  const chromiumPath = execFileSync("bash", ["-c", "command -v chromium || true"])
    .toString()
    .trim();
  const problems = [];
  if (!chromiumPath) problems.push("chromium is not installed (scripts/install-system-deps.sh)");
  if (!fs.existsSync(path.join(repo, "lab", "static", "index.html"))) {
    problems.push("the PWMK Lab front end is not built (scripts/setup.sh)");
  }
  if (!fs.existsSync(path.join(repo, "lab", "labextensions", "jupyterlab-pwmk", "package.json"))) {
    problems.push(
      "the jupyterlab-pwmk extension is not installed in lab/labextensions (scripts/setup.sh)"
    );
  }
  if (!fs.existsSync(path.join(repo, notebookRel))) problems.push(`${notebookRel} does not exist`);
  if (problems.length > 0) throw new Error(problems.join("; "));

  fs.mkdirSync(artifacts, { recursive: true });
  // Inside the repo so that `import "pwmk"` in the notebook resolves through
  // the workspace's node_modules, as it does for a user (.lab-runtime is git-ignored).
  const scratchParent = path.join(repo, ".lab-runtime", "e2e");
  fs.mkdirSync(scratchParent, { recursive: true });
  // Failed runs keep their scratch dir for inspection; drop the ones older than a day.
  for (const entry of fs.readdirSync(scratchParent)) {
    const dir = path.join(scratchParent, entry);
    if (Date.now() - fs.statSync(dir).mtimeMs > 24 * 3600_000) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const scratch = fs.mkdtempSync(path.join(scratchParent, "run-"));
  const root = path.join(scratch, "root");
  const runtime = path.join(scratch, "runtime");
  // The lab opens tutorials/ in the file browser; the notebook under test is
  // placed there even when it comes from elsewhere (PWMK_E2E_NOTEBOOK).
  const notebookDir = "tutorials";
  fs.mkdirSync(path.join(root, notebookDir), { recursive: true });
  if (fs.existsSync(path.join(repo, notebookDir))) {
    fs.cpSync(path.join(repo, notebookDir), path.join(root, notebookDir), { recursive: true });
  }
  const notebookOnDisk = path.join(root, notebookDir, path.basename(notebookRel));
  fs.copyFileSync(path.join(repo, notebookRel), notebookOnDisk);

  const port = await freePort();
  const token = randomBytes(24).toString("hex");
  const baseUrl = `http://127.0.0.1:${port}`;
  const serverLog = path.join(artifacts, "e2e-server.log");
  const browserLog = path.join(artifacts, "e2e-browser.log");
  fs.writeFileSync(browserLog, "");

  let server;
  let context;
  let failed = false;
  const watchdog = setTimeout(() => {
    console.error(`[e2e] FAIL: the whole test took longer than ${TIMEOUT.whole} ms`);
    try {
      if (server) process.kill(-server.child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    for (const pid of processesMentioning(scratch)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    process.exit(1);
  }, TIMEOUT.whole);
  const onSignal = () => {
    clearTimeout(watchdog);
    void stopServer(server, baseUrl, token, scratch).finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    log(`starting PWMK Lab on ${baseUrl} (root ${root})`);
    server = startServer({ port, token, root, runtime, logFile: serverLog });
    await until("the server to answer /api/status", TIMEOUT.serverStart, async () => {
      if (server.child.exitCode !== null) {
        throw new Error(`server exited with code ${server.child.exitCode}; see ${serverLog}`);
      }
      const response = await fetch(`${baseUrl}/api/status`, {
        headers: { Authorization: `token ${token}` },
        signal: AbortSignal.timeout(2000)
      });
      return response.ok;
    });

    const userData = fs.mkdtempSync(path.join(scratch, "chromium-"));
    context = await chromium.launchPersistentContext(userData, {
      executablePath: chromiumPath,
      headless: process.env.PWMK_E2E_HEADED !== "1",
      viewport: { width: 1400, height: 900 },
      timeout: TIMEOUT.step,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync"
      ]
    });
    context.setDefaultTimeout(TIMEOUT.step);
    const page = context.pages()[0] ?? (await context.newPage());
    const pageProblems = watchPage(page, browserLog);

    // 1. The default URL: PWMK Lab with tutorials/ open in the file browser.
    log("opening the lab");
    await page.goto(`${baseUrl}/?token=${token}`, { timeout: TIMEOUT.appReady });
    await page.waitForFunction(() => window.jupyterapp !== undefined, null, {
      timeout: TIMEOUT.appReady
    });
    await page.waitForFunction(() => document.body.dataset.pwmkLab === "ready", null, {
      timeout: TIMEOUT.appReady
    });
    if (!new URL(page.url()).pathname.endsWith("/lab/tree/tutorials")) {
      throw new Error(`the lab did not open at /lab/tree/tutorials but at ${page.url()}`);
    }

    // 2. Our extension is loaded as a federated extension and its plugin activated.
    await page.waitForFunction(
      ({ attribute, value }) => document.body.dataset[attribute] === value,
      { attribute: CONTRACT.activatedAttribute, value: CONTRACT.activatedValue },
      { timeout: TIMEOUT.appReady }
    );
    const activated = await page.evaluate(
      (id) => window.jupyterapp.isPluginActivated(id),
      CONTRACT.pluginId
    );
    if (!activated) throw new Error(`plugin ${CONTRACT.pluginId} is not activated`);
    log(`extension plugin ${CONTRACT.pluginId} activated`);

    // The launcher offers TypeScript notebooks: the tslab kernelspec is registered.
    await page
      .locator('.jp-LauncherCard[data-category="Notebook"][title="TypeScript"]')
      .first()
      .waitFor({ state: "visible" });

    // 3. Open the notebook from the file browser, which shows tutorials/.
    const fileName = path.basename(notebookRel);
    await page
      .locator(".jp-FileBrowser .jp-BreadCrumbs", { hasText: path.basename(notebookDir) })
      .first()
      .waitFor({ state: "visible" });
    const item = page.locator(".jp-FileBrowser .jp-DirListing-item", { hasText: fileName }).first();
    await item.waitFor({ state: "visible" });
    await item.dblclick();
    const panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first();
    await panel.waitFor({ state: "visible" });
    log(`opened ${notebookRel}; waiting for the tslab kernel`);
    await kernelIdle(page);

    // 4. Run all cells; the renderer draws the belief graph.
    const extra = process.env.PWMK_E2E_CHECKS
      ? await import(pathToFileURL(path.resolve(repo, process.env.PWMK_E2E_CHECKS)).href)
      : undefined;
    await extra?.beforeRun?.({ page, panel });
    await runAllCells(page, panel);
    await expectNoErrorOutputs(panel);
    await expectRendererDrew(panel);
    log("run 1: all cells ran, PWMK renderer drew the belief graph");
    if (extra?.check) {
      await extra.check({ page, panel, until, log, timeout: TIMEOUT.step });
      log(`run 1: extra checks passed (${process.env.PWMK_E2E_CHECKS})`);
    }

    // 5. Save; the file on disk holds the bundle with our MIME type as a JSON object.
    await panel.locator(".jp-Notebook").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Control+s");
    await until("the notebook to be saved with its outputs", TIMEOUT.step, () => {
      const saved = JSON.parse(fs.readFileSync(notebookOnDisk, "utf8"));
      return saved.cells.some((cell) =>
        (cell.outputs ?? []).some((output) => {
          const data = output.data ?? {};
          return CONTRACT.graphMimeTypes.some(
            (mime) => typeof data[mime] === "object" && data[mime] !== null && "text/plain" in data
          );
        })
      );
    });
    log("saved: the notebook file holds the PWMK bundle");

    // 6. Restart the kernel (clearing the outputs, so that nothing from run 1
    //    can pass for run 2) and run everything again.
    await menu(page, "Kernel", /^Restart Kernel and Clear Outputs of All Cells…/);
    const accept = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept");
    await accept.waitFor({ state: "visible" });
    await accept.click();
    await until("the outputs to be cleared by the restart", TIMEOUT.step, async () => {
      const prompts = await panel.locator(".jp-CodeCell .jp-InputPrompt").allTextContents();
      const drawn = await panel.locator(CONTRACT.rendererSelector).count();
      return drawn === 0 && prompts.every((text) => !/\[\d+\]/.test(text));
    });
    await kernelIdle(page);
    await runAllCells(page, panel);
    const firstPrompt =
      (await panel.locator(".jp-CodeCell .jp-InputPrompt").first().textContent()) ?? "";
    if (!/\[1\]/.test(firstPrompt)) {
      throw new Error(`after the restart the first cell ran as ${firstPrompt.trim()}, not [1]`);
    }
    await expectNoErrorOutputs(panel);
    const view = await expectRendererDrew(panel);
    log("run 2 after kernel restart: all cells ran, renderer drew again");

    await view.scrollIntoViewIfNeeded();
    const shot = path.join(artifacts, "pwmk-lab-e2e.png");
    await page.screenshot({ path: shot });
    if (process.env.PWMK_E2E_DOCS_SCREENSHOT === "1") {
      fs.mkdirSync(path.join(repo, "docs", "images"), { recursive: true });
      fs.copyFileSync(shot, path.join(repo, "docs", "images", "pwmk-lab.png"));
    }
    log(`screenshot: ${path.relative(repo, shot)}`);

    if (pageProblems.length > 0) {
      throw new Error(`unexpected page errors:\n  ${pageProblems.join("\n  ")}`);
    }
  } catch (error) {
    failed = true;
    console.error(`[e2e] FAIL: ${error.message}`);
    if (context) {
      const page = context.pages()[0];
      if (page) {
        await page
          .screenshot({ path: path.join(artifacts, "pwmk-lab-e2e-failure.png"), timeout: 10_000 })
          .catch(() => undefined);
      }
    }
    console.error(
      `[e2e] logs: ${path.relative(repo, serverLog)}, ${path.relative(repo, browserLog)}`
    );
  } finally {
    if (context) await context.close().catch(() => undefined);
    await stopServer(server, baseUrl, token, scratch).catch((error) => {
      failed = true;
      console.error(`[e2e] FAIL: could not stop the server: ${error.message}`);
    });
    clearTimeout(watchdog);
    if (!failed) fs.rmSync(scratch, { recursive: true, force: true });
  }
  log(failed ? "FAILED" : "PASSED");
  process.exitCode = failed ? 1 : 0;
}

await main();
