package org.stromasim.solver;

import java.util.List;

/**
 * One V-cycle from zero for A·x = b on level l of a hierarchy (b in, x out, both the level's own
 * arrays): Chebyshev–Jacobi smoothing, residual, restriction, the cycle on the next level, prolongation,
 * smoothing again; the last level solved by its dense LU. Shared by {@link MultigridSolver} and by the
 * host part of a device cycle ({@link MultigridHierarchy#vCycleOnHost}).
 */
final class VCycle {

    private VCycle() {
    }

    static void run(List<MultigridLevel> levels, DenseLu coarsest, int l) {
        MultigridLevel level = levels.get(l);
        level.clear(level.x);
        if (l == levels.size() - 1) {
            coarsest.solve(level, level.b, level.x);
            return;
        }
        level.smooth(level.x, level.b, MultigridSolver.SMOOTHING_DEGREE, MultigridSolver.SMOOTHING_RATIO);
        level.residual(level.x, level.b, level.r);
        MultigridLevel coarse = levels.get(l + 1);
        coarse.clear(coarse.b);
        Transfers.restrict(level, level.r, coarse, coarse.b);
        run(levels, coarsest, l + 1);
        Transfers.prolongAdd(coarse, coarse.x, level, level.x);
        level.smooth(level.x, level.b, MultigridSolver.SMOOTHING_DEGREE, MultigridSolver.SMOOTHING_RATIO);
    }
}
