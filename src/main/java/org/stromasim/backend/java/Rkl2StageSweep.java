package org.stromasim.backend.java;

import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;
import org.stromasim.transport.SpeciesBoundaries;

/**
 * The rows of one RKL2 stage ({@link Rkl2Diffusion}) of one species: the flux-form diffusion increment
 * coef·Σ_faces D_face·(C_nb − C_v) of the previous stage, fused with the stage's combination of
 * states, with the face conductances computed one row at a time instead of stored for the grid (which
 * would take 12 bytes per voxel). Numerics as in {@link InPlaceSweep}: D_face =
 * {@link DiffusionSweep#harmonic} of the two voxel diffusivities, faces summed in the order x−, x+, y−,
 * y+, z−, z+; FIXED domain faces 2·D_v·(C_b − C_v), PERIODIC faces the harmonic mean with the wrapped
 * voxel, zero-flux faces conductance 0 times (C_v − C_v). The same faces and sums as stored
 * conductances give, number for number; a face flux is the same number, with opposite sign, seen from
 * both voxels (the harmonic mean is symmetric bit for bit), so zero-flux domains conserve mass to
 * float round-off.
 *
 * <p>Each row is prepared in short loops (its x faces, the y faces above it; the z faces of a plane
 * once per plane), then computed by one branch-free loop in which every voxel has six faces, each
 * "conductance × (neighbour − C_v)": a domain face is a conductance and a neighbour row chosen by its
 * type. A z face is computed once for the two planes it joins (two rolling planes of conductances per
 * slab), a y face once for its two rows. So a stage costs three divisions per voxel instead of three
 * conductance loads, and the stage buffers are read once. The row loops run with the Vector API
 * ({@link VectorRkl2Rows}) when the JVM has the incubator module, bitwise the same numbers.
 */
final class Rkl2StageSweep {

    private final int nx;
    private final int ny;
    private final int nz;
    private final int planeSize;
    private final RowBoundaries outside;
    private final boolean vectorised;

    Rkl2StageSweep(Grid3D grid, SpeciesBoundaries boundaries, boolean vectorised) {
        this.nx = grid.nx();
        this.ny = grid.ny();
        this.nz = grid.nz();
        this.planeSize = nx * ny;
        this.vectorised = vectorised;
        this.outside = new RowBoundaries(boundaries, nx);
    }

    /**
     * Per slab, shared by the species (a slab does one species' rows at a time): the conductances and
     * neighbour rows of the row being computed, two planes of z faces and four rows.
     */
    static final class Rows {
        /** The row of the stencil's source with its x neighbours: [outside X_MIN, C_0 .. C_{nx−1}, outside X_MAX]. */
        final float[] padded;
        /** nx + 1 x faces: facesX[i] is the face on the low side of voxel i. */
        final float[] facesX;
        float[] facesYBelow;
        float[] facesYAbove;
        /** z faces below / above the plane being computed, indexed in the plane. */
        float[] facesZBelow;
        float[] facesZAbove;
        // the neighbour rows of the row being computed: array and index of its first voxel
        float[] yBelow;
        int yBelowAt;
        float[] yAbove;
        int yAboveAt;
        float[] zBelow;
        int zBelowAt;
        float[] zAbove;
        int zAboveAt;
        /** Index of the row in its plane (where its z faces start). */
        int rowAt;
        /** The scalar path's harmonic-mean inputs and result, indexed from 0 (plane-sized, made on first use). */
        float[] scalarA;
        float[] scalarB;
        float[] scalarG;

        Rows(int nx, int planeSize) {
            padded = new float[nx + 2];
            facesX = new float[nx + 1];
            facesYBelow = new float[nx];
            facesYAbove = new float[nx];
            facesZBelow = new float[planeSize];
            facesZAbove = new float[planeSize];
        }

        /** After a plane: its upper z faces become the next plane's lower ones. */
        void rollPlane() {
            float[] t = facesZBelow;
            facesZBelow = facesZAbove;
            facesZAbove = t;
        }

        /** Bytes these buffers hold at most (for the backend's working-memory figure). */
        static long bytes(int nx, int planeSize) {
            return 4L * (5L * planeSize + 4L * nx + 3L);
        }
    }

    /**
     * Starts plane k of a stage: the z faces above it, and below it when it is the first plane of a
     * slab (later planes take the previous plane's upper faces, see {@link Rows#rollPlane}).
     */
    void beginPlane(float[] d, int k, boolean firstOfSlab, Rows r) {
        int base = k * planeSize;
        if (firstOfSlab) {
            if (k > 0) {
                harmonicRow(d, base, d, base - planeSize, r.facesZBelow, 0, planeSize, r);
            } else {
                domainFaces(Face.Z_MIN, d, base, (nz - 1) * planeSize, r.facesZBelow, 0, planeSize, r);
            }
        }
        if (k < nz - 1) {
            harmonicRow(d, base, d, base + planeSize, r.facesZAbove, 0, planeSize, r);
        } else {
            domainFaces(Face.Z_MAX, d, base, -(nz - 1) * planeSize, r.facesZAbove, 0, planeSize, r);
        }
    }

    /**
     * Stage 1 on row (j, k): l0 = coef·Σ faces of y0 (τ·L(Y0) with coef = τ/dx²) and
     * y1 = y0 + μ̃1·l0. Call {@link #beginPlane} before a plane's first row and {@link Rows#rollPlane} after its last.
     */
    void firstStageRow(float[] y0, float[] d, float[] retardation, int j, int k, Rows r, float coef,
                       float muTilde1, float[] l0, float[] y1) {
        int v0 = prepareRow(y0, d, j, k, r);
        if (vectorised && retardation == null) {
            VectorRkl2Rows.firstStage(nx, r, v0, coef, y0, muTilde1, l0, y1);
        } else {
            firstStageScalar(0, nx, r, v0, coef, y0, muTilde1, l0, y1, retardation);
        }
    }

    /**
     * Stage j ≥ 2 on row (j, k): yj = coef·Σ faces of yjm1 + (y0 + μ·(yjm1 − y0) + ν·(yjm2 − y0) + γ̃·l0),
     * coef = μ̃j·τ/dx². yj may be yjm2 or y0 (each voxel reads them only at itself before it writes), never yjm1.
     */
    void laterStageRow(float[] yjm1, float[] d, float[] retardation, int j, int k, Rows r, float coef,
                       float[] y0, float[] yjm2, float[] l0, float mu, float nu, float gammaTilde, float[] yj) {
        int v0 = prepareRow(yjm1, d, j, k, r);
        if (vectorised && retardation == null) {
            VectorRkl2Rows.laterStage(nx, r, v0, coef, y0, yjm2, l0, mu, nu, gammaTilde, yj);
        } else {
            laterStageScalar(0, nx, r, v0, coef, y0, yjm2, l0, mu, nu, gammaTilde, yj, retardation);
        }
    }

    /**
     * Voxels from ≤ i &lt; nx of {@link #firstStageRow}: the scalar loop, and the tail of the vector one.
     * With reversible matrix binding ({@code retardation} R per voxel, null for R = 1) the increment is
     * that of R·dY/dt = L(Y), L(Y)/R; the test on null is loop-invariant (the compiler unswitches it).
     */
    static void firstStageScalar(int from, int nx, Rows r, int v0, float coef, float[] y0, float muTilde1,
                                 float[] l0, float[] y1, float[] retardation) {
        float[] padded = r.padded;
        float[] gx = r.facesX;
        float[] gyBelow = r.facesYBelow;
        float[] gyAbove = r.facesYAbove;
        float[] gzBelow = r.facesZBelow;
        float[] gzAbove = r.facesZAbove;
        float[] yBelow = r.yBelow;
        float[] yAbove = r.yAbove;
        float[] zBelow = r.zBelow;
        float[] zAbove = r.zAbove;
        int yBelowAt = r.yBelowAt;
        int yAboveAt = r.yAboveAt;
        int zBelowAt = r.zBelowAt;
        int zAboveAt = r.zAboveAt;
        int rowAt = r.rowAt;
        for (int i = from; i < nx; i++) {
            float cv = padded[i + 1];
            float sum = gx[i] * (padded[i] - cv)
                    + gx[i + 1] * (padded[i + 2] - cv)
                    + gyBelow[i] * (yBelow[yBelowAt + i] - cv)
                    + gyAbove[i] * (yAbove[yAboveAt + i] - cv)
                    + gzBelow[rowAt + i] * (zBelow[zBelowAt + i] - cv)
                    + gzAbove[rowAt + i] * (zAbove[zAboveAt + i] - cv);
            float increment = coef * sum;
            if (retardation != null) {
                increment /= retardation[v0 + i];
            }
            l0[v0 + i] = increment;
            y1[v0 + i] = y0[v0 + i] + muTilde1 * increment;
        }
    }

    /** Voxels from ≤ i &lt; nx of {@link #laterStageRow}, as {@link #firstStageScalar} (R likewise). */
    static void laterStageScalar(int from, int nx, Rows r, int v0, float coef, float[] y0, float[] yjm2,
                                 float[] l0, float mu, float nu, float gammaTilde, float[] yj, float[] retardation) {
        float[] padded = r.padded;
        float[] gx = r.facesX;
        float[] gyBelow = r.facesYBelow;
        float[] gyAbove = r.facesYAbove;
        float[] gzBelow = r.facesZBelow;
        float[] gzAbove = r.facesZAbove;
        float[] yBelow = r.yBelow;
        float[] yAbove = r.yAbove;
        float[] zBelow = r.zBelow;
        float[] zAbove = r.zAbove;
        int yBelowAt = r.yBelowAt;
        int yAboveAt = r.yAboveAt;
        int zBelowAt = r.zBelowAt;
        int zAboveAt = r.zAboveAt;
        int rowAt = r.rowAt;
        for (int i = from; i < nx; i++) {
            float cv = padded[i + 1];
            float sum = gx[i] * (padded[i] - cv)
                    + gx[i + 1] * (padded[i + 2] - cv)
                    + gyBelow[i] * (yBelow[yBelowAt + i] - cv)
                    + gyAbove[i] * (yAbove[yAboveAt + i] - cv)
                    + gzBelow[rowAt + i] * (zBelow[zBelowAt + i] - cv)
                    + gzAbove[rowAt + i] * (zAbove[zAboveAt + i] - cv);
            float increment = coef * sum;
            if (retardation != null) {
                increment /= retardation[v0 + i];
            }
            float base = y0[v0 + i];
            // μ·Y(j−1) + ν·Y(j−2) + (1 − μ − ν)·Y0 in difference form: the state weights sum to 1
            // exactly whatever the rounding of μ and ν, so no mass drifts in over the stages
            yj[v0 + i] = increment + (base + mu * (cv - base) + nu * (yjm2[v0 + i] - base) + gammaTilde * l0[v0 + i]);
        }
    }

    /**
     * Fills r with row (j, k)'s x and y faces and the neighbour rows of the stencil's source src (its
     * z faces come from {@link #beginPlane}); returns the row's first voxel in the grid.
     */
    private int prepareRow(float[] src, float[] d, int j, int k, Rows r) {
        int rowAt = j * nx;
        int v0 = k * planeSize + rowAt;
        r.rowAt = rowAt;
        // x: the row padded with what lies across its two domain faces
        float[] padded = r.padded;
        float[] gx = r.facesX;
        System.arraycopy(src, v0, padded, 1, nx);
        padded[0] = outside.outsideX(Face.X_MIN, src, v0, nx - 1);
        padded[nx + 1] = outside.outsideX(Face.X_MAX, src, v0 + nx - 1, -(nx - 1));
        domainFaces(Face.X_MIN, d, v0, nx - 1, gx, 0, 1, r);
        // nx faces where the row is not the grid's last, so that a row of 8k voxels fills whole vectors;
        // the last one (with the next row's first voxel) is then overwritten by the X_MAX domain face
        harmonicRow(d, v0, d, v0 + 1, gx, 1, v0 + nx < d.length ? nx : nx - 1, r);
        domainFaces(Face.X_MAX, d, v0 + nx - 1, -(nx - 1), gx, nx, 1, r);
        // y: faces below this row are the previous row's faces above (same numbers, the mean is symmetric)
        if (j > 0) {
            float[] t = r.facesYBelow;
            r.facesYBelow = r.facesYAbove;
            r.facesYAbove = t;
            r.yBelow = src;
            r.yBelowAt = v0 - nx;
        } else {
            domainFaces(Face.Y_MIN, d, v0, (ny - 1) * nx, r.facesYBelow, 0, nx, r);
            r.yBelow = outside.outsideRow(Face.Y_MIN, src);
            r.yBelowAt = outside.outsideRowAt(Face.Y_MIN, v0, (ny - 1) * nx);
        }
        if (j < ny - 1) {
            harmonicRow(d, v0, d, v0 + nx, r.facesYAbove, 0, nx, r);
            r.yAbove = src;
            r.yAboveAt = v0 + nx;
        } else {
            domainFaces(Face.Y_MAX, d, v0, -(ny - 1) * nx, r.facesYAbove, 0, nx, r);
            r.yAbove = outside.outsideRow(Face.Y_MAX, src);
            r.yAboveAt = outside.outsideRowAt(Face.Y_MAX, v0, -(ny - 1) * nx);
        }
        // z: the planes below and above, or what lies across the domain face
        if (k > 0) {
            r.zBelow = src;
            r.zBelowAt = v0 - planeSize;
        } else {
            r.zBelow = outside.outsideRow(Face.Z_MIN, src);
            r.zBelowAt = outside.outsideRowAt(Face.Z_MIN, v0, (nz - 1) * planeSize);
        }
        if (k < nz - 1) {
            r.zAbove = src;
            r.zAboveAt = v0 + planeSize;
        } else {
            r.zAbove = outside.outsideRow(Face.Z_MAX, src);
            r.zAboveAt = outside.outsideRowAt(Face.Z_MAX, v0, -(nz - 1) * planeSize);
        }
        return v0;
    }

    /**
     * g[gAt + i] = harmonic(a[aAt + i], b[bAt + i]) for i &lt; n. The scalar path copies its inputs to
     * arrays indexed from 0 first: C2 in JDK 17 vectorises the loop only then, and the copies cost
     * less than the divisions they let it run eight at a time (same numbers: the same IEEE division).
     */
    private void harmonicRow(float[] a, int aAt, float[] b, int bAt, float[] g, int gAt, int n, Rows r) {
        if (vectorised) {
            VectorRows.harmonicRow(a, aAt, b, bAt, g, gAt, n);
            return;
        }
        if (r.scalarA == null) {
            r.scalarA = new float[r.facesZBelow.length];
            r.scalarB = new float[r.facesZBelow.length];
            r.scalarG = new float[r.facesZBelow.length];
        }
        System.arraycopy(a, aAt, r.scalarA, 0, n);
        System.arraycopy(b, bAt, r.scalarB, 0, n);
        if (gAt == 0) {
            harmonicFromZero(r.scalarA, r.scalarB, g, n);
        } else {
            harmonicFromZero(r.scalarA, r.scalarB, r.scalarG, n);
            System.arraycopy(r.scalarG, 0, g, gAt, n);
        }
    }

    private static void harmonicFromZero(float[] a, float[] b, float[] g, int n) {
        for (int i = 0; i < n; i++) {
            g[i] = DiffusionSweep.harmonic(a[i], b[i]);
        }
    }

    /**
     * Conductances of n voxels' faces on a domain face: FIXED 2·D_v, PERIODIC the harmonic mean with
     * the voxel {@code wrapOffset} away, zero-flux 0.
     */
    private void domainFaces(Face face, float[] d, int at, int wrapOffset, float[] g, int gAt, int n, Rows r) {
        int type = outside.type(face);
        if (type == SpeciesBoundaries.FIXED) {
            for (int i = 0; i < n; i++) {
                g[gAt + i] = 2 * d[at + i];
            }
        } else if (type == SpeciesBoundaries.PERIODIC) {
            harmonicRow(d, at, d, at + wrapOffset, g, gAt, n, r);
        } else {
            java.util.Arrays.fill(g, gAt, gAt + n, 0f);
        }
    }
}
