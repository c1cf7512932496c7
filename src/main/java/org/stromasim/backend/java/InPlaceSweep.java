package org.stromasim.backend.java;

import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;
import org.stromasim.transport.ConcentrationFloor;
import org.stromasim.transport.SpeciesBoundaries;

/**
 * The explicit diffusion step of one species written back into its own array, plane by plane, with
 * no second grid-sized buffer and no stored face conductances (the memory-lean explicit path of
 * {@link JavaBackend}). Same numerics as {@link DiffusionSweep}, bit for bit:
 * C'_v = C_v + dt/dx²·Σ_faces D_face·(C_nb − C_v), D_face = {@link DiffusionSweep#harmonic} of the two
 * voxel diffusivities, faces summed in the order x−, x+, y−, y+, z−, z+; FIXED domain faces
 * 2·D_v·(C_b − C_v), PERIODIC faces the harmonic mean with the wrapped voxel, zero-flux faces 0;
 * a result of magnitude below {@link ConcentrationFloor#BELOW} is written as 0 (subnormal floats are
 * slow on x86; see there).
 *
 * <p><b>In place.</b> Plane k is read from a copy of its old values ({@link Planes#centre}), the plane
 * below from the copy kept from the previous plane ({@link Planes#below}), the plane above from the
 * array itself (not written yet) or, for the last plane of a z-slab, from a copy taken before the pass
 * ({@link Planes#above}: the neighbouring slab may already have overwritten it). So every voxel reads
 * only old values, whatever the slab partition: results do not depend on the thread count.
 *
 * <p><b>Face conductances on the fly, one row at a time.</b> Each row is prepared in short loops
 * (x faces of the row, y faces above it, z faces of the plane), then updated by one uniform loop in
 * which every voxel has six faces, each "conductance × (neighbour − C_v)": a domain face is a
 * conductance and a neighbour row prepared by its type (zero-flux: conductance 0 times a finite
 * value), so there is no boundary branch in the update loop. A z face is computed once for the two
 * planes it joins (rolling plane of conductances), a y face once for its two rows, an x face once;
 * the division of the harmonic mean replaces the load of a stored conductance.
 */
final class InPlaceSweep {

    private final int nx;
    private final int ny;
    private final int nz;
    private final int planeSize;
    private final RowBoundaries outside;
    /** Run the row loops with the Vector API ({@link VectorRows}); the numbers are bitwise the same. */
    private final boolean vectorised;

    InPlaceSweep(Grid3D grid, SpeciesBoundaries boundaries, boolean vectorised) {
        this.vectorised = vectorised;
        this.nx = grid.nx();
        this.ny = grid.ny();
        this.nz = grid.nz();
        this.planeSize = nx * ny;
        this.outside = new RowBoundaries(boundaries, nx);
    }

    /** Per slab and species: the plane copies and rolling z-face conductances of the in-place step. */
    static final class Planes {
        /** Old values of the plane below the one being updated (or of the plane across Z_MIN when periodic). */
        float[] below;
        /** Old values of the plane being updated. */
        float[] centre;
        /** Old values of the plane above the slab's last plane, copied before the pass. */
        final float[] above;
        /** z-face conductances below / above the plane being updated. */
        float[] facesBelow;
        float[] facesAbove;

        Planes(int planeSize) {
            below = new float[planeSize];
            centre = new float[planeSize];
            above = new float[planeSize];
            facesBelow = new float[planeSize];
            facesAbove = new float[planeSize];
        }

        /** After a plane: its old values and upper faces become the next plane's lower ones. */
        void roll() {
            float[] t = below;
            below = centre;
            centre = t;
            t = facesBelow;
            facesBelow = facesAbove;
            facesAbove = t;
        }
    }

    /** Per slab, shared by its species (rows are done one at a time): the row buffers of {@link #stepRow}. */
    static final class Rows {
        final float[] padded;     // the row with its x neighbours: [left outside, C_0 .. C_{nx−1}, right outside]
        final float[] facesX;     // nx + 1 x faces: facesX[i] is the face on the low side of voxel i
        float[] facesYBelow;
        float[] facesYAbove;

        Rows(int nx) {
            padded = new float[nx + 2];
            facesX = new float[nx + 1];
            facesYBelow = new float[nx];
            facesYAbove = new float[nx];
        }
    }

    /**
     * Copies, before a pass, the old planes that slab [kFrom, kTo) reads but does not own: the one
     * below its first plane and the one above its last (wrapped when z is periodic).
     */
    void saveHalo(float[] c, int kFrom, int kTo, Planes p) {
        if (kFrom > 0 || outside.periodicInZ()) {
            System.arraycopy(c, ((kFrom - 1 + nz) % nz) * planeSize, p.below, 0, planeSize);
        }
        if (kTo < nz || outside.periodicInZ()) {
            System.arraycopy(c, (kTo % nz) * planeSize, p.above, 0, planeSize);
        }
    }

    /** Face conductances between plane k and plane k + 1 (or the Z_MAX domain face) into {@code g}. */
    private void facesAbove(float[] d, int k, float[] g) {
        int base = k * planeSize;
        if (k < nz - 1) {
            harmonicRow(d, base, d, base + planeSize, g, 0, planeSize);
        } else {
            domainFaces(Face.Z_MAX, d, base, -(nz - 1) * planeSize, g, 0, planeSize);
        }
    }

    /** Face conductances between plane k − 1 (or the Z_MIN domain face) and plane k into {@code g}. */
    private void facesBelow(float[] d, int k, float[] g) {
        int base = k * planeSize;
        if (k > 0) {
            harmonicRow(d, base, d, base - planeSize, g, 0, planeSize);
        } else {
            domainFaces(Face.Z_MIN, d, base, (nz - 1) * planeSize, g, 0, planeSize);
        }
    }

    /**
     * g[gAt + i] = harmonic(a[aAt + i], b[bAt + i]) for i < n (C2 vectorises this loop only when every
     * array is indexed from 0, so it is scalar here unless the Vector API path runs).
     */
    private void harmonicRow(float[] a, int aAt, float[] b, int bAt, float[] g, int gAt, int n) {
        if (vectorised) {
            VectorRows.harmonicRow(a, aAt, b, bAt, g, gAt, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            g[gAt + i] = DiffusionSweep.harmonic(a[aAt + i], b[bAt + i]);
        }
    }

    /**
     * Conductances of n voxels' faces on a domain face: FIXED 2·D_v, PERIODIC the harmonic mean with
     * the voxel {@code wrapOffset} away, zero-flux 0.
     */
    private void domainFaces(Face face, float[] d, int at, int wrapOffset, float[] g, int gAt, int n) {
        int type = outside.type(face);
        if (type == SpeciesBoundaries.FIXED) {
            for (int i = 0; i < n; i++) {
                g[gAt + i] = 2 * d[at + i];
            }
        } else if (type == SpeciesBoundaries.PERIODIC) {
            harmonicRow(d, at, d, at + wrapOffset, g, gAt, n);
        } else {
            java.util.Arrays.fill(g, gAt, gAt + n, 0f);
        }
    }

    /**
     * Starts the in-place update of plane k: copies its old values and fills the z faces (below it
     * only for the first plane of a slab; later planes take them from the previous plane's upper faces).
     */
    void beginPlane(float[] c, float[] d, int k, boolean firstOfSlab, Planes p) {
        System.arraycopy(c, k * planeSize, p.centre, 0, planeSize);
        if (firstOfSlab) {
            facesBelow(d, k, p.facesBelow);
        }
        facesAbove(d, k, p.facesAbove);
    }

    /**
     * Writes row j of plane k of c (c = C + coef·Σ faces, coef = dt/dx²) from old values only:
     * in-plane neighbours from {@code p.centre}, the plane below from {@code p.below}, the plane above
     * from c itself when {@code lastOfSlab} is false, else from {@code p.above}. Call
     * {@link #beginPlane} before the plane's first row and {@link Planes#roll} after its last. With
     * reversible matrix binding each voxel's update is divided by its retardation factor R
     * ({@code retardation}, null: R = 1): R·∂C/∂t = ∇·(D∇C), so the fluxes are those of the free
     * concentration and ∫R·C is conserved.
     */
    void stepRow(float[] c, float[] d, float[] retardation, int j, int k, boolean lastOfSlab, Planes p, Rows r,
                 float coef) {
        int rowAt = j * nx;                 // in the plane
        int v0 = k * planeSize + rowAt;     // in the grid
        float[] centre = p.centre;
        // x: the row padded with what lies across its two domain faces
        float[] padded = r.padded;
        float[] gx = r.facesX;
        System.arraycopy(centre, rowAt, padded, 1, nx);
        padded[0] = outside.outsideX(Face.X_MIN, centre, rowAt, nx - 1);
        padded[nx + 1] = outside.outsideX(Face.X_MAX, centre, rowAt + nx - 1, -(nx - 1));
        domainFaces(Face.X_MIN, d, v0, nx - 1, gx, 0, 1);
        // nx faces where the row is not the grid's last, so that a row of 8k voxels fills whole vectors;
        // the last one (with the next row's first voxel) is then overwritten by the X_MAX domain face
        harmonicRow(d, v0, d, v0 + 1, gx, 1, v0 + nx < d.length ? nx : nx - 1);
        domainFaces(Face.X_MAX, d, v0 + nx - 1, -(nx - 1), gx, nx, 1);
        // y: faces below this row are the previous row's faces above (same numbers, the mean is symmetric)
        float[] yBelow;
        int yBelowAt;
        if (j > 0) {
            float[] t = r.facesYBelow;
            r.facesYBelow = r.facesYAbove;
            r.facesYAbove = t;
            yBelow = centre;
            yBelowAt = rowAt - nx;
        } else {
            domainFaces(Face.Y_MIN, d, v0, (ny - 1) * nx, r.facesYBelow, 0, nx);
            yBelow = outside.outsideRow(Face.Y_MIN, centre);
            yBelowAt = outside.outsideRowAt(Face.Y_MIN, rowAt, (ny - 1) * nx);
        }
        float[] yAbove;
        int yAboveAt;
        if (j < ny - 1) {
            harmonicRow(d, v0, d, v0 + nx, r.facesYAbove, 0, nx);
            yAbove = centre;
            yAboveAt = rowAt + nx;
        } else {
            domainFaces(Face.Y_MAX, d, v0, -(ny - 1) * nx, r.facesYAbove, 0, nx);
            yAbove = outside.outsideRow(Face.Y_MAX, centre);
            yAboveAt = outside.outsideRowAt(Face.Y_MAX, rowAt, -(ny - 1) * nx);
        }
        // z: old planes below and above, or what lies across the domain face
        float[] zBelow;
        int zBelowAt;
        if (k > 0 || outside.periodicInZ()) {
            zBelow = p.below;
            zBelowAt = rowAt;
        } else {
            zBelow = outside.outsideRow(Face.Z_MIN, centre);
            zBelowAt = outside.outsideRowAt(Face.Z_MIN, rowAt, 0);
        }
        float[] zAbove;
        int zAboveAt;
        if (!lastOfSlab) {
            zAbove = c;
            zAboveAt = v0 + planeSize;
        } else if (k < nz - 1 || outside.periodicInZ()) {
            zAbove = p.above;
            zAboveAt = rowAt;
        } else {
            zAbove = outside.outsideRow(Face.Z_MAX, centre);
            zAboveAt = outside.outsideRowAt(Face.Z_MAX, rowAt, 0);
        }
        update(padded, gx, r.facesYBelow, yBelow, yBelowAt, r.facesYAbove, yAbove, yAboveAt,
                p.facesBelow, zBelow, zBelowAt, p.facesAbove, zAbove, zAboveAt, rowAt, c, v0, coef, retardation);
    }

    /**
     * The update of one row, six faces per voxel in the order of {@link DiffusionSweep}; every input is
     * a separate row so the loop has no branch. (C2 in JDK 17 does not vectorise it: it cannot rule out
     * that c aliases the neighbour rows.)
     */
    private void update(float[] padded, float[] gx, float[] gyBelow, float[] yBelow, int yBelowAt,
                        float[] gyAbove, float[] yAbove, int yAboveAt, float[] gzBelow, float[] zBelow, int zBelowAt,
                        float[] gzAbove, float[] zAbove, int zAboveAt, int rowAt, float[] c, int v0, float coef,
                        float[] retardation) {
        if (vectorised && retardation == null) {
            VectorRows.update(nx, padded, gx, gyBelow, yBelow, yBelowAt, gyAbove, yAbove, yAboveAt,
                    gzBelow, zBelow, zBelowAt, gzAbove, zAbove, zAboveAt, rowAt, c, v0, coef);
        } else {
            updateScalar(0, nx, padded, gx, gyBelow, yBelow, yBelowAt, gyAbove, yAbove, yAboveAt,
                    gzBelow, zBelow, zBelowAt, gzAbove, zAbove, zAboveAt, rowAt, c, v0, coef, retardation);
        }
    }

    /**
     * Voxels from ≤ i &lt; to of {@link #update}: the scalar loop, and the tail of the vector one; with
     * {@code retardation} (null: R = 1) each change is divided by the voxel's R (the null test is
     * loop-invariant, the compiler unswitches it).
     */
    static void updateScalar(int from, int nx, float[] padded, float[] gx, float[] gyBelow, float[] yBelow,
                             int yBelowAt, float[] gyAbove, float[] yAbove, int yAboveAt, float[] gzBelow,
                             float[] zBelow, int zBelowAt, float[] gzAbove, float[] zAbove, int zAboveAt, int rowAt,
                             float[] c, int v0, float coef, float[] retardation) {
        for (int i = from; i < nx; i++) {
            float cv = padded[i + 1];
            float sum = gx[i] * (padded[i] - cv)
                    + gx[i + 1] * (padded[i + 2] - cv)
                    + gyBelow[i] * (yBelow[yBelowAt + i] - cv)
                    + gyAbove[i] * (yAbove[yAboveAt + i] - cv)
                    + gzBelow[rowAt + i] * (zBelow[zBelowAt + i] - cv)
                    + gzAbove[rowAt + i] * (zAbove[zAboveAt + i] - cv);
            c[v0 + i] = ConcentrationFloor.apply(retardation == null ? cv + coef * sum
                    : cv + coef * sum / retardation[v0 + i]);
        }
    }
}
