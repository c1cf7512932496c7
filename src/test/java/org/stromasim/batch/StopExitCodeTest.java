package org.stromasim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stromasim.io.RunDirectory;

/**
 * Every stop on request, by SIGINT (Ctrl-C) or SIGTERM, at various moments of a run in a child JVM,
 * exits with code 3 as documented (cli/ExitCodes.STOPPED) and prints the "stopped on request …
 * continue with" line: the JVM's exit waits for the command's last line and its exit code.
 */
class StopExitCodeTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"TERM, 0", "TERM, 250", "INT, 0", "INT, 250", "INT, 600"})
    void aSignalStopExitsWithThreeAndSaysHowToContinue(String signal, long delayMs) throws Exception {
        Path run = dir.resolve("run");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.stromasim.cli.Main", "run", "--out", run.toString(),
                BatchCli.tinyScenario().toString(), "--until", "40", "--threads", "1", "--backend", "java",
                "--no-progress", "--set", "grid.nx=64", "--set", "grid.ny=64", "--set", "grid.nz=48",
                "--set", "grid.voxel_um=5"));
        Path log = dir.resolve("child.out");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(run.resolve(RunDirectory.SNAPSHOTS_DIR).resolve("snap_000000.h5"))) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                child.destroyForcibly();
                fail("no initial snapshot:\n" + Files.readString(log));
            }
            Thread.sleep(10);
        }
        Thread.sleep(delayMs);
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
        assertEquals(0, kill.waitFor());
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not exit after SIG" + signal);
        String output = Files.readString(log);
        assertEquals(3, child.exitValue(), "exit code after SIG" + signal + ":\n" + output);
        assertTrue(output.contains("stopped on request at t = "), output);
        assertTrue(output.contains("continue with: stromasim resume " + run.toAbsolutePath().normalize()), output);
    }
}
