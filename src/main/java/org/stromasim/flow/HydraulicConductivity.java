package org.stromasim.flow;

import org.stromasim.matrix.FibrePermeability;
import org.stromasim.matrix.FibreMatrixHindrance;
import org.stromasim.matrix.MatrixComposition;

/**
 * Tissue hydraulic conductivity K from composition, µm²/(mmHg·s): the extracellular matrix's Darcy
 * permeability κ (Jackson–James per fibre kind, collagen and GAG resistances added;
 * {@link FibrePermeability}) over the interstitial fluid viscosity μ, times Maxwell's factor for flow
 * around impermeable cells of volume fraction φ_c, 2(1 − φ_c)/(2 + φ_c) (the conductivity of a
 * suspension of non-conducting spheres; the same law as the diffusive tortuosity, with the
 * extracellular volume fraction because Darcy flux is per tissue area).
 */
public final class HydraulicConductivity {

    /** 1 mmHg in Pa. */
    static final double PA_PER_MMHG = 133.322;
    /** 1 nm² in µm². */
    static final double UM2_PER_NM2 = 1e-6;

    private final double collagenRadiusNm;
    private final double gagRadiusNm;
    private final double viscosityMmHgS;

    /**
     * @param viscosityPaS interstitial fluid viscosity, Pa·s
     */
    public HydraulicConductivity(double collagenRadiusNm, double gagRadiusNm, double viscosityPaS) {
        if (!(viscosityPaS > 0) || !Double.isFinite(viscosityPaS)) {
            throw new IllegalArgumentException("interstitial fluid viscosity must be > 0 Pa·s, got " + viscosityPaS);
        }
        new FibreMatrixHindrance(collagenRadiusNm, gagRadiusNm); // validates the radii
        this.collagenRadiusNm = collagenRadiusNm;
        this.gagRadiusNm = gagRadiusNm;
        this.viscosityMmHgS = viscosityPaS / PA_PER_MMHG;
    }

    /** K, µm²/(mmHg·s); +∞ for fluid without fibres (refused by callers that need a finite field). */
    public double conductivity(MatrixComposition c) {
        double resistance = FibrePermeability.resistancePerNm2(c.collagenFraction(), collagenRadiusNm, c.gagFraction(),
                gagRadiusNm);
        double kappaUm2 = UM2_PER_NM2 / resistance;
        double cells = c.cellFraction();
        return kappaUm2 / viscosityMmHgS * 2 * (1 - cells) / (2 + cells);
    }
}
