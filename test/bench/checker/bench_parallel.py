#!/usr/bin/env python3
"""Parallel speed-up of `aliasguard -p` (-j N against -j 1) on the project's own inputs.

  python3 test/bench/checker/bench_parallel.py --aliasguard build/tool/aliasguard [--runs 7]

Inputs: a compilation database of the checker's test inputs that compile
(test/checker/ag/*.cpp, the CLI test programs and their Inputs/*.cpp) and the
tutorial programs (docs/examples/*.cpp), each copied --copies times under its
own name so that a run is long enough to time. Every configuration in --jobs
runs --runs times, interleaved (the order alternates every round, so drift in
the machine's load hits all of them alike), after one untimed warm-up run.

Prints, per configuration, the median wall time, the median CPU time of the
children (user + sys) and the CPU utilisation (CPU time / wall time); then
the speed-up of each against -j 1 as the ratio of medians and as the median
of the per-round ratios. Also prints the load average before and after and the
cost of one aliasguard process on an empty file (start-up + the smallest
parse), which bounds how much of a run cannot be parallel.

Then a model that does not depend on how busy the machine is: the CPU time of
each file checked alone (median of --model-runs), the serial part (the
empty-file run), and the schedule the thread pool makes (files taken in
database order by the first free worker), giving the speed-up a machine with
N free cores would show. CPU time barely changes with load; wall time on a
shared machine does (with the kernel's autogroup scheduling, a session gets
its share of the CPUs however many threads it runs).
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
CLI = os.path.join(ROOT, 'test', 'checker', 'cli')

# (glob directory, files to leave out: they are meant not to compile)
SOURCES = [
    (os.path.join(ROOT, 'test', 'checker', 'ag'), set()),
    (CLI, {'malformed.cpp'}),
    (os.path.join(CLI, 'Inputs'), set()),
    (os.path.join(ROOT, 'docs', 'examples'), set()),
]


def inputs():
    files = []
    for directory, skip in SOURCES:
        files += sorted(os.path.join(directory, f) for f in os.listdir(directory)
                        if f.endswith('.cpp') and f not in skip)
    return files


def make_database(tmp, copies):
    flags = ['-std=c++20', '-I' + os.path.join(ROOT, 'runtime', 'include'),
             '-I' + os.path.join(CLI, 'Inputs')]
    entries = []
    for k in range(copies):
        for src in inputs():
            name = '%s_%s' % (os.path.basename(os.path.dirname(src)), os.path.basename(src))
            dst = os.path.join(tmp, 'copy%d' % k, name)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(src, dst)
            entries.append({'directory': tmp, 'file': dst,
                            'arguments': ['c++', *flags, '-c', dst, '-o', dst + '.o']})
    with open(os.path.join(tmp, 'compile_commands.json'), 'w') as f:
        json.dump(entries, f, indent=1)
    return len(entries)


def timed(cmd):
    """(wall seconds, children's user+sys CPU seconds) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # 0: clean, 1 cannot happen without --warnings-as-errors; findings are
    # expected (the inputs are the checker's test cases).
    if proc.returncode != 0:
        sys.exit('command failed (%d): %s\n%s' % (proc.returncode, ' '.join(cmd),
                                                   proc.stderr[-3000:]))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--aliasguard', required=True)
    ap.add_argument('--runs', type=int, default=7)
    ap.add_argument('--copies', type=int, default=2)
    ap.add_argument('--jobs', default='1,2', help='comma-separated -j values; the first is the baseline')
    ap.add_argument('--model-runs', type=int, default=3,
                    help='runs per file for the per-file CPU times (0: skip the model)')
    args = ap.parse_args()
    jobs = [int(j) for j in args.jobs.split(',')]

    with tempfile.TemporaryDirectory() as tmp:
        n = make_database(tmp, args.copies)
        empty = os.path.join(tmp, 'empty.cpp')
        open(empty, 'w').close()
        load_before = os.getloadavg()
        cmd = lambda j: [args.aliasguard, '--quiet', '-p', tmp, '-j', str(j)]
        timed(cmd(max(jobs)))  # warm-up: page cache, dynamic loader
        walls = {j: [] for j in jobs}
        cpus = {j: [] for j in jobs}
        for r in range(args.runs):
            for j in (jobs if r % 2 == 0 else list(reversed(jobs))):
                wall, cpu = timed(cmd(j))
                walls[j].append(wall)
                cpus[j].append(cpu)
            print('round %d: %s' % (r + 1, '  '.join('-j%d %.2fs' % (j, walls[j][-1]) for j in jobs)),
                  file=sys.stderr)
        startup_runs = [timed([args.aliasguard, '--quiet', empty, '--', '-std=c++20'])
                        for _ in range(5)]
        startup = statistics.median(w for w, _ in startup_runs)
        startup_cpu = statistics.median(c for _, c in startup_runs)
        # Per-file CPU times (the copies are identical: time copy 0 only).
        per_file = []
        if args.model_runs:
            with open(os.path.join(tmp, 'compile_commands.json')) as f:
                db = sorted(e['file'] for e in json.load(f))
            cost = {}
            for path in db:
                name = os.path.basename(path)
                if name not in cost:
                    cost[name] = statistics.median(
                        timed([args.aliasguard, '--quiet', '-p', tmp, path])[1]
                        for _ in range(args.model_runs))
                per_file.append((name, cost[name]))
        load_after = os.getloadavg()

    base = jobs[0]
    print('files: %d (%d inputs x %d copies), runs: %d, cores: %d' %
          (n, n // args.copies, args.copies, args.runs, os.cpu_count()))
    print('load average before: %.2f %.2f %.2f, after: %.2f %.2f %.2f' % (*load_before, *load_after))
    print('one process on an empty file: %.3f s' % startup)
    print()
    print('| -j | wall (median) | CPU user+sys (median) | CPU / wall | speed-up vs -j%d (ratio of medians) '
          '| speed-up (median of per-round ratios) |' % base)
    print('|---:|---:|---:|---:|---:|---:|')
    for j in jobs:
        wall = statistics.median(walls[j])
        cpu = statistics.median(cpus[j])
        ratio = statistics.median(walls[base]) / wall
        paired = statistics.median(b / w for b, w in zip(walls[base], walls[j]))
        print('| %d | %.2f s | %.2f s | %.2f | %.2f× | %.2f× |' % (j, wall, cpu, cpu / wall, ratio, paired))
    print()
    print('all wall times: ' + '; '.join('-j%d: %s' % (j, ', '.join('%.2f' % w for w in walls[j]))
                                        for j in jobs))
    if per_file:
        # Each single-file run includes one start-up; a -p run pays it once.
        work = [max(c - startup_cpu, 0.0) for _, c in per_file]
        print()
        print('model from CPU times: start-up + empty parse %.3f s CPU; per file %.3f-%.3f s '
              '(median %.3f), %d files, total %.2f s' %
              (startup_cpu, min(work), max(work), statistics.median(work), len(work), sum(work)))
        serial = startup_cpu + sum(work)
        for j in jobs:
            free = [0.0] * j
            for w in work:  # the pool's FIFO queue: the next file to the first free worker
                k = free.index(min(free))
                free[k] += w
            makespan = startup_cpu + max(free)
            print('  -j%d on %d free cores: %.2f s, speed-up %.2f× (schedule bound %.2f×)' %
                  (j, j, makespan, serial / makespan, sum(work) / max(free)))


if __name__ == '__main__':
    main()
