package org.stromasim.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.cli.CliHarness;
import org.stromasim.cli.ExitCodes;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * A metabolite species in vessel groups ({@link GroupMetabolite}): where a group doses the parent with
 * a curve of its own, the metabolite in that group's vessels is formed from that dosing, against the
 * closed-form solution of the formation equation; elsewhere from the species' own dosing. The lumen of
 * each vessel holds its group's metabolite level after a Java run; a parent curve that is no dosing is
 * refused in one line naming the group's key.
 */
class GroupMetaboliteTest {

    @TempDir
    Path temp;

    @Test
    void theMetaboliteFollowsItsParentsDosingInEachGroup() throws IOException {
        Scenario sc = ScenarioLoader.load(GroupMetabolite.write(temp, GroupMetabolite.GROUPS));
        TransportModel model = TransportModel.compile(sc, TissueBuilder.build(sc));
        int metab = sc.species().indexOf(sc.species().stream().filter(s -> s.name().equals("metab")).findFirst().orElseThrow());
        assertEquals(2, model.plasmaGroupCount());
        for (double t : new double[]{0.5, 2, 4, 10}) {
            // the dosing closed form is exact; 1e-9 covers its sums in double
            assertEquals(GroupMetabolite.metabolite(GroupMetabolite.C0_UM, t), model.plasma(metab, 0).at(t),
                    1e-9 * GroupMetabolite.C0_UM, "own curve at " + t);
            assertEquals(GroupMetabolite.metabolite(2 * GroupMetabolite.C0_UM, t), model.plasma(metab, 1).at(t),
                    1e-9 * GroupMetabolite.C0_UM, "group early at " + t);
        }
    }

    /** Lumen voxels hold their group's plasma level at the end of the run (float: 1e-6 relative). */
    @Test
    void eachLumenHoldsItsGroupsMetaboliteLevel() throws IOException {
        Scenario sc = ScenarioLoader.load(GroupMetabolite.write(temp, GroupMetabolite.GROUPS));
        Tissue initial = TissueBuilder.build(sc);
        Tissue end = ReferenceComparison.run(sc, initial, m -> new JavaBackend(m, 1), 0.05, 80);
        byte[] group = initial.vesselWall().plasmaGroup();
        float[] metab = end.concentration("metab");
        int[] seen = new int[2];
        for (int v = 0; v < metab.length; v++) {
            if (initial.cell()[v] == CellType.VESSEL.code()) {
                double expected = GroupMetabolite.metabolite((group[v] == 1 ? 2 : 1) * GroupMetabolite.C0_UM, 4.0);
                assertEquals(expected, metab[v], 1e-6 * expected, "lumen voxel " + v + " of group " + group[v]);
                seen[group[v]]++;
            }
        }
        assertTrue(seen[0] > 0 && seen[1] > 0, "lumen voxels per group: " + java.util.Arrays.toString(seen));
    }

    @Test
    void aParentCurveThatIsNoDosingIsRefused() throws IOException {
        Path folder = Files.createDirectory(temp.resolve("bad"));
        Path scenario = GroupMetabolite.write(folder, "{early: {plasma: {drug: {type: constant, level: 1}}}, late: {}}");
        Path out = folder.resolve("out");
        CliHarness.Result r = CliHarness.run("run", scenario.toString(), "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains("tissue.vessels[0].groups.early.plasma.drug") && err.contains("'metab' is its metabolite"),
                err);
        assertFalse(Files.exists(out), "nothing written");
    }
}
