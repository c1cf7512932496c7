#!/bin/sh
# The explicit Java step of a baseline commit against the working tree, alternating
# (before, after, before, after) per grid so both see the same machine load, with `uptime` logged
# between runs; then the same step without the Vector API module (scalar loops), and the STREAM
# triads (Java, 2 threads; C with OpenMP, 2 threads) of the same sitting.
#
#   benchmarks/java-step-before-after.sh BASELINE_COMMIT [OUTDIR] [SIZES]   (SIZES default "64 128")
#
# Needs benchmarks/target/benchmarks.jar (README.md) and `mvn -q -o compile` of the working tree.
# The baseline's main classes are compiled into benchmarks/target/baseline and put first on the
# class path, so the benchmark code is identical and only the backend differs. JMH: StepBenchmark,
# Java backend, 4 species, 2 threads, 10 steps per call, -f 1 -wi 2 -w 2 -i 6 -r 2.
set -eu
cd "$(dirname "$0")/.."
BASE=$1
OUT=${2:-benchmarks/results/$(date +%F)/java-step}
SIZES=${3:-64 128}
JAR=benchmarks/target/benchmarks.jar
if [ ! -f "$JAR" ]; then
  echo "$JAR is missing: mvn -q -o install -DskipTests && (cd benchmarks && mvn -q -o package)" >&2
  exit 2
fi
mkdir -p "$OUT"
. benchmarks/baseline.sh
build_baseline "$BASE"
{ date; git rev-parse HEAD; echo "baseline $BASE"; grep -m1 'model name' /proc/cpuinfo; nproc; java -version 2>&1 | head -1; } \
    > "$OUT/machine.txt"
uptime > "$OUT/load.txt"
VECTOR="-Xms4g -Xmx4g --add-modules jdk.incubator.vector"
for n in $SIZES; do
  JMH="-f 1 -wi 2 -w 2 -i 6 -r 2 -p backend=java -p n=$n -p species=4 -p threads=2"
  for round in 1 2; do
    for which in before after; do
      if [ "$which" = before ]; then CP=benchmarks/target/baseline/target/classes:$JAR; else CP=target/classes:$JAR; fi
      java -cp "$CP" org.openjdk.jmh.Main StepBenchmark $JMH -jvmArgsAppend "$VECTOR" \
          -rf json -rff "$OUT/$which-$n-$round.json" > "$OUT/$which-$n-$round.txt" 2>&1
      echo "$which-$n-$round $(uptime)" >> "$OUT/load.txt"
      grep -E '^StepBenchmark.advance:updates ' "$OUT/$which-$n-$round.txt" | sed "s/^/$which-$n-$round /"
    done
  done
  java -cp "target/classes:$JAR" org.openjdk.jmh.Main StepBenchmark $JMH -jvmArgsAppend "-Xms4g -Xmx4g" \
      -rf json -rff "$OUT/scalar-$n.json" > "$OUT/scalar-$n.txt" 2>&1
  echo "scalar-$n $(uptime)" >> "$OUT/load.txt"
  grep -E '^StepBenchmark.advance:updates ' "$OUT/scalar-$n.txt" | sed "s/^/scalar-$n /"
done
java -cp "target/classes:$JAR" org.openjdk.jmh.Main StreamTriadBenchmark -t 2 -f 1 -wi 2 -i 5 > "$OUT/triad-java.txt" 2>&1
echo "triad-java $(uptime)" >> "$OUT/load.txt"
grep -E 'bytes24' "$OUT/triad-java.txt" | tail -1
gcc -O3 -march=native -fopenmp -o benchmarks/target/triad benchmarks/stream/triad.c
OMP_NUM_THREADS=2 benchmarks/target/triad > "$OUT/triad-c.txt" 2>&1
echo "triad-c $(uptime)" >> "$OUT/load.txt"
cat "$OUT/triad-c.txt"
