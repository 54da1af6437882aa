#!/usr/bin/env python3
"""Applies a code action's WorkspaceEdit to a document, as an editor would.

    apply-edit.py <messages sent> <server output> <request id> <output file>

<messages sent> is the --lit-test input (messages between `---` lines, `#`
comments), where the didOpen of the edited document gives its text;
<server output> is what the server wrote (Content-Length framed, pretty or
not). The first code action of the response to <request id> is applied and
the edited text written to <output file>. Positions count UTF-16 code units,
computed here independently of the server.
"""
import json
import re
import sys


def read_sent(path):
    chunk, msgs = [], []
    for line in open(path, encoding='utf-8').read().split('\n') + ['---']:
        if line.startswith('#'):
            continue
        if line.strip() == '---':
            if ''.join(chunk).strip():
                msgs.append(json.loads('\n'.join(chunk)))
            chunk = []
        else:
            chunk.append(line)
    return msgs


def read_output(path):
    data = open(path, 'rb').read()
    msgs, pos = [], 0
    while True:
        m = re.compile(rb'Content-Length: (\d+)\r\n\r\n').search(data, pos)
        if not m:
            return msgs
        start = m.end()
        msgs.append(json.loads(data[start:start + int(m.group(1))]))
        pos = start + int(m.group(1))


def offset(lines, pos):
    """Byte-free offset into the joined text of a UTF-16 position."""
    line = lines[pos['line']]
    units = line.encode('utf-16-le')[:2 * pos['character']]
    return sum(len(l) + 1 for l in lines[:pos['line']]) + len(units.decode('utf-16-le'))


def main():
    sent, output, req_id, out_file = sys.argv[1:5]
    texts = {}
    for m in read_sent(sent):
        if m.get('method') == 'textDocument/didOpen':
            doc = m['params']['textDocument']
            texts[doc['uri']] = doc['text']
    response = next(m for m in read_output(output) if m.get('id') == int(req_id))
    action = response['result'][0]
    assert action['kind'] == 'quickfix', action
    edit = action['edit']
    if 'documentChanges' in edit:
        per_uri = {c['textDocument']['uri']: c['edits'] for c in edit['documentChanges']}
    else:
        per_uri = edit['changes']
    assert len(per_uri) == 1, per_uri
    uri, edits = next(iter(per_uri.items()))
    text = texts[uri]
    lines = text.split('\n')
    # Edits refer to the original text: apply from the last one backwards.
    spans = sorted(((offset(lines, e['range']['start']), offset(lines, e['range']['end']),
                     e['newText']) for e in edits), reverse=True)
    for begin, end, new in spans:
        text = text[:begin] + new + text[end:]
    open(out_file, 'w', encoding='utf-8').write(text)


if __name__ == '__main__':
    main()
