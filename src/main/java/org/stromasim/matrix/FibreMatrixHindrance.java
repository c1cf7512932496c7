package org.stromasim.matrix;

/**
 * D/D0 of a solute of Stokes radius r_s in a tissue voxel of known composition: the fibre-matrix
 * model of Johnson et al. (1996), hydrodynamic × steric, extended to two fibre kinds, times the
 * tortuosity imposed by the cells.
 *
 * <ul>
 * <li>Hydrodynamic (Brinkman effective medium; Phillips, Deen &amp; Brady 1989; Johnson et al. 1996):
 *     F = [1 + r_s/√κ + r_s²/(3κ)]⁻¹ with κ the matrix permeability ({@link FibrePermeability},
 *     collagen and GAG resistances added).</li>
 * <li>Steric (Ogston 1958 obstruction, in the form Johnson et al. 1996 fitted to Brownian simulations
 *     of random fibre arrays): S = exp(−0.84·f^1.09), f = Σ φ_i·(1 + r_s/r_i)² summed over the fibre
 *     kinds, because the space excluded by independent random fibres adds in the exponent.</li>
 * <li>Cells (Maxwell 1873, as applied to tissue by Nicholson &amp; Phillips 1981): diffusion around
 *     impermeable cells of volume fraction φ_c has tortuosity λ² = (2 + φ_c)/2, i.e. a factor
 *     2/(2 + φ_c) on the extracellular diffusivity; independent of solute size.</li>
 * </ul>
 * The factors multiply because they act on different length scales (fibre spacing nm, cells µm).
 */
public final class FibreMatrixHindrance {

    /** Johnson et al. (1996) steric fit: S = exp(−A·f^B). */
    static final double STERIC_A = 0.84;
    static final double STERIC_B = 1.09;

    private final double collagenRadiusNm;
    private final double gagRadiusNm;

    public FibreMatrixHindrance(double collagenRadiusNm, double gagRadiusNm) {
        if (!(collagenRadiusNm > 0) || !(gagRadiusNm > 0)) {
            throw new IllegalArgumentException("fibre radii must be > 0 nm, got collagen " + collagenRadiusNm
                    + " nm, GAG " + gagRadiusNm + " nm");
        }
        this.collagenRadiusNm = collagenRadiusNm;
        this.gagRadiusNm = gagRadiusNm;
    }

    public double collagenRadiusNm() {
        return collagenRadiusNm;
    }

    public double gagRadiusNm() {
        return gagRadiusNm;
    }

    /** Brinkman hydrodynamic factor F for a solute of radius r_s in a matrix of resistance 1/κ. */
    public static double hydrodynamicFactor(double stokesRadiusNm, double resistancePerNm2) {
        double x2 = stokesRadiusNm * stokesRadiusNm * resistancePerNm2; // r_s²/κ
        return 1.0 / (1.0 + Math.sqrt(x2) + x2 / 3.0);
    }

    /** Steric factor S from the summed excluded-volume parameter f. */
    public static double stericFactor(double f) {
        return f > 0 ? Math.exp(-STERIC_A * Math.pow(f, STERIC_B)) : 1.0;
    }

    /** Cell tortuosity factor 1/λ² = 2/(2 + φ_c). */
    public static double cellFactor(double cellFraction) {
        return 2.0 / (2.0 + cellFraction);
    }

    /** D/D0 in (0, 1]. */
    public double relativeDiffusivity(MatrixComposition c, double stokesRadiusNm) {
        double resistance = FibrePermeability.resistancePerNm2(c.collagenFraction(), collagenRadiusNm, c.gagFraction(),
                gagRadiusNm);
        double collagenReach = 1.0 + stokesRadiusNm / collagenRadiusNm;
        double gagReach = 1.0 + stokesRadiusNm / gagRadiusNm;
        double f = c.collagenFraction() * collagenReach * collagenReach + c.gagFraction() * gagReach * gagReach;
        return hydrodynamicFactor(stokesRadiusNm, resistance) * stericFactor(f) * cellFactor(c.cellFraction());
    }
}
