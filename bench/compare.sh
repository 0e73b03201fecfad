#!/usr/bin/env bash
# Side-by-side benchmark: a 3-node Redraft cluster (the real jar, separate processes, default
# config) against one redis-server with appendonly yes / appendfsync always (the same promise:
# acknowledged means on disk). Runs redis-benchmark against each, alternating A B A B for
# ROUNDS rounds, and prints the median requests/s per row and the ratio Redraft/Redis.
#
#   bench/compare.sh            # ROUNDS=3 N=100000 by default
#   ROUNDS=5 N=200000 bench/compare.sh
#
# Needs: a JDK 17+, Maven, redis-server and redis-benchmark (Debian: redis-server, redis-tools).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
ROUNDS="${ROUNDS:-3}"
N="${N:-100000}"
BASE_PORT="${BASE_PORT:-7301}"
REDIS_PORT="${REDIS_PORT:-7399}"
work="$(mktemp -d /tmp/redraft-bench.XXXXXX)"
pids=()

cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v redis-server >/dev/null || { echo "bench: redis-server is missing (apt-get install redis-server)" >&2; exit 2; }
command -v redis-benchmark >/dev/null || { echo "bench: redis-benchmark is missing (apt-get install redis-tools)" >&2; exit 2; }

# Build the jar once through the launcher's logic, then run nodes with plain java.
"$here/redraft" >/dev/null 2>&1 || true
jar="$here/target/redraft.jar"
[ -f "$jar" ] || { echo "bench: $jar was not built" >&2; exit 2; }
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

wait_ping() {
  for _ in $(seq 1 150); do redis-cli -p "$1" ping >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "bench: nothing answers on port $1" >&2; exit 1
}

echo "# starting redis-server (appendonly yes, appendfsync always) on $REDIS_PORT"
redis-server --port "$REDIS_PORT" --dir "$work" --appendonly yes --appendfsync always --save "" \
  --daemonize no > "$work/redis.log" 2>&1 &
pids+=($!)
wait_ping "$REDIS_PORT"

echo "# starting a 3-node Redraft cluster on $BASE_PORT-$((BASE_PORT + 2))"
for i in 1 2 3; do
  port=$((BASE_PORT + i - 1))
  "$java" -jar "$jar" server --id "n$i" --redis-addr "127.0.0.1:$port" --data-dir "$work/n$i" \
    > "$work/n$i.log" 2>&1 &
  pids+=($!)
done
for i in 1 2 3; do wait_ping $((BASE_PORT + i - 1)); done
redis-cli -p "$BASE_PORT" BOOTSTRAP n1 "127.0.0.1:$((BASE_PORT + 10000))" >/dev/null
for i in 2 3; do
  redis-cli -p "$BASE_PORT" JOIN "n$i" "127.0.0.1:$((BASE_PORT + i - 1 + 10000))" >/dev/null
done
# A JOIN can fail on a loaded machine; a 2-node cluster would make every number meaningless.
members=$(redis-cli -p "$BASE_PORT" INFO raft | tr -d '\r' | sed -n 's/^raft_members://p')
[ "$members" = 3 ] || { echo "bench: the cluster has ${members:-no} members, not 3" >&2; exit 1; }
leader_port=$(redis-cli -p "$BASE_PORT" LEADER | awk '{print $3}' | cut -d: -f2)
follower_port=$BASE_PORT
[ "$follower_port" = "$leader_port" ] && follower_port=$((BASE_PORT + 1))
echo "# leader on $leader_port, READONLY follower reads on $follower_port"

# One redis-benchmark run; prints "rps p50 p99".
run() {
  local port="$1"; shift
  redis-benchmark -p "$port" -n "$N" --csv "$@" 2>/dev/null | tail -n 1 \
    | awk -F',' '{gsub(/"/, ""); print $2, $5, $7}'
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }

rows=(
  "SET -c50 -P16|-t set -c 50 -P 16"
  "GET -c50 -P16|-t get -c 50 -P 16"
  "SET -c50 -P1|-t set -c 50 -P 1"
  "GET -c50 -P1|-t get -c 50 -P 1"
  "SET -c1 -P1|-t set -c 1 -P 1"
  "INCR -c50 -P1|-t incr -c 50 -P 1"
  "MSET -c50 -P1|-t mset -c 50 -P 1"
  "LPUSH -c50 -P1|-t lpush -c 50 -P 1"
  "LPOP -c50 -P1|-t lpop -c 50 -P 1"
  "HSET -c50 -P1|-t hset -c 50 -P 1"
  "ZADD -c50 -P1|-t zadd -c 50 -P 1"
)

printf '%-16s %12s %12s %7s %10s %10s %10s %10s\n' test redraft_rps redis_rps ratio rd_p50ms rs_p50ms rd_p99ms rs_p99ms
for row in "${rows[@]}"; do
  name="${row%%|*}"; args="${row#*|}"
  rd=(); rs=()
  for _ in $(seq 1 "$ROUNDS"); do
    # shellcheck disable=SC2086
    rd+=("$(run "$leader_port" $args)")
    # shellcheck disable=SC2086
    rs+=("$(run "$REDIS_PORT" $args)")
  done
  rd_rps=$(printf '%s\n' "${rd[@]}" | awk '{print $1}' | median)
  rs_rps=$(printf '%s\n' "${rs[@]}" | awk '{print $1}' | median)
  rd_p50=$(printf '%s\n' "${rd[@]}" | awk '{print $2}' | median)
  rs_p50=$(printf '%s\n' "${rs[@]}" | awk '{print $2}' | median)
  rd_p99=$(printf '%s\n' "${rd[@]}" | awk '{print $3}' | median)
  rs_p99=$(printf '%s\n' "${rs[@]}" | awk '{print $3}' | median)
  ratio=$(awk -v a="$rd_rps" -v b="$rs_rps" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
  printf '%-16s %12s %12s %7s %10s %10s %10s %10s\n' "$name" "$rd_rps" "$rs_rps" "$ratio" "$rd_p50" "$rs_p50" "$rd_p99" "$rs_p99"
done

# GET on a READONLY follower connection: redis-benchmark cannot send READONLY first, so this row
# is measured with the linearizable default on the follower (a ReadIndex round to the leader).
rd=(); rs=()
for _ in $(seq 1 "$ROUNDS"); do
  rd+=("$(run "$follower_port" -t get -c 50 -P 16)")
  rs+=("$(run "$REDIS_PORT" -t get -c 50 -P 16)")
done
rd_rps=$(printf '%s\n' "${rd[@]}" | awk '{print $1}' | median)
rs_rps=$(printf '%s\n' "${rs[@]}" | awk '{print $1}' | median)
ratio=$(awk -v a="$rd_rps" -v b="$rs_rps" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
printf '%-16s %12s %12s %7s\n' "GET follower" "$rd_rps" "$rs_rps" "$ratio"
echo "# batching on the leader:"
redis-cli -p "$leader_port" INFO raft | grep -E 'raft_write_(entries|commands|entry_avg_us)|raft_read_(barriers|commands)' | tr -d '\r'
