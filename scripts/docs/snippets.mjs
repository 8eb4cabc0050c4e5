#!/usr/bin/env node
// Guide code that cannot rot: a code block of a page under docs/ may be generated from a region
// of a test file,
//   <!-- generated: kernel-lib/test/guides/foo.test.ts#step (by scripts/docs/snippets.mjs; do not edit by hand) -->
//   <!-- end generated: kernel-lib/test/guides/foo.test.ts#step -->
// where the test holds the code between `// #region step` and `// #endregion step`. The test runs
// the code (with expectations around it); this script copies it into the page, imports rewritten
// from kernel-lib/src paths to the package's entry points ("../../src/envs" -> "pwmk/envs"), which
// the reader imports. An import of a path that is not an entry point is an error: a guide shows
// only public API.
//
//   node scripts/docs/snippets.mjs --write   copy every region into its page
//   node scripts/docs/snippets.mjs --check   fail when a page's code differs from its test
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { formatted, modeOf, replaceGenerated, repo, sync } from "./generated.mjs";

const REGENERATE = "node scripts/docs/snippets.mjs --write";
const MARKER = /<!-- generated: ([^ #]+\.ts)#([\w-]+) \(by scripts\/docs\/snippets\.mjs/g;

/** kernel-lib/src folders that are entry points, mapped to the specifier a reader imports. */
function entryPoints() {
  const pkg = JSON.parse(readFileSync(join(repo, "kernel-lib/package.json"), "utf8"));
  const map = new Map();
  for (const [key, target] of Object.entries(pkg.exports)) {
    const m = /^\.\/lib\/(.*?)\/?index\.js$/.exec(target.default ?? "");
    if (m)
      map.set(resolve(repo, "kernel-lib/src", m[1]), key === "." ? "pwmk" : `pwmk/${key.slice(2)}`);
  }
  return map;
}

/** The code between `// #region name` and `// #endregion name` of `file`, dedented. */
export function region(file, name) {
  const lines = readFileSync(file, "utf8").split("\n");
  const start = lines.findIndex((l) => l.trim() === `// #region ${name}`);
  const end = lines.findIndex((l, i) => i > start && l.trim() === `// #endregion ${name}`);
  if (start < 0 || end < 0) throw new Error(`${relative(repo, file)} has no region "${name}"`);
  const body = lines.slice(start + 1, end).filter((l) => !/^\s*\/\/ #(end)?region /.test(l));
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => /^ */.exec(l)[0].length));
  return body.map((l) => l.slice(indent)).join("\n");
}

/** `code` with its relative imports of kernel-lib/src rewritten to entry points. */
export function publicImports(code, file, entries) {
  return code.replace(/(from\s+|import\s+|import\()"(\.{1,2}\/[^"]*)"/g, (whole, lead, spec) => {
    const target = resolve(dirname(file), spec).replace(/\/index$/, "");
    const entry = entries.get(target);
    if (!entry) {
      throw new Error(
        `${relative(repo, file)}: guide code imports "${spec}", which is not an entry point of pwmk ` +
          `(entry points: ${[...new Set(entries.values())].join(", ")})`
      );
    }
    return `${lead}"${entry}"`;
  });
}

function pages(dir = join(repo, "docs")) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pages(join(dir, e.name)) : e.name.endsWith(".md") ? [join(dir, e.name)] : []
  );
}

const mode = modeOf();
const entries = entryPoints();
let ok = true;
let blocks = 0;
for (const page of pages()) {
  const original = readFileSync(page, "utf8");
  let text = original;
  const markers = [...original.matchAll(MARKER)];
  for (const [, source, name] of markers) {
    const file = resolve(repo, source);
    const code = publicImports(region(file, name), file, entries);
    text = replaceGenerated(text, `${source}#${name}`, "```ts\n" + code + "\n```", page);
    blocks++;
  }
  if (markers.length > 0) ok = sync(page, await formatted(page, text), mode, REGENERATE) && ok;
}
if (blocks === 0) {
  console.error("snippets: no page under docs/ shows code from a test; the markers may be broken");
  ok = false;
}
process.exit(ok ? 0 : 1);
