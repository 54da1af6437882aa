#!/usr/bin/env python3
"""clang-tidy's check_clang_tidy.py, for aliasguard (Debian ships none).

  check_aliasguard.py --tool=cli|tidy [--checks=GLOBS] [--tmp=DIR] INPUT -- FLAGS

1. Copies INPUT with every `// CHECK-...:` comment blanked (line numbers stay,
   so [[@LINE-1]] in the original still points at the right line).
2. Runs the `aliasguard` CLI, or clang-tidy-19 with the plugin and --fix.
3. FileChecks the diagnostics against CHECK-MESSAGES (warnings and notes, in
   order), with no other warning allowed; a file without CHECK-MESSAGES must
   produce no warning at all.
4. In tidy mode, FileChecks the fixed file against CHECK-FIXES, and checks
   that a file without CHECK-FIXES was not changed.
"""
import argparse
import os
import re
import subprocess
import sys


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def filecheck(filecheck_bin, check_file, prefix, text, extra=()):
    proc = subprocess.run([filecheck_bin, check_file, '--check-prefix=' + prefix,
                           '--dump-input=fail', *extra],
                          input=text, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout)
        sys.exit('FileCheck failed for ' + prefix)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--tool', choices=['cli', 'tidy'], required=True)
    ap.add_argument('--checks', default='aliasguard-*')
    ap.add_argument('--aliasguard', required=True)
    ap.add_argument('--clang-tidy', dest='clang_tidy', required=True)
    ap.add_argument('--plugin', required=True)
    ap.add_argument('--filecheck', required=True)
    ap.add_argument('--tmp', required=True)
    ap.add_argument('input')
    ap.add_argument('flags', nargs=argparse.REMAINDER)
    args = ap.parse_args()
    flags = args.flags[1:] if args.flags[:1] == ['--'] else args.flags

    original = open(args.input).read()
    cleaned = re.sub(r'// *CHECK-[A-Z0-9\-]*:[^\r\n]*', '//', original)
    os.makedirs(args.tmp, exist_ok=True)
    work = os.path.join(args.tmp, os.path.basename(args.input))
    with open(work, 'w') as f:
        f.write(cleaned)

    if args.tool == 'cli':
        proc = run([args.aliasguard, '--checks=' + args.checks, work, '--', *flags])
    else:
        proc = run([args.clang_tidy, '--load=' + args.plugin, '--checks=-*,' + args.checks,
                    '--fix', '--quiet', work, '--', *flags])
    output = proc.stdout
    # Diagnostics name the temporary copy; FileCheck patterns name nothing.
    sys.stdout.write(output)
    if 'error:' in output:
        sys.exit('unexpected error (exit %d):\n%s' % (proc.returncode, output))

    if 'CHECK-MESSAGES' in original:
        filecheck(args.filecheck, args.input, 'CHECK-MESSAGES', output,
                  ['--implicit-check-not={{warning|error}}:'])
    elif re.search(r'warning:.*\[aliasguard-', output):
        sys.exit('expected no aliasguard warning, got:\n' + output)

    if args.tool == 'tidy':
        fixed = open(work).read()
        if 'CHECK-FIXES' in original:
            filecheck(args.filecheck, args.input, 'CHECK-FIXES', fixed, ['--match-full-lines'])
        elif fixed != cleaned:
            sys.exit('unexpected fix applied:\n' + fixed)


if __name__ == '__main__':
    main()
