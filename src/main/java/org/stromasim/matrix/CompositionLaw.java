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
        return withGag(stiffnessKpa, cellCode, baselineGagFraction(cellCode));
    }

    /**
     * The composition of voxel {@code v}: its GAG fraction from the hyaluronan state {@code gag} (null: the cell
     * type's fraction, a scenario without hyaluronan turnover).
     */
    public MatrixComposition composition(double stiffnessKpa, int cellCode, float[] gag, int v) {
        return withGag(stiffnessKpa, cellCode, gag == null ? baselineGagFraction(cellCode) : gag[v]);
    }

    /** The composition with the GAG fraction {@code gagFraction} (of the extracellular space) given. */
    public MatrixComposition withGag(double stiffnessKpa, int cellCode, double gagFraction) {
        if (cellCode == CellType.VESSEL.code()) {
            return new MatrixComposition(0.0, 0.0, 0.0);
        }
        return new MatrixComposition(collagenFraction(stiffnessKpa), gagFraction, spec.cellFraction().of(cellCode));
    }

    /** The scenario's GAG fraction of a cell type (the sourced baseline; 0 in lumen). */
    public double baselineGagFraction(int cellCode) {
        return cellCode == CellType.VESSEL.code() ? 0.0 : spec.gagFraction().of(cellCode);
    }

    /**
     * Voxel v's hyaluronan relative to its cell type's baseline, φ_gag/φ_gag,baseline (1 without a hyaluronan
     * state, in lumen, and where the baseline is 0): the share of the solid stress that swelling hyaluronan
     * carries scales with it ({@link VesselCompression}).
     */
    public double gagLevel(int cellCode, float[] gag, int v) {
        double base = baselineGagFraction(cellCode);
        return gag == null || !(base > 0) ? 1.0 : gag[v] / base;
    }
}
