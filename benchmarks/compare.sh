#!/bin/sh
# Before/after comparison of the JavaBackend step, plus the STREAM triad, in one sitting.
#
#   benchmarks/compare.sh [BASELINE_COMMIT] [OUTDIR]
#
# Builds and installs the current tree, packages the benchmarks, compiles BASELINE_COMMIT's main
# classes into benchmarks/target/baseline and runs the same StepBenchmark against them (they come
# first on the class path, so the benchmark code is identical and only the backend differs). Each
# (n, species) configuration runs before and then after, back to back, so both see the same machine
# load; `uptime` is logged between them. Then STREAM triad in Java (JMH, 2 threads) and in C
# (OpenMP, 2 threads). benchmarks/summarise.py turns OUTDIR into the results table.
set -eu
cd "$(dirname "$0")/.."
BASE=${1:-3385228}
OUT=${2:-benchmarks/results/$(date +%F)}
mkdir -p "$OUT"
mvn -q -o install -DskipTests
(cd benchmarks && mvn -q -o package)
. benchmarks/baseline.sh
build_baseline "$BASE"
JAR=benchmarks/target/benchmarks.jar
BASECP=benchmarks/target/baseline/target/classes:$JAR
JMH="-f 1 -wi 2 -w 2 -i 8 -r 2"
{ date; uname -m; grep -m1 'model name' /proc/cpuinfo; nproc; java -version 2>&1 | head -1; } > "$OUT/machine.txt"
uptime > "$OUT/load.txt"
for n in 64 128; do
  for s in 1 4; do
    java -cp "$BASECP" org.openjdk.jmh.Main StepBenchmark -p n=$n -p species=$s $JMH \
        -rf json -rff "$OUT/before-$n-$s.json" > "$OUT/before-$n-$s.txt" 2>&1
    uptime >> "$OUT/load.txt"
    java -jar "$JAR" StepBenchmark -p n=$n -p species=$s $JMH \
        -rf json -rff "$OUT/after-$n-$s.json" > "$OUT/after-$n-$s.txt" 2>&1
    uptime >> "$OUT/load.txt"
  done
done
java -jar "$JAR" StreamTriadBenchmark -t 2 $JMH -rf json -rff "$OUT/triad-java-2.json" > "$OUT/triad-java-2.txt" 2>&1
gcc -O3 -march=native -fopenmp -o benchmarks/target/triad benchmarks/stream/triad.c
OMP_NUM_THREADS=2 benchmarks/target/triad > "$OUT/triad-c-2.txt"
uptime >> "$OUT/load.txt"
python3 benchmarks/summarise.py "$OUT" | tee "$OUT/summary.md"
