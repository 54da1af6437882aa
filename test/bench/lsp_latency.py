#!/usr/bin/env python3
"""Edit latency of `aliasguard --lsp` next to clangd-19's on the same file.

Both servers get the same file and compile command (a compile_commands.json
in a scratch directory) and the same session over JSON-RPC:
  didOpen            -> time to the first publishDiagnostics;
  didChange (xN)     -> time to the publishDiagnostics of that version, each
                        edit sent once the previous one's diagnostics came
                        (a line added in the function body: the preamble,
                        i.e. the #includes, is unchanged).
Both servers run side by side, each timed while the other waits: clangd
opens, then aliasguard; the edits alternate (the order flips every round),
so that the shared machine's load weighs on both alike. After its open's
diagnostics a server may go on working on other threads (clangd-19 indexes
the preamble's symbols and the C++ standard library: 5-6 s of CPU for
<torch/torch.h>); the next server opens only once it is idle (--no-settle:
right away, as the script did before 2026-12-01 18:40 UTC).
Prints the medians side by side with the ratio aliasguard/clangd, and each
server's CPU time (user + system, all threads) for the open: on this
shared machine wall times follow the load, CPU times much less.

  python3 test/bench/lsp_latency.py --aliasguard build/tool/aliasguard \\
      [--clangd clangd-19] [--edits 7] [--file test/bench/lsp/torch_edit.cpp] \\
      [-- compile flags]
"""
import argparse
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FLAGS = ["-std=c++17", "-I/usr/include/torch/csrc/api/include"]


class Server:
    def __init__(self, argv, log):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=log)
        self.messages = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 0

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            if length is None:
                raise SystemExit("a message without Content-Length")
            self.messages.put(json.loads(out.read(length)))

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, predicate, timeout=600):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise SystemExit("timed out waiting for the server")
            try:
                m = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if m is None:
                raise SystemExit("the server exited (code %s)" % self.proc.wait())
            # Requests from the server (clangd asks for progress tokens): answer.
            if "method" in m and "id" in m:
                self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})
                continue
            if predicate(m):
                return m

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return -1


def cpu_seconds(pid):
    """User + system CPU time of a process (all its threads) so far; None
    where /proc is missing. Less sensitive than wall time to the load of a
    shared machine."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rpartition(")")[2].split()
    except OSError:
        return None
    # utime and stime: fields 14 and 15 of proc(5), 12 and 13 after the name.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settle(pid, quiet=0.05, interval=1.0, timeout=300):
    """Waits until the process uses less than `quiet` s of CPU in `interval`
    s; returns the CPU time it used meanwhile."""
    start = last = cpu_seconds(pid)
    if start is None:
        return 0.0
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(interval)
        now = cpu_seconds(pid)
        if now is None or now - last < quiet:
            break
        last = now
    return (last if now is None else now) - start


class Session:
    """One server with the document open; open() and edit() time themselves."""

    def __init__(self, argv, uri, text, log):
        self.argv, self.uri, self.text = argv, uri, text
        self.s = Server(argv, log)
        self.s.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {
            "textDocument": {"publishDiagnostics": {"versionSupport": True}}}})
        self.s.notify("initialized", {})
        self.line = text.splitlines().index("  // EDITS")
        self.published = []
        self.latencies = []

    def diagnostics_of(self, version):
        return self.s.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                           and m["params"]["uri"] == self.uri
                           and m["params"].get("version") == version)

    def open(self):
        cpu = cpu_seconds(self.s.proc.pid)
        start = time.monotonic()
        self.s.notify("textDocument/didOpen", {"textDocument": {
            "uri": self.uri, "languageId": "cpp", "version": 1, "text": self.text}})
        self.published.append(self.diagnostics_of(1)["params"]["diagnostics"])
        self.opened = time.monotonic() - start
        after = cpu_seconds(self.s.proc.pid)
        self.opened_cpu = after - cpu if cpu is not None and after is not None else None

    def edit(self, i):
        version = i + 2
        start = time.monotonic()
        self.s.notify("textDocument/didChange", {
            "textDocument": {"uri": self.uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": self.line, "character": 0},
                                          "end": {"line": self.line, "character": 0}},
                                "text": "  int edit%d = %d;\n" % (i, i)}]})
        self.published.append(self.diagnostics_of(version)["params"]["diagnostics"])
        self.latencies.append(time.monotonic() - start)

    def close(self):
        code = self.s.close()
        if code != 0:
            raise SystemExit("%s exited with %d" % (self.argv[0], code))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aliasguard", required=True)
    parser.add_argument("--clangd", default="clangd-19")
    parser.add_argument("--file", default=os.path.join(HERE, "lsp", "torch_edit.cpp"))
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    parser.add_argument("--log", default="info", choices=["error", "info", "verbose"],
                        help="aliasguard's --lsp-log (verbose: the time of each phase)")
    parser.add_argument("--clangd-log", default="error", choices=["error", "info", "verbose"],
                        help="clangd's --log (info: 'Built preamble of size N ... in T seconds')")
    parser.add_argument("--no-settle", dest="settle", action="store_false",
                        help="open the second server right after the first one's diagnostics, "
                             "while the first may still be working")
    parser.add_argument("--aliasguard-first", action="store_true",
                        help="open in aliasguard first (the first open also reads the headers "
                             "into the page cache)")
    parser.add_argument("flags", nargs="*", help="compile flags (after --)")
    args = parser.parse_args()
    if args.edits < 5:
        parser.error("--edits: at least 5 (the median of the edits is reported)")
    for tool in (args.aliasguard, args.clangd):
        if not shutil.which(tool):
            parser.error("cannot run %s" % tool)
    flags = args.flags or DEFAULT_FLAGS

    work = tempfile.mkdtemp(prefix="lsp-latency-")
    source = os.path.join(work, os.path.basename(args.file))
    shutil.copy(args.file, source)
    with open(os.path.join(work, "compile_commands.json"), "w") as f:
        json.dump([{"directory": work, "file": source,
                    "arguments": ["clang++"] + flags + ["-c", source]}], f)
    with open(source) as f:
        text = f.read()
    uri = "file://" + source
    servers = [
        ("clangd-19", [args.clangd, "--background-index=false", "--clang-tidy=false",
                       "--pch-storage=memory", "--log=" + args.clangd_log]),
        ("aliasguard", [args.aliasguard, "--lsp", "--lsp-debounce-ms=0", "--lsp-log=" + args.log]),
    ]
    # Both servers run side by side; each is timed while the other waits
    # (opened one after the other, then the edits alternate, the order
    # flipping every round), so that the load of this shared machine weighs
    # on both alike.
    logs = [open(os.path.join(work, name + ".log"), "w") for name, _ in servers]
    sessions = {name: Session(argv, uri, text, log) for (name, argv), log in zip(servers, logs)}
    names = [name for name, _ in servers]
    background = {}
    for name in (reversed(names) if args.aliasguard_first else names):
        others = {o: cpu_seconds(sessions[o].s.proc.pid) for o in names if o != name}
        sessions[name].open()
        for o, before in others.items():
            after = cpu_seconds(sessions[o].s.proc.pid)
            if before is not None and after is not None:
                print("%s used %.2f s of CPU during %s's open" % (o, after - before, name),
                      file=sys.stderr)
        if args.settle:
            # A server may go on working after it published (clangd indexes
            # the preamble's symbols and the standard library on other
            # threads): wait until it is idle, so that the next one is timed
            # alone.
            background[name] = settle(sessions[name].s.proc.pid)
            print("%s: %.2f s of CPU after its open's diagnostics (waited for it)"
                  % (name, background[name]), file=sys.stderr)
    for i in range(args.edits):
        for name in (names if i % 2 == 0 else reversed(names)):
            sessions[name].edit(i)
    results = {}
    for name in names:
        s = sessions[name]
        s.close()
        results[name] = (s.opened, statistics.median(s.latencies), s.latencies, s.published,
                         s.opened_cpu)
        print("%s: open %.2f s (CPU %s s), edits %s s"
              % (name, s.opened, "%.2f" % s.opened_cpu if s.opened_cpu is not None else "?",
                 " ".join("%.2f" % e for e in s.latencies)), file=sys.stderr)
    for log in logs:
        log.close()

    # The checker's diagnostics must not change with the edits (the bug
    # stays, the edits add none): a fast wrong answer is no answer.
    ag = results["aliasguard"][3]
    if any(d != ag[0] and [x.get("code") for x in d] != [x.get("code") for x in ag[0]]
           for d in ag):
        raise SystemExit("aliasguard's diagnostics changed with edits that change nothing")
    print("aliasguard findings per version: %s" % [len(d) for d in ag])

    c, a = results["clangd-19"], results["aliasguard"]
    print("%-34s %10s %11s %8s" % ("", "clangd-19", "aliasguard", "ratio"))
    print("%-34s %9.2fs %10.2fs %8.2f" % ("didOpen -> publishDiagnostics", c[0], a[0],
                                          a[0] / c[0]))
    if c[4] is not None and a[4] is not None:
        print("%-34s %9.2fs %10.2fs %8.2f" % ("didOpen, CPU time of the server", c[4], a[4],
                                              a[4] / c[4]))
    print("%-34s %9.2fs %10.2fs %8.2f" % ("didChange -> publishDiagnostics (median of %d)"
                                          % args.edits, c[1], a[1], a[1] / c[1]))
    if args.keep:
        print("logs in " + work)
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
