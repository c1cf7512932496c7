"""Independent check of the perfused-tumour pair's doxorubicin L50 (docs/barrier-physics.md section 8), with h5py.

usage: python3 benchmarks/perfused_tumour_l50_h5.py RUN_DIR   (a run of configs/perfused-tumour-collagen-*.yaml)

Reads the newest snapshot and measures the L50 as Grantab et al. 2012 did, from the vessel boundary: the
distance from the capillary's surface (axis at y = z = 100 um, radius 8 um, as in the config) in 5 um bins,
the value halving relative to the first bin, linearly interpolated between bin mean distances. The product's
read-out uses shells of distance to the nearest lumen voxel centre instead (org.stromasim.metrics.PenetrationProfile),
so the two agree only to a fraction of a voxel.
"""
import glob
import sys

import h5py
import numpy as np

AXIS_UM, RADIUS_UM, BIN_UM = 100.0, 8.0, 5.0
VESSEL = 1  # org.stromasim.tissue.CellType.VESSEL: lumen voxels hold the plasma level and are left out


def l50(value, surface_distance):
    bins = np.arange(0.0, 100.0, BIN_UM)
    mean = [value[(surface_distance >= b) & (surface_distance < b + BIN_UM)].mean() for b in bins]
    centre = [surface_distance[(surface_distance >= b) & (surface_distance < b + BIN_UM)].mean() for b in bins]
    half = mean[0] / 2
    for i in range(1, len(mean)):
        if mean[i] <= half:
            f = (mean[i - 1] - half) / (mean[i - 1] - mean[i])
            return centre[i - 1] + f * (centre[i] - centre[i - 1]) - centre[0]
    return float("nan")


snapshot = sorted(glob.glob(sys.argv[1] + "/snapshots/snap_*.h5"))[-1]
with h5py.File(snapshot, "r") as f:
    dx = float(f.attrs["voxel_um"])
    exposure = f["fields/drug_exposure"][...].mean(axis=2)  # stored (z, y, x); uniform along the vessel (x)
    drug = f["fields/drug"][...].mean(axis=2)
    lumen = (f["fields/cell"][...] == VESSEL).any(axis=2)
    time_s = float(f.attrs["time_s"])
nz, ny = exposure.shape
z, y = np.meshgrid((np.arange(nz) + 0.5) * dx, (np.arange(ny) + 0.5) * dx, indexing="ij")
d = np.hypot(z - AXIS_UM, y - AXIS_UM) - RADIUS_UM
d[lumen] = -1.0  # never in a bin
print("%s at t = %.0f s: L50 from the vessel surface, exposure %.1f um, concentration %.1f um"
      % (snapshot, time_s, l50(exposure, d), l50(drug, d)))
