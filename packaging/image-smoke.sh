#!/usr/bin/env bash
# Checks the image without a container runtime: unpacks target/redraft-image.tar into a root
# file system and runs packaging/compose.yaml's three nodes from it in chroots (own mount
# namespaces), with the compose host names node1-3 mapped to 127.0.0.11-13 in the image's
# /etc/hosts. Then forms the cluster through --bootstrap/--join, writes through node3, reads
# through node1 and asks node2's dashboard. Needs root, unshare, redis-cli and curl.
#
#   packaging/image-smoke.sh [IMAGE.tar]
set -euo pipefail

image="$(readlink -f "${1:-target/redraft-image.tar}")"
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.2; done; done
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/image" "$work/root"
tar -xf "$image" -C "$work/image"
for layer in $(grep -o '"[^"]*\.tar\.gz"' "$work/image/manifest.json" | tr -d '"'); do
  tar --warning=no-unknown-keyword -xzf "$work/image/$layer" -C "$work/root"
done
mkdir -p "$work/root/proc" "$work/root/dev"
printf '127.0.0.1 localhost\n127.0.0.11 node1\n127.0.0.12 node2\n127.0.0.13 node3\n' > "$work/root/etc/hosts"

# node N with compose's flags (dashboard on its own address: three nodes share this machine)
node() {
  local i="$1"; shift
  unshare -m --propagation private sh -c "mount -t proc proc '$work/root/proc' && mount --rbind /dev '$work/root/dev' \
    && exec env -i PATH=/opt/java/bin:/usr/bin:/bin JAVA_HOME=/opt/java $(command -v chroot) '$work/root' \
    java -cp @/app/jib-classpath-file io.redraft.server.Main server --id n$i --redis-addr node$i:6379 \
    --raft-addr node$i:16379 --http-addr node$i:8080 --data-dir /data/n$i $*" > "$work/n$i.log" 2>&1 &
  pids+=("$!")
}
node 1 --bootstrap
node 2 --join node1:6379
node 3 --join node1:6379

deadline=$((SECONDS + 180))
until [ "$(redis-cli -h 127.0.0.11 -p 6379 NODES 2>/dev/null | grep -c ' node[123]:6379 ')" = 3 ]; do
  if [ "$SECONDS" -gt "$deadline" ]; then
    echo "image-smoke: no 3-node cluster within 180 s" >&2; tail -n 20 "$work"/n*.log >&2; exit 1
  fi
  sleep 1
done
redis-cli -h 127.0.0.11 -p 6379 NODES
[ "$(redis-cli -h 127.0.0.13 -p 6379 SET smoke ok)" = OK ]
[ "$(redis-cli -h 127.0.0.11 -p 6379 GET smoke)" = ok ]
curl -fsS http://127.0.0.12:8080/api/status | grep -q '"available":true'
echo "image-smoke: OK (3 nodes from $image)"
