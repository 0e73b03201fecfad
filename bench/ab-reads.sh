#!/usr/bin/env bash
# A/B of the read paths of two or more builds: each argument is a checkout of Redraft (its
# ./redraft builds it). Per round and build: a fresh 3-node cluster (default config), 300,000
# pipelined SETs over 100,000 keys, 1,000,000 pipelined GETs of warm-up, then
#   READONLY  GETs on a follower: 50 `redis-cli --pipe` connections, each READONLY + PIPE_GETS GETs
#             (three runs after three of warm-up), requests/s
#   GET-P16   redis-benchmark -t get -c 50 -P 16 on the leader (linearizable)
#   GET-P1    the same with -c 50 -P 1
#   GET-c1    one client
#   follower  GET -c 50 -P 16 on a follower (linearizable: a ReadIndex through the leader)
# (the redis-benchmark rows print requests/s,p50 ms)
# Builds alternate within each round, so a drifting machine load hits them alike.
#
#   bench/ab-reads.sh /path/to/old /path/to/new              # 3 rounds
#   ROUNDS=5 PIPE_GETS=40000 bench/ab-reads.sh a b c
set -euo pipefail

ROUNDS="${ROUNDS:-3}"
PIPE_GETS="${PIPE_GETS:-20000}"
BASE_PORT="${BASE_PORT:-7601}"
work="$(mktemp -d /tmp/redraft-ab-reads.XXXXXX)"
declare -A node_pid=()
trap 'kill "${node_pid[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"

awk -v n="$PIPE_GETS" 'BEGIN { printf "*1\r\n$8\r\nREADONLY\r\n"
  for (i = 0; i < n; i++) printf "*2\r\n$3\r\nGET\r\n$16\r\nkey:%012d\r\n", i % 100000 }' > "$work/gets.resp"

pipe_rps() {  # port
  local start elapsed i readers=()
  start=$(date +%s%3N)
  for i in $(seq 1 50); do
    redis-cli -p "$1" --pipe < "$work/gets.resp" > "$work/pipe.$i" 2>&1 &
    readers+=($!)
  done
  wait "${readers[@]}"
  elapsed=$(( $(date +%s%3N) - start ))
  if grep -L 'errors: 0' "$work"/pipe.* | grep -q .; then
    echo "ab-reads: a READONLY pipe reported errors" >&2; exit 1
  fi
  awk -v n=$((50 * PIPE_GETS)) -v ms="$elapsed" 'BEGIN {printf "%.0f", n * 1000 / ms}'
}

bench() {  # port, redis-benchmark args...; prints requests/s[,p50 ms]
  local port="$1"; shift
  redis-benchmark -p "$port" -r 100000 "$@" --csv | tail -1 | cut -d, -f2,5 | tr -d '"'
}

for round in $(seq 1 "$ROUNDS"); do
  for here in "$@"; do
    here="$(cd "$here" && pwd -P)"
    "$here/redraft" server --help > /dev/null  # builds the jar (and AOT cache) before timing anything
    rm -rf "$work"/n1 "$work"/n2 "$work"/n3 "$work"/*.log
    form_cluster
    follower_port=$BASE_PORT
    [ "$leader_port" = "$BASE_PORT" ] && follower_port=$((BASE_PORT + 1))
    redis-benchmark -p "$leader_port" -t set -r 100000 -c 50 -P 16 -n 300000 -q > /dev/null
    redis-benchmark -p "$leader_port" -t get -r 100000 -c 50 -P 16 -n 1000000 -q > /dev/null
    for _ in 1 2 3; do pipe_rps "$follower_port" > /dev/null; done
    readonly_rps=""
    for _ in 1 2 3; do readonly_rps="$readonly_rps $(pipe_rps "$follower_port")"; done
    echo "round $round [$here] READONLY$readonly_rps" \
      "| GET-P16 $(bench "$leader_port" -t get -c 50 -P 16 -n 1000000)" \
      "| GET-P1 $(bench "$leader_port" -t get -c 50 -n 200000)" \
      "| GET-c1 $(bench "$leader_port" -t get -c 1 -n 20000)" \
      "| follower GET-P16 $(bench "$follower_port" -t get -c 50 -P 16 -n 300000)" \
      "| load $(cut -d' ' -f1 /proc/loadavg)"
    kill "${node_pid[1]}" "${node_pid[2]}" "${node_pid[3]}"
    wait "${node_pid[1]}" "${node_pid[2]}" "${node_pid[3]}" 2>/dev/null || true
  done
done
