#!/usr/bin/env python3
"""expect_exit.py N cmd args...: run cmd, pass its stdout/stderr through, and
fail unless it exits with status N (lit's `not` only knows zero/non-zero)."""
import subprocess
import sys

want = int(sys.argv[1])
got = subprocess.run(sys.argv[2:]).returncode
if got != want:
    sys.stderr.write('expect_exit: %s exited with %d, expected %d\n' % (sys.argv[2], got, want))
    sys.exit(1)
