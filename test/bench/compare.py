#!/usr/bin/env python3
"""Prints the ag-vs-LibTorch ratios from runtime_bench's JSON output.

    runtime_bench --benchmark_repetitions=9 --benchmark_out=bench.json \
                  --benchmark_out_format=json
    python3 test/bench/compare.py bench.json

Each benchmark's median over the repetitions is used (the box is a noisy VM).
Throughput ratios are LibTorch time / ag time (> 1 means ag is faster); the
memcpy column is ag's bytes/s over memcpy's (bytes = read + written); the
tiny row compares per-op time (ag time / LibTorch time, lower is better).
Standard library only.
"""
import json
import statistics
import sys

UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}

CASES = [
    # (benchmark stem, label, compare with memcpy)
    ("add_1e6", "add, contiguous f32, 1e6", True),
    ("add_inplace_1e6", "add_, contiguous f32, 1e6", True),
    ("add_transposed", "add, transposed 1000x1000 + contiguous", False),
]
TINY = ("add_tiny", "add, 4 elements (per-op time)")
MEMCPY = "memcpy_1e6"

TARGET_SPEEDUP = 1.0
TARGET_MEMCPY = 0.8
TARGET_TINY = 0.3


def load(path):
    """Median real time (ns) and bytes/s per benchmark name (BM_ and
    /real_time stripped)."""
    with open(path) as f:
        data = json.load(f)
    runs = {}
    medians = {}
    for b in data.get("benchmarks", []):
        name = b.get("run_name", b["name"]).split("/")[0]
        if name.startswith("BM_"):
            name = name[3:]
        time_ns = b["real_time"] * UNIT_NS[b.get("time_unit", "ns")]
        bps = b.get("bytes_per_second", 0.0)
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[name] = (time_ns, bps)
        else:
            runs.setdefault(name, []).append((time_ns, bps))
    result = dict(medians)
    for name, samples in runs.items():
        if name not in result:
            result[name] = (statistics.median(s[0] for s in samples),
                            statistics.median(s[1] for s in samples))
    return data.get("context", {}), result


def fmt_time(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.1f} us"
    return f"{ns:.0f} ns"


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    context, r = load(argv[1])
    print(f"host: {context.get('host_name', '?')}, {context.get('num_cpus', '?')} CPUs @ "
          f"{context.get('mhz_per_cpu', '?')} MHz, run {context.get('date', '?')}")
    memcpy = r.get(MEMCPY)
    if memcpy:
        print(f"memcpy 1e6 f32: {fmt_time(memcpy[0])}, {memcpy[1] / 1e9:.1f} GB/s (read+write)")
    print()
    header = f"{'case':42} {'ag':>10} {'LibTorch':>10} {'ag/LibTorch':>12} {'ag/memcpy':>10}"
    print(header)
    print("-" * len(header))
    ok = True
    for stem, label, vs_memcpy in CASES:
        ag, torch = r.get(stem + "_ag"), r.get(stem + "_torch")
        if not ag or not torch:
            print(f"{label:42} (missing)")
            ok = False
            continue
        speedup = torch[0] / ag[0]
        mark = "" if speedup >= TARGET_SPEEDUP else " (below 1.0x)"
        bw = ""
        if vs_memcpy and memcpy and memcpy[1] > 0:
            frac = ag[1] / memcpy[1]
            bw = f"{frac * 100:.0f}%" + ("" if frac >= TARGET_MEMCPY else " (<80%)")
            ok = ok and frac >= TARGET_MEMCPY
        ok = ok and speedup >= TARGET_SPEEDUP
        print(f"{label:42} {fmt_time(ag[0]):>10} {fmt_time(torch[0]):>10} "
              f"{speedup:>11.2f}x {bw:>10}{mark}")
    stem, label = TINY
    ag, torch = r.get(stem + "_ag"), r.get(stem + "_torch")
    if ag and torch:
        ratio = ag[0] / torch[0]
        ok = ok and ratio <= TARGET_TINY
        print(f"{label:42} {fmt_time(ag[0]):>10} {fmt_time(torch[0]):>10} "
              f"{'time ' + format(ratio, '.2f') + 'x':>12}" + ("" if ratio <= TARGET_TINY else " (>0.3x)"))
    print()
    print("targets: >= 1.0x LibTorch throughput, >= 80% of memcpy bandwidth at 1e6, "
          "tiny-op time <= 0.3x LibTorch's:", "met" if ok else "NOT all met")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
