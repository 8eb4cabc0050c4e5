/**
 * Fast browser test of jupyterlab-pwmk's renderer (no server): bundles page.ts with esbuild,
 * opens it in headless Debian chromium through playwright-core, draws sample bundles through
 * JupyterLab's RenderMimeRegistry and asserts what is on the page. Fails on any page error.
 * Artifacts (page, screenshot) go to <repo>/test-artifacts/browser-fast/.
 *
 * Run: npm run test:browser -w jupyterlab-pwmk
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { chromium, type Browser } from "playwright-core";
import type { Drawn } from "./page";
import { HOSTILE, samples, valid } from "./samples";
import { checkViewers, viewerSamples } from "./viewers";
import { chartSamples, checkCharts } from "./charts";

const HERE = __dirname;
const EXT = path.dirname(HERE);
const OUT = path.join(EXT, "..", "test-artifacts", "browser-fast");
const TIMEOUT_MS = 30_000;

function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  try {
    return execFileSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], {
      encoding: "utf8"
    }).trim();
  } catch {
    throw new Error(
      "chromium not found: install it (scripts/install-system-deps.sh) or set CHROMIUM_PATH"
    );
  }
}

async function buildPage(): Promise<string> {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(HERE, "page.ts")],
    outfile: path.join(OUT, "page.js"),
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    logLevel: "warning",
    loader: { ".svg": "text" },
    define: { "process.env.NODE_ENV": '"production"', global: "globalThis" }
  });
  // index.css @imports its siblings: copy them all beside it.
  for (const css of fs.readdirSync(path.join(EXT, "style")).filter((f) => f.endsWith(".css")))
    fs.copyFileSync(
      path.join(EXT, "style", css),
      path.join(OUT, css === "index.css" ? "pwmk.css" : css)
    );
  // A few of JupyterLab's theme variables, as the light theme would set them.
  fs.writeFileSync(
    path.join(OUT, "index.html"),
    `<!doctype html><html><head><meta charset="utf-8"><title>jupyterlab-pwmk renderer test</title>
<style>:root{--jp-content-font-color1:#1a1a1a;--jp-content-font-color2:#555;--jp-brand-color1:#1976d2;
--jp-brand-color3:#bbdefb;--jp-layout-color2:#eeeeee;--jp-warn-color1:#f57c00;--jp-error-color1:#d32f2f;
--jp-error-color3:#ffcdd2;--jp-ui-font-family:sans-serif;--jp-layout-color0:#fff;--jp-layout-color1:#fff;--jp-border-color1:#bbb;--jp-border-color2:#ddd;--jp-success-color1:#388e3c}body{font-family:sans-serif;margin:16px}</style>
<link rel="stylesheet" href="pwmk.css"></head><body><div id="outputs"></div><script src="page.js"></script></body></html>`
  );
  return pathToFileURL(path.join(OUT, "index.html")).href;
}

async function main(): Promise<void> {
  const started = Date.now();
  const url = await buildPage();
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-chromium-"));
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: findChromium(),
      headless: true,
      timeout: TIMEOUT_MS,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync"
      ]
    });
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    page.setDefaultTimeout(TIMEOUT_MS);
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") pageErrors.push(`console.error: ${m.text()}`);
    });
    await page.goto(url);
    await page.waitForSelector("body[data-ready=yes]", { state: "attached" });
    const drawn: Drawn[] = await page.evaluate(
      (s) => window.pwmkDraw(s),
      [...samples, ...viewerSamples, ...chartSamples]
    );
    const byName = Object.fromEntries(drawn.map((d) => [d.name, d]));
    const section = (name: string) => page.locator(`section[data-sample="${name}"]`);

    // Valid: our renderer draws every node and belief, themed, with the hostile name as text.
    assert.equal(byName.valid.mimeType, "application/vnd.pwmk.belief-graph.v1+json");
    assert.equal(byName.valid.status, "ok");
    const v = section("valid");
    assert.equal(await v.locator(".jp-PWMK-BeliefGraph svg.jp-PWMK-graph").count(), 1);
    assert.equal(await v.locator(".jp-PWMK-agent").count(), 3);
    assert.equal(await v.locator(".jp-PWMK-proposition").count(), 3);
    assert.equal(await v.locator(".jp-PWMK-belief polyline").count(), 3);
    assert.equal(
      await v.locator(".jp-PWMK-belief polyline[stroke-dasharray]").count(),
      1,
      "credence < 1 is dashed"
    );
    assert.equal(await v.locator(".jp-PWMK-title").textContent(), valid.payload.title);
    assert.equal(await v.locator(".jp-PWMK-credence").textContent(), "0.9");
    for (const label of ["sally", "anne", "at(marble, basket)", "at(marble, box)"]) {
      assert.equal(
        (await v.locator("text", { hasText: label }).count()) > 0,
        true,
        `label ${label} drawn`
      );
    }
    assert.equal(await v.locator("img").count(), 0, "no element made from the hostile name");
    assert.equal(
      await v.locator("title", { hasText: HOSTILE }).count(),
      1,
      "hostile name shown as text"
    );
    assert.equal(await page.evaluate(() => (window as { __pwned?: number }).__pwned), undefined);
    const fill = await v
      .locator(".jp-PWMK-agent rect")
      .first()
      .evaluate((r) => getComputedStyle(r).fill);
    assert.equal(fill, "rgb(187, 222, 251)", "agent boxes use --jp-brand-color3");
    // Switching theme variables (as JupyterLab's dark theme does) recolours the drawing.
    await page.evaluate(() =>
      document.documentElement.style.setProperty("--jp-brand-color3", "#0d47a1")
    );
    const darkFill = await v
      .locator(".jp-PWMK-agent rect")
      .first()
      .evaluate((r) => getComputedStyle(r).fill);
    assert.equal(darkFill, "rgb(13, 71, 161)", "theme change reaches the drawing");
    await page.evaluate(() => document.documentElement.style.removeProperty("--jp-brand-color3"));

    // Clicking an agent highlights exactly its beliefs; clicking again clears it.
    const anne = v.locator('.jp-PWMK-agent[data-id="anne"]');
    await anne.click();
    assert.equal(await v.locator(".jp-PWMK-belief.jp-mod-selected").count(), 2);
    assert.equal(await v.locator('.jp-PWMK-belief.jp-mod-selected[data-from="anne"]').count(), 2);
    await page.screenshot({ path: path.join(OUT, "belief-graph.png"), fullPage: true });
    await anne.click();
    assert.equal(await v.locator(".jp-mod-selected").count(), 0);

    // Wrong version and malformed payloads: a clear message instead of a graph.
    assert.equal(byName["wrong-version"].status, "error");
    assert.match(
      byName["wrong-version"].text,
      /^Unsupported belief graph version: this output uses belief-graph format 2\.0, but this viewer draws format 1\.x/
    );
    assert.equal(await section("wrong-version").locator("svg").count(), 0);
    assert.equal(byName.malformed.status, "error");
    assert.match(
      byName.malformed.text,
      /^Malformed belief graph: edges\[0\]\.to "ghost" is not a node/
    );
    assert.equal(await section("malformed").locator('[role="alert"]').count(), 1);

    // The payload as a JSON string (tslab's per-type fallback) still draws.
    assert.equal(byName["json-as-string"].status, "ok");
    assert.equal(await section("json-as-string").locator(".jp-PWMK-belief").count(), 3);

    // Without the extension, JupyterLab shows the static drawing from the same bundle: the
    // HTML fallback (inline SVG, hostile name as text) or, if only SVG is there, the SVG image.
    assert.equal(byName["no-extension"].mimeType, "text/html");
    const inline = section("no-extension").locator(".pwmk-belief-graph svg");
    assert.equal(await inline.locator("rect").count(), 1 + 6, "background and six boxes");
    assert.equal(await inline.locator("line").count(), 3);
    assert.equal(await section("no-extension").locator("img").count(), 0);
    assert.equal(byName["no-extension-svg-only"].mimeType, "image/svg+xml");
    const img = section("no-extension-svg-only").locator("img");
    await img.waitFor();
    const size = await img.evaluate(async (i: HTMLImageElement) => {
      await i.decode();
      return [i.naturalWidth, i.naturalHeight];
    });
    assert.ok(size[0] > 300 && size[1] > 100, `static SVG decoded (${size.join("x")})`);
    assert.equal(await page.evaluate(() => (window as { __pwned?: number }).__pwned), undefined);

    await checkViewers(page, OUT);
    await checkCharts(page);
    assert.deepEqual(pageErrors, [], "no page errors");
    console.log(
      `test:browser: PASS, ${samples.length} samples drawn in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshot ${path.relative(process.cwd(), path.join(OUT, "belief-graph.png"))}`
    );
  } finally {
    await browser?.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
}

const watchdog = setTimeout(() => {
  console.error("test:browser: FAIL, timed out after 120 s");
  process.exit(1);
}, 120_000);
main()
  .then(() => clearTimeout(watchdog))
  .catch((error) => {
    clearTimeout(watchdog);
    console.error(
      `test:browser: FAIL\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
    );
    process.exitCode = 1;
  });
