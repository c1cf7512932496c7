package org.stromasim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stromasim.grid.Face;
import org.stromasim.scenario.SpeciesSpec.BoundarySpec;
import org.stromasim.scenario.SpeciesSpec.BoundaryType;
import org.stromasim.tissue.CellType;

class ScenarioLoaderTest {

    static Stream<Path> configFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("configs"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 3, "configs/ should hold default, normal-stroma and fibrotic-stroma: " + files);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("configFiles")
    void everyShippedScenarioLoadsAndRoundTrips(Path file) {
        Scenario s = ScenarioLoader.load(file);
        assertEquals(s, ScenarioLoader.parse(ScenarioLoader.toYaml(s), "resolved.yaml", List.of()));
        assertTrue(s.findSpecies(s.metrics().drugSpecies()).isPresent());
        assertTrue(s.metrics().exposureThresholdUnitS() > 0, "configs should set a meaningful exposure threshold");
    }

    @Test
    void embeddedDefaultIsConfigsDefaultAndDescribesTheDesignedTissue() {
        Scenario fromResource = ScenarioLoader.loadDefault();
        assertEquals(ScenarioLoader.load(Path.of("configs/default.yaml")), fromResource);
        assertEquals(List.of("drug", "lactate", "il6", "tgfb"),
                fromResource.species().stream().map(SpeciesSpec::name).toList());
        assertTrue(fromResource.ecm().diffusivityLaw() instanceof DiffusivityLawSpec.Ogston);
        assertTrue(fromResource.tissue().vessels().stream().anyMatch(v -> v instanceof TissueSpec.RandomWalkVessel));
        assertTrue(fromResource.tissue().vessels().stream().anyMatch(v -> v instanceof TissueSpec.StraightVessel));
        assertTrue(fromResource.findSpecies("drug").orElseThrow().vessel().plasma() instanceof PlasmaCurveSpec.Bolus);
        EcmSpec.RegionStiffness k = fromResource.ecm().stiffnessKpa();
        assertTrue(k.stroma() >= 3 * k.normal(), "default stroma should be fibrotic (several-fold stiffer)");
    }

    /**
     * The default scenario's size of work with the explicit scheme (what it asks of a machine), 1e9–1.2e10
     * voxel-species updates: the run time that amounts to is measured, not asserted here (speed belongs
     * to benchmarks/README.md: ~1e8 updates/s on two cores makes it tens of seconds to a few minutes).
     */
    @Test
    void defaultAsksForOneToTwelveBillionVoxelSpeciesUpdatesWithTheExplicitScheme() {
        Scenario s = ScenarioLoader.loadDefault();
        double dx = s.grid().voxelUm();
        double dMax = s.species().stream().mapToDouble(SpeciesSpec::d0Um2PerS).max().orElseThrow();
        double dt = s.run().stabilitySafety() * dx * dx / (6 * dMax);
        double updates = s.run().endTimeS() / dt * s.grid().toGrid().voxelCount() * s.species().size();
        assertTrue(updates > 1e9 && updates < 1.2e10, "voxel-species updates: " + updates);
    }

    @Test
    void normalAndFibroticStromaDifferOnlyInStiffness() {
        Scenario normal = ScenarioLoader.load(Path.of("configs/normal-stroma.yaml"));
        Scenario fibrotic = ScenarioLoader.load(Path.of("configs/fibrotic-stroma.yaml"));
        assertTrue(fibrotic.ecm().stiffnessKpa().stroma() > 3 * normal.ecm().stiffnessKpa().stroma());
        Scenario normalWithFibroticStiffness = new Scenario(fibrotic.name(), fibrotic.description(), normal.grid(),
                normal.run(), new EcmSpec(normal.ecm().diffusivityLaw(), fibrotic.ecm().stiffnessKpa(), normal.ecm().noise()),
                normal.tissue(), normal.species(), normal.metrics(), normal.biology());
        assertEquals(fibrotic, normalWithFibroticStiffness);
        assertTrue(normal.biology() != null, "the pair shares one biology section");
    }

    @Test
    void minimalScenarioGetsDocumentedDefaults() {
        Scenario s = ScenarioLoader.parse(ScenarioTexts.MINIMAL, "t.yaml", List.of());
        assertEquals(new GridSpec(10, 10, 10, 20), s.grid());
        assertEquals(0.9, s.run().stabilitySafety());
        assertEquals(RunSpec.Splitting.STRANG, s.run().splitting());
        assertNull(s.run().dtS());
        SpeciesSpec drug = s.species().get(0);
        assertEquals(SpeciesSpec.ConcentrationUnit.MICROMOLAR, drug.unit());
        assertEquals(0.0, drug.decayPerS());
        assertEquals(BoundarySpec.ZERO_FLUX, drug.boundary(Face.X_MIN));
        assertEquals(BoundaryType.PERIODIC, drug.boundary(Face.Z_MAX).type());
        assertEquals(6, drug.boundaries().size());
        assertEquals(new SpeciesSpec.UptakeSpec(0.0345, 0.16), drug.uptake().get(CellType.CANCER));
        assertEquals(MetricsSpec.DEFAULT, s.metrics());
        PlasmaCurveSpec.Bolus bolus = (PlasmaCurveSpec.Bolus) drug.vessel().plasma();
        assertEquals(List.of(300.0, 108000.0), bolus.halfLivesS());
        assertEquals(0.0, bolus.startS());
    }

    @Test
    void overridesSetScalarsBySpeciesNameIndexAndBracket() {
        Scenario s = ScenarioLoader.parse(ScenarioTexts.MINIMAL, "t.yaml", List.of(
                "run.end_time_s=600",
                "species.drug.d0_um2_per_s=50",
                "species[0].stokes_radius_nm=1.5",
                "species[drug].boundaries.x_min={fixed: 2.0}",
                "tissue.vessels[0].radius_um=12",
                "tissue.nests.0.centre_um=[90, 80, 70]",
                "metrics.exposure_threshold_unit_s=30",
                "run.dt_s=0.05",
                "run.dt_s=null"));
        assertEquals(600.0, s.run().endTimeS());
        SpeciesSpec drug = s.species().get(0);
        assertEquals(50.0, drug.d0Um2PerS());
        assertEquals(1.5, drug.stokesRadiusNm());
        assertEquals(new BoundarySpec(BoundaryType.FIXED, 2.0), drug.boundary(Face.X_MIN));
        assertEquals(12.0, s.tissue().vessels().get(0).radiusUm());
        assertEquals(new Vec3(90, 80, 70), s.tissue().nests().get(0).centreUm());
        assertEquals(new MetricsSpec("drug", 30.0), s.metrics());
        assertNull(s.run().dtS(), "a later override wins; null falls back to the default");
    }

    @Test
    void overridesAreValidatedLikeTheFile() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.parse(ScenarioTexts.MINIMAL, "t.yaml", List.of("run.end_time_s=-5")));
        assertEquals("t.yaml:8:3 (--set run.end_time_s=-5): run.end_time_s = -5: must be > 0 (s)", e.getMessage());
        assertEquals(8, e.line());
        assertEquals("run.end_time_s", e.keyPath());
    }

    @Test
    void loadReadsFilesAndAppliesOverrides(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, ScenarioTexts.MINIMAL);
        assertEquals(ScenarioLoader.parse(ScenarioTexts.MINIMAL, "x", List.of("grid.nx=12")),
                ScenarioLoader.load(file, List.of("grid.nx=12")));
        ScenarioException missing = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("nope.yaml")));
        assertTrue(missing.getMessage().contains("nope.yaml") && missing.getMessage().contains("cannot read"),
                missing.getMessage());
    }

    @Test
    void richScenarioRoundTripsThroughToYaml() {
        Scenario rich = ScenarioLoader.parse(ScenarioTexts.RICH, "rich.yaml", List.of());
        String yaml = ScenarioLoader.toYaml(rich);
        Scenario back = ScenarioLoader.parse(yaml, "resolved.yaml", List.of());
        assertEquals(rich, back, yaml);
        // spot checks that the rich text really exercised the variants
        assertEquals("yes", rich.species().get(0).name());
        assertEquals("quotes \" colons: and a\nnew line, µm", rich.description());
        assertEquals(-9007199254740993L, rich.run().seed());
        assertEquals(new BoundarySpec(BoundaryType.FIXED, 2.5), rich.species().get(0).boundary(Face.Z_MIN));
        assertEquals(BoundarySpec.ZERO_FLUX, rich.species().get(0).boundary(Face.X_MIN));
        assertEquals(1.0, ((PlasmaCurveSpec.RepeatedBolus) rich.species().get(3).vessel().plasma()).dose().fastFraction());
        assertNull(rich.species().get(0).secretion().get(CellType.CAF).saturation());
        assertTrue(yaml.contains("fibre_direction: [1.0, 0.5, 0.0]"), yaml);
        assertTrue(yaml.contains("vessel: null"), yaml);
        assertFalse(yaml.contains("E10"), "exponents carry a sign for YAML 1.1 readers: " + yaml);
    }

    @Test
    void resolvedYamlOfDefaultWritesEveryDefault() {
        String yaml = ScenarioLoader.toYaml(ScenarioLoader.parse(ScenarioTexts.MINIMAL, "t.yaml", List.of()));
        for (String key : List.of("stability_safety: 0.9", "splitting: strang", "dt_s: null", "unit: uM",
                "x_min: zero_flux", "z_max: periodic", "drug_species: drug", "noise: null")) {
            assertTrue(yaml.contains(key), key + " missing from\n" + yaml);
        }
        assertNotEquals(-1, yaml.indexOf("cancer: {vmax_per_s: 0.0345, km: 0.16}"), yaml);
    }
}
