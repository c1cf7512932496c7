package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Java backend's vector width: capped at 256 bits unless asked otherwise, never wider than the CPU,
 * a bad request refused with the allowed values; and the width chosen is the one the loops run, with
 * results bitwise those of the scalar loops, checked in child JVMs (the width is fixed when the vector
 * classes load).
 */
class VectorWidthTest {

    @Test
    void defaultCapsAt256BitsButNeverWidensTheCpu() {
        assertEquals(256, VectorWidth.chooseBits(512, null));
        assertEquals(256, VectorWidth.chooseBits(256, null));
        assertEquals(128, VectorWidth.chooseBits(128, " "));
    }

    @Test
    void aRequestIsHonouredUpToTheCpusWidest() {
        assertEquals(512, VectorWidth.chooseBits(512, "512"));
        assertEquals(512, VectorWidth.chooseBits(512, "preferred"));
        assertEquals(256, VectorWidth.chooseBits(256, "512"));
        assertEquals(128, VectorWidth.chooseBits(512, "128"));
    }

    @Test
    void aBadRequestNamesThePropertyAndTheAllowedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VectorWidth.chooseBits(512, "300"));
        assertEquals("-Dstromasim.vectorBits=300 is not a vector width; allowed: 128, 256, 512 or preferred",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VectorWidth.chooseBits(512, "wide"));
    }

    @Test
    void theChosenWidthIsTheOneTheLoopsRunAndGivesTheScalarResults() throws Exception {
        int cpuBits = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
        List<String> lines = probe("-Dstromasim.vectorBits=128");
        assertTrue(lines.get(0).contains(", vectorised, 4 float lanes (128-bit"), lines.get(0));
        assertEquals("bitwise-equal", lines.get(1));

        int defaultLanes = Math.min(cpuBits, 256) / 32;
        lines = probe();
        assertTrue(lines.get(0).contains(", vectorised, " + defaultLanes + " float lanes ("), lines.get(0));
        assertEquals("bitwise-equal", lines.get(1));

        lines = probe("-Dstromasim.vectorBits=preferred");
        assertTrue(lines.get(0).contains(", vectorised, " + cpuBits / 32 + " float lanes ("), lines.get(0));
        assertEquals("bitwise-equal", lines.get(1));
    }

    @Test
    void aBadRequestIsRefusedBeforeTheVectorClassesLoad() throws Exception {
        List<String> lines = probe("-Dstromasim.vectorBits=300");
        assertTrue(lines.stream().anyMatch(l -> l.contains("IllegalArgumentException: -Dstromasim.vectorBits=300"
                + " is not a vector width")), String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.contains("ExceptionInInitializerError")), String.join("\n", lines));
    }

    private static List<String> probe(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-modules");
        command.add("jdk.incubator.vector");
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), VectorWidthProbe.class.getName()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
        return out.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
    }
}
