package org.stromasim.backend.opencl;

import org.stromasim.scenario.MatrixCompositionSpec;
import org.stromasim.tissue.CellType;
import org.stromasim.transport.FibreMatrixLaw;

/**
 * The fibre_matrix law's parameters as the biology kernel reads them ({@code law} in biology.cl):
 * {r_col, r_gag, E_ref, φ_ref, n, φ_max, GAG fraction by cell code, cell fraction by cell code}.
 */
final class FibreMatrixTable {

    static final int LENGTH = 6 + 2 * CellType.COUNT;

    private FibreMatrixTable() {
    }

    static void fill(FibreMatrixLaw law, float[] into) {
        MatrixCompositionSpec c = law.spec().composition();
        into[0] = (float) law.spec().collagenFibreRadiusNm();
        into[1] = (float) law.spec().gagFibreRadiusNm();
        into[2] = (float) c.referenceStiffnessKpa();
        into[3] = (float) c.referenceCollagenFraction();
        into[4] = (float) c.stiffnessExponent();
        into[5] = (float) c.maxCollagenFraction();
        double[] gag = c.gagFraction().byCode();
        double[] cells = c.cellFraction().byCode();
        for (int code = 0; code < CellType.COUNT; code++) {
            into[6 + code] = (float) gag[code];
            into[6 + CellType.COUNT + code] = (float) cells[code];
        }
    }
}
