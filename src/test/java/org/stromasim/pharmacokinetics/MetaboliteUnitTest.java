package org.stromasim.pharmacokinetics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.PlasmaCurveSpec.Dosing;
import org.stromasim.scenario.PlasmaCurveSpec.Metabolite;
import org.stromasim.scenario.PlasmaCurveSpec.Regimen;
import org.stromasim.scenario.PlasmaCurveSpec.Route;
import org.stromasim.scenario.SpeciesSpec.ConcentrationUnit;

/**
 * A metabolite's plasma level in its own unit, whatever the parent's unit: under constant dosing the
 * metabolite's average over a dosing interval at steady state is the stated molar ratio times the
 * parent's (C_m = R·k_m·(C_p * e^(−k_m t)), and the convolution of a periodic input averages to R·mean C_p).
 * Both species in nM, as in the shipped tamoxifen/endoxifen scenarios (a parent in nM once left the
 * metabolite 1000× too low).
 */
class MetaboliteUnitTest {

    @Test
    void steadyStateAverageRatioHoldsInEveryUnitPair() {
        // one compartment, t½ 10 h; metabolite t½ 20 h; 30 daily doses: e^(−ln2·720/20) ≈ 1e-11 from steady state
        Dosing spec = new Dosing(371.5, 100, List.of(10.0), null,
                List.of(new Regimen(Route.ORAL, 20, 0.0, 24.0, 30, null, 1.3, 1.0, null)), List.of());
        double ratio = 0.08;
        Metabolite m = new Metabolite("p", 20, ratio);
        for (ConcentrationUnit parentUnit : List.of(ConcentrationUnit.NANOMOLAR, ConcentrationUnit.MICROMOLAR)) {
            for (ConcentrationUnit unit : List.of(ConcentrationUnit.NANOMOLAR, ConcentrationUnit.MICROMOLAR)) {
                DosingCurve parent = DosingCurves.of(spec, parentUnit);
                DosingCurve metabolite = DosingCurves.metabolite(m, spec, parentUnit, unit);
                // averages over the interval after the 29th dose (midpoint rule, 1 s steps)
                double p = 0;
                double q = 0;
                for (int i = 0; i < 86400; i++) {
                    double t = 28 * 86400.0 + i + 0.5;
                    p += parent.at(t) / DosingCurves.unitsPerMicromolar(parentUnit);
                    q += metabolite.at(t) / DosingCurves.unitsPerMicromolar(unit);
                }
                assertEquals(ratio, q / p, 1e-6, parentUnit + " parent, " + unit + " metabolite");
            }
        }
    }
}
