#!/usr/bin/env python3
"""same-as-cli.py LSP_OUTPUT VERSION CLI_JSON: the diagnostics the server
published for VERSION are the findings of the CLI's JSON output (check, line,
column; the file is ASCII, so the LSP's UTF-16 character is the byte column
- 1). Prints them."""
import json
import sys

lsp_out, version, cli = sys.argv[1], int(sys.argv[2]), sys.argv[3]
published = None
for line in open(lsp_out):
    if not line.startswith('{'):
        continue
    m = json.loads(line)
    if m.get('method') == 'textDocument/publishDiagnostics' and \
            m['params'].get('version') == version:
        published = m['params']['diagnostics']
assert published is not None, 'no diagnostics for version %d' % version
got = sorted((d.get('code'), d['range']['start']['line'] + 1, d['range']['start']['character'] + 1)
             for d in published)
want = sorted((f['check'], f['line'], f['column']) for f in json.load(open(cli))['findings'])
if got != want:
    sys.exit('language server: %s\nCLI:             %s' % (got, want))
for g in got:
    print('same: %s %d:%d' % g)
