cd /tmp/day128
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"; lscpu | grep "Model name"
/usr/bin/time -f "%e s wall %U s user %S s sys" nice -n 5 java --add-modules jdk.incubator.vector -Xmx8g -cp /tmp/lsc:/tmp/day128/classes:$(cat /tmp/cp.txt) org.stromasim.bench.LargeStepComparison n=128 hours=24 scheme=implicit backend=java threads=2 \
  set=run.diffusion.coupling=unsplit set=run.metrics_interval_s=600 set=run.snapshot_interval_s=3600 target=0.01 2>&1 | while IFS= read -r l; do echo "$(date -u +%T) ${l:0:500}"; done
echo "end $(date -u +%T)"
