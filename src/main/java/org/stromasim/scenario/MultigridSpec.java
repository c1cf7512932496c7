package org.stromasim.scenario;

import org.stromasim.solver.Coarsening;

/**
 * Which coarsening each multigrid solve of a run uses (YAML {@code run.multigrid}); see docs/multigrid.md.
 *
 * @param pressureCoarsening  the interstitial pressure (Darcy–Starling) solve of {@code ecm.flow}: one solve per change of
 *                  the tissue, so the operator-dependent set-up is paid rarely
 * @param diffusionCoarsening the implicit diffusion scheme's solves ({@code run.diffusion.scheme: implicit}, plain and
 *                  unsplit couplings): the operator changes with a (each TR-BDF2 stage, each unsplit step), so an
 *                  operator-dependent hierarchy is rebuilt per solve
 */
public record MultigridSpec(Coarsening pressureCoarsening, Coarsening diffusionCoarsening) {

    /** Both solves geometric: the default (docs/multigrid.md "Selecting the coarsening" gives the measurements). */
    public static final MultigridSpec DEFAULT = new MultigridSpec(Coarsening.GEOMETRIC, Coarsening.GEOMETRIC);

    public MultigridSpec {
        pressureCoarsening = pressureCoarsening == null ? Coarsening.GEOMETRIC : pressureCoarsening;
        diffusionCoarsening = diffusionCoarsening == null ? Coarsening.GEOMETRIC : diffusionCoarsening;
    }

    /** The YAML name of a coarsening: {@code geometric} or {@code operator_dependent}. */
    public static String key(Coarsening c) {
        return c.name().toLowerCase(java.util.Locale.ROOT);
    }
}
