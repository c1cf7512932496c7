package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;

/**
 * The shipped example configs/examples/tissue-from-files runs, and its tissue is what make_inputs.py
 * describes: an ellipsoidal nest centred at (320, 320, 160) µm with semi-axes (150, 130, 100) labelled
 * cancer, CAFs only in the 60-µm band around it, background collagen intensity 30 (→ 3.04 kPa by the
 * scenario's map) inside the nest, IL-6 at its 0.05 nM plateau inside the nest.
 */
class TissueFromFilesExampleTest {

    static final Path EXAMPLE = Path.of("configs/examples/tissue-from-files/tissue-from-files.yaml");

    @TempDir
    Path temp;

    @Test
    void runsAFewSteps() throws IOException {
        Path out = temp.resolve("example");
        CliHarness.Result r = CliHarness.run("run", EXAMPLE.toString(), "--out", out.toString(), "--until", "0.8",
                "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.readString(out.resolve("metrics.csv")).lines().count() > 1);
    }

    @Test
    void tissueIsWhatTheScriptDescribes() {
        Tissue t = TissueBuilder.build(ScenarioLoader.load(EXAMPLE));
        Grid3D g = t.grid();
        int centre = g.index(16, 16, 8); // (330, 330, 170) µm, well inside the nest
        assertEquals(CellType.CANCER, t.cellAt(centre));
        // Intensity 30 ± noise (s.d. 6) inside the nest → 0.65 + I·(21 − 0.65)/255 = 3.04 ± 0.48 kPa;
        // trilinear sampling averages the noise, so 4 s.d. is a loose but falsifiable bound.
        assertEquals(3.04, t.stiffnessKpa()[centre], 4 * 6 * (21 - 0.65) / 255);
        assertEquals(0.05, t.concentration("il6")[centre], 1e-6);
        int cafs = 0;
        double stiffestBand = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double d = outsideNestUm(g.centreX(i), g.centreY(j), g.centreZ(k));
                    int v = g.index(i, j, k);
                    if (t.cellAt(v) == CellType.CAF) {
                        cafs++;
                        // A label sample's centre lies within half its diagonal (16·√3/2 ≈ 13.9 µm) of the voxel centre.
                        assertTrue(d > -14 && d <= 60 + 14, "CAF at voxel " + i + "," + j + "," + k + ", d = " + d);
                    }
                    if (d > 20 && d < 40 && t.cellAt(v) != CellType.VESSEL) {
                        stiffestBand = Math.max(stiffestBand, t.stiffnessKpa()[v]);
                    }
                }
            }
        }
        assertTrue(cafs > 50, "CAFs placed by the label image: " + cafs);
        assertTrue(stiffestBand > 12, "the collagen band is stiff: " + stiffestBand);
    }

    /** make_inputs.py's nest_distance: (ρ − 1)·min(a), ρ the ellipsoidal radius. */
    private static double outsideNestUm(double x, double y, double z) {
        double u = (x - 320) / 150;
        double v = (y - 320) / 130;
        double w = (z - 160) / 100;
        return (Math.sqrt(u * u + v * v + w * w) - 1) * 100;
    }
}
