#!/usr/bin/env bash
# Where one node's memory goes, and how long it takes to restart: starts ONE node alone
# (bootstrapped as a 1-member cluster) with Native Memory Tracking, pipes KEYS SETs into it
# (16-byte keys, 64-byte values), records RSS, INFO raft, `jcmd VM.native_memory summary`,
# `GC.heap_info` and `GC.class_histogram` (right after the load and after IDLE seconds), then
# SIGKILLs it and times a restart until it serves the last key. Results in $OUT (kept).
#
#   bench/node-memory.sh                       # Java and options as ./redraft would choose them
#   JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java JAVA_OPTS="-XX:+UseSerialGC" bench/node-memory.sh
#
# Env: PORT (7871), KEYS (1000000), IDLE (40), OUT (a new /tmp dir), JAVA, JAVA_OPTS (replace the
# launcher's defaults when set).
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
port="${PORT:-7871}" keys="${KEYS:-1000000}" idle="${IDLE:-40}"
d="${OUT:-$(mktemp -d /tmp/redraft-node-memory.XXXXXX)}"; mkdir -p "$d"
"$here/redraft" >/dev/null 2>&1 || true   # builds the jar if needed
jar="$here/target/redraft.jar"
# The launcher's JVM options, read from its own exec line, unless JAVA/JAVA_OPTS say otherwise.
if [ -z "${JAVA:-}" ] || [ -z "${JAVA_OPTS+x}" ]; then
  line="$(REDRAFT_JAVA_OPTS=-XX:+PrintCommandLineFlags bash -x "$here/redraft" 2>&1 >/dev/null | grep -- '-jar' | tail -n 1)"
  JAVA="${JAVA:-$(echo "$line" | awk '{print $3}')}"
  JAVA_OPTS="${JAVA_OPTS-$(echo "$line" | sed 's/^+ exec [^ ]* //; s/ -XX:+PrintCommandLineFlags.*//')}"
fi
out="$d/report.txt"
rss() { echo $(( $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status") / 1024 )); }
start() {
  # shellcheck disable=SC2086
  MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" "$JAVA" -XX:NativeMemoryTracking=summary $JAVA_OPTS -jar "$jar" server \
    --id n1 --redis-addr "127.0.0.1:$port" --data-dir "$d/data" >> "$d/node.log" 2>&1 &
  pid=$!
}
snap() { jcmd "$pid" VM.native_memory summary > "$d/nmt-$1.txt" 2>&1; jcmd "$pid" GC.heap_info > "$d/heap-$1.txt" 2>&1; }

awk -v n="$keys" 'BEGIN { v = sprintf("%064d", 0); gsub(/0/, "v", v)
  for (i = 0; i < n; i++) { k = sprintf("key:%012d", i); printf "*3\r\n$3\r\nSET\r\n$16\r\n%s\r\n$64\r\n%s\r\n", k, v } }' > "$d/load.resp"
start
for _ in $(seq 1 300); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.2; done
redis-cli -p "$port" BOOTSTRAP n1 "127.0.0.1:$((port + 10000))" >/dev/null
for _ in $(seq 1 100); do [ "$(redis-cli -p "$port" SET probe x 2>/dev/null)" = OK ] && break; sleep 0.2; done
{ echo "java: $JAVA $JAVA_OPTS"; echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"; } > "$out"
t0=$(date +%s%3N); redis-cli -p "$port" --pipe < "$d/load.resp" | tail -n 1 >> "$out"
echo "load_ms $(( $(date +%s%3N) - t0 ))" >> "$out"
sleep 5
echo "rss_mb_after_load $(rss)" >> "$out"; snap load
redis-cli -p "$port" INFO raft | tr -d '\r' | grep -E "raft_(last_snapshot_index|log_entries|log_size_bytes)" >> "$out"
sleep "$idle"
echo "rss_mb_after_${idle}s_idle $(rss)" >> "$out"; snap idle
jcmd "$pid" GC.class_histogram > "$d/histo.txt" 2>&1   # runs a full GC first: live objects only
echo "rss_mb_after_full_gc $(rss)" >> "$out"
kill -9 "$pid"; wait "$pid" 2>/dev/null
last=$(printf 'key:%012d' $((keys - 1)))
t0=$(date +%s%3N); start
until [ "$(redis-cli -p "$port" GET "$last" 2>/dev/null | head -c 4)" = vvvv ]; do
  [ $(( $(date +%s%3N) - t0 )) -lt 300000 ] || { echo "no reads after 300 s" >> "$out"; break; }
  sleep 0.05
done
echo "restart_ms $(( $(date +%s%3N) - t0 )) (load average $(cut -d' ' -f1-3 /proc/loadavg))" >> "$out"
sleep 3; echo "rss_mb_after_restart $(rss)" >> "$out"
kill "$pid"; wait "$pid" 2>/dev/null
rm -rf "$d/data" "$d/load.resp"
cat "$out"; echo "details: $d (nmt-*.txt, heap-*.txt, histo.txt, node.log)"
