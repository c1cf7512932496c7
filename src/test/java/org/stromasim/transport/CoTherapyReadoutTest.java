package org.stromasim.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;

/**
 * Acceptance read-out of the matrix co-therapies on diffusion (reported, not fitted), with the shipped
 * fibre_matrix parameters in cancer voxels:
 * <ul>
 * <li>collagenase: D after/before for 10 kDa and 500 kDa dextran when the collagen-rich matrix (the fibrotic
 *     ceiling 39.5 kPa) is softened to the enzyme floor (3.04 kPa), against Magzoub et al. 2008 (B16 tumours,
 *     2 mm deep): about 2× for 10 kDa, more than 10× for 500 kDa dextran;</li>
 * <li>hyaluronidase: D after/before for IgG and 500 kDa dextran at GAG level 0.3 (what the hyaluronidase
 *     scenario reaches in about an hour), against Magzoub 2008, who found hyaluronidase <i>slowed</i> diffusion.</li>
 * </ul>
 * Stokes radii: 10 kDa dextran 2.3 nm, 500 kDa dextran 15 nm (docs/parameters.md, "Vessel compression and matrix
 * co-therapies"). Regenerate with {@code mvn -B -q surefire:test -Dtest=CoTherapyReadoutTest} (or
 * benchmarks/barrier-acceptance.sh). The assertions are qualitative: removing fibres never slows a solute, and
 * helps the larger one more.
 */
class CoTherapyReadoutTest {

    static final double DEXTRAN_10K_NM = 2.3;
    static final double DEXTRAN_500K_NM = 15.0;
    static final double IGG_NM = 5.34;

    @Test
    void collagenaseAndHyaluronidaseOnDiffusion() {
        Scenario s = FibreMatrixTransportTest.barrier();
        FibreMatrixLaw law = (FibreMatrixLaw) DiffusivityLaw.of(s.ecm().diffusivityLaw());
        int cancer = CellType.CANCER.code();
        double rich = 39.5;
        double floor = 3.04;
        double small = law.relativeDiffusivity(floor, cancer, DEXTRAN_10K_NM) / law.relativeDiffusivity(rich, cancer, DEXTRAN_10K_NM);
        double large = law.relativeDiffusivity(floor, cancer, DEXTRAN_500K_NM) / law.relativeDiffusivity(rich, cancer, DEXTRAN_500K_NM);
        double gag = law.compositionLaw().baselineGagFraction(cancer);
        double iggHyal = law.relativeDiffusivityWithGag(9.1, cancer, IGG_NM, 0.3 * gag)
                / law.relativeDiffusivityWithGag(9.1, cancer, IGG_NM, gag);
        double largeHyal = law.relativeDiffusivityWithGag(9.1, cancer, DEXTRAN_500K_NM, 0.3 * gag)
                / law.relativeDiffusivityWithGag(9.1, cancer, DEXTRAN_500K_NM, gag);
        System.out.printf("co-therapy read-out (fibre_matrix, cancer voxels):%n");
        System.out.printf("  collagenase 39.5 -> 3.04 kPa: D ratio 10 kDa dextran %.3f (Magzoub 2008 ~2), 500 kDa dextran %.3f"
                + " (Magzoub 2008 > 10)%n", small, large);
        System.out.printf("  hyaluronidase GAG 1 -> 0.3 at 9.1 kPa: D ratio IgG %.3f, 500 kDa dextran %.3f"
                + " (Magzoub 2008: hyaluronidase slowed diffusion)%n", iggHyal, largeHyal);
        System.out.printf("  absolute D/D0 500 kDa dextran: rich %.4f, floor %.4f%n",
                law.relativeDiffusivity(rich, cancer, DEXTRAN_500K_NM), law.relativeDiffusivity(floor, cancer, DEXTRAN_500K_NM));
        assertTrue(large > small && small >= 1.0 && largeHyal >= iggHyal && iggHyal >= 1.0,
                "10 kDa " + small + ", 500 kDa " + large + ", IgG hyaluronidase " + iggHyal);
    }
}
