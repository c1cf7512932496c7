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
 * step-start level, vessel exchange with the mean over the step of the plasma curve of the voxel's
 * vessel group). Vessel lumen (D = 0,
 * a hole of the solver) holds the plasma level at the step end, as in the split schemes. A species
 * that does not diffuse takes the same formula without L (its exact relaxation). The drug exposure is
 * integrated along the same exponential ({@link UnsplitStep#exposureEndWeightS}).
 *
 * <p>Arithmetic in double between the float state's reads and writes; the solve's a and f are held in
 * 4 bytes per voxel each ({@link UnsplitRightHandSide}: 8 in all, as TR-BDF2's double right-hand side), and the drug's λ,
 * which its exposure needs after the solve, is recomputed there rather than stored. Per voxel the
 * coefficients are computed on the calling thread (one exponential per voxel, far below a solve's ~60
 * operator passes).
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
    private final double[] plasmaMean;
    private final double[] plasmaEnd;
    private final int drugSpecies;
    private final int vesselCode = CellType.VESSEL.code();
    /** a and f of the solve, 4 bytes per voxel each (the drug's λ is not stored: {@link #finish} recomputes it). */
    private final UnsplitRightHandSide coefficients;

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
        this.plasmaMean = new double[groups];
        this.plasmaEnd = new double[groups];
        this.drugSpecies = model.drugSpeciesIndex().orElse(-1);
        this.coefficients = new UnsplitRightHandSide(n);
    }

    /** One step [tS, tS + hS] of every species, in place in the working state. */
    void step(double tS, double hS) {
        for (int s = 0; s < plasma.length; s++) {
            stepSpecies(s, tS, hS);
        }
    }

    private void stepSpecies(int s, double tS, double hS) {
        try {
            solveSpecies(s, tS, hS);
        } finally {
            // the step's state arrays are its caller's (a pilot's copy, say): not kept past the step
            coefficients.end();
        }
    }

    private void solveSpecies(int s, double tS, double hS) {
        ReactionUpdate reaction = reactions.reaction(s);
        float[] retardation = fields.retardation(s);
        float[] c = state.current[s];
        byte[] keys = state.keys;
        float[] viability = state.viability;
        for (int g = 0; g < plasmaMean.length; g++) {
            plasmaMean[g] = plasma[s][g] != null ? plasma[s][g].mean(tS, tS + hS) : 0.0;
            plasmaEnd[g] = plasma[s][g] != null ? plasma[s][g].at(tS + hS) : 0.0;
        }
        boolean lumenHeld = reaction.crossesVessels();
        boolean drug = s == drugSpecies;
        // null where the species does not diffuse: each voxel's end value is then its own relaxation f/a
        var solver = solvers.assembledFor(s);
        coefficients.begin(c, retardation, hS);
        for (int v = 0; v < c.length; v++) {
            int key = keys[v];
            if (VoxelKeys.cellCode(key) == vesselCode) {
                // a hole of the solver: a·u = f gives the level it is to hold (finish writes that level itself)
                if (solver == null) {
                    finish(reaction, retardation, c, v, Double.NaN, drug, lumenHeld, hS);
                    continue;
                }
                int group = groupOfVoxel == null ? 0 : groupOfVoxel[v];
                double level = lumenHeld ? plasmaEnd[group] : c[v];
                coefficients.set(v, 1 / hS, level / hS, (level - c[v]) / hS);
                continue;
            }
            float alive = viability[v];
            int group = groupOfVoxel == null ? 0 : groupOfVoxel[v];
            // R·dC/dt = L·C − λC + S is dC/dt = R⁻¹L·C − (λ/R)·C + S/R: the step of λ/R, multiplied through by R
            double r = retardation == null ? 1.0 : retardation[v];
            double lambda = lossRate(reaction, retardation, key, c[v], alive, v);
            double a = r * UnsplitStep.absorption(lambda, hS);
            double source = reaction.sourcePerS(key, alive, v, plasmaMean[group]);
            double f = r * UnsplitStep.startWeight(lambda, hS) * c[v] + source;
            if (solver == null) {
                finish(reaction, retardation, c, v, f / a, drug, lumenHeld, hS);
                continue;
            }
            coefficients.set(v, a, f, source - r * lambda * c[v]);
        }
        if (solver == null) {
            return;
        }
        // start value: the exact relaxation without L, f/a. It is the solution in a uniform field, so the
        // solve only has to add what diffusion moves; from Cⁿ instead, a fast decay (e^(−λh) ≪ 1e-16)
        // would leave a residual double cannot resolve
        float[] absorption = coefficients.absorption();
        solver.setAbsorption(absorption);
        solver.loadStart(v -> coefficients.at(v) / absorption[v]);
        solvers.solveChecked(solver, coefficients, s, "the unsplit step"); // the solution stays in the solver
        solver.readSolution((v, value) -> finish(reaction, retardation, c, v, value, drug, lumenHeld, hS));
    }

    /** λ/R of voxel v at level c: the loss rate of its step (with {@link #finish}'s recomputation one definition). */
    private static double lossRate(ReactionUpdate reaction, float[] retardation, int key, float c, float alive, int v) {
        double r = retardation == null ? 1.0 : retardation[v];
        return reaction.lossRatePerS(key, c, alive, v) / r;
    }

    /**
     * Writes voxel v's end value (the solved one, ≥ 0 up to the solve's tolerance: M-matrix; not
     * clamped; in lumen the level it holds) and adds the drug's exposure over the step. Reads c[v] before
     * writing it: the step-start level, from which the drug's λ is recomputed as the coefficients took it.
     */
    private void finish(ReactionUpdate reaction, float[] retardation, float[] c, int v, double solved, boolean drug,
                        boolean lumenHeld, double hS) {
        int key = state.keys[v];
        boolean lumen = VoxelKeys.cellCode(key) == vesselCode;
        float end;
        if (lumen) {
            end = lumenHeld ? (float) plasmaEnd[groupOfVoxel == null ? 0 : groupOfVoxel[v]] : c[v];
        } else {
            end = (float) solved;
        }
        if (drug) {
            double increment;
            if (lumen && lumenHeld) {
                // lumen holds the plasma curve: its exposure is the curve's exact integral over the step
                increment = hS * plasmaMean[groupOfVoxel == null ? 0 : groupOfVoxel[v]];
            } else {
                // lumen not held: the trapezoid (the λ → 0 limit) of an unchanged level
                double w1 = lumen ? hS / 2
                        : UnsplitStep.exposureEndWeightS(lossRate(reaction, retardation, key, c[v], state.viability[v], v), hS);
                increment = (hS - w1) * c[v] + w1 * end;
            }
            ReactionUpdate.accumulate(state.exposure, state.exposureCompensation, v, (float) increment);
        }
        c[v] = end;
    }
}
