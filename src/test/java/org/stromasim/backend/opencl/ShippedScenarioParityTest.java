package org.stromasim.backend.opencl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * Every scenario in configs/, 40 steps at its automatic time step on both backends: every species and
 * the drug exposure agree within 1e-5 of the field's maximum. The transport alone: a biology section
 * is left out here (its slow step is compared in BiologyParityTest and BiologyScenarioParityTest).
 */
@EnabledIfOpenClOrCi
class ShippedScenarioParityTest {

    static final double TOLERANCE = 1e-5;

    static List<Path> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("configs"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void openClMatchesJavaOnShippedScenario(Path file) {
        Scenario loaded = ScenarioLoader.load(file, List.of());
        // the transport of every shipped scenario; the biology slow step is compared in BiologyScenarioParityTest
        Scenario scenario = new Scenario(loaded.name(), loaded.description(), loaded.grid(), loaded.run(), loaded.ecm(),
                loaded.tissue(), loaded.species(), loaded.metrics());
        Tissue initial = TissueBuilder.build(scenario);
        double dt = TransportModel.compile(scenario, initial.copy()).timeStepS(scenario.run());
        // Start at the bolus time so plasma-driven species are exercised, not only zeros.
        Tissue java = BothBackends.run(scenario, initial, false, dt, 40);
        Tissue opencl = BothBackends.run(scenario, initial, true, dt, 40);
        BothBackends.assertSameState(java, opencl, TOLERANCE);
    }
}
