package org.stromasim.scenario;

import java.util.List;
import java.util.Map;

/**
 * The checks both vessel-network readers ({@link VesselNetworkCsv}, {@link VesselNetworkVtp}) make on
 * what they read, so that a network is refused for the same reasons, in the same words, whatever its
 * format. Each failure is one {@link ScenarioException} at {@code at} naming {@code keyPath} and the item.
 */
final class NetworkChecks {

    private NetworkChecks() {
    }

    /** Refuses a point outside the domain [0, n·dx] along each axis. */
    static void insideDomain(Vec3 p, String item, SourceLocation at, String keyPath, GridSpec grid) {
        double sx = grid.nx() * grid.voxelUm();
        double sy = grid.ny() * grid.voxelUm();
        double sz = grid.nz() * grid.voxelUm();
        if (p.x() < 0 || p.x() > sx || p.y() < 0 || p.y() > sy || p.z() < 0 || p.z() > sz) {
            throw ScenarioException.at(at, keyPath, item + " at " + p + " µm lies outside the domain [0, "
                    + Range.format(sx) + "] × [0, " + Range.format(sy) + "] × [0, " + Range.format(sz) + "] µm");
        }
    }

    /**
     * The group {@code name} of {@code item} when the scenario's {@code groups} define it; refused otherwise.
     * {@code source} says where the file names it (e.g. " (CellData 'group')"; empty for a CSV field).
     */
    static String definedGroup(String name, Map<String, Double> groups, String item, String source, SourceLocation at,
                               String keyPath) {
        if (!groups.containsKey(name)) {
            throw ScenarioException.at(at, keyPath, item + " is in group '" + name + "'" + source + ", which "
                    + (groups.isEmpty() ? "the scenario does not define (no groups given)"
                    : "is not one of the scenario's groups " + groups.keySet())
                    + "; give it in " + keyPath.replaceFirst("\\.file$", "") + ".groups");
        }
        return name;
    }

    /**
     * Refuses a network none of whose segments carries blood; {@code element} is what the file calls a
     * vessel piece ("segment", "line") and {@code how} where the flags came from.
     */
    static void somePerfused(List<TissueSpec.NetworkSegment> segments, String element, String how, SourceLocation at,
                             String keyPath) {
        if (segments.stream().noneMatch(TissueSpec.NetworkSegment::perfused)) {
            throw ScenarioException.at(at, keyPath, "no " + element + " of the vessel network is perfused (" + how + ")");
        }
    }
}
