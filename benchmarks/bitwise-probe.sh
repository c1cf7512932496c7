#!/usr/bin/env bash
# Runs a handful of short cases with two stromasim jars and compares their outputs bit for bit: every dataset
# of every HDF5 snapshot (values, shape and type) and metrics.csv byte for byte. For refactorings that must not
# change a single number. Attributes are not compared (they carry wall times and versions).
#
#   benchmarks/bitwise-probe.sh BEFORE.jar AFTER.jar [WORKDIR]
#   CASES="default-implicit mct1" benchmarks/bitwise-probe.sh ...   (only those cases)
#
# Prints one line per case (identical / DIFFERENT and what differs) and a count; exit 1 if any case differs
# or fails. Cases: the default scenario on a 24 x 24 x 20 grid of 40 um voxels through the bolus (explicit,
# RKL2 with target_relative_error, implicit with a fixed step, implicit unsplit with a target), and two shipped
# biology configs with remodelling and slow steps (carcinoma-rim-hyaluronidase: vessel compression, hyaluronan,
# convection; fibrotic-mct1-inhibitor: MCT1 uptake scale), each on --backend java and --backend opencl.
set -u
before=$(realpath "$1")
after=$(realpath "$2")
work=${3:-$(mktemp -d /tmp/bitwise-probe.XXXXXX)}
root=$(cd "$(dirname "$0")/.." && pwd)
small="--set grid.nx=24 --set grid.ny=24 --set grid.nz=20 --set grid.voxel_um=40"
often="--set run.snapshot_interval_s=60 --set run.metrics_interval_s=30"
declare -A cases=(
  [default-explicit]="$small $often --until=180"
  [default-rkl2-target]="$small $often --until=180 --set run.diffusion.scheme=rkl2 --set run.diffusion.target_relative_error=0.01"
  [default-implicit]="$small $often --until=180 --set run.dt_s=0.5 --set run.diffusion.scheme=implicit"
  [default-unsplit-target]="$small $often --until=180 --set run.diffusion.scheme=implicit --set run.diffusion.coupling=unsplit --set run.diffusion.target_relative_error=0.01"
  [hyaluronidase]="$root/configs/carcinoma-rim-hyaluronidase.yaml $often --until=120"
  [mct1]="$root/configs/fibrotic-mct1-inhibitor.yaml $small $often --until=120"
)
compare=$(cat <<'PY'
import sys, glob, os, h5py, numpy as np
a, b = sys.argv[1], sys.argv[2]
problems = []
fa = sorted(os.path.basename(p) for p in glob.glob(os.path.join(a, '**', '*.h5'), recursive=True))
fb = sorted(os.path.basename(p) for p in glob.glob(os.path.join(b, '**', '*.h5'), recursive=True))
if fa != fb or not fa:
    problems.append(f'snapshot files differ: {fa} vs {fb}')
for name in fa if fa == fb else []:
    pa = glob.glob(os.path.join(a, '**', name), recursive=True)[0]
    pb = glob.glob(os.path.join(b, '**', name), recursive=True)[0]
    with h5py.File(pa, 'r') as x, h5py.File(pb, 'r') as y:
        da, db = {}, {}
        x.visititems(lambda n, o: da.__setitem__(n, o) if isinstance(o, h5py.Dataset) else None)
        y.visititems(lambda n, o: db.__setitem__(n, o) if isinstance(o, h5py.Dataset) else None)
        if sorted(da) != sorted(db):
            problems.append(f'{name}: datasets {sorted(da)} vs {sorted(db)}')
            continue
        for n in sorted(da):
            u, v = da[n][()], db[n][()]
            if u.dtype != v.dtype or np.shape(u) != np.shape(v) or np.asarray(u).tobytes() != np.asarray(v).tobytes():
                problems.append(f'{name}:{n}')
ma, mb = glob.glob(os.path.join(a, '**', 'metrics.csv'), recursive=True), glob.glob(os.path.join(b, '**', 'metrics.csv'), recursive=True)
if len(ma) != 1 or len(mb) != 1 or open(ma[0], 'rb').read() != open(mb[0], 'rb').read():
    problems.append('metrics.csv')
print('identical (%d snapshots)' % len(fa) if not problems else 'DIFFERENT: ' + '; '.join(problems[:8]))
sys.exit(1 if problems else 0)
PY
)
same=0
total=0
for name in $(printf '%s\n' "${!cases[@]}" | sort); do
  if [ -n "${CASES:-}" ] && [[ " $CASES " != *" $name "* ]]; then
    continue
  fi
  for backend in java opencl; do
    total=$((total + 1))
    for side in before after; do
      jar=$before; [ $side = after ] && jar=$after
      dir="$work/$name-$backend-$side"
      rm -rf "$dir"
      mkdir -p "$work"
      # shellcheck disable=SC2086
      if ! java -jar "$jar" run --no-progress --backend=$backend --out="$dir/run" ${cases[$name]} \
          > "$dir.log" 2>&1; then
        echo "$name $backend: $side run failed (see $dir.log)"
        continue 2
      fi
    done
    if verdict=$(/usr/bin/python3 -c "$compare" "$work/$name-$backend-before" "$work/$name-$backend-after"); then
      same=$((same + 1))
    fi
    echo "$name $backend: $verdict"
  done
done
echo "$same of $total cases identical (outputs in $work)"
[ "$same" -eq "$total" ]
