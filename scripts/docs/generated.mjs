// One way to keep a generated part of a committed file up to date: the part sits between
//   <!-- generated: NAME (by scripts/docs/SCRIPT; do not edit by hand) -->
//   <!-- end generated: NAME -->
// and a generator either writes it (`--write`) or checks that the committed text is what it would
// write (`--check`, used by scripts/docs/check.sh in `npm test`). Markdown is put through
// prettier first, so the committed page is also what `prettier --check .` wants.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import * as prettier from "prettier";

export const repo = resolve(import.meta.dirname, "../..");

/** The mode of a generator from its arguments: "write" or "check" (the default). */
export function modeOf(argv = process.argv.slice(2)) {
  if (argv.length === 1 && (argv[0] === "--write" || argv[0] === "--check"))
    return argv[0].slice(2);
  if (argv.length === 0) return "check";
  console.error(`usage: ${process.argv[1]} [--write | --check]`);
  process.exit(2);
}

/** Formats `text` as prettier would format `file` (its config and parser come from the path). */
export async function formatted(file, text) {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

/** `text` with the generated part NAME replaced by `body`; throws when the markers are missing. */
export function replaceGenerated(text, name, body, file) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const begin = new RegExp(`<!-- generated: ${escaped} \\(.*?\\) -->\\n`);
  const end = `<!-- end generated: ${name} -->`;
  const b = begin.exec(text);
  const e = text.indexOf(end);
  if (!b || e < b.index) {
    throw new Error(
      `${relative(repo, file)} has no "<!-- generated: ${name} (...) -->" ... "${end}" markers`
    );
  }
  const start = b.index + b[0].length;
  return `${text.slice(0, start)}\n${body.trim()}\n\n${text.slice(e)}`;
}

/**
 * Writes `expected` to `file` (mode "write") or reports whether the committed file holds it
 * (mode "check"). Returns true when the file is up to date (or was written).
 */
export function sync(file, expected, mode, regenerate) {
  const actual = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  if (actual === expected) return true;
  if (mode === "write") {
    writeFileSync(file, expected);
    console.log(`wrote ${relative(repo, file)}`);
    return true;
  }
  console.error(
    `${relative(repo, file)} is out of date: ${actual === undefined ? "it is missing" : firstDifference(actual, expected)}.\n` +
      `  Regenerate it with \`${regenerate}\` and commit the result.`
  );
  return false;
}

function firstDifference(actual, expected) {
  const a = actual.split("\n");
  const b = expected.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      const cut = (s) => (s === undefined ? "(nothing)" : JSON.stringify(s.slice(0, 120)));
      return `line ${i + 1} is ${cut(a[i])}, the generator makes ${cut(b[i])}`;
    }
  }
  return "the files differ";
}

/** Reads a file of the repo (path relative to the repo root). */
export function read(path) {
  return readFileSync(resolve(repo, path), "utf8");
}
