package org.stromasim.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;

/**
 * The split between the compiled {@link TransportModel} (immutable) and the live {@link TransportFields} a
 * backend owns. The scenario has vessel compression, so every live array exists (the perfused fraction too).
 */
class TransportFieldsTest {

    private static final Scenario COMPRESSED = ScenarioLoader.load(Path.of("configs/carcinoma-rim-hyaluronidase.yaml"),
            List.of());

    @Test
    void everyFieldOfTheModelIsFinal() {
        List<String> notFinal = new ArrayList<>();
        for (Field f : TransportModel.class.getDeclaredFields()) {
            if (!Modifier.isFinal(f.getModifiers())) {
                notFinal.add(f.getName());
            }
        }
        assertEquals(List.of(), notFinal, "TransportModel fields that are not final");
    }

    @Test
    void theFieldsShareNoArrayWithTheModel() throws IllegalAccessException {
        TransportModel model = TransportModel.compile(COMPRESSED, TissueBuilder.build(COMPRESSED));
        TransportFields fields = TransportFields.of(model);
        assertTrue(fields.perfusedFraction().isPresent(), "the scenario compresses vessels");
        Set<Object> ofModel = arraysReachable(model);
        Set<Object> ofFields = arraysReachable(fields);
        assertTrue(ofFields.size() >= model.speciesCount() + 4, "found the fields' arrays: " + ofFields.size());
        ofFields.retainAll(ofModel);
        assertEquals(0, ofFields.size(), "arrays held by both the model and its fields");
    }

    @Test
    void changingTheFieldsLeavesTheModelAsCompiled() {
        Tissue tissue = TissueBuilder.build(COMPRESSED);
        TransportModel model = TransportModel.compile(COMPRESSED, tissue);
        TransportFields before = TransportFields.of(model);
        float[][] diffusivity = new float[model.speciesCount()][];
        for (int s = 0; s < diffusivity.length; s++) {
            diffusivity[s] = before.diffusivityUm2PerS(s).clone();
        }
        float[] wall = before.vesselSurfaceToVolumePerUm().clone();
        float[] perfused = before.perfusedFraction().orElseThrow();
        double limitS = before.stabilityLimit().dtMaxS();

        // what the slow clock does to one backend's fields: a stiffer matrix, half the GAG, blocked uptake,
        // and a device's own diffusivity read back into the live arrays
        TransportFields changed = TransportFields.of(model);
        Tissue stiffer = tissue.copy();
        float[] e = stiffer.stiffnessKpa();
        for (int v = 0; v < e.length; v++) {
            e[v] *= 3;
        }
        if (stiffer.gagFraction() != null) {
            for (int v = 0; v < e.length; v++) {
                stiffer.gagFraction()[v] *= 0.5f;
            }
        }
        changed.applyMatrixState(stiffer);
        changed.scaleUptake(0, CellType.CANCER, 0.25);
        changed.diffusivityUm2PerS(0)[0] += 1f;
        changed.acceptDeviceDiffusivity(stiffer);
        assertFalse(Arrays.equals(wall, changed.vesselSurfaceToVolumePerUm()), "the stiffer matrix compresses vessels");
        assertFalse(Arrays.equals(diffusivity[1], changed.diffusivityUm2PerS(1)), "and hinders diffusion");

        TransportFields after = TransportFields.of(model);
        for (int s = 0; s < diffusivity.length; s++) {
            assertArrayEquals(diffusivity[s], after.diffusivityUm2PerS(s), "species " + s);
            assertArrayEquals(diffusivity[s], before.diffusivityUm2PerS(s), "species " + s + " of other fields");
        }
        assertArrayEquals(wall, after.vesselSurfaceToVolumePerUm());
        assertArrayEquals(perfused, after.perfusedFraction().orElseThrow());
        assertEquals(1.0, after.uptakeScale(0)[CellType.CANCER.code()], 0.0);
        assertEquals(limitS, after.stabilityLimit().dtMaxS(), 0.0);
    }

    /**
     * A device's diffusivity read back into the fields bounds the split step as the same diffusivity
     * computed on the host does: the split-error bound must not stay that of the diffusivity before.
     */
    @Test
    void diffusivityReadBackFromADeviceBoundsTheSplitStepLikeAHostRefresh() {
        Tissue tissue = TissueBuilder.build(COMPRESSED);
        TransportModel model = TransportModel.compile(COMPRESSED, tissue);
        Tissue looser = tissue.copy();
        float[] e = looser.stiffnessKpa();
        for (int v = 0; v < e.length; v++) {
            e[v] /= 10;
        }
        TransportFields onHost = TransportFields.of(model);
        onHost.refreshDiffusivity(looser);

        TransportFields readBack = TransportFields.of(model);
        double asCompiled = readBack.largestAccurateSplitStepS();
        for (int s = 0; s < model.speciesCount(); s++) {
            System.arraycopy(onHost.diffusivityUm2PerS(s), 0, readBack.diffusivityUm2PerS(s), 0,
                    model.grid().voxelCount());
        }
        readBack.acceptDeviceDiffusivity(looser);

        assertFalse(asCompiled == onHost.largestAccurateSplitStepS(), "the looser matrix moves the bound");
        assertEquals(onHost.largestAccurateSplitStepS(), readBack.largestAccurateSplitStepS(), 0.0);
    }

    /** Every array held by {@code o}'s own fields, and the arrays inside those arrays, by identity. */
    private static Set<Object> arraysReachable(Object o) throws IllegalAccessException {
        Set<Object> found = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            addArrays(f.get(o), found);
        }
        return found;
    }

    private static void addArrays(Object value, Set<Object> found) {
        if (value == null || !value.getClass().isArray() || !found.add(value)) {
            return;
        }
        if (value instanceof Object[] elements) {
            for (Object element : elements) {
                addArrays(element, found);
            }
        }
    }
}
