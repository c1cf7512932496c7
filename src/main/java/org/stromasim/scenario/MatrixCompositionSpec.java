package org.stromasim.scenario;

import org.stromasim.tissue.CellType;

/**
 * How a voxel's matrix composition follows from its stiffness and cell type (part of the
 * {@code fibre_matrix} diffusivity law). Collagen follows stiffness, the headline field that CAFs,
 * LOX and enzymes change; glycosaminoglycan and cell volume fractions are given per cell type.
 * Sources of every default: docs/parameters.md, section "Stromal barrier".
 *
 * @param referenceStiffnessKpa     E_ref, kPa: stiffness at which the collagen fraction is φ_ref
 * @param referenceCollagenFraction φ_ref, collagen fibre volume fraction of the extracellular space at E_ref
 * @param stiffnessExponent         n in E = E_ref·(φ/φ_ref)^n (collagen network power law)
 * @param maxCollagenFraction       cap on the collagen fraction (≤ {@link #MAX_FIBRE_FRACTION})
 * @param gagFraction               glycosaminoglycan (hyaluronan) volume fraction of the extracellular space
 * @param cellFraction              volume fraction of the voxel occupied by cells
 */
public record MatrixCompositionSpec(double referenceStiffnessKpa, double referenceCollagenFraction,
                                    double stiffnessExponent, double maxCollagenFraction,
                                    PerCellType gagFraction, PerCellType cellFraction) {

    /**
     * Largest fibre fraction accepted for either fibre kind: the Jackson–James permeability
     * κ ∝ (−ln φ − 0.931)/φ is positive only below φ = e^(−0.931) ≈ 0.394, and its fit was made on
     * data up to about φ = 0.3; 0.35 keeps κ positive with margin.
     */
    public static final double MAX_FIBRE_FRACTION = 0.35;

    public MatrixCompositionSpec {
        if (!(referenceStiffnessKpa > 0) || !(referenceCollagenFraction > 0) || !(stiffnessExponent > 0)
                || !(maxCollagenFraction > 0) || !(maxCollagenFraction <= MAX_FIBRE_FRACTION)
                || !(referenceCollagenFraction <= maxCollagenFraction)) {
            throw new IllegalArgumentException("matrix composition needs E_ref > 0, n > 0 and 0 < φ_ref ≤ max_fraction ≤ "
                    + MAX_FIBRE_FRACTION + "; got E_ref=" + referenceStiffnessKpa + " kPa, φ_ref=" + referenceCollagenFraction
                    + ", n=" + stiffnessExponent + ", max_fraction=" + maxCollagenFraction);
        }
        gagFraction.requireWithin("gag_fraction", 0.0, MAX_FIBRE_FRACTION);
        cellFraction.requireWithin("cell_fraction", 0.0, 0.99);
    }

    /**
     * One value per non-vessel cell type (a vessel voxel is lumen: no matrix, no cells).
     */
    public record PerCellType(double ecm, double cancer, double fibroblast, double caf, double dead) {

        /** The value for a cell code; 0 for a vessel. */
        public double of(int cellCode) {
            return switch (CellType.fromCode(cellCode)) {
                case ECM -> ecm;
                case VESSEL -> 0.0;
                case CANCER -> cancer;
                case FIBROBLAST -> fibroblast;
                case CAF -> caf;
                case DEAD -> dead;
            };
        }

        /** Values indexed by cell code (vessel 0), for tables on a device. */
        public double[] byCode() {
            double[] values = new double[CellType.COUNT];
            for (CellType t : CellType.values()) {
                values[t.code()] = of(t.code());
            }
            return values;
        }

        void requireWithin(String name, double min, double max) {
            for (double v : new double[] {ecm, cancer, fibroblast, caf, dead}) {
                if (!(v >= min && v <= max)) {
                    throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "] for every cell type, got "
                            + this);
                }
            }
        }
    }
}
