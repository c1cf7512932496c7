package org.stromasim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad sweep files are refused with one message (where, key, value, what is allowed) before anything runs. */
class SweepFileErrorsTest {

    @TempDir
    Path dir;

    private String refusal(String body) throws Exception {
        Path file = SweepTestFiles.write(dir, "bad.yaml", body);
        Path out = dir.resolve("out");
        BatchCli.Result r = BatchCli.run("sweep", file.toString(), "--out", out.toString(), "--until", "1");
        assertEquals(2, r.exitCode(), r.both());
        assertFalse(Files.exists(out), "nothing was created or run");
        assertEquals("", r.out());
        return r.err().trim();
    }

    @Test
    void unknownKeyPathNamesTheAxisLineAndTheScenarioProblem() throws Exception {
        String message = refusal("""
                axes:
                  - {key: ecm.stiffnes_kpa.stroma, values: [3, 18]}
                """);
        assertTrue(message.startsWith("error: " + dir.resolve("bad.yaml") + ":3:6: axes[0].key = ecm.stiffnes_kpa.stroma"),
                message);
        assertTrue(message.contains("stiffnes_kpa"), message);
        assertTrue(message.contains("stiffness_kpa"), "suggests the known key: " + message);
    }

    /**
     * An unquoted key with brackets inside a flow map is a YAML syntax error: one line with file, line and
     * column and the parser's problem, not SnakeYAML's multi-line excerpt of the file with a caret.
     */
    @Test
    void yamlSyntaxErrorIsOneLocatedLine() throws Exception {
        String message = refusal("""
                set: {tissue.vessels[0].radius_um: 5}
                axes:
                  - {key: ecm.stiffness_kpa.stroma, values: [3, 18]}
                """);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("error: " + dir.resolve("bad.yaml") + ":2:"), message);
        assertTrue(message.contains("not valid YAML: expected ',' or '}'"), message);
        assertFalse(message.contains("^"), "no caret excerpt: " + message);
    }

    @Test
    void emptyAxis() throws Exception {
        assertEquals("error: " + dir.resolve("bad.yaml") + ":3:37: axes[0].values = []: empty axis: give one or more values",
                refusal("""
                        axes:
                          - {key: ecm.stiffness_kpa.stroma, values: []}
                        """));
    }

    @Test
    void nonNumericLinspace() throws Exception {
        assertEquals("error: " + dir.resolve("bad.yaml") + ":3:48: axes[0].linspace.start = soft: must be a finite number",
                refusal("""
                        axes:
                          - {key: ecm.stiffness_kpa.stroma, linspace: {start: soft, stop: 18, count: 3}}
                        """));
    }

    @Test
    void linspaceCountBelowTwo() throws Exception {
        assertTrue(refusal("""
                axes:
                  - {key: ecm.stiffness_kpa.stroma, linspace: {start: 3, stop: 18, count: 1}}
                """).endsWith("axes[0].linspace.count = 1: must be an integer >= 2"));
    }

    @Test
    void logspaceNeedsPositiveEnds() throws Exception {
        assertTrue(refusal("""
                axes:
                  - {key: ecm.stiffness_kpa.stroma, logspace: {start: 0, stop: 18, count: 3}}
                """).contains("axes[0].logspace.start = 0: logspace needs start and stop > 0"));
    }

    @Test
    void valueOutOfTheScenarioRange() throws Exception {
        String message = refusal("""
                axes:
                  - {key: species.drug.d0_um2_per_s, values: [50, -3]}
                """);
        assertTrue(message.contains("axes[0].key = species.drug.d0_um2_per_s: value -3"), message);
        assertTrue(message.contains("-3"), message);
    }

    @Test
    void unknownTopLevelKey() throws Exception {
        assertEquals("error: " + dir.resolve("bad.yaml") + ":2:1: axis: unknown key; allowed: base, set, axes, zip, replicates",
                refusal("axis: []\n"));
    }

    @Test
    void zippedAxesOfDifferentLengths() throws Exception {
        assertTrue(refusal("""
                axes:
                  - {key: ecm.stiffness_kpa.stroma, values: [3, 18]}
                  - {key: species.drug.d0_um2_per_s, values: [50, 100, 150]}
                zip: [[ecm.stiffness_kpa.stroma, species.drug.d0_um2_per_s]]
                """).contains("zip[0][1] = species.drug.d0_um2_per_s: has 3 values but ecm.stiffness_kpa.stroma has 2; "
                + "zipped axes need equal lengths"));
    }

    @Test
    void zipPairsValuesInsteadOfCrossingThem() throws Exception {
        Path file = SweepTestFiles.write(dir, "zip.yaml", """
                axes:
                  - {key: ecm.stiffness_kpa.stroma, values: [3, 18]}
                  - {key: species.drug.d0_um2_per_s, values: [50, 150]}
                  - {key: ecm.stiffness_kpa.tumour, logspace: {start: 1, stop: 100, count: 3}}
                zip: [[ecm.stiffness_kpa.stroma, species.drug.d0_um2_per_s]]
                """);
        SweepManifest m = new SweepExpansion(SweepFileReader.read(file), java.util.List.of()).expand().manifest();
        assertEquals(6, m.points().size(), "2 zipped pairs × 3 tumour stiffnesses");
        assertEquals("18", m.point(3).parameters().get("ecm.stiffness_kpa.stroma"));
        assertEquals("150", m.point(3).parameters().get("species.drug.d0_um2_per_s"));
        assertEquals("1.0", m.point(3).parameters().get("ecm.stiffness_kpa.tumour"));
        assertEquals("10.000000000000002", m.point(1).parameters().get("ecm.stiffness_kpa.tumour"));
        assertEquals("100.0", m.point(2).parameters().get("ecm.stiffness_kpa.tumour"), "end value exact");
    }

    @Test
    void replicateSeedsAreTheBaseSeedThenSplitMixOutputs() {
        assertEquals(7, SeedDerivation.replicateSeed(7, 0));
        // SplitMix64 reference: the first output of java.util.SplittableRandom seeded with s is mix(s + γ).
        assertEquals(new java.util.SplittableRandom(7).nextLong(), SeedDerivation.replicateSeed(7, 1));
        assertEquals(new java.util.SplittableRandom(7 + SeedDerivation.GOLDEN_GAMMA).nextLong(),
                SeedDerivation.replicateSeed(7, 2));
    }
}
