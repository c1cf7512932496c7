package org.stromasim.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a vessel network in the node–segment CSV format (docs/vessel-geometry.md, "Networks from
 * files"): one record per line, {@code node,<id>,<x_um>,<y_um>,<z_um>} and
 * {@code segment,<id>,<from node>,<to node>,<radius_um>[,<perfused>[,<group>]]} (perfused 1/0, a group
 * named in the scenario's {@code groups}); blank lines and lines starting with
 * {@code #} are ignored; a segment may name a node defined anywhere in the file. Every problem is one
 * {@link ScenarioException} naming the file, the line, the scenario key and the item: an unknown
 * record, a wrong field count or number, a duplicate id, a segment whose node does not exist
 * (dangling), zero length, a radius ≤ 0, a node outside the domain, a perfused flag other than 1 or
 * 0, a group the scenario does not define, a file without segments.
 */
final class VesselNetworkCsv {

    private VesselNetworkCsv() {
    }

    static TissueSpec.NetworkVessel read(Path file, String keyPath, GridSpec grid, SourceLocation from, double unitUm,
                                         Map<String, Double> groups) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ScenarioException.at(from, keyPath, "cannot read vessel network file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        Map<String, Vec3> nodes = new HashMap<>();
        List<String[]> segmentRows = new ArrayList<>();
        List<Integer> segmentLines = new ArrayList<>();
        Set<String> segmentIds = new HashSet<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].strip();
            }
            SourceLocation at = SourceLocation.of(file.toString(), n + 1, 1);
            if (f[0].equals("node")) {
                fields(f, 5, at, keyPath, "node,<id>,<x_um>,<y_um>,<z_um>");
                Vec3 p = new Vec3(unitUm * number(f[2], "x_um", at, keyPath), unitUm * number(f[3], "y_um", at, keyPath),
                        unitUm * number(f[4], "z_um", at, keyPath));
                NetworkChecks.insideDomain(p, "node " + f[1], at, keyPath, grid);
                if (nodes.put(f[1], p) != null) {
                    throw ScenarioException.at(at, keyPath, "node " + f[1] + " is defined twice");
                }
            } else if (f[0].equals("segment")) {
                if (f.length != 6 && f.length != 7) {
                    fields(f, 5, at, keyPath, "segment,<id>,<from node>,<to node>,<radius_um>[,<perfused 1|0>[,<group>]]");
                }
                if (!segmentIds.add(f[1])) {
                    throw ScenarioException.at(at, keyPath, "segment " + f[1] + " is defined twice");
                }
                segmentRows.add(f);
                segmentLines.add(n + 1);
            } else {
                throw ScenarioException.at(at, keyPath, "unknown record '" + f[0] + "'; allowed: node, segment");
            }
        }
        List<TissueSpec.NetworkSegment> segments = new ArrayList<>();
        for (int s = 0; s < segmentRows.size(); s++) {
            String[] f = segmentRows.get(s);
            SourceLocation at = SourceLocation.of(file.toString(), segmentLines.get(s), 1);
            Vec3 a = nodes.get(f[2]);
            Vec3 b = nodes.get(f[3]);
            if (a == null || b == null) {
                throw ScenarioException.at(at, keyPath, "segment " + f[1] + " is dangling: node "
                        + (a == null ? f[2] : f[3]) + " is not defined in the file");
            }
            if (a.equals(b)) {
                throw ScenarioException.at(at, keyPath, "segment " + f[1] + " has zero length (nodes " + f[2]
                        + " and " + f[3] + " are at the same point)");
            }
            double radius = number(f[4], "radius_um", at, keyPath);
            if (!(radius > 0)) {
                throw ScenarioException.at(at, keyPath, "segment " + f[1] + ": radius_um must be > 0 µm, got " + f[4]);
            }
            Range allowedRadius = TissueBinder.vesselRadius(grid);
            if (!allowedRadius.contains(unitUm * radius)) {
                throw ScenarioException.at(at, keyPath, "segment " + f[1] + ": radius_um = " + f[4] + " ("
                        + Range.format(unitUm * radius) + " µm) must be " + allowedRadius.describe());
            }
            boolean perfused = true;
            if (f.length > 5) {
                if (!f[5].equals("1") && !f[5].equals("0")) {
                    throw ScenarioException.at(at, keyPath, "segment " + f[1] + ": perfused must be 1 (blood flows)"
                            + " or 0 (no flow: the segment is left out), got '" + f[5] + "'");
                }
                perfused = f[5].equals("1");
            }
            String group = f.length > 6 && !f[6].isEmpty()
                    ? NetworkChecks.definedGroup(f[6], groups, "segment " + f[1], "", at, keyPath) : null;
            segments.add(new TissueSpec.NetworkSegment(a, b, unitUm * radius, perfused, group));
        }
        if (segments.isEmpty()) {
            throw ScenarioException.at(SourceLocation.of(file.toString(), 0, 0), keyPath,
                    "the vessel network has no segment records");
        }
        NetworkChecks.somePerfused(segments, "segment", "every perfused flag is 0", SourceLocation.of(file.toString(), 0, 0),
                keyPath);
        return new TissueSpec.NetworkVessel(file.toString(), null, unitUm, segments, groups);
    }

    private static void fields(String[] f, int count, SourceLocation at, String keyPath, String form) {
        if (f.length != count) {
            throw ScenarioException.at(at, keyPath, "expected " + count + " fields (" + form + "), got " + f.length);
        }
    }

    private static double number(String text, String what, SourceLocation at, String keyPath) {
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw ScenarioException.at(at, keyPath, what + " must be a finite number, got '" + text + "'");
    }
}
