package org.stromasim.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.transport.TransportFields;
import org.stromasim.grid.Grid3D;
import org.stromasim.reference.GroupPlasmaConvection;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * One convective split step ({@link Convection#apply}) with vessel-group plasma curves: the drug's own
 * level 1 and group {@code early} at 3 ({@link GroupPlasmaConvection}). The step is local (exchange per
 * voxel, then advection reading at most two voxels either side), so a wall voxel of {@code early} whose
 * neighbourhood of two voxels holds no wall of another group must come out exactly as in the run where
 * every vessel carries 3, and a wall voxel of the other vessels so far from {@code early}'s walls exactly
 * as in the run where every vessel carries 1. The two uniform runs differ there, so a step that took
 * one level for all walls would fail.
 */
class ConvectionGroupPlasmaTest {

    @TempDir
    Path temp;

    @Test
    void eachWallVoxelTakesItsGroupsPlasmaLevel() throws IOException {
        String early = "{early: {plasma: {drug: {type: constant, level: 3}}}, late: {}}";
        String none = "{early: {}, late: {}}";
        Tissue grouped = step("grouped", early, 1.0);
        Tissue allThree = step("three", none, 3.0);
        Tissue allOne = step("one", none, 1.0);
        Tissue built = TissueBuilder.build(ScenarioLoader.load(GroupPlasmaConvection.write(dir("built"), early, 1.0)));
        byte[] group = built.vesselWall().plasmaGroup();
        float[] wall = built.vesselWall().areaPerVolumePerUm();
        Grid3D g = built.grid();
        float[] c = grouped.concentration("drug");
        float[] three = allThree.concentration("drug");
        float[] one = allOne.concentration("drug");
        int[] checked = new int[2];
        double smallestGap = Double.POSITIVE_INFINITY;
        for (int v = 0; v < c.length; v++) {
            if (!(wall[v] > 0)) {
                continue;
            }
            int own = group[v];
            if (!onlyGroupWithinTwo(g, group, wall, v, own)) {
                continue;
            }
            float expected = own == 1 ? three[v] : one[v];
            assertEquals(expected, c[v], 1e-7 * Math.abs(expected), "wall voxel " + v + " of group " + own);
            smallestGap = Math.min(smallestGap, Math.abs(three[v] - one[v]) / Math.abs(three[v]));
            checked[own == 1 ? 1 : 0]++;
        }
        System.out.printf("checked %d + %d wall voxels; the uniform runs differ there by at least %.3g%n",
                checked[0], checked[1], smallestGap);
        assertTrue(checked[0] > 10 && checked[1] > 10, "wall voxels checked: " + checked[0] + ", " + checked[1]);
        assertTrue(smallestGap > 1e-4, "the uniform levels differ by " + smallestGap);
    }

    /** Whether every wall voxel within two voxels of v (in a box) belongs to {@code own}. */
    private static boolean onlyGroupWithinTwo(Grid3D g, byte[] group, float[] wall, int v, int own) {
        int i = v % g.nx();
        int j = (v / g.nx()) % g.ny();
        int k = v / (g.nx() * g.ny());
        for (int dk = -2; dk <= 2; dk++) {
            for (int dj = -2; dj <= 2; dj++) {
                for (int di = -2; di <= 2; di++) {
                    int a = i + di;
                    int b = j + dj;
                    int cz = k + dk;
                    if (a < 0 || b < 0 || cz < 0 || a >= g.nx() || b >= g.ny() || cz >= g.nz()) {
                        continue;
                    }
                    int u = g.index(a, b, cz);
                    if (wall[u] > 0 && group[u] != own) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** A fresh state (drug 0) after one convective step of 5 s. */
    private Tissue step(String name, String groups, double ownLevel) throws IOException {
        Scenario sc = ScenarioLoader.load(GroupPlasmaConvection.write(dir(name), groups, ownLevel));
        Tissue state = TissueBuilder.build(sc);
        TransportModel model = TransportModel.compile(sc, state);
        Convection.of(sc, TransportFields.of(model)).apply(state, 0.0, 5.0);
        return state;
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(temp.resolve(name));
    }
}
