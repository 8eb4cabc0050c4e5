#!/usr/bin/env bash
# Entry point of the PWMK Lab image: serves the lab on 0.0.0.0:${PWMK_LAB_PORT:-8888} with the
# tutorials in the file browser. The access token comes from PWMK_TOKEN (or JUPYTER_TOKEN);
# without one a random token is made and printed with the URL to open.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PWMK_LAB_IP="${PWMK_LAB_IP:-0.0.0.0}"
export PWMK_LAB_PORT="${PWMK_LAB_PORT:-8888}"
export PWMK_LAB_ROOT="${PWMK_LAB_ROOT:-$home}"
export PWMK_LAB_RUNTIME="${PWMK_LAB_RUNTIME:-${HOME:-/tmp}/.pwmk-lab}"
token="${PWMK_TOKEN:-${JUPYTER_TOKEN:-}}"
if [ -z "$token" ]; then
  token="$(/usr/bin/python3 -c 'import secrets; print(secrets.token_hex(24))')"
  echo "PWMK Lab: no PWMK_TOKEN given; open this run's URL:"
  echo "  http://localhost:${PWMK_LAB_PORT}/lab/tree/tutorials?token=${token}"
else
  # A token the user chose is a secret they already know: never echo it into logs.
  echo "PWMK Lab: open http://localhost:${PWMK_LAB_PORT}/lab/tree/tutorials and enter your PWMK_TOKEN"
fi
# The token goes through the environment, not the command line (ps would show it).
export JUPYTER_TOKEN="$token"
exec bash "$home/lab/start.sh" "$@"
