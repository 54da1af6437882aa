"""sarif-help.test: every rule's help is its page, relative links dropped."""
import json
import os
import re
import sys

log, docs = sys.argv[1], sys.argv[2]
rules = json.load(open(log))['runs'][0]['tool']['driver']['rules']
LINK = re.compile(r'(!?)\[([^\[\]]*)\]\(([^()]*)\)')


def expected(page):
    out, fence = [], False
    for line in page.split('\n'):
        if line.lstrip(' ').startswith(('```', '~~~')):
            fence = not fence
        if fence or line.lstrip(' ').startswith(('```', '~~~')):
            out.append(line)
            continue
        # Outside code spans, [text](relative) -> text.
        parts = re.split(r'(`+[^`]*`+)', line)
        for i in range(0, len(parts), 2):
            parts[i] = LINK.sub(lambda m: m.group(0) if re.match(r'^[A-Za-z][A-Za-z0-9+-]*:',
                                                                  m.group(3)) else m.group(2),
                                parts[i])
        out.append(''.join(parts))
    return '\n'.join(out)


bad = 0
for rule in rules:
    path = os.path.join(docs, rule['id'] + '.md')
    page = open(path).read()
    want = expected(page)
    for key in ('markdown', 'text'):
        if rule['help'][key] != want:
            print('error: %s: help.%s is not %s' % (rule['id'], key, path))
            bad += 1
    if '](../' in rule['help']['markdown']:
        print('error: %s: a link into the repository is left' % rule['id'])
        bad += 1
if bad:
    sys.exit(1)
print('%d rules carry their page' % len(rules))
