package org.stromasim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.tissue.CellType;

/** The optional biology section and the drug presets: binding, defaults, round trip and located errors. */
class BiologySectionTest {

    private static final String BIOLOGY = """
            biology:
              slow_interval_s: 30
              tgfb_species: drug
              il6_species: drug
              lactate_species: drug
              activation: {threshold: 0.001, ec50: 0.005, hill_n: 1, max_rate_per_s: 2.0e-4}
              remodelling: {caf_stiffening_per_s: 1.0e-4, ceiling_kpa: 39.5, spread_per_s: 2.0e-5,
                            enzyme_softening_per_s: 5.0e-4, floor_kpa: 3.04}
              drug_response:
                ec50: 60
                hill_n: 1
                max_kill_per_s: 5.0e-4
                death_viability: 0.1
              interventions:
                - {type: lox_inhibitor, start_s: 0, duration_s: 3600, strength: 0.9}
                - {type: il6r_blocker, start_s: 100, duration_s: 50, strength: 1}
            """;

    private static Scenario parse(String text) {
        return ScenarioLoader.parse(text, "bio.yaml", List.of());
    }

    @Test
    void absentSectionMeansPureTransport() {
        assertNull(parse(ScenarioTexts.MINIMAL).biology());
    }

    @Test
    void sectionBindsWithDefaultsAndRoundTrips() {
        Scenario s = parse(ScenarioTexts.MINIMAL + BIOLOGY);
        BiologySpec b = s.biology();
        assertEquals(30, b.slowIntervalS());
        assertEquals(BiologySpec.Measure.EXPOSURE, b.drugResponse().measure(), "documented default");
        assertEquals(1.0, b.drugResponse().il6Resistance().maxFactor(), "no IL-6 shift unless asked");
        assertEquals(BiologySpec.InterventionKind.IL6R_BLOCKER, b.interventions().get(1).type());
        assertEquals(s, parse(ScenarioLoader.toYaml(s)));
        Scenario shipped = ScenarioLoader.load(Path.of("configs/fibrotic-mct1-inhibitor.yaml"));
        assertEquals(shipped, parse(ScenarioLoader.toYaml(shipped)));
    }

    @Test
    void unknownInterventionIsReportedWithItsLocation() {
        String text = ScenarioTexts.MINIMAL + BIOLOGY.replace("type: il6r_blocker", "type: il6_blocker");
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(text));
        assertTrue(e.getMessage().startsWith("bio.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("biology.interventions[1].type = il6_blocker: unknown intervention."),
                e.getMessage());
        assertTrue(e.getMessage().contains("il6r_blocker"), e.getMessage());
    }

    @Test
    void biologyMustNameExistingSpecies() {
        String text = ScenarioTexts.MINIMAL + BIOLOGY.replace("tgfb_species: drug", "tgfb_species: tgfb");
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(text));
        assertTrue(e.getMessage().contains("biology.tgfb_species = tgfb: names no species"), e.getMessage());
    }

    /** The floor's allowed range reads as the open lower bound it is, with the ceiling given in the file. */
    @Test
    void floorAboveTheCeilingStatesTheRangeInPlainNumbers() {
        String text = ScenarioTexts.MINIMAL + BIOLOGY.replace("floor_kpa: 3.04", "floor_kpa: 1000");
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(text));
        assertTrue(e.getMessage().contains("biology.remodelling.floor_kpa = 1000: must be in (0, 39.5] (kPa, at most"
                + " ceiling_kpa)"), e.getMessage());
        String zero = ScenarioTexts.MINIMAL + BIOLOGY.replace("floor_kpa: 3.04", "floor_kpa: 0");
        assertTrue(assertThrows(ScenarioException.class, () -> parse(zero)).getMessage()
                .contains("floor_kpa = 0: must be in (0, 39.5]"));
    }

    @Test
    void strengthOutsideZeroToOneIsRefused() {
        String text = ScenarioTexts.MINIMAL + BIOLOGY.replace("strength: 0.9", "strength: 1.5");
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(text));
        assertTrue(e.getMessage().contains("biology.interventions[0].strength = 1.5: must be"), e.getMessage());
    }

    @Test
    void presetFillsDrugValuesAndExplicitKeysOverrideIt() {
        String igg = ScenarioTexts.MINIMAL.replace("""
                    d0_um2_per_s: 117
                    stokes_radius_nm: 0.6
                """, """
                    preset: igg
                    d0_um2_per_s: 50
                """).replace("""
                      permeability_um_per_s: 2.67
                """, "").replace("""
                    uptake:
                      cancer: {vmax_per_s: 0.0345, km: 0.16}
                """, "");
        SpeciesSpec drug = parse(igg).species().get(0);
        assertEquals(50, drug.d0Um2PerS(), "explicit key wins");
        assertEquals(5.34, drug.stokesRadiusNm(), "preset: IgG Stokes radius");
        assertEquals(3.87e-3, drug.vessel().permeabilityUmPerS(), "preset: IgG permeability");
        assertEquals(1e-4, drug.uptake().get(CellType.CANCER).vmaxPerS());
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> parse(igg.replace("preset: igg", "preset: iggg")));
        assertTrue(e.getMessage().contains("unknown drug preset"), e.getMessage());
    }
}
