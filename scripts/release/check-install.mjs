#!/usr/bin/env node
// In a folder where the packed tarballs were installed (by release-dry-run.sh), uses pwmk the
// way a user would: require() from CommonJS, import from ESM, a subpath, a small world run to an
// answer, the `pwmk` command, and a TypeScript file type-checked against the shipped .d.ts files.
//
//   node scripts/release/check-install.mjs <install dir> <expected version>
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const [dir, version] = process.argv.slice(2);
if (!dir || !version) {
  console.error("usage: check-install.mjs <install dir> <expected version>");
  process.exit(2);
}
const repo = resolve(import.meta.dirname, "../..");
const run = (cmd, args) =>
  execFileSync(cmd, args, {
    cwd: dir,
    encoding: "utf8",
    timeout: 120_000,
    stdio: ["ignore", "pipe", "pipe"]
  }).trim();

// The same story, told from both module systems: Sally believes the marble is where she left it.
const story = (pwmk) => `
const world = new ${pwmk}.SallyAnneWorld();
world.reset();
world.script(["sally exit", "anne move marble box"]);
const answer = JSON.stringify({ version: ${pwmk}.version, sally: world.whereDoes(["sally"], "marble") });
`;
const expected = JSON.stringify({ version, sally: ["basket"] });

writeFileSync(
  join(dir, "check.cjs"),
  `const pwmk = require("pwmk");\nconst { Rng } = require("pwmk/random");\nif (typeof Rng !== "function") throw new Error("pwmk/random has no Rng");\n${story("pwmk")}console.log(answer);\n`
);
writeFileSync(
  join(dir, "check.mjs"),
  `import * as pwmk from "pwmk";\nimport { Rng } from "pwmk/random";\nif (typeof Rng !== "function") throw new Error("pwmk/random has no Rng");\n${story("pwmk")}console.log(answer);\n`
);
writeFileSync(
  join(dir, "check.ts"),
  `import * as pwmk from "pwmk";\nimport { Rng } from "pwmk/random";\nconst v: string = pwmk.version;\nconst world: pwmk.PerspectiveEnv = new pwmk.SallyAnneWorld();\nconst rng = new Rng(1);\nexport { v, world, rng };\n`
);

const failures = [];
const expectOutput = (what, actual) => {
  if (actual === expected) console.log(`ok ${what}: ${actual}`);
  else failures.push(`${what} printed ${actual}, expected ${expected}`);
};
try {
  expectOutput("CommonJS require", run(process.execPath, ["check.cjs"]));
  expectOutput("ESM import", run(process.execPath, ["check.mjs"]));
  const cli = run(process.execPath, [join(dir, "node_modules/pwmk/lib/cli/main.js"), "--version"]);
  if (cli === version) console.log(`ok pwmk --version: ${cli}`);
  else failures.push(`pwmk --version printed ${cli}`);
  const tsc = join(repo, "node_modules/typescript/bin/tsc");
  run(process.execPath, [
    tsc,
    "--noEmit",
    "--strict",
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
    "--skipLibCheck",
    "--typeRoots",
    join(repo, "node_modules/@types"),
    "--types",
    "node",
    "check.ts"
  ]);
  // skipLibCheck: @tensorflow/tfjs-layers' own .d.ts files do not pass a strict check.
  console.log("ok TypeScript: code using pwmk's shipped types checks (strict, nodenext)");
} catch (err) {
  failures.push(`${err.message}\n${err.stdout ?? ""}${err.stderr ?? ""}`);
}
if (failures.length) {
  console.error(`the installed pwmk does not work:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
