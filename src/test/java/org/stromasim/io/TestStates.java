package org.stromasim.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/** Tissue states and snapshot information for the io tests. */
final class TestStates {

    static final String SCENARIO_YAML = "name: io-test\n# comment with µ and ·\ngrid: {nx: 5, ny: 4, nz: 3, voxel_um: 10}\n";

    private TestStates() {
    }

    /**
     * A state whose every voxel of every field holds a distinct, seeded value, plus the float edge cases
     * a careless writer would mangle (negative zero, the smallest subnormal, the largest float, infinity).
     */
    static Tissue filledTissue(Grid3D grid, long seed) {
        Tissue tissue = new Tissue(grid, List.of("drug", "il6"));
        Random random = new Random(seed);
        int n = grid.voxelCount();
        for (int v = 0; v < n; v++) {
            tissue.cell()[v] = CellType.values()[random.nextInt(CellType.COUNT)].code();
        }
        List<float[]> floatFields = List.of(tissue.stiffnessKpa(), tissue.viability(), tissue.vesselDistanceUm(),
                tissue.concentration(0), tissue.concentration(1), tissue.drugExposure());
        for (float[] field : floatFields) {
            for (int v = 0; v < n; v++) {
                field[v] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6));
            }
        }
        float[] edgeCases = {-0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.POSITIVE_INFINITY, 1f / 3f};
        for (int e = 0; e < edgeCases.length && e < n; e++) {
            tissue.concentration(0)[e] = edgeCases[e];
        }
        return tissue;
    }

    static SnapshotInfo info(int ordinal, double timeS, long step) {
        return info(ordinal, timeS, step, SCENARIO_YAML);
    }

    static SnapshotInfo info(int ordinal, double timeS, long step, String scenarioYaml) {
        Map<String, String> units = new LinkedHashMap<>();
        units.put("drug", "µM");
        units.put("il6", "nM");
        return new SnapshotInfo(step, timeS, ordinal, "java (2 threads)", "0.1.0-test", scenarioYaml, "io-test", units,
                "µM·s");
    }
}
