#!/usr/bin/env node
// Writes kernel-lib/package.json's version into kernel-lib/src/version.ts (what `pwmk.version`
// returns). lerna runs it as pwmk's "version" lifecycle script right after it bumps the
// package.json files, so a release bump changes both together; kernel-lib/test/release-versions
// fails if they ever disagree.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const kernelLib = resolve(import.meta.dirname, "../../kernel-lib");
const { version } = JSON.parse(readFileSync(join(kernelLib, "package.json"), "utf8"));
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
  console.error(`sync-version: kernel-lib/package.json has no semantic version (got ${version})`);
  process.exit(1);
}
const file = join(kernelLib, "src/version.ts");
const before = readFileSync(file, "utf8");
const declaration = /export const version: string = "[^"]*";/;
if (!declaration.test(before)) {
  console.error(
    `sync-version: ${file} no longer declares \`export const version: string = "...";\``
  );
  process.exit(1);
}
const after = before
  .replace(declaration, `export const version: string = "${version}";`)
  .replace(/pwmk\.version; \/\/ "[^"]*"/, `pwmk.version; // "${version}"`);
if (after !== before) writeFileSync(file, after);
console.log(`sync-version: pwmk.version is ${version}`);
