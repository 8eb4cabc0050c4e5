#!/usr/bin/env node
// The docs index stays true (part of scripts/docs/check.sh): docs/README.md links every page
// under docs/, and every file it links to exists.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { repo } from "./generated.mjs";

const INDEX = join(repo, "docs/README.md");

function pages(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pages(join(dir, e.name)) : e.name.endsWith(".md") ? [join(dir, e.name)] : []
  );
}

const text = readFileSync(INDEX, "utf8");
const linked = new Set();
const problems = [];
for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
  if (/^[a-z]+:/.test(target)) continue; // a URL
  const file = resolve(dirname(INDEX), target);
  linked.add(file);
  if (!existsSync(file)) problems.push(`links to ${target}, which does not exist`);
}
for (const page of pages(join(repo, "docs"))) {
  if (page !== INDEX && !linked.has(page)) {
    problems.push(`does not list ${relative(join(repo, "docs"), page)}: add a line for it`);
  }
}
if (problems.length > 0) {
  for (const p of problems) console.error(`docs/README.md ${p}`);
  process.exit(1);
}
