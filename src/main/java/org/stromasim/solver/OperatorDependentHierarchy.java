package org.stromasim.solver;

import java.util.ArrayList;
import java.util.List;

/**
 * The coarse levels of {@link Coarsening#OPERATOR_DEPENDENT}: below the solver's fine
 * {@link MultigridLevel}, each level keeps every second cell along each axis, with a
 * {@link BlackBoxInterpolation} from the level above and the Galerkin operator Pᵀ·A·P
 * ({@link GalerkinProduct}); the last one (≤ {@link MultigridSolver#COARSEST_CELLS} cells, or where a
 * periodic axis of odd size stops the coarsening) is solved by dense LU. Built once per grid; the
 * weights and coarse operators are rebuilt from the fine operator whenever its coefficients change
 * (the absorption a is part of the operator the interpolation follows).
 */
final class OperatorDependentHierarchy {

    /** The largest coarsest level accepted when a periodic axis of odd size stops the coarsening early. */
    static final int MAX_DIRECT_CELLS = 1000;

    private final List<BlackBoxInterpolation> interpolations = new ArrayList<>();
    private final List<StencilLevel> levels = new ArrayList<>();
    private DenseLu coarsest;
    /** Rebuilds so far: a view of the levels ({@link OperatorDependentLevels}) is valid for one build. */
    private long builds;

    OperatorDependentHierarchy(int nx, int ny, int nz, boolean[] periodic) {
        int[] n = {nx, ny, nz};
        while ((long) n[0] * n[1] * n[2] > MultigridSolver.COARSEST_CELLS) {
            boolean oddPeriodic = false;
            for (int axis = 0; axis < 3; axis++) {
                oddPeriodic |= periodic[axis] && n[axis] > 1 && n[axis] % 2 != 0;
            }
            if (oddPeriodic) {
                if ((long) n[0] * n[1] * n[2] > MAX_DIRECT_CELLS || levels.isEmpty()) {
                    throw new IllegalArgumentException("operator-dependent coarsening halves every axis; a periodic axis of odd size "
                            + "stops it at " + n[0] + "x" + n[1] + "x" + n[2] + " cells (at most " + MAX_DIRECT_CELLS
                            + " below the fine level go to a dense coarsest solve; grid " + nx + "x" + ny + "x" + nz
                            + "); use periodic sizes with a factor 2^m, or the geometric coarsening");
                }
                break;
            }
            BlackBoxInterpolation p = new BlackBoxInterpolation(n[0], n[1], n[2], periodic);
            interpolations.add(p);
            levels.add(new StencilLevel(p.cnx, p.cny, p.cnz, periodic));
            n = new int[] {p.cnx, p.cny, p.cnz};
        }
    }

    /** Rebuilds the weights, the coarse operators and the coarsest factors from the fine level's operator. */
    void rebuild(MultigridLevel fine) {
        Stencil above = Stencil.of(fine);
        for (int l = 0; l < levels.size(); l++) {
            interpolations.get(l).build(above);
            StencilLevel coarse = levels.get(l);
            GalerkinProduct.fill(above, interpolations.get(l), coarse);
            coarse.refreshDiagonal();
            above = coarse;
        }
        coarsest = levels.isEmpty() ? null : DenseLu.of(levels.get(levels.size() - 1));
        builds++;
    }

    /** How many times the levels were rebuilt (a view records it to notice a later rebuild). */
    long builds() {
        return builds;
    }

    /** Forgets the coarse operators (the fine one changed); {@link #rebuild} before the next cycle. */
    void invalidate() {
        coarsest = null;
    }

    boolean built() {
        return coarsest != null || levels.isEmpty();
    }

    /** Coarse levels below the fine one (0 when the fine level is already small). */
    int coarseLevels() {
        return levels.size();
    }

    StencilLevel level(int l) {
        return levels.get(l);
    }

    /** The interpolation from the level above coarse level l (the fine level for l = 0). */
    BlackBoxInterpolation interpolation(int l) {
        return interpolations.get(l);
    }

    DenseLu coarsest() {
        return coarsest;
    }

    /** Σ over the coarse levels of their 27-point cell updates so far. */
    long coarseCellUpdates() {
        long sum = 0;
        for (StencilLevel level : levels) {
            sum += level.operatorCellUpdates;
        }
        return sum;
    }
}
