package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
    void theBudgetCoversWhatTheModelAndTheBackendHold(String scheme, String coupling, String coarsening)
            throws IllegalAccessException {
        boolean explicit = scheme.equals("explicit");
        Scenario scenario = ScenarioLoader.loadDefault(explicit ? GRID : Stream.concat(GRID.stream(), Stream.of(
                "run.dt_s=60", "run.diffusion.scheme=" + scheme, "run.diffusion.coupling=" + coupling,
                "run.multigrid.diffusion_coarsening=" + coarsening)).toList());
        Tissue tissue = TissueBuilder.build(scenario);
        TransportModel model = TransportModel.compile(scenario, tissue);
        long held;
        try (JavaBackend backend = new JavaBackend(model, THREADS)) {
            backend.upload(tissue);
            // across the bolus at t = 60 s, so that everything built on first use (tables, solver levels) exists
            backend.advance(0, explicit ? 0.05 : 60, 2);
            Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            reachableBytes(tissue, seen);
            held = reachableBytes(model, seen) + reachableBytes(backend, seen);
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

    /** Bytes of the primitive arrays reachable from {@code root} and not yet in {@code seen}. */
    private static long reachableBytes(Object root, Set<Object> seen) throws IllegalAccessException {
        if (root == null || !seen.add(root)) {
            return 0;
        }
        Class<?> type = root.getClass();
        if (type.isArray()) {
            if (root instanceof Object[] elements) {
                return sum(java.util.Arrays.asList(elements), seen);
            }
            long n = java.lang.reflect.Array.getLength(root);
            return switch (type.getComponentType().getName()) {
                case "byte", "boolean" -> n;
                case "short", "char" -> 2 * n;
                case "int", "float" -> 4 * n;
                default -> 8 * n;
            };
        }
        if (root instanceof Collection<?> elements) {
            return sum(elements, seen);
        }
        if (root instanceof Map<?, ?> map) {
            return sum(map.values(), seen);
        }
        long bytes = 0;
        // the JDK's own objects (threads, locks) hold no grid-sized arrays of ours
        for (Class<?> k = type; k != null && k.getName().startsWith("org.stromasim."); k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                    f.setAccessible(true);
                    bytes += reachableBytes(f.get(root), seen);
                }
            }
        }
        return bytes;
    }

    private static long sum(Collection<?> elements, Set<Object> seen) throws IllegalAccessException {
        long bytes = 0;
        for (Object e : elements) {
            if (e != null) {
                bytes += reachableBytes(e, seen);
            }
        }
        return bytes;
    }
}
