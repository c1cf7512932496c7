#!/bin/sh
# Java backend against the OpenCL backend, side by side, in one sitting.
#
#   benchmarks/opencl-vs-java.sh [OUTDIR]
#
# For each grid (64³, 128³, 256³) and species count (1, 4) one JMH run measures backend=java and then
# backend=opencl back to back (same JVM flags, same tissue, same time step), so both see the same
# machine load; `uptime` is logged between runs. The OpenCL backend takes the best OpenCL device
# (on a machine without a GPU: the CPU through PoCL). Expects benchmarks/target/benchmarks.jar (see
# benchmarks/README.md); target/classes, when present, comes first on the class path, so the
# working tree's backends are measured without `mvn install`.
set -eu
cd "$(dirname "$0")/.."
OUT=${1:-benchmarks/results/$(date +%F)/opencl}
mkdir -p "$OUT"
CP=target/classes:benchmarks/target/benchmarks.jar
JMH="-f 1 -wi 2 -w 2 -i 5 -r 2"
{ date; uname -m; grep -m1 'model name' /proc/cpuinfo; nproc; java -version 2>&1 | head -1; clinfo -l 2>&1; } > "$OUT/machine.txt"
uptime > "$OUT/load.txt"
for n in 64 128 256; do
  for s in 1 4; do
    java -cp "$CP" org.openjdk.jmh.Main StepBenchmark -p n=$n -p species=$s -p backend=java,opencl $JMH \
        -rf json -rff "$OUT/step-$n-$s.json" > "$OUT/step-$n-$s.txt" 2>&1
    uptime >> "$OUT/load.txt"
  done
done
python3 benchmarks/summarise_backends.py "$OUT" | tee "$OUT/summary.md"
