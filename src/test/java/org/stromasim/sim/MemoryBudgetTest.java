package org.stromasim.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;
import org.stromasim.tissue.TissueBuilder;

/**
 * The heap estimate covers what the compiled model and a backend's live fields really hold: the bytes of
 * every array reachable from them, counted by reflection on a scenario with vessels and compression (so
 * the wall, its distances and the perfused fractions all exist).
 */
class MemoryBudgetTest {

    private static final Scenario COMPRESSED = ScenarioLoader.load(Path.of("configs/carcinoma-rim-hyaluronidase.yaml"),
            List.of());

    @Test
    void theOpenClEstimateCoversTheModelAndTheHostCopyOfTheFields() throws IllegalAccessException {
        TransportModel model = TransportModel.compile(COMPRESSED, TissueBuilder.build(COMPRESSED));
        TransportFields fields = TransportFields.of(model);
        long held = arrayBytes(model) + arrayBytes(fields);

        MemoryBudget budget = MemoryBudget.of(COMPRESSED, false, 1);
        long voxels = budget.grid().voxelCount();
        long transferScratchAndIndexLists = 8L * voxels;
        long estimate = budget.modelBytes() + budget.backendBytes() - transferScratchAndIndexLists;
        assertTrue(held <= estimate, "model and fields hold " + held / voxels + " B/voxel, the estimate says "
                + estimate / voxels);
        // an upper bound, but not a loose one: at most the arrays this scenario does not have (plasma groups)
        assertTrue(estimate - held <= 2L * voxels, "estimate " + estimate / voxels + " B/voxel against "
                + held / (double) voxels + " held");
    }

    /** Bytes of the primitive arrays held by {@code o}'s own fields (and inside arrays of arrays), each once. */
    private static long arrayBytes(Object o) throws IllegalAccessException {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        long bytes = 0;
        for (Field f : o.getClass().getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                bytes += bytesOf(f.get(o), seen);
            }
        }
        return bytes;
    }

    private static long bytesOf(Object value, Set<Object> seen) {
        if (value == null || !value.getClass().isArray() || !seen.add(value)) {
            return 0;
        }
        if (value instanceof Object[] elements) {
            long sum = 0;
            for (Object element : elements) {
                sum += bytesOf(element, seen);
            }
            return sum;
        }
        int length = java.lang.reflect.Array.getLength(value);
        return switch (value.getClass().getComponentType().getName()) {
            case "byte", "boolean" -> length;
            case "short", "char" -> 2L * length;
            case "int", "float" -> 4L * length;
            default -> 8L * length;
        };
    }
}
