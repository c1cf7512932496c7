package org.stromasim.imaging;

/**
 * A 3D scalar field placed in space, ready to be resampled onto the simulation grid: sample (i, j, k)
 * has its centre at {@code origin + (i, j, k)·spacing}, µm, and the volume it stands for reaches half a
 * spacing beyond the outermost centres. Values are x fastest, in the unit of the field they set.
 */
public record ScalarVolume(int nx, int ny, int nz, double[] spacingUm, double[] originUm, float[] values,
                           double[] fileSpacingUm) {

    /** A volume whose file states no spacing of its own. */
    public ScalarVolume(int nx, int ny, int nz, double[] spacingUm, double[] originUm, float[] values) {
        this(nx, ny, nz, spacingUm, originUm, values, null);
    }

    /**
     * Where the scenario's spacing overrides a spacing the file states (fileSpacingUm, µm; null when
     * the file states none) and they differ by more than {@code relative} on some axis: the axis, else -1.
     */
    public int spacingConflictAxis(double relative) {
        if (fileSpacingUm == null) {
            return -1;
        }
        for (int a = 0; a < 3; a++) {
            if (Math.abs(spacingUm[a] - fileSpacingUm[a]) > relative * Math.max(spacingUm[a], fileSpacingUm[a])) {
                return a;
            }
        }
        return -1;
    }

    public ScalarVolume {
        if ((long) nx * ny * nz != values.length) {
            throw new IllegalArgumentException(nx + " × " + ny + " × " + nz + " samples but " + values.length + " values");
        }
        for (int a = 0; a < 3; a++) {
            if (!(spacingUm[a] > 0) || !Double.isFinite(spacingUm[a]) || !Double.isFinite(originUm[a])) {
                throw new IllegalArgumentException("spacing must be > 0 and origin finite, got " + spacingUm[a]
                        + " and " + originUm[a]);
            }
        }
    }

    public int size(int axis) {
        return axis == 0 ? nx : axis == 1 ? ny : nz;
    }

    public double value(int i, int j, int k) {
        return values[i + nx * (j + ny * k)];
    }

    /** Equal when every sample and the placement are equal (a record compares arrays by identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ScalarVolume v && nx == v.nx && ny == v.ny && nz == v.nz
                && java.util.Arrays.equals(spacingUm, v.spacingUm) && java.util.Arrays.equals(originUm, v.originUm)
                && java.util.Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(nx, ny, nz, java.util.Arrays.hashCode(spacingUm), java.util.Arrays.hashCode(originUm),
                java.util.Arrays.hashCode(values));
    }
}
