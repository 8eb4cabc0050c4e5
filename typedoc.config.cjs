/* eslint-disable @typescript-eslint/no-require-imports -- TypeDoc reads this CommonJS config file */
/**
 * The API reference and guides, built by TypeDoc from the source: `npm run docs` writes the site
 * to dist/docs/. Entry points are the package's own entry points (the "exports" map of
 * kernel-lib/package.json), so the reference shows exactly the public API and its subpaths. The
 * guides under docs/ are part of the site. Warnings are errors: a public export without a doc
 * comment, a broken {@link}, or a relative link in a guide to a file that does not exist fails
 * the build (and `npm test`).
 */
const fs = require("fs");
const path = require("path");

const pkg = require("./kernel-lib/package.json");
const entryPoints = Object.entries(pkg.exports)
  .filter(([key]) => key !== "./package.json")
  .map(([, target]) =>
    path.join("kernel-lib", target.default.replace(/^\.\/lib\//, "src/").replace(/\.js$/, ".ts"))
  );
const guides = fs
  .readdirSync(path.join(__dirname, "docs"))
  .filter((f) => f.endsWith(".md"))
  .sort()
  .map((f) => path.join("docs", f));

/** @type {Partial<import("typedoc").TypeDocOptions>} */
module.exports = {
  name: "PWMK",
  entryPoints,
  tsconfig: "kernel-lib/tsconfig.build.json",
  out: "dist/docs",
  readme: "README.md",
  projectDocuments: guides,
  excludePrivate: true,
  excludeInternal: true,
  treatWarningsAsErrors: true,
  // Every exported name needs its doc comment; members are documented where they need it.
  requiredToBeDocumented: [
    "Class",
    "Interface",
    "TypeAlias",
    "Function",
    "Variable",
    "Enum",
    "Namespace"
  ],
  validation: { notExported: true, invalidLink: true, invalidPath: true, notDocumented: true },
  disableSources: true,
  githubPages: false,
  logLevel: "Warn"
};
