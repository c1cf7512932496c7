package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stromasim.transport.TransportFields;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * Every scenario in configs/, 40 steps at its automatic time step on both backends, starting at the
 * drug's plasma start (the bolus), so the drug enters through the vessel walls and spreads into the
 * tissue during the comparison instead of staying zero: every species and the drug exposure agree
 * voxel by voxel within 1e-5 of each voxel's value above the noise floor ({@link BothBackends#assertClose}).
 * The transport alone: a biology section is left out here (its slow step is compared in
 * BiologyParityTest and BiologyScenarioParityTest).
 */
@EnabledIfOpenClOrCi
class ShippedScenarioParityTest {

    static final double TOLERANCE = 1e-5;
    static final int STEPS = 40;

    static List<Path> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("configs"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void openClMatchesJavaOnShippedScenario(Path file) {
        Scenario loaded = ScenarioLoader.load(file, List.of());
        Scenario scenario = new Scenario(loaded.name(), loaded.description(), loaded.grid(), loaded.run(), loaded.ecm(),
                loaded.tissue(), loaded.species(), loaded.metrics());
        Tissue initial = TissueBuilder.build(scenario);
        double dt = TransportFields.of(TransportModel.compile(scenario, initial.copy())).timeStepS(scenario.run());
        SpeciesSpec drug = scenario.findSpecies(scenario.metrics().drugSpecies()).orElseThrow();
        double startS = plasmaStartS(drug.vessel().plasma());
        Tissue java = BothBackends.run(scenario, initial, false, startS, dt, STEPS);
        Tissue opencl = BothBackends.run(scenario, initial, true, startS, dt, STEPS);
        float[] drugField = java.concentration(drug.name());
        double most = 0;
        double exposed = 0;
        for (int v = 0; v < drugField.length; v++) {
            most = Math.max(most, drugField[v]);
            exposed = Math.max(exposed, java.drugExposure()[v]);
        }
        assertTrue(most > 0 && exposed > 0, file + ": the drug must be present during the comparison (max "
                + most + ", exposure " + exposed + ")");
        BothBackends.assertSameState(java, opencl, TOLERANCE);
    }

    private static double plasmaStartS(PlasmaCurveSpec curve) {
        if (curve instanceof PlasmaCurveSpec.Bolus b) {
            return b.startS();
        }
        if (curve instanceof PlasmaCurveSpec.RepeatedBolus r) {
            return r.dose().startS();
        }
        if (curve instanceof PlasmaCurveSpec.Infusion i) {
            return i.startS();
        }
        return 0.0;
    }
}
