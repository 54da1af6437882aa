#!/usr/bin/env python3
"""Differential test of aliasguard's two halves on the shared bug corpus.

For every program test/corpus/*.cpp:
  * the static side runs `aliasguard --format=json` and maps each finding to
    (kind, write line, read line);
  * the dynamic side runs the program built against the checked runtime
    (aliasguard::runtime_checked) and parses its sanitizer-style reports;
  * both are compared with each other and with the program's expectations:
        // EXPECT: <kind> write=<line> read=<line>     (or: // EXPECT: none)
        // KNOWN-LIMIT: static|dynamic|both <kind> write=<line> read=<line> -- <slug>: <reason>
    A finding on one side only must be a declared KNOWN-LIMIT of that side
    (`static`: only the static checker reports it, `dynamic`: only the checked
    runtime); an EXPECTed finding neither side reports must be declared
    `both` (missed by both). Undeclared disagreements, a finding both sides
    report that is not EXPECTed, and a KNOWN-LIMIT that does not happen as
    declared all fail.

param-mutation findings are compared by (kind, write line) only: the static
check reports the write in the callee and has no read line.

Every program must also exit 0 under the normal runtime with nothing on
stderr (the corpus stays valid C++ and its buggy path runs).

The LibTorch leg (test/corpus/torch/*.cpp) runs the same comparison with the
LibTorch run-time check: `--static-arg` gives the checker's compiler flags
(LibTorch's include directory), the programs are plain LibTorch programs
(`--normal-dir`) and the checked run is the same binary with
`--checked-env LD_PRELOAD=libaliasguard_torch.so`.

Standard library only. See test/corpus/README.md.
"""

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

# The report kinds: the checks of tool/include/aliasguard/Checks.def without
# their prefix, read from `aliasguard --list-checks` in main().
KINDS = ()
# Kinds compared without the read line (the static check has none for them).
WRITE_ONLY_KINDS = ('param-mutation', 'overlapping-inplace')
RUN_TIMEOUT = 60  # seconds per program run; every program runs in well under 1 s


class CorpusError(Exception):
    """A malformed corpus program or expectation."""


def key_of(kind, write, read):
    """The comparison key of a finding: (kind, write, read), read dropped for
    the write-only kinds."""
    return (kind, write, None if kind in WRITE_ONLY_KINDS else read)


def fmt_key(key):
    kind, write, read = key
    return f'{kind} w={write}' + ('' if read is None else f' r={read}')


# ----------------------------------------------------------------------------
# Expectations
# ----------------------------------------------------------------------------

EXPECT_RE = re.compile(r'^\s*//\s*EXPECT:\s*(.*?)\s*$')
LIMIT_RE = re.compile(r'^\s*//\s*KNOWN-LIMIT:\s*(.*?)\s*$')
FINDING_RE = re.compile(r'^(?P<kind>[a-z-]+)\s+write=(?P<write>\d+)(?:\s+read=(?P<read>\d+))?$')
LIMIT_BODY_RE = re.compile(r'^(?P<side>static|dynamic|both)\s+(?P<finding>.*?)\s+--\s+'
                           r'(?P<slug>[a-z0-9][a-z0-9-]*):\s*(?P<reason>\S.*)$')
WRITE_LIKE_RE = re.compile(r'\w_\s*\(|[-+*/]=|\]\s*=[^=]|\bfill\s*\(|\w\s*\(')


class Program:
    def __init__(self, path):
        self.path = path
        self.name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding='utf-8') as f:
            self.lines = f.read().split('\n')
        self.expected = set()       # keys
        self.expect_none = False
        self.limits = {}            # key -> (side, slug, reason)
        self.errors = []
        self._parse()

    def _code_line(self, n, what, write=False):
        if n < 1 or n > len(self.lines):
            raise CorpusError(f'{what}={n} is outside the file (1..{len(self.lines)})')
        text = self.lines[n - 1].split('//')[0].strip()
        if not text or text.startswith('#'):
            raise CorpusError(f'{what}={n} is not a line of code: {self.lines[n - 1].strip()!r}')
        if write and not WRITE_LIKE_RE.search(text):
            raise CorpusError(f'write={n} does not look like a write or call: {text!r}')

    def _finding(self, text, lineno):
        m = FINDING_RE.match(text)
        if not m:
            raise CorpusError(f'line {lineno}: expected "<kind> write=<line> read=<line>", got {text!r}')
        kind = m.group('kind')
        if kind not in KINDS:
            raise CorpusError(f'line {lineno}: unknown kind {kind!r} (one of {", ".join(KINDS)})')
        write = int(m.group('write'))
        read = int(m.group('read')) if m.group('read') else None
        if read is None and kind not in WRITE_ONLY_KINDS:
            raise CorpusError(f'line {lineno}: {kind} needs read=<line>')
        self._code_line(write, 'write', write=True)
        if read is not None:
            self._code_line(read, 'read')
        return key_of(kind, write, read)

    def _parse(self):
        saw_expect = False
        for i, line in enumerate(self.lines, 1):
            try:
                m = EXPECT_RE.match(line)
                if m:
                    saw_expect = True
                    body = m.group(1)
                    if body == 'none':
                        self.expect_none = True
                    else:
                        self.expected.add(self._finding(body, i))
                    continue
                m = LIMIT_RE.match(line)
                if m:
                    lm = LIMIT_BODY_RE.match(m.group(1))
                    if not lm:
                        raise CorpusError(
                            f'line {i}: expected "KNOWN-LIMIT: static|dynamic|both <kind> write=<line> '
                            f'read=<line> -- <slug>: <reason>", got {m.group(1)!r}')
                    key = self._finding(lm.group('finding'), i)
                    if key in self.limits:
                        raise CorpusError(f'line {i}: {fmt_key(key)} declared twice')
                    self.limits[key] = (lm.group('side'), lm.group('slug'), lm.group('reason'))
            except CorpusError as e:
                self.errors.append(str(e))
        for key, (side, _, _) in self.limits.items():
            if side == 'both' and key not in self.expected:
                self.errors.append(f'"KNOWN-LIMIT: both" for {fmt_key(key)}, which is not EXPECTed')
        if self.expect_none and self.expected:
            self.errors.append('"EXPECT: none" together with expected findings')
        if not saw_expect:
            self.errors.append('no "// EXPECT:" line (write "// EXPECT: none" for a correct program)')
        if self.name.endswith('_ok') and self.expected:
            self.errors.append('a *_ok program (correct code) with EXPECTed findings')
        if not self.name.endswith('_ok') and self.expect_none:
            self.errors.append('"EXPECT: none" in a program whose name does not end in _ok')


# ----------------------------------------------------------------------------
# Static side
# ----------------------------------------------------------------------------

def static_key(finding):
    """(kind, write line, read line) of one `aliasguard --format=json` finding.

    assign-instead-of-clone is reported at the copy, with a note at the write
    ("in-place write through 'b' here") and one at the read ("'a' is read
    here ..."); param-mutation at the call that writes the argument, with the
    callee's write in a note ("written by 'f' here"), or, in a function no
    analysed code calls, at the write; the other checks at the write, with the
    read in a note. param-mutation is compared without its read."""
    kind = finding['check'].removeprefix('aliasguard-')
    notes = finding.get('notes', [])
    write = finding['line']
    if kind == 'assign-instead-of-clone':
        writes = [n['line'] for n in notes if n['message'].startswith('in-place write through')]
        if not writes:
            raise CorpusError(f'assign-instead-of-clone finding without a write note: {finding}')
        write = writes[0]
    elif kind == 'param-mutation':
        # Reported at the call when a caller reads its argument afterwards,
        # with the callee's write in a note; else at the write itself.
        writes = [n['line'] for n in notes if n['message'].startswith('written by ')]
        if writes:
            write = writes[0]
    reads = [n['line'] for n in notes if ' is read here' in n['message']]
    return key_of(kind, write, reads[0] if reads else None)


def run_static(args, programs):
    """{program name: set of keys}; raises CorpusError if the checker failed."""
    cmd = [args.aliasguard, '--format=json', '--quiet', '-j', str(args.jobs)]
    cmd += [p.path for p in programs]
    cmd += ['--'] + (args.static_arg or ['-std=c++20', f'-I{args.include}'])
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise CorpusError(f'aliasguard exited {proc.returncode}:\n{proc.stderr.strip()}')
    try:
        doc = json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        raise CorpusError(f'aliasguard printed invalid JSON ({e}):\n{proc.stdout[:500]}')
    by_path = {os.path.realpath(p.path): p.name for p in programs}
    result = {p.name: set() for p in programs}
    for f in doc.get('findings', []):
        name = by_path.get(os.path.realpath(f['file']))
        if name is None:
            raise CorpusError(f'finding in a file outside the corpus: {f["file"]}')
        result[name].add(static_key(f))
    return result


# ----------------------------------------------------------------------------
# Dynamic side
# ----------------------------------------------------------------------------

# A source location anywhere on a line: `at file:line:col in f`, or a frame `#1 file:line:col`.
LOC_RE = re.compile(r'(?P<file>[^\s:()]+):(?P<line>\d+)(?::(?P<col>\d+))?\b')
HEADER_RE = re.compile(r'^==\d+==(?:WARNING|ERROR): aliasguard: (?P<kind>[a-z-]+):')


def parse_runtime_reports(stderr, program_file):
    """Reports of the checked runtime in `stderr` as (kind, write line, read
    line, report text) tuples. A report is

        ==<pid>==WARNING: aliasguard: <kind>: <description>
            READ by '<op>' through handle #<n> at <file>:<line>:<col> in <function>
            WRITE by '<op>' through handle #<n> at <file>:<line>:<col> in <function>
            ALIAS handle #<n> made by '<op>' of handle #<m> at <file>:<line>:<col> in <function>
            ... (further indented lines, e.g. more stack frames)
        SUMMARY: aliasguard: <kind> <file>:<line>:<col> in <function>

    The READ / WRITE line of a report is the first location in
    `program_file` found on the READ / WRITE line itself or on the indented
    lines that follow it (deeper frames), so an op reached from a runtime or
    standard library frame is still attributed to the user's line. Lines that
    belong to no report are ignored."""
    base = os.path.basename(program_file)

    def in_program(path):
        return os.path.basename(path) == base

    reports = []
    current = None
    section = None
    for raw in stderr.splitlines():
        line = raw.rstrip()
        m = HEADER_RE.match(line)
        if m:
            current = {'kind': m.group('kind'), 'READ': None, 'WRITE': None, 'text': [line]}
            reports.append(current)
            section = None
            continue
        if current is None:
            continue
        if line.startswith('SUMMARY: aliasguard:'):
            current['text'].append(line)
            current = None
            continue
        if not line.startswith((' ', '\t')):
            current = None  # the report ended without a summary line
            continue
        current['text'].append(line)
        word = line.split(None, 1)[0] if line.strip() else ''
        if word in ('READ', 'WRITE', 'ALIAS'):
            section = word
        if section in ('READ', 'WRITE') and current[section] is None:
            for loc in LOC_RE.finditer(line):
                if in_program(loc.group('file')):
                    current[section] = int(loc.group('line'))
                    break
    return [(r['kind'], r['WRITE'], r['READ'], '\n'.join(r['text'])) for r in reports]


def run_program(exe, env_extra):
    env = dict(os.environ)
    env.update(env_extra)
    try:
        proc = subprocess.run([exe], capture_output=True, text=True, timeout=RUN_TIMEOUT, env=env,
                              stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        return None, '', f'{exe} does not exist (build the corpus first)'
    except subprocess.TimeoutExpired:
        return None, '', f'timed out after {RUN_TIMEOUT} s'
    return proc.returncode, proc.stdout, proc.stderr


def run_normal(args, program):
    """None when the program exits 0 with an empty stderr under the normal
    runtime, else the problem."""
    exe = os.path.join(args.normal_dir, program.name)
    rc, _, err = run_program(exe, {})
    if rc is None:
        return err
    if rc != 0:
        return f'exits {rc} under the normal runtime: {err.strip()[:300]}'
    if err.strip():
        return f'prints on stderr under the normal runtime: {err.strip()[:300]}'
    return None


def run_checked(args, program):
    """(set of keys, problem or None, raw reports)."""
    exe = os.path.join(args.checked_dir, program.name)
    env = dict(kv.split('=', 1) for kv in args.checked_env or [])
    env['AG_ALIAS_OPTIONS'] = 'exitcode=0'
    rc, _, err = run_program(exe, env)
    if rc is None:
        return set(), err, []
    reports = parse_runtime_reports(err, program.path)
    keys = set()
    problems = []
    for kind, write, read, text in reports:
        if kind not in KINDS:
            problems.append(f'unknown report kind {kind!r}:\n{text}')
        elif write is None or (read is None and kind not in WRITE_ONLY_KINDS):
            problems.append(f'report without a {"WRITE" if write is None else "READ"} '
                            f'location in {program.name}.cpp:\n{text}')
        else:
            keys.add(key_of(kind, write, read))
    if rc != 0:
        problems.append(f'exits {rc} under the checked runtime (AG_ALIAS_OPTIONS=exitcode=0): '
                        f'{err.strip()[-300:]}')
    return keys, ('\n'.join(problems) or None), reports


# ----------------------------------------------------------------------------
# Comparison
# ----------------------------------------------------------------------------

def compare(program, static, dynamic):
    """(agree: bool, failures: [str], notes: [str]) for one program.
    `dynamic` is None when the dynamic side is unavailable: the static side is
    then checked against the expectations alone."""
    failures, notes = [], []
    expected = program.expected
    limits = program.limits
    if dynamic is None:
        # What the static side must report: every EXPECTed finding not declared
        # dynamic-only, plus the static-only ones.
        want = {k for k in expected if limits.get(k, ('',))[0] not in ('dynamic', 'both')}
        want |= {k for k, v in limits.items() if v[0] == 'static'}
        for k in sorted(want - static, key=str):
            failures.append(f'static side misses {fmt_key(k)}')
        for k in sorted(static - want, key=str):
            failures.append(f'static side reports {fmt_key(k)}, neither EXPECTed nor a declared '
                            f'static KNOWN-LIMIT')
        for k, (side, slug, _) in sorted(limits.items(), key=str):
            if side == 'static' and k in static:
                notes.append(f'known limit (static only) {fmt_key(k)} -- {slug}')
            elif side == 'both' and k not in static:
                notes.append(f'known limit (missed by both) {fmt_key(k)} -- {slug}')
        return static == want, failures, notes

    for k in sorted(static | dynamic | expected | set(limits), key=str):
        s, d, e = k in static, k in dynamic, k in expected
        limit = limits.get(k)
        if s and d:
            if not e:
                failures.append(f'both sides report {fmt_key(k)}, which is not EXPECTed')
            if limit:
                failures.append(f'{fmt_key(k)} is declared a KNOWN-LIMIT ({limit[0]}) but both '
                                f'sides report it')
        elif s or d:
            side = 'static' if s else 'dynamic'
            if limit and limit[0] == 'both':
                failures.append(f'{fmt_key(k)} is declared missed by both, but the {side} side '
                                f'reports it')
            elif limit and limit[0] == side:
                notes.append(f'known limit ({side} only) {fmt_key(k)} -- {limit[1]}')
            else:
                what = 'EXPECTed' if e else 'not EXPECTed'
                failures.append(f'only the {side} side reports {fmt_key(k)} ({what}); declare '
                                f'"KNOWN-LIMIT: {side} ..." with the reason, or fix the program')
        elif limit and limit[0] == 'both':
            notes.append(f'known limit (missed by both) {fmt_key(k)} -- {limit[1]}')
        else:
            if e:
                failures.append(f'{fmt_key(k)} is EXPECTed but missed by both sides; declare '
                                f'"KNOWN-LIMIT: both ..." with the reason, or fix the program')
            if limit:
                failures.append(f'{fmt_key(k)} is declared a {limit[0]}-only KNOWN-LIMIT but '
                                f'neither side reports it')
    return static == dynamic, failures, notes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--aliasguard', required=True, help='the aliasguard CLI')
    ap.add_argument('--include', help='runtime/include (the ag leg\'s static flags)')
    ap.add_argument('--static-arg', action='append',
                    help='a compiler flag for the static checker (repeatable); default: '
                         '-std=c++20 -I<include>')
    ap.add_argument('--checked-env', action='append', metavar='KEY=VALUE',
                    help='environment of the checked runs (repeatable), e.g. '
                         'LD_PRELOAD=libaliasguard_torch.so for the LibTorch leg')
    ap.add_argument('--corpus', default=os.path.dirname(os.path.abspath(__file__)),
                    help='directory of the corpus programs (default: this script\'s)')
    ap.add_argument('--normal-dir', required=True,
                    help='directory of the programs built against aliasguard::runtime')
    ap.add_argument('--checked-dir',
                    help='directory of the programs built against aliasguard::runtime_checked; '
                         'without it the dynamic side is unavailable and the test fails')
    ap.add_argument('-j', '--jobs', type=int, default=2)
    ap.add_argument('-v', '--verbose', action='store_true', help='print the raw runtime reports')
    ap.add_argument('programs', nargs='*', help='only these programs (names without .cpp)')
    args = ap.parse_args()
    if not args.static_arg and not args.include:
        ap.error('--include or --static-arg is required')
    if any('=' not in kv for kv in args.checked_env or []):
        ap.error('--checked-env takes KEY=VALUE')

    global KINDS
    listed = subprocess.run([args.aliasguard, '--list-checks'], capture_output=True, text=True)
    KINDS = tuple(l.strip()[len('aliasguard-'):] for l in listed.stdout.splitlines()
                  if l.strip().startswith('aliasguard-'))
    if listed.returncode != 0 or not KINDS:
        print(f'error: {args.aliasguard} --list-checks listed no checks', file=sys.stderr)
        return 2
    if not set(WRITE_ONLY_KINDS) <= set(KINDS):
        print(f'error: {", ".join(WRITE_ONLY_KINDS)} not among the checks {KINDS}', file=sys.stderr)
        return 2

    paths = sorted(os.path.join(args.corpus, f) for f in os.listdir(args.corpus) if f.endswith('.cpp'))
    programs = [Program(p) for p in paths]
    if args.programs:
        wanted = set(args.programs)
        unknown = wanted - {p.name for p in programs}
        if unknown:
            print(f'error: no such corpus program: {", ".join(sorted(unknown))}', file=sys.stderr)
            return 2
        programs = [p for p in programs if p.name in wanted]
    if not programs:
        print(f'error: no *.cpp programs in {args.corpus}', file=sys.stderr)
        return 2

    failed = False
    try:
        static = run_static(args, programs)
    except CorpusError as e:
        print(f'FAIL: static side: {e}')
        return 1

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        normal = dict(zip((p.name for p in programs), pool.map(lambda p: run_normal(args, p), programs)))
        checked = {}
        if args.checked_dir:
            checked = dict(zip((p.name for p in programs), pool.map(lambda p: run_checked(args, p), programs)))

    dynamic_available = bool(args.checked_dir)
    rows = []
    agree_programs = 0
    agree_findings = total_findings = 0
    limit_counts = Counter()
    vs_expect = defaultdict(Counter)
    for p in programs:
        failures = [f'corpus: {e}' for e in p.errors]
        if normal[p.name]:
            failures.append(normal[p.name])
        s = static[p.name]
        if dynamic_available:
            d, problem, reports = checked[p.name]
            if problem:
                failures.append(f'dynamic side: {problem}')
            if args.verbose:
                for r in reports:
                    print(f'--- {p.name}: runtime report\n{r[3]}')
        else:
            d = None
        agree, cmp_failures, notes = compare(p, s, d)
        failures += cmp_failures
        for k, (side, slug, _) in p.limits.items():
            limit_counts[(side, slug)] += 1
        if d is not None:
            agree_programs += agree
            agree_findings += len(s & d)
            total_findings += len(s | d)
            for side, got in (('static', s), ('dynamic', d)):
                vs_expect[side]['true'] += len(got & p.expected)
                vs_expect[side]['false'] += len(got - p.expected)
                vs_expect[side]['missed'] += len(p.expected - got)
        else:
            vs_expect['static']['true'] += len(s & p.expected)
            vs_expect['static']['false'] += len(s - p.expected)
            vs_expect['static']['missed'] += len(p.expected - s)
        failed |= bool(failures)
        rows.append((p, s, d, failures, notes))

    def cell(keys):
        if keys is None:
            return 'n/a'
        return '; '.join(fmt_key(k) for k in sorted(keys, key=str)) or '-'

    width = max(len(p.name) for p in programs)
    print(f'{"program":<{width}}  verdict  expected | static | dynamic')
    for p, s, d, failures, notes in rows:
        verdict = 'FAIL' if failures else ('ok' if d is not None else 'static')
        exp = cell(p.expected) if p.expected else 'none'
        print(f'{p.name:<{width}}  {verdict:<7}  {exp} | {cell(s)} | {cell(d)}')
        for n in notes:
            print(f'{"":<{width}}    note: {n}')
        for f in failures:
            print(f'{"":<{width}}    FAIL: {f}')

    n = len(programs)
    buggy = sum(1 for p in programs if p.expected)
    print()
    print(f'programs: {n} ({buggy} with bugs, {n - buggy} correct); '
          f'expected findings: {sum(len(p.expected) for p in programs)}')
    for side in ('static', 'dynamic'):
        c = vs_expect.get(side)
        if c is not None:
            print(f'{side} side vs EXPECT: {c["true"]} found, {c["missed"]} missed, '
                  f'{c["false"]} not expected')
    if limit_counts:
        print('known limits by reason:')
        for (side, slug), count in sorted(limit_counts.items()):
            what = 'missed by both' if side == 'both' else f'{side} only'
            print(f'  {count:3d}  {what:<14}  {slug}')
    if dynamic_available:
        print(f'agreement: programs {agree_programs}/{n} ({100.0 * agree_programs / n:.1f}%), '
              f'findings {agree_findings}/{total_findings} '
              f'({100.0 * agree_findings / total_findings if total_findings else 100.0:.1f}%)')
    else:
        print('agreement: n/a')
        print('FAIL: dynamic side unavailable: the checked runtime (aliasguard::runtime_checked) '
              'is not built; only the static side and the normal runs were checked')
        failed = True
    print('differential test ' + ('FAILED' if failed else 'passed'))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
