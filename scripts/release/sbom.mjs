#!/usr/bin/env node
// Finishes and checks the CycloneDX SBOM cyclonedx-npm wrote for one workspace package.
//
// cyclonedx-npm --workspace describes the monorepo root, with the package as its one dependency;
// the released SBOM describes the package itself, so that component becomes the subject
// (metadata.component) and the root entry goes. Then it checks the result: CycloneDX 1.6, the
// package as the subject, every production dependency listed with a version and a package URL,
// and no timestamp (so the SBOM of a commit is the same every time).
//
//   node scripts/release/sbom.mjs <sbom.cdx.json> <package.json>
import { readFileSync, writeFileSync } from "node:fs";

const [sbomFile, pkgFile] = process.argv.slice(2);
if (!sbomFile || !pkgFile) {
  console.error("usage: sbom.mjs <sbom.cdx.json> <package.json>");
  process.exit(2);
}
const bom = JSON.parse(readFileSync(sbomFile, "utf8"));
const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
const problems = [];
const fullName = (c) => (c.group ? `${c.group}/${c.name}` : c.name);

// The package as the subject.
const root = bom.metadata?.component;
if (root && fullName(root) !== pkg.name) {
  const rootRef = root["bom-ref"];
  const rootDeps = bom.dependencies?.find((d) => d.ref === rootRef)?.dependsOn ?? [];
  const index = (bom.components ?? []).findIndex(
    (c) => fullName(c) === pkg.name && c.version === pkg.version && rootDeps.includes(c["bom-ref"])
  );
  if (index >= 0) {
    bom.metadata.component = bom.components.splice(index, 1)[0];
    bom.dependencies = bom.dependencies.filter((d) => d.ref !== rootRef);
    writeFileSync(sbomFile, JSON.stringify(bom, null, 2) + "\n");
  }
}

if (bom.bomFormat !== "CycloneDX") problems.push(`bomFormat is ${bom.bomFormat}, not CycloneDX`);
if (bom.specVersion !== "1.6") problems.push(`specVersion is ${bom.specVersion}, not 1.6`);
if (bom.metadata?.timestamp !== undefined) problems.push("has a timestamp (not reproducible)");
const subject = bom.metadata?.component;
if (!subject || fullName(subject) !== pkg.name || subject.version !== pkg.version) {
  problems.push(
    `describes ${subject ? `${fullName(subject)}@${subject.version}` : "nothing"}, not ${pkg.name}@${pkg.version}`
  );
}

/** Every component, nested ones included, by full name. */
const components = new Map();
const visit = (list) => {
  for (const c of list ?? []) {
    components.set(fullName(c), c);
    visit(c.components);
  }
};
visit(bom.components);
for (const dep of Object.keys(pkg.dependencies ?? {})) {
  const c = components.get(dep);
  if (!c) problems.push(`dependency ${dep} is missing`);
  else if (!c.version || !c.purl?.startsWith("pkg:npm/"))
    problems.push(`dependency ${dep} lacks a version or purl`);
}
for (const dev of Object.keys(pkg.devDependencies ?? {})) {
  if (!(dev in (pkg.dependencies ?? {})) && components.get(dev)?.scope === "required") {
    problems.push(`development dependency ${dev} is listed as required`);
  }
}

if (problems.length) {
  console.error(`${sbomFile}:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `SBOM ok: ${pkg.name}@${pkg.version}, ${components.size} components ` +
    `(${Object.keys(pkg.dependencies ?? {}).length} direct dependencies listed)`
);
