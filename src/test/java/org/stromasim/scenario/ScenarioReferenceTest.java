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

    @Test
    void referenceExamplesAreValidFragments() throws Exception {
        // the grid/run/tissue examples are pasted into a scenario and must load
        String doc = reference();
        assertTrue(doc.contains("grid: {nx: 48, ny: 48, nz: 40, voxel_um: 20}"));
        String text = ScenarioTexts.MINIMAL.replace("name: t\n", "name: t\n" + "grid: {nx: 48, ny: 48, nz: 40, voxel_um: 20}\n")
                .replaceFirst("grid:\n  nx: 10\n  ny: 10\n  nz: 10\n  voxel_um: 20\n", "");
        assertTrue(ScenarioLoader.parse(text, "doc.yaml", List.of()).grid().nx() == 48);
    }
}
