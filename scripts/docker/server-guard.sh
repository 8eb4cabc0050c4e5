# Sourced by the image checks (check-docker.sh, check-binder.sh): a temporary folder in $work and
# a trap that stops the server started in its own session (set server_pid to its pid) and reaps
# its whole process group, then removes $work, on every exit.
work="$(mktemp -d)"
server_pid=""
stop_server_and_clean() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_server_and_clean EXIT
