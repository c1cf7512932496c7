package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.reference.GroupPlasmaConvection;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;

/**
 * Vessel groups with plasma curves of their own together with convection ({@link GroupPlasmaConvection}):
 * the convective split step takes, at every wall voxel, the plasma level of that voxel's group. The
 * Java backend through the time loop (the split step runs on the host for both backends; see
 * {@link GroupPlasmaConvectionParityTest} for the OpenCL one).
 */
class GroupPlasmaConvectionTest {

    @TempDir
    Path temp;

    /**
     * A group whose curve equals the species' own gives the run without groups (to float rounding of
     * the different table layout: 1e-6 of the largest level); raising that group's level to 3 raises
     * the drug at its own wall voxels, and far more there than at the wall voxels of the other vessels,
     * each of which exchanges with the unchanged level 1 (the rise there is what diffusion and flow
     * carry over from the raised vessel).
     */
    @Test
    void eachWallVoxelExchangesWithItsGroupsLevel() throws IOException {
        Tissue plain = run("plain", "{early: {}, late: {}}");
        Tissue same = run("same", "{early: {plasma: {drug: {type: constant, level: 1}}}, late: {}}");
        Tissue raised = run("raised", "{early: {plasma: {drug: {type: constant, level: 3}}}, late: {}}");
        float[] a = plain.concentration("drug");
        float[] b = same.concentration("drug");
        float[] c = raised.concentration("drug");
        double max = 0;
        for (float x : a) {
            max = Math.max(max, x);
        }
        for (int v = 0; v < a.length; v++) {
            assertTrue(Math.abs(a[v] - b[v]) <= 1e-6 * max, "voxel " + v + ": " + a[v] + " vs " + b[v]);
        }
        Scenario sc = ScenarioLoader.load(GroupPlasmaConvection.write(folder("groups"), "{early: {plasma: {drug:"
                + " {type: constant, level: 3}}}, late: {}}"));
        Tissue built = TissueBuilder.build(sc);
        byte[] group = built.vesselWall().plasmaGroup();
        float[] wall = built.vesselWall().areaPerVolumePerUm();
        double[] rise = new double[2];
        int[] count = new int[2];
        for (int v = 0; v < a.length; v++) {
            if (wall[v] > 0 && built.cell()[v] != CellType.VESSEL.code()) {
                int g = group[v] == 1 ? 0 : 1;
                rise[g] += c[v] - a[v];
                count[g]++;
            }
        }
        double own = rise[0] / count[0];
        double others = rise[1] / count[1];
        System.out.printf("mean rise at the raised group's wall voxels %.4g, at the others' %.4g%n", own, others);
        assertTrue(own > 0.2 && own > 10 * Math.abs(others), "rise " + own + " vs " + others);
    }

    private Tissue run(String name, String groups) throws IOException {
        Scenario sc = ScenarioLoader.load(GroupPlasmaConvection.write(folder(name), groups));
        return BiologyOnBothBackends.run(sc, false, 4).last;
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectories(temp.resolve(name));
    }
}
