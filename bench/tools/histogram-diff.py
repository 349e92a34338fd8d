#!/usr/bin/env python3
"""Difference of two `jcmd PID GC.class_histogram` outputs, per connection, class by class, largest first.

usage: histogram-diff.py BEFORE.txt AFTER.txt CONNECTIONS [ROWS]"""
import re
import sys


def read(path):
    classes, total = {}, 0
    for line in open(path):
        row = re.match(r'\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)', line)
        if row:
            classes[row.group(3)] = (int(row.group(1)), int(row.group(2)))
        end = re.match(r'Total\s+(\d+)\s+(\d+)', line)
        if end:
            total = int(end.group(2))
    return classes, total


before, before_total = read(sys.argv[1])
after, after_total = read(sys.argv[2])
n = int(sys.argv[3])
rows = int(sys.argv[4]) if len(sys.argv) > 4 else 60
each = (after_total - before_total) / n
print(f"live heap {before_total:,} B -> {after_total:,} B for {n:,} more connections: "
      f"{each:,.0f} B = {each / 1024:.1f} KiB per connection")
diff = sorted(((after.get(k, (0, 0))[1] - before.get(k, (0, 0))[1],
                after.get(k, (0, 0))[0] - before.get(k, (0, 0))[0], k) for k in set(before) | set(after)), reverse=True)
print(f"{'B/conn':>8} {'objects/conn':>12}  class")
for size, count, name in diff[:rows]:
    print(f"{size / n:8.0f} {count / n:12.2f}  {name}")
