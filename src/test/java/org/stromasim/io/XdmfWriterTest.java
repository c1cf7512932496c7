package org.stromasim.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.grid.Grid3D;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** run.xmf is valid XML describing a temporal series whose every data reference resolves to a real dataset. */
class XdmfWriterTest {

    private static final Grid3D GRID = new Grid3D(7, 5, 3, 4.0);
    private static final double[] TIMES_S = {0.0, 60.0, 120.5};

    @TempDir
    Path dir;

    @Test
    void everyDataItemPointsAtAnExistingDatasetOfTheStatedShape() throws Exception {
        RunDirectory run = writeRun();
        Document doc = parse(run.xdmfFile());

        Element series = (Element) doc.getElementsByTagName("Grid").item(0);
        assertEquals("Collection", series.getAttribute("GridType"));
        assertEquals("Temporal", series.getAttribute("CollectionType"));
        List<Element> steps = childElements(series, "Grid");
        assertEquals(TIMES_S.length, steps.size());

        int checkedItems = 0;
        for (int s = 0; s < steps.size(); s++) {
            Element step = steps.get(s);
            assertEquals(TIMES_S[s], Double.parseDouble(childElements(step, "Time").get(0).getAttribute("Value")));
            Element topology = childElements(step, "Topology").get(0);
            assertEquals("3DCoRectMesh", topology.getAttribute("TopologyType"));
            assertEquals("4 6 8", topology.getAttribute("Dimensions"), "node counts nz+1 ny+1 nx+1");
            Element geometry = childElements(step, "Geometry").get(0);
            assertEquals("ORIGIN_DXDYDZ", geometry.getAttribute("GeometryType"));
            List<Element> geometryItems = childElements(geometry, "DataItem");
            assertEquals("0.0 0.0 0.0", geometryItems.get(0).getTextContent().trim());
            assertEquals("4.0 4.0 4.0", geometryItems.get(1).getTextContent().trim());

            List<String> attributeNames = new ArrayList<>();
            for (Element attribute : childElements(step, "Attribute")) {
                assertEquals("Cell", attribute.getAttribute("Center"));
                attributeNames.add(attribute.getAttribute("Name"));
                Element item = childElements(attribute, "DataItem").get(0);
                assertEquals("HDF", item.getAttribute("Format"));
                assertEquals("Float", item.getAttribute("NumberType"));
                assertEquals("4", item.getAttribute("Precision"));
                int[] stated = Arrays.stream(item.getAttribute("Dimensions").trim().split("\\s+"))
                        .mapToInt(Integer::parseInt).toArray();
                assertArrayEquals(new int[] {3, 5, 7}, stated, "Dimensions nz ny nx");

                String[] reference = item.getTextContent().trim().split(":", 2);
                Path h5 = run.xdmfFile().getParent().resolve(reference[0]);
                assertEquals(run.snapshotFile(s), h5.normalize(), "time step " + s + " refers to its own snapshot");
                try (HdfFile hdf = new HdfFile(h5)) {
                    Dataset dataset = hdf.getDatasetByPath(reference[1]);
                    assertNotNull(dataset, reference[1]);
                    assertArrayEquals(stated, dataset.getDimensions(), reference[1]);
                    assertEquals(float.class, dataset.getJavaType(), reference[1]);
                }
                checkedItems++;
            }
            assertEquals(List.of("cell", "stiffness_kpa", "viability", "vessel_distance_um", "drug", "il6",
                    "drug_exposure"), attributeNames);
        }
        assertEquals(TIMES_S.length * 7, checkedItems);
    }

    @Test
    void rebuildingFromTheSnapshotFilesGivesTheSameIndex() throws Exception {
        RunDirectory run = writeRun();
        String incremental = Files.readString(run.xdmfFile());
        Files.delete(run.xdmfFile());

        XdmfWriter rebuilt = XdmfWriter.rebuild(run.xdmfFile(), run.listSnapshots());
        assertEquals(incremental, Files.readString(run.xdmfFile()));
        assertEquals(TIMES_S.length, rebuilt.snapshots().size());
    }

    @Test
    void rewritingASnapshotOrdinalReplacesItsEntry() throws Exception {
        RunDirectory run = writeRun();
        XdmfWriter xdmf = XdmfWriter.rebuild(run.xdmfFile(), run.listSnapshots());
        xdmf.add(SnapshotWriter.write(run.snapshotsDir(), TestStates.filledTissue(GRID, 99), TestStates.info(2, 90, 9)));
        assertEquals(List.of(0.0, 60.0, 90.0), xdmf.snapshots().stream().map(h -> h.info().timeS()).toList());
        assertEquals(3, parse(run.xdmfFile()).getElementsByTagName("Time").getLength());
    }

    @Test
    void speciesNamesAreEscapedInXml() {
        String xml = XdmfWriter.toXml(dir, List.of(new SnapshotHeader(dir.resolve("snapshots/snap_000000.h5"), 1, GRID,
                List.of("a<b&c"), List.of("a<b&c"), TestStates.info(0, 0, 0))));
        assertTrue(xml.contains("Name=\"a&lt;b&amp;c\""), xml);
        assertTrue(xml.contains("snapshots/snap_000000.h5:/fields/a&lt;b&amp;c"), xml);
    }

    /** A run with three snapshots, the index updated after each as the simulation will do. */
    private RunDirectory writeRun() throws Exception {
        RunDirectory run = RunDirectory.create(dir.resolve("run"), TestStates.SCENARIO_YAML, false);
        XdmfWriter xdmf = new XdmfWriter(run.xdmfFile());
        for (int s = 0; s < TIMES_S.length; s++) {
            xdmf.add(SnapshotWriter.write(run.snapshotsDir(), TestStates.filledTissue(GRID, s),
                    TestStates.info(s, TIMES_S[s], 10L * s)));
            assertEquals(s + 1, parse(run.xdmfFile()).getElementsByTagName("Time").getLength(),
                    "run.xmf is complete after snapshot " + s);
        }
        assertTrue(Files.notExists(run.root().resolve(".run.xmf.tmp")));
        return run;
    }

    private static Document parse(Path xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    }

    private static List<Element> childElements(Element parent, String tag) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int n = 0; n < nodes.getLength(); n++) {
            if (nodes.item(n) instanceof Element element && element.getTagName().equals(tag)) {
                children.add(element);
            }
        }
        return children;
    }
}
