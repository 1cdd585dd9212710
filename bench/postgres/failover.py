#!/usr/bin/env python3
"""Failover trial: WRITERS closed-loop writers PUT new 2 KB nodes through one silo's front door; after
BEFORE seconds the process KILL_PID gets SIGKILL; the writers go on for AFTER seconds more. Every request
is recorded (start, end, HTTP status). Prints one JSON line:

  recovery_s      kill -> the moment the LAST writer completed a successful request that it had sent
                  after the kill (so every writer has succeeded again); null if one never did
  max_latency_ms  longest request that was in flight at, or started after, the kill
  stall_s         the longest gap between two successful completions of one writer across the kill
  errors          non-2xx answers and transport errors after the kill, by status

  failover.py --url http://127.0.0.1:5191 --prepared DIR --kill-pid PID [--writers 8] [--before 5]
              [--after 20] [--label t1] [--raw FILE] [--seed-url http://127.0.0.1:5192]

--seed-url: each writer's first PUT (which creates its folders) goes through this front door before the clock
starts. With Slurp:Cluster:NodePlacement=Local a node lives on the silo whose front door first asked for it, so
the writers' folders then live on the seed silo, and every later PUT through --url (a new node registers with its
folder) depends on it: give the silo that will be killed, or the kill moves nothing the writers use.

DIR is what `Slurp.Bench.Http --prepare-only DIR` wrote (env with SLURP_TOKEN and SLURP_TASK, put-body.json).
Loopback only; every loop is bounded by the time window and by a 30 s socket timeout.
"""
import argparse
import http.client
import json
import os
import signal
import statistics
import sys
import threading
import time
import urllib.parse


def read_env(folder):
    env = {}
    with open(os.path.join(folder, "env"), encoding="utf-8") as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                env[k] = v
    return env


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--prepared", required=True)
    p.add_argument("--kill-pid", type=int, required=True)
    p.add_argument("--writers", type=int, default=8)
    p.add_argument("--before", type=float, default=5.0)
    p.add_argument("--after", type=float, default=20.0)
    p.add_argument("--label", default="t")
    p.add_argument("--raw")
    p.add_argument("--seed-url")
    a = p.parse_args()

    url = urllib.parse.urlparse(a.url)
    seed = urllib.parse.urlparse(a.seed_url) if a.seed_url else None
    if any(u.hostname not in ("127.0.0.1", "localhost", "::1") for u in (url, seed) if u is not None):
        sys.exit("loopback only")
    env = read_env(a.prepared)
    token, task = env["SLURP_TOKEN"], env["SLURP_TASK"]
    with open(os.path.join(a.prepared, "put-body.json"), "rb") as f:
        body = f.read()
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

    stop = threading.Event()
    records = [[] for _ in range(a.writers)]  # (start, end, status)

    def put(conn, path):
        """One PUT of the body; its status and whether the server closes the connection."""
        conn.request("PUT", path, body=body, headers=headers)
        r = conn.getresponse()
        r.read()
        return r.status, r.getheader("Connection", "").lower() == "close"

    def address_path(i, n):
        address = f"ucxl://any:any@bench:{task}/src/fo-{a.label}-w{i}/d{n // 64}/f{n % 64}"
        return "/v1/context?address=" + urllib.parse.quote(address, safe="")

    first_node = 0
    if seed is not None:
        first_node = 1
        for i in range(a.writers):
            conn = http.client.HTTPConnection(seed.hostname, seed.port, timeout=30)
            try:
                status, _ = put(conn, address_path(i, 0))
                if not 200 <= status < 300:
                    sys.exit(f"seeding writer {i} through {a.seed_url}: HTTP {status}")
            finally:
                conn.close()

    def writer(i):
        conn = None
        n = first_node
        while not stop.is_set():
            path = address_path(i, n)
            n += 1
            t0 = time.monotonic()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
                status, closing = put(conn, path)
                if closing:
                    conn.close()
                    conn = None
            except Exception:  # transport error: record, reconnect
                status = -1
                if conn is not None:
                    conn.close()
                conn = None
            records[i].append((t0, time.monotonic(), status))
        if conn is not None:
            conn.close()

    threads = [threading.Thread(target=writer, args=(i,), daemon=True) for i in range(a.writers)]
    t_begin = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(a.before)
    t_kill = time.monotonic()
    os.kill(a.kill_pid, signal.SIGKILL)
    time.sleep(a.after)
    stop.set()
    for t in threads:
        t.join(timeout=35)

    ok = lambda s: 200 <= s < 300
    recoveries = []
    stalls = []
    for rec in records:
        after = [r for r in rec if r[0] >= t_kill and ok(r[2])]
        recoveries.append(after[0][1] - t_kill if after else None)
        ends = [r[1] for r in rec if ok(r[2])]
        gaps = [b - a_ for a_, b in zip(ends, ends[1:]) if b >= t_kill and a_ <= t_kill + a.after]
        stalls.append(max(gaps) if gaps else None)
    around = [r for rec in records for r in rec if r[1] >= t_kill]
    before = [r for rec in records for r in rec if t_begin + 1 <= r[1] < t_kill]
    errors = {}
    for r in around:
        if not ok(r[2]):
            errors[str(r[2])] = errors.get(str(r[2]), 0) + 1
    result = {
        "label": a.label,
        "writers": a.writers,
        "recovery_s": None if None in recoveries else round(max(recoveries), 3),
        "recovery_per_writer_s": [None if x is None else round(x, 3) for x in recoveries],
        "max_latency_ms": round(max((r[1] - r[0]) * 1000 for r in around), 1) if around else None,
        "stall_s": None if None in stalls else round(max(stalls), 3),
        "errors": errors,
        "before_rps": round(len(before) / max(t_kill - t_begin - 1, 1e-9), 1),
        "before_p50_ms": round(statistics.median((r[1] - r[0]) * 1000 for r in before), 2) if before else None,
        "before_max_ms": round(max((r[1] - r[0]) * 1000 for r in before), 1) if before else None,
        "after_ok": sum(1 for r in around if ok(r[2])),
    }
    if a.raw:
        with open(a.raw, "w", encoding="utf-8") as f:
            for i, rec in enumerate(records):
                for r in rec:
                    f.write(f"{i} {r[0] - t_kill:.6f} {r[1] - t_kill:.6f} {r[2]}\n")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
