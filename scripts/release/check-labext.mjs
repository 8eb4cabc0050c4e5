#!/usr/bin/env node
// Checks that a packed jupyterlab-pwmk (as installed from its tarball) is a working prebuilt
// JupyterLab extension: its labext/ metadata names this version and a remoteEntry that exists
// and exposes both plugins, and PWMK Lab, given only this copy as its extension folder, loads it
// in headless Chromium and the plugin activates (<body data-pwmk="activated">, see
// jupyterlab-ext/CONTRACT.md).
//
//   node scripts/release/check-labext.mjs <installed jupyterlab-pwmk dir> <expected version>
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  closeSync
} from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const [pkgDir, version] = process.argv.slice(2);
if (!pkgDir || !version) {
  console.error("usage: check-labext.mjs <installed jupyterlab-pwmk dir> <expected version>");
  process.exit(2);
}
const repo = resolve(import.meta.dirname, "../..");
const fail = (msg) => {
  throw new Error(msg);
};

// ---- 1. what the tarball ships ----------------------------------------------------------------
const labext = join(pkgDir, "labext");
const meta = JSON.parse(readFileSync(join(labext, "package.json"), "utf8"));
const build = meta.jupyterlab?._build;
if (meta.name !== "jupyterlab-pwmk" || meta.version !== version) {
  fail(`labext/package.json is ${meta.name}@${meta.version}, expected jupyterlab-pwmk@${version}`);
}
if (!build?.load || !build.extension || !build.mimeExtension) {
  fail(
    "labext/package.json lacks jupyterlab._build (load, extension, mimeExtension): not a prebuilt extension"
  );
}
const remoteEntry = join(labext, build.load);
if (!existsSync(remoteEntry)) fail(`labext/${build.load} (the remoteEntry) is not in the tarball`);
const entryCode = readFileSync(remoteEntry, "utf8");
for (const exposed of [build.extension, build.mimeExtension]) {
  if (!entryCode.includes(`"${exposed}"`)) fail(`remoteEntry does not expose ${exposed}`);
}
console.log(
  `ok labext: jupyterlab-pwmk@${version}, ${build.load} exposes ${build.extension} and ${build.mimeExtension}`
);

// ---- 2. PWMK Lab loads it ------------------------------------------------------------------------
const TIMEOUT = { server: 60_000, page: 90_000 };
const scratch = mkdtempSync(join(tmpdir(), "pwmk-labext-"));
cpSync(labext, join(scratch, "labextensions/jupyterlab-pwmk"), { recursive: true });

function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.on("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function until(what, ms, check) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`timed out after ${ms} ms waiting for ${what}`);
}

const chromiumPath = execFileSync("bash", ["-c", "command -v chromium || true"], {
  encoding: "utf8"
}).trim();
if (!chromiumPath) fail("chromium is not installed (scripts/install-system-deps.sh installs it)");

const port = await freePort();
const token = randomBytes(16).toString("hex");
const base = `http://127.0.0.1:${port}`;
const logFile = join(scratch, "server.log");
const log = openSync(logFile, "w");
const server = spawn(
  "bash",
  [
    join(repo, "lab/start.sh"),
    `--ServerApp.token=${token}`,
    // Only the packed copy: not lab/labextensions, not the Jupyter paths.
    `--PwmkLabApp.labextensions_path=${join(scratch, "labextensions")}`,
    "--ServerApp.shutdown_no_activity_timeout=300"
  ],
  {
    cwd: repo,
    detached: true,
    stdio: ["ignore", log, log],
    env: {
      ...process.env,
      PWMK_LAB_PORT: String(port),
      PWMK_LAB_IP: "127.0.0.1",
      PWMK_LAB_ROOT: scratch,
      PWMK_LAB_RUNTIME: join(scratch, "runtime")
    }
  }
);
closeSync(log);
const exited = new Promise((r) => server.on("exit", r));

let browser;
let ok = false;
try {
  await until("PWMK Lab to answer", TIMEOUT.server, async () => {
    if (server.exitCode !== null) fail(`the server exited (${server.exitCode})`);
    const r = await fetch(`${base}/api/status`, {
      headers: { Authorization: `token ${token}` },
      signal: AbortSignal.timeout(2000)
    });
    return r.ok;
  });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
  });
  const page = await browser.newPage();
  const served = [];
  page.on("response", (r) => {
    if (r.url().includes("/jupyterlab-pwmk/")) served.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${base}/lab?token=${token}`, { timeout: TIMEOUT.page });
  await page.waitForFunction(() => document.body.dataset.pwmk === "activated", null, {
    timeout: TIMEOUT.page
  });
  const federated = await page.evaluate(
    () =>
      JSON.parse(document.getElementById("jupyter-config-data").textContent).federated_extensions
  );
  const ours = federated.filter((e) => e.name === "jupyterlab-pwmk");
  if (ours.length !== 1 || ours[0].load !== build.load) {
    fail(
      `the lab lists ${JSON.stringify(ours)}, expected one jupyterlab-pwmk loading ${build.load}`
    );
  }
  if (!served.some((s) => s.startsWith("200 ") && s.endsWith(build.load))) {
    fail(`the browser did not fetch ${build.load} (fetched: ${served.join(", ") || "nothing"})`);
  }
  console.log(`ok PWMK Lab loaded the packed extension (${build.load}) and it activated`);
  ok = true;
} finally {
  if (browser) await browser.close().catch(() => {});
  await fetch(`${base}/api/shutdown`, {
    method: "POST",
    headers: { Authorization: `token ${token}` },
    signal: AbortSignal.timeout(5000)
  }).catch(() => {});
  const stopped = await Promise.race([
    exited.then(() => true),
    new Promise((r) => setTimeout(() => r(false), 10_000))
  ]);
  if (!stopped) {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  }
  if (!ok && existsSync(logFile))
    console.error(readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n"));
  rmSync(scratch, { recursive: true, force: true });
}
