#!/usr/bin/env python3
"""Checks the server's output framing and prints one message per line.

Every message must be `Content-Length: N\\r\\n\\r\\n` followed by exactly N
bytes of valid JSON; anything else on stdout (a stray log line) fails.
The messages are printed compactly, keys in the server's (sorted) order.
"""
import json
import sys


def main():
    data = sys.stdin.buffer.read()
    pos = 0
    while pos < len(data):
        end = data.find(b'\r\n\r\n', pos)
        if end < 0:
            sys.exit('unframe: junk at byte %d: %r' % (pos, data[pos:pos + 80]))
        headers = data[pos:end].split(b'\r\n')
        length = None
        for h in headers:
            name, _, value = h.partition(b':')
            if name.strip().lower() != b'content-length':
                sys.exit('unframe: unexpected header %r' % h)
            length = int(value.strip())
        if length is None:
            sys.exit('unframe: no Content-Length at byte %d' % pos)
        body = data[end + 4:end + 4 + length]
        if len(body) != length:
            sys.exit('unframe: truncated message at byte %d' % pos)
        json.loads(body)  # must be valid JSON
        sys.stdout.write(body.decode('utf-8') + '\n')
        pos = end + 4 + length


if __name__ == '__main__':
    main()
