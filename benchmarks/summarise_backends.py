"""Java-vs-OpenCL table for benchmarks/README.md from an opencl-vs-java.sh output folder.

For each (n, species): voxel-species updates/s of each backend (JMH mean over the measured
iterations, and the best iteration), the effective bandwidth at 12 B per update, and the OpenCL/Java
ratio of the means and of the best iterations. Both backends ran back to back in one JMH run.
"""
import json
import sys
from pathlib import Path

BYTES_PER_UPDATE = 12


def counters(path):
    """backend -> (mean, best) of the `updates` counter."""
    result = {}
    for run in json.loads(Path(path).read_text()):
        metric = run["secondaryMetrics"]["updates"]
        raw = [x for fork in metric["rawData"] for x in fork]
        result[run["params"]["backend"]] = (metric["score"], max(raw))
    return result


def main(folder):
    out = Path(folder)
    print("| grid | species | Java: M upd/s mean (best) | OpenCL: M upd/s mean (best) | OpenCL/Java mean (best) "
          "| Java GB/s at 12 B, mean | OpenCL GB/s at 12 B, mean |")
    print("|---|---|---|---|---|---|---|")
    for n in (64, 128, 256):
        for s in (1, 4):
            try:
                c = counters(out / f"step-{n}-{s}.json")
                jm, jb = c["java"]
                om, ob = c["opencl"]
            except (FileNotFoundError, KeyError, ValueError):
                continue
            print(f"| {n}³ | {s} | {jm / 1e6:.0f} ({jb / 1e6:.0f}) | {om / 1e6:.0f} ({ob / 1e6:.0f}) "
                  f"| {om / jm:.2f}× ({ob / jb:.2f}×) | {jm * BYTES_PER_UPDATE / 1e9:.2f} "
                  f"| {om * BYTES_PER_UPDATE / 1e9:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
