package org.stromasim.solver;

/**
 * How {@link MultigridSolver} builds its coarse levels.
 */
public enum Coarsening {
    /**
     * 2×2×2 cell blocks with resistor-network coarse conductances and piecewise-constant transfers
     * (7-point on every level): the default, and the one the implicit scheme's device multigrid runs.
     */
    GEOMETRIC,
    /**
     * Every second cell along each axis kept, Dendy's black-box interpolation from the fine operator's
     * stencil, restriction Pᵀ and Galerkin coarse operators PᵀAP (27-point): the slowly converging
     * error of a voxel-wise rough field follows the fine fluxes, which block-constant corrections cannot
     * represent. About twice the work per cycle. A device solver runs the same hierarchy through
     * {@link MultigridSolver#operatorDependentLevels()} (the geometric device multigrid's
     * {@link MultigridSolver#hierarchy()} refuses it). A scenario selects it per solve with
     * {@code run.multigrid.pressure_coarsening} and {@code run.multigrid.diffusion_coarsening}.
     */
    OPERATOR_DEPENDENT
}
