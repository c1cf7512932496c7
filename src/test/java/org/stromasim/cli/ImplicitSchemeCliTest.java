package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run.diffusion.scheme: implicit} from the command line: runs on the Java and on the OpenCL backend. */
class ImplicitSchemeCliTest {

    @TempDir
    Path temp;

    @Test
    void runsOnTheJavaBackendAndTheLogNamesTheScheme() throws Exception {
        Path out = temp.resolve("run");
        CliHarness.Result r = CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(), "--out",
                out.toString(), "--no-progress", "--backend", "java", "--set", "run.diffusion.scheme=implicit",
                "--set", "run.dt_s=0.25");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(Files.readString(out.resolve("run.log")).contains("TR-BDF2"));
    }

    @Test
    void runsOnTheOpenClBackendAndTheLogNamesTheScheme() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(NonFiniteStopTest.openClUsableOrCi(),
                "OpenCL tests skipped: no usable device");
        Path out = temp.resolve("opencl");
        CliHarness.Result r = CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(), "--out",
                out.toString(), "--no-progress", "--backend", "opencl", "--set", "run.diffusion.scheme=implicit",
                "--set", "run.dt_s=0.25");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        String log = Files.readString(out.resolve("run.log"));
        assertTrue(log.contains("opencl") && log.contains("TR-BDF2"), log);
    }
}
