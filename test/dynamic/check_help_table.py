#!/usr/bin/env python3
"""check_help_table.py HELP_OUTPUT DOC: the options `help=1` printed (one
"\\t<name>" line each) are exactly those of DOC's options table (rows
"| `name` | default | meaning |" under "## Options")."""
import re
import sys

printed = re.findall(r'^\t(\w+)$', open(sys.argv[1]).read(), re.M)
doc = open(sys.argv[2]).read()
section = doc[doc.index('## Options'):]
section = section[:section.index('\n## ', 1)]
documented = re.findall(r'^\| `(\w+)` \|', section, re.M)
if not printed or sorted(printed) != sorted(documented):
    sys.exit('help=1 prints %s, docs list %s' % (sorted(printed), sorted(documented)))
print('options: %d, documented alike' % len(printed))
