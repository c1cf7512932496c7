#!/usr/bin/env python3
"""Markdown table of the headline metrics printed by `stromasim report` (one column per run).

usage: table.py REPORT_OUTPUT.txt...   (the stdout of `stromasim report RUN [--compare OTHER]`)
Reads every run summary block ("NAME (DIR), grid, t = ..., N metrics rows:" followed by
"  label  value  column" lines) and prints one row per headline metric, one column per run, in the
order the runs first appear. No number is computed here: every cell is the text `report` printed.
"""
import re
import sys

HEADER = re.compile(r"^(\S+) \((.+?)\), .* metrics rows:$")
LINE = re.compile(r"^  (.{44}) (.{24}) (\S+)$")

runs = {}      # name -> {label: value}
order = []
labels = []
for path in sys.argv[1:]:
    current = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            h = HEADER.match(line)
            if h:
                current = h.group(1)
                if current not in runs:
                    runs[current] = {}
                    order.append(current)
                continue
            m = LINE.match(line)
            if m and current is not None:
                label, value = m.group(1).strip(), m.group(2).strip()
                runs[current][label] = value
                if label not in labels:
                    labels.append(label)
            elif not line.strip():
                current = None

print("| metric at 60 min | " + " | ".join(f"`{n}`" for n in order) + " |")
print("|---|" + "---|" * len(order))
for label in labels:
    print(f"| {label} | " + " | ".join(runs[n].get(label, "") for n in order) + " |")
