#!/usr/bin/env bash
# Side-by-side benchmark: a 3-node Redraft cluster (the real jar, separate processes, default
# config) against one redis-server with appendonly yes / appendfsync always (the same promise:
# acknowledged means on disk). Runs redis-benchmark against each, alternating A B A B for
# ROUNDS rounds, and prints the median requests/s per row and the ratio Redraft/Redis.
#
#   bench/compare.sh            # ROUNDS=3 N=100000 (N_SERIAL=N/10 for -c 1) by default
#   ROUNDS=5 N=200000 bench/compare.sh
#   KEEP_WORK=1 ...              # keep the work dir (node logs, data dirs) for a look afterwards
#
# Nodes start through ./redraft (exec: the pid is the JVM's), with the launcher's JVM defaults.
# Needs: a JDK 17+, Maven, redis-server and redis-benchmark (Debian: redis-server, redis-tools).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
ROUNDS="${ROUNDS:-3}"
N="${N:-100000}"
N_SERIAL="${N_SERIAL:-$((N / 10))}"   # the single-client row: ~1 ms a request
WARMUP="${WARMUP:-1000000}"           # pipelined SETs and GETs before the first row (JIT)
PIPE_GETS="${PIPE_GETS:-20000}"       # GETs per connection in the READONLY follower row
KEYS="${KEYS:-1000000}"
FAILOVERS="${FAILOVERS:-5}"
SECTIONS="${SECTIONS:-throughput memory restart failover}"
BASE_PORT="${BASE_PORT:-7301}"
REDIS_PORT="${REDIS_PORT:-7399}"
work="$(mktemp -d /tmp/redraft-bench.XXXXXX)"
pids=()
declare -A node_pid=()

cleanup() {
  for p in "${pids[@]:-}" "${node_pid[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${KEEP_WORK:-}" ]; then echo "bench: kept $work (node logs, data)" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

command -v redis-server >/dev/null || { echo "bench: redis-server is missing (apt-get install redis-server)" >&2; exit 2; }
command -v redis-benchmark >/dev/null || { echo "bench: redis-benchmark is missing (apt-get install redis-tools)" >&2; exit 2; }

# Build the jar once through the launcher, which also starts every node: "default config"
# means the product's defaults, JVM options included (REDRAFT_JAVA_OPTS adds to them).
"$here/redraft" server --help >/dev/null 2>&1 || true   # builds the jar and the AOT cache
jar="$here/target/redraft.jar"
[ -f "$jar" ] || { echo "bench: $jar was not built" >&2; exit 2; }

# shellcheck source=bench/cluster.sh
source "$here/bench/cluster.sh"

echo "# starting redis-server (appendonly yes, appendfsync always) on $REDIS_PORT"
redis-server --port "$REDIS_PORT" --dir "$work" --appendonly yes --appendfsync always --save "" \
  --daemonize no > "$work/redis.log" 2>&1 &
pids+=($!)
wait_ping "$REDIS_PORT"

now_ms() { date +%s%3N; }

section() { [[ " $SECTIONS " == *" $1 "* ]]; }

echo "# starting a 3-node Redraft cluster on $BASE_PORT-$((BASE_PORT + 2))"
form_cluster
follower_port=$BASE_PORT
[ "$follower_port" = "$leader_port" ] && follower_port=$((BASE_PORT + 1))
echo "# leader on $leader_port, READONLY follower reads on $follower_port"

# One redis-benchmark run of N requests (N_SERIAL for a single client); prints "rps p50 p99".
run() {
  local port="$1"; shift
  local n="$N"
  [[ " $* " == *" -c 1 "* ]] && n="$N_SERIAL"
  redis-benchmark -p "$port" -n "$n" --csv "$@" 2>/dev/null | tail -n 1 \
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

if section throughput; then
# JIT: after 300,000 pipelined SETs and GETs the leader did 58,000 SET/s with -P 16, after
# 700,000 more 155,000 (three JVMs' compilers share two cores). Warm both servers up alike.
for port in "$leader_port" "$REDIS_PORT"; do
  redis-benchmark -p "$port" -n "$WARMUP" -t set,get -c 50 -P 16 -q >/dev/null 2>&1
  redis-benchmark -p "$port" -n "$((WARMUP / 10))" -t set -c 50 -q >/dev/null 2>&1
done
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

# GET through a follower with the linearizable default (a ReadIndex round to the leader per batch).
rd=(); rs=()
for _ in $(seq 1 "$ROUNDS"); do
  rd+=("$(run "$follower_port" -t get -c 50 -P 16)")
  rs+=("$(run "$REDIS_PORT" -t get -c 50 -P 16)")
done
rd_rps=$(printf '%s\n' "${rd[@]}" | awk '{print $1}' | median)
rs_rps=$(printf '%s\n' "${rs[@]}" | awk '{print $1}' | median)
ratio=$(awk -v a="$rd_rps" -v b="$rs_rps" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
printf '%-16s %12s %12s %7s\n' "GET follower" "$rd_rps" "$rs_rps" "$ratio"

# GET on a READONLY follower connection (local reads). redis-benchmark cannot send READONLY
# first, so 50 `redis-cli --pipe` connections each send READONLY and then PIPE_GETS GETs, as fast
# as the server takes them (a deeper pipeline than -P 16); the same streams go to Redis, which
# refuses READONLY (no cluster mode) and serves the GETs. Requests/s = all GETs / wall time.
awk -v n="$PIPE_GETS" 'BEGIN {
  printf "*1\r\n$8\r\nREADONLY\r\n"
  for (i = 0; i < n; i++) printf "*2\r\n$3\r\nGET\r\n$16\r\nkey:__rand_int__\r\n"
}' > "$work/readonly-gets.resp"
pipe_rps() {  # port, expected error count per connection (Redis refuses READONLY)
  local start elapsed i out readers=()
  start=$(now_ms)
  for i in $(seq 1 50); do
    redis-cli -p "$1" --pipe < "$work/readonly-gets.resp" > "$work/pipe.$i" 2>&1 &
    readers+=($!)
  done
  wait "${readers[@]}" || true
  elapsed=$(( $(now_ms) - start ))
  for i in $(seq 1 50); do
    out=$(grep -o 'errors: [0-9]*' "$work/pipe.$i")
    [ "$out" = "errors: $2" ] || { echo "bench: redis-cli --pipe on port $1 reported '$out'" >&2; exit 1; }
  done
  awk -v n=$((50 * PIPE_GETS)) -v ms="$elapsed" 'BEGIN {printf "%.2f", n * 1000 / ms}'
}
rd=(); rs=()
for _ in $(seq 1 "$ROUNDS"); do
  rd+=("$(pipe_rps "$follower_port" 0)")
  rs+=("$(pipe_rps "$REDIS_PORT" 1)")
done
rd_rps=$(printf '%s\n' "${rd[@]}" | median)
rs_rps=$(printf '%s\n' "${rs[@]}" | median)
ratio=$(awk -v a="$rd_rps" -v b="$rs_rps" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
printf '%-16s %12s %12s %7s\n' "GET READONLY" "$rd_rps" "$rs_rps" "$ratio"
echo "# batching on the leader:"
redis-cli -p "$leader_port" INFO raft | grep -E 'raft_write_(entries|commands|entry_avg_us)|raft_read_(barriers|commands)' | tr -d '\r'
fi

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

if section memory || section restart; then
  # KEYS distinct 16-byte keys with 64-byte values, as one RESP stream for redis-cli --pipe.
  awk -v n="$KEYS" 'BEGIN {
    v = sprintf("%064d", 0); gsub(/0/, "v", v)
    for (i = 0; i < n; i++) { k = sprintf("key:%012d", i); printf "*3\r\n$3\r\nSET\r\n$16\r\n%s\r\n$64\r\n%s\r\n", k, v }
  }' > "$work/load.resp"
  redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null
  redis-cli -p "$leader_port" FLUSHALL >/dev/null
  redis-cli -p "$REDIS_PORT" --pipe < "$work/load.resp" | tail -n 1
  redis-cli -p "$leader_port" --pipe < "$work/load.resp" | tail -n 1
  sleep 5   # let followers apply and the JVMs settle
  report_rss() {
    rs_rss=$(rss_kb "${pids[0]}")
    printf '%-24s %10s MB\n' "redis-server RSS" $((rs_rss / 1024))
    for i in 1 2 3; do
      rd_rss=$(rss_kb "${node_pid[$i]}")
      printf '%-24s %10s MB  (%s x redis; dbsize %s)\n' "redraft n$i RSS" $((rd_rss / 1024)) \
        "$(awk -v a="$rd_rss" -v b="$rs_rss" 'BEGIN {printf "%.2f", a / b}')" \
        "$(redis-cli -p $((BASE_PORT + i - 1)) DBSIZE)"
    done
  }
  echo "# memory after loading $KEYS keys (16-byte keys, 64-byte values); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  report_rss
  # The launcher's G1 settings give unused heap back after 30-60 s without a collection.
  sleep "${SETTLE:-75}"
  echo "# memory after ${SETTLE:-75} s idle; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  report_rss
fi

if section restart; then
  echo "# restart: all nodes stopped (SIGKILL), started together; time until each serves a linearizable GET; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  { for i in 1 2 3; do kill -9 "${node_pid[$i]}"; wait "${node_pid[$i]}" || true; done; } 2>/dev/null
  last_key=$(printf 'key:%012d' $((KEYS - 1)))
  start=$(now_ms)
  for i in 1 2 3; do start_node "$i"; done
  for i in 1 2 3; do
    port=$((BASE_PORT + i - 1))
    until [ "$(redis-cli -p "$port" GET "$last_key" 2>/dev/null | head -c 4)" = vvvv ]; do
      [ $(( $(now_ms) - start )) -lt 300000 ] || { echo "bench: n$i serves no reads after 300 s" >&2; exit 1; }
      sleep 0.05
    done
    printf '%-24s %10s ms\n' "n$i serves reads after" $(( $(now_ms) - start ))
  done
  leader_port=$(redis-cli -p "$BASE_PORT" LEADER | awk '{print $3}' | cut -d: -f2)

  # The everyday case: one node crashes (or is upgraded) while the other two keep serving.
  victim=$(( $(leader_index "$BASE_PORT") % 3 + 1 ))
  port=$((BASE_PORT + victim - 1))
  echo "# restart: follower n$victim alone stopped (SIGKILL) and started while the others serve; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  { kill -9 "${node_pid[$victim]}"; wait "${node_pid[$victim]}" || true; } 2>/dev/null
  start=$(now_ms)
  start_node "$victim"
  until redis-cli -p "$port" PING >/dev/null 2>&1; do sleep 0.02; done
  printf '%-24s %10s ms\n' "n$victim answers PING after" $(( $(now_ms) - start ))
  until [ "$(redis-cli -p "$port" GET "$last_key" 2>/dev/null | head -c 4)" = vvvv ]; do
    [ $(( $(now_ms) - start )) -lt 300000 ] || { echo "bench: n$victim serves no reads after 300 s" >&2; exit 1; }
    sleep 0.05
  done
  printf '%-24s %10s ms\n' "n$victim serves reads after" $(( $(now_ms) - start ))
fi

if section failover; then
  echo "# failover: SIGKILL of the leader until the first SET accepted through another node"
  times=()
  for round in $(seq 1 "$FAILOVERS"); do
    victim=$(leader_index "$BASE_PORT")
    [ -n "$victim" ] || { echo "bench: no leader" >&2; exit 1; }
    other=$(( victim % 3 + 1 ))
    other_port=$((BASE_PORT + other - 1))
    redis-cli -p "$other_port" SET failover:warm x >/dev/null
    start=$(now_ms)
    { kill -9 "${node_pid[$victim]}"; } 2>/dev/null
    until [ "$(redis-cli -p "$other_port" SET "failover:$round" done 2>/dev/null)" = OK ]; do
      [ $(( $(now_ms) - start )) -lt 60000 ] || { echo "bench: no write accepted 60 s after the kill" >&2; exit 1; }
    done
    elapsed=$(( $(now_ms) - start ))
    times+=("$elapsed")
    printf 'round %s: leader n%s killed, write through n%s after %s ms\n' "$round" "$victim" "$other" "$elapsed"
    { wait "${node_pid[$victim]}" || true; } 2>/dev/null
    start_node "$victim"
    wait_ping $((BASE_PORT + victim - 1))
    # the restarted node must have caught up before the next round kills someone else
    until [ "$(redis-cli -p $((BASE_PORT + victim - 1)) GET "failover:$round" 2>/dev/null)" = done ]; do sleep 0.1; done
  done
  printf '%-24s %10s ms\n' "failover median" "$(printf '%s\n' "${times[@]}" | median)"
fi
