#!/bin/sh
# Regenerates the stromal-barrier acceptance read-out (docs/barrier-physics.md section 7).
# usage: benchmarks/barrier-acceptance.sh [RUNS_DIR]   (default /tmp/stromasim-barrier); run from the repository root
# after `mvn -B -q package -DskipTests`. About 26 min on a 2-vCPU VM (three one-hour runs, Java, one thread each).
set -eu
RUNS=${1:-/tmp/stromasim-barrier}
mkdir -p "$RUNS"
# diffusion read-outs: Pluen 2001 (IgG, doxorubicin), Magzoub 2008 (collagenase, hyaluronidase), IFP of the rim column
mvn -B -q surefire:test -Dtest='BarrierReadoutTest,CoTherapyReadoutTest' -DfailIfNoTests=false | grep -v WARNING
for k in fibrotic hyaluronidase losartan; do
  java -jar target/stromasim.jar run "configs/carcinoma-rim-$k.yaml" --backend java --threads 1 --out "$RUNS/$k" --force > "$RUNS/$k.log" 2>&1
done
java -jar target/stromasim.jar report "$RUNS/fibrotic" --compare "$RUNS/hyaluronidase" --out "$RUNS/compare-hyaluronidase"
java -jar target/stromasim.jar report "$RUNS/fibrotic" --compare "$RUNS/losartan" --out "$RUNS/compare-losartan"
python3 benchmarks/barrier_table.py "$RUNS"
# the perfused-tumour pair: D contrast in tumour tissue and the doxorubicin L50 from the vessel (Grantab 2012)
benchmarks/perfused-tumour-pair.sh "$RUNS/pair"
