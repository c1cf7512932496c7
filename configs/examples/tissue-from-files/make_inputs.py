#!/usr/bin/env python3
"""Writes the input files of tissue-from-files.yaml: a synthetic tumour, procedurally, with a fixed seed.

    python3 make_inputs.py          # needs numpy and h5py (Debian: python3-numpy python3-h5py)

Files (all in this folder; the domain is 640 x 640 x 320 um, a 32 x 32 x 16 grid of 20-um voxels):

  collagen_shg.nrrd  second-harmonic-generation-like collagen intensity, uint8, gzip NRRD, 40 x 40 x 20
                     samples of 16 um with "space units: um": bright (stiff) in a 60-um band around the
                     nest, fibre-like stripes on top; the scenario maps intensity 0..255 linearly to kPa.
  cell_labels.tif    cell-type labels, uint8, a 20-page TIFF of 40 x 40 pixels, 16 um per pixel and page
                     (TIFF cannot say so: the scenario gives spacing_um): 0 = nothing, 1 = tumour nest,
                     2 = cancer-associated fibroblasts scattered in the band around it.
  il6_initial.h5     a pre-existing IL-6 level, nM, float32 dataset /il6 of shape (nz, ny, nx) =
                     (8, 16, 16), attribute element_size_um = (40, 40, 40) (z, y, x, as Fiji writes it).
  vessels.csv        a small branching network in the node-segment CSV format.

The TIFF and NRRD writers below are written from the format definitions (baseline TIFF 6.0: one
uncompressed strip per page; NRRD0004 with attached gzip data), so the files need no imaging library.
"""
import gzip
import struct
from pathlib import Path

import h5py
import numpy as np

HERE = Path(__file__).resolve().parent
RNG = np.random.default_rng(20240611)

CENTRE = np.array([320.0, 320.0, 160.0])  # um, nest centre
RADII = np.array([150.0, 130.0, 100.0])   # um, nest semi-axes
BAND_UM = 60.0                            # stroma band around the nest


def nest_distance(x, y, z):
    """Approximate distance outside the ellipsoid surface, um (negative inside)."""
    rho = np.sqrt(((x - CENTRE[0]) / RADII[0]) ** 2 + ((y - CENTRE[1]) / RADII[1]) ** 2
                  + ((z - CENTRE[2]) / RADII[2]) ** 2)
    return (rho - 1.0) * RADII.min()


def centres(n, spacing):
    return (np.arange(n) + 0.5) * spacing


def write_nrrd_gzip_uint8(path, volume_zyx, spacing_um):
    nz, ny, nx = volume_zyx.shape
    header = (
        "NRRD0004\n"
        "# synthetic collagen intensity written by make_inputs.py\n"
        "type: uint8\n"
        "dimension: 3\n"
        f"sizes: {nx} {ny} {nz}\n"
        f"spacings: {spacing_um} {spacing_um} {spacing_um}\n"
        f"space origin: ({spacing_um / 2},{spacing_um / 2},{spacing_um / 2})\n"
        'space units: "um" "um" "um"\n'
        "encoding: gzip\n"
        "\n"
    )
    data = np.ascontiguousarray(volume_zyx, dtype=np.uint8).tobytes()  # x fastest
    path.write_bytes(header.encode("ascii") + gzip.compress(data, mtime=0))


def write_tiff_stack_uint8(path, volume_zyx):
    """Little-endian baseline TIFF, one page per z slice, each page one strip followed by its IFD."""
    nz, ny, nx = volume_zyx.shape
    page_bytes = nx * ny
    tags = 10
    ifd_bytes = 2 + 12 * tags + 4
    out = bytearray(b"II" + struct.pack("<HI", 42, 8 + page_bytes))
    for k in range(nz):
        data_at = len(out)
        out += np.ascontiguousarray(volume_zyx[k], dtype=np.uint8).tobytes()
        entries = [
            (256, 4, nx), (257, 4, ny), (258, 3, 8), (259, 3, 1), (262, 3, 1),
            (273, 4, data_at), (277, 3, 1), (278, 4, ny), (279, 4, page_bytes), (339, 3, 1),
        ]
        out += struct.pack("<H", len(entries))
        for tag, typ, value in entries:
            if typ == 3:
                out += struct.pack("<HHIHH", tag, typ, 1, value, 0)
            else:
                out += struct.pack("<HHII", tag, typ, 1, value)
        last = k == nz - 1
        out += struct.pack("<I", 0 if last else len(out) + 4 + page_bytes)
        assert ifd_bytes == 2 + 12 * len(entries) + 4
    path.write_bytes(bytes(out))


def collagen():
    h = 16.0
    z, y, x = np.meshgrid(centres(20, h), centres(40, h), centres(40, h), indexing="ij")
    d = nest_distance(x, y, z)
    band = np.exp(-0.5 * ((d - BAND_UM / 2) / (BAND_UM / 2)) ** 2)          # peaks in the stroma band
    stripes = 0.5 + 0.5 * np.sin((x + 0.6 * y) / 25.0 + 0.3 * np.sin(z / 40.0))  # fibre-like texture
    intensity = 30 + 190 * band * (0.6 + 0.4 * stripes) + RNG.normal(0, 6, size=x.shape)
    return np.clip(np.rint(intensity), 0, 255).astype(np.uint8), h


def labels():
    h = 16.0
    z, y, x = np.meshgrid(centres(20, h), centres(40, h), centres(40, h), indexing="ij")
    d = nest_distance(x, y, z)
    lab = np.zeros(x.shape, dtype=np.uint8)
    lab[d <= 0] = 1
    caf = (d > 0) & (d <= BAND_UM) & (RNG.random(x.shape) < 0.35)
    lab[caf] = 2
    return lab


def il6():
    h = 40.0
    z, y, x = np.meshgrid(centres(8, h), centres(16, h), centres(16, h), indexing="ij")
    d = np.maximum(nest_distance(x, y, z), 0.0)
    return (0.05 * np.exp(-d / 80.0)).astype(np.float32), h  # nM, highest at the nest, 80-um decay


def write_vessels(path):
    # A feeding vessel along x at y = 80 um, three branches rising in y and z around the nest.
    nodes = {
        "in": (0.0, 80.0, 60.0), "a": (200.0, 80.0, 60.0), "b": (440.0, 80.0, 60.0), "out": (640.0, 80.0, 60.0),
        "a1": (150.0, 300.0, 160.0), "a2": (110.0, 560.0, 260.0),
        "b1": (500.0, 260.0, 200.0), "b2": (560.0, 520.0, 300.0), "b3": (420.0, 600.0, 120.0),
    }
    segments = [
        ("s1", "in", "a", 10.0), ("s2", "a", "b", 10.0), ("s3", "b", "out", 9.0),
        ("s4", "a", "a1", 7.0), ("s5", "a1", "a2", 6.0),
        ("s6", "b", "b1", 7.0), ("s7", "b1", "b2", 5.0), ("s8", "b1", "b3", 5.0),
    ]
    lines = ["# synthetic vessel network written by make_inputs.py; coordinates and radii in um"]
    lines += [f"node,{n},{x:g},{y:g},{z:g}" for n, (x, y, z) in nodes.items()]
    lines += [f"segment,{s},{a},{b},{r:g}" for s, a, b, r in segments]
    path.write_text("\n".join(lines) + "\n")


def main():
    shg, h = collagen()
    write_nrrd_gzip_uint8(HERE / "collagen_shg.nrrd", shg, h)
    write_tiff_stack_uint8(HERE / "cell_labels.tif", labels())
    level, h6 = il6()
    with h5py.File(HERE / "il6_initial.h5", "w", track_order=False) as f:
        d = f.create_dataset("il6", data=level, track_times=False)  # no time stamp: same bytes every run
        d.attrs["element_size_um"] = np.array([h6, h6, h6])
    write_vessels(HERE / "vessels.csv")


if __name__ == "__main__":
    main()
