#!/usr/bin/env bash
# Wall time of a biology scenario on the Java and the OpenCL backend, back to back, with the load
# average logged before each run; the ratio is only meaningful within one sitting.
#   benchmarks/biology-backends.sh [config] [until_s] [repeats]
# Needs target/stromasim.jar (mvn -q -o package -DskipTests). Writes runs under $TMPDIR.
set -euo pipefail
config=${1:-configs/fibrotic-stroma.yaml}
until_s=${2:-300}
repeats=${3:-2}
out=$(mktemp -d)
for r in $(seq 1 "$repeats"); do
  for backend in java opencl; do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    start=$(date +%s.%N)
    java -jar target/stromasim.jar run "$config" --backend "$backend" --until "$until_s" --no-progress \
      --out "$out/$backend-$r" --force > "$out/$backend-$r.log" 2>&1
    end=$(date +%s.%N)
    loop=$(grep -o 'after [0-9]* steps in [0-9.e+]* s wall' "$out/$backend-$r/run.log" || true)
    printf '%s\trepeat %s\tload %s\tprocess %.1f s\ttime loop %s\n' "$backend" "$r" "$load" \
      "$(echo "$end - $start" | bc)" "$loop"
  done
done
python3 - "$out" "$repeats" <<'PY'
import csv, sys
out, repeats = sys.argv[1], int(sys.argv[2])
# the final metrics rows of the two backends (first repeat): the largest relative difference
rows = {b: list(csv.DictReader(l for l in open(f"{out}/{b}-1/metrics.csv") if not l.startswith("#")))
        for b in ("java", "opencl")}
worst = max((abs(float(j[c]) - float(o[c])) / max(abs(float(j[c])), abs(float(o[c])), 1e-300), c)
            for j, o in zip(rows["java"], rows["opencl"]) for c in j
            if j[c].lower() != "nan" and o[c].lower() != "nan" and c != "time_s")
print(f"metrics rows: {len(rows['java'])} each; largest relative difference {worst[0]:.2e} ({worst[1]})")
PY
