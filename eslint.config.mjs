import tseslint from "typescript-eslint";

// pwmk's API is its entry points ("pwmk", "pwmk/<layer>"; see docs/api.md). A path under its lib/
// or src/ is not API: the package exports map refuses it at run time.
const NO_DEEP_PWMK = {
  group: ["pwmk/lib", "pwmk/lib/**", "pwmk/src", "pwmk/src/**"],
  message:
    'Import pwmk from its entry points ("pwmk" or "pwmk/<layer>", see docs/api.md), not from its lib/ or src/ folders.'
};

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/lib/**",
      "**/labext/**",
      "lab/static/**",
      "lab/labextensions/**",
      "**/*.js",
      "**/*.mjs",
      "test-artifacts/**"
    ]
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { patterns: [NO_DEEP_PWMK] }]
    }
  },
  {
    // The renderer runs in the browser: it imports values only from "pwmk/payloads" (the
    // dependency-free payload contract: schemas, validation, layout); everything else of pwmk as
    // types only, so that webpack bundles no kernel code (its tests may import values).
    files: ["jupyterlab-ext/src/**/*.ts"],
    rules: {
      "no-restricted-imports": "off",
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            NO_DEEP_PWMK,
            {
              regex: "^pwmk(/(?!lib$|src$|payloads$)[a-z]+)?$",
              allowTypeImports: true,
              message:
                'The renderer imports values only from "pwmk/payloads"; the rest of pwmk with "import type", so that no kernel code is bundled.'
            }
          ]
        }
      ]
    }
  }
);
