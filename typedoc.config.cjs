/* eslint-disable @typescript-eslint/no-require-imports -- TypeDoc reads this CommonJS config file */
/**
 * The API reference and guides, built by TypeDoc from the source: `npm run docs` writes the site
 * to dist/docs/. Entry points are the package's own entry points (the "exports" map of
 * kernel-lib/package.json), so the reference shows exactly the public API and its subpaths, each
 * module named by its import path (`@module pwmk/envs` in the entry file). The guides under docs/
 * are part of the site. Warnings are errors: a public export without a doc comment (the policy is
 * in docs/api.md), a broken {@link}, a type a public signature names but no entry point exports,
 * or a relative link in a guide to a file that does not exist fails the build (and `npm test`).
 */
const fs = require("fs");
const path = require("path");

const pkg = require("./kernel-lib/package.json");
const entryPoints = Object.entries(pkg.exports)
  .filter(([key]) => key !== "./package.json")
  .map(([, target]) =>
    path.join("kernel-lib", target.default.replace(/^\.\/lib\//, "src/").replace(/\.js$/, ".ts"))
  );
// Every guide under docs/, subfolders included (docs/guides/...), in a stable order.
const guides = fs
  .readdirSync(path.join(__dirname, "docs"), { recursive: true })
  .filter((f) => f.endsWith(".md"))
  .sort()
  .map((f) => path.join("docs", f));

/**
 * Heading anchors as GitHub makes them: TypeDoc's slugger reads only the plain text of a heading,
 * so "## From the command line: `pwmk train`" got an anchor without "pwmk-train", and links that
 * work on GitHub (and pass `npm run docs:links`) were reported broken. Giving each code span in a
 * heading its text as a child token puts it in the anchor; the span still renders as code.
 *
 * @param {import("markdown-it").default} md
 */
function codeSpansInHeadingAnchors(md) {
  md.core.ruler.push("pwmk_heading_code_spans", (state) => {
    state.tokens.forEach((token, i) => {
      if (token.type !== "heading_open") return;
      for (const child of state.tokens[i + 1]?.children ?? []) {
        if (child.type !== "code_inline") continue;
        const text = new state.Token("text", "", 0);
        text.content = child.content;
        child.children = [text];
      }
    });
  });
}

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
  treatValidationWarningsAsErrors: true,
  // What a reader needs words for (the policy is in docs/api.md): every exported name, and the
  // methods, accessors and enum members of public classes and interfaces. Constructors are shown
  // by their class's comment; plain data fields are documented where name and type don't say it.
  requiredToBeDocumented: [
    "Class",
    "Interface",
    "TypeAlias",
    "Function",
    "Variable",
    "Enum",
    "EnumMember",
    "Namespace",
    "Method",
    "Accessor"
  ],
  // Internals that public planning types carry as opaque values (a state's model, a compiled
  // problem's vocabulary and formulas): read them through holdsAt, canonicalKey, validatePlan.
  intentionallyNotExported: ["KripkeModel", "Vocabulary", "Resolved"],
  validation: { notExported: true, invalidLink: true, invalidPath: true, notDocumented: true },
  // The code blocks of the guides and doc comments (Python: the dataset readers of data-at-scale).
  markdownItLoader: codeSpansInHeadingAnchors,
  highlightLanguages: [
    "bash",
    "css",
    "html",
    "javascript",
    "json",
    "python",
    "sh",
    "tsx",
    "typescript",
    "yaml"
  ],
  disableSources: true,
  githubPages: false,
  logLevel: "Warn"
};
