#!/usr/bin/env bash
# Installs the Debian packages PWMK Lab and its tests need (idempotent).
# Jupyter's Python side comes from Debian because there is no PyPI here.
set -euo pipefail
PKGS=(
  python3-jupyter-server python3-jupyterlab-server python3-nbclient jupyter-nbconvert
  python3-jupyter-client python3-ipython python3-jupyter-kernel-test
  chromium swi-prolog-nox
  python3-torch # the PyTorch anchor of the world model benchmark (kernel-lib/bench/worldmodel_torch.py)
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system deps: all present"; exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "system deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
