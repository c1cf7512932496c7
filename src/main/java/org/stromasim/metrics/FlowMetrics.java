package org.stromasim.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.stromasim.flow.InterstitialFlow;
import org.stromasim.flow.MatrixStateAt;
import org.stromasim.flow.PerfusionSummary;
import org.stromasim.matrix.HyaluronanState;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportModel;

/**
 * The barrier columns of metrics.csv, so the interventions' effect has a time course.
 * With {@code ecm.flow}: {@code tumour_ifp_mean_mmHg} (living cancer voxels), {@code tumour_ifp_centre_mmHg}
 * (the deepest layer of the tumour, {@link RimProfile#deepest}) and {@code tumour_rim_speed_um_per_s}
 * (|u| at the tumour surface, {@link RimProfile#atSurface}), the same definitions as the report's flow
 * section; with {@code ecm.vessel_compression}: {@code perfused_vessel_fraction}, the wall-area-weighted mean
 * perfused fraction Σ S·f / Σ S over wall voxels; with {@code ecm.hyaluronan}: {@code gag_level}, the mean over tissue
 * voxels of each voxel's hyaluronan relative to its cell type's baseline (1 untreated and at steady state), and
 * {@code cancer_mean_gag_fraction}, {@code caf_mean_gag_fraction}, the mean GAG volume fraction of the extracellular
 * space in cancer and CAF voxels.
 *
 * <p>The pressure is solved from the state's stiffness, cells, hyaluronan and compressed wall, and solved again
 * only when one of them changed (the slow clock changes them; without biology once per run).
 */
final class FlowMetrics {

    private final Scenario scenario;
    private final Map<String, String> units = new LinkedHashMap<>();
    private int solvedKey;
    private double[] solved;

    FlowMetrics(Scenario scenario) {
        this.scenario = scenario;
        if (scenario.ecm().flow() != null) {
            units.put("tumour_ifp_mean_mmHg", "mmHg");
            units.put("tumour_ifp_centre_mmHg", "mmHg");
            units.put("tumour_rim_speed_um_per_s", "µm/s");
        }
        if (scenario.ecm().vesselCompression() != null) {
            units.put("perfused_vessel_fraction", "1");
        }
        if (scenario.ecm().hyaluronan() != null) {
            units.put("gag_level", "1");
            units.put("cancer_mean_gag_fraction", "1");
            units.put("caf_mean_gag_fraction", "1");
        }
    }

    /** Column → unit, in column order (empty when the scenario has none of the three sections). */
    Map<String, String> units() {
        return units;
    }

    /** Writes this state's values into {@code values} from index {@code c}; returns the next index. */
    int measure(Tissue state, double timeS, double[] values, int c) {
        if (units.isEmpty()) {
            return c;
        }
        MatrixStateAt matrix = MatrixStateAt.isRead(scenario) ? MatrixStateAt.of(scenario, state) : null;
        if (scenario.ecm().flow() != null) {
            double[] flow = flow(state, matrix);
            values[c++] = flow[0];
            values[c++] = flow[1];
            values[c++] = flow[2];
        }
        if (scenario.ecm().vesselCompression() != null) {
            values[c++] = perfusedVesselFraction(matrix.perfusedFraction(), TransportModel.vesselSurfaceToVolumePerUm(state));
        }
        if (scenario.ecm().hyaluronan() != null) {
            values[c++] = meanGagLevel(state);
            values[c++] = meanGagFraction(state, CellType.CANCER);
            values[c++] = meanGagFraction(state, CellType.CAF);
        }
        return c;
    }

    /** Mean over tissue voxels of hyaluronan relative to the cell type's baseline; NaN without tissue. */
    private double meanGagLevel(Tissue state) {
        IntToDoubleFunction level = HyaluronanState.levels(scenario, state);
        byte[] cell = state.cell();
        double sum = 0;
        long n = 0;
        for (int v = 0; v < cell.length; v++) {
            if (cell[v] != CellType.VESSEL.code()) {
                sum += level.applyAsDouble(v);
                n++;
            }
        }
        return n > 0 ? sum / n : Double.NaN;
    }

    /** Mean GAG fraction over voxels of {@code type}; NaN where there are none. */
    private static double meanGagFraction(Tissue state, CellType type) {
        float[] gag = state.gagFraction();
        byte[] cell = state.cell();
        double sum = 0;
        long n = 0;
        for (int v = 0; v < cell.length; v++) {
            if (cell[v] == type.code()) {
                sum += gag[v];
                n++;
            }
        }
        return n > 0 ? sum / n : Double.NaN;
    }

    /** Σ S·f / Σ S over voxels with a wall; NaN without any ({@link PerfusionSummary#wallWeightedMean}). */
    static double perfusedVesselFraction(float[] perfused, float[] builtWallPerUm) {
        return PerfusionSummary.wallWeightedMean(perfused, builtWallPerUm);
    }

    private double[] flow(Tissue state, MatrixStateAt matrix) {
        int key = 31 * (31 * (31 * Arrays.hashCode(state.stiffnessKpa()) + Arrays.hashCode(state.cell()))
                + Arrays.hashCode(matrix.wallPerUm())) + Arrays.hashCode(state.gagFraction());
        if (solved != null && key == solvedKey) {
            return solved;
        }
        InterstitialFlow.Fields f = InterstitialFlow.of(scenario, state, matrix);
        byte[] cell = state.cell();
        float[] p = f.pressureMmHg();
        float[][] u = f.velocityUmPerS();
        float[] speed = new float[cell.length];
        double sum = 0;
        long n = 0;
        for (int v = 0; v < cell.length; v++) {
            speed[v] = (float) Math.sqrt((double) u[0][v] * u[0][v] + (double) u[1][v] * u[1][v]
                    + (double) u[2][v] * u[2][v]);
            if (cell[v] == CellType.CANCER.code()) {
                sum += p[v];
                n++;
            }
        }
        solved = new double[] {n > 0 ? sum / n : Double.NaN, RimProfile.of(state, p).deepest(),
                RimProfile.of(state, speed).atSurface()};
        solvedKey = key;
        return solved;
    }
}
