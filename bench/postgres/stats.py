#!/usr/bin/env python3
"""Helpers for run.sh.

  stats.py pgbench STDOUT LOG... [--field k=v ...]   one JSON line for a pgbench run (kind "pgbench", or "shape"
                                                      with --field kind=shape): TPS from its output,
                                                      p50/p95/p99/max from the per-transaction logs (-l)
  stats.py slurp JSONFILE [--field k=v ...]           the generator's JSON line, renamed, with fields added
  stats.py floor JSONFILE [--field k=v ...]           the same for a run against the floor (kind "floor")
  stats.py wrk OUT WARMUP_OUT TIMES [--field k=v ...] one JSON line for an update cell driven by wrk/update.lua
                                                      (kind and driver from the fields): req/s and percentiles
                                                      from the JSON line its done() prints, the client's CPU
                                                      from TIMES (bash `times`); a shortfall of operations
                                                      counted (field ops) against requests completed counts
                                                      as errors
  stats.py summary RESULTS.jsonl FAILOVER.jsonl       markdown tables: medians (min–max), ratios per SLURP
                                                      mode (to pgbench and to the floor), failover
  stats.py cpu --pg PM_PID PID...                       CPU ticks used so far by PIDs and by the PostgreSQL
                                                      server PM_PID with its backends: "<pids> <server>"
"""
import os
import json
import re
import statistics
import sys


def fields(args):
    out = {}
    for a in args:
        k, v = a.split("=", 1)
        try:
            out[k] = json.loads(v)
        except ValueError:
            out[k] = v
    return out


def pct(sorted_values, q):
    """Nearest-rank percentile, the same rule as Slurp.Bench.Http."""
    if not sorted_values:
        return None
    i = max(0, min(len(sorted_values) - 1, int(-(-q * len(sorted_values) // 1)) - 1))
    return sorted_values[i]


def split_fields(argv):
    if "--field" in argv:
        i = argv.index("--field")
        return argv[:i], [x for x in argv[i:] if x != "--field"]
    return argv, []


def cmd_pgbench(argv):
    argv, extra = split_fields(argv)
    stdout, logs = argv[0], argv[1:]
    text = open(stdout, encoding="utf-8").read()
    tps = float(re.search(r"tps = ([0-9.]+) \(without initial connection time\)", text).group(1))
    failed = int(re.search(r"number of failed transactions: (\d+)", text).group(1)) if "failed transactions" in text else 0
    lat = []
    for path in logs:
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3 and parts[2].isdigit():
                    lat.append(int(parts[2]) / 1000.0)
    lat.sort()
    row = {"kind": "pgbench", "rps": round(tps, 1), "requests": len(lat),
           "p50_ms": round(pct(lat, .50), 3), "p95_ms": round(pct(lat, .95), 3), "p99_ms": round(pct(lat, .99), 3),
           "max_ms": round(lat[-1], 3), "errors": failed}
    row.update(fields(extra))
    print(json.dumps(row))


def cmd_slurp(argv, kind="slurp"):
    argv, extra = split_fields(argv)
    lines = [l for l in open(argv[0], encoding="utf-8") if l.strip()]
    g = json.loads(lines[-1])
    row = {"kind": kind, "rps": round(g["requests_per_second"], 1), "requests": g["requests"],
           "p50_ms": round(g["p50_ms"], 3), "p95_ms": round(g["p95_ms"], 3), "p99_ms": round(g["p99_ms"], 3),
           "max_ms": round(g["max_ms"], 3), "errors": g["errors"], "first_error": g.get("first_error"),
           "client_cpu_cores": g["client_cpu_cores"], "run": g["run"], "mode": g.get("mode", "write")}
    if g.get("update_nodes") is not None:
        row["update_nodes"] = g["update_nodes"]
    row.update(fields(extra))
    print(json.dumps(row))


def seconds(text):
    """A bash `times` figure such as 0m1.234s."""
    m = re.fullmatch(r"(\d+)m([0-9.]+)s", text)
    return int(m.group(1)) * 60 + float(m.group(2))


def cmd_wrk(argv):
    argv, extra = split_fields(argv)
    out, warm = (json.loads([l for l in open(p, encoding="utf-8") if l.startswith("{")][-1]) for p in argv[:2])
    times = open(argv[2], encoding="utf-8").read().split()
    f = fields(extra)
    duration = out["duration_us"] / 1e6
    completed = out["requests"] + warm["requests"]
    # wrk counts answers; requests still in flight at its deadline may be stored too, so ops >= completed
    # when every request added a version (an "unchanged" answer or a lost write makes it smaller).
    shortfall = max(0, completed - f.get("ops", completed))
    row = {"kind": f.get("kind", "slurp"), "rps": round(out["requests"] / duration, 1), "requests": out["requests"],
           "p50_ms": round(out["p50_us"] / 1000, 3), "p95_ms": round(out["p95_us"] / 1000, 3),
           "p99_ms": round(out["p99_us"] / 1000, 3), "max_ms": round(out["max_us"] / 1000, 3),
           "errors": out["errors"] + warm["errors"] + shortfall, "non_2xx": out["non_2xx"] + warm["non_2xx"],
           "socket_errors": out["socket_errors"] + warm["socket_errors"], "versions_short": shortfall,
           "client_cpu_cores": round((seconds(times[2]) + seconds(times[3])) / duration, 3)}
    row.update(f)
    print(json.dumps(row))


def cmd_floor(argv):
    """The floor (bench/Slurp.Bench.Floor) is driven by the same generator, so its line has the same shape."""
    cmd_slurp(argv, kind="floor")


def med(values, fmt):
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    m = statistics.median(values)
    return f"{fmt(m)} ({fmt(min(values))}–{fmt(max(values))})"


def system(r):
    """What a row measured: pgbench, the floor, or SLURP in one generator mode (rows from before modes were write);
    "@wrk" when wrk drove it instead of the generator."""
    driver = "@wrk" if r.get("driver") == "wrk" else ""
    if r["kind"] in ("pgbench", "shape"):
        return r["kind"]
    return ("floor" if r["kind"] == "floor" else "slurp-" + r.get("mode", "write")) + driver


def floor_of(sys_):
    """The floor driven like a SLURP system: by wrk for "@wrk" systems, by the generator otherwise."""
    return "floor@wrk" if sys_.endswith("@wrk") else "floor"


def system_name(sys_, rs):
    if sys_ == "pgbench":
        return "pgbench UPSERT"
    if sys_.endswith("@wrk"):
        return system_name(sys_[:-len("@wrk")], rs) + ", driven by wrk"
    if sys_ == "floor":
        return "floor: HTTP + one UPSERT (bench/Slurp.Bench.Floor)"
    if sys_ == "shape":
        return "pgbench: SLURP's transaction for one update, without SLURP (slurp-shape.sql)"
    if sys_ == "slurp-write":
        return "SLURP PUT (new node)"
    if sys_ == "slurp-update":
        nodes = sorted({r["update_nodes"] for r in rs if r.get("update_nodes") is not None})
        return "SLURP PUT (new version of an existing node" + (f", {'/'.join(map(str, nodes))} nodes" if nodes else "") + ")"
    return "SLURP " + sys_[len("slurp-"):]


def cmd_summary(argv):
    rows = [json.loads(l) for l in open(argv[0], encoding="utf-8") if l.strip()]
    fo = [json.loads(l) for l in open(argv[1], encoding="utf-8") if l.strip()] if len(argv) > 1 else []
    f0 = lambda v: f"{v:.0f}"
    f2 = lambda v: f"{v:.2f}"
    f1 = lambda v: f"{v:.1f}"
    phases, systems = [], ["pgbench"]
    for r in rows:
        if r["phase"] not in phases:
            phases.append(r["phase"])
        if system(r) not in systems and r["kind"] not in ("floor", "shape"):
            systems.append(system(r))
    # The shape and the floors right after pgbench, as in the run's order; the SLURP workloads are systems[first_slurp:].
    floors = [f for f in ("floor", "floor@wrk") if any(system(r) == f for r in rows)]
    has_floor = bool(floors)
    has_shape = any(r["kind"] == "shape" for r in rows)
    systems[1:1] = floors
    if has_shape:
        systems.insert(1, "shape")
    first_slurp = 1 + len(floors) + has_shape
    print("| phase | system | conc | runs | TPS or req/s | p50 ms | p95 ms | p99 ms | errors | WAL fsyncs / op | mean fsync ms | changes / commit | commit ms | silo CPU ms / op | PostgreSQL CPU ms / op | load avg (1 min) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    medians = {}
    for ph in phases:
        for sys_ in systems:
            for c in sorted({r["conc"] for r in rows if r["phase"] == ph and system(r) == sys_}):
                rs = [r for r in rows if r["phase"] == ph and system(r) == sys_ and r["conc"] == c]
                medians[(ph, sys_, c)] = {k: statistics.median([r[k] for r in rs]) for k in ("rps", "p50_ms")}
                loads = [x for r in rs for x in (r.get("load_before"), r.get("load_after")) if x is not None]
                print(f"| {ph} | {system_name(sys_, rs)} | {c} | {len(rs)} | {med([r['rps'] for r in rs], f0)} | {med([r['p50_ms'] for r in rs], f2)} "
                      f"| {med([r['p95_ms'] for r in rs], f2)} | {med([r['p99_ms'] for r in rs], f2)} | {sum(r['errors'] for r in rs)} "
                      f"| {med([r.get('fsyncs_per_op') for r in rs], f2)} | {med([r.get('fsync_ms_mean') for r in rs], f2)} "
                      f"| {med([r.get('changes_per_commit') for r in rs], f1)} | {med([r.get('commit_ms_mean') for r in rs], f2)} "
                      f"| {med([r.get('silo_cpu_ms_per_op') for r in rs], f2) if sys_ not in ('pgbench', 'shape') else '–'} | {med([r.get('pg_cpu_ms_per_op') for r in rs], f2)} "
                      f"| {min(loads):.1f}–{max(loads):.1f} |")
    if has_floor:
        print()
        print("For the floor, \"silo CPU ms / op\" is the CPU of the floor's own process (no silos take part in its cells).")
    busy = [r for r in rows if r.get("checkpoints")]
    print()
    print(f"Cells during which PostgreSQL ran a checkpoint: {len(busy)}"
          + ("" if not busy else " (" + ", ".join(f"{r['phase']} r{r['round']} {system(r)} c{r['conc']}" for r in busy) + ")"))
    clients = {}
    for r in rows:
        if r.get("client_cpu_cores") is not None and r["conc"] == 16 and r["rps"]:
            clients.setdefault(system(r), []).append(r["client_cpu_cores"] * 1000 / r["rps"])
    if clients:
        print()
        print("Client CPU per request at 16 (ms, median): " + ", ".join(
            f"{system_name(k, [])} {statistics.median(v):.3f}" for k, v in clients.items()))
    print()
    # With floor rows: the floor's own ratios to pgbench (the best any HTTP service reached here; SLURP's can
    # never be better), and two more columns, SLURP ÷ floor: how far SLURP is from that best.
    head = "| phase | SLURP workload | SLURP req/s ÷ pgbench TPS at 16 (target ≥ 0.5) | SLURP p50 ÷ pgbench p50 at 1 (target ≤ 2) | per-round throughput ratios at 16 | per-round p50 ratios at 1 |"
    if has_floor:
        head += " SLURP req/s ÷ floor req/s at 16 | SLURP p50 ÷ floor p50 at 1 |"
    if has_shape:
        head += " SLURP p50 − shape p50 at 1 (ms): the service's share |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))

    def ratio(ph, sys_, base, c, key):
        try:
            return medians[(ph, sys_, c)][key] / medians[(ph, base, c)][key]
        except KeyError:
            return None

    def per_round(ph, sys_, c, key):
        out = []
        for rnd in sorted({r["round"] for r in rows if r["phase"] == ph}):
            s = [r for r in rows if r["phase"] == ph and r["round"] == rnd and r["conc"] == c and system(r) == sys_]
            b = [r for r in rows if r["phase"] == ph and r["round"] == rnd and r["conc"] == c and r["kind"] == "pgbench"]
            if s and b:
                out.append(f"{s[0][key] / b[0][key]:.2f}")
        return ", ".join(out)

    fmt = lambda v: "–" if v is None else f"{v:.2f}"
    for ph in phases:
        for fl in floors:
            # The floor's own ratios to pgbench, not bold: a bound on SLURP's, not a result of SLURP; met or
            # missed tells whether the target is reachable at all by an HTTP service on this machine.
            t16, p1 = ratio(ph, fl, "pgbench", 16, "rps"), ratio(ph, fl, "pgbench", 1, "p50_ms")
            if t16 is not None or p1 is not None:
                print(f"| {ph} | {system_name(fl, [])} "
                      f"| {fmt(t16)}{'' if t16 is None else ' met' if t16 >= 0.5 else ' missed'} "
                      f"| {fmt(p1)}{'' if p1 is None else ' met' if p1 <= 2 else ' missed'} "
                      f"| {per_round(ph, fl, 16, 'rps')} | {per_round(ph, fl, 1, 'p50_ms')} | – | – |" + (" – |" if has_shape else ""))
        if has_shape:
            # SLURP's rows committed by pgbench: the database's share of SLURP's single-writer p50 (no 16-client
            # cell: the append lock is held to the commit, and only SLURP shares one commit among PUTs).
            p1 = ratio(ph, "shape", "pgbench", 1, "p50_ms")
            if p1 is not None:
                print(f"| {ph} | {system_name('shape', [])} | – | {fmt(p1)} | – | {per_round(ph, 'shape', 1, 'p50_ms')} |"
                      + (" – | – |" if has_floor else "") + " – |")
        for sys_ in systems[first_slurp:]:
            t16, p1 = ratio(ph, sys_, "pgbench", 16, "rps"), ratio(ph, sys_, "pgbench", 1, "p50_ms")
            if t16 is None and p1 is None:
                continue
            # (wrk cells may run at one concurrency only: the other column is then "–")
            met16 = "–" if t16 is None else f"**{t16:.2f}** {'met' if t16 >= 0.5 else 'missed'}"
            met1 = "–" if p1 is None else f"**{p1:.2f}** {'met' if p1 <= 2 else 'missed'}"
            name = system_name(sys_, [r for r in rows if r["phase"] == ph and system(r) == sys_])
            line = (f"| {ph} | {name} | {met16} | {met1} "
                    f"| {per_round(ph, sys_, 16, 'rps')} | {per_round(ph, sys_, 1, 'p50_ms')} |")
            if has_floor:
                line += f" {fmt(ratio(ph, sys_, floor_of(sys_), 16, 'rps'))} | {fmt(ratio(ph, sys_, floor_of(sys_), 1, 'p50_ms'))} |"
            if has_shape:
                try:
                    line += f" {medians[(ph, sys_, 1)]['p50_ms'] - medians[(ph, 'shape', 1)]['p50_ms']:.2f} |"
                except KeyError:
                    line += " – |"
            print(line)
    if fo:
        print()
        print("| trial | writers | every writer succeeded again after (s) | longest stall of a writer (s) | max request latency after the kill (ms) | errors after the kill | before: req/s, p50 ms, max ms | load avg |")
        print("|---|---|---|---|---|---|---|---|")
        for t in fo:
            print(f"| {t['label']} | {t['writers']} | {t['recovery_s']} | {t['stall_s']} | {t['max_latency_ms']} | {t['errors'] or 0} "
                  f"| {t['before_rps']}, {t['before_p50_ms']}, {t['before_max_ms']} | {t.get('load_before', '')} |")
        rec = [t["recovery_s"] for t in fo if t["recovery_s"] is not None]
        mx = [t["max_latency_ms"] for t in fo if t["max_latency_ms"] is not None]
        print()
        print(f"failover: recovery median {med(rec, f2)} s; max request latency median {med(mx, f0)} ms over {len(fo)} trials")


def ticks(pid, children=False):
    """utime + stime of a process; with children, also the CPU of its exited, reaped children."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
            parts = f.read().rsplit(")", 1)[1].split()
        return int(parts[11]) + int(parts[12]) + (int(parts[13]) + int(parts[14]) if children else 0)
    except (OSError, IndexError, ValueError):
        return 0


def cmd_cpu(argv):
    """argv: POSTMASTER_PID SILO_PID... -> "<silo ticks> <server ticks>"; the server is the postmaster with
    the CPU of its reaped children (exited backends) plus its live children (backends, walwriter, ...)."""
    if argv[0] != "--pg":  # (older form: silo pids only)
        print(sum(ticks(p) for p in argv), 0)
        return
    pm, pids = argv[1], argv[2:]
    pg = ticks(pm, children=True)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                    if f.read().rsplit(")", 1)[1].split()[1] == pm:
                        pg += ticks(entry)
            except (OSError, IndexError):
                pass
    print(sum(ticks(p) for p in pids), pg)


def main():
    cmd, argv = sys.argv[1], sys.argv[2:]
    {"pgbench": cmd_pgbench, "slurp": cmd_slurp, "floor": cmd_floor, "wrk": cmd_wrk, "summary": cmd_summary,
     "cpu": cmd_cpu}[cmd](argv)


if __name__ == "__main__":
    main()
