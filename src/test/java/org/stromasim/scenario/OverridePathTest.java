package org.stromasim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --set} key paths: a malformed bracket is refused, naming the option and the character where
 * the path goes wrong, instead of being applied to some other key; an index too large for an int is
 * "no such element"; on the embedded default scenario the message points at the option, not at a
 * place inside the jar.
 */
class OverridePathTest {

    private static final String FILE = "t.yaml";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "species[drug.d0_um2_per_s=1      | '[' is never closed by ']'              | 8",
            "species[drug]].d0_um2_per_s=5    | after ']' comes '.', '[' or the end    | 14",
            "species[drug.d0_um2_per_s]=5     | a bracket holds one list element       | 13",
            "species[drug]x=1                 | after ']' comes '.', '[' or the end    | 14",
            "species..d0_um2_per_s=1          | empty key in the path                  | 9",
            "species[].d0_um2_per_s=1         | empty brackets                         | 8",
            "[drug].d0_um2_per_s=1            | a path starts with a key               | 1",
            "run.=1                           | the path ends with '.'                 | 4"})
    void aMalformedPathIsRefusedAtTheCharacterWhereItGoesWrong(String override, String problem, int character) {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.parse(ScenarioTexts.MINIMAL, FILE, List.of(override)));
        assertTrue(e.getMessage().startsWith(FILE + " (--set " + override + "): "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().contains("at character " + character + " of the path"), e.getMessage());
    }

    @Test
    void wellFormedPathsInBothSpellingsStillApply() {
        Scenario dotted = ScenarioLoader.parse(ScenarioTexts.MINIMAL, FILE, List.of("species.drug.d0_um2_per_s=55"));
        Scenario bracketed = ScenarioLoader.parse(ScenarioTexts.MINIMAL, FILE, List.of("species[drug].d0_um2_per_s=55"));
        Scenario indexed = ScenarioLoader.parse(ScenarioTexts.MINIMAL, FILE, List.of("species[0].d0_um2_per_s=55"));
        assertEquals(55.0, dotted.findSpecies("drug").orElseThrow().d0Um2PerS());
        assertEquals(dotted, bracketed);
        assertEquals(dotted, indexed);
    }

    @Test
    void anIndexBeyondIntIsNoSuchElementNotANumberFormatError() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(ScenarioTexts.MINIMAL,
                FILE, List.of("species[99999999999].d0_um2_per_s=5")));
        assertTrue(e.getMessage().contains("species[99999999999]: no such element."), e.getMessage());
        assertTrue(e.getMessage().contains("an index 0..0"), e.getMessage());
    }

    @Test
    void onTheEmbeddedDefaultTheMessageNamesTheOptionNotTheJar() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.loadDefault(List.of("run.dt_s=abc")));
        assertTrue(e.getMessage().startsWith("--set run.dt_s=abc: run.dt_s = abc"), e.getMessage());
        assertFalse(e.getMessage().contains(ScenarioLoader.DEFAULT_RESOURCE), e.getMessage());
    }
}
