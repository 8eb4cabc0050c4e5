"""Health check of the PWMK Lab image: the server answers its status API on PWMK_LAB_PORT.

Exit status 0 when GET /api answers with the server version, 1 otherwise (Docker's HEALTHCHECK
reads the status). /api needs no token, so the check never handles the secret.
"""
import json
import os
import sys
import urllib.request

port = os.environ.get("PWMK_LAB_PORT", "8888")
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=5) as reply:
        version = json.load(reply).get("version")
except Exception as err:  # any failure is unhealthy
    print(f"unhealthy: {err}", file=sys.stderr)
    sys.exit(1)
print(f"healthy: jupyter_server {version}")
