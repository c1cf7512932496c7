#!/bin/sh
# The explicit step (Java and OpenCL/PoCL) and the multigrid smoother against the memory roofline, in
# one sitting: the C STREAM triad (2 threads) first and last, `uptime` logged after every run, each
# figure both per process-CPU-second (all threads of the process; what other users' load disturbs
# least) and per wall second (meaningful only on a quiet machine).
#
#   benchmarks/roofline.sh [OUTDIR] [SIZES]          (SIZES default "128 256"; 4 species, 2 threads)
#
# Compiles the benchmark classes it needs with javac against target/classes (no `mvn install`, so the
# shared ~/.m2 is not touched): run `mvn -B -q package -DskipTests` first. Each output starts with
# the line "# backend: …; machine: <CPU model>, <widest ISA>, <cores>" printed by the benchmark.
set -eu
cd "$(dirname "$0")/.."
OUT=${1:-benchmarks/results/$(date +%F)/roofline}
SIZES=${2:-128 256}
mkdir -p "$OUT" benchmarks/target/roofline-classes
CP_FILE=benchmarks/target/roofline-cp.txt
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$CP_FILE" > /dev/null
DEPS=$(cat "$CP_FILE")
CLASSES=benchmarks/target/roofline-classes
javac -d "$CLASSES" -cp "target/classes:$DEPS" \
    benchmarks/src/main/java/org/stromasim/bench/StepProcessCpuTime.java \
    benchmarks/src/main/java/org/stromasim/bench/BenchScenarios.java \
    benchmarks/src/main/java/org/stromasim/bench/MachineInfo.java \
    benchmarks/src/main/java/org/stromasim/solver/SmootherRoofline.java
gcc -O3 -march=native -fopenmp -o benchmarks/target/triad benchmarks/stream/triad.c
CP="$CLASSES:target/classes:$DEPS"
{ date; grep -m1 'model name' /proc/cpuinfo; if grep -q -w avx512f /proc/cpuinfo; then echo avx512f; elif grep -q -w avx2 /proc/cpuinfo; then echo avx2; fi; nproc; java -version 2>&1 | head -1; } > "$OUT/machine.txt"
log() { echo "$1 $(uptime)" >> "$OUT/load.txt"; }
: > "$OUT/load.txt"
OMP_NUM_THREADS=2 benchmarks/target/triad > "$OUT/triad-c-first.txt" 2>&1; log triad-c-first
for n in $SIZES; do
  HEAP=$([ "$n" -ge 256 ] && echo 8g || echo 4g)
  for backend in java opencl; do
    java -Xms$HEAP -Xmx$HEAP --add-modules jdk.incubator.vector -cp "$CP" org.stromasim.bench.StepProcessCpuTime \
        "$n" 4 8 $backend 2 > "$OUT/step-$backend-$n.txt" 2>&1
    log "step-$backend-$n"
  done
  java -Xmx$HEAP -cp "$CP" org.stromasim.solver.SmootherRoofline n="$n" sweeps=10 > "$OUT/smoother-$n.txt" 2>&1
  log "smoother-$n"
done
OMP_NUM_THREADS=2 benchmarks/target/triad > "$OUT/triad-c-last.txt" 2>&1; log triad-c-last
for f in "$OUT"/triad-c-*.txt; do echo "$(basename "$f"): $(grep 'triad best' "$f")"; done
for f in "$OUT"/step-*.txt "$OUT"/smoother-*.txt; do echo "$(basename "$f"): $(grep -v WARNING "$f" | tail -1)"; done
