"""Results table for benchmarks/README.md from a compare.sh output folder.

For each (n, species): voxel-species updates/s before and after (JMH mean over the measured
iterations, and the best iteration), the effective bandwidth at 12 B per update, and its ratio to the
STREAM triad measured in the same sitting (Java/JMH and C/OpenMP, both 2 threads, 24 B per element).
The best iteration is shown because the machine is shared: the mean mixes in other users' load,
the best is the closest to a quiet machine (STREAM itself reports its best repetition).
"""
import json
import re
import sys
from pathlib import Path

BYTES_PER_UPDATE = 12


def counter(path, name):
    result = json.loads(Path(path).read_text())[0]
    metric = result["secondaryMetrics"][name]
    raw = [x for fork in metric["rawData"] for x in fork]
    return metric["score"], max(raw)


def main(folder):
    out = Path(folder)
    java_mean, java_best = counter(out / "triad-java-2.json", "bytes24")
    c_text = (out / "triad-c-2.txt").read_text()
    c_best = float(re.search(r"triad best\s+([\d.]+) GB/s", c_text).group(1)) * 1e9
    stream = max(java_best, c_best)
    print(f"STREAM triad, 2 threads, 24 B/element: Java best {java_best / 1e9:.2f} GB/s "
          f"(mean {java_mean / 1e9:.2f}), C best {c_best / 1e9:.2f} GB/s; reference = {stream / 1e9:.2f} GB/s")
    print()
    print("| grid | species | before: M upd/s mean (best) | after: M upd/s mean (best) | speed-up (best) "
          "| after: GB/s at 12 B (best) | % of STREAM triad (best) |")
    print("|---|---|---|---|---|---|---|")
    for n in (64, 128):
        for s in (1, 4):
            try:
                b_mean, b_best = counter(out / f"before-{n}-{s}.json", "updates")
                a_mean, a_best = counter(out / f"after-{n}-{s}.json", "updates")
            except (FileNotFoundError, IndexError, KeyError):
                continue
            gbs = a_best * BYTES_PER_UPDATE / 1e9
            print(f"| {n}³ | {s} | {b_mean / 1e6:.0f} ({b_best / 1e6:.0f}) | {a_mean / 1e6:.0f} ({a_best / 1e6:.0f}) "
                  f"| {a_best / b_best:.1f}× | {a_mean * BYTES_PER_UPDATE / 1e9:.2f} ({gbs:.2f}) "
                  f"| {100 * a_mean * BYTES_PER_UPDATE / stream:.0f} % ({100 * gbs * 1e9 / stream:.0f} %) |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
