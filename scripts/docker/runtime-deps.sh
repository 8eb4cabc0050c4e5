#!/usr/bin/env bash
# Debian packages the PWMK Lab image needs at run time: Jupyter's server side, the kernel's
# Python client library, SWI-Prolog (the native belief-store engine). No compilers, no test
# browser: those live only in the build stage. Idempotent; run as root. Arguments name an image's
# own extra packages (binder/Dockerfile adds jupyter-core).
set -euo pipefail
PKGS=(python3 python3-jupyter-server python3-jupyterlab-server python3-jupyter-client swi-prolog-nox tini)
PKGS+=("$@")
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "runtime deps: all present"
  exit 0
fi
echo "runtime deps: installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
rm -rf /var/lib/apt/lists/*
