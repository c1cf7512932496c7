#!/bin/sh
# The explicit step of a baseline commit against the working tree, side by side, timed by CPU time (so
# a loaded shared machine disturbs it least): for each size, ROUNDS rounds alternating before/after of
#   - StepCpuTime (Java, one thread, that thread's CPU time), and
#   - StepProcessCpuTime (Java with 2 worker threads, and OpenCL on the best device: the whole
#     process's CPU time, PoCL's threads included),
# `uptime` logged after every run, the C STREAM triad (2 threads) first and last.
#
#   benchmarks/step-before-after-cputime.sh BASELINE_COMMIT [OUTDIR] [SIZES] [ROUNDS]
#       (SIZES default "128", ROUNDS default 2; 4 species; the default-scenario cube of StepBenchmark)
#
# Run `mvn -B -q package -DskipTests` first; the benchmark classes are compiled with javac against each
# side's classes (no `mvn install`, so the shared ~/.m2 is not touched), the baseline's with
# benchmarks/baseline.sh.
set -eu
cd "$(dirname "$0")/.."
BASE=$1
OUT=${2:-benchmarks/results/$(date +%F)/before-after-cputime}
SIZES=${3:-128}
ROUNDS=${4:-2}
mkdir -p "$OUT"
. benchmarks/baseline.sh
build_baseline "$BASE"
CP_FILE=benchmarks/target/before-after-cp.txt
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$CP_FILE" > /dev/null
DEPS=$(cat "$CP_FILE")
BENCH=benchmarks/target/before-after-classes
mkdir -p "$BENCH"
javac -d "$BENCH" -cp "target/classes:$DEPS" \
    benchmarks/src/main/java/org/stromasim/bench/StepCpuTime.java \
    benchmarks/src/main/java/org/stromasim/bench/StepProcessCpuTime.java \
    benchmarks/src/main/java/org/stromasim/bench/BenchScenarios.java \
    benchmarks/src/main/java/org/stromasim/bench/MachineInfo.java
gcc -O3 -march=native -fopenmp -o benchmarks/target/triad benchmarks/stream/triad.c
{ date; grep -m1 'model name' /proc/cpuinfo; if grep -q -w avx512f /proc/cpuinfo; then echo avx512f; elif grep -q -w avx2 /proc/cpuinfo; then echo avx2; fi; nproc; java -version 2>&1 | head -1; echo "baseline $BASE; after $(git rev-parse --short HEAD) + working tree"; } > "$OUT/machine.txt"
log() { echo "$1 $(uptime)" >> "$OUT/load.txt"; }
: > "$OUT/load.txt"
OMP_NUM_THREADS=2 benchmarks/target/triad > "$OUT/triad-c-first.txt" 2>&1; log triad-c-first
for n in $SIZES; do
  HEAP=$([ "$n" -ge 256 ] && echo 8g || echo 4g)
  round=1
  while [ "$round" -le "$ROUNDS" ]; do
    for side in before after; do
      MAIN=$([ "$side" = before ] && echo benchmarks/target/baseline/target/classes || echo target/classes)
      CP="$BENCH:$MAIN:$DEPS"
      JOPTS="-Xms$HEAP -Xmx$HEAP --add-modules jdk.incubator.vector"
      java $JOPTS -cp "$CP" org.stromasim.bench.StepCpuTime "$n" 4 10 > "$OUT/$side-java1-$n-$round.txt" 2>&1
      log "$side-java1-$n-$round"
      java $JOPTS -cp "$CP" org.stromasim.bench.StepProcessCpuTime "$n" 4 10 java 2 > "$OUT/$side-java2-$n-$round.txt" 2>&1
      log "$side-java2-$n-$round"
      java $JOPTS -cp "$CP" org.stromasim.bench.StepProcessCpuTime "$n" 4 10 opencl > "$OUT/$side-opencl-$n-$round.txt" 2>&1
      log "$side-opencl-$n-$round"
    done
    round=$((round + 1))
  done
done
OMP_NUM_THREADS=2 benchmarks/target/triad > "$OUT/triad-c-last.txt" 2>&1; log triad-c-last
for f in "$OUT"/triad-c-*.txt; do echo "$(basename "$f" .txt): $(grep 'triad best' "$f")"; done
for f in "$OUT"/before-*.txt "$OUT"/after-*.txt; do echo "$(basename "$f" .txt): $(grep -v WARNING "$f" | tail -1)"; done
