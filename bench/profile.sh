#!/usr/bin/env bash
# CPU profile of a 3-node Redraft cluster under one redis-benchmark load: starts the nodes
# (through ./redraft, default config), warms them up, records JFR execution samples on every
# node while the load runs, and prints per node the hottest methods by self time and by
# inclusive time (bench/jfr-top.py).
#
#   bench/profile.sh                                   # -t set -c 50 -P 16 -n 300000
#   LOAD="-t get -c 50 -P 16 -n 1000000" bench/profile.sh
#   TOP=40 KEEP_WORK=1 bench/profile.sh               # keep the .jfr files for JDK Mission Control
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
LOAD="${LOAD:--t set -c 50 -P 16 -n 300000}"
WARMUP="${WARMUP:--t set -c 50 -P 16 -n 200000}"
TOP="${TOP:-25}"
BASE_PORT="${BASE_PORT:-7501}"
work="$(mktemp -d /tmp/redraft-profile.XXXXXX)"
declare -A node_pid=()

cleanup() {
  for p in "${node_pid[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${KEEP_WORK:-}" ]; then echo "profile: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

"$here/redraft" server --help >/dev/null 2>&1 || true   # builds the jar and the AOT cache
# shellcheck source=bench/cluster.sh
source "$here/bench/cluster.sh"
form_cluster
leader_id=$(redis-cli -p "$BASE_PORT" LEADER | awk '{print $1}')

# shellcheck disable=SC2086
redis-benchmark -p "$leader_port" $WARMUP -q >/dev/null
for i in 1 2 3; do jcmd "${node_pid[$i]}" JFR.start name=p settings=profile >/dev/null; done
echo "# load on the leader $leader_id (port $leader_port): redis-benchmark $LOAD"
# shellcheck disable=SC2086
redis-benchmark -p "$leader_port" $LOAD --csv | tail -n 1
for i in 1 2 3; do jcmd "${node_pid[$i]}" JFR.dump name=p filename="$work/n$i.jfr" >/dev/null; done
for i in 1 2 3; do
  role=follower; [ "n$i" = "$leader_id" ] && role=leader
  echo; echo "## n$i ($role)"
  python3 "$here/bench/jfr-top.py" "$work/n$i.jfr" "$TOP"
done
