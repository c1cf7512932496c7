package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.scenario.TissueSpec;
import org.stromasim.scenario.Vec3;

/**
 * Vessel networks from node–segment CSV files: what is read is what the file holds (a Y junction
 * written here), it survives the resolved-YAML round trip, and each bad network is refused with one
 * line naming the file, the line and the item, exit code 2, and no run directory.
 */
class VesselNetworkFileTest {

    @TempDir
    Path temp;

    private static final String NETWORK = """
            # a Y junction: a feeding vessel that splits in two
            node,1,50.5,50,10
            node,2,50.5,50,60
            node,3,20,50,100
            node,4,80,50,100
            segment,a,1,2,6
            segment,b,2,3,4.5
            segment,c,2,4,4.5
            """;

    private Path scenarioWith(String network) throws IOException {
        Files.writeString(temp.resolve("net.csv"), network);
        String text = Files.readString(CliHarness.testScenario("tiny.yaml"));
        int at = text.indexOf("  vessels:");
        assertTrue(at >= 0, "tiny.yaml has a vessels list");
        int end = text.indexOf("\nspecies:", at);
        // replace tiny.yaml's vessel list (the last key of its tissue section) by the network
        String replaced = text.substring(0, at) + "  vessels: [{shape: network, file: net.csv}]" + text.substring(end);
        Path scenario = temp.resolve("scenario.yaml");
        Files.writeString(scenario, replaced);
        return scenario;
    }

    @Test
    void networkReadsBackAsWrittenAndRoundTrips() throws IOException {
        Scenario sc = ScenarioLoader.load(scenarioWith(NETWORK));
        TissueSpec.NetworkVessel net = (TissueSpec.NetworkVessel) sc.tissue().vessels().get(0);
        assertEquals(List.of(
                new TissueSpec.NetworkSegment(new Vec3(50.5, 50, 10), new Vec3(50.5, 50, 60), 6),
                new TissueSpec.NetworkSegment(new Vec3(50.5, 50, 60), new Vec3(20, 50, 100), 4.5),
                new TissueSpec.NetworkSegment(new Vec3(50.5, 50, 60), new Vec3(80, 50, 100), 4.5)), net.segments());
        assertEquals(temp.resolve("net.csv").toAbsolutePath().normalize().toString(), net.file());
        Scenario again = ScenarioLoader.parse(ScenarioLoader.toYaml(sc), "resolved.yaml", List.of());
        assertEquals(sc.tissue(), again.tissue());
    }

    private void assertRefused(String network, int line, String... fragments) throws IOException {
        Path scenario = scenarioWith(network);
        Path out = temp.resolve("out");
        CliHarness.Result r = CliHarness.run("run", scenario.toString(), "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains("net.csv:" + line + ":"), "file and line: " + err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "message lacks '" + f + "': " + err);
        }
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void danglingSegment() throws IOException {
        assertRefused(NETWORK.replace("segment,c,2,4,4.5", "segment,c,2,9,4.5"), 8, "segment c is dangling", "node 9");
    }

    @Test
    void zeroLengthSegment() throws IOException {
        assertRefused(NETWORK.replace("node,3,20,50,100", "node,3,50.5,50,60"), 7, "segment b has zero length");
    }

    @Test
    void zeroOrNegativeRadius() throws IOException {
        assertRefused(NETWORK.replace("segment,a,1,2,6", "segment,a,1,2,0"), 6, "segment a: radius_um must be > 0");
        assertRefused(NETWORK.replace("segment,a,1,2,6", "segment,a,1,2,-2"), 6, "segment a: radius_um must be > 0");
    }

    @Test
    void nodeOutsideTheDomain() throws IOException {
        assertRefused(NETWORK.replace("node,4,80,50,100", "node,4,80,50,-5"), 5, "node 4", "outside the domain");
    }
}
