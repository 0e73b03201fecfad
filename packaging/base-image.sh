#!/usr/bin/env bash
# Builds Redraft's container base image without a Docker daemon or registry: a Java runtime made
# with jlink from the local JDK, plus exactly the shared libraries it links against (found with
# ldd), as a one-layer image in `docker save` format. Jib (mvn -Pimage package) builds on it via
# tar://. The result is distroless-like: no shell, no package manager.
#
#   packaging/base-image.sh [OUT.tar]        (default: target/base-image.tar)
#
# Needs a JDK 17+ with jlink (and its jmods, e.g. Debian's openjdk-17-jdk-headless), GNU tar,
# ldd and sha256sum. JAVA_HOME picks the JDK; otherwise the one `javac` on PATH belongs to.
set -euo pipefail

out="${1:-target/base-image.tar}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac

if [ -n "${JAVA_HOME:-}" ]; then
  jdk="$JAVA_HOME"
else
  jdk="$(cd "$(dirname "$(readlink -f "$(command -v javac)")")/.." && pwd -P)"
fi
[ -x "$jdk/bin/jlink" ] || { echo "base-image.sh: no jlink in $jdk (set JAVA_HOME to a JDK 17+)" >&2; exit 1; }

# What Redraft and its libraries use (Netty and Ratis need jdk.unsupported; logback java.xml and
# java.naming; the dashboard jdk.httpserver).
modules=java.base,java.logging,java.management,java.naming,java.net.http,java.security.jgss,\
java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root/opt" "$root/tmp" "$root/etc" "$root/data"
chmod 1777 "$root/tmp"

"$jdk/bin/jlink" --add-modules "$modules" --output "$root/opt/java" \
  --strip-debug --no-header-files --no-man-pages --compress=2

# Every shared library the runtime's binaries and libraries load, with the dynamic loader,
# copied to the same paths (ldd prints "name => /path (addr)" or "/path (addr)").
libs="$(find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
  | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p' | sort -u)"
for lib in $libs; do
  case "$lib" in "$root"/*) continue ;; esac
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
# glibc's loader is reached through /lib64 on x86_64; keep the usual merged-/usr links.
for d in lib lib64; do
  if [ -L "/$d" ] && [ ! -e "$root/$d" ]; then ln -s "$(readlink "/$d")" "$root/$d"; fi
done
# name lookups: files first (the container's /etc/hosts), then DNS (compose's resolver)
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
printf 'root:x:0:0:root:/root:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\n' > "$root/etc/group"

# One reproducible layer and a docker-save archive around it.
image="$work/image"
mkdir -p "$image"
# entries named without "./" (Jib refuses archive entries that look like paths out of the archive)
reproducible_tar() { tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner "$@"; }
(cd "$root" && reproducible_tar -cf "$image/layer.tar" $(ls -A))
diff_id="$(sha256sum "$image/layer.tar" | cut -d' ' -f1)"
arch="$(uname -m)"; case "$arch" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
cat > "$image/config.json" <<JSON
{"architecture":"$arch","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java"],"WorkingDir":"/data"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"packaging/base-image.sh (jlink $("$jdk/bin/java" -version 2>&1 | head -n 1 | tr -d '"'))"}]}
JSON
config_id="$(sha256sum "$image/config.json" | cut -d' ' -f1)"
mv "$image/config.json" "$image/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["redraft-base:latest"],"Layers":["layer.tar"]}]\n' "$config_id" \
  > "$image/manifest.json"
mkdir -p "$(dirname "$out")"
(cd "$image" && reproducible_tar -cf "$out" $(ls -A))
echo "base image: $out ($(du -h "$out" | cut -f1), Java runtime from $jdk)"
