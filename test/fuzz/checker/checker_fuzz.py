#!/usr/bin/env python3
"""Robustness runs of the aliasguard CLI: it must never crash, hang or exit
with a status other than the documented 0 (checked), 1 (findings with
--warnings-as-errors) or 3 (some file did not compile).

  repo    every C++ file of the repository (runtime/, tool/, test/,
          docs/examples), each in its own process, with include flags that
          let it compile
  torch   one translation unit including <torch/torch.h> with
          --header-filter=.* so that LibTorch's inline header code is
          analysed too; prints the time it took
  mutate  a mutation fuzzer: randomly edited copies of the lit inputs
          (test/checker/ag/*.cpp) and the examples (docs/examples/*.cpp):
          tokens and lines deleted, duplicated, swapped or inserted,
          identifiers renamed, files truncated or spliced together

A crash is a death by signal, an exit status outside {0, 1, 3}, a hang past
the timeout, or a crash report on stderr (LLVM's stack dump, an assertion,
a sanitizer report) whatever the status. Every crashing input is saved
(mutate: minimised line by line) and the run exits with status 1.
"""

import argparse
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

OK_STATUSES = {0, 1, 3}
CRASH_MARKERS = [
    "PLEASE submit a bug report", "Stack dump:", "Assertion `", "Assertion failed",
    "ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
    "UndefinedBehaviorSanitizer", "terminate called", "LLVM ERROR:",
]
TORCH_FLAGS = ["-std=c++17", "-I/usr/include/torch/csrc/api/include"]


class Result:
    def __init__(self, path, status, seconds, stderr, timed_out=False):
        self.path = path
        self.status = status
        self.seconds = seconds
        self.stderr = stderr
        self.timed_out = timed_out

    def crash_reason(self):
        if self.timed_out:
            return "timed out after %.0f s" % self.seconds
        if self.status < 0:
            return "killed by signal %d" % -self.status
        if self.status not in OK_STATUSES:
            return "exit status %d" % self.status
        for m in CRASH_MARKERS:
            if m in self.stderr:
                return "crash report on stderr (%r)" % m
        return None


def run_checker(cmd, path, timeout):
    start = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=timeout)
        return Result(path, p.returncode, time.monotonic() - start, p.stderr)
    except subprocess.TimeoutExpired as e:
        err = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
        return Result(path, -999, time.monotonic() - start, err, timed_out=True)


def report_crash(r, cmd):
    print("CRASH: %s: %s" % (r.path, r.crash_reason()))
    print("  command: " + " ".join(cmd))
    tail = r.stderr.strip().splitlines()[-40:]
    for line in tail:
        print("  | " + line)


# ---------------------------------------------------------------------------
# repo
# ---------------------------------------------------------------------------

# Files whose compile failure is intended (the CLI must still not crash).
EXPECTED_COMPILE_ERRORS = {
    "test/checker/cli/malformed.cpp",  # malformed on purpose
}
# Files that only include the runtime or the standard library: their flags are
# known exactly, so they must compile (else the run would check nothing).
MUST_COMPILE = ("runtime/", "docs/examples/", "test/checker/ag/", "test/runtime/")


def repo_files(src):
    out = []
    for top in ("runtime", "tool", "test", "docs/examples"):
        for root, dirs, files in os.walk(os.path.join(src, top)):
            dirs[:] = sorted(d for d in dirs if not d.startswith("build"))
            for f in sorted(files):
                if f.endswith((".cpp", ".cc", ".h", ".hpp")):
                    out.append(os.path.relpath(os.path.join(root, f), src))
    return out


def repo_command(checker, src, rel):
    path = os.path.join(src, rel)
    with open(path, errors="replace") as f:
        text = f.read()
    here = os.path.dirname(path)
    uses_torch = re.search(r"#\s*include\s*[<\"](torch|ATen)/", text) is not None
    # The repository's own LibTorch code (runtime/src/torch) is C++20 like
    # the rest of runtime/; LibTorch user code in the tests is C++17.
    flags = (TORCH_FLAGS if uses_torch and not rel.startswith("runtime/")
             else ["-std=c++20"]) + [
        "-I" + os.path.join(src, "runtime/include"), "-I" + os.path.join(src, "runtime/src"),
        "-I" + os.path.join(src, "tool/include"), "-I" + os.path.join(src, "tool/lib"),
        "-I" + os.path.join(src, "tool"), "-I/usr/lib/llvm-19/include",
        "-I" + here, "-I" + os.path.join(here, "Inputs"),
        # What tool/CMakeLists.txt defines for the CLI.
        '-DAG_VERSION="0"', '-DAG_CLANG_RESOURCE_DIR="/usr/lib/llvm-19/lib/clang/19"',
    ]
    if rel.startswith("runtime/src/torch/"):
        flags.append("-DNDEBUG")  # as runtime/CMakeLists.txt builds the LibTorch checker
    if uses_torch and "-I/usr/include/torch/csrc/api/include" not in flags:
        flags.append("-I/usr/include/torch/csrc/api/include")
    cmd = [checker, "--no-progress"]
    if rel.endswith((".h", ".hpp")):
        cmd.append("--extra-arg-before=-xc++")  # a header checked as a C++ file
    return cmd + [path, "--"] + flags


def cmd_repo(args):
    files = repo_files(args.src)
    print("checker_fuzz repo: %d files" % len(files), flush=True)
    start = time.monotonic()
    crashes, not_compiled, must = [], [], []
    statuses = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        jobs = {pool.submit(run_checker, repo_command(args.checker, args.src, rel), rel,
                            args.timeout): rel for rel in files}
        results = [f.result() for f in concurrent.futures.as_completed(jobs)]
    for r in sorted(results, key=lambda r: r.path):
        statuses[r.status] = statuses.get(r.status, 0) + 1
        if r.crash_reason():
            crashes.append(r)
            report_crash(r, repo_command(args.checker, args.src, r.path))
        elif r.status == 3 and r.path not in EXPECTED_COMPILE_ERRORS:
            first = next((l for l in r.stderr.splitlines() if "error:" in l), "")
            not_compiled.append(r.path)
            print("did not compile: %s: %s" % (r.path, first[:200]))
            if r.path.startswith(MUST_COMPILE):
                must.append(r.path)
    slowest = max(results, key=lambda r: r.seconds)
    print("checker_fuzz repo: %d files in %.0f s (slowest %s, %.1f s); exit statuses %s; "
          "%d crashes; %d unexpectedly did not compile"
          % (len(files), time.monotonic() - start, slowest.path, slowest.seconds,
             dict(sorted(statuses.items())), len(crashes), len(not_compiled)))
    if must:
        print("error: these files only need the runtime's headers and must compile: "
              + ", ".join(must))
    return 1 if crashes or must else 0


# ---------------------------------------------------------------------------
# torch
# ---------------------------------------------------------------------------

TORCH_TU = """\
#include <torch/torch.h>
#include <iostream>

int main() {
  torch::Tensor a = torch::ones({2, 3});
  torch::Tensor v = a.view({3, 2});
  v.add_(1);
  torch::Tensor b = a;
  b[0] = 5;
  std::cout << a.sum().item<float>() << "\\n";
  return 0;
}
"""


def cmd_torch(args):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "torch_all.cpp")
        with open(path, "w") as f:
            f.write(TORCH_TU)
        cmd = [args.checker, "--no-progress", "--print-stats", "--header-filter=.*"]
        # LibTorch's headers live under /usr/include, a system directory whose
        # code the checker skips; these prefixes make them user headers so
        # that --header-filter reaches ATen's and c10's inline code too.
        if not args.torch_api_only:
            for prefix in ("ATen/", "c10/", "torch/", "caffe2/"):
                cmd.append("--extra-arg=--no-system-header-prefix=" + prefix)
        cmd += [path, "--"] + TORCH_FLAGS
        r = run_checker(cmd, "torch_all.cpp", args.timeout)
    findings = sum(1 for l in r.stderr.splitlines() if ": warning: " in l and "[aliasguard-" in l)
    stats = [l for l in r.stderr.splitlines() if l.startswith("aliasguard: analysis ")]
    print("checker_fuzz torch: exit status %d in %.1f s, %d aliasguard findings%s"
          % (r.status, r.seconds, findings, ("; " + stats[-1].strip()) if stats else ""))
    if r.crash_reason():
        report_crash(r, cmd)
        return 1
    if r.status != 0:
        print("error: the LibTorch translation unit did not compile:")
        print("\n".join(l for l in r.stderr.splitlines() if "error:" in l)[:2000])
        return 1
    return 0


# ---------------------------------------------------------------------------
# mutate
# ---------------------------------------------------------------------------

TOKEN_RE = re.compile(r"""[A-Za-z_]\w*|\d[\w.]*|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|"""
                      r"""::|->|\+\+|--|&&|\|\||<<=|>>=|<<|>>|[-+*/%&|^!=<>]=|\S""")
EXTRA_TOKENS = ["{", "}", "(", ")", "[", "]", ";", ",", "=", "&", "&&", "*", "::", "<", ">",
                "...", "template", "typename", "auto", "const", "static", "return", "if", "else",
                "for", "while", "do", "switch", "case", "break", "goto", "try", "catch", "throw",
                "lambda", "[&]", "[=]", "std::move", "decltype", "sizeof", "new", "delete",
                "operator", "this", "nullptr", "co_return", "#define", "#include", "\\", "0",
                "-1", "1e999", "\"\"", "'a'", "ag::Tensor", "ag::NdArray", ".add_(1)",
                ".view({-1})", ".clone()", "[0]", "= b", "const ag::Tensor&"]


# Same-shaped API names: swapping them mostly keeps a program compiling while
# changing what aliases what (a view for a copy, a write for a read).
API_GROUPS = [
    ["add_", "sub_", "mul_", "div_", "add", "sub", "mul", "div"],
    ["clone", "detach", "contiguous", "flatten", "squeeze", "t", "neg_", "abs_", "exp"],
    ["view", "reshape", "expand", "permute"],
    ["fill_", "add_", "mul_", "clamp_min_", "clamp_min"],
    ["select", "narrow", "transpose"],
    ["copy_", "add_", "sub_", "mul_", "index_put_"],
    ["+=", "-=", "*=", "=", "+", "-"],
    ["ag::Tensor", "ag::Tensor&", "const ag::Tensor&", "auto", "auto&", "auto&&"],
]


def tokens(text):
    return [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def mutate_once(rng, text, corpus):
    kind = rng.choice(["tok-del", "tok-dup", "tok-swap", "tok-ins", "line-del", "line-dup",
                       "line-swap", "truncate", "ident-swap", "splice", "stmt-move", "api-swap",
                       "api-swap", "api-swap", "stmt-move", "line-del", "line-dup"])
    if kind == "api-swap":
        group = rng.choice(API_GROUPS)
        pat = r"(?<![\w&:])(%s)(?![\w&=])" % "|".join(re.escape(g) for g in
                                                      sorted(group, key=len, reverse=True))
        hits = list(re.finditer(pat, text))
        if hits:
            m = rng.choice(hits)
            return text[:m.start()] + rng.choice(group) + text[m.end():]
        return text
    if kind == "stmt-move":
        lines = text.split("\n")
        stmts = [i for i, l in enumerate(lines) if l.strip().endswith(";") and l.startswith("  ")]
        if len(stmts) >= 2:
            i = rng.choice(stmts)
            line = lines.pop(i)
            near = [j for j in stmts if abs(j - i) <= 6 and j < len(lines)]
            lines.insert(rng.choice(near) if near else i, line)
        return "\n".join(lines)
    toks = tokens(text)
    if kind.startswith("tok") and len(toks) > 2:
        i = rng.randrange(len(toks))
        s, e = toks[i]
        if kind == "tok-del":
            return text[:s] + text[e:]
        if kind == "tok-dup":
            return text[:e] + " " + text[s:e] + text[e:]
        if kind == "tok-swap" and i + 1 < len(toks):
            s2, e2 = toks[i + 1]
            return text[:s] + text[s2:e2] + text[e:s2] + text[s:e] + text[e2:]
        if kind == "tok-ins":
            if rng.random() < 0.5:
                a, b = toks[rng.randrange(len(toks))]
                new = text[a:b]
            else:
                new = rng.choice(EXTRA_TOKENS)
            return text[:s] + new + " " + text[s:]
    lines = text.split("\n")
    if kind == "line-del" and len(lines) > 1:
        i = rng.randrange(len(lines))
        n = rng.choice([1, 1, 2, 5])
        return "\n".join(lines[:i] + lines[i + n:])
    if kind == "line-dup":
        i = rng.randrange(len(lines))
        return "\n".join(lines[:i + 1] + [lines[i]] + lines[i + 1:])
    if kind == "line-swap" and len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)
    if kind == "truncate":
        return text[:rng.randrange(len(text) + 1)]
    if kind == "ident-swap":
        idents = sorted(set(re.findall(r"\b[A-Za-z_]\w*\b", text)))
        if len(idents) >= 2:
            a, b = rng.sample(idents, 2)
            return re.sub(r"\b%s\b" % re.escape(a), b, text)
    if kind == "splice":
        other = rng.choice(corpus).split("\n")
        i = rng.randrange(len(other))
        chunk = other[i:i + rng.randint(1, 12)]
        j = rng.randrange(len(lines) + 1)
        return "\n".join(lines[:j] + chunk + lines[j:])
    return text


def make_mutant(rng, corpus):
    text = rng.choice(corpus)
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 5])):
        text = mutate_once(rng, text, corpus)
    return text


def corpus_files(src):
    out = []
    for d in ("test/checker/ag", "docs/examples"):
        for f in sorted(os.listdir(os.path.join(src, d))):
            if f.endswith(".cpp"):
                out.append(os.path.join(src, d, f))
    return out


def mutant_command(args, path, pch):
    cmd = [args.checker, "--no-progress", "--quiet"]
    flags = ["-std=c++20", "-I" + os.path.join(args.src, "runtime/include")]
    if pch:
        flags += ["-include-pch", pch]
    return cmd + [path, "--"] + flags


def build_pch(args, tmp):
    """A precompiled <ag/ag.h> and standard headers, so that each mutant
    costs its own code's parse and analysis rather than the headers'."""
    clang = shutil.which("clang++-19") or "/usr/lib/llvm-19/bin/clang++"
    header = os.path.join(tmp, "prefix.h")
    with open(header, "w") as f:
        f.write("#include <ag/ag.h>\n#include <iostream>\n#include <vector>\n#include <string>\n"
                "#include <utility>\n#include <tuple>\n#include <optional>\n")
    pch = header + ".pch"
    p = subprocess.run([clang, "-std=c++20", "-I" + os.path.join(args.src, "runtime/include"),
                        "-x", "c++-header", header, "-o", pch], capture_output=True, text=True)
    if p.returncode != 0:
        print("checker_fuzz mutate: no precompiled header (%s); running without"
              % p.stderr.strip()[:200])
        return None
    return pch


def minimise_lines(args, text, pch, tmp, reason_of):
    """Drops chunks of lines while the checker still crashes."""
    path = os.path.join(tmp, "minimise.cpp")
    lines = text.split("\n")

    def crashes(ls):
        with open(path, "w") as f:
            f.write("\n".join(ls))
        return reason_of(run_checker(mutant_command(args, path, pch), path, args.timeout))

    n = max(1, len(lines) // 2)
    while n >= 1:
        i = 0
        while i < len(lines):
            cand = lines[:i] + lines[i + n:]
            if cand and crashes(cand):
                lines = cand
            else:
                i += n
        n //= 2
    return "\n".join(lines)


def cmd_mutate(args):
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**9)
    rng = random.Random(seed)
    corpus = []
    for p in corpus_files(args.src):
        with open(p) as f:
            corpus.append(f.read())
    print("checker_fuzz mutate: seed %s, %d corpus files, up to %d mutants%s"
          % (seed, len(corpus), args.mutants,
             (", up to %.0f s" % args.time_limit) if args.time_limit else ""), flush=True)
    os.makedirs(args.crash_dir, exist_ok=True)
    start = time.monotonic()
    statuses, crashes, done = {}, 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        pch = None if args.no_pch else build_pch(args, tmp)
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            while done < args.mutants:
                if args.time_limit and time.monotonic() - start > args.time_limit:
                    break
                batch = []
                for _ in range(min(args.jobs * 4, args.mutants - done)):
                    path = os.path.join(tmp, "m%06d.cpp" % (done + len(batch)))
                    text = make_mutant(rng, corpus)
                    with open(path, "w") as f:
                        f.write(text)
                    batch.append((path, text))
                results = list(pool.map(
                    lambda pt: run_checker(mutant_command(args, pt[0], pch), pt[0], args.timeout),
                    batch))
                for (path, text), r in zip(batch, results):
                    done += 1
                    statuses[r.status] = statuses.get(r.status, 0) + 1
                    reason = r.crash_reason()
                    if not reason:
                        continue
                    crashes += 1
                    report_crash(r, mutant_command(args, path, pch))
                    small = minimise_lines(args, text, pch, tmp, lambda x: x.crash_reason())
                    out = os.path.join(args.crash_dir, "crash-%s-%d.cpp" % (seed, done))
                    with open(out, "w") as f:
                        f.write(small)
                    print("  saved the minimised input (%d lines) to %s"
                          % (small.count("\n") + 1, out))
                    if not args.keep_going:
                        break
                if crashes and not args.keep_going:
                    break
    elapsed = time.monotonic() - start
    print("checker_fuzz mutate: %d executions in %.0f s (%.1f/s), exit statuses %s, %d crashes"
          % (done, elapsed, done / elapsed if elapsed else 0, dict(sorted(statuses.items())),
             crashes))
    return 1 if crashes else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["repo", "torch", "mutate"])
    ap.add_argument("--checker", required=True, help="path of the aliasguard executable")
    ap.add_argument("--src", default=os.path.abspath(os.path.join(os.path.dirname(__file__),
                                                                  "..", "..", "..")),
                    help="source tree (default: this script's)")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=300, help="seconds per checker run")
    ap.add_argument("--mutants", type=int, default=300)
    ap.add_argument("--time-limit", type=float, default=0, help="mutate: stop after this many seconds")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--crash-dir", default="checker-fuzz-crashes")
    ap.add_argument("--keep-going", action="store_true")
    ap.add_argument("--no-pch", action="store_true", help="mutate: parse the headers every time")
    ap.add_argument("--torch-api-only", action="store_true",
                    help="torch: analyse only torch/csrc/api's headers, not ATen's and c10's")
    args = ap.parse_args()
    args.checker = os.path.abspath(args.checker)
    return {"repo": cmd_repo, "torch": cmd_torch, "mutate": cmd_mutate}[args.mode](args)


if __name__ == "__main__":
    sys.exit(main())
