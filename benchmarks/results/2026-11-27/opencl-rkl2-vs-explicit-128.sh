#!/bin/bash
cd /work/wt/rkl2cl
CP=/tmp/rkl2cl_lsc:/tmp/rkl2cl_bench_classes:$(cat /tmp/rkl2cl_cp.txt)
M=org.stromasim.bench.LargeStepComparison
date; uptime
java -cp $CP $M backend=opencl n=128 hours=0.001666667 scheme=explicit chunk=6
uptime
java -cp $CP $M backend=opencl n=128 hours=0.01666667 scheme=rkl2 dt=30 chunk=30
uptime
java -cp $CP $M backend=opencl n=128 hours=0.001666667 scheme=explicit chunk=6
uptime
java -cp $CP $M backend=opencl n=128 hours=0.01666667 scheme=rkl2 dt=30 chunk=30
uptime; date
