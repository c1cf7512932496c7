# Sourced by the before/after scripts: compiles BASELINE_COMMIT's main classes into
# benchmarks/target/baseline/target/classes, to be put first on the class path of the benchmarks jar
# (so the benchmark code is the same and only the simulator differs). Run from the repository root.
build_baseline() {
  rm -rf benchmarks/target/baseline
  mkdir -p benchmarks/target/baseline
  git archive "$1" | tar -x -C benchmarks/target/baseline
  (cd benchmarks/target/baseline && mvn -q -o compile)
}
