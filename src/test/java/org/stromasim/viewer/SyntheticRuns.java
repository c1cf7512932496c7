package org.stromasim.viewer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stromasim.grid.Grid3D;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.SnapshotInfo;
import org.stromasim.io.SnapshotWriter;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * Run directories with known fields for the viewer tests: "drug" is a Gaussian blob whose centre moves
 * between snapshots, "lactate" a linear ramp along x, and the cell field holds one straight vessel along z.
 */
final class SyntheticRuns {

    /** 40 × 32 × 24 voxels of 10 µm: a box of 400 × 320 × 240 µm (world half-extents 0.5, 0.4, 0.3). */
    static final Grid3D GRID = new Grid3D(40, 32, 24, 10);
    /** Blob width, µm: three voxels, well resolved and well inside the box. */
    static final double SIGMA_UM = 30;
    /** Blob centres per snapshot, µm: off-centre so a mirrored or transposed image would fail. */
    static final double[][] BLOB_CENTRES_UM = {{280, 200, 120}, {120, 120, 140}};
    static final double[] TIMES_S = {0, 600};
    /** Vessel column (i, j) of voxels, away from both blobs. */
    static final int VESSEL_I = 4;
    static final int VESSEL_J = 28;

    private SyntheticRuns() {
    }

    /** A run directory at {@code dir} with one snapshot per entry of {@link #TIMES_S}. */
    static Path blobRun(Path dir) throws IOException {
        RunDirectory run = RunDirectory.create(dir, "name: synthetic\n", false);
        for (int s = 0; s < TIMES_S.length; s++) {
            SnapshotWriter.write(run.snapshotsDir(), tissue(BLOB_CENTRES_UM[s]), info(s, TIMES_S[s]));
        }
        return dir;
    }

    /** An empty run directory: scenario written, no snapshot yet. */
    static Path emptyRun(Path dir) throws IOException {
        RunDirectory.create(dir, "name: synthetic\n", false);
        return dir;
    }

    static Tissue tissue(double[] centreUm) {
        Tissue tissue = new Tissue(GRID, List.of("drug", "lactate"));
        float[] drug = tissue.concentration("drug");
        float[] lactate = tissue.concentration("lactate");
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < GRID.nx(); i++) {
                    int v = GRID.index(i, j, k);
                    double dx = GRID.centreX(i) - centreUm[0];
                    double dy = GRID.centreY(j) - centreUm[1];
                    double dz = GRID.centreZ(k) - centreUm[2];
                    drug[v] = (float) (2.0 * Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * SIGMA_UM * SIGMA_UM)));
                    lactate[v] = (float) (1000.0 * i / (GRID.nx() - 1));
                    tissue.cell()[v] = (i == VESSEL_I && j == VESSEL_J ? CellType.VESSEL : CellType.ECM).code();
                    tissue.stiffnessKpa()[v] = 3;
                    tissue.viability()[v] = 1;
                }
            }
        }
        return tissue;
    }

    /** World position (box centred on the origin, longest edge 1) of a point given in µm. */
    static double[] worldOf(double[] pointUm) {
        double longest = Math.max(GRID.sizeXUm(), Math.max(GRID.sizeYUm(), GRID.sizeZUm()));
        return new double[] {pointUm[0] / longest - GRID.sizeXUm() / longest / 2,
                pointUm[1] / longest - GRID.sizeYUm() / longest / 2, pointUm[2] / longest - GRID.sizeZUm() / longest / 2};
    }

    private static SnapshotInfo info(int ordinal, double timeS) {
        Map<String, String> units = new LinkedHashMap<>();
        units.put("drug", "µM");
        units.put("lactate", "µM");
        return new SnapshotInfo(ordinal * 100L, timeS, ordinal, "synthetic", "test", "name: synthetic\n", "synthetic",
                units, "µM·s");
    }
}
