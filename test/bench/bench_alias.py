#!/usr/bin/env python3
"""The checked runtimes' cost, side by side in one run (docs/performance.md).

    cmake --build build --target alias_bench alias_bench_nohooks
    python3 test/bench/bench_alias.py build/test/bench [--rounds 7]
    cmake --build build --target torch_alias_bench aliasguard_torch
    python3 test/bench/bench_alias.py build/test/bench --torch build/runtime/libaliasguard_torch.so

With --torch: the LibTorch checker, torch_alias_bench run without (off) and
with (checked) LD_PRELOAD of the library, interleaved the same way, against
the same targets for checked/off. --baseline OLD_LIB adds a third
configuration, the same benchmark under another build of the library (the
base commit's), in the same rounds: its ratio to off is printed beside
checked/off, so a change is compared under the same machine load.

Runs three configurations, interleaved round by round so that machine noise
hits all of them alike:
  nohooks  alias_bench_nohooks: hooks compiled out (AG_NO_ALIAS_HOOKS)
  off      alias_bench, checking off (the default runtime)
  checked  alias_bench with AG_ALIAS_OPTIONS set (checking on)
and prints, per benchmark, the median time of each and the ratios
checked/off and off/nohooks against the issue's targets: checked/off <= 1.5
on 4-element ops, <= 1.05 on 10^6-element ops; off/nohooks <= 1.02.
Standard library only.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

TARGETS_CHECKED = {  # benchmark -> max checked/off
    "BM_add_tiny": 1.5,
    "BM_add_tiny_aliased": 1.5,
    "BM_add_inplace_tiny_aliased": 1.5,
    "BM_add_1e6/real_time": 1.05,
    "BM_add_inplace_1e6/real_time": 1.05,
    "BM_add_inplace_tiny": 1.5,
}
TARGET_OFF = 1.02


def run(binary, env_extra, min_time):
    env = dict(os.environ)
    env.pop("AG_ALIAS_OPTIONS", None)
    env.pop("LD_PRELOAD", None)
    env.update(env_extra)
    out = subprocess.run(
        [binary, "--benchmark_format=json", "--benchmark_min_time=%s" % min_time],
        env=env, check=True, capture_output=True, text=True).stdout
    return {b["name"]: b["real_time"] for b in json.loads(out)["benchmarks"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench_dir", help="directory holding alias_bench and alias_bench_nohooks")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--min-time", default="0.2")
    ap.add_argument("--torch", metavar="LIB",
                    help="measure the LibTorch checker LIB (libaliasguard_torch.so) instead")
    ap.add_argument("--baseline", metavar="OLD_LIB",
                    help="with --torch: also run under OLD_LIB, another build of the checker")
    args = ap.parse_args()
    if args.baseline and not args.torch:
        ap.error("--baseline needs --torch")
    if args.torch:
        torch_bin = os.path.join(args.bench_dir, "torch_alias_bench")
        configs = [("off", torch_bin, {}),
                   ("checked", torch_bin, {"LD_PRELOAD": os.path.abspath(args.torch),
                                           "AG_ALIAS_OPTIONS": "exitcode=0"})]
        if args.baseline:
            configs.append(("baseline", torch_bin, {"LD_PRELOAD": os.path.abspath(args.baseline),
                                                    "AG_ALIAS_OPTIONS": "exitcode=0"}))
    else:
        checked_bin = os.path.join(args.bench_dir, "alias_bench")
        nohooks_bin = os.path.join(args.bench_dir, "alias_bench_nohooks")
        configs = [("nohooks", nohooks_bin, {}), ("off", checked_bin, {}),
                   ("checked", checked_bin, {"AG_ALIAS_OPTIONS": "exitcode=0"})]
    times = {name: {} for name, _, _ in configs}
    for r in range(args.rounds):
        # Reversed every other round: no configuration always runs first.
        for name, binary, env in (configs if r % 2 == 0 else configs[::-1]):
            for bench, t in run(binary, env, args.min_time).items():
                times[name].setdefault(bench, []).append(t)
        sys.stderr.write("round %d/%d done\n" % (r + 1, args.rounds))
    med = {n: {b: statistics.median(v) for b, v in d.items()} for n, d in times.items()}
    ok = True
    anchor = "nohooks" in med  # the ag runtime's third configuration
    base = "baseline" in med
    print("%-32s %10s %10s %10s %13s %13s" % ("benchmark (median ns)", "nohooks", "off",
                                               "checked", "checked/off", "off/nohooks")
          + ("%14s" % "baseline/off" if base else ""))
    for bench in med["off"]:
        o, c = med["off"][bench], med["checked"][bench]
        n = med["nohooks"][bench] if anchor else float("nan")
        co, on = c / o, o / n
        limit = TARGETS_CHECKED.get(bench)
        marks = []
        if limit is not None:
            marks.append("checked %s %.2f" % ("ok <=" if co <= limit else "MISSED >", limit))
            ok &= co <= limit
        if anchor:
            marks.append("off %s %.2f" % ("ok <=" if on <= TARGET_OFF else "MISSED >",
                                          TARGET_OFF))
            ok &= on <= TARGET_OFF
        extra = "%14.3f" % (med["baseline"][bench] / o) if base else ""
        print("%-32s %10.1f %10.1f %10.1f %13.3f %13.3f%s   %s" % (bench, n, o, c, co, on, extra,
                                                                   ", ".join(marks)))
    print("all targets met" if ok else "some targets missed")


if __name__ == "__main__":
    main()
