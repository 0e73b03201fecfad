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

"$here/redraft" >/dev/null 2>&1 || true
for i in 1 2 3; do
  "$here/redraft" server --id "n$i" --redis-addr "127.0.0.1:$((BASE_PORT + i - 1))" --data-dir "$work/n$i" \
    >> "$work/n$i.log" 2>&1 &
  node_pid[$i]=$!
done
for i in 1 2 3; do
  for _ in $(seq 1 150); do redis-cli -p $((BASE_PORT + i - 1)) ping >/dev/null 2>&1 && break; sleep 0.2; done
done
redis-cli -p "$BASE_PORT" BOOTSTRAP n1 "127.0.0.1:$((BASE_PORT + 10000))" >/dev/null
for i in 2 3; do redis-cli -p "$BASE_PORT" JOIN "n$i" "127.0.0.1:$((BASE_PORT + i - 1 + 10000))" >/dev/null; done
members=$(redis-cli -p "$BASE_PORT" INFO raft | tr -d '\r' | sed -n 's/^raft_members://p')
[ "$members" = 3 ] || { echo "profile: the cluster has ${members:-no} members, not 3" >&2; exit 1; }
leader_port=$(redis-cli -p "$BASE_PORT" LEADER | awk '{print $3}' | cut -d: -f2)
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
