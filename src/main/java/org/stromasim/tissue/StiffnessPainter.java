package org.stromasim.tissue;

import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.EcmSpec;
import org.stromasim.scenario.Vec3;

/**
 * Baseline stiffness per region times the optional log-normal texture exp(σ·g − σ²/2), g a unit-variance
 * Gaussian field ({@link GaussianRandomField}); E[exp(σg − σ²/2)] = 1, so each region keeps its mean
 * stiffness in expectation. Vessel voxels take the normal baseline without texture: the lumen is blood,
 * not matrix, and its stiffness only matters through the face diffusivity at the wall.
 */
final class StiffnessPainter {

    private StiffnessPainter() {
    }

    static void paint(Grid3D grid, EcmSpec ecm, byte[] regions, float[] stiffnessKpa, long runSeed) {
        paint(grid, ecm, regions, null, stiffnessKpa, runSeed);
    }

    /**
     * As above, with {@code baselineKpa} (null, or NaN per voxel = none) the baseline set by
     * {@code tissue.regions}, which replaces the region map's baseline before the texture.
     */
    static void paint(Grid3D grid, EcmSpec ecm, byte[] regions, float[] baselineKpa, float[] stiffnessKpa,
                      long runSeed) {
        EcmSpec.RegionStiffness base = ecm.stiffnessKpa();
        if (base == null) {
            throw new IllegalArgumentException("ecm.stiffness_kpa (normal, stroma, tumour) is required");
        }
        float[] byRegion = new float[TissueRegion.values().length];
        byRegion[TissueRegion.NORMAL.code()] = positive("ecm.stiffness_kpa.normal", base.normal());
        byRegion[TissueRegion.STROMA.code()] = positive("ecm.stiffness_kpa.stroma", base.stroma());
        byRegion[TissueRegion.TUMOUR.code()] = positive("ecm.stiffness_kpa.tumour", base.tumour());
        byRegion[TissueRegion.VESSEL.code()] = byRegion[TissueRegion.NORMAL.code()];
        for (int v = 0; v < regions.length; v++) {
            stiffnessKpa[v] = baselineKpa != null && !Float.isNaN(baselineKpa[v]) && regions[v] != TissueRegion.VESSEL.code()
                    ? baselineKpa[v] : byRegion[regions[v]];
        }
        EcmSpec.StiffnessNoise noise = ecm.noise();
        if (noise == null) {
            return;
        }
        double sigma = noise.relativeSd();
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("ecm.noise.relative_sd must be a finite number >= 0, got " + sigma);
        }
        if (sigma == 0) {
            return;
        }
        float[] g = GaussianRandomField.generate(grid, noise.correlationUm(), axis(noise.fibreDirection()),
                noise.fibreElongation(), SeedStreams.stream(runSeed, SeedStreams.Purpose.STIFFNESS_TEXTURE));
        byte vessel = TissueRegion.VESSEL.code();
        double bias = -0.5 * sigma * sigma;
        for (int v = 0; v < regions.length; v++) {
            if (regions[v] != vessel) {
                stiffnessKpa[v] = (float) (stiffnessKpa[v] * Math.exp(sigma * g[v] + bias));
            }
        }
    }

    private static double[] axis(Vec3 direction) {
        if (direction == null) {
            return null;
        }
        double n = direction.norm();
        if (!(n > 0) || !Double.isFinite(n)) {
            throw new IllegalArgumentException("ecm.noise.fibre_direction must be a non-zero finite vector, got " + direction);
        }
        return new double[]{direction.x() / n, direction.y() / n, direction.z() / n};
    }

    private static float positive(String key, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(key + " must be a positive finite kPa, got " + value);
        }
        return (float) value;
    }
}
