package org.stromasim.tissue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.EcmSpec;
import org.stromasim.scenario.GridSpec;
import org.stromasim.scenario.TissueSpec;

/** Statistics of the log-normal stiffness texture. */
class StiffnessTextureTest {

    private static final double SIGMA = 0.5;
    private static final double CORRELATION_UM = 40; // 4 voxels of 10 µm

    private static Tissue uniformTissue(int n, EcmSpec.StiffnessNoise noise, long seed) {
        return TissueBuilder.build(TestScenarios.scenario(new GridSpec(n, n, n, 10), seed, noise,
                TestScenarios.tissue(List.of(), 0, null, List.of())));
    }

    /** log(E/E_normal) = σ·g − σ²/2, so g is recovered exactly. */
    private static double[] logRatio(Tissue t) {
        float[] e = t.stiffnessKpa();
        double[] out = new double[e.length];
        for (int v = 0; v < e.length; v++) {
            out[v] = Math.log(e[v] / TestScenarios.STIFFNESS.normal());
        }
        return out;
    }

    /** Sample correlation of the field with itself shifted by (di, dj, dk) voxels. */
    private static double correlation(Grid3D g, double[] f, int di, int dj, int dk) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        long n = 0;
        for (int k = Math.max(0, -dk); k < g.nz() - Math.max(0, dk); k++) {
            for (int j = Math.max(0, -dj); j < g.ny() - Math.max(0, dj); j++) {
                for (int i = Math.max(0, -di); i < g.nx() - Math.max(0, di); i++) {
                    double a = f[g.index(i, j, k)];
                    double b = f[g.index(i + di, j + dj, k + dk)];
                    sa += a;
                    sb += b;
                    saa += a * a;
                    sbb += b * b;
                    sab += a * b;
                    n++;
                }
            }
        }
        double cov = sab / n - sa / n * sb / n;
        return cov / Math.sqrt((saa / n - sa / n * sa / n) * (sbb / n - sb / n * sb / n));
    }

    @Test
    void meanIsPreservedAndLogSdIsSigma() {
        Tissue t = uniformTissue(64, new EcmSpec.StiffnessNoise(SIGMA, CORRELATION_UM, null, null), 5L);
        double sum = 0;
        for (float e : t.stiffnessKpa()) {
            sum += e / TestScenarios.STIFFNESS.normal();
        }
        double mean = sum / t.stiffnessKpa().length;
        assertEquals(1.0, mean, 0.01, "mean of stiffness / baseline");
        double[] l = logRatio(t);
        double m = 0, ss = 0;
        for (double x : l) {
            m += x;
        }
        m /= l.length;
        for (double x : l) {
            ss += (x - m) * (x - m);
        }
        assertEquals(SIGMA, Math.sqrt(ss / l.length), 0.005, "s.d. of log stiffness");
        assertEquals(-SIGMA * SIGMA / 2, m, 0.005, "mean of log stiffness");
    }

    /** Filtered white noise with s = ℓ/2 has correlation exp(−r²/ℓ²): 1/e at lag ℓ, in every axis. */
    @Test
    void isotropicCorrelationLength() {
        Tissue t = uniformTissue(64, new EcmSpec.StiffnessNoise(SIGMA, CORRELATION_UM, null, null), 6L);
        double[] l = logRatio(t);
        Grid3D g = t.grid();
        double expected = Math.exp(-1);
        assertEquals(expected, correlation(g, l, 4, 0, 0), 0.06, "x");
        assertEquals(expected, correlation(g, l, 0, 4, 0), 0.06, "y");
        assertEquals(expected, correlation(g, l, 0, 0, 4), 0.06, "z");
        assertEquals(Math.exp(-0.25), correlation(g, l, 2, 0, 0), 0.06, "half a correlation length");
    }

    /** Elongation 3 along x: correlation length 12 voxels along x, 4 across. */
    @Test
    void correlationLongerAlongFibresOnAGridAxis() {
        Tissue t = uniformTissue(64, new EcmSpec.StiffnessNoise(SIGMA, CORRELATION_UM, TestScenarios.v(1, 0, 0), 3.0), 7L);
        double[] l = logRatio(t);
        Grid3D g = t.grid();
        double along = correlation(g, l, 4, 0, 0);
        double across = correlation(g, l, 0, 4, 0);
        assertEquals(Math.exp(-1.0 / 9), along, 0.08, "along x at lag ℓ");
        assertEquals(Math.exp(-1), across, 0.08, "across (y) at lag ℓ");
        assertEquals(Math.exp(-1), correlation(g, l, 12, 0, 0), 0.1, "along x at lag 3ℓ");
        assertTrue(along > across + 0.4, "along " + along + " across " + across);
    }

    /** An oblique fibre axis (1, 1, 0): longer correlation along the diagonal than across it. */
    @Test
    void correlationLongerAlongAnObliqueFibreAxis() {
        Tissue t = uniformTissue(64, new EcmSpec.StiffnessNoise(SIGMA, CORRELATION_UM, TestScenarios.v(1, 1, 0), 3.0), 8L);
        double[] l = logRatio(t);
        Grid3D g = t.grid();
        double lag2 = 18.0 / 16; // (3,3,0) is 4.24 voxels; (lag/ℓ)² = 18/16
        double along = correlation(g, l, 3, 3, 0);
        double across = correlation(g, l, 3, -3, 0);
        assertEquals(Math.exp(-lag2 / 9), along, 0.08, "along the diagonal");
        assertEquals(Math.exp(-lag2), across, 0.08, "across the diagonal");
        assertEquals(Math.exp(-1), correlation(g, l, 0, 0, 4), 0.08, "along z (perpendicular)");
    }

    /** Region means survive the texture (expectation preserved per region, not only overall). */
    @Test
    void regionMeansArePreserved() {
        BuiltTissue b = TissueBuilder.buildWithRegions(TestScenarios.scenario(new GridSpec(64, 64, 64, 10), 9L,
                new EcmSpec.StiffnessNoise(0.3, 20, null, null),
                TestScenarios.tissue(List.of(TestScenarios.sphere(320, 320, 320, 180)), 60,
                        new TissueSpec.Fibroblasts(0, 0, 0, 0), List.of())));
        float[] e = b.tissue().stiffnessKpa();
        assertEquals(TestScenarios.STIFFNESS.normal(), b.regions().mean(e, TissueRegion.NORMAL),
                0.01 * TestScenarios.STIFFNESS.normal());
        assertEquals(TestScenarios.STIFFNESS.stroma(), b.regions().mean(e, TissueRegion.STROMA),
                0.03 * TestScenarios.STIFFNESS.stroma());
        assertEquals(TestScenarios.STIFFNESS.tumour(), b.regions().mean(e, TissueRegion.TUMOUR),
                0.03 * TestScenarios.STIFFNESS.tumour());
    }

    @Test
    void noNoiseGivesExactRegionBaselines() {
        Tissue t = uniformTissue(8, null, 1L);
        for (float e : t.stiffnessKpa()) {
            assertEquals((float) TestScenarios.STIFFNESS.normal(), e, 0f);
        }
    }
}
