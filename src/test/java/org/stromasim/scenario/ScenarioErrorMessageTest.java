package org.stromasim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Malformed scenarios: every message must name the file, the line, the key path and what is allowed,
 * in one sentence a user can act on.
 */
class ScenarioErrorMessageTest {

    private static final String FILE = "broken.yaml";

    /** MINIMAL with the line holding {@code oldLine} replaced by {@code newLine}; returns that line's number. */
    private static String replaced(String oldLine, String newLine) {
        assertTrue(ScenarioTexts.MINIMAL.contains(oldLine + "\n"), "test text lacks: " + oldLine);
        return ScenarioTexts.MINIMAL.replace(oldLine + "\n", newLine.isEmpty() ? "" : newLine + "\n");
    }

    private static int lineOf(String text, String fragment) {
        int at = text.indexOf(fragment);
        assertTrue(at >= 0, "no " + fragment);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static ScenarioException failure(String text, String... overrides) {
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(text, FILE, List.of(overrides)));
    }

    private static void assertMentions(ScenarioException e, int line, String... fragments) {
        String m = e.getMessage();
        assertTrue(m.startsWith(FILE + ":" + line + ":"), "expected " + FILE + ":" + line + ": at the start of: " + m);
        assertEquals(line, e.line(), m);
        for (String f : fragments) {
            assertTrue(m.contains(f), "message lacks '" + f + "': " + m);
        }
        assertEquals(1, m.lines().count(), "one line per problem: " + m);
    }

    @Test
    void unknownKeySuggestsTheClosestValidKey() {
        String text = replaced("    d0_um2_per_s: 117", "    d0_um2_pr_s: 117");
        ScenarioException e = failure(text);
        assertMentions(e, lineOf(text, "d0_um2_pr_s"), "species[drug].d0_um2_pr_s: unknown key.",
                "Did you mean d0_um2_per_s?", "Allowed keys here: name, unit, d0_um2_per_s");
        assertEquals(5, e.column());
    }

    @Test
    void camelCaseKeyIsRecognisedAsTheSnakeCaseOne() {
        String text = replaced("  voxel_um: 20", "  voxelUm: 20");
        assertMentions(failure(text), lineOf(text, "voxelUm"), "grid.voxelUm: unknown key.", "Did you mean voxel_um?",
                "Allowed keys here: nx, ny, nz, voxel_um");
    }

    @Test
    void wrongTypeSaysWhatTypeAndRangeAreAllowed() {
        String text = replaced("  nx: 10", "  nx: ten");
        assertMentions(failure(text), lineOf(text, "nx: ten"),
                "grid.nx = ten: must be an integer in [1, 2147483647] (voxels)");
    }

    @Test
    void fractionalVoxelCountIsAWrongType() {
        String text = replaced("  nz: 10", "  nz: 10.5");
        assertMentions(failure(text), lineOf(text, "nz: 10.5"), "grid.nz = 10.5: must be an integer in [1, 2147483647]");
    }

    @Test
    void missingRequiredKeyPointsAtItsSection() {
        String text = replaced("  voxel_um: 20", "");
        assertMentions(failure(text), lineOf(text, "grid:"),
                "grid.voxel_um: missing required key; expected a number > 0 (µm)");
    }

    @Test
    void negativeDiffusivityIsOutOfRange() {
        String text = replaced("    d0_um2_per_s: 117", "    d0_um2_per_s: -3.0");
        ScenarioException e = failure(text);
        int line = lineOf(text, "d0_um2_per_s: -3.0");
        assertEquals(FILE + ":" + line + ":19: species[drug].d0_um2_per_s = -3.0: must be > 0 (µm²/s)", e.getMessage());
        assertEquals("species[drug].d0_um2_per_s", e.keyPath());
    }

    @Test
    void fractionOutOfRange() {
        String text = replaced("      plasma: {type: bolus, peak: 5, half_lives_s: [300, 108000], fast_fraction: 0.9}",
                "      plasma: {type: bolus, peak: 5, half_lives_s: [300, 108000], fast_fraction: 1.5}");
        assertMentions(failure(text), lineOf(text, "fast_fraction: 1.5"),
                "species[drug].vessel.plasma.fast_fraction = 1.5: must be in [0, 1]");
    }

    @Test
    void infinityIsNotANumberYouCanSimulate() {
        String text = replaced("  end_time_s: 60", "  end_time_s: .inf");
        assertMentions(failure(text), lineOf(text, ".inf"), "run.end_time_s = .inf: must be a finite number > 0 (s)");
    }

    @Test
    void stabilitySafetyMustBeInHalfOpenUnitInterval() {
        String text = replaced("  seed: 1", "  seed: 1\n  stability_safety: 0");
        assertMentions(failure(text), lineOf(text, "stability_safety"), "run.stability_safety = 0: must be in (0, 1]");
    }

    @Test
    void unpairedPeriodicFace() {
        String text = replaced("    boundaries: {z_min: periodic, z_max: periodic}", "    boundaries: {z_min: periodic}");
        assertMentions(failure(text), lineOf(text, "boundaries:"),
                "species[drug].boundaries.z_min = periodic: periodic faces come in pairs, but z_max is zero_flux",
                "allowed: make both z_min and z_max periodic, or neither");
    }

    @Test
    void unknownLawNameSuggestsTheKnownOne() {
        String text = replaced("    law: ogston", "    law: ogstn");
        assertMentions(failure(text), lineOf(text, "ogstn"),
                "ecm.diffusivity_law.law = ogstn: unknown diffusivity law. Did you mean ogston?",
                "Allowed: ogston, exponential");
    }

    @Test
    void unknownVesselShapeAndPlasmaTypeListTheChoices() {
        String text = replaced("    - {shape: straight, from_um: [20, 20, 0], to_um: [20, 20, 200], radius_um: 10}",
                "    - {shape: spiral, from_um: [20, 20, 0], to_um: [20, 20, 200], radius_um: 10}");
        assertMentions(failure(text), lineOf(text, "spiral"), "tissue.vessels[0].shape = spiral: unknown vessel shape.",
                "Allowed: straight, random_walk");
        String plasma = ScenarioTexts.MINIMAL.replace("type: bolus", "type: bolos");
        assertMentions(failure(plasma), lineOf(plasma, "bolos"), "species[drug].vessel.plasma.type = bolos",
                "Did you mean bolus?", "Allowed: constant, bolus, infusion, repeated_bolus");
    }

    @Test
    void badOverridePathNamesTheSpeciesThatExist() {
        ScenarioException e = failure(ScenarioTexts.MINIMAL, "species.durg.d0_um2_per_s=50");
        assertMentions(e, lineOf(ScenarioTexts.MINIMAL, "species:"), "(--set species.durg.d0_um2_per_s=50)",
                "species[durg]: no such element. Did you mean drug?", "Allowed: a name (drug) or an index 0..0");
    }

    @Test
    void overrideOfAMistypedKeyIsAnUnknownKeyWithSuggestion() {
        ScenarioException e = failure(ScenarioTexts.MINIMAL, "run.end_tme_s=600");
        assertMentions(e, lineOf(ScenarioTexts.MINIMAL, "run:"), "(--set run.end_tme_s=600)",
                "run.end_tme_s: unknown key. Did you mean end_time_s?", "Allowed keys here: end_time_s");
    }

    @Test
    void overrideWithoutEqualsSignSaysTheForm() {
        ScenarioException e = failure(ScenarioTexts.MINIMAL, "run.end_time_s");
        assertTrue(e.getMessage().startsWith(FILE + " (--set run.end_time_s): an override is key.path=value"),
                e.getMessage());
    }

    @Test
    void yamlSyntaxErrorGivesLineColumnAndTheKeyBeingRead() {
        String text = replaced("  ny: 10", "   ny: 10");
        ScenarioException e = failure(text);
        assertMentions(e, lineOf(text, "   ny: 10"), "YAML syntax error in grid", "mapping values are not allowed here",
                "check the indentation");
    }

    @Test
    void unclosedFlowListIsASyntaxError() {
        String text = replaced("    - {centre_um: [100, 100, 100], radii_um: [50, 50, 50]}",
                "    - {centre_um: [100, 100, 100, radii_um: [50, 50, 50]}");
        ScenarioException e = failure(text);
        assertTrue(e.getMessage().startsWith(FILE + ":" + lineOf(text, "radii_um") + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("YAML syntax error in tissue.nests[0].centre_um"), e.getMessage());
    }

    /**
     * A map or list in key position ({@code {a: 1}: 2}, {@code ? [a, b]}) is valid YAML that the scenario
     * tree cannot hold; it is one line at the key's line and column, in the file's terms, without the
     * parser's internal event names.
     */
    @Test
    void aMapOrListAsAKeyIsOneLocatedLine() {
        String text = replaced("  ny: 10", "  ny: 10\n  {a: 1}: 2");
        ScenarioException e = failure(text);
        assertMentions(e, lineOf(text, "{a: 1}"), "YAML structure error in grid",
                "a key must be a plain word, not a map or a list");
        assertTrue(!e.getMessage().contains("snakeyaml") && !e.getMessage().contains("Source:"), e.getMessage());
        ScenarioException complex = failure("? [a, b]\n: 1\n");
        assertMentions(complex, 1, "a key must be a plain word, not a map or a list");
    }

    @Test
    void duplicateKeysAndDuplicateSpeciesNamesAreRefused() {
        String dupKey = replaced("  ny: 10", "  ny: 10\n  ny: 11");
        assertMentions(failure(dupKey), lineOf(dupKey, "ny: 11"), "grid.ny: duplicate key (first given at line 4)");
        String twoDrugs = ScenarioTexts.MINIMAL + "  - {name: drug, d0_um2_per_s: 1, stokes_radius_nm: 0}\n";
        assertMentions(failure(twoDrugs), lineOf(twoDrugs, "{name: drug"), "species[1].name = drug: duplicate species name",
                "every species needs its own name");
    }

    @Test
    void metricsDrugSpeciesMustNameASpecies() {
        String text = ScenarioTexts.MINIMAL + "metrics: {drug_species: dox}\n";
        assertMentions(failure(text), lineOf(text, "metrics:"),
                "metrics.drug_species = dox: names no species; allowed: one of the species names (drug)");
        String renamed = ScenarioTexts.MINIMAL.replace("- name: drug", "- name: dox");
        assertMentions(failure(renamed), 1, "metrics.drug_species: = drug (the default) names no species",
                "(dox)");
    }

    @Test
    void geometryOutsideTheDomainIsRefusedWithTheDomainSize() {
        String text = replaced("    - {centre_um: [100, 100, 100], radii_um: [50, 50, 50]}",
                "    - {centre_um: [100, 250, 100], radii_um: [50, 50, 50]}");
        assertMentions(failure(text), lineOf(text, "[100, 250, 100]"), "tissue.nests[0].centre_um = a list of 3:",
                "must lie inside the domain [0, 200] × [0, 200] × [0, 200] µm");
        String vessel = ScenarioTexts.MINIMAL.replace("to_um: [20, 20, 200]", "to_um: [20, 20, 201]");
        assertMentions(failure(vessel), lineOf(vessel, "201"), "tissue.vessels[0].to_um", "must lie inside the domain");
    }

    @Test
    void gridTooLargeForAJavaArray() {
        String text = ScenarioTexts.MINIMAL.replace("  nx: 10\n  ny: 10\n  nz: 10", "  nx: 2000\n  ny: 2000\n  nz: 1000");
        assertMentions(failure(text), lineOf(text, "grid:"), "grid: nx × ny × nz = 2000 × 2000 × 1000 = 4000000000 voxels",
                "must be ≤ 2147483639");
    }

    @Test
    void halfLivesAreOneOrTwoPositiveNumbers() {
        String three = ScenarioTexts.MINIMAL.replace("[300, 108000]", "[300, 600, 108000]");
        assertMentions(failure(three), lineOf(three, "[300, 600"), "species[drug].vessel.plasma.half_lives_s = a list of 3",
                "one or two half-lives");
        String negative = ScenarioTexts.MINIMAL.replace("[300, 108000]", "[300, -1]");
        assertMentions(failure(negative), lineOf(negative, "[300, -1]"),
                "species[drug].vessel.plasma.half_lives_s[1] = -1: must be > 0 (s)");
    }

    @Test
    void unknownCellTypeAndUnitSuggestTheRightWord() {
        String cell = ScenarioTexts.MINIMAL.replace("      cancer: {vmax", "      cancr: {vmax");
        assertMentions(failure(cell), lineOf(cell, "cancr"), "species[drug].uptake.cancr: unknown cell type. Did you mean cancer?",
                "Allowed: ecm, vessel, cancer, fibroblast, caf, dead");
        String unit = replaced("    stokes_radius_nm: 0.6", "    stokes_radius_nm: 0.6\n    unit: um");
        assertMentions(failure(unit), lineOf(unit, "unit: um"), "species[drug].unit = um: unknown concentration unit.",
                "Did you mean uM?", "Allowed: uM, nM");
    }

    @Test
    void fixedBoundaryWithoutValueSaysHowToWriteIt() {
        String text = ScenarioTexts.MINIMAL.replace("{z_min: periodic, z_max: periodic}", "{x_max: fixed}");
        assertMentions(failure(text), lineOf(text, "x_max: fixed"), "species[drug].boundaries.x_max = fixed",
                "write {fixed: <value ≥ 0 (µM)>}");
    }

    @Test
    void emptyFileAndNonMapRootAreExplained() {
        assertMentions(assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("# nothing\n", FILE, List.of())), 1,
                "the file holds no scenario");
        assertMentions(assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("- a\n- b\n", FILE, List.of())), 1,
                "= a list of 2: must be a map (the scenario)");
    }
}
