#!/bin/sh
# The explicit Java step with its scalar row loops (JVM without jdk.incubator.vector) and with the
# Vector API row loops (--add-modules jdk.incubator.vector), side by side in one sitting, alternating
# (scalar, vector, scalar, vector) per grid so both see the same machine load; `uptime` logged
# between runs; then the STREAM triads (Java, 2 threads, and C with OpenMP, 2 threads).
#
#   benchmarks/vector-vs-scalar.sh [OUTDIR] [SIZES]      (SIZES default "64 128"; 4 species, 2 threads)
#
# Uses the working tree's target/classes first on the class path (run `mvn -q -o compile` first) and
# benchmarks/target/benchmarks.jar (see README.md). The backend's description in the JMH output
# ("java (2 threads, vectorised, 8 float lanes)" or "java (2 threads, scalar)") is not printed by JMH,
# so each run's path is checked by the JVM flags alone: scalar runs get no --add-modules.
set -eu
cd "$(dirname "$0")/.."
OUT=${1:-benchmarks/results/$(date +%F)/vector}
SIZES=${2:-64 128}
mkdir -p "$OUT"
JAR=benchmarks/target/benchmarks.jar
CP=target/classes:$JAR
{ date; grep -m1 'model name' /proc/cpuinfo; nproc; java -version 2>&1 | head -1; } > "$OUT/machine.txt"
uptime > "$OUT/load.txt"
for n in $SIZES; do
  JMH="-f 1 -wi 2 -w 2 -i 6 -r 2 -p backend=java -p n=$n -p species=4 -p threads=2"
  for round in 1 2; do
    for which in scalar vector; do
      if [ "$which" = scalar ]; then ARGS="-Xms4g -Xmx4g"; else ARGS="-Xms4g -Xmx4g --add-modules jdk.incubator.vector"; fi
      java -cp "$CP" org.openjdk.jmh.Main StepBenchmark $JMH -jvmArgsAppend "$ARGS" \
          -rf json -rff "$OUT/$which-$n-$round.json" > "$OUT/$which-$n-$round.txt" 2>&1
      echo "$which-$n-$round $(uptime)" >> "$OUT/load.txt"
      grep -E '^StepBenchmark.advance:updates ' "$OUT/$which-$n-$round.txt" | sed "s/^/$which-$n-$round /"
    done
  done
done
java -cp "$CP" org.openjdk.jmh.Main StreamTriadBenchmark -t 2 -f 1 -wi 2 -i 5 > "$OUT/triad-java.txt" 2>&1
echo "triad-java $(uptime)" >> "$OUT/load.txt"
grep -E 'bytes24' "$OUT/triad-java.txt" | tail -1
mkdir -p benchmarks/target
gcc -O3 -march=native -fopenmp -o benchmarks/target/triad benchmarks/stream/triad.c
OMP_NUM_THREADS=2 benchmarks/target/triad > "$OUT/triad-c.txt" 2>&1
echo "triad-c $(uptime)" >> "$OUT/load.txt"
cat "$OUT/triad-c.txt"
