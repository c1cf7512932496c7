package org.stromasim.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stromasim.io.AtomicFiles;

/**
 * {@code manifest.json} of a sweep directory: what was swept and every point (index, run directory,
 * parameters, replicate, seed). Written once when the sweep is expanded; a re-run, {@code sweep
 * run-point} (one Slurm array task) and {@code sweep collect} read it.
 *
 * @param sweepFile  the sweep file it was expanded from
 * @param base       the base scenario (a path, or "embedded default")
 * @param axes       swept key paths in axis order, and whether each is log-spaced
 * @param replicates runs per parameter point
 * @param points     every run
 */
public record SweepManifest(String sweepFile, String base, Map<String, Boolean> axes, int replicates,
                            List<SweepPoint> points) {

    public static final String FILE = "manifest.json";
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SweepManifest {
        axes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(axes));
        points = List.copyOf(points);
    }

    public List<String> axisKeys() {
        return List.copyOf(axes.keySet());
    }

    public boolean isLogarithmic(String axis) {
        return axes.getOrDefault(axis, false);
    }

    public SweepPoint point(int index) {
        if (index < 0 || index >= points.size()) {
            throw new IllegalArgumentException("point index " + index + " is outside this sweep (allowed: 0.."
                    + (points.size() - 1) + ")");
        }
        return points.get(index);
    }

    public void write(Path sweepDir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("sweep_file", sweepFile);
        root.put("base", base);
        ObjectNode axisNode = root.putObject("axes");
        axes.forEach((k, log) -> axisNode.putObject(k).put("logarithmic", log));
        root.put("replicates", replicates);
        ArrayNode list = root.putArray("points");
        for (SweepPoint p : points) {
            ObjectNode node = list.addObject();
            node.put("index", p.index());
            node.put("run_dir", p.runDir());
            ObjectNode params = node.putObject("parameters");
            p.parameters().forEach(params::put);
            node.put("replicate", p.replicate());
            node.put("seed", p.seed());
        }
        AtomicFiles.writeString(sweepDir.resolve(FILE), JSON.writeValueAsString(root) + "\n");
    }

    public static SweepManifest read(Path sweepDir) throws IOException {
        Path file = sweepDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(sweepDir + " is not a sweep directory (no " + FILE + "; create one with "
                    + "'stromasim sweep SWEEP.yaml --out DIR')");
        }
        JsonNode root = JSON.readTree(file.toFile());
        int version = root.path("format_version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IOException(file + ": format_version " + root.path("format_version")
                    + " is not one this stromasim reads (" + FORMAT_VERSION + ")");
        }
        Map<String, Boolean> axes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("axes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            axes.put(e.getKey(), e.getValue().path("logarithmic").asBoolean(false));
        }
        List<SweepPoint> points = new ArrayList<>();
        for (JsonNode node : root.path("points")) {
            Map<String, String> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.path("parameters").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
            points.add(new SweepPoint(node.path("index").asInt(), node.path("run_dir").asText(), params,
                    node.path("replicate").asInt(), node.path("seed").asLong()));
        }
        return new SweepManifest(root.path("sweep_file").asText(), root.path("base").asText(), axes,
                root.path("replicates").asInt(1), points);
    }
}
