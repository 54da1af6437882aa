#!/usr/bin/env python3
"""A scripted LSP client for the tests that depend on timing.

    lsp-client.py <script> <dir> -- <server command...>

The script holds messages separated by `---` lines (`#` lines are comments,
@DIR@ becomes <dir>). A chunk `WAIT <id>` blocks until the response to
request <id> has arrived, so a test can let the server work between two
messages without sleeping. `WAITDIAG <version>` blocks until diagnostics
for that document version have been published. `WRITE <file>` followed by
lines writes those lines to <dir>/<file> (a file changed on disk behind the
editor's back). Every message the server sends is printed as one compact
JSON line, then `exit code N`. Gives up (exit 1) after 60 s.
"""
import json
import os
import subprocess
import sys
import threading

TIMEOUT = 60


def main():
    script, directory = sys.argv[1], sys.argv[2]
    command = sys.argv[sys.argv.index('--') + 1:]
    text = open(script, encoding='utf-8').read().replace('@DIR@', directory)
    chunks, chunk = [], []
    for line in text.split('\n') + ['---']:
        if line.startswith('#'):
            continue
        if line.strip() == '---':
            if ''.join(chunk).strip():
                chunks.append('\n'.join(chunk).strip())
            chunk = []
        else:
            chunk.append(line)

    server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    answered = set()
    cond = threading.Condition()

    def read():
        out = server.stdout
        while True:
            header = out.readline()
            if not header:
                break
            length = int(header.split(b':')[1])
            assert out.readline() == b'\r\n'
            message = json.loads(out.read(length))
            print(json.dumps(message, sort_keys=True, separators=(',', ':')), flush=True)
            with cond:
                if 'id' in message and 'method' not in message:
                    answered.add(message['id'])
                if message.get('method') == 'textDocument/publishDiagnostics':
                    answered.add(('version', message['params'].get('version')))
                cond.notify_all()
        with cond:
            answered.add('eof')
            cond.notify_all()

    reader = threading.Thread(target=read)
    reader.start()
    for c in chunks:
        if c.startswith('WRITE '):
            first, _, content = c.partition('\n')
            with open(os.path.join(directory, first.split(None, 1)[1]), 'w') as f:
                f.write(content + '\n')
            continue
        if c.startswith('WAIT ') or c.startswith('WAITDIAG '):
            wanted = json.loads(c.split(None, 1)[1])
            if c.startswith('WAITDIAG '):
                wanted = ('version', wanted)
            with cond:
                if not cond.wait_for(lambda: wanted in answered or 'eof' in answered,
                                     TIMEOUT) or wanted not in answered:
                    print('lsp-client: no response to request %r' % wanted, flush=True)
                    server.kill()
                    sys.exit(1)
            continue
        body = c.encode('utf-8')
        server.stdin.write(b'Content-Length: %d\r\n\r\n' % len(body) + body)
        server.stdin.flush()
    server.stdin.close()
    try:
        code = server.wait(TIMEOUT)
    except subprocess.TimeoutExpired:
        server.kill()
        print('lsp-client: the server did not exit', flush=True)
        sys.exit(1)
    reader.join()
    print('exit code %d' % code, flush=True)


if __name__ == '__main__':
    main()
