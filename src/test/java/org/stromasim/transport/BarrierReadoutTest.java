package org.stromasim.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;

/**
 * Acceptance read-out (reported, not fitted): with the shipped fibre-matrix parameters, how much
 * slower IgG and doxorubicin diffuse in collagen-rich than in collagen-poor matrix, against Pluen
 * et al. (2001): 5–10× for solutes the size of IgG, about 1 for small molecules. Collagen-poor is
 * the normal stiffness 3.04 kPa, collagen-rich the fibrotic ceiling 39.5 kPa (13×), both in cancer
 * voxels, as Pluen compared the same tumour lines in two hosts. Regenerate with
 * {@code mvn -B -q surefire:test -Dtest=BarrierReadoutTest}; the numbers are in docs/barrier-physics.md.
 * The assertions are the model's qualitative properties only: IgG is held back more than
 * doxorubicin, and neither speeds up.
 */
class BarrierReadoutTest {

    static final double IGG_NM = 5.34;
    static final double DOX_NM = 0.6;

    @Test
    void iggAndDoxorubicinRatiosCollagenRichOverCollagenPoor() {
        Scenario s = FibreMatrixTransportTest.barrier();
        DiffusivityLaw law = DiffusivityLaw.of(s.ecm().diffusivityLaw());
        DiffusivityLaw ogston = DiffusivityLaw.of(new DiffusivityLawSpec.Ogston(20, 3.04, 0.05, 2.25));
        int cancer = CellType.CANCER.code();
        double poor = 3.04;
        double rich = 39.5;
        double igg = law.relativeDiffusivity(poor, cancer, IGG_NM) / law.relativeDiffusivity(rich, cancer, IGG_NM);
        double dox = law.relativeDiffusivity(poor, cancer, DOX_NM) / law.relativeDiffusivity(rich, cancer, DOX_NM);
        double iggOgston = ogston.relativeDiffusivity(poor, IGG_NM) / ogston.relativeDiffusivity(rich, IGG_NM);
        double doxOgston = ogston.relativeDiffusivity(poor, DOX_NM) / ogston.relativeDiffusivity(rich, DOX_NM);
        // the scenario's own contrast: a CAF in the fibrotic shell (18.2 kPa) against a cancer voxel in the nest (9.1 kPa)
        double iggTissue = law.relativeDiffusivity(9.1, cancer, IGG_NM)
                / law.relativeDiffusivity(18.2, CellType.CAF.code(), IGG_NM);
        System.out.printf("barrier read-out: D(collagen-poor 3.04 kPa)/D(collagen-rich 39.5 kPa), cancer voxels%n");
        System.out.printf("  fibre_matrix  IgG %.3f   doxorubicin %.3f   (Pluen 2001: IgG 5-10, small ~1)%n", igg, dox);
        System.out.printf("  ogston        IgG %.3f   doxorubicin %.3f%n", iggOgston, doxOgston);
        System.out.printf("  fibre_matrix  IgG nest cancer 9.1 kPa / shell CAF 18.2 kPa: %.3f%n", iggTissue);
        System.out.printf("  absolute D/D0 IgG: poor %.3f rich %.3f; doxorubicin: poor %.3f rich %.3f%n",
                law.relativeDiffusivity(poor, cancer, IGG_NM), law.relativeDiffusivity(rich, cancer, IGG_NM),
                law.relativeDiffusivity(poor, cancer, DOX_NM), law.relativeDiffusivity(rich, cancer, DOX_NM));
        assertTrue(igg > dox && dox >= 1.0, "IgG " + igg + ", doxorubicin " + dox);
    }
}
