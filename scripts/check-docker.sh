#!/usr/bin/env bash
# What CI can check of the images without a Docker engine: lint the image definitions and check
# the project's image rules (scripts/docker/lint.mjs), then run the build stage's own step that
# assembles the runtime tree (scripts/docker/assemble.sh) on this machine, start it the way the
# image's entry point does (scripts/docker/start.sh, port 8888) and check that it answers:
# the health check passes, the lab page needs the token and is served with it, and the tslab
# kernel is offered. The server is stopped and its process group reaped on every exit.
#
#   bash scripts/check-docker.sh            (after scripts/setup.sh)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
port="${PWMK_CHECK_PORT:-8888}"

node scripts/docker/lint.mjs

# shellcheck source=docker/server-guard.sh
source scripts/docker/server-guard.sh

bash scripts/docker/assemble.sh "$work/pwmk"
tree="$work/pwmk"

# The runtime tree carries production dependencies only, and no npm cache.
for dev in jest eslint playwright-core typescript-eslint dependency-cruiser webpack; do
  if [ -e "$tree/node_modules/$dev" ]; then
    echo "check-docker: dev dependency $dev is in the runtime tree" >&2
    exit 1
  fi
done
for needed in pwmk tslab @tensorflow/tfjs-core swipl-wasm; do
  if [ ! -e "$tree/node_modules/$needed" ]; then
    echo "check-docker: $needed is missing from the runtime tree" >&2
    exit 1
  fi
done
if (cd "$tree" && node -e 'require("pwmk")') 2>/dev/null; then :; else
  echo "check-docker: pwmk does not load from the runtime tree" >&2
  exit 1
fi

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "check-docker: port $port is already in use; set PWMK_CHECK_PORT" >&2
  exit 1
fi
token="check-$(date +%s)-$RANDOM"
# setsid: the server and its kernels form one process group, stopped together by the guard.
HOME="$work/home" PWMK_TOKEN="$token" PWMK_LAB_PORT="$port" PWMK_LAB_IP=127.0.0.1 \
  setsid bash "$tree/scripts/docker/start.sh" >"$work/server.log" 2>&1 &
server_pid=$!
mkdir -p "$work/home"

healthy=0
for _ in $(seq 1 120); do
  if PWMK_LAB_PORT="$port" /usr/bin/python3 "$tree/scripts/docker/healthcheck.py" >/dev/null 2>&1; then
    healthy=1
    break
  fi
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.5
done
if [ "$healthy" != 1 ]; then
  echo "check-docker: the server did not become healthy on port $port; its log:" >&2
  cat "$work/server.log" >&2
  exit 1
fi

/usr/bin/python3 - "$port" "$token" <<'PY'
import json, sys, urllib.error, urllib.request
port, token = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}"

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

opener = urllib.request.build_opener(NoRedirect)
try:
    opener.open(f"{base}/api/kernelspecs", timeout=10)
    sys.exit("check-docker: the API answered without the token")
except urllib.error.HTTPError as err:
    if err.code not in (302, 403):
        sys.exit(f"check-docker: without a token the API answered {err.code}")
headers = {"Authorization": f"token {token}"}
with urllib.request.urlopen(urllib.request.Request(f"{base}/api/kernelspecs", headers=headers), timeout=10) as r:
    specs = json.load(r)
if "tslab" not in specs.get("kernelspecs", {}):
    sys.exit(f"check-docker: the tslab kernel is not offered: {sorted(specs.get('kernelspecs', {}))}")
with urllib.request.urlopen(urllib.request.Request(f"{base}/lab/tree/tutorials", headers=headers), timeout=10) as r:
    page = r.read().decode("utf-8", "replace")
if "PWMK" not in page:
    sys.exit("check-docker: /lab did not serve the PWMK Lab page")
print(f"check-docker: runtime tree served on port {port}: healthy, token required, tslab offered, lab page served")
PY
