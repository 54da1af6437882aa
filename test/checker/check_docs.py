#!/usr/bin/env python3
"""Checks the documentation against the table of checks (`--list-checks`):
every check has its page in docs/checks/ and is linked from the README, and
no page describes a check that does not exist.

  check_docs.py <aliasguard> <repository root>
"""
import os
import subprocess
import sys


def main():
    aliasguard, root = sys.argv[1], sys.argv[2]
    names = subprocess.run([aliasguard, '--list-checks'], check=True, capture_output=True,
                           text=True).stdout.split()
    if not names:
        sys.exit('error: --list-checks printed no check')
    pages_dir = os.path.join(root, 'docs', 'checks')
    pages = {f[:-3] for f in os.listdir(pages_dir) if f.endswith('.md')}
    readme = open(os.path.join(root, 'README.md'), encoding='utf-8').read()
    problems = []
    for name in names:
        if name not in pages:
            problems.append('check %s has no page docs/checks/%s.md' % (name, name))
        if 'docs/checks/%s.md' % name not in readme:
            problems.append('README.md does not link docs/checks/%s.md' % name)
    for page in sorted(pages - set(names) - {'README'}):
        problems.append('docs/checks/%s.md describes no check of --list-checks' % page)
    for p in problems:
        print('error: ' + p)
    print('%d checks, %d problems' % (len(names), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
