package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run.diffusion.scheme: implicit} from the command line: runs on Java, refused on OpenCL before anything exists. */
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
    void openClRefusesItInOneLineAndCreatesNothing() {
        Path out = temp.resolve("refused");
        CliHarness.Result r = CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(), "--out",
                out.toString(), "--no-progress", "--backend", "opencl", "--set", "run.diffusion.scheme=implicit",
                "--set", "run.dt_s=30");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("implicit runs on the Java backend only"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out), "nothing may be created for a refused run");
    }
}
