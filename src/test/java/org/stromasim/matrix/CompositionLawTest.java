package org.stromasim.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.stromasim.scenario.MatrixCompositionSpec;
import org.stromasim.scenario.MatrixCompositionSpec.PerCellType;
import org.stromasim.tissue.CellType;

/** Composition from stiffness and cell type: the collagen power law's rows, the cap, the per-type values. */
class CompositionLawTest {

    private static final PerCellType GAG = new PerCellType(1e-4, 2e-4, 3e-4, 4e-4, 5e-4);
    private static final PerCellType CELLS = new PerCellType(0.1, 0.6, 0.3, 0.35, 0.2);

    private static CompositionLaw law(double maxFraction) {
        return new CompositionLaw(new MatrixCompositionSpec(3.0, 0.05, 2.0, maxFraction, GAG, CELLS));
    }

    /** E = E_ref·(φ/φ_ref)^n with n = 2: φ = 2·φ_ref needs 4·E_ref, φ = 3·φ_ref needs 9·E_ref. */
    @Test
    void collagenFollowsThePowerLawRows() {
        CompositionLaw law = law(0.3);
        assertEquals(0.05, law.collagenFraction(3.0), 1e-15);
        assertEquals(0.10, law.collagenFraction(12.0), 1e-15);
        assertEquals(0.15, law.collagenFraction(27.0), 1e-15);
        assertEquals(0.0, law.collagenFraction(0.0), 0.0);
    }

    @Test
    void collagenIsCappedWhereTheFibreLawsEnd() {
        assertEquals(0.12, law(0.12).collagenFraction(1e6), 0.0);
    }

    @Test
    void gagAndCellFractionsComeFromTheCellTypeAndVesselsHoldNoMatrix() {
        CompositionLaw law = law(0.3);
        assertEquals(new MatrixComposition(0.10, 4e-4, 0.35), law.composition(12.0, CellType.CAF.code()));
        assertEquals(new MatrixComposition(0.10, 2e-4, 0.6), law.composition(12.0, CellType.CANCER.code()));
        assertEquals(new MatrixComposition(0.10, 5e-4, 0.2), law.composition(12.0, CellType.DEAD.code()));
        assertEquals(new MatrixComposition(0, 0, 0), law.composition(12.0, CellType.VESSEL.code()));
    }

    /**
     * A hyaluronan state replaces the GAG fraction only (CAF voxel holding 1.2e-4 instead of its 4e-4), and its level
     * relative to the cell type's baseline is 1.2e-4 / 4e-4 = 0.3; without a state the baseline and level 1.
     */
    @Test
    void theHyaluronanStateReplacesOnlyTheGagFraction() {
        CompositionLaw law = law(0.3);
        float[] gag = {0f, 1.2e-4f};
        MatrixComposition c = law.composition(12.0, CellType.CAF.code(), gag, 1);
        assertEquals(0.10, c.collagenFraction(), 1e-15);
        assertEquals(1.2e-4f, c.gagFraction(), 0.0);
        assertEquals(0.35, c.cellFraction(), 0.0);
        assertEquals(0.3, law.gagLevel(CellType.CAF.code(), gag, 1), 1e-7);
        assertEquals(4e-4, law.composition(12.0, CellType.CAF.code(), null, 1).gagFraction(), 0.0);
        assertEquals(1.0, law.gagLevel(CellType.CAF.code(), null, 1), 0.0);
        assertEquals(1.0, law.gagLevel(CellType.VESSEL.code(), gag, 0), 0.0);
    }

    @Test
    void fractionsOutsideTheirRangesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new MatrixCompositionSpec(3.0, 0.05, 2.0, 0.4, GAG, CELLS));
        assertThrows(IllegalArgumentException.class, () -> new MatrixCompositionSpec(3.0, 0.05, 2.0, 0.3,
                new PerCellType(0, 0, 0.5, 0, 0), CELLS));
        assertThrows(IllegalArgumentException.class, () -> new MatrixCompositionSpec(3.0, 0.05, 2.0, 0.3, GAG,
                new PerCellType(0, 1.0, 0, 0, 0)));
    }
}
