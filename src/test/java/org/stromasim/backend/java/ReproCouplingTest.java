package org.stromasim.backend.java;

import org.junit.jupiter.api.Test;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.Scenario;

import org.stromasim.tissue.Tissue;

class ReproCouplingTest {
    static double rel(float[] a, float[] b) {
        double n = 0, d = 0;
        for (int v = 0; v < a.length; v++) { n += (a[v] - (double) b[v]) * (a[v] - (double) b[v]); d += (double) b[v] * b[v]; }
        return Math.sqrt(n / d);
    }
    static float min(float[] a) { float m = Float.MAX_VALUE; for (float x : a) m = Math.min(m, x); return m; }
    @Test
    void repro() {
        Scenario ex = CancerBlockProblem.scenarioWith(DiffusionSpec.EXPLICIT);
        Tissue init = CancerBlockProblem.initial(ex);
        double lim = org.stromasim.transport.TransportModel.compile(ex, init.copy()).stabilityLimit().dtMaxS();
        int n = (int) Math.ceil(600 / (0.9 * lim));
        Tissue ref = Runs.run(ex, init, 2, 600.0 / n, n);
        System.out.println("limit " + lim + " ref min " + min(ref.concentration(0)));
        Tissue ref2 = Runs.run(ex, init, 2, 600.0 / (4 * n), 4 * n);
        System.out.println("explicit 0.9 vs 0.225: " + rel(ref.concentration(0), ref2.concentration(0)) + " exp " + rel(ref.drugExposure(), ref2.drugExposure()));
        Tissue ref3 = Runs.run(ex, init, 2, 600.0 / (8 * n), 8 * n);
        for (int v = 0; v < ref3.concentration(0).length; v++) { ref3.concentration(0)[v] = 2 * ref3.concentration(0)[v] - ref2.concentration(0)[v]; ref3.drugExposure()[v] = 2 * ref3.drugExposure()[v] - ref2.drugExposure()[v]; }
        System.out.println("explicit 0.225 vs extrapolated: " + rel(ref2.concentration(0), ref3.concentration(0)) + " 0.9: " + rel(ref.concentration(0), ref3.concentration(0)));
        ref = ref3;
        for (DiffusionSpec.Coupling c : DiffusionSpec.Coupling.values()) {
            for (double dt : new double[] {0.1, 0.2, 0.3, 0.5, 10}) {
                Scenario sc = CancerBlockProblem.scenarioWith(new DiffusionSpec(DiffusionSpec.Scheme.RKL2, 5000, c));
                Tissue r = Runs.run(sc, init, 2, dt, (int) Math.round(600 / dt));
                System.out.printf("%s dt %.2f: drug %.4g exposure %.4g min %.3g%n", c, dt, rel(r.concentration(0), ref.concentration(0)),
                        rel(r.drugExposure(), ref.drugExposure()), min(r.concentration(0)));
            }
        }
    }
}
