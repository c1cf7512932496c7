package org.stromasim.bench;

import java.util.List;
import org.stromasim.pharmacokinetics.DosingCurve;
import org.stromasim.pharmacokinetics.DosingCurves;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.PlasmaCurveSpec.Dosing;
import org.stromasim.scenario.PlasmaCurveSpec.Regimen;
import org.stromasim.scenario.PlasmaCurveSpec.Route;
import org.stromasim.scenario.SpeciesSpec.ConcentrationUnit;
import org.stromasim.transport.PlasmaCurve;

/**
 * Cost of one plasma-level evaluation (a backend makes 2–4 per species per step): the doxorubicin
 * bi-exponential bolus against a 28-day daily oral tamoxifen schedule (two compartments) and its
 * metabolite, evaluated on day 27 when all doses are summed. Plain main, best of 5 rounds of 10⁶
 * evaluations; run with the main classes on the class path (see benchmarks/README.md).
 */
public final class PlasmaCurveTiming {

    public static void main(String[] args) {
        PlasmaCurve bolus = PlasmaCurve.of(new PlasmaCurveSpec.Bolus(5.0, 60.0, List.of(300.0, 108000.0), 0.9));
        Dosing tamoxifen = new Dosing(371.5, 390, List.of(10.0, 168.0), 0.76, List.of(new Regimen(Route.ORAL, 20, 0.0,
                24.0, 28, null, 1.3, 1.0, null)), List.of());
        DosingCurve dosed = DosingCurves.of(tamoxifen, ConcentrationUnit.NANOMOLAR);
        DosingCurve metabolite = DosingCurves.metabolite(new PlasmaCurveSpec.Metabolite("tamoxifen", 50, 0.08),
                tamoxifen, ConcentrationUnit.NANOMOLAR, ConcentrationUnit.NANOMOLAR);
        double t0 = 27.3 * 86400;
        System.out.printf("bolus       %.1f ns/evaluation%n", nanos(bolus::at, t0));
        System.out.printf("28 doses    %.1f ns/evaluation%n", nanos(dosed::at, t0));
        System.out.printf("metabolite  %.1f ns/evaluation%n", nanos(metabolite::at, t0));
    }

    private static double nanos(java.util.function.DoubleUnaryOperator curve, double t0) {
        int n = 1_000_000;
        double best = Double.MAX_VALUE;
        double sink = 0;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += curve.applyAsDouble(t0 + i * 1e-3);
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) n);
        }
        if (sink == 42) {
            System.out.println();
        }
        return best;
    }
}
