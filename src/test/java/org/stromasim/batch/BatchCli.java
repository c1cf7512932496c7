package org.stromasim.batch;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.stromasim.cli.CliHarness;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.Snapshot;
import org.stromasim.io.SnapshotReader;
import org.stromasim.tissue.Tissue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** In-process command line with captured output, and snapshot comparisons for the batch tests. */
final class BatchCli {

    record Result(int exitCode, String out, String err) {
        String both() {
            return out + err;
        }
    }

    private BatchCli() {
    }

    static Result run(String... args) {
        CliHarness.Result r = CliHarness.run(args);
        return new Result(r.exitCode(), r.out(), r.err());
    }

    static Result runOk(String... args) {
        Result r = run(args);
        assertEquals(0, r.exitCode(), () -> String.join(" ", args) + " failed:\n" + r.both());
        return r;
    }

    static Path tinyScenario() {
        try {
            return Path.of(Objects.requireNonNull(BatchCli.class.getResource("/scenarios/tiny.yaml")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Snapshot latestSnapshot(Path runRoot) throws IOException {
        return SnapshotReader.read(RunDirectory.open(runRoot).latestSnapshot().orElseThrow());
    }

    /** Every field bitwise equal (NaN equal to NaN); a failure names the field and the first differing voxel. */
    static void assertStatesBitwiseEqual(Tissue expected, Tissue actual) {
        assertFloatsBitwise("stiffness_kpa", expected.stiffnessKpa(), actual.stiffnessKpa());
        assertFloatsBitwise("viability", expected.viability(), actual.viability());
        assertFloatsBitwise("vessel_distance_um", expected.vesselDistanceUm(), actual.vesselDistanceUm());
        assertFloatsBitwise("drug_exposure", expected.drugExposure(), actual.drugExposure());
        assertEquals(expected.gagFraction() == null, actual.gagFraction() == null, "both with or without hyaluronan");
        if (expected.gagFraction() != null) {
            assertFloatsBitwise("hyaluronan_fraction", expected.gagFraction(), actual.gagFraction());
        }
        if (!Arrays.equals(expected.cell(), actual.cell())) {
            fail("cell codes differ");
        }
        assertConcentrationsBitwise(expected, actual);
    }

    static void assertConcentrationsBitwise(Tissue expected, Tissue actual) {
        assertEquals(expected.speciesNames(), actual.speciesNames());
        for (int s = 0; s < expected.speciesCount(); s++) {
            assertFloatsBitwise(expected.speciesNames().get(s), expected.concentration(s), actual.concentration(s));
        }
    }

    static void assertFloatsBitwise(String field, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, field + " length");
        for (int v = 0; v < expected.length; v++) {
            if (Float.floatToIntBits(expected[v]) != Float.floatToIntBits(actual[v])) {
                fail(field + " differs first at voxel " + v + ": expected " + expected[v] + " but was " + actual[v]);
            }
        }
    }
}
