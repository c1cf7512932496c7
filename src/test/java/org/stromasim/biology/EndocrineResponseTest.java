package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * ER read-outs of cancer voxels in limits with known answers: half and three-quarter suppression at the
 * Cheng–Prusoff concentrations, the IL-6 bypass at zero and saturating IL-6, oestradiol deprivation
 * by an aromatase inhibitor, and the kill rate of a cytotoxic antagonist over one slow step.
 */
class EndocrineResponseTest {

    private static final double KI_NM = 2.0;
    private static final double KD_NM = 0.2;
    private static final double E2_NM = 0.1;

    /** A uniform state: oestradiol, drug (µM) and IL-6 (nM) everywhere. */
    private static Tissue uniform(Scenario s, double e2Nm, double drugUm, double il6Nm) {
        Tissue t = TissueBuilder.build(s);
        Arrays.fill(t.concentration(s.speciesIndex("estradiol")), (float) e2Nm);
        Arrays.fill(t.concentration(s.speciesIndex("drug")), (float) drugUm);
        Arrays.fill(t.concentration(s.speciesIndex("il6")), (float) il6Nm);
        return t;
    }

    private static int firstCancer(Tissue t) {
        for (int v = 0; v < t.cell().length; v++) {
            if (t.cell()[v] == CellType.CANCER.code()) {
                return v;
            }
        }
        throw new AssertionError("no cancer voxel");
    }

    @Test
    void endocrineSectionRoundTripsThroughTheResolvedYaml() {
        Scenario s = EndocrineScenarios.fibrotic("cytotoxic");
        String yaml = org.stromasim.scenario.ScenarioLoader.toYaml(s);
        assertEquals(s, org.stromasim.scenario.ScenarioLoader.parse(yaml, "resolved.yaml", java.util.List.of()), yaml);
        assertEquals(org.stromasim.scenario.BiologySpec.ResponseMode.CYTOTOXIC,
                s.biology().endocrine().ligands().get(0).response());
    }

    @Test
    void aromataseInhibitorWithoutEndocrineSectionIsRefusedAtItsType() throws Exception {
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("configs/fibrotic-stroma.yaml"))
                + "  interventions:\n    - {type: aromatase_inhibitor, start_s: 0, duration_s: 100, strength: 0.9}\n";
        org.stromasim.scenario.ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.stromasim.scenario.ScenarioException.class,
                () -> org.stromasim.scenario.ScenarioLoader.parse(text, "ai.yaml", java.util.List.of()));
        assertTrue(e.getMessage().contains("biology.interventions[0].type") && e.getMessage().contains("endocrine"),
                e.getMessage());
    }

    @Test
    void aromataseInhibitorLowersTheOestradiolThatVesselsDeliverOnlyInItsWindow() {
        Scenario s = EndocrineScenarios.fibrotic("cytostatic");
        TransportModel model = TransportModel.compile(s, TissueBuilder.build(s));
        int e2 = s.speciesIndex("estradiol");
        assertEquals(E2_NM, model.plasma(e2).at(50), 1e-15);
        assertEquals(0.1 * E2_NM, model.plasma(e2).at(150), 1e-15);
        assertEquals(E2_NM, model.plasma(e2).at(250), 1e-15);
    }

    @Test
    void suppressionAtChengPrusoffMultiplesAndTheIl6BypassInBothLimits() {
        Scenario s = EndocrineScenarios.fibrotic("cytostatic");
        EndocrineResponse response = new EndocrineResponse(s);
        // a_D = 3·(1 + E/Kd) leaves a quarter of the ER signalling: D = 3·Ki·(1 + E/Kd) = 9 nM
        double drugUm = 3 * KI_NM * (1 + E2_NM / KD_NM) / 1000;
        Tissue noIl6 = uniform(s, E2_NM, drugUm, 0.0);
        int v = firstCancer(noIl6);
        EndocrineResponse.Readout r = response.readout(noIl6, 50);
        assertEquals(0.75, r.suppression()[v], 1e-6);
        assertEquals(0.75, r.netSuppression()[v], 1e-6, "no IL-6: no bypass");
        // occupancy by the antagonist: a_D/(1 + a_E + a_D) = 4.5/6
        assertEquals(0.75, r.occupancy()[v], 1e-6);
        // saturating IL-6 (10⁶ × its EC50) replaces max_fraction = 0.6 of the lost signalling
        Tissue il6 = uniform(s, E2_NM, drugUm, 0.002 * 1e6);
        EndocrineResponse.Readout saturated = response.readout(il6, 50);
        assertEquals(0.75 * (1 - 0.6 * 1e6 / (1e6 + 1)), saturated.netSuppression()[v], 1e-6);
        // outside cancer voxels nothing is reported
        for (int w = 0; w < noIl6.cell().length; w++) {
            if (noIl6.cell()[w] != CellType.CANCER.code()) {
                assertEquals(0f, r.suppression()[w]);
            }
        }
    }

    @Test
    void oestradiolDeprivationAloneSuppressesAgainstTheUntreatedPlasmaLevel() {
        Scenario s = EndocrineScenarios.fibrotic("cytostatic");
        Tissue deprived = uniform(s, 0.1 * E2_NM, 0.0, 0.0);
        int v = firstCancer(deprived);
        // θ_E(0.01)/θ_E(0.1) with θ = E/(Kd + E): (0.01/0.21)/(0.1/0.3)
        double expected = 1 - (0.01 / 0.21) / (0.1 / 0.3);
        assertEquals(expected, new EndocrineResponse(s).readout(deprived, 150).suppression()[v], 1e-6);
    }

    @Test
    void cytotoxicAntagonistKillsAtItsRateAndCytostaticDoesNot() {
        double drugUm = 3 * KI_NM * (1 + E2_NM / KD_NM) / 1000;
        Scenario toxic = EndocrineScenarios.fibrotic("cytotoxic");
        Tissue t = uniform(toxic, E2_NM, drugUm, 0.0);
        int v = firstCancer(t);
        float before = t.viability()[v];
        new EndocrineResponse(toxic).killStep(t, 20, 50);
        // k = max_kill·net suppression = 1e-3·0.75 /s over 30 s
        assertEquals(before * Math.exp(-1e-3 * 0.75 * 30), t.viability()[v], 1e-6);

        Scenario stat = EndocrineScenarios.fibrotic("cytostatic");
        Tissue u = uniform(stat, E2_NM, drugUm, 0.0);
        float[] viability = u.viability().clone();
        new EndocrineResponse(stat).killStep(u, 20, 50);
        assertTrue(Arrays.equals(viability, u.viability()), "a cytostatic antagonist kills nothing");
    }

    @Test
    void onlyTheCytotoxicShareOfTheAntagonistLoadKills() {
        Scenario s = EndocrineScenarios.twoAntagonists("cytotoxic", "cytostatic");
        // equal loads: drug 4 nM / Ki 2 nM = endoxifen 1 nM / Ki 0.5 nM = 2
        Tissue t = uniform(s, E2_NM, 0.004, 0.0);
        Arrays.fill(t.concentration(s.speciesIndex("endoxifen")), 1.0f);
        int v = firstCancer(t);
        // S = (1 + a_E)/(1 + a_E + 4) with a_E = 0.5: net suppression 4/5.5; the drug carries half the load
        double net = 4 / 5.5;
        assertEquals(net, new EndocrineResponse(s).readout(t, 50).netSuppression()[v], 1e-6);
        float before = t.viability()[v];
        new EndocrineResponse(s).killStep(t, 20, 50);
        assertEquals(before * Math.exp(-1e-3 * net * 0.5 * 30), t.viability()[v], 1e-6);
    }
}
