#!/bin/bash
# The GPU check of benchmarks/README.md ("OpenCL on an NVIDIA H200"), as one script for a lent GPU
# machine that has no Java, Maven or OpenCL loader installed. Prepare here (no GPU needed):
#   mvn -q -DskipTests install && (cd benchmarks && mvn -q -DskipTests package)
#   jlink --add-modules java.base,java.logging,java.management,jdk.management,jdk.unsupported,jdk.incubator.vector \
#         --strip-debug --no-header-files --no-man-pages --compress=2 --output .gpu/jre
#   (cd .gpu && apt-get download ocl-icd-libopencl1 && dpkg -x ocl-icd-libopencl1_*.deb icd && rm *.deb \
#     && ln -s libOpenCL.so.1 icd/usr/lib/x86_64-linux-gnu/libOpenCL.so)
#   cp benchmarks/target/benchmarks.jar .gpu/bench.jar   # (other platforms' native libraries may be
#                                                        #  deleted from it to stay within a transfer limit)
# then run `benchmarks/gpu-check.sh` there, as root (it registers NVIDIA's OpenCL library in
# /etc/OpenCL/vendors), with OUT set to a results folder; each step's exit status goes to timeline.txt
# (124: stopped by its time limit). The runs call the benchmark
# classes directly (the CLI needs java.desktop, which the slim runtime leaves out).
cd "$(dirname "$0")/.."
G=$PWD/.gpu
export LD_LIBRARY_PATH=$G/icd/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}
lib=$(ls /usr/local/nvidia/lib64/libnvidia-opencl.so.1 /usr/lib/x86_64-linux-gnu/libnvidia-opencl.so.1 2>/dev/null | head -1)
[ -z "$lib" ] && lib=$(find / -name 'libnvidia-opencl.so*' 2>/dev/null | head -1)
echo "nvidia opencl: $lib"
mkdir -p /etc/OpenCL/vendors; [ -n "$lib" ] && echo "$lib" > /etc/OpenCL/vendors/nvidia.icd
export LD_PRELOAD=$G/jre/lib/libjsig.so
J="$G/jre/bin/java"
B="$G/bench.jar"
O=${OUT:-/tmp/out}; mkdir -p $O
set -o pipefail
stamp() { echo "== $(date -u +%T) $*" | tee -a $O/timeline.txt; }
status() { echo "   exit status $1" >> $O/timeline.txt; }
{ nvidia-smi --query-gpu=name,memory.total,clocks.max.memory,clocks.max.sm,driver_version --format=csv; nproc; grep -m1 'model name' /proc/cpuinfo; } 2>&1 | tee $O/machine.txt
stamp stream
timeout 50 $J -cp $B org.stromasim.bench.OpenClStream mib=2048 reps=10 2>&1 | tee $O/stream.txt
status $?
stamp jmh
timeout 150 $J -cp $B org.openjdk.jmh.Main StepBenchmark -p n=256 -p species=4 -p backend=opencl \
  -p scheme=explicit,rkl2 -p stepsPerCall=100 -f 1 -wi 2 -w 1 -i 4 -r 1 -rf json -rff $O/step256.json 2>&1 | tee $O/step256.txt | grep -v '^#\|^$' | tail -12
status $?
stamp parity
timeout 100 $J -Xmx24g -cp $B org.stromasim.bench.BackendParityCheck n=256 steps=10 threads=16 \
  set=run.diffusion.scheme=rkl2 dt=0.05 2>&1 | tee $O/parity256.txt
status $?
stamp large128
timeout 120 $J -Xmx24g -cp $B org.stromasim.bench.LargeStepComparison n=128 hours=24 scheme=implicit backend=opencl threads=16 \
  set=run.diffusion.coupling=unsplit set=run.metrics_interval_s=600 set=run.snapshot_interval_s=3600 target=0.01 2>&1 | cut -c1-600 | tee $O/large128.txt
status $?
stamp large256
timeout 370 $J -Xmx60g -cp $B org.stromasim.bench.LargeStepComparison n=256 hours=24 scheme=implicit backend=opencl threads=16 \
  set=run.diffusion.coupling=unsplit set=run.metrics_interval_s=600 set=run.snapshot_interval_s=3600 target=0.01 2>&1 | cut -c1-600 | tee $O/large256.txt
status $?
stamp end
