#!/usr/bin/env python3
"""Times aliasguard against `clang++ -fsyntax-only` on the same inputs.

  python3 test/bench/checker/bench_checker.py --aliasguard build-checker/tool/aliasguard

Inputs: a translation unit including <torch/torch.h>, and one generated `ag`
function at 10x size steps (100, 1,000, 10,000 units of ~8 lines). Each
command runs --repeat times; the minimum wall time is reported (the least
disturbed run on a shared machine). Prints a Markdown table.

  python3 test/bench/checker/bench_checker.py --aliasguard NEW --compare OLD

compares the analysis time alone (`--print-stats`, parsing excluded) of two
aliasguard binaries on the same inputs, the two runs alternating, and gives
each as a share of the parse time (`clang++ -fsyntax-only`).
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))

UNIT = """  {{
    ag::Tensor t = ag::ones({{4}});
    ag::Tensor v = t.view({{2, 2}});
    acc = acc + v.sum();
    if (n > {k}) t.add_(1); else t.mul_(2);
    ag::Tensor c = t.clone();
    c.add_({k});
    acc = acc + c.sum() + v.numel();
  }}
"""
# One real bug every 100 units keeps the reporting path in the measurement.
BUG = """  {{
    ag::Tensor a = ag::ones({{3}});
    ag::Tensor b = a;
    b.add_({k});
    acc = acc + a.sum();
  }}
"""


def generate(units, path):
    with open(path, 'w') as f:
        f.write('#include <ag/ag.h>\n\nag::Tensor generated(int n) {\n')
        f.write('  ag::Tensor acc = ag::zeros({1});\n')
        for k in range(units):
            f.write((BUG if k % 100 == 99 else UNIT).format(k=k))
        f.write('  return acc;\n}\n')


def analysis_time(cmd):
    """The analysis alone (no parsing), from `aliasguard --print-stats`."""
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr.splitlines():
        if line.startswith('aliasguard: analysis '):
            return float(line.split()[2])
    sys.exit('no stats from: ' + ' '.join(cmd))


def best_time(cmd, repeat):
    best = float('inf')
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            sys.exit('command failed: %s\n%s' % (' '.join(cmd), proc.stderr[-2000:]))
        best = min(best, elapsed)
    return best


def compare(args, inputs):
    """Analysis time before/after, interleaved so that both see the same load."""
    rows = []
    for label, path, flags, lines in inputs:
        parse = best_time([args.clang, '-fsyntax-only', *flags, path], args.repeat)
        old, new = float('inf'), float('inf')
        for _ in range(args.repeat):
            old = min(old, analysis_time([args.compare, '--print-stats', path, '--', *flags]))
            new = min(new, analysis_time([args.aliasguard, '--print-stats', path, '--', *flags]))
        rows.append((label, parse, old, new))
        print('%s: parse %.3fs analysis before %.3fs after %.3fs' % (label, parse, old, new),
              file=sys.stderr)
    print('| input | parse (clang++ -fsyntax-only) | analysis before | analysis after '
          '| after/before | after, % of parse |')
    print('|---|---:|---:|---:|---:|---:|')
    for label, parse, old, new in rows:
        print('| %s | %.2f s | %.3f s | %.3f s | %.2f× | %.1f %% |' %
              (label, parse, old, new, new / old, 100 * new / parse))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--aliasguard', required=True)
    ap.add_argument('--clang', default='/usr/lib/llvm-19/bin/clang++')
    ap.add_argument('--clang-tidy', default='/usr/lib/llvm-19/bin/clang-tidy')
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--sizes', default='100,1000,10000')
    ap.add_argument('--compare', metavar='OLD_ALIASGUARD',
                    help='compare the analysis time with this (earlier) aliasguard binary')
    args = ap.parse_args()

    ag_flags = ['-std=c++20', '-I' + os.path.join(ROOT, 'runtime', 'include')]
    torch_flags = ['-std=c++17', '-I/usr/include', '-I/usr/include/torch/csrc/api/include']
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        inputs = []
        torch_input = os.path.join(ROOT, 'test', 'checker', 'torch', 'libtorch-cli.cpp')
        if os.path.exists('/usr/include/torch/csrc/api/include/torch/torch.h'):
            inputs.append(('LibTorch TU (<torch/torch.h>, %d lines)' % sum(1 for _ in open(torch_input)),
                           torch_input, torch_flags, None))
        for units in [int(s) for s in args.sizes.split(',')]:
            path = os.path.join(tmp, 'gen_%d.cpp' % units)
            generate(units, path)
            lines = sum(1 for _ in open(path))
            inputs.append(('generated ag function, %d units (%d lines)' % (units, lines),
                           path, ag_flags, lines))
        if args.compare:
            compare(args, inputs)
            return
        for label, path, flags, lines in inputs:
            clang = best_time([args.clang, '-fsyntax-only', *flags, path], args.repeat)
            guard = best_time([args.aliasguard, path, '--', *flags], args.repeat)
            tidy = best_time([args.clang_tidy, '--checks=-*,readability-braces-around-statements',
                              '--quiet', path, '--', *flags], args.repeat)
            analysis = min(analysis_time([args.aliasguard, '--print-stats', path, '--', *flags])
                           for _ in range(args.repeat))
            rows.append((label, clang, guard, tidy, analysis, lines))
            print('%s: clang %.3fs aliasguard %.3fs (analysis %.3fs) clang-tidy %.3fs' %
                  (label, clang, guard, analysis, tidy), file=sys.stderr)

    print('| input | clang++ -fsyntax-only | aliasguard | ratio | clang-tidy, 1 trivial check | ratio '
          '| analysis alone | analysis µs/line |')
    print('|---|---:|---:|---:|---:|---:|---:|---:|')
    for label, clang, guard, tidy, analysis, lines in rows:
        per_line = '%.1f' % (analysis / lines * 1e6) if lines else '–'
        print('| %s | %.2f s | %.2f s | %.2f× | %.2f s | %.2f× | %.3f s | %s |' %
              (label, clang, guard, guard / clang, tidy, tidy / clang, analysis, per_line))


if __name__ == '__main__':
    main()
