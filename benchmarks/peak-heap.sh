#!/bin/sh
# Peak live heap of a run against the bytes of its state fields.
#
#   benchmarks/peak-heap.sh [JAR] [N] [UNTIL_S] [EXTRA_RUN_ARGS...]
#
# Runs the default scenario on an N³ grid (default 128) with the Java backend for UNTIL_S simulated
# seconds (default 2), serial GC, and every second while it runs asks the JVM for a class histogram
# (`jcmd PID GC.class_histogram`, which first runs a full collection, so its total is the live heap at
# that moment). Prints the largest sampled live heap, the largest heap after any full collection in
# the GC log, the state bytes (Tissue.stateBytes: 1 + 4·(6 + species) bytes per voxel) and the ratio.
# Samples miss short transients; the GC log's full collections catch the ones that hit the heap limit.
# MarkSweepDeadRatio=0: the serial collector's full collection may otherwise leave up to 5 % of the old
# generation's dead objects in place as int[] fillers, which the histogram then counts as live (a dead
# 8 MiB field read as +0.09x at 128^3).
# PEAK_HEAP_JAVA_OPTS adds JVM options, e.g. "--add-modules jdk.incubator.vector" for the vectorised
# Java step (which allocates no buffer of its own).
set -eu
JAR=${1:-target/stromasim.jar}
N=${2:-128}
UNTIL=${3:-2}
shift $(( $# < 3 ? $# : 3 ))
OUT=$(mktemp -d)
java -XX:+UseSerialGC -XX:MarkSweepDeadRatio=0 ${PEAK_HEAP_JAVA_OPTS:-} -Xlog:gc:file="$OUT/gc.log" -jar "$JAR" run --backend java --no-progress --out "$OUT/run" \
    --set grid.nx="$N" --set grid.ny="$N" --set grid.nz="$N" --until "$UNTIL" "$@" > "$OUT/stdout" 2>&1 &
PID=$!
PEAK=0
while kill -0 "$PID" 2>/dev/null; do
  sleep 1
  T=$(jcmd "$PID" GC.class_histogram 2>/dev/null | awk '/^Total/ {print $3}')
  if [ -n "${T:-}" ] && [ "$T" -gt "$PEAK" ]; then PEAK=$T; fi
done
wait "$PID" || { cat "$OUT/stdout"; exit 1; }
FULL=$(grep 'Pause Full' "$OUT/gc.log" | sed 's/.*->\([0-9]*\)M.*/\1/' | sort -n | tail -1)
# the run's own log line (run.log): "memory: peak JVM heap ≤ … MiB for S MiB of state fields"
STATE_MIB=$(sed -n 's/.*for \([0-9.]*\) MiB of state fields.*/\1/p' "$OUT/run/run.log" | head -1)
awk -v p="$PEAK" -v s="$STATE_MIB" -v f="${FULL:-none}" -v n="$N" 'BEGIN {
  printf "grid %d^3: state fields %.1f MiB; peak sampled live heap %.1f MiB = %.2fx the state; largest heap after a full GC in the GC log: %s MiB\n",
    n, s, p / 1048576, p / 1048576 / s, f }'
grep 'memory:' "$OUT/stdout" || true
rm -rf "$OUT"
