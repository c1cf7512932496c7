#!/bin/sh
# Regenerates the perfused-tumour pair read-out (docs/barrier-physics.md section 8): IgG and doxorubicin
# diffusivity collagen-poor / collagen-rich (Pluen 2001) and the doxorubicin L50 from the vessel in tumour
# tissue (Grantab 2012). usage: benchmarks/perfused-tumour-pair.sh [RUNS_DIR [--set KEY=VALUE ...]]
# (default /tmp/stromasim-pair); the --set overrides go to both files' validate and run (a sensitivity, e.g. the
# ends of a parameter's sourced range). Run from the repository root after `mvn -B -q package -DskipTests`.
# About 1 min on a 2-vCPU VM.
set -eu
RUNS=${1:-/tmp/stromasim-pair}
if [ $# -gt 0 ]; then shift; fi
mkdir -p "$RUNS"
for m in poor rich; do
  java -jar target/stromasim.jar validate "configs/perfused-tumour-collagen-$m.yaml" "$@" > "$RUNS/validate-$m.txt"
  java -jar target/stromasim.jar run "configs/perfused-tumour-collagen-$m.yaml" "$@" --backend java --threads 1 \
    --out "$RUNS/$m" --force > "$RUNS/run-$m.log" 2>&1
  java -jar target/stromasim.jar report "$RUNS/$m" --out "$RUNS/report-$m" > "$RUNS/report-$m.txt"
done
python3 benchmarks/perfused_tumour_pair.py "$RUNS"
