package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stromasim.HeldArrayBytes;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.sim.MemoryBudget;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * The memory budget's Java-backend estimate ({@link MemoryBudget}: model and {@link JavaBackend#workingBytes})
 * against what a model and a backend really hold once they have stepped: every primitive array reachable
 * from them through the project's own objects, arrays and collections, each counted once, less the state
 * fields the backend adopts (the budget counts those as state). Every scheme, coupling and coarsening of the
 * Java backend, on the default scenario at 40 × 40 × 32 voxels: the estimate must cover what is held, and
 * be above it only by the arrays the budget provides for and this scenario lacks (the estimate is there to
 * refuse grids that do not fit, so too low lets a run die of OutOfMemoryError half-way, too high refuses
 * grids that fit).
 */
class WorkingBytesTest {

    private static final List<String> GRID = List.of("grid.nx=40", "grid.ny=40", "grid.nz=32", "grid.voxel_um=25");
    private static final int THREADS = 2;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "explicit, plain, geometric",
            "rkl2, plain, geometric",
            "implicit, plain, geometric",
            "implicit, unsplit, geometric",
            "implicit, plain, operator_dependent",
            "implicit, unsplit, operator_dependent",
    })
    void theBudgetCoversWhatTheModelAndTheBackendHold(String scheme, String coupling, String coarsening) {
        boolean explicit = scheme.equals("explicit");
        Scenario scenario = ScenarioLoader.loadDefault(explicit ? GRID : Stream.concat(GRID.stream(), Stream.of(
                "run.dt_s=60", "run.diffusion.scheme=" + scheme, "run.diffusion.coupling=" + coupling,
                "run.multigrid.diffusion_coarsening=" + coarsening)).toList());
        Tissue tissue = TissueBuilder.build(scenario);
        TransportModel model = TransportModel.compile(scenario, tissue);
        long held;
        HeldArrayBytes arrays = new HeldArrayBytes();
        try (JavaBackend backend = new JavaBackend(model, THREADS)) {
            backend.upload(tissue);
            // across the bolus at t = 60 s, so that everything built on first use (tables, solver levels) exists
            backend.advance(0, explicit ? 0.05 : 60, 2);
            arrays.of(tissue);
            held = arrays.of(model) + arrays.of(backend);
        }
        MemoryBudget budget = MemoryBudget.of(scenario, true, THREADS);
        long estimate = budget.modelBytes() + budget.backendBytes();
        double voxels = budget.grid().voxelCount();
        String figures = String.format("held %.1f B/voxel, estimate %.1f", held / voxels, estimate / voxels);
        assertTrue(held <= estimate, figures);
        // and not loosely: above it by at most the model's arrays this scenario does not have (no compressed
        // vessels, one plasma group: the perfused fractions of the model and of the fields, the group codes:
        // 9 bytes per voxel) and plane buffers of the loops not taken (RKL2's scalar loops: 0.75 here)
        assertTrue(estimate - held <= 10 * voxels, figures);
    }
}
