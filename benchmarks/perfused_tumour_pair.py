"""Prints the perfused-tumour pair read-out of docs/barrier-physics.md section 8 (stdlib only).

usage: python3 benchmarks/perfused_tumour_pair.py RUNS_DIR
RUNS_DIR holds, per matrix m in (poor, rich): validate-m.txt (`stromasim validate` output) and report-m.txt
(`stromasim report` output of the run); benchmarks/perfused-tumour-pair.sh writes them.
"""
import re
import sys

root = sys.argv[1]


def mean_diffusivity(text, species):
    # validate's species table: "  drug     84.88 – 84.88     (mean 84.88)   cancer 19.8 µm"
    m = re.search(r"^\s+" + species + r"\s+\S+ – \S+\s+\(mean ([0-9.eE+-]+)\)", text, re.M)
    if m is None:
        sys.exit(f"{root}: no diffusivity row for {species} in validate output")
    return float(m.group(1))


def half_distance(text, label):
    m = re.search(r"^\s+" + re.escape(label) + r"[^\n]*?((?:> )?[0-9.]+ µm(?: \(not reached\))?)", text, re.M)
    if m is None:
        sys.exit(f"{root}: no '{label}' line in report output")
    return m.group(1)


d = {}
l50 = {}
for m in ("poor", "rich"):
    v = open(f"{root}/validate-{m}.txt", encoding="utf-8").read()
    r = open(f"{root}/report-{m}.txt", encoding="utf-8").read()
    d[m] = {s: mean_diffusivity(v, s) for s in ("drug", "igg")}
    l50[m] = (half_distance(r, "drug L50 from the nearest vessel"), half_distance(r, "exposure L50 from the nearest vessel at t = "))

print("| read-out | collagen-poor | collagen-rich | poor / rich | published |")
print("|---|---|---|---|---|")
print("| IgG D in tumour, µm²/s | %.2f | %.2f | %.3f | 5–10 (Pluen et al. 2001) |"
      % (d["poor"]["igg"], d["rich"]["igg"], d["poor"]["igg"] / d["rich"]["igg"]))
print("| doxorubicin D in tumour, µm²/s | %.2f | %.2f | %.3f | ≈ 1 (Pluen et al. 2001, small solutes) |"
      % (d["poor"]["drug"], d["rich"]["drug"], d["poor"]["drug"] / d["rich"]["drug"]))
print("| doxorubicin L50 from the vessel, concentration at 10 min | %s | %s | | 24–43 µm (Grantab et al. 2012) |"
      % (l50["poor"][0], l50["rich"][0]))
print("| doxorubicin L50 from the vessel, exposure over 10 min | %s | %s | | 24–43 µm (Grantab et al. 2012) |"
      % (l50["poor"][1], l50["rich"][1]))
