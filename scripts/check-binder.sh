#!/usr/bin/env bash
# What CI can check of the Binder image without Binder or a Docker engine: lint binder/Dockerfile
# (scripts/docker/lint.mjs: the linter and the image rules), run its build steps on this machine
# into a temporary home (scripts/docker/assemble.sh, then binder/install.sh, as the build stage
# does), then start the server the way BinderHub does (`jupyter-notebook --ip --port
# --NotebookApp.base_url --NotebookApp.token`, with HOME and PATH as the image sets them) and
# check it: the token is required, the root opens the lab on tutorials/, /lab/tree/tutorials
# serves PWMK Lab, the tslab kernelspec is offered as the default, tutorials/ lists notebooks, and
# a tslab kernel started through the server runs pwmk.
# The server is stopped and its process group reaped on every exit.
#
#   bash scripts/check-binder.sh            (after scripts/setup.sh)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
port="${PWMK_BINDER_CHECK_PORT:-8890}"
base_url="/binder/check/"

node scripts/docker/lint.mjs

# shellcheck source=docker/server-guard.sh
source scripts/docker/server-guard.sh

home="$work/home/jovyan"
bash scripts/docker/assemble.sh "$home"
bash binder/install.sh "$home"

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "check-binder: port $port is already in use; set PWMK_BINDER_CHECK_PORT" >&2
  exit 1
fi
token="binder-$(date +%s)-$RANDOM"
# The image's environment (HOME, PATH with ~/.local/bin first) and nothing of this machine's
# Jupyter settings; setsid makes the server and its kernels one process group for the guard to stop.
server_env=(env -u JUPYTER_PATH -u JUPYTER_CONFIG_DIR -u JUPYTER_CONFIG_PATH -u JUPYTER_DATA_DIR
  -u JUPYTER_RUNTIME_DIR -u PYTHONPATH HOME="$home" USER=jovyan PATH="$home/.local/bin:$PATH")
found="$("${server_env[@]}" bash -c 'command -v jupyter-notebook')"
if [ "$found" != "$home/.local/bin/jupyter-notebook" ]; then
  echo "check-binder: jupyter-notebook resolves to $found, not the one binder/install.sh installed" >&2
  exit 1
fi
# Binder runs the server as uid 1000; CI may be root, which jupyter_server refuses without this.
as_root=()
[ "$(id -u)" -eq 0 ] && as_root=(--ServerApp.allow_root=True)
# Started directly (no subshell), so that $! is the new process group's leader.
cd "$home"
setsid "${server_env[@]}" jupyter-notebook --ip=127.0.0.1 --port="$port" \
  --NotebookApp.base_url="$base_url" --NotebookApp.token="$token" "${as_root[@]}" \
  >"$work/server.log" 2>&1 &
server_pid=$!
cd "$repo"

/usr/bin/python3 - "$port" "$base_url" "$token" "$work/server.log" <<'PY'
import json, sys, time, urllib.error, urllib.request
port, base_url, token, log = sys.argv[1:5]
base = f"http://127.0.0.1:{port}{base_url}"
headers = {"Authorization": f"token {token}"}

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

opener = urllib.request.build_opener(NoRedirect)

def fail(message):
    sys.exit(f"check-binder: {message}\n--- server log ---\n{open(log).read()}")

def get(path, auth=True):
    request = urllib.request.Request(base + path, headers=headers if auth else {})
    return opener.open(request, timeout=10)

deadline = time.monotonic() + 90
while True:
    try:
        version = json.load(get("api", auth=False)).get("version")
        break
    except Exception as err:
        if time.monotonic() > deadline:
            fail(f"the server did not answer {base}api within 90 s ({err})")
        time.sleep(0.5)

try:
    get("api/kernelspecs", auth=False)
    fail("the API answered without the token")
except urllib.error.HTTPError as err:
    if err.code not in (302, 403):
        fail(f"without a token the API answered {err.code}")

try:
    get("")
    fail("the root did not redirect")
except urllib.error.HTTPError as err:
    where = err.headers.get("Location", "").split("?")[0]
    if err.code not in (301, 302) or not where.endswith(f"{base_url}lab/tree/tutorials"):
        fail(f"the root answered {err.code} to {where!r}, not a redirect to the tutorials")

specs = json.load(get("api/kernelspecs"))
if "tslab" not in specs.get("kernelspecs", {}):
    fail(f"the tslab kernel is not offered: {sorted(specs.get('kernelspecs', {}))}")
if specs.get("default") != "tslab":
    fail(f"the default kernel is {specs.get('default')}, not tslab")

page = get("lab/tree/tutorials").read().decode("utf-8", "replace")
if "PWMK" not in page:
    fail("/lab/tree/tutorials did not serve the PWMK Lab page")

listing = json.load(get("api/contents/tutorials"))
notebooks = [item["name"] for item in listing.get("content", []) if item["type"] == "notebook"]
if not notebooks:
    fail("tutorials/ holds no notebooks in the Binder home")
# What a tutorial does first: start the TypeScript kernel and use pwmk from the Binder home.
import uuid
import websocket

CODE = """import * as pwmk from "pwmk";
const world = new pwmk.SallyAnneWorld();
world.reset();
world.script(["sally exit", "anne move marble box"]);
console.log("sally:" + JSON.stringify(world.whereDoes(["sally"], "marble")));"""
start = urllib.request.Request(base + "api/kernels", data=b'{"name": "tslab"}', method="POST",
                               headers={**headers, "Content-Type": "application/json"})
kernel = json.load(opener.open(start, timeout=30))["id"]
ws = websocket.create_connection(f"ws://127.0.0.1:{port}{base_url}api/kernels/{kernel}/channels",
                                 header=[f"Authorization: token {token}"], timeout=120)
msg_id = uuid.uuid4().hex
ws.send(json.dumps({
    "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": uuid.uuid4().hex,
               "username": "check-binder", "version": "5.3"},
    "parent_header": {}, "metadata": {}, "channel": "shell",
    "content": {"code": CODE, "silent": False, "store_history": False, "user_expressions": {},
                "allow_stdin": False, "stop_on_error": True},
}))
printed, deadline = "", time.monotonic() + 180
while time.monotonic() < deadline:
    msg = json.loads(ws.recv())
    if msg.get("parent_header", {}).get("msg_id") != msg_id:
        continue
    kind, content = msg["msg_type"], msg["content"]
    if kind == "stream":
        printed += content["text"]
    elif kind == "error":
        fail(f"the tslab kernel failed to run pwmk: {content['ename']}: {content['evalue']}")
    elif kind == "status" and content["execution_state"] == "idle":
        break
ws.close()
urllib.request.urlopen(urllib.request.Request(base + f"api/kernels/{kernel}", method="DELETE",
                                              headers=headers), timeout=30)
if 'sally:["basket"]' not in printed:
    fail(f"the tslab kernel did not answer with pwmk: {printed!r}")

print(f"check-binder: jupyter_server {version} on port {port}{base_url}: token required, "
      f"opens on tutorials/ ({len(notebooks)} notebooks), PWMK Lab served, tslab the default "
      f"kernel and it runs pwmk (Sally looks in the basket)")
PY
