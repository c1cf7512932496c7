#!/bin/sh
# The explicit Java step before and after a change, side by side in one sitting, alternating
# (before, after, before, after) so both see the same machine load; `uptime` logged between runs.
#
#   benchmarks/lean-vs-before.sh BASELINE_COMMIT [OUTDIR] [N] [SPECIES]
#
# Compiles BASELINE_COMMIT into benchmarks/target/baseline (its classes first on the class path, so
# the benchmark code is the same) and measures StepBenchmark (backend=java, 2 threads, 10 steps per
# call) on it and on the working tree's target/classes (run `mvn -q -o compile` first). Expects
# benchmarks/target/benchmarks.jar (see README.md).
set -eu
cd "$(dirname "$0")/.."
BASE=$1
OUT=${2:-benchmarks/results/$(date +%F)/lean}
N=${3:-128}
S=${4:-4}
mkdir -p "$OUT"
. benchmarks/baseline.sh
build_baseline "$BASE"
JAR=benchmarks/target/benchmarks.jar
JMH="-f 1 -wi 2 -w 2 -i 6 -r 2 -p backend=java -p n=$N -p species=$S"
{ date; grep -m1 'model name' /proc/cpuinfo; nproc; java -version 2>&1 | head -1; } > "$OUT/machine.txt"
uptime > "$OUT/load.txt"
for round in 1 2; do
  for which in before after; do
    if [ "$which" = before ]; then CP=benchmarks/target/baseline/target/classes:$JAR; else CP=target/classes:$JAR; fi
    java -cp "$CP" org.openjdk.jmh.Main StepBenchmark $JMH -rf json -rff "$OUT/$which-$round.json" \
        > "$OUT/$which-$round.txt" 2>&1
    echo "$which-$round $(uptime)" >> "$OUT/load.txt"
    grep -E '^StepBenchmark.advance:updates ' "$OUT/$which-$round.txt" | sed "s/^/$which-$round /"
  done
done
