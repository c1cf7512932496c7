package org.stromasim.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.opencl.DeviceSelector;
import org.stromasim.backend.opencl.OpenClBackend;
import org.stromasim.backend.opencl.OpenClDevice;
import org.stromasim.backend.opencl.OpenClDevices;
import org.stromasim.metrics.MetricsRow;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * On OpenCL (metrics reduced on the device, no download at a metrics-only event) the run adopting the
 * accepted pilots' coarse runs agrees with the same run recomputing every pilot window to float
 * rounding: the same steps and step choices, the concentrations bitwise (an upload writes back the
 * downloaded floats and nothing reads the exposure without a slow step), the drug exposure within half
 * a float ulp per output event (each upload folds the compensated pair into one float: at most ½ ulp
 * of the value reached, and the exposure only grows, so k events give at most k/2 ulp of the final
 * value), and each metrics row within 1e-5 relative (the host's double sums of the downloaded state
 * against the device's float partial sums, the bound of DeviceMetricsParityTest; an exposure ulp-level
 * change is far below it).
 */
class AdoptedPilotsOnDeviceTest {

    private static final Pattern ADOPTED = Pattern.compile("of which ([0-9.eE+-]+) s the run's own steps");

    private record Run(Tissue state, long steps, List<MetricsRow> rows, List<String> choices, double adoptedS) {
    }

    private static OpenClDevice device() {
        Optional<OpenClDevice> best;
        try {
            best = DeviceSelector.best(OpenClDevices.list());
        } catch (RuntimeException | LinkageError e) {
            best = Optional.empty();
        }
        // CI installs PoCL: there a missing device fails instead of skipping
        if (!"true".equalsIgnoreCase(System.getenv("CI"))) {
            Assumptions.assumeTrue(best.isPresent(), "no usable OpenCL device");
        }
        return best.orElseThrow();
    }

    private static Run run(Scenario s, Tissue initial, OpenClDevice device, boolean adopt) {
        Tissue state = initial.copy();
        TransportModel model = TransportModel.compile(s, state);
        RecordingOutput out = RecordingOutput.rowsAndLog();
        try (OpenClBackend backend = new OpenClBackend(model, device)) {
            assertTrue(backend.reducesOnDevice(), "the case under test: metrics reduced on the device");
            backend.upload(state);
            Simulation sim = new Simulation(s, backend, state, TimeStepPlan.choose(s.run(), model), out)
                    .withBiology().controlSteps();
            RunResult r = (adopt ? sim : sim.recomputingPilotWindows()).run(0.0, 0L, s.run().endTimeS(), true,
                    ProgressListener.NONE);
            backend.download(state);
            double adoptedS = -1;
            for (String line : out.log) {
                Matcher m = ADOPTED.matcher(line);
                if (m.find()) {
                    adoptedS = Double.parseDouble(m.group(1));
                }
            }
            return new Run(state, r.steps(), new ArrayList<>(out.rows),
                    out.log.stream().filter(l -> l.startsWith("t = ")).toList(), adoptedS);
        }
    }

    @Test
    void adoptingOnTheDeviceAgreesWithRecomputingToFloatRoundingImplicitUnsplit() {
        agreesToFloatRounding(new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES,
                DiffusionSpec.Coupling.UNSPLIT, 0.01));
    }

    @Test
    void adoptingOnTheDeviceAgreesWithRecomputingToFloatRoundingRkl2() {
        agreesToFloatRounding(DiffusionSpec.rkl2ForTarget(DiffusionSpec.DEFAULT_MAX_STAGES, DiffusionSpec.Coupling.PLAIN,
                0.01));
    }

    private static void agreesToFloatRounding(DiffusionSpec diffusion) {
        OpenClDevice device = device();
        Scenario base = ScenarioLoader.loadDefault(List.of("grid.nx=16", "grid.ny=16", "grid.nz=14", "grid.voxel_um=60"));
        double endS = 600;
        double metricsS = 30;
        Scenario s = LargeStepControlTest.withRun(base, LargeStepControlTest.run(endS, 300, metricsS, null, diffusion));
        Tissue initial = TissueBuilder.build(base);
        Run adopted = run(s, initial, device, true);
        Run recomputed = run(s, initial, device, false);

        assertTrue(adopted.adoptedS() > 0, "the run adopted pilot windows: " + adopted.adoptedS());
        assertEquals(0.0, recomputed.adoptedS());
        assertEquals(recomputed.steps(), adopted.steps());
        assertEquals(recomputed.choices(), adopted.choices());
        for (int sp = 0; sp < initial.speciesCount(); sp++) {
            assertArrayEquals(recomputed.state().concentration(sp), adopted.state().concentration(sp), "species " + sp);
        }
        int events = (int) Math.round(endS / metricsS);
        float[] a = adopted.state().drugExposure();
        float[] b = recomputed.state().drugExposure();
        double worstUlps = 0;
        for (int v = 0; v < a.length; v++) {
            double ulp = Math.ulp(Math.max(Math.abs(a[v]), Math.abs(b[v])));
            assertEquals(b[v], a[v], (events + 1) * 0.5 * ulp, "exposure at voxel " + v);
            worstUlps = Math.max(worstUlps, ulp > 0 ? Math.abs(a[v] - b[v]) / ulp : 0);
        }
        double worstRow = 0;
        assertEquals(events + 1, adopted.rows().size());
        assertEquals(recomputed.rows().size(), adopted.rows().size());
        for (int r = 0; r < adopted.rows().size(); r++) {
            double[] x = adopted.rows().get(r).values();
            double[] y = recomputed.rows().get(r).values();
            assertEquals(y.length, x.length);
            for (int c = 0; c < x.length; c++) {
                if (Double.isNaN(y[c])) {
                    assertTrue(Double.isNaN(x[c]), "row " + r + " column " + c);
                } else {
                    assertEquals(y[c], x[c], 1e-5 * Math.abs(y[c]) + 1e-12, "row " + r + " column " + c);
                    worstRow = Math.max(worstRow, y[c] != 0 ? Math.abs(x[c] - y[c]) / Math.abs(y[c]) : 0);
                }
            }
        }
        System.out.printf("%s: %d steps, adopted %.3g s of pilots; exposure within %.2g ulp, rows within %.2g relative%n",
                diffusion.scheme(), adopted.steps(), adopted.adoptedS(), worstUlps, worstRow);
    }
}
