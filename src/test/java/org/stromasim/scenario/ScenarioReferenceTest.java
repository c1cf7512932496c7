package org.stromasim.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Face;
import org.stromasim.tissue.CellType;

/** docs/scenario-reference.md must document every key the records define, so it cannot drift. */
class ScenarioReferenceTest {

    private static String reference() throws IOException {
        return Files.readString(Path.of("docs/scenario-reference.md"));
    }

    /** Every public record of the scenario package, found on the compiled classpath. */
    private static List<Class<?>> publicRecords() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(Scenario.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/stromasim/scenario");
        List<Class<?>> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String simple = f.getFileName().toString().replace(".class", "");
                Class<?> c = Class.forName("org.stromasim.scenario." + simple);
                if (c.isRecord() && isPublicApi(c)) {
                    records.add(c);
                }
            }
        }
        return records;
    }

    /** Public, and so are the classes around it (records nested in the internal YamlNode are not API). */
    private static boolean isPublicApi(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /** recordComponent → yaml_key: the naming rule the loader uses (d0Um2PerS → d0_um2_per_s). */
    static String yamlKey(String componentName) {
        return componentName.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void everyRecordComponentIsDocumented() throws Exception {
        String doc = reference();
        List<Class<?>> records = publicRecords();
        assertTrue(records.size() >= 20, "expected the scenario records, found " + records);
        List<String> missing = new ArrayList<>();
        for (Class<?> r : records) {
            for (RecordComponent c : r.getRecordComponents()) {
                String key = yamlKey(c.getName());
                if (!doc.contains("`" + key + "`")) {
                    missing.add(r.getSimpleName() + "." + c.getName() + " (`" + key + "`)");
                }
            }
        }
        assertTrue(missing.isEmpty(), "docs/scenario-reference.md lacks: " + missing);
    }

    @Test
    void everyNamedChoiceIsDocumented() throws Exception {
        String doc = reference();
        List<String> words = new ArrayList<>();
        words.addAll(SubtypeNames.variants(DiffusivityLawSpec.class).keySet());
        words.addAll(SubtypeNames.variants(PlasmaCurveSpec.class).keySet());
        words.addAll(SubtypeNames.variants(TissueSpec.VesselSpec.class).keySet());
        words.addAll(ScenarioBinder.splittingNames().keySet());
        words.addAll(ScenarioBinder.schemeNames().keySet());
        words.addAll(ScenarioBinder.couplingNames().keySet());
        words.addAll(ScenarioBinder.coarseningNames().keySet());
        words.addAll(SpeciesBinder.unitNames().keySet());
        for (CellType t : CellType.values()) {
            words.add(t.key());
        }
        for (Face f : Face.values()) {
            words.add(f.key());
        }
        words.addAll(List.of("zero_flux", "periodic", "fixed", "default"));
        List<String> missing = words.stream().filter(w -> !doc.contains("`" + w + "`")).toList();
        assertTrue(missing.isEmpty(), "docs/scenario-reference.md lacks: " + missing);
    }

    /** Keys of a species entry: a doc example that starts with one goes into the first species. */
    private static final List<String> SPECIES_KEYS = List.of("boundaries", "vessel", "uptake", "secretion", "binding_per_s");

    /**
     * Every yaml example in docs/scenario-reference.md, read from the doc itself, loads when pasted into a
     * shipped scenario in place of what it documents: a top-level section replaces that section, a
     * species key replaces the first species' key, an indented block replaces the key of that name.
     */
    @Test
    void everyExampleInTheDocLoadsInAShippedScenario() throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("```yaml\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(reference());
        int examples = 0;
        while (m.find()) {
            String block = m.group(1);
            String key = block.strip().split(":", 2)[0].strip();
            String base = Files.readString(Path.of("configs", key.equals("biology") ? "fibrotic-stroma.yaml" : "default.yaml"));
            String text = pasted(base, block, key);
            assertTrue(!text.equals(base), "example not placed: " + block);
            try {
                ScenarioLoader.parse(text, "doc-example.yaml", List.of());
            } catch (RuntimeException e) {
                throw new AssertionError("docs/scenario-reference.md example does not load:\n" + block + "\n" + e.getMessage(), e);
            }
            examples++;
        }
        assertTrue(examples >= 10, "found only " + examples + " yaml examples in the doc");
    }

    /** {@code base} with the subtree of {@code key} (at the block's place) replaced by the block. */
    private static String pasted(String base, String block, String key) {
        List<String> lines = new ArrayList<>(List.of(base.split("\n", -1)));
        int blockIndent = block.indexOf(key);
        int indent;
        int from = -1;
        if (blockIndent == 0 && SPECIES_KEYS.contains(key)) {
            indent = 4;
            int species = lines.indexOf("species:");
            for (int i = species + 2; i < lines.size() && from < 0; i++) {
                if (lines.get(i).startsWith("  - ")) {
                    break; // the first species has no such key: insert it after its name
                }
                if (lines.get(i).startsWith("    " + key + ":")) {
                    from = i;
                }
            }
            if (from < 0) {
                from = species + 2;
                lines.add(from, "    " + key + ": {}");
            }
        } else {
            indent = blockIndent;
            for (int i = 0; i < lines.size() && from < 0; i++) {
                if (lines.get(i).startsWith(" ".repeat(indent) + key + ":")) {
                    from = i;
                }
            }
            if (from < 0) {
                return base;
            }
        }
        int to = from + 1;
        while (to < lines.size() && (lines.get(to).isBlank() || leading(lines.get(to)) > indent
                || lines.get(to).stripLeading().startsWith("#"))) {
            to++;
        }
        List<String> replacement = new ArrayList<>();
        for (String l : block.stripTrailing().split("\n")) {
            replacement.add(" ".repeat(indent - blockIndent) + l);
        }
        List<String> out = new ArrayList<>(lines.subList(0, from));
        out.addAll(replacement);
        out.addAll(lines.subList(to, lines.size()));
        return String.join("\n", out);
    }

    private static int leading(String line) {
        return line.length() - line.stripLeading().length();
    }
}
