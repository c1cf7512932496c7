package org.stromasim.transport;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The largest explicit-Euler diffusion step, dtMax = dx² / max_v Σ_faces D_face, over all voxels and
 * species. With uniform D and no fixed-value faces this is the textbook dx²/(6·Dmax); a FIXED face
 * counts 2·D (its value sits half a voxel from the centre), so it can lower the limit to dx²/(7·D).
 *
 * @param dtMaxS        the limit, s ({@code +∞} when nothing diffuses)
 * @param speciesName   the species that sets it ({@code "none"} when nothing diffuses)
 * @param dMaxUm2PerS   the largest voxel diffusivity of that species, µm²/s
 * @param dxUm          voxel edge, µm
 */
public record StabilityLimit(double dtMaxS, String speciesName, double dMaxUm2PerS, double dxUm) {

    /** Relative slack so that a step computed as safety·dtMax with safety = 1 is not refused by rounding. */
    private static final double ROUNDING_SLACK = 1e-12;

    /** Throws if {@code dtS} is not a positive number within the limit; the message carries the numbers. */
    public void check(double dtS) {
        if (!(dtS > 0) || !Double.isFinite(dtS)) {
            throw new IllegalArgumentException("time step dt must be a finite number > 0 s, got " + dtS);
        }
        if (dtS > dtMaxS * (1 + ROUNDING_SLACK)) {
            throw new IllegalArgumentException(refusal(dtS));
        }
    }

    /** safety·dtMax, the automatic step; refuses a safety outside (0, 1] and a model where nothing diffuses. */
    public double automaticStepS(double safety) {
        if (!(safety > 0 && safety <= 1)) {
            throw new IllegalArgumentException("stability safety factor must be in (0, 1], got " + safety);
        }
        if (!Double.isFinite(dtMaxS)) {
            throw new IllegalArgumentException("no species diffuses, so there is no stability limit to derive dt "
                    + "from; set run.dt_s explicitly");
        }
        return safety * dtMaxS;
    }

    /** The refusal text for a step that is too large. */
    public String refusal(double dtS) {
        boolean textbook = Math.abs(dtMaxS - dxUm * dxUm / (6 * dMaxUm2PerS)) <= 1e-9 * dtMaxS;
        String formula = textbook ? "dx²/(6·Dmax)" : "dx²/max(Σ_faces D_face) (fixed-value faces count 2·D)";
        return "dt=" + format(dtS) + " s exceeds the explicit stability limit " + formula + "=" + format(dtMaxS)
                + " s set by species " + speciesName + " (Dmax=" + format(dMaxUm2PerS) + " µm²/s, dx="
                + format(dxUm) + " µm)";
    }

    /** Three significant figures, no trailing zeros: 0.1424 → 0.142, 117.0 → 117. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
