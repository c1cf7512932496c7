package org.stromasim.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Advection with reversible matrix binding, R·∂C/∂t = −∇·(u·C): a Gaussian far from the faces keeps
 * Σ R·C (round-off) under random R in [1, 10] while Σ C changes, and with uniform R its centre moves u·t/R.
 */
class RetardedAdvectionTest {

    private static final int N = 200;
    private static final double H = 5;
    private static final double U = 0.5;

    private static double[] gaussian() {
        double[] c = new double[N];
        for (int i = 0; i < N; i++) {
            double x = (i + 0.5) * H;
            c[i] = Math.exp(-Math.pow((x - 300) / 40, 2));
        }
        return c;
    }

    private static double centre(double[] c) {
        double mass = 0;
        double moment = 0;
        for (int i = 0; i < N; i++) {
            mass += c[i];
            moment += c[i] * (i + 0.5) * H;
        }
        return moment / mass;
    }

    @Test
    void boundPlusFreeIsConservedAndUniformRSlowsTheCentreByR() {
        LimitedAdvection advection = new LimitedAdvection(LimitedAdvectionTest.uniform(N, H, U), new boolean[N]);
        double[] in = LimitedAdvectionTest.inflow(0);
        Random random = new Random(3);
        float[] r = new float[N];
        for (int i = 0; i < N; i++) {
            r[i] = (float) (1 + 9 * random.nextDouble());
        }
        double[] c = gaussian();
        double before = 0;
        double plainBefore = Arrays.stream(c).sum();
        for (int i = 0; i < N; i++) {
            before += r[i] * c[i];
        }
        advection.advance(c, 400, in, r);
        double after = 0;
        for (int i = 0; i < N; i++) {
            after += r[i] * c[i];
        }
        assertEquals(before, after, 1e-12 * before, "Σ R·C");
        assertTrue(Math.abs(Arrays.stream(c).sum() - plainBefore) > 1e-3 * plainBefore, "Σ C must change");

        double[] free = gaussian();
        double[] bound = gaussian();
        float[] four = new float[N];
        Arrays.fill(four, 4f);
        double timeS = 400;
        advection.advance(free, timeS, in, null);
        advection.advance(bound, timeS, in, four);
        double start = centre(gaussian());
        // a conservative scheme moves the centre of a pulse away from the faces at the face velocity (to
        // the limiter's clipping of the peak: below 1 % here)
        assertEquals(U * timeS, centre(free) - start, 0.01 * U * timeS, "free");
        assertEquals(U * timeS / 4, centre(bound) - start, 0.01 * U * timeS / 4, "R = 4");
    }
}
