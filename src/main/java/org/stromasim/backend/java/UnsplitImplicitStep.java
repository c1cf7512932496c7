package org.stromasim.backend.java;

import org.stromasim.tissue.CellType;
import org.stromasim.transport.PlasmaCurve;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;
import org.stromasim.transport.UnsplitStep;
import org.stromasim.transport.VoxelKeys;

/**
 * {@code run.diffusion: {scheme: implicit, coupling: unsplit}} on the Java backend: per step and
 * species one multigrid solve of a·Cⁿ⁺¹ − L·Cⁿ⁺¹ = a·e^(−λh)·Cⁿ + S ({@link UnsplitStep}: exponential
 * Euler with the diffusion implicit), λ and S per voxel from the same reaction terms the split schemes
 * use ({@link ReactionUpdate#lossRatePerS}, {@link ReactionUpdate#sourcePerS}: Michaelis–Menten at the
 * step-start level, vessel exchange with the plasma level of the voxel's vessel group at the step
 * midpoint). Vessel lumen (D = 0,
 * a hole of the solver) holds the plasma level at the step end, as in the split schemes. A species
 * that does not diffuse takes the same formula without L (its exact relaxation). The drug exposure is
 * integrated along the same exponential ({@link UnsplitStep#exposureEndWeightS}).
 *
 * <p>Arithmetic in double between the float state's reads and writes; per voxel the coefficients are
 * computed on the calling thread (one exponential per voxel, far below a solve's ~60 operator passes).
 */
final class UnsplitImplicitStep {

    private final TransportModel model;
    private final ImplicitDiffusion solvers;
    private final ReactionPass reactions;
    private final WorkingState state;
    /** Per species and plasma group (0: the species' own curve), null where the species has no plasma. */
    private final PlasmaCurve[][] plasma;
    /** The live retardation factors of reversible matrix binding (null per species without). */
    private final TransportFields fields;
    /** Per voxel its plasma group, or null with one group ({@link TransportModel#plasmaGroupOfVoxel}). */
    private final byte[] groupOfVoxel;
    private final double[] plasmaMid;
    private final double[] plasmaEnd;
    private final int drugSpecies;
    private final int vesselCode = CellType.VESSEL.code();
    /** a per voxel (the solver reads it in its double residual, so it has its own array). */
    private final double[] absorption;
    private final double[] rhs;
    /** The drug's λ per voxel over the step (its exposure weight); NaN marks lumen (trapezoid). */
    private final double[] drugLoss;

    UnsplitImplicitStep(TransportFields fields, ImplicitDiffusion solvers, ReactionPass reactions, WorkingState state) {
        TransportModel model = fields.model();
        this.fields = fields;
        this.model = model;
        this.solvers = solvers;
        this.reactions = reactions;
        this.state = state;
        int n = model.grid().voxelCount();
        int groups = model.plasmaGroupCount();
        this.groupOfVoxel = groups > 1 ? model.plasmaGroupOfVoxel() : null;
        this.plasma = new PlasmaCurve[model.speciesCount()][groups];
        for (int s = 0; s < plasma.length; s++) {
            for (int g = 0; g < groups; g++) {
                plasma[s][g] = groups > 1 ? model.plasma(s, g) : model.plasma(s);
            }
        }
        this.plasmaMid = new double[groups];
        this.plasmaEnd = new double[groups];
        this.drugSpecies = model.drugSpeciesIndex().orElse(-1);
        this.absorption = new double[n];
        this.rhs = new double[n];
        this.drugLoss = drugSpecies >= 0 ? new double[n] : null;
    }

    /** One step [tS, tS + hS] of every species, in place in the working state. */
    void step(double tS, double hS) {
        for (int s = 0; s < plasma.length; s++) {
            stepSpecies(s, tS, hS);
        }
    }

    private void stepSpecies(int s, double tS, double hS) {
        ReactionUpdate reaction = reactions.reaction(s);
        float[] retardation = fields.retardation(s);
        float[] c = state.current[s];
        byte[] keys = state.keys;
        float[] viability = state.viability;
        for (int g = 0; g < plasmaMid.length; g++) {
            plasmaMid[g] = plasma[s][g] != null ? plasma[s][g].at(tS + hS / 2) : 0.0;
            plasmaEnd[g] = plasma[s][g] != null ? plasma[s][g].at(tS + hS) : 0.0;
        }
        boolean lumenHeld = reaction.crossesVessels();
        boolean drug = s == drugSpecies;
        for (int v = 0; v < c.length; v++) {
            int key = keys[v];
            int group = groupOfVoxel == null ? 0 : groupOfVoxel[v];
            if (VoxelKeys.cellCode(key) == vesselCode) {
                // a hole of the solver: a·u = f gives exactly the level it is to hold
                absorption[v] = 1 / hS;
                rhs[v] = (lumenHeld ? plasmaEnd[group] : c[v]) / hS;
                if (drug) {
                    drugLoss[v] = Double.NaN;
                }
                continue;
            }
            float alive = viability[v];
            // R·dC/dt = L·C − λC + S is dC/dt = R⁻¹L·C − (λ/R)·C + S/R: the step of λ/R, multiplied through by R
            double r = retardation == null ? 1.0 : retardation[v];
            double lambda = reaction.lossRatePerS(key, c[v], alive, v) / r;
            absorption[v] = r * UnsplitStep.absorption(lambda, hS);
            rhs[v] = r * UnsplitStep.startWeight(lambda, hS) * c[v] + reaction.sourcePerS(key, alive, v, plasmaMid[group]);
            if (drug) {
                drugLoss[v] = lambda;
            }
        }
        // start value (and the answer where nothing diffuses): the exact relaxation without L, f/a. It
        // is the solution in a uniform field, so the solve only has to add what diffusion moves; from
        // Cⁿ instead, a fast decay (e^(−λh) ≪ 1e-16) would leave a residual double cannot resolve
        var solver = solvers.assembledFor(s);
        if (solver == null) {
            for (int v = 0; v < c.length; v++) {
                finish(c, v, (float) (rhs[v] / absorption[v]), drug, hS);
            }
            return;
        }
        solver.setAbsorption(absorption);
        solver.loadStart(v -> rhs[v] / absorption[v]);
        solvers.solveChecked(solver, rhs, s, "the unsplit step"); // the solution stays in the solver
        solver.readSolution((v, value) -> finish(c, v, (float) value, drug, hS));
    }

    /** Voxel v's end value (≥ 0 up to the solve's tolerance: M-matrix; not clamped) and the drug's exposure. */
    private void finish(float[] c, int v, float end, boolean drug, double hS) {
        if (drug) {
            double lambda = drugLoss[v];
            double w1 = Double.isNaN(lambda) ? hS / 2 : UnsplitStep.exposureEndWeightS(lambda, hS);
            ReactionUpdate.accumulate(state.exposure, state.exposureCompensation, v,
                    (float) ((hS - w1) * c[v] + w1 * end));
        }
        c[v] = end;
    }
}
