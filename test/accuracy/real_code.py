#!/usr/bin/env python3
"""Run aliasguard over fetched real LibTorch repositories and report its accuracy.

This is the real-code baseline of docs/accuracy.md. It only *runs the checker*: it never
compiles, links or builds the fetched projects (aliasguard parses each file with clang and
analyses it, nothing is generated).

    test/accuracy/real_code.py --aliasguard build/tool/aliasguard [--pch] /work/realcode \
        [--triage docs/accuracy-triage.json] [--findings-out findings.json] [-j 2]
    test/accuracy/real_code.py --reuse findings.json --triage docs/accuracy-triage.json /work/realcode

CHECKOUTS is a directory with one extracted snapshot per repository, named '<owner>+<name>'
(as the search tool's fetch names them). For every repository the script:

 1. finds the C++ sources (.cpp .cc .cxx) that use LibTorch (the text mentions torch or ATen);
 2. derives each file's include flags: every `#include` that names a file of the repository is
    resolved (first relative to the including file, as the compiler does for quoted includes,
    otherwise to the repository file whose path ends with the include and lies nearest to the
    includer) and the directory that makes it resolvable becomes a `-I`; LibTorch's API
    directory and, when Debian installed them, OpenCV's and Eigen's are added;
 3. runs `aliasguard --format=json --quiet --header-filter=<repository>` on each file (one
    process per file, --jobs of them at once), so functions in the repository's own headers
    are analysed too; a finding in a header reached from several files is counted once
    (--pch first precompiles LibTorch's own headers, not the repositories', with clang++-19);
 4. prints a per-repository table (files, analysed, not compiling, kLOC analysed, warnings per
    check) and, with --triage, the TP/FP counts and the findings that are new (not triaged) or
    vanished (triaged but no longer reported), and the known misses that are now reported.

Exit status: 0 when done (and, with --triage, no new or vanished finding); 1 when --triage
found new or vanished findings; 2 on bad arguments or an unreadable triage file.

kLOC analysed counts the non-blank lines of the files that compiled plus the repository
headers they reach that mention LibTorch (headers of other libraries vendored in a repository,
such as a JSON parser, are analysed but not counted: they are not LibTorch code).

The triage file (JSON) has the shape
    {"version": 1,
     "repos": {"<owner>+<name>": {"commit": "<sha>", "paths": ["dir/", ...]}},
     "findings": [{"repo": ..., "path": <repo-relative>, "line": N, "check": "aliasguard-...",
                   "verdict": "TP" | "FP" | "unsure", "cause": "..."}],
     "misses":   [{"repo": ..., "path": ..., "line": N, "construct": "...", "bug": "..."}]}
A finding is identified by (repo, path, line, check); a miss counts as found again when any
finding is reported at its (repo, path, line). A repository's optional "paths" (repo-relative
prefixes) restricts the run to the files under them, to keep a large repository's run short.
"""

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile
import time

SOURCE_EXTENSIONS = ('.cpp', '.cc', '.cxx')
HEADER_EXTENSIONS = ('.h', '.hpp', '.hh', '.hxx', '.cuh', '.inl')
USES_TORCH = re.compile(r'\btorch\b|\bATen\b|\bat::|\bc10::')
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.MULTILINE)
ERROR_FILE = re.compile(r'^Error while processing (.*)\.$', re.MULTILINE)
CHECKS = ('aliasguard-assign-instead-of-clone', 'aliasguard-inplace-read-later',
          'aliasguard-param-mutation', 'aliasguard-view-mutation')
# Directories of libraries Debian installs outside the default search path.
SYSTEM_INCLUDES = ['/usr/include/torch/csrc/api/include', '/usr/include/opencv4', '/usr/include/stb',
                   '/usr/include/eigen3']


def fail(message):
    """Report a usage error and exit with status 2 (like the checker's usage errors)."""
    print('real_code.py: error: ' + message, file=sys.stderr)
    sys.exit(2)


def read_text(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        return f.read()


def non_blank_lines(path):
    return sum(1 for line in read_text(path).splitlines() if line.strip())


class Repo:
    """One extracted snapshot: its files, and include resolution inside it."""

    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.name = os.path.basename(self.root)
        self.files = []  # repo-relative paths, '/'-separated
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
            for f in sorted(filenames):
                rel = os.path.relpath(os.path.join(dirpath, f), self.root)
                self.files.append(rel.replace(os.sep, '/'))
        self.file_set = set(self.files)
        self._text = {}

    def text(self, rel):
        if rel not in self._text:
            self._text[rel] = read_text(os.path.join(self.root, rel))
        return self._text[rel]

    def sources(self, paths=None):
        """The C++ sources that use LibTorch (the translation units to check), optionally
        only those under the given repo-relative path prefixes."""
        return [f for f in self.files if f.endswith(SOURCE_EXTENSIONS)
                and (not paths or any(f.startswith(p) for p in paths))
                and USES_TORCH.search(self.text(f))]

    def _resolve(self, includer, spelled, quoted):
        """The repo file an #include names and the -I directory it needs (None: none needed)."""
        if quoted:  # the compiler first looks next to the including file
            local = os.path.normpath(os.path.join(os.path.dirname(includer), spelled))
            local = local.replace(os.sep, '/')
            if local in self.file_set:
                return local, None
        spelled = os.path.normpath(spelled).replace(os.sep, '/')
        if spelled.startswith('../'):
            return None, None
        candidates = [f for f in self.files if f == spelled or f.endswith('/' + spelled)]
        if not candidates:
            return None, None  # a system or third-party header

        def shared_prefix(f):  # how many leading directories f shares with the includer
            n = 0
            for a, b in zip(f.split('/')[:-1], includer.split('/')[:-1]):
                if a != b:
                    break
                n += 1
            return n
        best = max(candidates, key=lambda f: (shared_prefix(f), -len(f)))
        include_dir = best[:len(best) - len(spelled)].rstrip('/')
        return best, os.path.join(self.root, include_dir) if include_dir else self.root

    def include_closure(self, source):
        """-I directories a source needs, and the repo headers it reaches (transitively)."""
        flags, headers, todo, seen = [], [], [source], {source}
        while todo:
            current = todo.pop()
            for kind, spelled in INCLUDE.findall(self.text(current)):
                found, include_dir = self._resolve(current, spelled, kind == '"')
                if found is None:
                    continue
                if include_dir and include_dir not in flags:
                    flags.append(include_dir)
                if found not in seen:
                    seen.add(found)
                    headers.append(found)
                    todo.append(found)
        return flags, headers


def system_flags():
    return ['-std=c++17'] + ['-I' + d for d in SYSTEM_INCLUDES if os.path.isdir(d)]


def build_pch(clang, directory):
    """Precompile LibTorch's own headers (not the repositories' code) to halve parse times.

    Every file is then parsed with `-include-pch`: LibTorch's declarations come from the PCH
    instead of being parsed again (about 8 s of CPU saved per file on this machine)."""
    header = os.path.join(directory, 'libtorch-pch.h')
    pch = header + '.pch'
    with open(header, 'w') as f:
        f.write('#include <torch/torch.h>\n#include <torch/script.h>\n')
    proc = subprocess.run([clang, '-x', 'c++-header'] + system_flags() + [header, '-o', pch],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        fail('could not precompile LibTorch headers with %s:\n%s' % (clang, proc.stderr))
    return pch


def run_checker(aliasguard, repo, source, include_dirs, pch):
    """Run aliasguard on one file; return (compiled, findings, stderr, seconds)."""
    flags = system_flags() + ['-I' + d for d in include_dirs]
    if pch:
        flags += ['-include-pch', pch]
    cmd = [aliasguard, '--format=json', '--quiet', '--no-progress',
           '--header-filter=^' + re.escape(repo.root + '/'),
           os.path.join(repo.root, source), '--'] + flags
    start = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.time() - start
    if proc.returncode not in (0, 3):
        raise RuntimeError('aliasguard exited %d on %s:\n%s' % (proc.returncode, source, proc.stderr))
    findings = json.loads(proc.stdout)['findings'] if proc.stdout.strip() else []
    compiled = proc.returncode == 0 and not ERROR_FILE.search(proc.stderr)
    return compiled, findings, proc.stderr, seconds


def relative(repo, path):
    """A finding's path relative to its repository (absolute if outside it)."""
    real = os.path.realpath(path)
    if real.startswith(repo.root + os.sep):
        return os.path.relpath(real, repo.root).replace(os.sep, '/')
    return real


def analyse(args, repos, selection):
    """Run the checker on every LibTorch source; return the results document.
    selection maps a repository to the path prefixes to analyse (all files when absent)."""
    work = []  # (repo, source, include dirs, headers)
    scope = {r.name: set() for r in repos}  # with --mentioning: the files the run covers
    for repo in repos:
        for source in repo.sources(selection.get(repo.name)):
            include_dirs, headers = repo.include_closure(source)
            if args.mentioning and not any(args.mentioning.search(repo.text(f))
                                           for f in [source] + headers):
                continue
            scope[repo.name].update([source] + headers)
            work.append((repo, source, include_dirs, headers))
    results = {r.name: {'files': [], 'failed': [], 'analysed': [], 'headers': set(),
                        'findings': {}, 'seconds': 0.0} for r in repos}
    done = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(run_checker, args.aliasguard, repo, source, dirs, args.pch_file):
                   (repo, source, headers)
                   for repo, source, dirs, headers in work}
        for future in concurrent.futures.as_completed(futures):
            repo, source, headers = futures[future]
            compiled, findings, stderr, seconds = future.result()
            res = results[repo.name]
            res['files'].append(source)
            res['seconds'] += seconds
            if compiled:
                res['analysed'].append(source)
                res['headers'].update(h for h in headers if USES_TORCH.search(repo.text(h)))
            else:
                errors = [l for l in stderr.splitlines() if ': error: ' in l or 'fatal error' in l]
                res['failed'].append({'path': source, 'first_error': errors[0] if errors else ''})
            for f in findings:
                item = {'repo': repo.name, 'path': relative(repo, f['file']), 'line': f['line'],
                        'column': f['column'], 'check': f['check'], 'message': f['message'],
                        'notes': ['%s:%d: %s' % (relative(repo, n['file']), n['line'], n['message'])
                                  for n in f.get('notes', [])],
                        'fixits': ['%s:%d: %r' % (relative(repo, x['file']), x['line'], x['replacement'])
                                   for x in f.get('fixits', [])]}
                key = (item['path'], item['line'], item['column'], item['check'])
                res['findings'].setdefault(key, item)  # a header's finding once, not per includer
            done += 1
            if not args.quiet:
                print('[%d/%d] %s/%s %s (%.0f s)' % (done, len(work), repo.name, source,
                      'ok' if compiled else 'does not compile', seconds), file=sys.stderr)
    doc = {'version': 1, 'repos': {}}
    for repo in repos:
        res = results[repo.name]
        loc = sum(non_blank_lines(os.path.join(repo.root, f))
                  for f in res['analysed'] + sorted(res['headers']))
        doc['repos'][repo.name] = {
            'files': len(res['files']), 'analysed': len(res['analysed']),
            'failed': sorted(res['failed'], key=lambda x: x['path']),
            'loc_analysed': loc, 'seconds': round(res['seconds'], 1),
            'paths': selection.get(repo.name, []),
            # A partial run (--mentioning): triaged findings elsewhere did not vanish.
            'scope': sorted(scope[repo.name]) if args.mentioning else None,
            'findings': sorted(res['findings'].values(),
                               key=lambda x: (x['path'], x['line'], x['column'], x['check']))}
    return doc


def load_triage(path):
    try:
        triage = json.loads(read_text(path))
    except (OSError, ValueError) as e:
        fail('cannot read the triage file %s: %s' % (path, e))
    if not isinstance(triage, dict) or not isinstance(triage.get('findings'), list):
        fail('%s: expected an object with a "findings" list' % path)
    for i, t in enumerate(triage['findings']):
        missing = [k for k in ('repo', 'path', 'line', 'check', 'verdict') if k not in t]
        if missing:
            fail('%s: findings[%d] lacks %s' % (path, i, ', '.join(missing)))
        if t['verdict'] not in ('TP', 'FP', 'unsure'):
            fail('%s: findings[%d] has verdict %r (TP, FP or unsure)' % (path, i, t['verdict']))
    return triage


def report(doc, triage):
    """Print the summary table and the triage diff; return True when the diff is empty."""
    verdicts, misses = {}, {}
    if triage:
        for t in triage['findings']:
            verdicts[(t['repo'], t['path'], t['line'], t['check'])] = t
        for m in triage.get('misses', []):
            misses.setdefault(m['repo'], []).append(m)
    short = {c: c.replace('aliasguard-', '') for c in CHECKS}
    head = ['repo', 'files', 'analysed', 'no compile', 'kLOC'] + [short[c] for c in CHECKS] + ['warnings']
    if triage:
        head += ['TP', 'FP', 'unsure', 'FP/10kLOC', 'misses']
    rows, total = [], None
    new, vanished, found_misses = [], [], []
    for name, r in sorted(doc['repos'].items()):
        per_check = [sum(1 for f in r['findings'] if f['check'] == c) for c in CHECKS]
        row = [name, r['files'], r['analysed'], len(r['failed']), r['loc_analysed'] / 1000.0] \
            + per_check + [len(r['findings'])]
        if triage:
            reported = {(name, f['path'], f['line'], f['check']): f for f in r['findings']}
            counts = {'TP': 0, 'FP': 0, 'unsure': 0}
            for key, f in reported.items():
                if key in verdicts:
                    counts[verdicts[key]['verdict']] += 1
                else:
                    new.append(f)
            in_scope = set(r['scope']) if r.get('scope') is not None else None
            vanished += [t for key, t in verdicts.items() if key[0] == name and key not in reported
                         and (in_scope is None or key[1] in in_scope)]
            lines = {(f['path'], f['line']) for f in r['findings']}
            found_misses += [m for m in misses.get(name, []) if (m['path'], m['line']) in lines]
            kloc = r['loc_analysed'] / 1000.0
            row += [counts['TP'], counts['FP'], counts['unsure'],
                    counts['FP'] * 10.0 / kloc if kloc else 0.0, len(misses.get(name, []))]
        rows.append(row)
        total = row[1:] if total is None else [a + b for a, b in zip(total, row[1:])]
    if total is not None:
        if triage:  # the FP rate of the total is a rate, not a sum
            kloc = total[3]
            total[-2] = total[-4] * 10.0 / kloc if kloc else 0.0
        rows.append(['total'] + total)

    def cell(v):
        return '%.1f' % v if isinstance(v, float) else str(v)
    widths = [max(len(cell(x)) for x in col) for col in zip(head, *rows)]
    for i, row in enumerate([head] + rows):
        print('  '.join(cell(v).rjust(w) if j else cell(v).ljust(w)
                        for j, (v, w) in enumerate(zip(row, widths))))
        if i == 0:
            print('  '.join('-' * w for w in widths))
    for name, r in sorted(doc['repos'].items()):
        for f in r['failed']:
            print('does not compile: %s/%s: %s' % (name, f['path'], f['first_error']))
    if triage:
        for f in new:
            print('NEW (not triaged): %s/%s:%d [%s] %s' % (f['repo'], f['path'], f['line'],
                                                          f['check'], f['message']))
        for t in vanished:
            print('VANISHED (%s): %s/%s:%d [%s] %s' % (t['verdict'], t['repo'], t['path'],
                                                      t['line'], t['check'], t.get('cause', '')))
        for m in found_misses:
            print('MISS NOW REPORTED: %s/%s:%d %s' % (m['repo'], m['path'], m['line'], m.get('bug', '')))
    return not new and not vanished


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('checkouts', help="directory of extracted snapshots, one '<owner>+<name>' each")
    parser.add_argument('--aliasguard', help='the aliasguard binary to run')
    parser.add_argument('-j', '--jobs', type=int, default=2, help='files checked at once (default 2)')
    parser.add_argument('--repos', help='comma-separated repository directory names (default: all)')
    parser.add_argument('--triage', help='triage JSON: report TP/FP and new or vanished findings')
    parser.add_argument('--findings-out', help='write the findings and per-repo statistics here (JSON)')
    parser.add_argument('--reuse', action='append',
                        help='read the findings from an earlier --findings-out instead of running '
                             '(repeatable: the repositories of several files are merged)')
    parser.add_argument('--pch', action='store_true',
                        help="precompile LibTorch's headers once (with --clang) to halve the run time")
    parser.add_argument('--clang', default='clang++-19', help='clang used by --pch (default clang++-19)')
    parser.add_argument('--quiet', action='store_true', help='no progress lines on stderr')
    parser.add_argument('--mentioning', metavar='REGEX',
                        help='check only the translation units whose text, or a repository header '
                             'they include, matches REGEX (a quick run for one check, e.g. '
                             'from_blob; the table then counts those files only)')
    args = parser.parse_args()

    if args.jobs < 1:
        fail('--jobs must be at least 1')
    if args.mentioning is not None:
        try:
            args.mentioning = re.compile(args.mentioning)
        except re.error as e:
            fail('--mentioning: not a regular expression: %s' % e)
    if not os.path.isdir(args.checkouts):
        fail('%s is not a directory' % args.checkouts)
    names = sorted(d for d in os.listdir(args.checkouts)
                   if os.path.isdir(os.path.join(args.checkouts, d)) and not d.startswith('.'))
    if args.repos:
        wanted = args.repos.split(',')
        unknown = [w for w in wanted if w not in names]
        if unknown:
            fail('no repository %s in %s (have: %s)' % (', '.join(unknown), args.checkouts, ', '.join(names)))
        names = wanted
    if not names:
        fail('%s holds no repository directory' % args.checkouts)
    triage = load_triage(args.triage) if args.triage else None

    if args.reuse:
        doc = {'version': 1, 'repos': {}}
        for path in args.reuse:
            try:
                repos = json.loads(read_text(path))['repos']
                doc['repos'].update({n: r for n, r in repos.items() if n in names})
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
                fail('cannot read the findings file %s: %s' % (path, e))
    else:
        if not args.aliasguard:
            fail('--aliasguard is required (unless --reuse is given)')
        if not (os.path.isfile(args.aliasguard) and os.access(args.aliasguard, os.X_OK)):
            fail('%s is not an executable file' % args.aliasguard)
        args.aliasguard = os.path.realpath(args.aliasguard)
        with tempfile.TemporaryDirectory(prefix='real_code-') as tmp:
            args.pch_file = build_pch(args.clang, tmp) if args.pch else None
            selection = {n: r['paths'] for n, r in (triage or {}).get('repos', {}).items()
                         if isinstance(r, dict) and r.get('paths')}
            doc = analyse(args, [Repo(os.path.join(args.checkouts, n)) for n in names], selection)
    if args.findings_out:
        with open(args.findings_out, 'w') as f:
            json.dump(doc, f, indent=1)
            f.write('\n')
    return 0 if report(doc, triage) else 1


if __name__ == '__main__':
    sys.exit(main())
