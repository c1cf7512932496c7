package org.stromasim.matrix;

import java.util.Optional;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * The composition of every voxel of a tissue (volume fractions, float like the other fields), for
 * snapshots and the validate summary. Derived from the stored stiffness, cell codes and (with
 * {@code ecm.hyaluronan}) the stored hyaluronan state, so it never needs to be read back on resume.
 */
public record CompositionFields(float[] collagenFraction, float[] gagFraction, float[] cellFraction) {

    public static final String COLLAGEN = "collagen_fraction";
    public static final String GAG = "gag_fraction";
    public static final String CELLS = "cell_fraction";

    /**
     * The composition of {@code tissue} (its hyaluronan state when it has one) when the scenario's law has a
     * composition model, else empty.
     */
    public static Optional<CompositionFields> of(Scenario scenario, Tissue tissue) {
        if (scenario.ecm().diffusivityLaw() instanceof DiffusivityLawSpec.FibreMatrix f) {
            return Optional.of(compute(new CompositionLaw(f.composition()), tissue.stiffnessKpa(), tissue.cell(),
                    tissue.gagFraction()));
        }
        return Optional.empty();
    }

    /** The composition of every voxel; {@code gag} the hyaluronan state, or null for the cell types' fractions. */
    public static CompositionFields compute(CompositionLaw law, float[] stiffnessKpa, byte[] cell, float[] gag) {
        int n = cell.length;
        float[] collagen = new float[n];
        float[] gagOut = new float[n];
        float[] cells = new float[n];
        for (int v = 0; v < n; v++) {
            MatrixComposition c = law.composition(stiffnessKpa[v], cell[v], gag, v);
            collagen[v] = (float) c.collagenFraction();
            gagOut[v] = (float) c.gagFraction();
            cells[v] = (float) c.cellFraction();
        }
        return new CompositionFields(collagen, gagOut, cells);
    }

    /** "collagen 0.05–0.12, GAG …, cells …" over the non-vessel voxels. */
    public String ranges(byte[] cell) {
        return "collagen " + range(collagenFraction, cell) + ", GAG " + range(gagFraction, cell) + ", cells "
                + range(cellFraction, cell) + " (volume fractions; collagen and GAG of the extracellular space)";
    }

    private static String range(float[] values, byte[] cell) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < values.length; v++) {
            if (cell[v] != CellType.VESSEL.code()) {
                min = Math.min(min, values[v]);
                max = Math.max(max, values[v]);
            }
        }
        return min > max ? "none" : String.format("%.4g–%.4g", min, max);
    }
}
