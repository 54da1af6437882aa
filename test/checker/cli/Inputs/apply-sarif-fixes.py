"""Applies every fix of a SARIF log (byteOffset/byteLength replacements) to
the files it names, relative to a root directory: sarif-fixes.test compares
the result with clang-apply-replacements on --export-fixes."""
import collections
import json
import os
import sys

log, root = sys.argv[1], sys.argv[2]
edits = collections.defaultdict(list)
for run in json.load(open(log))["runs"]:
    for result in run["results"]:
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                path = os.path.join(root, change["artifactLocation"]["uri"])
                for r in change["replacements"]:
                    d = r["deletedRegion"]
                    edits[path].append((d["byteOffset"], d["byteLength"],
                                        r.get("insertedContent", {}).get("text", "")))
assert edits, "no fixes in " + log
for path, changes in edits.items():
    data = open(path, "rb").read()
    for offset, length, text in sorted(set(changes), reverse=True):
        data = data[:offset] + text.encode() + data[offset + length:]
    open(path, "wb").write(data)
