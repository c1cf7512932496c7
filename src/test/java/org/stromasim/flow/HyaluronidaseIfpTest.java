package org.stromasim.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stromasim.matrix.MatrixComposition;

/**
 * Lowering the GAG level raises K, and Baxter &amp; Jain's perfused sphere says by how much the pressure falls:
 * p(r) = p_e[1 − sinh(αr/R)/((r/R)·sinh α)], α = R·√(Lp·S/V/K). The K here is computed from the Jackson–James
 * resistances by hand in the test (not by the product's law), at GAG level 1 and 0.3; the solver must give each
 * sphere's analytic pressure within 2 % of p_e over the inner half radius (the bound DarcyStarlingTest holds at
 * h = R/20), and the mean over the sphere must fall by the analytic amount within the staircase error.
 */
class HyaluronidaseIfpTest {

    static final double R_UM = 2500;      // a tumour a few penetration lengths λ = √(K/(Lp·S/V)) ≈ 0.9 mm across
    static final double P_E = 11.5;
    static final double CV = 2.8e-7 * 1e4 * 175e-4;   // Lp (µm/(mmHg·s)) × S/V (1/µm): the carcinoma-rim-flow values

    /** K, µm²/(mmHg·s), of collagen 0.05 (r 20 nm) + GAG φ (r 0.5 nm), cells 0.6, μ = 6.9e-4 Pa·s, by hand. */
    static double conductivity(double gagFraction) {
        return conductivity(0.05, gagFraction);
    }

    static double conductivity(double collagenFraction, double gagFraction) {
        return conductivity(collagenFraction, gagFraction, 0.6);
    }

    static double conductivity(double collagenFraction, double gagFraction, double cells) {
        double kCol = 20.0 * 20.0 * 3 / (20 * collagenFraction) * (-Math.log(collagenFraction) - 0.931);
        double kGag = 0.5 * 0.5 * 3 / (20 * gagFraction) * (-Math.log(gagFraction) - 0.931);
        double kappaUm2 = 1e-6 / (1 / kCol + 1 / kGag);
        return kappaUm2 / (6.9e-4 / 133.322) * 2 * (1 - cells) / (2 + cells);
    }

    static double exact(double r, double alpha) {
        double x = r / R_UM;
        return x == 0 ? P_E * (1 - alpha / Math.sinh(alpha)) : P_E * (1 - Math.sinh(alpha * x) / (x * Math.sinh(alpha)));
    }

    /** Mean of the analytic profile over the sphere: p_e[1 − 3(α coth α − 1)/α²]. */
    static double exactMean(double alpha) {
        return P_E * (1 - 3 * (alpha / Math.tanh(alpha) - 1) / (alpha * alpha));
    }

    record Result(double maxInnerError, double voxelMean) {
    }

    static Result solve(double k) {
        int perRadius = 20;
        double h = R_UM / perRadius;
        int n = 2 * perRadius + 4;
        int count = n * n * n;
        float[] kf = new float[count];
        Arrays.fill(kf, (float) k);
        double[] cv = new double[count];
        double[] pe = new double[count];
        double[] radius = new double[count];
        for (int kk = 0; kk < n; kk++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    int v = i + n * (j + n * kk);
                    double x = (i + 0.5 - n / 2.0) * h;
                    double y = (j + 0.5 - n / 2.0) * h;
                    double z = (kk + 0.5 - n / 2.0) * h;
                    radius[v] = Math.sqrt(x * x + y * y + z * z);
                    cv[v] = radius[v] < R_UM ? CV : 1e4 * k / (h * h);
                    pe[v] = radius[v] < R_UM ? P_E : 0.0;
                }
            }
        }
        DarcyStarlingProblem problem = new DarcyStarlingProblem(n, n, n, h, kf, cv, pe, new double[count],
                new double[count], Map.of());
        double[] p = DarcyStarlingSolver.solve(problem).pressureMmHg();
        double alpha = R_UM * Math.sqrt(CV / k);
        double max = 0;
        double sum = 0;
        long inside = 0;
        for (int v = 0; v < count; v++) {
            if (radius[v] < R_UM) {
                sum += p[v];
                inside++;
                if (radius[v] <= 0.5 * R_UM) {
                    max = Math.max(max, Math.abs(p[v] - exact(radius[v], alpha)) / P_E);
                }
            }
        }
        return new Result(max, sum / inside);
    }

    /**
     * The flow problem of a scenario takes the tissue's hyaluronan state: in carcinoma-rim-fibrotic with every voxel's
     * hyaluronan at 0.3 × its baseline a cancer voxel at 9.1 kPa (collagen 0.05·(9.1/3.04)^(1/2.25)) has the
     * hand-computed K of 0.3 × the scenario's cancer GAG fraction (with the scenario's cancer cell fraction).
     */
    @Test
    void theFlowProblemUsesTheHyaluronanState() {
        org.stromasim.scenario.Scenario s = org.stromasim.scenario.ScenarioLoader.load(
                java.nio.file.Path.of("configs/carcinoma-rim-fibrotic.yaml"), java.util.List.of());
        org.stromasim.tissue.Tissue t = org.stromasim.tissue.TissueBuilder.build(s);
        for (int w = 0; w < t.grid().voxelCount(); w++) {
            t.gagFraction()[w] *= 0.3f;
        }
        DarcyStarlingProblem p = InterstitialFlow.problem(s.ecm().flow(),
                (org.stromasim.scenario.DiffusivityLawSpec.FibreMatrix) s.ecm().diffusivityLaw(), t,
                org.stromasim.transport.TransportModel.vesselSurfaceToVolumePerUm(t));
        int v = 0;
        while (t.cell()[v] != org.stromasim.tissue.CellType.CANCER.code() || t.stiffnessKpa()[v] != 9.1f) {
            v++;
        }
        double collagen = 0.05 * Math.pow(t.stiffnessKpa()[v] / 3.04, 1 / 2.25);
        var composition = ((org.stromasim.scenario.DiffusivityLawSpec.FibreMatrix) s.ecm().diffusivityLaw()).composition();
        double expected = conductivity(collagen, 0.3 * composition.gagFraction().cancer(), composition.cellFraction().cancer());
        assertEquals(expected, p.conductivity()[v], 2e-6 * expected);
    }

    @Test
    void lessHyaluronanLowersTheSpherePressureAsBaxterAndJainPredict() {
        double kFull = conductivity(3.0e-4);
        double kDegraded = conductivity(0.3 * 3.0e-4);
        assertEquals(kFull, new HydraulicConductivity(20, 0.5, 6.9e-4).conductivity(new MatrixComposition(0.05, 3e-4, 0.6)),
                1e-9 * kFull, "the product's K at GAG level 1");
        double alphaFull = R_UM * Math.sqrt(CV / kFull);
        double alphaDegraded = R_UM * Math.sqrt(CV / kDegraded);
        Result full = solve(kFull);
        Result degraded = solve(kDegraded);
        double dropExact = exactMean(alphaFull) - exactMean(alphaDegraded);
        double dropModel = full.voxelMean() - degraded.voxelMean();
        System.out.printf("GAG 1 -> 0.3: K %.4g -> %.4g um^2/(mmHg s), alpha %.3f -> %.3f; mean IFP exact %.3f -> %.3f,"
                        + " solver %.3f -> %.3f mmHg; inner errors %.4f %.4f p_e%n", kFull, kDegraded, alphaFull,
                alphaDegraded, exactMean(alphaFull), exactMean(alphaDegraded), full.voxelMean(), degraded.voxelMean(),
                full.maxInnerError(), degraded.maxInnerError());
        assertTrue(full.maxInnerError() < 0.02 && degraded.maxInnerError() < 0.02);
        assertTrue(dropExact > 0.1, "the analytic drop must be visible: " + dropExact);
        // the voxel mean sees the staircase rim (about h/2 of radius, 3·(h/2)/R of volume): 10 % of the drop
        assertEquals(dropExact, dropModel, 0.1 * dropExact);
    }
}
