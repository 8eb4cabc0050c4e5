#!/usr/bin/env bash
# Sets up everything PWMK Lab and the tests need. Idempotent, and fast when
# nothing changed: every step checks whether its output is up to date.
#
#   1. Debian packages (Jupyter server, nbclient, chromium, SWI-Prolog)
#   2. root npm workspaces (npm ci only when node_modules is missing or stale), and the git
#      pre-commit hook (developers' checkouts only)
#   3. kernel-lib build (npm package "pwmk")
#   4. the JupyterLab extension build (jupyterlab-ext/labext)
#   5. the tslab kernelspec in the private prefix .jupyter-prefix/
#   6. the PWMK Lab front end (lab/: npm ci + webpack)
#   7. the prebuilt extension copied into lab/labextensions/
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

step() { printf '\n== setup: %s\n' "$*"; }
# Exit status 0 when some file under the given paths is newer than $1 (or $1 is missing).
newer_than() {
  local target="$1"
  shift
  [ -e "$target" ] || return 0
  [ -n "$(find "$@" -newer "$target" -type f -print -quit 2>/dev/null)" ]
}
lock_hash() { sha256sum "$1" | cut -d' ' -f1; }
# npm 11 skips install scripts unless approved; none is needed here, so skip
# them on every npm version (the Docker image's npm 10 would run them).
NPM_FLAGS=(--no-audit --no-fund --ignore-scripts)

# Only one setup at a time per checkout (lab.sh and test.sh may overlap).
mkdir -p .lab-runtime
exec 9>.lab-runtime/setup.lock
if ! flock -w 1800 9; then
  echo "setup: another setup.sh still holds .lab-runtime/setup.lock after 30 min" >&2
  exit 1
fi

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is required (found: $(node -v 2>/dev/null || echo none))" >&2
  exit 1
fi

step "system packages"
bash scripts/install-system-deps.sh

step "npm workspaces"
root_stamp="node_modules/.pwmk-lock-sha256"
if [ ! -d node_modules ]; then
  npm ci "${NPM_FLAGS[@]}"
  lock_hash package-lock.json >"$root_stamp"
elif [ ! -f "$root_stamp" ] || [ "$(cat "$root_stamp")" != "$(lock_hash package-lock.json)" ]; then
  # Never wipe an existing node_modules (npm ci would): bring it up to date in place.
  flock /tmp/pwmk-npm.lock npm install "${NPM_FLAGS[@]}"
  lock_hash package-lock.json >"$root_stamp"
else
  echo "node_modules up to date"
fi

step "git pre-commit hook (format and lint the staged files)"
# Developers only: not in CI, not outside a git checkout (Docker, a tarball), not on request.
if [ "${CI:-}" = true ] || [ "${SKIP_SIMPLE_GIT_HOOKS:-}" = 1 ]; then
  echo "skipped (CI=true or SKIP_SIMPLE_GIT_HOOKS=1)"
elif [ "$(git rev-parse --show-toplevel 2>/dev/null)" != "$repo" ]; then
  echo "skipped (not a git checkout)"
elif ! npx --no-install simple-git-hooks >/dev/null 2>&1; then
  echo "setup: could not install the pre-commit hook; commits work, unchecked" >&2
else
  echo "installed .git/hooks/pre-commit (lint-staged: prettier, eslint); SKIP_SIMPLE_GIT_HOOKS=1 skips it"
fi

step "kernel-lib (pwmk)"
# tsc writes lib/ even when it reports type errors, so success is marked by a stamp.
pwmk_stamp="kernel-lib/lib/.pwmk-build-ok"
if newer_than "$pwmk_stamp" kernel-lib/src kernel-lib/package.json kernel-lib/tsconfig.build.json \
  tsconfig.base.json; then
  rm -f "$pwmk_stamp"
  npm run build -w pwmk
  touch "$pwmk_stamp"
else
  echo "kernel-lib/lib up to date"
fi

step "JupyterLab extension (jupyterlab-pwmk)"
if newer_than jupyterlab-ext/labext/package.json jupyterlab-ext/src jupyterlab-ext/style \
  jupyterlab-ext/core jupyterlab-ext/package.json jupyterlab-ext/tsconfig.build.json \
  kernel-lib/src/display; then
  npm run build -w jupyterlab-pwmk
else
  echo "jupyterlab-ext/labext up to date"
fi

step "tslab kernelspec"
bash scripts/install-kernel.sh

step "PWMK Lab front end (lab/)"
lab_stamp="lab/node_modules/.pwmk-lock-sha256"
if [ ! -f "$lab_stamp" ] || [ "$(cat "$lab_stamp")" != "$(lock_hash lab/package-lock.json)" ]; then
  (cd lab && npm ci "${NPM_FLAGS[@]}")
  lock_hash lab/package-lock.json >"$lab_stamp"
else
  echo "lab/node_modules up to date"
fi
if newer_than lab/static/index.html lab/src lab/templates lab/webpack.config.js lab/package.json \
  lab/package-lock.json; then
  (cd lab && ./node_modules/.bin/webpack --config webpack.config.js --no-stats)
  echo "front end built into lab/static"
else
  echo "lab/static up to date"
fi

step "extension into lab/labextensions"
rm -rf lab/labextensions/jupyterlab-pwmk
mkdir -p lab/labextensions
cp -r jupyterlab-ext/labext lab/labextensions/jupyterlab-pwmk
echo "installed lab/labextensions/jupyterlab-pwmk"

echo
echo "setup: done"
