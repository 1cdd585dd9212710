#!/usr/bin/env python3
"""Summarizes a PostgreSQL server log written with log_min_duration_statement=0 and
log_line_prefix='%m [%p] ' into one line per statement: time, backend pid, duration, a short label.

  pglog.py LOG [--from HH:MM:SS.mmm] [--to HH:MM:SS.mmm]
"""
import re
import sys

ENTRY = re.compile(r"^(\d{4}-\d\d-\d\d (\d\d:\d\d:\d\d\.\d+) \w+) \[(\d+)\] (\w+):  (.*)$")


def label(sql):
    s = " ".join(sql.split())
    rules = [
        ("pg_advisory_xact_lock", "audit: advisory lock"),
        ("FROM slurp_audit_log ORDER BY seq DESC", "audit: read chain tail"),
        ("INSERT INTO slurp_audit_log", "audit: insert entry"),
        ("UPDATE slurp_audit_head", "audit: update head"),
        ("FROM orleans_grain_state", "grain state: read (ReadFromStorageKey)"),
        ("UPDATE orleans_grain_state", "grain state: write (WriteToStorageKey)"),
        ("orleans_cluster_member", "membership"),
        ("orleans_cluster_version", "membership"),
        ("orleans_reminder", "reminders"),
    ]
    for needle, name in rules:
        if needle in s:
            return name
    return s[:70]


def main():
    args = sys.argv[1:]
    path = args[0]
    lo = args[args.index("--from") + 1] if "--from" in args else None
    hi = args[args.index("--to") + 1] if "--to" in args else None
    entries = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = ENTRY.match(line.rstrip("\n"))
            if m:
                entries.append([m.group(2), m.group(3), m.group(4), m.group(5)])
            elif entries:
                entries[-1][3] += "\n" + line.rstrip("\n")
    for t, pid, level, text in entries:
        if lo and t < lo or hi and t > hi:
            continue
        m = re.match(r"duration: ([0-9.]+) ms\s+(?:statement|execute [^:]*): (.*)", text, re.S)
        if not m or level != "LOG":
            continue
        print(f"{t} [{pid}] {float(m.group(1)):8.3f} ms  {label(m.group(2))}")


if __name__ == "__main__":
    main()
