package org.stromasim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The CPU model and widest vector instruction set of the machine a benchmark runs on, printed beside
 * every figure so that a number is never read without the machine it came from (the Java backend's
 * speed depends on the vector width the CPU offers).
 */
public final class MachineInfo {

    private static final List<String> ISA_WIDEST_FIRST = List.of("avx512f", "avx2", "avx", "sse4_2", "asimd");

    private MachineInfo() {
    }

    /** "Intel(R) Xeon(R) Processor, avx512f, 2 cores" or what can be read on this system. */
    public static String describe() {
        String model = System.getProperty("os.arch");
        String isa = "unknown ISA";
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                }
                if (lower.startsWith("flags") || lower.startsWith("features")) {
                    List<String> flags = List.of(lower.substring(lower.indexOf(':') + 1).trim().split("\\s+"));
                    isa = ISA_WIDEST_FIRST.stream().filter(flags::contains).findFirst().orElse(isa);
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture name is all there is
        }
        return model + ", " + isa + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
