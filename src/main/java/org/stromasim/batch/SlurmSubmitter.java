package org.stromasim.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Submits a job script with {@code sbatch --parsable} and returns the job id. */
public final class SlurmSubmitter {

    private SlurmSubmitter() {
    }

    public static String submit(Path script) throws IOException, InterruptedException {
        Process sbatch;
        try {
            sbatch = new ProcessBuilder("sbatch", "--parsable", script.toString()).redirectErrorStream(true).start();
        } catch (IOException notFound) {
            throw new IllegalArgumentException("cannot run sbatch (" + notFound.getMessage() + "): is this a Slurm "
                    + "login node? The script is written at " + script + "; use --dry-run to only write it", notFound);
        }
        if (!sbatch.waitFor(120, TimeUnit.SECONDS)) {
            sbatch.destroyForcibly();
            throw new IOException("sbatch did not answer within 120 s; the script is at " + script);
        }
        String output = new String(sbatch.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (sbatch.exitValue() != 0) {
            throw new IOException("sbatch refused " + script + " (exit " + sbatch.exitValue() + "): " + output);
        }
        // --parsable prints "jobid" or "jobid;cluster"; anything else before it is a warning line.
        String last = output.lines().reduce((a, b) -> b).orElse("");
        String id = last.split(";")[0].trim();
        if (!id.matches("\\d+")) {
            throw new IOException("sbatch answered '" + output + "', not a job id");
        }
        return id;
    }
}
