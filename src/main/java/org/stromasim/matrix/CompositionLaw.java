package org.stromasim.matrix;

import org.stromasim.scenario.MatrixCompositionSpec;
import org.stromasim.tissue.CellType;

/**
 * A voxel's composition from its stiffness and cell type.
 *
 * <p>Collagen: the shear modulus of collagen networks grows as a power of concentration,
 * E = E_ref·(φ/φ_ref)^n with n ≈ 2–2.5, so φ_col = φ_ref·(E/E_ref)^(1/n), capped at the scenario's
 * maximum. Stiffness is the field that CAFs, LOX and enzymes change, so collagen follows them.
 * Glycosaminoglycan and cell fractions are the scenario's values for the voxel's cell type. A
 * vessel voxel is lumen: all three are 0.
 */
public final class CompositionLaw {

    private final MatrixCompositionSpec spec;
    private final FibreFractionStiffness powerLaw;

    public CompositionLaw(MatrixCompositionSpec spec) {
        this.spec = spec;
        this.powerLaw = new FibreFractionStiffness(spec.referenceStiffnessKpa(), spec.referenceCollagenFraction(),
                spec.stiffnessExponent(), spec.maxCollagenFraction());
    }

    public MatrixCompositionSpec spec() {
        return spec;
    }

    /** Collagen fibre volume fraction at a stiffness, in [0, max_fraction]. */
    public double collagenFraction(double stiffnessKpa) {
        return powerLaw.fraction(stiffnessKpa);
    }

    public MatrixComposition composition(double stiffnessKpa, int cellCode) {
        return composition(stiffnessKpa, cellCode, 1.0);
    }

    /** The composition with the cell type's GAG fraction times {@code gagLevel} (hyaluronan turnover, ecm.hyaluronan). */
    public MatrixComposition composition(double stiffnessKpa, int cellCode, double gagLevel) {
        if (cellCode == CellType.VESSEL.code()) {
            return new MatrixComposition(0.0, 0.0, 0.0);
        }
        return new MatrixComposition(collagenFraction(stiffnessKpa), spec.gagFraction().of(cellCode) * gagLevel,
                spec.cellFraction().of(cellCode));
    }
}
