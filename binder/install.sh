#!/usr/bin/env bash
# The Binder image's own build step, after scripts/docker/assemble.sh has put the PWMK Lab runtime
# tree in HOME (the same tree as the Docker image's): installs the `jupyter-notebook` command
# Binder starts (binder/jupyter-notebook, into HOME/.local/bin) and the server configuration
# (binder/jupyter_server_config.json, as HOME/.jupyter/jupyter_server_config.json: jupyter_server
# 1.x reads only extension switches from the .d folders, so default_url must be in this file). Run by
# binder/Dockerfile and, on the test machine, by scripts/check-binder.sh.
#
#   bash binder/install.sh /home/jovyan
set -euo pipefail
binder="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
home="${1:?usage: binder/install.sh HOME}"
if [ ! -f "$home/lab/pwmk_lab.py" ] || [ ! -d "$home/.jupyter-prefix" ]; then
  echo "binder/install.sh: $home holds no PWMK Lab runtime tree; run scripts/docker/assemble.sh $home first" >&2
  exit 1
fi
install -D -m 0755 "$binder/jupyter-notebook" "$home/.local/bin/jupyter-notebook"
install -D -m 0644 "$binder/jupyter_server_config.json" "$home/.jupyter/jupyter_server_config.json"
echo "binder: jupyter-notebook and the server configuration installed in $home"
