#!/usr/bin/env node
// The changelog, kept from commit messages. Commits here are titled "<area>: <what changed>";
// each release's section lists the commits since the previous v* tag, sorted into a few kinds
// by their area. lerna runs `--write` as the root "version" lifecycle script, so the section
// of a new version is written in the same change as the version bump.
//
//   node scripts/release/changelog.mjs                  preview: the unreleased commits
//   node scripts/release/changelog.mjs --write [X.Y.Z]  add the section of X.Y.Z (default: lerna.json's)
//   node scripts/release/changelog.mjs --notes X.Y.Z    print that section (the GitHub release notes)
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "../..");
const file = join(repo, "CHANGELOG.md");
const HEADER =
  "# Changelog\n\nAll notable changes to PWMK (`pwmk` and `jupyterlab-pwmk`, released together under one\n" +
  "version; see docs/deployment.md). Each section lists the commits of that release by kind.\n";

/** Kinds of change, by the area a commit title starts with; the rest is library work. */
const KINDS = [
  ["Documentation", /^(docs?|readme|tutorials?|notebooks?|guide)\b/i],
  ["Tests and benchmarks", /^(tests?|e2e|bench|conformance|spec)\b/i],
  ["Dependencies", /^(deps?|dependencies)\b/i],
  [
    "Build, CI and release",
    /^(ci|build|release|scripts?|setup|lint|prettier|eslint|docker|binder|monorepo)\b/i
  ]
];
const LIBRARY = "Library";

const git = (...args) =>
  execFileSync("git", args, {
    cwd: repo,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"]
  }).trim();

/** The commit titles since the last v* tag (all of them when there is none yet). */
function unreleasedTitles() {
  let since = "";
  try {
    since = git("describe", "--tags", "--abbrev=0", "--match", "v*");
  } catch {
    // no release yet: the whole history
  }
  const range = since ? [`${since}..HEAD`] : ["HEAD"];
  const out = git("log", "--no-merges", "--format=%s", ...range);
  return out ? out.split("\n") : [];
}

/** Markdown for one release: a list per kind of change, newest first within each. */
export function section(version, date, titles) {
  const groups = new Map([...KINDS.map(([k]) => [k, []]), [LIBRARY, []]]);
  for (const title of titles) {
    const m = /^([^:]{1,60}):\s*(.+)$/.exec(title);
    const area = m ? m[1].trim() : "";
    const kind = KINDS.find(([, re]) => re.test(area))?.[0] ?? LIBRARY;
    groups.get(kind).push(m ? `**${area}**: ${m[2]}` : title);
  }
  const order = [LIBRARY, ...KINDS.map(([k]) => k)];
  const body = order
    .filter((k) => groups.get(k).length)
    .map(
      (k) =>
        `### ${k}\n\n${groups
          .get(k)
          .map((t) => `- ${t}`)
          .join("\n")}\n`
    )
    .join("\n");
  return `## ${version}${date ? ` (${date})` : ""}\n\n${body || "No changes.\n"}`;
}

/** The body of the section of `version` in CHANGELOG.md, or undefined. */
export function notesOf(text, version) {
  const start =
    text.indexOf(`\n## ${version} `) >= 0
      ? text.indexOf(`\n## ${version} `)
      : text.indexOf(`\n## ${version}\n`);
  if (start < 0) return undefined;
  const next = text.indexOf("\n## ", start + 1);
  return text.slice(start + 1, next < 0 ? undefined : next).trim() + "\n";
}

const args = process.argv.slice(2);
const current = existsSync(file) ? readFileSync(file, "utf8") : HEADER;
if (args[0] === "--notes") {
  const notes = args[1] && notesOf(current, args[1]);
  if (!notes) {
    console.error(`changelog: CHANGELOG.md has no section for ${args[1] ?? "(no version given)"}`);
    process.exit(1);
  }
  process.stdout.write(notes);
} else if (args[0] === "--write") {
  const version = args[1] ?? JSON.parse(readFileSync(join(repo, "lerna.json"), "utf8")).version;
  if (notesOf(current, version)) {
    console.log(`changelog: CHANGELOG.md already has ${version}`);
  } else {
    // The day of the commit being released, so the same commit always gives the same file.
    const date = git("log", "-1", "--format=%cs");
    const text = section(version, date, unreleasedTitles());
    const rest = current.startsWith(HEADER) ? current.slice(HEADER.length) : `\n${current}`;
    writeFileSync(file, `${HEADER}\n${text}${rest.startsWith("\n") ? "" : "\n"}${rest}`);
    // In the layout `prettier --check .` (part of npm test) expects, commit titles and all.
    execFileSync(
      process.execPath,
      [join(repo, "node_modules/prettier/bin/prettier.cjs"), "--write", file],
      {
        stdio: "ignore"
      }
    );
    console.log(`changelog: wrote the section of ${version} to CHANGELOG.md`);
  }
} else if (args.length === 0) {
  process.stdout.write(section("Unreleased", "", unreleasedTitles()));
} else {
  console.error("usage: changelog.mjs [--write [version] | --notes <version>]");
  process.exit(2);
}
