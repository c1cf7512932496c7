package org.stromasim.io;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.stromasim.grid.Grid3D;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Keeps {@code run.xmf}, an XDMF 3 temporal collection over every snapshot written so far, so that
 * ParaView (or VisIt) can open the run at any moment, even while it is still running or after it was
 * killed. Each snapshot is a uniform grid: 3DCoRectMesh topology with (nz+1, ny+1, nx+1) nodes,
 * ORIGIN_DXDYDZ geometry in µm, and one cell-centred scalar per field, read from the snapshot's HDF5
 * dataset. The file is rewritten whole and atomically after each snapshot.
 */
public final class XdmfWriter {

    private final Path xmfFile;
    private final List<SnapshotHeader> snapshots = new ArrayList<>();

    /** An index with no snapshots yet; nothing is written until {@link #add}. */
    public XdmfWriter(Path xmfFile) {
        this.xmfFile = xmfFile.toAbsolutePath();
    }

    /** An index over existing snapshot files (e.g. when resuming), written at once. */
    public static XdmfWriter rebuild(Path xmfFile, List<Path> snapshotFiles) throws IOException {
        XdmfWriter writer = new XdmfWriter(xmfFile);
        for (Path file : snapshotFiles) {
            writer.putEntry(SnapshotReader.readHeader(file));
        }
        writer.rewrite();
        return writer;
    }

    public Path file() {
        return xmfFile;
    }

    /** The indexed snapshots, in time order. */
    public List<SnapshotHeader> snapshots() {
        return List.copyOf(snapshots);
    }

    /** Adds (or replaces, by ordinal) one snapshot and rewrites the file. */
    public void add(SnapshotHeader snapshot) throws IOException {
        putEntry(snapshot);
        rewrite();
    }

    private void putEntry(SnapshotHeader snapshot) {
        snapshots.removeIf(s -> s.info().ordinal() == snapshot.info().ordinal());
        snapshots.add(snapshot);
        snapshots.sort(Comparator.comparingDouble((SnapshotHeader s) -> s.info().timeS())
                .thenComparingInt(s -> s.info().ordinal()));
    }

    private void rewrite() throws IOException {
        AtomicFiles.writeString(xmfFile, toXml(xmfFile.getParent(), snapshots));
    }

    /** The XDMF document; HDF5 paths are relative to {@code xmfDirectory} so the run directory can be moved. */
    static String toXml(Path xmfDirectory, List<SnapshotHeader> snapshots) {
        Document doc = newDocument();
        Element xdmf = doc.createElement("Xdmf");
        xdmf.setAttribute("Version", "3.0");
        doc.appendChild(xdmf);
        Element domain = child(xdmf, "Domain");
        Element series = child(domain, "Grid");
        series.setAttribute("Name", "run");
        series.setAttribute("GridType", "Collection");
        series.setAttribute("CollectionType", "Temporal");
        for (SnapshotHeader snapshot : snapshots) {
            appendSnapshot(series, snapshot, relativeHdf5Path(xmfDirectory, snapshot.file()));
        }
        return serialise(doc);
    }

    private static void appendSnapshot(Element series, SnapshotHeader snapshot, String hdf5Path) {
        Grid3D grid = snapshot.grid();
        Element uniform = child(series, "Grid");
        uniform.setAttribute("Name", snapshot.file().getFileName().toString());
        uniform.setAttribute("GridType", "Uniform");
        child(uniform, "Time").setAttribute("Value", Double.toString(snapshot.info().timeS()));

        Element topology = child(uniform, "Topology");
        topology.setAttribute("TopologyType", "3DCoRectMesh");
        // Node counts, slowest axis first (z y x), one more than the voxel counts.
        topology.setAttribute("Dimensions", (grid.nz() + 1) + " " + (grid.ny() + 1) + " " + (grid.nx() + 1));

        Element geometry = child(uniform, "Geometry");
        geometry.setAttribute("GeometryType", "ORIGIN_DXDYDZ");
        // ORIGIN_DXDYDZ lists z, y, x; the domain corner is the origin and lengths are µm.
        inlineTriple(geometry, "Origin", 0, 0, 0);
        inlineTriple(geometry, "Spacing", grid.voxelUm(), grid.voxelUm(), grid.voxelUm());

        String cellDims = grid.nz() + " " + grid.ny() + " " + grid.nx();
        for (String field : snapshot.fieldNames()) {
            Element attribute = child(uniform, "Attribute");
            attribute.setAttribute("Name", field);
            attribute.setAttribute("AttributeType", "Scalar");
            attribute.setAttribute("Center", "Cell");
            Element item = child(attribute, "DataItem");
            item.setAttribute("Dimensions", cellDims);
            item.setAttribute("NumberType", "Float");
            item.setAttribute("Precision", "4");
            item.setAttribute("Format", "HDF");
            item.setTextContent(hdf5Path + ":" + SnapshotLayout.fieldPath(field));
        }
        appendVectors(uniform, snapshot, hdf5Path, cellDims);
    }

    /**
     * Fields named STEM_x_UNIT, STEM_y_UNIT, STEM_z_UNIT (all three present) also appear as one vector
     * attribute STEM_UNIT, joined by an XDMF function, so ParaView draws glyphs and streamlines.
     */
    private static void appendVectors(Element uniform, SnapshotHeader snapshot, String hdf5Path, String cellDims) {
        for (String field : snapshot.fieldNames()) {
            int at = field.indexOf("_x_");
            if (at <= 0) {
                continue;
            }
            String stem = field.substring(0, at);
            String unit = field.substring(at + 3);
            String y = stem + "_y_" + unit;
            String z = stem + "_z_" + unit;
            if (!snapshot.fieldNames().contains(y) || !snapshot.fieldNames().contains(z)) {
                continue;
            }
            Element attribute = child(uniform, "Attribute");
            attribute.setAttribute("Name", stem + "_" + unit);
            attribute.setAttribute("AttributeType", "Vector");
            attribute.setAttribute("Center", "Cell");
            Element join = child(attribute, "DataItem");
            join.setAttribute("ItemType", "Function");
            join.setAttribute("Function", "JOIN($0, $1, $2)");
            join.setAttribute("Dimensions", cellDims + " 3");
            for (String component : new String[] {field, y, z}) {
                Element item = child(join, "DataItem");
                item.setAttribute("Dimensions", cellDims);
                item.setAttribute("NumberType", "Float");
                item.setAttribute("Precision", "4");
                item.setAttribute("Format", "HDF");
                item.setTextContent(hdf5Path + ":" + SnapshotLayout.fieldPath(component));
            }
        }
    }

    private static void inlineTriple(Element parent, String name, double z, double y, double x) {
        Element item = child(parent, "DataItem");
        item.setAttribute("Name", name);
        item.setAttribute("Dimensions", "3");
        item.setAttribute("NumberType", "Float");
        item.setAttribute("Precision", "8");
        item.setAttribute("Format", "XML");
        item.setTextContent(String.format(Locale.ROOT, "%s %s %s", z, y, x));
    }

    private static String relativeHdf5Path(Path xmfDirectory, Path hdf5File) {
        Path relative = xmfDirectory.toAbsolutePath().relativize(hdf5File.toAbsolutePath());
        // XDMF readers expect '/' on every platform.
        return relative.toString().replace('\\', '/');
    }

    private static Element child(Element parent, String name) {
        Element element = parent.getOwnerDocument().createElement(name);
        parent.appendChild(element);
        return element;
    }

    private static Document newDocument() {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException jdkBroken) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured", jdkBroken);
        }
    }

    private static String serialise(Document doc) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException jdkBroken) {
            throw new IllegalStateException("the JDK's XML serialiser failed on an in-memory document", jdkBroken);
        }
    }
}
