#!/usr/bin/env bash
# Assembles the PWMK Lab runtime tree in DEST from a checkout where scripts/setup.sh has run:
# the built pwmk package with its production dependencies and the tslab kernel (installed from
# the committed lockfile, nothing else), the built lab front end with the prebuilt extension,
# the notebooks and tutorials, and the kernelspec pointing into DEST. No dev dependencies, no
# sources, no npm cache. The Dockerfile's build stage runs it; so does scripts/check-docker.sh,
# which then starts the result.
#
#   bash scripts/docker/assemble.sh /opt/pwmk
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dest="${1:?usage: assemble.sh DEST}"
cd "$repo"

for built in kernel-lib/lib/index.js lab/static/index.html lab/labextensions/jupyterlab-pwmk/package.json; do
  if [ ! -e "$built" ]; then
    echo "assemble: $built is missing; run scripts/setup.sh first" >&2
    exit 1
  fi
done

mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"
copy() { # copy PATH... into DEST keeping their relative paths
  for p in "$@"; do
    mkdir -p "$dest/$(dirname "$p")"
    cp -a "$p" "$dest/$p"
  done
}

# npm workspaces as the lockfile knows them; only pwmk's and the root's production deps install.
copy package.json package-lock.json kernel-lib/package.json jupyterlab-ext/package.json README.md
copy kernel-lib/lib
[ -d kernel-lib/proto ] && copy kernel-lib/proto
copy lab/package.json lab/pwmk_lab.py lab/start.sh lab/static lab/templates lab/schemas lab/themes lab/labextensions
copy notebooks tutorials scripts/install-kernel.sh scripts/docker
rm -f "$dest/kernel-lib/lib/.pwmk-build-ok"
find "$dest/notebooks" "$dest/tutorials" -name .ipynb_checkpoints -prune -exec rm -rf {} +

(
  cd "$dest"
  npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error \
    --workspace pwmk --include-workspace-root
  npm cache clean --force --loglevel=error 2>/dev/null || true
)
# The kernelspec names the tslab binary by absolute path: write it for DEST.
bash "$dest/scripts/install-kernel.sh"
echo "assemble: PWMK Lab runtime in $dest ($(du -sh "$dest" | cut -f1))"
