package org.stromasim.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads a vessel network from a VTK XML PolyData file ({@code .vtp}): the centreline polylines
 * ({@code <Lines>}: connectivity and offsets) with a per-point radius array in {@code <PointData>},
 * as vascular-modelling tools write centrelines (VMTK names its array MaximumInscribedSphereRadius).
 * Each pair of consecutive points of a line becomes one segment whose radius is the mean of the two
 * point radii; coordinates and radii are multiplied by {@code unitUm} (µm per file length unit).
 * Only {@code format="ascii"} data arrays are read (binary and appended data are refused with how to
 * re-save). XML parsing by the JDK's DOM parser, external entities off. Every problem is one
 * {@link ScenarioException} naming the file, the scenario key and the item.
 */
final class VesselNetworkVtp {

    /** Optional CellData array: 1 where a line carries blood, 0 where it does not (left out). */
    static final String PERFUSED_ARRAY = "perfused";
    /** Optional CellData array: each line's vessel group, an integer naming an entry of the scenario's {@code groups}. */
    static final String GROUP_ARRAY = "group";

    private VesselNetworkVtp() {
    }

    static TissueSpec.NetworkVessel read(Path file, String keyPath, GridSpec grid, SourceLocation from,
                                         String radiusArray, double unitUm, java.util.Map<String, Double> groups) {
        SourceLocation at = SourceLocation.of(file.toString(), 0, 0);
        Element root = parse(file, keyPath, from);
        if (!"VTKFile".equals(root.getTagName()) || !"PolyData".equals(root.getAttribute("type"))) {
            throw ScenarioException.at(at, keyPath, "not a VTK XML PolyData file (root <VTKFile type=\"PolyData\">)");
        }
        NodeList pieces = root.getElementsByTagName("Piece");
        List<TissueSpec.NetworkSegment> segments = new ArrayList<>();
        for (int p = 0; p < pieces.getLength(); p++) {
            Element piece = (Element) pieces.item(p);
            String where = "Piece " + p;
            int points = count(piece, "NumberOfPoints", at, keyPath, where);
            double[] xyz = numbers(only(piece, "Points", at, keyPath, where), null, 3 * points, at, keyPath,
                    where + " Points");
            double[] radius = numbers(only(piece, "PointData", at, keyPath, where), radiusArray, points, at, keyPath,
                    where + " PointData array '" + radiusArray + "'");
            Element lines = only(piece, "Lines", at, keyPath, where);
            double[] connectivity = numbers(lines, "connectivity", -1, at, keyPath, where + " Lines connectivity");
            double[] offsets = numbers(lines, "offsets", -1, at, keyPath, where + " Lines offsets");
            // cell data run over verts first, then lines (VTK's cell order); only the lines' part is read
            int verts = piece.hasAttribute("NumberOfVerts") ? count(piece, "NumberOfVerts", at, keyPath, where) : 0;
            double[] perfused = cellArray(piece, PERFUSED_ARRAY, verts + offsets.length, at, keyPath, where);
            double[] group = cellArray(piece, GROUP_ARRAY, verts + offsets.length, at, keyPath, where);
            int start = 0;
            for (int line = 0; line < offsets.length; line++) {
                int end = (int) offsets[line];
                if (end < start || end > connectivity.length) {
                    throw ScenarioException.at(at, keyPath, where + " line " + line + ": offset " + end
                            + " is not within [" + start + ", " + connectivity.length + "]");
                }
                boolean linePerfused = perfused == null || flag(perfused[verts + line], at, keyPath, where, line);
                String lineGroup = group == null ? null : groupName(group[verts + line], groups, at, keyPath, where, line);
                for (int c = start; c + 1 < end; c++) {
                    int a = index(connectivity[c], points, at, keyPath, where + " line " + line);
                    int b = index(connectivity[c + 1], points, at, keyPath, where + " line " + line);
                    String item = where + " line " + line + " points " + a + "–" + b;
                    Vec3 pa = point(xyz, a, unitUm, grid, at, keyPath, where);
                    Vec3 pb = point(xyz, b, unitUm, grid, at, keyPath, where);
                    if (pa.equals(pb)) {
                        throw ScenarioException.at(at, keyPath, item + ": zero-length segment");
                    }
                    double r = 0.5 * (radius[a] + radius[b]) * unitUm;
                    if (!(radius[a] > 0) || !(radius[b] > 0)) {
                        throw ScenarioException.at(at, keyPath, item + ": radius must be > 0, got "
                                + radius[a] + " and " + radius[b]);
                    }
                    Range allowedRadius = TissueBinder.vesselRadius(grid);
                    if (!allowedRadius.contains(r)) {
                        throw ScenarioException.at(at, keyPath, item + ": radius " + Range.format(r) + " µm must be "
                                + allowedRadius.describe());
                    }
                    segments.add(new TissueSpec.NetworkSegment(pa, pb, r, linePerfused, lineGroup));
                }
                start = end;
            }
        }
        if (segments.isEmpty()) {
            throw ScenarioException.at(at, keyPath, "the file has no line segments");
        }
        NetworkChecks.somePerfused(segments, "line", "CellData '" + PERFUSED_ARRAY + "' is 0 everywhere", at, keyPath);
        return new TissueSpec.NetworkVessel(file.toString(), radiusArray, unitUm, segments, groups);
    }

    /** The CellData array {@code name} with one value per cell, or null when the piece has none of that name. */
    private static double[] cellArray(Element piece, String name, int cells, SourceLocation at, String keyPath,
                                      String where) {
        NodeList cellData = piece.getElementsByTagName("CellData");
        if (cellData.getLength() == 0) {
            return null;
        }
        NodeList arrays = ((Element) cellData.item(0)).getElementsByTagName("DataArray");
        for (int i = 0; i < arrays.getLength(); i++) {
            if (name.equals(((Element) arrays.item(i)).getAttribute("Name"))) {
                return numbers((Element) cellData.item(0), name, cells, at, keyPath, where + " CellData array '" + name + "'");
            }
        }
        return null;
    }

    private static boolean flag(double value, SourceLocation at, String keyPath, String where, int line) {
        if (value != 0 && value != 1) {
            throw ScenarioException.at(at, keyPath, where + " line " + line + ": CellData '" + PERFUSED_ARRAY
                    + "' must be 1 (blood flows) or 0 (no flow: the line is left out), got " + value);
        }
        return value == 1;
    }

    private static String groupName(double value, java.util.Map<String, Double> groups, SourceLocation at,
                                    String keyPath, String where, int line) {
        String name = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        return NetworkChecks.definedGroup(name, groups, where + " line " + line, " (CellData '" + GROUP_ARRAY + "')",
                at, keyPath);
    }

    private static Element parse(Path file, String keyPath, SourceLocation from) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            Document d = f.newDocumentBuilder().parse(file.toFile());
            return d.getDocumentElement();
        } catch (IOException e) {
            throw ScenarioException.at(from, keyPath, "cannot read vessel network file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        } catch (SAXException | ParserConfigurationException e) {
            throw ScenarioException.at(SourceLocation.of(file.toString(), 0, 0), keyPath, "not well-formed XML ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static int count(Element piece, String attribute, SourceLocation at, String keyPath, String where) {
        try {
            int n = Integer.parseInt(piece.getAttribute(attribute).strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException bad) {
            // reported below
        }
        throw ScenarioException.at(at, keyPath, where + ": " + attribute + " must be a count >= 0, got '"
                + piece.getAttribute(attribute) + "'");
    }

    private static Element only(Element parent, String tag, SourceLocation at, String keyPath, String where) {
        NodeList list = parent.getElementsByTagName(tag);
        if (list.getLength() != 1) {
            throw ScenarioException.at(at, keyPath, where + ": expected one <" + tag + ">, found " + list.getLength());
        }
        return (Element) list.item(0);
    }

    /** The values of the DataArray named {@code name} (the only one when null); {@code expected} < 0: any count. */
    private static double[] numbers(Element parent, String name, int expected, SourceLocation at, String keyPath,
                                    String what) {
        NodeList arrays = parent.getElementsByTagName("DataArray");
        Element array = null;
        for (int i = 0; i < arrays.getLength(); i++) {
            Element e = (Element) arrays.item(i);
            if (name == null || name.equals(e.getAttribute("Name"))) {
                array = e;
                break;
            }
        }
        if (array == null) {
            throw ScenarioException.at(at, keyPath, what + ": no such DataArray");
        }
        String format = array.getAttribute("format");
        if (!"ascii".equals(format)) {
            throw ScenarioException.at(at, keyPath, what + ": format '" + format + "' is not read; only format=\"ascii\" "
                    + "(re-save the file with ASCII data, e.g. vtkXMLPolyDataWriter.SetDataModeToAscii())");
        }
        String text = array.getTextContent().strip();
        String[] tokens = text.isEmpty() ? new String[0] : text.split("\\s+");
        if (expected >= 0 && tokens.length != expected) {
            throw ScenarioException.at(at, keyPath, what + ": expected " + expected + " values, found " + tokens.length);
        }
        double[] values = new double[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            try {
                values[i] = Double.parseDouble(tokens[i]);
            } catch (NumberFormatException bad) {
                values[i] = Double.NaN;
            }
            if (!Double.isFinite(values[i])) {
                throw ScenarioException.at(at, keyPath, what + ": value " + i + " is not a finite number: '"
                        + tokens[i] + "'");
            }
        }
        return values;
    }

    private static int index(double value, int points, SourceLocation at, String keyPath, String where) {
        if (value != Math.rint(value) || value < 0 || value >= points) {
            throw ScenarioException.at(at, keyPath, where + ": point index " + value + " is not in 0.." + (points - 1)
                    + " (a dangling line)");
        }
        return (int) value;
    }

    private static Vec3 point(double[] xyz, int i, double unitUm, GridSpec grid, SourceLocation at, String keyPath,
                              String where) {
        Vec3 p = new Vec3(xyz[3 * i] * unitUm, xyz[3 * i + 1] * unitUm, xyz[3 * i + 2] * unitUm);
        NetworkChecks.insideDomain(p, where + " point " + i, at, keyPath, grid);
        return p;
    }
}
