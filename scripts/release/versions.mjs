#!/usr/bin/env node
// One version for the whole kit: lerna.json, both packages' package.json, pwmk.version
// (kernel-lib/src/version.ts) and the extension's dependency range on pwmk must agree, and the
// version must be a semantic version. With --tag vX.Y.Z, the tag must name that version too.
// With --repository <url>, both packages' package.json must name that repository: npm refuses a
// provenance statement for a package whose repository.url does not match the building repo.
//
//   node scripts/release/versions.mjs [--dir <checkout>] [--tag <tag>] [--expect <version>]
//                                     [--repository https://github.com/<owner>/<repo>]
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/;

/** The versions a checkout declares, each with where it was read from. */
export function readVersions(dir) {
  const json = (p) => JSON.parse(readFileSync(join(dir, p), "utf8"));
  const versionTs = readFileSync(join(dir, "kernel-lib/src/version.ts"), "utf8");
  const ext = json("jupyterlab-ext/package.json");
  const range = { ...ext.dependencies, ...ext.devDependencies }.pwmk ?? "";
  return {
    "lerna.json": json("lerna.json").version,
    "kernel-lib/package.json": json("kernel-lib/package.json").version,
    "jupyterlab-ext/package.json": ext.version,
    "kernel-lib/src/version.ts": /export const version: string = "([^"]*)"/.exec(versionTs)?.[1],
    "jupyterlab-ext's pwmk range": range.replace(/^[\^~]/, "")
  };
}

/** Problems with a checkout's versions (empty when they all agree on one semantic version). */
export function versionProblems(versions, { tag, expect } = {}) {
  const problems = [];
  const want = versions["lerna.json"];
  if (!SEMVER.test(want ?? ""))
    problems.push(`lerna.json version "${want}" is not a semantic version`);
  for (const [where, v] of Object.entries(versions)) {
    if (v !== want) problems.push(`${where} says ${v ?? "(nothing)"}, lerna.json says ${want}`);
  }
  if (tag !== undefined && tag !== `v${want}`)
    problems.push(`tag ${tag} does not name version ${want} (expected v${want})`);
  if (expect !== undefined && want !== expect)
    problems.push(`expected version ${expect}, found ${want}`);
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = resolve(opt("dir") ?? join(import.meta.dirname, "../.."));
  const versions = readVersions(dir);
  const problems = versionProblems(versions, { tag: opt("tag"), expect: opt("expect") });
  const repository = opt("repository");
  if (repository !== undefined) {
    const norm = (u) =>
      String(u ?? "")
        .replace(/^git\+/, "")
        .replace(/\.git$/, "")
        .replace(/\/$/, "");
    for (const ws of ["kernel-lib", "jupyterlab-ext"]) {
      const pkg = JSON.parse(readFileSync(join(dir, ws, "package.json"), "utf8"));
      const url = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
      if (norm(url) !== norm(repository)) {
        problems.push(
          `${ws}/package.json repository.url is ${url ?? "(missing)"}, npm provenance needs ${repository}`
        );
      }
    }
  }
  if (problems.length) {
    console.error(`release metadata of ${dir} is not ready:\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`versions agree: ${versions["lerna.json"]}`);
}
