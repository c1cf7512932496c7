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
import org.stromasim.io.RunInfo;

/**
 * resume continues on the backend options the run was started with: auto would take an OpenCL device
 * where there is one (PoCL in CI), and a run continued on another backend or thread count differs from
 * the uninterrupted run in the last bits.
 */
class ResumeBackendTest {

    @TempDir
    Path temp;

    private static String resumedLine(Path run) throws IOException {
        List<String> log = Files.readAllLines(run.resolve("run.log"));
        int resumed = -1;
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains("resumed from")) {
                resumed = i;
            }
        }
        assertTrue(resumed >= 0, "run.log has no resume line: " + log);
        for (int i = resumed; i < log.size(); i++) {
            if (log.get(i).contains("backend: ")) {
                return log.get(i);
            }
        }
        throw new AssertionError("no backend line after the resume in " + log);
    }

    @Test
    void theBackendAndThreadsOfTheStartAreKeptAndRecorded() throws IOException {
        Path run = temp.resolve("run");
        assertEquals(0, CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(), "--out", run.toString(),
                "--no-progress", "--until", "6", "--backend", "java", "--threads", "1").exitCode());
        assertEquals(new RunInfo.BackendRequest("java", 1, null), RunInfo.read(run).orElseThrow().request());

        CliHarness.Result resumed = CliHarness.run("resume", run.toString(), "--no-progress", "--until", "12");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumedLine(run).contains("backend: java (1 thread"), resumedLine(run));
        assertFalse(resumed.err().contains("not bitwise"), resumed.err());
        assertEquals(new RunInfo.BackendRequest("java", 1, null), RunInfo.read(run).orElseThrow().request());
    }

    @Test
    void anOptionGivenToResumeWinsAndSaysTheResultIsNotBitwise() throws IOException {
        Path run = temp.resolve("run");
        assertEquals(0, CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(), "--out", run.toString(),
                "--no-progress", "--until", "6", "--backend", "java", "--threads", "1").exitCode());

        CliHarness.Result resumed = CliHarness.run("resume", run.toString(), "--no-progress", "--until", "12",
                "--threads", "2");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumedLine(run).contains("backend: java (2 threads"), resumedLine(run));
        assertTrue(resumed.err().contains("was started with --backend java --threads 1 and continues with --backend java"
                + " --threads 2: the result is not bitwise"), resumed.err());
        assertEquals(new RunInfo.BackendRequest("java", 2, null), RunInfo.read(run).orElseThrow().request());
    }

    @Test
    void aBadRecordedBackendIsNamedWithItsFile() throws IOException {
        Path run = temp.resolve("run");
        assertEquals(0, CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(), "--out", run.toString(),
                "--no-progress", "--until", "6", "--backend", "java").exitCode());
        Path json = run.resolve("run.json");
        Files.writeString(json, Files.readString(json).replace("\"backend\" : \"java\"", "\"backend\" : \"cuda\""));

        CliHarness.Result resumed = CliHarness.run("resume", run.toString(), "--no-progress", "--until", "12");
        assertEquals(2, resumed.exitCode(), resumed.out());
        assertTrue(resumed.err().contains("run.json: backend_request.backend = cuda is not a backend; allowed: auto,"
                + " opencl, java"), resumed.err());
    }

    @Test
    void aBadUntilIsRefusedBeforeTheRunDirectoryIsTouched() throws IOException {
        Path run = temp.resolve("run");
        assertEquals(0, CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(), "--out", run.toString(),
                "--no-progress", "--until", "6", "--backend", "java", "--threads", "1").exitCode());
        java.nio.file.Files.deleteIfExists(run.resolve(org.stromasim.io.RunDirectoryLock.LOCK_FILE));
        java.util.List<String> before;
        try (var files = java.nio.file.Files.walk(run)) {
            before = files.map(Path::toString).sorted().toList();
        }
        for (String until : new String[] {"-1", "0", "NaN", "Infinity"}) {
            CliHarness.Result refused = CliHarness.run("resume", run.toString(), "--no-progress", "--until", until);
            assertEquals(2, refused.exitCode(), refused.err());
            assertTrue(refused.err().contains("--until = ") && refused.err().contains("must be a time > 0 s"), refused.err());
            try (var files = java.nio.file.Files.walk(run)) {
                assertEquals(before, files.map(Path::toString).sorted().toList(), "--until " + until + " changed the run");
            }
        }
    }
}
