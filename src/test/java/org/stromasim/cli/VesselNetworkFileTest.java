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
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.scenario.TissueSpec;
import org.stromasim.scenario.Vec3;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;

/**
 * Vessel networks from node–segment CSV files: what is read is what the file holds (a Y junction
 * written here), it survives the resolved-YAML round trip, and each bad network is refused with one
 * line naming the file, the line and the item, exit code 2, and no run directory.
 */
class VesselNetworkFileTest {

    @TempDir
    Path temp;

    private static final String NETWORK = """
            # a Y junction: a feeding vessel that splits in two
            node,1,50.5,50,10
            node,2,50.5,50,60
            node,3,20,50,100
            node,4,80,50,100
            segment,a,1,2,6
            segment,b,2,3,4.5
            segment,c,2,4,4.5
            """;

    /** The same Y junction as VTK XML PolyData in mm (two polylines sharing the branch point), VMTK's radius array. */
    private static final String VTP = """
            <?xml version="1.0"?>
            <VTKFile type="PolyData" version="0.1" byte_order="LittleEndian">
              <PolyData>
                <Piece NumberOfPoints="4" NumberOfVerts="0" NumberOfLines="2" NumberOfStrips="0" NumberOfPolys="0">
                  <PointData Scalars="MaximumInscribedSphereRadius">
                    <DataArray type="Float64" Name="MaximumInscribedSphereRadius" format="ascii">0.006 0.006 0.003 0.003</DataArray>
                  </PointData>
                  <Points>
                    <DataArray type="Float64" NumberOfComponents="3" format="ascii">
                      0.0505 0.05 0.01  0.0505 0.05 0.06  0.02 0.05 0.1  0.08 0.05 0.1
                    </DataArray>
                  </Points>
                  <Lines>
                    <DataArray type="Int64" Name="connectivity" format="ascii">0 1 2 1 3</DataArray>
                    <DataArray type="Int64" Name="offsets" format="ascii">3 5</DataArray>
                  </Lines>
                </Piece>
              </PolyData>
            </VTKFile>
            """;

    private Path scenarioWithVtp(String vtp, String extraKeys) throws IOException {
        Files.writeString(temp.resolve("net.vtp"), vtp);
        return scenarioWithVessels("[{shape: network, file: net.vtp" + extraKeys + "}]");
    }

    private Path scenarioWith(String network) throws IOException {
        return scenarioWith(network, "");
    }

    private Path scenarioWith(String network, String extraKeys) throws IOException {
        Files.writeString(temp.resolve("net.csv"), network);
        return scenarioWithVessels("[{shape: network, file: net.csv" + extraKeys + "}]");
    }

    /**
     * A segment with perfused flag 0 is left out (the tissue is the one built without it, voxel for voxel);
     * a group's permeability scale multiplies exactly that group's wall area; flags and groups survive the
     * resolved-YAML round trip.
     */
    @Test
    void unperfusedSegmentsAreLeftOutAndGroupsScaleTheirWall() throws IOException {
        Tissue all = TissueBuilder.build(ScenarioLoader.load(scenarioWith(NETWORK)));
        Tissue withoutC = TissueBuilder.build(ScenarioLoader.load(scenarioWith(NETWORK.replace("segment,c,2,4,4.5\n", ""))));
        Tissue cUnperfused = TissueBuilder.build(ScenarioLoader.load(scenarioWith(
                NETWORK.replace("segment,c,2,4,4.5", "segment,c,2,4,4.5,0"))));
        assertEquals(java.util.Arrays.toString(withoutC.cell()), java.util.Arrays.toString(cUnperfused.cell()));
        org.junit.jupiter.api.Assertions.assertArrayEquals(withoutC.vesselWall().areaPerVolumePerUm(),
                cUnperfused.vesselWall().areaPerVolumePerUm());

        // branch b alone in group "leaky": its own wall patches count 2.5 (then 4) times, nothing else changes,
        // so per voxel the change is linear in (scale - 1): (S/V(2.5) - S/V(1)) / 1.5 = (S/V(4) - S/V(1)) / 3
        Scenario sc = ScenarioLoader.load(scenarioWith(NETWORK.replace("segment,b,2,3,4.5", "segment,b,2,3,4.5,1,leaky"),
                ", groups: {leaky: {permeability_scale: 2.5}}"));
        float[] one = all.vesselWall().areaPerVolumePerUm();
        float[] scaled = TissueBuilder.build(sc).vesselWall().areaPerVolumePerUm();
        float[] four = TissueBuilder.build(ScenarioLoader.load(scenarioWith(
                NETWORK.replace("segment,b,2,3,4.5", "segment,b,2,3,4.5,1,leaky"),
                ", groups: {leaky: {permeability_scale: 4}}"))).vesselWall().areaPerVolumePerUm();
        double changed = 0;
        for (int v = 0; v < one.length; v++) {
            double perUnitScale = (four[v] - (double) one[v]) / 3;
            // float sums of ~10³ patch areas per voxel: rounding up to about 3e-5 of the value
            assertEquals(perUnitScale, (scaled[v] - (double) one[v]) / 1.5, 3e-5 * Math.max(one[v], four[v]) + 1e-12,
                    "voxel " + v);
            assertTrue(perUnitScale >= -1e-6 * four[v], "voxel " + v);
            changed += perUnitScale;
        }
        // b's own wall: its side 2π·4.5·|b| at most (less what lies inside a, listed first), at least half of it
        double lengthB = Math.sqrt(30.5 * 30.5 + 40 * 40);
        double areaB = changed * Math.pow(all.grid().voxelUm(), 3);
        assertTrue(areaB > 0.5 * 2 * Math.PI * 4.5 * lengthB && areaB < 2 * Math.PI * 4.5 * (lengthB + 2 * 4.5),
                "b's wall " + areaB + " µm²");

        TissueSpec.NetworkVessel net = (TissueSpec.NetworkVessel) sc.tissue().vessels().get(0);
        assertEquals("leaky", net.segments().get(1).group());
        assertEquals(2.5, net.exchangeScale(net.segments().get(1)));
        assertEquals(1.0, net.exchangeScale(net.segments().get(0)));
        Scenario again = ScenarioLoader.parse(ScenarioLoader.toYaml(sc), "resolved.yaml", List.of());
        assertEquals(sc.tissue(), again.tissue());
    }

    @Test
    void badFlagsAndGroupsAreRefused() throws IOException {
        assertRefused(NETWORK.replace("segment,a,1,2,6", "segment,a,1,2,6,yes"), 6, "segment a: perfused must be 1",
                "got 'yes'");
        assertRefused(NETWORK.replace("segment,a,1,2,6", "segment,a,1,2,6,1,tumour"), 6,
                "segment a is in group 'tumour'", "does not define", "tissue.vessels[0].groups");
        assertRefused(NETWORK.replace("segment,a,1,2,6", "segment,a,1,2,6,1,2,3"), 6, "segment");
        Path none = scenarioWith(NETWORK.replace(",6\n", ",6,0\n").replace(",4.5\n", ",4.5,0\n"));
        CliHarness.Result r = CliHarness.run("run", none.toString(), "--out", temp.resolve("out").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("net.csv") && r.err().contains("no segment of the vessel network is perfused"),
                r.err());
        assertFalse(Files.exists(temp.resolve("out")), "nothing written");
    }


    private Path scenarioWithVessels(String vessels) throws IOException {
        String text = Files.readString(CliHarness.testScenario("tiny.yaml"));
        int at = text.indexOf("  vessels:");
        assertTrue(at >= 0, "tiny.yaml has a vessels list");
        int end = text.indexOf("\nspecies:", at);
        // replace tiny.yaml's vessel list (the last key of its tissue section) by the network
        String replaced = text.substring(0, at) + "  vessels: " + vessels + text.substring(end);
        Path scenario = temp.resolve("scenario.yaml");
        Files.writeString(scenario, replaced);
        return scenario;
    }

    @Test
    void networkReadsBackAsWrittenAndRoundTrips() throws IOException {
        Scenario sc = ScenarioLoader.load(scenarioWith(NETWORK));
        TissueSpec.NetworkVessel net = (TissueSpec.NetworkVessel) sc.tissue().vessels().get(0);
        assertEquals(List.of(
                new TissueSpec.NetworkSegment(new Vec3(50.5, 50, 10), new Vec3(50.5, 50, 60), 6),
                new TissueSpec.NetworkSegment(new Vec3(50.5, 50, 60), new Vec3(20, 50, 100), 4.5),
                new TissueSpec.NetworkSegment(new Vec3(50.5, 50, 60), new Vec3(80, 50, 100), 4.5)), net.segments());
        assertEquals(temp.resolve("net.csv").toAbsolutePath().normalize().toString(), net.file());
        Scenario again = ScenarioLoader.parse(ScenarioLoader.toYaml(sc), "resolved.yaml", List.of());
        assertEquals(sc.tissue(), again.tissue());
    }

    /**
     * The VTK file gives the same segments (mm × 1000 = µm; a segment's radius is the mean of its two
     * point radii: 6, then (6 + 3)/2 = 4.5 on each branch), and the resolved YAML keeps the array and unit.
     */
    @Test
    void vtkPolyDataCentrelinesReadAsTheSameJunction() throws IOException {
        Scenario sc = ScenarioLoader.load(scenarioWithVtp(VTP,
                ", radius_array: MaximumInscribedSphereRadius, length_unit_um: 1000"));
        TissueSpec.NetworkVessel net = (TissueSpec.NetworkVessel) sc.tissue().vessels().get(0);
        assertEquals(3, net.segments().size());
        double[][] expected = {{50.5, 50, 10, 50.5, 50, 60, 6}, {50.5, 50, 60, 20, 50, 100, 4.5},
            {50.5, 50, 60, 80, 50, 100, 4.5}};
        for (int i = 0; i < 3; i++) {
            TissueSpec.NetworkSegment seg = net.segments().get(i);
            double[] got = {seg.fromUm().x(), seg.fromUm().y(), seg.fromUm().z(), seg.toUm().x(), seg.toUm().y(),
                seg.toUm().z(), seg.radiusUm()};
            for (int c = 0; c < 7; c++) {
                assertEquals(expected[i][c], got[c], 1e-9, "segment " + i + " value " + c);
            }
        }
        Scenario again = ScenarioLoader.parse(ScenarioLoader.toYaml(sc), "resolved.yaml", List.of());
        assertEquals(sc.tissue(), again.tissue());
    }

    /** The Y junction's two lines: the first (two segments) perfused, the second (one segment) not; both in group 3. */
    private static final String VTP_WITH_CELL_DATA = VTP.replace("</PointData>", """
            </PointData>
                  <CellData>
                    <DataArray type="Int32" Name="perfused" format="ascii">1 0</DataArray>
                    <DataArray type="Int32" Name="group" format="ascii">3 3</DataArray>
                  </CellData>""");

    @Test
    void vtkCellDataCarriesPerfusionAndGroups() throws IOException {
        String keys = ", radius_array: MaximumInscribedSphereRadius, length_unit_um: 1000, groups: {3: {permeability_scale: 2}}";
        Scenario sc = ScenarioLoader.load(scenarioWithVtp(VTP_WITH_CELL_DATA, keys));
        TissueSpec.NetworkVessel net = (TissueSpec.NetworkVessel) sc.tissue().vessels().get(0);
        assertEquals(List.of(true, true, false), net.segments().stream().map(TissueSpec.NetworkSegment::perfused).toList());
        assertEquals(List.of("3", "3", "3"), net.segments().stream().map(TissueSpec.NetworkSegment::group).toList());
        assertEquals(List.of(2.0, 2.0, 0.0), net.segments().stream().map(net::exchangeScale).toList());
        Scenario again = ScenarioLoader.parse(ScenarioLoader.toYaml(sc), "resolved.yaml", List.of());
        assertEquals(sc.tissue(), again.tissue());

        String plain = ", radius_array: MaximumInscribedSphereRadius, length_unit_um: 1000";
        assertVtpRefused(VTP_WITH_CELL_DATA, plain, "line 0 is in group '3'", "does not define");
        assertVtpRefused(VTP_WITH_CELL_DATA.replace(">1 0<", ">2 0<"), keys, "line 0", "must be 1", "got 2.0");
        assertVtpRefused(VTP_WITH_CELL_DATA.replace(">1 0<", ">0 0<"), keys, "no line of the vessel network is perfused");
        assertVtpRefused(VTP_WITH_CELL_DATA.replace(">3 3<", ">3<"), keys, "CellData array 'group'", "expected 2 values");
    }

    private void assertVtpRefused(String vtp, String extraKeys, String... fragments) throws IOException {
        Path scenario = scenarioWithVtp(vtp, extraKeys);
        Path out = temp.resolve("out");
        CliHarness.Result r = CliHarness.run("run", scenario.toString(), "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains("net.vtp"), "names the file: " + err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "message lacks '" + f + "': " + err);
        }
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void badVtkFilesAreRefused() throws IOException {
        String keys = ", radius_array: MaximumInscribedSphereRadius, length_unit_um: 1000";
        assertVtpRefused(VTP.replace("0 1 2 1 3", "0 1 2 1 7"), keys, "point index 7.0 is not in 0..3", "dangling");
        assertVtpRefused(VTP, ", length_unit_um: 1000", "PointData array 'radius'", "no such DataArray");
        assertVtpRefused(VTP.replace("0.006 0.006 0.003 0.003", "0.006 0 0.003 0.003"), keys, "radius must be > 0");
        // a radius in the wrong unit (6 mm for 6 µm) is wider than the domain: refused, not voxelised for minutes
        assertVtpRefused(VTP.replace("0.006 0.006 0.003 0.003", "6 6 0.003 0.003"), keys, "radius 6000 µm must be in (0, ",
                "the domain's longest edge");
        assertVtpRefused(VTP.replace("0.08 0.05 0.1", "0.08 0.05 0.9"), keys, "point 3", "outside the domain");
        assertVtpRefused(VTP.replace("Name=\"connectivity\" format=\"ascii\"", "Name=\"connectivity\" format=\"binary\""),
                keys, "only format=\"ascii\"");
    }

    private void assertRefused(String network, int line, String... fragments) throws IOException {
        Path scenario = scenarioWith(network);
        Path out = temp.resolve("out");
        CliHarness.Result r = CliHarness.run("run", scenario.toString(), "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains("net.csv:" + line + ":"), "file and line: " + err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "message lacks '" + f + "': " + err);
        }
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void danglingSegment() throws IOException {
        assertRefused(NETWORK.replace("segment,c,2,4,4.5", "segment,c,2,9,4.5"), 8, "segment c is dangling", "node 9");
    }

    @Test
    void zeroLengthSegment() throws IOException {
        assertRefused(NETWORK.replace("node,3,20,50,100", "node,3,50.5,50,60"), 7, "segment b has zero length");
    }

    @Test
    void zeroOrNegativeRadius() throws IOException {
        assertRefused(NETWORK.replace("segment,a,1,2,6", "segment,a,1,2,0"), 6, "segment a: radius_um must be > 0");
        assertRefused(NETWORK.replace("segment,a,1,2,6", "segment,a,1,2,-2"), 6, "segment a: radius_um must be > 0");
        assertRefused(NETWORK.replace("segment,a,1,2,6", "segment,a,1,2,6e6"), 6, "segment a: radius_um = 6e6 (6000000 µm)"
                + " must be in (0, ");
    }

    @Test
    void nodeOutsideTheDomain() throws IOException {
        assertRefused(NETWORK.replace("node,4,80,50,100", "node,4,80,50,-5"), 5, "node 4", "outside the domain");
    }
}
