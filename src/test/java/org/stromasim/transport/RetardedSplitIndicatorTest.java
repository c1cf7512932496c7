package org.stromasim.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.api.Test;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.MatrixCompositionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;

/**
 * The split-error bound of a species bound to the matrix. With R·∂C/∂t = ∇·(D∇C) − kC the split
 * operators are R⁻¹·L and k/R, which do not commute where R varies even for a uniform k: the bound must
 * see it (without R it would find no commutator at all and allow any step).
 */
class RetardedSplitIndicatorTest {

    private static final double DX_UM = 10;
    private static final double K_PER_S = 0.05;
    /** fibre_matrix without GAG or cells: binding needs its composition. */
    private static final DiffusivityLawSpec LAW = new DiffusivityLawSpec.FibreMatrix(20, 0.5,
            new MatrixCompositionSpec(3.0, 0.05, 2.0, 0.3,
                    new MatrixCompositionSpec.PerCellType(0, 0, 0, 0, 0),
                    new MatrixCompositionSpec.PerCellType(0, 0, 0, 0, 0)));

    @Test
    void aUniformDecayOnAVaryingRetardationHasTheCommutatorOfTheRetardedOperators() {
        int n = 6;
        Scenario sc = scenario().grid(n, n, n, DX_UM).law(LAW)
                .with(species("drug").d0(100).decay(K_PER_S).ecmBinding(1)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        TransportFields fields = TransportFields.of(TransportModel.compile(sc, t));
        float[] r = fields.retardation(0);
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    r[i + n * (j + n * k)] = (i + j + k) % 2 == 0 ? 1f : 4f; // checkerboard
                }
            }
        }
        float[] d = fields.diffusivityUm2PerS(0);

        // the commutator written out: max over voxels of Σ_faces D_face·|k/R_v − k/R_u| / (R_v·dx²)
        double expected = 0;
        int[][] steps = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    int v = i + n * (j + n * k);
                    double sum = 0;
                    for (int[] s : steps) {
                        int ii = i + s[0];
                        int jj = j + s[1];
                        int kk = k + s[2];
                        if (ii < 0 || jj < 0 || kk < 0 || ii >= n || jj >= n || kk >= n) {
                            continue;
                        }
                        int u = ii + n * (jj + n * kk);
                        double face = 2.0 * d[v] * d[u] / ((double) d[v] + d[u]);
                        sum += face * Math.abs(K_PER_S / r[v] - K_PER_S / r[u]);
                    }
                    expected = Math.max(expected, sum / r[v] / (DX_UM * DX_UM));
                }
            }
        }
        assertTrue(expected > 0, "the checkerboard makes the split operators non-commuting");
        ReactionStiffness stiffness = fields.reactionStiffness(0);
        assertEquals(expected, stiffness.commutatorPerS2(), 1e-12 * expected);
        assertEquals(K_PER_S, stiffness.stiffestPerS(), 1e-15, "the fastest effective rate is k/R at R = 1");
    }
}
