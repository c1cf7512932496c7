#!/bin/sh
# The explicit Java step with the three row-loop variants side by side in one sitting, alternating
# (capped, widest, scalar; twice) so all see the same machine load, `uptime` logged between runs, then the
# STREAM triads (Java and C, 2 threads) of the same sitting:
#   capped  = the default: Vector API loops at most 256 bits wide (8 float lanes)
#   widest  = -Dstromasim.vectorBits=preferred: the CPU's widest vectors (16 float lanes with AVX-512)
#   scalar  = no jdk.incubator.vector module: the scalar loops (bitwise the same numbers)
#
#   benchmarks/vector-lanes.sh [OUTDIR] [SIZES]      (SIZES default "128"; 4 species, 2 threads)
#
# Needs benchmarks/target/benchmarks.jar (see README.md, "Commands"). Each JMH output starts with the
# line "# backend: …; machine: <CPU model>, <widest ISA>, <cores>" printed by the benchmark itself.
set -eu
cd "$(dirname "$0")/.."
OUT=${1:-benchmarks/results/$(date +%F)/lanes}
SIZES=${2:-128}
mkdir -p "$OUT"
JAR=benchmarks/target/benchmarks.jar
{ date; grep -m1 'model name' /proc/cpuinfo; if grep -q -w avx512f /proc/cpuinfo; then echo avx512f; elif grep -q -w avx2 /proc/cpuinfo; then echo avx2; fi; nproc; java -version 2>&1 | head -1; } > "$OUT/machine.txt"
uptime > "$OUT/load.txt"
for n in $SIZES; do
  JMH="-f 1 -wi 2 -w 2 -i 5 -r 2 -p backend=java -p n=$n -p species=4 -p threads=2"
  for round in 1 2; do
    for which in capped widest scalar; do
      case $which in
        capped) ARGS="-Xms4g -Xmx4g --add-modules jdk.incubator.vector" ;;
        widest) ARGS="-Xms4g -Xmx4g --add-modules jdk.incubator.vector -Dstromasim.vectorBits=preferred" ;;
        scalar) ARGS="-Xms4g -Xmx4g" ;;
      esac
      java -jar "$JAR" StepBenchmark $JMH -jvmArgsAppend "$ARGS" \
          -rf json -rff "$OUT/$which-$n-$round.json" > "$OUT/$which-$n-$round.txt" 2>&1
      echo "$which-$n-$round $(uptime)" >> "$OUT/load.txt"
      grep -m1 -o '# backend:.*' "$OUT/$which-$n-$round.txt" | sed "s/^/$which-$n-$round /"
      grep -E '^StepBenchmark.advance:updates ' "$OUT/$which-$n-$round.txt" | sed "s/^/$which-$n-$round /"
    done
  done
done
java -jar "$JAR" StreamTriadBenchmark -t 2 -f 1 -wi 2 -i 5 > "$OUT/triad-java.txt" 2>&1
echo "triad-java $(uptime)" >> "$OUT/load.txt"
grep -E 'bytes24' "$OUT/triad-java.txt" | tail -1
mkdir -p benchmarks/target
gcc -O3 -march=native -fopenmp -o benchmarks/target/triad benchmarks/stream/triad.c
OMP_NUM_THREADS=2 benchmarks/target/triad > "$OUT/triad-c.txt" 2>&1
echo "triad-c $(uptime)" >> "$OUT/load.txt"
cat "$OUT/triad-c.txt"
