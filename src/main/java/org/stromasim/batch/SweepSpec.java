package org.stromasim.batch;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed sweep file.
 *
 * @param file       the sweep file
 * @param base       the base scenario file, or {@code null} for the embedded default scenario
 * @param fixed      overrides {@code key.path=value} applied to every point before the axes
 * @param axes       swept keys, in file order (the first varies slowest)
 * @param zip        groups of axis key paths that advance together (paired), each of two or more axes of
 *                   equal length
 * @param replicates runs per parameter point, each with its own derived seed ({@link SeedDerivation})
 */
public record SweepSpec(Path file, Path base, List<String> fixed, List<SweepAxis> axes, List<List<String>> zip,
                        int replicates) {

    public SweepSpec {
        fixed = List.copyOf(fixed);
        axes = List.copyOf(axes);
        zip = zip.stream().map(List::copyOf).toList();
    }
}
