package org.stromasim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code dosing} and {@code metabolite} plasma curves: binding, round trip, located errors. */
class DosingScenarioTest {

    private static final String FILE = "dosing.yaml";

    /** MINIMAL with the drug's bolus replaced by a dosing schedule and a metabolite species added. */
    static final String DOSED = ScenarioTexts.MINIMAL.replace(
            "      plasma: {type: bolus, peak: 5, half_lives_s: [300, 108000], fast_fraction: 0.9}\n", """
                  plasma:
                    type: dosing
                    molar_mass_g_per_mol: 371.5
                    volume_l: 400
                    half_lives_h: [10, 168]
                    fast_fraction: 0.6
                    regimens:
                      - {route: oral, dose_mg: 20, interval_h: 24, count: 28, absorption_half_life_h: 1.5}
                      - {route: depot, dose_mg: 500, start_h: 24, release_half_life_h: 600, bioavailability: 0.9}
                      - {route: infusion, dose_mg: 60, start_h: 2, duration_h: 0.5}
                      - {route: iv_bolus, dose_mg: 5, start_h: 3, interval_h: 504, until_h: 2000}
                    interruptions:
                      - {from_h: 240, to_h: 312}
            """) + """
              - name: endoxifen
                unit: nM
                d0_um2_per_s: 133
                stokes_radius_nm: 0.5
                vessel:
                  permeability_um_per_s: 2.67
                  plasma: {type: metabolite, parent: drug, half_life_h: 50, steady_state_ratio: 0.08}
            """;

    private static ScenarioException failure(String text) {
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(text, FILE, List.of()));
    }

    private static int lineOf(String text, String fragment) {
        int at = text.indexOf(fragment);
        assertTrue(at >= 0, "no " + fragment);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static void assertMentions(ScenarioException e, int line, String... fragments) {
        String m = e.getMessage();
        assertTrue(m.startsWith(FILE + ":" + line + ":"), "expected " + FILE + ":" + line + ": at the start of: " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), "message lacks '" + f + "': " + m);
        }
        assertEquals(1, m.lines().count(), "one line per problem: " + m);
    }

    @Test
    void dosingScheduleBindsEveryRouteAndRoundTrips() {
        Scenario s = ScenarioLoader.parse(DOSED, FILE, List.of());
        PlasmaCurveSpec.Dosing d = (PlasmaCurveSpec.Dosing) s.species().get(0).vessel().plasma();
        assertEquals(4, d.regimens().size());
        assertEquals(PlasmaCurveSpec.Route.DEPOT, d.regimens().get(1).route());
        assertEquals(600.0, d.regimens().get(1).absorptionHalfLifeH());
        assertEquals(0.9, d.regimens().get(1).bioavailability());
        assertEquals(1.0, d.regimens().get(0).bioavailability());
        assertEquals(List.of(new PlasmaCurveSpec.Interruption(240, 312)), d.interruptions());
        assertEquals(new PlasmaCurveSpec.Metabolite("drug", 50, 0.08), s.species().get(1).vessel().plasma());
        String yaml = ScenarioLoader.toYaml(s);
        assertEquals(s, ScenarioLoader.parse(yaml, "resolved.yaml", List.of()), yaml);
    }

    @Test
    void keyOfAnotherRouteIsNamedWithTheRoutesItAppliesTo() {
        String text = DOSED.replace("{route: infusion, dose_mg: 60, start_h: 2, duration_h: 0.5}",
                "{route: infusion, dose_mg: 60, start_h: 2, duration_h: 0.5, absorption_half_life_h: 1}");
        assertMentions(failure(text), lineOf(text, "route: infusion"),
                "species[drug].vessel.plasma.regimens[2].absorption_half_life_h", "applies to route oral only");
    }

    @Test
    void repeatingWithoutCountOrUntilIsRefused() {
        String text = DOSED.replace("interval_h: 24, count: 28,", "interval_h: 24,");
        assertMentions(failure(text), lineOf(text, "route: oral"), "regimens[0]",
                "give exactly one of count (number of doses) or until_h");
    }

    @Test
    void unknownRouteListsTheRoutes() {
        String text = DOSED.replace("route: oral", "route: orally");
        assertMentions(failure(text), lineOf(text, "route: orally"), "regimens[0].route = orally",
                "Allowed: iv_bolus, infusion, oral, depot");
    }

    @Test
    void absorptionAsFastAsEliminationIsRefusedAtTheCurve() {
        String text = DOSED.replace("absorption_half_life_h: 1.5}", "absorption_half_life_h: 10}");
        assertMentions(failure(text), lineOf(text, "type: dosing") - 1, "species[drug].vessel.plasma",
                "regimens[0]", "10.00 h", "distinct rates");
    }

    @Test
    void interruptionEndingBeforeItStartsIsRefused() {
        String text = DOSED.replace("{from_h: 240, to_h: 312}", "{from_h: 240, to_h: 200}");
        assertMentions(failure(text), lineOf(text, "from_h: 240"), "interruptions[0].to_h", "must be after from_h");
    }

    @Test
    void metaboliteOfASpeciesWithoutDosingNamesTheDosedSpecies() {
        String text = DOSED.replace("parent: drug", "parent: drugg");
        assertMentions(failure(text), lineOf(text, "parent: drugg"), "species[endoxifen].vessel.plasma.parent",
                "no species named 'drugg'", "(here: drug)");
    }

    @Test
    void metaboliteClearedAsFastAsTheParentIsRefused() {
        String text = DOSED.replace("half_life_h: 50,", "half_life_h: 168,");
        assertMentions(failure(text), lineOf(text, "type: metabolite"), "species[endoxifen].vessel.plasma",
                "168.0 h", "distinct rates");
    }
}
