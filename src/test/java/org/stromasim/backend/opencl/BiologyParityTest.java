package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stromasim.transport.TransportFields;
import org.stromasim.backend.opencl.BiologyOnBothBackends.Outcome;
import org.stromasim.scenario.BiologySpec;
import org.stromasim.scenario.BiologySpec.InterventionKind;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.EcmSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;

/**
 * Each term of the biology slow step on the OpenCL device against the Java slow step, on the
 * fibrotic scenario (reduced grid) from a prepared state that exercises every branch: TGF-β across
 * the activation threshold, drug exposure across the EC50, IL-6 and lactate across their constants,
 * cancer voxels a few per cent above the death threshold. The same fibroblasts activate and the same
 * cancer voxels die (identical cell codes: the draws are the same 64-bit integers; see
 * {@link DeviceBiology} for the float-rounding bound); stiffness, viability, diffusivity, species and
 * exposure agree within {@link #TOLERANCE} of each field's maximum.
 */
@EnabledIfOpenClOrCi
class BiologyParityTest {

    static final double TOLERANCE = 1e-5;
    /** Activation and kill 50 and 10 times faster than shipped, so that a few slow steps exercise them. */
    private static final List<String> FAST = List.of("biology.activation.max_rate_per_s=0.01",
            "biology.drug_response.max_kill_per_s=0.005");

    private static Scenario fibrotic(String... settings) {
        List<String> all = new ArrayList<>(FAST);
        all.addAll(List.of(settings));
        return BiologyOnBothBackends.load("fibrotic-stroma", all.toArray(String[]::new));
    }

    /** The tissue of {@code s} with the fields set across every threshold of the slow step. */
    static Tissue prepared(Scenario s) {
        Tissue t = TissueBuilder.build(s);
        float[] tgfb = t.concentration("tgfb");
        float[] il6 = t.concentration("il6");
        float[] lactate = t.concentration("lactate");
        float[] drug = t.concentration("drug");
        byte cancer = CellType.CANCER.code();
        for (int v = 0; v < t.cell().length; v++) {
            if (t.cell()[v] == CellType.VESSEL.code()) {
                continue;
            }
            tgfb[v] = 0.012f * ((v * 7) % 101) / 100f;       // 0..0.012 nM: threshold 0.001, EC50 0.005
            il6[v] = 0.006f * (v % 9) / 8f;                  // 0..0.006 nM: resistance K 0.002
            lactate[v] = 500f + 4000f * (v % 6) / 5f;        // 0.5..4.5 mM: MCT1 Km 3.5 mM
            drug[v] = 2f * (v % 7) / 6f;                     // 0..2 µM
            if (t.cell()[v] == cancer) {
                t.drugExposure()[v] = 150f * (v % 11) / 10f; // 0..150 µM·s: EC50 60
                t.viability()[v] = 0.1f + 0.003f * (1 + v % 5);
            }
        }
        return t;
    }

    private static void assertSameOutcome(Outcome java, Outcome opencl) {
        assertSameCells(java.state(), opencl.state());
        BothBackends.assertClose("stiffness", java.state().stiffnessKpa(), opencl.state().stiffnessKpa(), TOLERANCE);
        BothBackends.assertClose("viability", java.state().viability(), opencl.state().viability(), TOLERANCE);
        BothBackends.assertSameState(java.state(), opencl.state(), TOLERANCE);
        for (int s = 0; s < java.diffusivity().length; s++) {
            BothBackends.assertClose("diffusivity of " + java.state().speciesNames().get(s), java.diffusivity()[s],
                    opencl.diffusivity()[s], TOLERANCE);
        }
    }

    static void assertSameCells(Tissue java, Tissue opencl) {
        int differ = 0;
        int first = -1;
        for (int v = 0; v < java.cell().length; v++) {
            if (java.cell()[v] != opencl.cell()[v]) {
                differ++;
                first = first < 0 ? v : first;
            }
        }
        if (differ > 0) {
            fail(differ + " voxels have different cell codes, first voxel " + first + ": Java "
                    + java.cellAt(first) + ", OpenCL " + opencl.cellAt(first));
        }
    }

    @Test
    void activationDrawsTheSameFibroblastsOnBothBackends() {
        Scenario s = fibrotic();
        Tissue initial = prepared(s);
        Outcome java = BiologyOnBothBackends.slowSteps(s, initial, false, 4, false);
        Outcome opencl = BiologyOnBothBackends.slowSteps(s, initial, true, 4, false);
        int fibroblasts = 0;
        for (byte c : initial.cell()) {
            fibroblasts += c == CellType.FIBROBLAST.code() ? 1 : 0;
        }
        int activated = BiologyOnBothBackends.changed(initial, java.state(), CellType.FIBROBLAST, CellType.CAF);
        assertTrue(activated > 20 && activated < fibroblasts / 2,
                "a part of the " + fibroblasts + " fibroblasts activates: " + activated);
        assertSameCells(java.state(), opencl.state());
    }

    @Test
    void remodellingFollowsTheSameStiffnessTimeCourse() {
        Scenario s = fibrotic();
        Tissue initial = prepared(s);
        float[] before = initial.stiffnessKpa();
        for (int steps : new int[] {1, 3, 6}) {
            Outcome java = BiologyOnBothBackends.slowSteps(s, initial, false, steps, false);
            Outcome opencl = BiologyOnBothBackends.slowSteps(s, initial, true, steps, false);
            BothBackends.assertClose("stiffness after " + steps + " slow steps", java.state().stiffnessKpa(),
                    opencl.state().stiffnessKpa(), TOLERANCE);
            double rise = 0;
            for (int v = 0; v < before.length; v++) {
                rise = Math.max(rise, opencl.state().stiffnessKpa()[v] - before[v]);
            }
            // a CAF at 18 kPa gains (39.5 − 18)·(1 − e^(−1e-4·30·steps)) ≥ 0.06 kPa
            assertTrue(rise > 0.05 * steps, "CAFs stiffen the matrix on the device: max rise " + rise + " kPa");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ogston", "exponential"})
    void diffusivityIsRecomputedOnTheDeviceFromTheRemodelledStiffness(String law) {
        Scenario s = BiologyOnBothBackends.withInterventions(fibrotic(),
                List.of(new BiologySpec.Intervention(InterventionKind.ENZYME, 60.0, 1.0e6, 1.0)));
        if (law.equals("exponential")) {
            EcmSpec e = s.ecm();
            s = new Scenario(s.name(), s.description(), s.grid(), s.run(),
                    new EcmSpec(new DiffusivityLawSpec.Exponential(30.0), e.stiffnessKpa(), e.noise()), s.tissue(),
                    s.species(), s.metrics(), s.biology());
        }
        Tissue initial = prepared(s);
        float[] d0 = TransportFields.of(org.stromasim.transport.TransportModel.compile(s, initial.copy())).diffusivityUm2PerS(0).clone();
        Outcome java = BiologyOnBothBackends.slowSteps(s, initial, false, 5, false);
        Outcome opencl = BiologyOnBothBackends.slowSteps(s, initial, true, 5, false);
        for (int sp = 0; sp < java.diffusivity().length; sp++) {
            BothBackends.assertClose(law + " diffusivity of " + s.species().get(sp).name(), java.diffusivity()[sp],
                    opencl.diffusivity()[sp], TOLERANCE);
        }
        assertTrue(!Arrays.equals(d0, opencl.diffusivity()[0]), "the remodelling changed the drug's diffusivity");
        // the device's values are what the transport runs on: continue with transport and compare again
        assertSameOutcome(BiologyOnBothBackends.slowSteps(s, initial, false, 3, true),
                BiologyOnBothBackends.slowSteps(s, initial, true, 3, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"exposure", "concentration"})
    void killLowersViabilityAndTheSameCancerVoxelsDie(String measure) {
        Scenario s = measure.equals("exposure") ? fibrotic()
                : fibrotic("biology.drug_response.measure=concentration", "biology.drug_response.ec50=1");
        Tissue initial = prepared(s);
        Outcome java = BiologyOnBothBackends.slowSteps(s, initial, false, 3, false);
        Outcome opencl = BiologyOnBothBackends.slowSteps(s, initial, true, 3, false);
        int died = BiologyOnBothBackends.changed(initial, java.state(), CellType.CANCER, CellType.DEAD);
        int cancer = 0;
        for (byte c : initial.cell()) {
            cancer += c == CellType.CANCER.code() ? 1 : 0;
        }
        assertTrue(died > 10 && died < cancer, "some of the " + cancer + " cancer voxels die: " + died);
        assertSameCells(java.state(), opencl.state());
        BothBackends.assertClose("viability", java.state().viability(), opencl.state().viability(), TOLERANCE);
    }

    @Test
    void newCafsSecreteAndDeadVoxelsStopUptakeInTheTransportThatFollows() {
        Scenario s = fibrotic();
        Tissue initial = prepared(s);
        Outcome java = BiologyOnBothBackends.slowSteps(s, initial, false, 4, true);
        Outcome opencl = BiologyOnBothBackends.slowSteps(s, initial, true, 4, true);
        assertTrue(BiologyOnBothBackends.changed(initial, opencl.state(), CellType.CANCER, CellType.DEAD) > 0);
        assertTrue(BiologyOnBothBackends.changed(initial, opencl.state(), CellType.FIBROBLAST, CellType.CAF) > 0);
        assertSameOutcome(java, opencl);
    }

    /**
     * The aromatase inhibitor needs {@code biology.endocrine}: EndocrineParityTest covers it; hyaluronidase needs
     * {@code ecm.hyaluronan}: MatrixTreatmentParityTest covers it.
     */
    @ParameterizedTest
    @EnumSource(value = InterventionKind.class, mode = EnumSource.Mode.EXCLUDE,
            names = {"AROMATASE_INHIBITOR", "HYALURONIDASE"})
    void eachInterventionActsTheSameOnBothBackends(InterventionKind kind) {
        Scenario none = fibrotic();
        Scenario s = BiologyOnBothBackends.withInterventions(none,
                List.of(new BiologySpec.Intervention(kind, 0.0, 1.0e6, 0.6)));
        Tissue initial = prepared(s);
        Outcome java = BiologyOnBothBackends.slowSteps(s, initial, false, 3, true);
        Outcome opencl = BiologyOnBothBackends.slowSteps(s, initial, true, 3, true);
        assertSameOutcome(java, opencl);
        Outcome withoutIt = BiologyOnBothBackends.slowSteps(none, initial, true, 3, true);
        assertTrue(differs(withoutIt, opencl), kind + " changes the OpenCL outcome");
    }

    private static boolean differs(Outcome a, Outcome b) {
        boolean species = false;
        for (int s = 0; s < a.state().speciesCount(); s++) {
            species |= !Arrays.equals(a.state().concentration(s), b.state().concentration(s));
        }
        return species || !Arrays.equals(a.state().cell(), b.state().cell())
                || !Arrays.equals(a.state().stiffnessKpa(), b.state().stiffnessKpa())
                || !Arrays.equals(a.state().viability(), b.state().viability());
    }

    @Test
    void uptakeScaleOfTheMct1InhibitorReachesTheDeviceTables() {
        Scenario s = BiologyOnBothBackends.withInterventions(fibrotic(),
                List.of(new BiologySpec.Intervention(InterventionKind.MCT1_INHIBITOR, 0.0, 1.0e6, 1.0)));
        Tissue initial = prepared(s);
        // a full block: the Java tables drop the per-voxel uptake; the OpenCL tables must do the same
        Outcome java = BiologyOnBothBackends.slowSteps(s, initial, false, 2, true);
        Outcome opencl = BiologyOnBothBackends.slowSteps(s, initial, true, 2, true);
        assertSameOutcome(java, opencl);
    }
}
