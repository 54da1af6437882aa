"""shard.test: the shards' findings (JSON or SARIF) are disjoint and their
union is the unsharded run's (JSON)."""
import json
import os
import sys


def findings(path):
    doc = json.load(open(path))
    if "runs" in doc:
        out = []
        for run in doc["runs"]:
            for r in run["results"]:
                loc = r["locations"][0]["physicalLocation"]
                out.append((os.path.basename(loc["artifactLocation"]["uri"]),
                            loc["region"]["startLine"], r["ruleId"]))
        return out
    return [(os.path.basename(f["file"]), f["line"], f["check"]) for f in doc["findings"]]


whole = findings(sys.argv[1])
shards = [findings(p) for p in sys.argv[2:]]
union = [f for s in shards for f in s]
assert len(whole) >= 3, whole
assert sorted(union) == sorted(whole), (union, whole)
files = [set(f[0] for f in s) for s in shards]
for i in range(len(files)):
    for j in range(i + 1, len(files)):
        assert not files[i] & files[j], files
