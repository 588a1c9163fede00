#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Opening a project that a running workbench shows brings that window forward instead of
# starting a second writer; a workbench that crashed does not block the project.
# usage: check_single_instance.sh QUIRE QUIRE_CLI
set -euo pipefail
trap 'echo "FAILED: $0 line $LINENO: $BASH_COMMAND" >&2' ERR
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a "$0" "$@"
fi
quire=$1
cli=$2
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
export HOME=$work XDG_RUNTIME_DIR=$work/run XDG_CACHE_HOME=$work/cache XDG_DATA_HOME=$work/data
mkdir -m 700 "$work/run"
fail() { echo "FAILED: $*" >&2; exit 1; }

start() {  # starts a workbench on $1 and waits until it has claimed the project
  "$quire" "$1" 2>>"$work/workbench.log" &
  pids+=($!)
  local before=$2
  for _ in $(seq 200); do
    [ "$(ls "$work/run/quire" 2>/dev/null | grep -c '\.socket$')" -gt "$before" ] && return 0
    sleep 0.1
  done
  fail "the workbench on $1 never claimed it"
}

"$cli" demo "$work/a.quire" >/dev/null
"$cli" demo "$work/b.quire" >/dev/null

start "$work/a.quire" 0
first=${pids[-1]}

status=0
message=$(cd "$work" && timeout 20 "$quire" ./a.quire 2>&1) || status=$?
[ "$status" -eq 0 ] || fail "a second quire on the same project exited with $status"
[[ $message == *"is open in another Quire window, which has been brought to the front"* ]] ||
  fail "unexpected message: $message"
kill -0 "$first" || fail "the first workbench went away"

# Another project opens in a window of its own.
start "$work/b.quire" 1
kill -0 "${pids[-1]}" || fail "the workbench on another project did not stay"

# A workbench that crashed leaves its socket behind; the next one takes the project over.
kill -9 "$first"
wait "$first" 2>/dev/null || true
ls "$work/run/quire/"*.socket >/dev/null
status=0
timeout 5 "$quire" "$work/a.quire" 2>>"$work/workbench.log" || status=$?
[ "$status" -eq 124 ] || fail "after a crash, quire on the project exited with $status instead of opening it"
echo "single instance: forwarded, separate projects, crash recovery: ok"
