"""Counts the mappings added, changed and removed per annex and per system between a git
revision and the annex files in the working tree (for a release note):

    python3 tools/reconstruction/mapping_tally.py main

A mapping is identified by (entry code, system, target code): present only now is added, only
then is removed, in both with another relationship or comment is changed. Mappings of entries
retired since are counted apart ("removed by retirement")."""
import subprocess
import sys
from collections import Counter

import yaml

import annex_yaml


def mappings(text):
    out, retired = {}, set()
    for e in yaml.safe_load(text)["entries"]:
        if e["status"] == "retired":
            retired.add(e["code"])
        for m in e.get("mappings") or []:
            out[(e["code"], m["system"], str(m["code"]))] = (m["relationship"], m.get("comment"))
    return out, retired


def main(rev):
    rows = []
    for number, name in enumerate(annex_yaml.annex_files(), 1):
        old_text = subprocess.run(["git", "show", f"{rev}:annexes/{name}"], capture_output=True, text=True, check=True).stdout
        old, old_retired = mappings(old_text)
        new, new_retired = mappings((annex_yaml.ANNEXES / name).read_text(encoding="utf-8"))
        tally = Counter()
        for key in old.keys() | new.keys():
            system = key[1]
            if key in new and key not in old:
                tally[(system, "added")] += 1
            elif key in old and key not in new:
                tally[(system, "removed by retirement" if key[0] in new_retired - old_retired else "removed")] += 1
            elif old[key] != new[key]:
                tally[(system, "changed relationship" if old[key][0] != new[key][0] else "changed comment")] += 1
        for (system, kind), count in sorted(tally.items()):
            rows.append((number, system, kind, count))
    print("| annex | system | change | mappings |\n|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(map(str, row)) + " |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "main")
