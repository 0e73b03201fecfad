# Sourced by the bench scripts: a 3-node Redraft cluster on BASE_PORT.. (Raft on +10000), each
# node started through ./redraft (exec: the pid is the JVM's) with its data dir and log in $work.
# Needs $here, $work, $BASE_PORT and `declare -A node_pid`; form_cluster sets $leader_port.

wait_ping() {
  for _ in $(seq 1 150); do redis-cli -p "$1" ping >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "bench: nothing answers on port $1" >&2; exit 1
}

start_node() {
  local i="$1"
  "$here/redraft" server --id "n$i" --redis-addr "127.0.0.1:$((BASE_PORT + i - 1))" --data-dir "$work/n$i" \
    >> "$work/n$i.log" 2>&1 &
  node_pid[$i]=$!
}

leader_index() { redis-cli -p "$1" LEADER 2>/dev/null | awk '{print $1}' | tr -d 'n\r'; }

form_cluster() {
  for i in 1 2 3; do start_node "$i"; done
  for i in 1 2 3; do wait_ping $((BASE_PORT + i - 1)); done
  redis-cli -p "$BASE_PORT" BOOTSTRAP n1 "127.0.0.1:$((BASE_PORT + 10000))" >/dev/null
  for i in 2 3; do
    redis-cli -p "$BASE_PORT" JOIN "n$i" "127.0.0.1:$((BASE_PORT + i - 1 + 10000))" >/dev/null
  done
  # A JOIN can fail on a loaded machine; a 2-node cluster would make every number meaningless.
  local members
  members=$(redis-cli -p "$BASE_PORT" INFO raft | tr -d '\r' | sed -n 's/^raft_members://p')
  [ "$members" = 3 ] || { echo "bench: the cluster has ${members:-no} members, not 3" >&2; exit 1; }
  leader_port=$(redis-cli -p "$BASE_PORT" LEADER | awk '{print $3}' | cut -d: -f2)
}
