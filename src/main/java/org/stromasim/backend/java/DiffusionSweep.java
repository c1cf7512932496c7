package org.stromasim.backend.java;

/**
 * The diffusion operator of the Java backend, in finite-volume flux form, and its face conductance:
 * τ/dx²·Σ_faces D_face·(C_nb − C_v), D_face = 2·D_v·D_nb/(D_v + D_nb) from the voxel diffusivities
 * (so a zero-D voxel blocks its faces), the faces summed in the order x−, x+, y−, y+, z−, z+.
 * Boundary faces: zero-flux adds nothing; FIXED adds 2·D_v·(C_b − C_v) (the held value sits on the
 * face, half a voxel from the centre); PERIODIC couples to the voxel on the opposite side. The face
 * flux is the same number, with opposite sign, seen from both voxels (the harmonic mean is symmetric
 * bit for bit), so zero-flux domains conserve mass to float round-off.
 *
 * <p>Its two evaluations, both row by row with the conductances computed on the fly and in float:
 * the explicit step in place ({@link InPlaceSweep}) and the RKL2 stages ({@link Rkl2StageSweep}).
 */
final class DiffusionSweep {

    private DiffusionSweep() {
    }

    /**
     * Harmonic-mean face diffusivity 2·D_a·D_b/(D_a + D_b), symmetric bit for bit in its arguments.
     * {@link Float#MIN_NORMAL} in the denominator leaves it unchanged for D_a + D_b ≥ 1e-30 µm²/s (far
     * below half an ulp) and turns 0/0 into 0 when both voxels are blocked.
     */
    static float harmonic(float a, float b) {
        return 2 * a * b / (a + b + Float.MIN_NORMAL);
    }
}
