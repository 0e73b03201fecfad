#!/usr/bin/env python3
"""Hottest methods of a JFR recording's execution samples, by self and by inclusive time.

    bench/jfr-top.py recording.jfr [top]

Uses the JDK's `jfr print`; each stack is counted once per method for the inclusive column, so
recursion does not inflate it. JIT compiler threads are not sampled by JFR.
"""
import collections
import re
import subprocess
import sys


def stacks(path):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", path],
                         check=True, capture_output=True, text=True).stdout
    frame = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")
    current = None
    for line in out.splitlines():
        if line.startswith("jdk.ExecutionSample"):
            if current:
                yield current
            current = []
        elif current is not None:
            m = frame.match(line)
            if m:
                current.append(m.group(1))
    if current:
        yield current


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    self_counts = collections.Counter()
    inclusive = collections.Counter()
    total = 0
    for frames in stacks(path):
        if not frames:
            continue
        total += 1
        self_counts[frames[0]] += 1
        for method in set(frames):
            inclusive[method] += 1
    if total == 0:
        print("no samples")
        return
    print(f"{total} samples")
    print("self %   method")
    for method, n in self_counts.most_common(top):
        print(f"{100.0 * n / total:6.1f}  {method}")
    print("incl %   method (io.redraft only)")
    shown = 0
    for method, n in inclusive.most_common():
        if method.startswith("io.redraft."):
            print(f"{100.0 * n / total:6.1f}  {method}")
            shown += 1
            if shown == top:
                break


if __name__ == "__main__":
    main()
