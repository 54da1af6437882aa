#!/usr/bin/env python3
"""Turns a readable message list into an LSP byte stream for the tests.

Messages are separated by lines `---`; lines starting with `#` are comments.
Each message gets a correct `Content-Length` header, unless it starts with a
line `RAW`: then the rest is written as it is, after Python string escapes
(\\r, \\n, \\x..) are decoded, to make broken framing on purpose.
Occurrences of @DIR@ are replaced by the directory given as argument 2.
"""
import sys


def main():
    text = open(sys.argv[1], encoding='utf-8').read()
    if len(sys.argv) > 2:
        text = text.replace('@DIR@', sys.argv[2])
    out = sys.stdout.buffer
    chunk = []

    def flush():
        body = '\n'.join(chunk).strip('\n')
        chunk.clear()
        if not body:
            return
        if body.startswith('RAW\n'):
            raw = body[len('RAW\n'):].encode('utf-8').decode('unicode_escape')
            out.write(raw.encode('latin-1'))
            return
        data = body.encode('utf-8')
        out.write(b'Content-Length: %d\r\n\r\n' % len(data) + data)

    for line in text.split('\n'):
        if line.startswith('#'):
            continue
        if line.strip() == '---':
            flush()
        else:
            chunk.append(line)
    flush()


if __name__ == '__main__':
    main()
