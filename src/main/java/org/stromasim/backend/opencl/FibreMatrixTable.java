package org.stromasim.backend.opencl;

import org.stromasim.scenario.MatrixCompositionSpec;
import org.stromasim.tissue.CellType;
import org.stromasim.transport.FibreMatrixLaw;

/**
 * The fibre_matrix law's parameters as the biology kernel reads them ({@code law} in biology.cl):
 * {r_col, r_gag, E_ref, φ_ref, n, φ_max, GAG fraction by cell code, cell fraction by cell code}, at the
 * offsets below (FM_ in the kernel, see {@link KernelConstants}).
 */
final class FibreMatrixTable {

    static final int COLLAGEN_RADIUS = 0;
    static final int GAG_RADIUS = 1;
    static final int REFERENCE_STIFFNESS = 2;
    static final int REFERENCE_COLLAGEN_FRACTION = 3;
    static final int STIFFNESS_EXPONENT = 4;
    static final int MAX_COLLAGEN_FRACTION = 5;
    static final int GAG_FRACTION_BY_CELL = 6;
    static final int CELL_FRACTION_BY_CELL = GAG_FRACTION_BY_CELL + CellType.COUNT;
    static final int LENGTH = CELL_FRACTION_BY_CELL + CellType.COUNT;

    private FibreMatrixTable() {
    }

    /** The table of {@code law}: the GAG fraction by cell code is the baseline a voxel without a hyaluronan state has. */
    static void fill(FibreMatrixLaw law, float[] into) {
        MatrixCompositionSpec c = law.spec().composition();
        into[COLLAGEN_RADIUS] = (float) law.spec().collagenFibreRadiusNm();
        into[GAG_RADIUS] = (float) law.spec().gagFibreRadiusNm();
        into[REFERENCE_STIFFNESS] = (float) c.referenceStiffnessKpa();
        into[REFERENCE_COLLAGEN_FRACTION] = (float) c.referenceCollagenFraction();
        into[STIFFNESS_EXPONENT] = (float) c.stiffnessExponent();
        into[MAX_COLLAGEN_FRACTION] = (float) c.maxCollagenFraction();
        double[] gag = c.gagFraction().byCode();
        double[] cells = c.cellFraction().byCode();
        for (int code = 0; code < CellType.COUNT; code++) {
            into[GAG_FRACTION_BY_CELL + code] = (float) gag[code];
            into[CELL_FRACTION_BY_CELL + code] = (float) cells[code];
        }
    }
}
