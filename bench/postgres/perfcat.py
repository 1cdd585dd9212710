#!/usr/bin/env python3
"""Splits a silo's CPU samples by where they were spent, per operation.

    perf record -F 2999 -g -p <silo pid> -o perf.data -- sleep 8      # while a load runs
    perf script -i perf.data -F comm,ip,sym > perf.txt
    python3 perfcat.py perf.txt --ops <requests in those 8 s> --hz 2999

Each sample goes to the first category met: the GC's and the JIT's threads by name, spinning/waiting and GC
anywhere in its stack, then the categories below scanned from the leaf up; samples matching none count under
their thread's name. The silo must run with DOTNET_PerfMapEnabled=1 so perf can name JIT-compiled frames.
"""
import argparse
import collections
import re

# By the sampled thread's name (perf shows its first 15 characters).
THREADS = [
    ("garbage collection", r"^\.NET (Server|BGC)"),
    ("JIT (tiered compilation)", r"^\.NET Tiered"),
]
WHOLE_STACK = [
    ("thread pool spinning and waiting", r"LowLevelLifoSemaphore|sched_yield|LowLevelSpinWaiter"),
    ("garbage collection", r"gc_heap|GCHeap|WKS::|SVR::|GarbageCollect"),
]
LEAF_UP = [
    ("zstd", r"ZstdSharp|PayloadCompression"),
    ("cryptography", r"libcrypto|Cryptography|Slurp\.Domain\.Crypto|KeyWrap|EnvelopeCipher|AuditChain|CanonicalHash|OpenSsl|ERR_clear|EVP_|SHA256|HMAC"),
    ("System.Text.Json", r"System\.Text\.Json"),
    ("Orleans serialization", r"Orleans\.Serialization|OrleansCodeGen|NodeStateRows"),
    ("Npgsql", r"Npgsql"),
    ("Orleans runtime", r"Orleans\."),
    ("ASP.NET Core and Kestrel", r"Microsoft\.AspNetCore|Kestrel"),
    ("OpenTelemetry", r"OpenTelemetry|System\.Diagnostics\.Metrics"),
    ("SLURP's own code", r"Slurp\."),
    ("kernel: network stack", r"tcp_|ip_|sock|skb|net_rx|__dev_queue|loopback|epoll|ep_poll"),
    ("kernel: scheduler", r"finish_task_switch|__schedule|futex|try_to_wake|schedule"),
]


def samples(path):
    thread, stack = None, []
    with open(path, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if not line.strip():
                if stack:
                    yield thread, stack
                thread, stack = None, []
            elif line[0] in " \t":
                stack.append(line.strip())
            else:
                if stack:
                    yield thread, stack
                thread, stack = line.strip(), []
    if stack:
        yield thread, stack


def category(thread, stack):
    for name, pattern in THREADS:
        if re.search(pattern, thread or ""):
            return name
    whole = " ".join(stack)
    for name, pattern in WHOLE_STACK:
        if re.search(pattern, whole):
            return name
    for frame in stack:
        for name, pattern in LEAF_UP:
            if re.search(pattern, frame):
                return name
    return f"other: thread {thread}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("script", help="output of perf script -F comm,ip,sym")
    parser.add_argument("--ops", type=float, help="operations served while perf recorded")
    parser.add_argument("--hz", type=float, default=2999, help="perf record's -F")
    args = parser.parse_args()
    counts = collections.Counter(category(t, s) for t, s in samples(args.script))
    total = sum(counts.values())
    for name, count in counts.most_common():
        line = f"{name:40s} {100 * count / total:5.1f} %"
        if args.ops:
            line += f"  {count * 1e6 / args.hz / args.ops:6.1f} µs / op"
        print(line)


if __name__ == "__main__":
    main()
