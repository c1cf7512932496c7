package org.stromasim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * {@link DepthProfiles} on a hand-made field: a 5×5×5 tumour cube of 10 µm voxels in a 9³ box. A cube
 * voxel's nearest non-tumour voxel lies straight out along one axis, so its depth is 10 µm times its
 * layer counted from the cube's face: layer 1 (98 voxels, shell 0), layer 2 (26, shell 1) and the
 * centre (1, shell 2). The eight cube corners are dead, with the 0 the ER fields hold there.
 */
class DepthProfilesTest {

    private static final double DX = 10;

    @Test
    void livingCancerMeansPerShellLeaveDeadVoxelsOut() {
        Tissue t = cube();
        PenetrationProfile p = DepthProfiles.overLivingCancer(t, field(t));
        assertEquals(3, p.shellCount());
        assertEquals(90, p.voxelsInShell(0));
        assertEquals(26, p.voxelsInShell(1));
        assertEquals(1, p.voxelsInShell(2));
        assertEquals(0.8, p.meanInShell(0), 1e-6);
        assertEquals(0.6, p.meanInShell(1), 1e-6);
        assertEquals(0.4, p.meanInShell(2), 1e-6);
        // depths drawn from the first shell: 0, 10, 20 µm
        assertEquals(20, p.shellCentreUm(2) - p.shellCentreUm(0), 1e-12);
    }

    @Test
    void tumourMeansCountTheDeadVoxelsToo() {
        Tissue t = cube();
        PenetrationProfile p = DepthProfiles.overTumour(t, field(t));
        assertEquals(98, p.voxelsInShell(0));
        assertEquals(0.8 * 90 / 98, p.meanInShell(0), 1e-6);
        assertEquals(0.6, p.meanInShell(1), 1e-6);
    }

    /** Living shell-0 voxels 0.8, shell 1 0.6 + 0.1·(i − 4) (mean 0.6 by symmetry), centre 0.4, dead 0, stroma 5. */
    private static float[] field(Tissue t) {
        Grid3D g = t.grid();
        float[] f = new float[g.voxelCount()];
        for (int k = 0; k < 9; k++) {
            for (int j = 0; j < 9; j++) {
                for (int i = 0; i < 9; i++) {
                    int v = g.index(i, j, k);
                    int layer = layer(i, j, k);
                    f[v] = switch (layer) {
                        case 0 -> 5f;
                        case 1 -> t.cell()[v] == CellType.DEAD.code() ? 0f : 0.8f;
                        case 2 -> (float) (0.6 + 0.1 * (i - 4));
                        default -> 0.4f;
                    };
                }
            }
        }
        return f;
    }

    private static Tissue cube() {
        Grid3D g = new Grid3D(9, 9, 9, DX);
        Tissue t = new Tissue(g, List.of("drug"));
        for (int k = 0; k < 9; k++) {
            for (int j = 0; j < 9; j++) {
                for (int i = 0; i < 9; i++) {
                    int layer = layer(i, j, k);
                    boolean corner = (i == 2 || i == 6) && (j == 2 || j == 6) && (k == 2 || k == 6);
                    t.cell()[g.index(i, j, k)] = (layer == 0 ? CellType.ECM
                            : corner ? CellType.DEAD : CellType.CANCER).code();
                }
            }
        }
        return t;
    }

    /** 0 outside the cube [2, 6]³, else 1 + the fewest voxel steps to its outside along one axis, minus 1. */
    private static int layer(int i, int j, int k) {
        int m = Integer.MAX_VALUE;
        for (int x : new int[] {i, j, k}) {
            m = Math.min(m, Math.min(x - 1, 7 - x));
        }
        return Math.max(0, m);
    }
}
