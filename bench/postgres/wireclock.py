#!/usr/bin/env python3
"""Where a single writer's PUT spends its time, seen on the loopback wire (no change to the service).

  wireclock.py record --ports 5300,55600 --seconds 4 --out FILE
      Root only. Records the kernel timestamp, source and destination port and payload length of every TCP
      segment with a payload on those ports (each segment once: its outgoing copy on lo) for SECONDS.
  wireclock.py split FILE --http-port 5300 --pg-port 55600
      For one writer (concurrency 1): per request, the HTTP request's arrival -> the service's first segment to
      PostgreSQL -> PostgreSQL's last answer before the HTTP answer -> the HTTP answer. Prints the medians of the
      three spans ("in the service before the database", "the database on the wire", "in the service after"),
      and the median of every query -> answer exchange on the PostgreSQL port, which also times pgbench's.

Run `record` in the background while the load generator (or pgbench) runs at concurrency 1. The recorder is a
Python loop: it costs some CPU and raises the p50 it watches by a few hundredths of a millisecond, so compare
spans recorded the same way, not against unrecorded runs.
"""
import argparse
import socket
import statistics
import struct
import sys
import time

ETH_P_ALL = 0x0003
SO_TIMESTAMPNS = 35


def record(ports, seconds, out_path):
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.ntohs(ETH_P_ALL))
    sock.bind(("lo", 0))
    sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    sock.settimeout(0.5)
    end = time.time() + seconds
    with open(out_path, "w", encoding="ascii") as out:
        while time.time() < end:
            try:
                data, ancillary, _, address = sock.recvmsg(65535, 64)
            except socket.timeout:
                continue
            if address[2] != socket.PACKET_OUTGOING or len(data) < 20 or data[0] >> 4 != 4 or data[9] != 6:
                continue
            stamp = next((struct.unpack("qq", c[:16]) for lvl, typ, c in ancillary
                          if lvl == socket.SOL_SOCKET and typ == SO_TIMESTAMPNS), None)
            if stamp is None:
                continue
            ihl = (data[0] & 15) * 4
            total = struct.unpack("!H", data[2:4])[0]
            sport, dport = struct.unpack("!HH", data[ihl:ihl + 4])
            payload = total - ihl - (data[ihl + 12] >> 4) * 4
            if payload > 0 and (sport in ports or dport in ports):
                out.write(f"{stamp[0] + stamp[1] / 1e9:.9f} {sport} {dport} {payload}\n")


def split(path, http_port, pg_port):
    rows = []
    with open(path, encoding="ascii") as f:
        for line in f:
            t, s, d, n = line.split()
            rows.append((float(t), int(s), int(d), int(n)))
    before, database, after, total = [], [], [], []
    request = None
    for t, sport, dport, _ in rows:
        if dport == http_port:
            request = {"in": t, "query": None, "answer": None}
        elif request and dport == pg_port and request["query"] is None:
            request["query"] = t
        elif request and sport == pg_port and request["query"] is not None:
            request["answer"] = t
        elif request and sport == http_port:
            if request["query"] is not None and request["answer"] is not None:
                before.append(request["query"] - request["in"])
                database.append(request["answer"] - request["query"])
                after.append(t - request["answer"])
                total.append(t - request["in"])
            request = None
    pending, exchanges = {}, []
    for t, sport, dport, _ in rows:
        if dport == pg_port:
            pending.setdefault(sport, t)
        elif sport == pg_port and dport in pending:
            exchanges.append(t - pending.pop(dport))
    ms = lambda xs: f"{statistics.median(xs) * 1000:.3f}" if xs else "-"
    print(f"requests {len(total)}: in the service before the database {ms(before)} ms | the database on the wire "
          f"{ms(database)} ms | in the service after {ms(after)} ms | total {ms(total)} ms")
    print(f"PostgreSQL exchanges {len(exchanges)}: median {ms(exchanges)} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    rec = commands.add_parser("record")
    rec.add_argument("--ports", required=True)
    rec.add_argument("--seconds", type=float, default=4.0)
    rec.add_argument("--out", required=True)
    spl = commands.add_parser("split")
    spl.add_argument("file")
    spl.add_argument("--http-port", type=int, required=True)
    spl.add_argument("--pg-port", type=int, required=True)
    a = parser.parse_args()
    if a.command == "record":
        record({int(p) for p in a.ports.split(",")}, a.seconds, a.out)
    else:
        split(a.file, a.http_port, a.pg_port)


if __name__ == "__main__":
    sys.exit(main())
