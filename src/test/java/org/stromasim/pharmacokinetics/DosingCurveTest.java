package org.stromasim.pharmacokinetics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.PlasmaCurveSpec.Dosing;
import org.stromasim.scenario.PlasmaCurveSpec.Interruption;
import org.stromasim.scenario.PlasmaCurveSpec.Metabolite;
import org.stromasim.scenario.PlasmaCurveSpec.Regimen;
import org.stromasim.scenario.PlasmaCurveSpec.Route;
import org.stromasim.scenario.SpeciesSpec.ConcentrationUnit;

/**
 * Plasma curves of dosing schedules against closed forms written here from the textbook equations of
 * linear pharmacokinetics, and against a fine-step Runge–Kutta solution of the compartment ODEs.
 */
class DosingCurveTest {

    private static final double H = 3600.0;
    private static final double MOLAR_MASS = 400.0;
    /** µM per (mg/L) for the test molar mass. */
    private static final double UM_PER_MG_PER_L = 1000.0 / MOLAR_MASS;

    private static Regimen oral(double doseMg, double startH, Double intervalH, Integer count, double absorptionH,
                                double f) {
        return new Regimen(Route.ORAL, doseMg, startH, intervalH, count, null, absorptionH, f, null);
    }

    private static Dosing oneCompartment(double volumeL, double halfLifeH, List<Regimen> regimens) {
        return new Dosing(MOLAR_MASS, volumeL, List.of(halfLifeH), null, regimens, List.of());
    }

    private static double rate(double halfLifeH) {
        return Math.log(2) / (halfLifeH * H);
    }

    @Test
    void repeatedIvBolusPeaksFollowTheGeometricSeriesAndTheAccumulationRatio() {
        double v = 50;
        double halfLifeH = 30;
        double tauH = 24;
        int doses = 40;
        DosingCurve c = DosingCurves.of(oneCompartment(v, halfLifeH, List.of(new Regimen(Route.IV_BOLUS, 100, 0.0,
                tauH, doses, null, null, 1.0, null))), ConcentrationUnit.MICROMOLAR);
        double c0 = 100 / v * UM_PER_MG_PER_L;
        double decayPerDose = Math.exp(-rate(halfLifeH) * tauH * H);
        for (int n = 1; n <= doses; n++) {
            // right after dose n: C0·(1 − e^(−nkτ))/(1 − e^(−kτ))
            double peak = c0 * (1 - Math.pow(decayPerDose, n)) / (1 - decayPerDose);
            assertEquals(peak, c.at((n - 1) * tauH * H), 1e-12 * peak, "peak after dose " + n);
        }
        // After many half-lives the peak is C0 times the accumulation ratio 1/(1 − e^(−kτ)), the trough e^(−kτ) of it.
        double ratio = 1 / (1 - decayPerDose);
        assertEquals(ratio, c.at((doses - 1) * tauH * H) / c0, 1e-6 * ratio);
        assertEquals(ratio * decayPerDose, c.at(doses * tauH * H - 1e-6) / c0, 1e-6 * ratio);
    }

    @Test
    void troughsApproachSteadyStateAsOneMinusEToTheMinusNKTau() {
        // trough before dose n+1 over the trough before the last (N-th) dose: (1 − e^(−nkτ))/(1 − e^(−(N−1)kτ))
        double halfLifeH = 100;
        int doses = 60;
        DosingCurve c = DosingCurves.of(oneCompartment(10, halfLifeH, List.of(new Regimen(Route.IV_BOLUS, 1, 0.0,
                24.0, doses, null, null, 1.0, null))), ConcentrationUnit.MICROMOLAR);
        double x = Math.exp(-rate(halfLifeH) * 24 * H);
        int first = -1;
        for (int n = 1; n < doses; n++) {
            if ((1 - Math.pow(x, n)) / (1 - Math.pow(x, doses - 1)) >= 0.9) {
                first = n;
                break;
            }
        }
        // the trough before dose index `first` (0-based) has n = first doses behind it
        assertEquals(first * 24 * H, c.timeToFractionOfLastTroughS(0.9), 0.0);
        assertTrue(first > 10 && first < 20, "about ln 10 / kτ = 13.8 days: " + first);
    }

    @Test
    void singleOralDosePeaksAtLnKaOverKDividedByKaMinusK() {
        double v = 200;
        double halfLifeH = 20;
        double absorptionH = 1.5;
        double f = 0.6;
        double dose = 50;
        DosingCurve c = DosingCurves.of(oneCompartment(v, halfLifeH, List.of(oral(dose, 3.0, null, null,
                absorptionH, f))), ConcentrationUnit.NANOMOLAR);
        double k = rate(halfLifeH);
        double ka = rate(absorptionH);
        double tMax = Math.log(ka / k) / (ka - k);
        double cMaxNm = f * dose / v * UM_PER_MG_PER_L * 1000 * Math.exp(-k * tMax);
        double start = 3.0 * H;
        assertEquals(0.0, c.at(start - 1), 0.0);
        assertEquals(0.0, c.at(start), 1e-12 * cMaxNm);
        assertEquals(cMaxNm, c.at(start + tMax), 1e-12 * cMaxNm);
        // the peak is a maximum: lower 1 % of t_max either side, by the curvature C''·δ²/2 at least in part
        double delta = 0.01 * tMax;
        assertTrue(c.at(start + tMax - delta) < cMaxNm && c.at(start + tMax + delta) < cMaxNm);
        // and the Bateman function everywhere
        for (double t : new double[] {0.1 * H, 2 * H, 10 * H, 100 * H}) {
            double bateman = f * dose / v * UM_PER_MG_PER_L * 1000 * ka / (ka - k) * (Math.exp(-k * t) - Math.exp(-ka * t));
            assertEquals(bateman, c.at(start + t), 1e-12 * cMaxNm);
        }
    }

    @Test
    void dailyOralDosesReachTheClosedFormOfNDosesAndSteadyState() {
        double v = 1000;
        double halfLifeH = 7 * 24;   // tamoxifen-like terminal half-life: steady state over weeks
        double absorptionH = 1.0;
        double tauH = 24;
        int doses = 120;
        DosingCurve c = DosingCurves.of(oneCompartment(v, halfLifeH, List.of(oral(20, 0.0, tauH, doses,
                absorptionH, 1.0))), ConcentrationUnit.MICROMOLAR);
        double k = rate(halfLifeH);
        double ka = rate(absorptionH);
        double tau = tauH * H;
        double scale = 20 / v * UM_PER_MG_PER_L * ka / (ka - k);
        for (int n : new int[] {1, 2, 7, 30, 120}) {
            for (double s : new double[] {0.5 * H, 5 * H, 23.9 * H}) {
                double expected = scale * (Math.exp(-k * s) * (1 - Math.exp(-n * k * tau)) / (1 - Math.exp(-k * tau))
                        - Math.exp(-ka * s) * (1 - Math.exp(-n * ka * tau)) / (1 - Math.exp(-ka * tau)));
                assertEquals(expected, c.at((n - 1) * tau + s), 1e-10 * expected, "dose " + n + " + " + s / H + " h");
            }
        }
        // average over a dosing interval at steady state = F·D/(CL·τ): the area of one dose spread over τ
        double cssAverage = 20 / v * UM_PER_MG_PER_L / (k * tau);
        double sum = 0;
        int samples = 24_000;
        double last = (doses - 1) * tau;
        for (int i = 0; i < samples; i++) {
            sum += c.at(last + (i + 0.5) * tau / samples);
        }
        // 120 doses = 17 half-lives: within 2^-17 of steady state; midpoint rule error ~1e-9 here
        assertEquals(cssAverage, sum / samples, 2e-5 * cssAverage);
    }

    @Test
    void depotReleaseSlowerThanEliminationSetsTheTerminalSlope() {
        // fulvestrant-like flip-flop: release t½ 40 days, elimination t½ 2 days; the late decline follows release
        double releaseH = 40 * 24;
        DosingCurve c = DosingCurves.of(new Dosing(MOLAR_MASS, 300, List.of(48.0), null, List.of(new Regimen(
                Route.DEPOT, 500, 0.0, null, null, null, releaseH, 1.0, null)), List.of()), ConcentrationUnit.NANOMOLAR);
        double t1 = 100 * 24 * H;
        double t2 = 130 * 24 * H;
        double slope = Math.log(c.at(t2) / c.at(t1)) / (t2 - t1);
        // the elimination term has decayed by e^(−k·100 d) ≈ 1e-15 relative to the release term
        assertEquals(-rate(releaseH), slope, 1e-9 * rate(releaseH));
    }

    @Test
    void interruptionsSkipTheDosesInsideThemAndNothingElse() {
        double tauH = 24;
        Regimen daily = new Regimen(Route.IV_BOLUS, 10, 0.0, tauH, null, 10 * tauH, null, 1.0, null);
        Dosing spec = new Dosing(MOLAR_MASS, 10, List.of(12.0), null, List.of(daily),
                List.of(new Interruption(48, 96)));
        DosingCurve c = DosingCurves.of(spec, ConcentrationUnit.MICROMOLAR);
        double[] expectedTimesH = {0, 24, 96, 120, 144, 168, 192, 216};
        double[] times = c.doseTimesS();
        assertEquals(expectedTimesH.length, times.length);
        for (int i = 0; i < times.length; i++) {
            assertEquals(expectedTimesH[i] * H, times[i], 0.0);
        }
        double k = rate(12);
        double t = 100 * H;
        double expected = 0;
        for (double td : expectedTimesH) {
            if (td * H <= t) {
                expected += 10.0 / 10 * UM_PER_MG_PER_L * Math.exp(-k * (t - td * H));
            }
        }
        assertEquals(expected, c.at(t), 1e-12 * expected);
    }

    /**
     * Two compartments, an oral regimen with a missed dose, an infusion and an IV bolus, and the
     * metabolite: against RK4 on the amounts in gut, central and peripheral compartments with
     * micro-constants derived from the macro-constants (k21 = fβ + (1 − f)α, k10 = αβ/k21,
     * k12 = α + β − k21 − k10), and dCm/dt = R·km·Cp − km·Cm.
     */
    @Test
    void twoCompartmentsWithMetaboliteMatchTheCompartmentOdes() {
        double v1 = 80;
        double alphaH = 6;
        double betaH = 72;
        double fast = 0.7;
        double absorptionH = 1.2;
        double bio = 0.8;
        double metaboliteH = 30;
        double ratio = 0.15;
        Regimen daily = oral(20, 0.0, 24.0, 5, absorptionH, bio);
        Regimen infusion = new Regimen(Route.INFUSION, 30, 30.0, null, null, null, null, 1.0, 2.0);
        Regimen bolus = new Regimen(Route.IV_BOLUS, 10, 80.0, null, null, null, null, 1.0, null);
        Dosing spec = new Dosing(MOLAR_MASS, v1, List.of(alphaH, betaH), fast, List.of(daily, infusion, bolus),
                List.of(new Interruption(47, 49)));
        DosingCurve parent = DosingCurves.of(spec, ConcentrationUnit.MICROMOLAR);
        DosingCurve metabolite = DosingCurves.metabolite(new Metabolite("p", metaboliteH, ratio), spec,
                ConcentrationUnit.MICROMOLAR, ConcentrationUnit.NANOMOLAR);

        double alpha = rate(alphaH);
        double beta = rate(betaH);
        double k21 = fast * beta + (1 - fast) * alpha;
        double k10 = alpha * beta / k21;
        double k12 = alpha + beta - k21 - k10;
        double ka = rate(absorptionH);
        double km = rate(metaboliteH);
        double dt = 20;
        double[] y = new double[4]; // gut mg, central mg, peripheral mg, metabolite µM
        double[] checkH = {1, 20, 31, 33, 50, 75, 81, 120};
        int next = 0;
        long steps = Math.round(120 * H / dt);
        for (long i = 0; i <= steps; i++) {
            double t = i * dt;
            double th = t / H;
            if (Math.abs(th - Math.rint(th)) < 1e-9) {
                int hour = (int) Math.rint(th);
                if (hour % 24 == 0 && hour < 120 && hour != 48) {
                    y[0] += bio * 20;
                }
                if (hour == 80) {
                    y[1] += 10;
                }
            }
            if (next < checkH.length && Math.abs(th - checkH[next]) < 1e-9) {
                double cp = y[1] / v1 * UM_PER_MG_PER_L;
                assertEquals(cp, parent.at(t), 1e-7 * cp, "parent at " + th + " h");
                assertEquals(y[3] * 1000, metabolite.at(t), 1e-7 * y[3] * 1000, "metabolite at " + th + " h");
                next++;
            }
            boolean infusing = th >= 30 - 1e-9 && th < 32 - 1e-9;
            double infusionRate = infusing ? 30 / (2 * H) : 0;
            y = rk4(y, dt, ka, k10, k12, k21, km, ratio, v1, infusionRate);
        }
        assertEquals(checkH.length, next);
    }

    private static double[] rk4(double[] y, double dt, double ka, double k10, double k12, double k21, double km,
                                double ratio, double v1, double infusion) {
        double[] a = derivative(y, ka, k10, k12, k21, km, ratio, v1, infusion);
        double[] b = derivative(add(y, a, dt / 2), ka, k10, k12, k21, km, ratio, v1, infusion);
        double[] c = derivative(add(y, b, dt / 2), ka, k10, k12, k21, km, ratio, v1, infusion);
        double[] d = derivative(add(y, c, dt), ka, k10, k12, k21, km, ratio, v1, infusion);
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + dt / 6 * (a[i] + 2 * b[i] + 2 * c[i] + d[i]);
        }
        return out;
    }

    private static double[] add(double[] y, double[] dy, double h) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + h * dy[i];
        }
        return out;
    }

    private static double[] derivative(double[] y, double ka, double k10, double k12, double k21, double km,
                                       double ratio, double v1, double infusion) {
        double cp = y[1] / v1 * UM_PER_MG_PER_L;
        return new double[] {
                -ka * y[0],
                ka * y[0] - (k10 + k12) * y[1] + k21 * y[2] + infusion,
                k12 * y[1] - k21 * y[2],
                ratio * km * cp - km * y[3]};
    }

    @Test
    void metaboliteUnderConstantInfusionApproachesItsSteadyStateRatio() {
        Regimen longInfusion = new Regimen(Route.INFUSION, 1000, 0.0, null, null, null, null, 1.0, 2000.0);
        Dosing spec = oneCompartment(100, 10, List.of(longInfusion));
        DosingCurve parent = DosingCurves.of(spec, ConcentrationUnit.MICROMOLAR);
        DosingCurve metabolite = DosingCurves.metabolite(new Metabolite("p", 40, 0.25), spec,
                ConcentrationUnit.MICROMOLAR, ConcentrationUnit.MICROMOLAR);
        double t = 1500 * H; // 37 metabolite half-lives
        assertEquals(0.25, metabolite.at(t) / parent.at(t), 1e-9);
    }

    @Test
    void ratesTooCloseForTheClosedFormAreRefusedWithBothHalfLives() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DosingCurves.of(
                oneCompartment(10, 2.0, List.of(oral(1, 0.0, null, null, 2.0, 1.0))), ConcentrationUnit.MICROMOLAR));
        assertTrue(e.getMessage().contains("regimens[0]") && e.getMessage().contains("2.000 h"), e.getMessage());
    }
}
