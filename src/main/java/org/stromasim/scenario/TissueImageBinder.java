package org.stromasim.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stromasim.imaging.Hdf5VolumeReader;
import org.stromasim.imaging.NrrdReader;
import org.stromasim.imaging.RawVolume;
import org.stromasim.imaging.ScalarVolume;
import org.stromasim.imaging.TiffStackReader;
import org.stromasim.imaging.VolumeFileException;
import org.stromasim.tissue.CellType;

/**
 * Binds one entry of {@code tissue.images} ({@link TissueImageSpec}): reads the file, places it in space
 * and maps its intensities to the field it sets, checking every sample, so that a tissue build never meets
 * a bad value. Each problem is one {@link ScenarioException} naming the scenario line and key, the file
 * and the item (header field, page, dataset or voxel (i, j, k) counted from 0, x fastest).
 */
final class TissueImageBinder {

    private static final String FORMATS = ".nrrd (raw, gzip or ascii), .tif/.tiff (multi-page) or .h5/.hdf5 (with dataset)";

    private TissueImageBinder() {
    }

    static TissueImageSpec image(YamlNode node, String path, GridSpec grid) {
        MapReader r = MapReader.of(node, path, "a tissue image", "file", "dataset", "sets", "species",
                "intensity_range", "value_range", "labels", "spacing_um", "origin_um", "length_unit_um");
        Map<String, TissueImageSpec.Target> targets = new LinkedHashMap<>();
        for (TissueImageSpec.Target t : TissueImageSpec.Target.values()) {
            targets.put(t.key(), t);
        }
        TissueImageSpec.Target sets = NodeReader.choice(r.require("sets", "one of " + String.join(", ", targets.keySet())),
                r.child("sets"), "field an image sets", targets);
        String text = r.text("file", "a path to a " + FORMATS + " file");
        Path file = TissueBinder.resolve(r.location(), text);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean hdf5 = name.endsWith(".h5") || name.endsWith(".hdf5");
        if (!hdf5 && !name.endsWith(".nrrd") && !name.endsWith(".tif") && !name.endsWith(".tiff")) {
            throw ScenarioException.badValue(r.get("file"), r.child("file"), "must name a " + FORMATS + " file");
        }
        String dataset = null;
        if (hdf5) {
            dataset = r.text("dataset", "the path of a 3D dataset in the HDF5 file, e.g. /stiffness");
        } else if (r.has("dataset")) {
            throw ScenarioException.badValue(r.get("dataset"), r.child("dataset"), "applies to HDF5 files (.h5, .hdf5) only");
        }
        String species = null;
        if (sets == TissueImageSpec.Target.INITIAL_CONCENTRATION) {
            species = r.text("species", "the name of the species whose initial concentration the image sets");
        } else if (r.has("species")) {
            throw ScenarioException.badValue(r.get("species"), r.child("species"), "applies to sets: initial_concentration only");
        }
        double[] intensityRange = null;
        double[] valueRange = null;
        Map<Integer, String> labels = null;
        if (sets == TissueImageSpec.Target.CELL) {
            for (String key : new String[]{"intensity_range", "value_range"}) {
                if (r.has(key)) {
                    throw ScenarioException.badValue(r.get(key), r.child(key),
                            "does not apply to a label image (sets: cell maps labels through labels:)");
                }
            }
            labels = labels(r);
        } else {
            if (r.has("labels")) {
                throw ScenarioException.badValue(r.get("labels"), r.child("labels"), "applies to sets: cell only");
            }
            if (r.has("intensity_range") != r.has("value_range")) {
                String missing = r.has("intensity_range") ? "value_range" : "intensity_range";
                throw ScenarioException.at(r.location(), r.child(missing), "missing: intensity_range and value_range"
                        + " together define the linear map from image intensity to " + unitOf(sets));
            }
            if (r.has("intensity_range")) {
                intensityRange = pair(r, "intensity_range", Range.anyFinite(""));
                if (!(intensityRange[1] > intensityRange[0])) {
                    throw ScenarioException.badValue(r.get("intensity_range"), r.child("intensity_range"),
                            "must be [low, high] with high > low");
                }
                valueRange = pair(r, "value_range", valueRange(sets));
            }
        }
        Vec3 spacing = r.optionalVec3("spacing_um", Range.positive("µm"));
        Vec3 origin = r.optionalVec3("origin_um", Range.anyFinite("µm"));
        Double lengthUnit = r.optionalNumber("length_unit_um", Range.positive("µm per file unit"));

        String where = "tissue image " + file;
        String keyPath = r.child("file");
        if (!Files.isRegularFile(file)) {
            throw ScenarioException.at(r.location(), keyPath, where + ": file not found");
        }
        RawVolume raw;
        try {
            raw = hdf5 ? Hdf5VolumeReader.read(file, dataset)
                    : name.endsWith(".nrrd") ? NrrdReader.read(file) : TiffStackReader.read(file);
        } catch (VolumeFileException e) {
            throw ScenarioException.at(r.location(), keyPath, where + ": " + e.getMessage());
        } catch (IOException e) {
            throw ScenarioException.at(r.location(), keyPath, where + ": cannot read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        double unitUm = Double.isNaN(raw.unitUm()) ? (lengthUnit == null ? 1.0 : lengthUnit) : raw.unitUm();
        if (lengthUnit != null && !Double.isNaN(raw.unitUm()) && lengthUnit != raw.unitUm()) {
            throw ScenarioException.badValue(r.get("length_unit_um"), r.child("length_unit_um"), "contradicts the file,"
                    + " which states its unit (" + Range.format(raw.unitUm()) + " µm); remove length_unit_um");
        }
        double[] spacingUm;
        if (spacing != null) {
            spacingUm = new double[]{spacing.x(), spacing.y(), spacing.z()};
        } else if (raw.spacing() != null) {
            spacingUm = scaled(raw.spacing(), unitUm);
        } else {
            throw ScenarioException.at(r.location(), r.child("spacing_um"), where + ": spacing missing: the file states no"
                    + " voxel spacing" + (name.endsWith(".tif") || name.endsWith(".tiff")
                    ? " (TIFF has no tag for the distance between pages)" : "")
                    + "; give spacing_um: [x, y, z] in µm");
        }
        double[] originUm = origin != null ? new double[]{origin.x(), origin.y(), origin.z()}
                : raw.origin() != null ? scaled(raw.origin(), unitUm)
                : new double[]{spacingUm[0] / 2, spacingUm[1] / 2, spacingUm[2] / 2};
        float[] values = sets == TissueImageSpec.Target.CELL
                ? cellCodes(raw, labels, r.location(), keyPath, where)
                : mapped(raw, sets, intensityRange, valueRange, r.location(), keyPath, where);
        ScalarVolume volume = new ScalarVolume(raw.nx(), raw.ny(), raw.nz(), spacingUm, originUm, values,
                raw.spacing() == null ? null : scaled(raw.spacing(), unitUm));
        requireOverlap(volume, grid, r.location(), keyPath, where);
        return new TissueImageSpec(file.toString(), dataset, sets, species, intensityRange, valueRange, labels,
                spacing, origin, lengthUnit, volume);
    }

    /** The species an initial-concentration image names must be in the scenario (checked once species are bound). */
    static void checkSpecies(List<TissueImageSpec> images, List<SpeciesSpec> species, YamlNode tissueNode) {
        for (int i = 0; i < images.size(); i++) {
            TissueImageSpec image = images.get(i);
            if (image.species() == null || species.stream().anyMatch(s -> s.name().equals(image.species()))) {
                continue;
            }
            String path = "tissue.images[" + i + "].species";
            YamlNode node = speciesNode(tissueNode, i);
            String names = String.join(", ", species.stream().map(SpeciesSpec::name).toList());
            throw ScenarioException.badValue(node, path, "names no species; allowed: one of " + names);
        }
    }

    private static YamlNode speciesNode(YamlNode tissueNode, int i) {
        YamlNode.MapNode tissue = (YamlNode.MapNode) tissueNode;
        YamlNode.ListNode list = (YamlNode.ListNode) tissue.entries().get("images").value();
        return ((YamlNode.MapNode) list.items().get(i)).entries().get("species").value();
    }

    private static Map<Integer, String> labels(MapReader r) {
        String path = r.child("labels");
        YamlNode.MapNode table = NodeReader.map(r.require("labels", "a map from integer label to a cell type, stroma or"
                + " keep, e.g. {0: keep, 1: cancer, 2: caf, 3: stroma}"), path, "integer label → cell type, stroma or keep");
        Map<String, String> choices = new LinkedHashMap<>();
        choices.put(TissueImageSpec.KEEP, TissueImageSpec.KEEP);
        choices.put(TissueImageSpec.STROMA, TissueImageSpec.STROMA);
        for (CellType c : CellType.values()) {
            if (c != CellType.VESSEL) {
                choices.put(c.key(), c.key());
            }
        }
        Map<Integer, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode.Entry> e : table.entries().entrySet()) {
            int label;
            try {
                label = Integer.parseInt(e.getKey().strip());
            } catch (NumberFormatException notInteger) {
                throw ScenarioException.at(e.getValue().keyLocation(), path + "." + e.getKey(),
                        "a label must be an integer, got '" + e.getKey() + "'");
            }
            labels.put(label, NodeReader.choice(e.getValue().value(), path + "." + e.getKey(),
                    "cell type, stroma or keep for a label (vessels come from tissue.vessels)", choices));
        }
        if (labels.isEmpty()) {
            throw ScenarioException.badValue(r.get("labels"), path, "must list at least one label");
        }
        return labels;
    }

    private static float[] cellCodes(RawVolume raw, Map<Integer, String> labels, SourceLocation at, String keyPath,
                                     String where) {
        float[] codes = new float[raw.values().length];
        Bad bad = new Bad();
        for (int v = 0; v < codes.length; v++) {
            float x = raw.values()[v];
            String cell = x == Math.rint(x) && Math.abs(x) <= Integer.MAX_VALUE ? labels.get((int) x) : null;
            if (cell == null) {
                bad.note(v, x);
            } else {
                codes[v] = cell.equals(TissueImageSpec.KEEP) ? TissueImageSpec.KEEP_CODE
                        : cell.equals(TissueImageSpec.STROMA) ? TissueImageSpec.STROMA_CODE : CellType.fromKey(cell).code();
            }
        }
        if (bad.count > 0) {
            throw ScenarioException.at(at, keyPath, where + ": " + bad.describe(raw) + " is not a label of the table"
                    + " (allowed: " + labels.keySet().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")
                    + "; add it to labels, with keep to leave such voxels as built)");
        }
        return codes;
    }

    private static float[] mapped(RawVolume raw, TissueImageSpec.Target sets, double[] intensity, double[] value,
                                  SourceLocation at, String keyPath, String where) {
        float[] out = new float[raw.values().length];
        Bad bad = new Bad();
        Range allowed = valueRange(sets);
        for (int v = 0; v < out.length; v++) {
            double x = raw.values()[v];
            if (intensity != null) {
                if (!(x >= intensity[0] && x <= intensity[1])) {
                    bad.note(v, x);
                    continue;
                }
                // The linear map of the scenario: intensity a → value_range[0], b → value_range[1].
                out[v] = (float) (value[0] + (x - intensity[0]) * (value[1] - value[0]) / (intensity[1] - intensity[0]));
            } else if (allowed.contains(x)) {
                out[v] = (float) x;
            } else {
                bad.note(v, x);
            }
        }
        if (bad.count > 0) {
            String range = intensity != null
                    ? "outside intensity_range [" + Range.format(intensity[0]) + ", " + Range.format(intensity[1]) + "]"
                    : "not " + allowed.describe() + " (the image is read as " + unitOf(sets)
                    + "; give intensity_range and value_range to map it)";
            throw ScenarioException.at(at, keyPath, where + ": " + bad.describe(raw) + " is " + range);
        }
        return out;
    }

    private static void requireOverlap(ScalarVolume v, GridSpec grid, SourceLocation at, String keyPath, String where) {
        double[] size = {grid.nx() * grid.voxelUm(), grid.ny() * grid.voxelUm(), grid.nz() * grid.voxelUm()};
        for (int a = 0; a < 3; a++) {
            double lo = v.originUm()[a] - v.spacingUm()[a] / 2;
            double hi = v.originUm()[a] + (v.size(a) - 0.5) * v.spacingUm()[a];
            // The first and last voxel centres of the grid on this axis.
            if (hi < grid.voxelUm() / 2 || lo > size[a] - grid.voxelUm() / 2) {
                throw ScenarioException.at(at, keyPath, where + ": covers no voxel of the domain: on " + "xyz".charAt(a)
                        + " it spans [" + Range.format(lo) + ", " + Range.format(hi) + "] µm, the domain [0, "
                        + Range.format(size[a]) + "] µm (check spacing_um, origin_um and the file's unit)");
            }
        }
    }

    private static Range valueRange(TissueImageSpec.Target sets) {
        return switch (sets) {
            case STIFFNESS_KPA -> Range.positive("kPa");
            case COLLAGEN_FRACTION -> new Range(0, false, 1, true, "volume fraction");
            default -> Range.nonNegative("species unit");
        };
    }

    private static String unitOf(TissueImageSpec.Target sets) {
        return switch (sets) {
            case STIFFNESS_KPA -> "stiffness in kPa";
            case COLLAGEN_FRACTION -> "collagen fibre volume fraction";
            default -> "concentration in the species' unit";
        };
    }

    /**
     * A collagen-fraction image needs a diffusivity law with a fibre fraction (Ogston or fibre matrix),
     * and every sample within its maximum (the fibre-matrix law caps φ: a voxel above the cap would not
     * hold the image's collagen). Checked once the ecm section is bound.
     */
    static void checkCollagenImages(List<TissueImageSpec> images, EcmSpec ecm, YamlNode tissueNode) {
        org.stromasim.matrix.FibreFractionStiffness law =
                org.stromasim.matrix.FibreFractionStiffness.of(ecm.diffusivityLaw());
        for (int i = 0; i < images.size(); i++) {
            TissueImageSpec image = images.get(i);
            if (image.sets() != TissueImageSpec.Target.COLLAGEN_FRACTION) {
                continue;
            }
            YamlNode.MapNode item = (YamlNode.MapNode) ((YamlNode.ListNode) ((YamlNode.MapNode) tissueNode).entries()
                    .get("images").value()).items().get(i);
            String path = "tissue.images[" + i + "]";
            if (law == null) {
                throw ScenarioException.badValue(item.entries().get("sets").value(), path + ".sets", "= collagen_fraction"
                        + " needs a diffusivity law with a fibre fraction (ecm.diffusivity_law.law: ogston or"
                        + " fibre_matrix), which turns it into the stiffness the model carries");
            }
            float[] values = image.volume().values();
            int worst = -1;
            int above = 0;
            for (int v = 0; v < values.length; v++) {
                if (values[v] > law.maxFraction()) {
                    above++;
                    if (worst < 0 || values[v] > values[worst]) {
                        worst = v;
                    }
                }
            }
            if (worst >= 0) {
                ScalarVolume vol = image.volume();
                throw ScenarioException.at(item.location(), path + ".file", "tissue image " + image.file() + ": sample ("
                        + worst % vol.nx() + ", " + (worst / vol.nx()) % vol.ny() + ", " + worst / (vol.nx() * vol.ny())
                        + ") = " + values[worst] + (above > 1 ? " (and " + (above - 1) + " more)" : "")
                        + " is above the collagen fraction the diffusivity law allows, " + Range.format(law.maxFraction())
                        + " (ecm.diffusivity_law.composition.max_collagen_fraction)");
            }
        }
    }

    private static double[] pair(MapReader r, String key, Range range) {
        YamlNode node = r.get(key);
        if (!(node instanceof YamlNode.ListNode l) || l.items().size() != 2) {
            throw ScenarioException.badValue(node, r.child(key), "must be a list [low, high] of two numbers");
        }
        return new double[]{NodeReader.number(l.items().get(0), r.child(key) + "[0]", range),
                NodeReader.number(l.items().get(1), r.child(key) + "[1]", range)};
    }

    private static double[] scaled(double[] v, double factor) {
        return new double[]{v[0] * factor, v[1] * factor, v[2] * factor};
    }

    /** The first bad sample and how many there are, for one message. */
    private static final class Bad {
        int first = -1;
        float value;
        long count;

        void note(int v, float x) {
            if (first < 0) {
                first = v;
                value = x;
            }
            count++;
        }

        void note(int v, double x) {
            note(v, (float) x);
        }

        String describe(RawVolume raw) {
            int i = first % raw.nx();
            int j = (first / raw.nx()) % raw.ny();
            int k = first / (raw.nx() * raw.ny());
            String more = count > 1 ? " (and " + (count - 1) + " more voxel" + (count > 2 ? "s" : "") + ")" : "";
            return "voxel (" + i + ", " + j + ", " + k + ") = " + Range.format(value) + more;
        }
    }
}
