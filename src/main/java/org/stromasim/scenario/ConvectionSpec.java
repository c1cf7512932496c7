package org.stromasim.scenario;

import java.util.Map;

/**
 * Convection of solutes by the interstitial flow (YAML {@code ecm.flow.convection}): interstitial
 * advection by the Darcy velocity and Patlak's transvascular solvent drag, applied as a split step on
 * its own clock. Model: docs/barrier-physics.md.
 *
 * @param intervalS        time between convection steps, s (with a biology section its slow interval
 *                         must be a whole multiple of it)
 * @param soluteReflection σ_f per species that crosses vessel walls: the share of the solute the wall
 *                         holds back from the filtered fluid, in [0, 1]
 */
public record ConvectionSpec(double intervalS, Map<String, Double> soluteReflection) {

    public ConvectionSpec {
        soluteReflection = Map.copyOf(soluteReflection);
    }
}
