package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** run.diffusion.target_relative_error on the command line: refusal with exit 2, and validate's report of the chosen step. */
class AccuracyTargetCliTest {

    private static final String[] COARSE = {"--set", "grid.nx=16", "--set", "grid.ny=16", "--set", "grid.nz=14",
            "--set", "grid.voxel_um=60", "--set", "run.diffusion.scheme=rkl2"};

    private static String[] with(String... more) {
        String[] all = new String[1 + COARSE.length + more.length];
        all[0] = "validate";
        System.arraycopy(COARSE, 0, all, 1, COARSE.length);
        System.arraycopy(more, 0, all, 1 + COARSE.length, more.length);
        return all;
    }

    @Test
    void aStepAndATargetTogetherExitWithCode2AndTheMessage() {
        CliHarness.Result r = CliHarness.run(with("--set", "run.dt_s=30", "--set", "run.diffusion.target_relative_error=0.01"));
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("run.diffusion.target_relative_error") && r.err().contains("give one"), r.err());
    }

    @Test
    void validateReportsTheChosenStepTheEstimateAndWhy() {
        CliHarness.Result r = CliHarness.run(with("--set", "run.diffusion.target_relative_error=0.01"));
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("chosen for run.diffusion.target_relative_error = 1.00 %")
                && r.out().contains("estimated relative L2 error") && r.out().contains("stages"), r.out());
    }
}
