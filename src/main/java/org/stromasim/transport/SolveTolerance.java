package org.stromasim.transport;

import org.stromasim.scenario.DiffusionSpec;

/**
 * How tightly the implicit scheme's multigrid solves are converged (both backends, TR-BDF2 stages and
 * the unsplit step): the relative residual ‖f − A·u‖/‖f‖ each solve must reach.
 *
 * <p>Rule. Without a step-control target: {@link #WITHOUT_TARGET} = 10⁻⁸, below the float state's own
 * rounding (6·10⁻⁸). With {@code target_relative_error} T: {@link #SHARE_OF_TARGET}·T (10⁻⁵ at T = 1 %),
 * never tighter than 10⁻⁸. Why this bounds the error the solve adds: every system solved is
 * A = diag(a) + K with a ≥ a_min &gt; 0 per voxel (a = 2/(γ·dt) and (2 − γ)/((1 − γ)·dt) for
 * TR-BDF2, a = λ/(1 − e^(−λh)) ≥ 1/h for the unsplit step) and K the symmetric positive semi-definite
 * diffusion operator, so ‖A⁻¹‖₂ ≤ 1/a_min and the solution error is at most ‖r‖/a_min; the right-hand
 * side is a times the previous level plus sources, so ‖f‖/a_min is of the size of the solution and the
 * solve adds a relative error of about its relative residual or less. The scheme is L-stable, so such
 * errors are damped, not amplified, and even added up unchanged they stay below T over 1/SHARE_OF_TARGET
 * = 1000 solves of a step-control window (a window holds at most 8 upper-bound steps, i.e. 16 stage
 * solves, or a few hundred steps where the split bound caps them). A solve to 10⁻⁸ at a 1 % target
 * spends about three decades of residual, 2–3 multigrid cycles of the 5–9 a solve needs, on digits
 * the step's own error (about T) swamps.
 */
public final class SolveTolerance {

    /** Relative residual of a solve when no accuracy target is set. Choice (C): below float rounding. */
    public static final double WITHOUT_TARGET = 1e-8;
    /** Share of the step-control target a solve's relative residual may reach. Choice (C), see the class comment. */
    public static final double SHARE_OF_TARGET = 1e-3;

    private SolveTolerance() {
    }

    /** The relative residual the implicit scheme's solves reach under {@code diffusion}. */
    public static double relativeResidual(DiffusionSpec diffusion) {
        Double target = diffusion.targetRelativeError();
        return target == null ? WITHOUT_TARGET : Math.max(WITHOUT_TARGET, SHARE_OF_TARGET * target);
    }
}
