package org.stromasim.transport;

import java.util.Optional;
import org.stromasim.scenario.RunSpec;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * What the slow clock changes in a compiled {@link TransportModel}, owned by one backend
 * ({@code Backend.fields()}): per species the voxel diffusivity, the vessel wall area per volume after
 * compression, the perfused fraction, the uptake scales, and what derives from them (the
 * stability limit, the split indicator). Every array here is this object's own: a second backend built
 * from the same model has its own fields, and the model is never written.
 *
 * <p>The arrays are live: the Java backend's kernels read them at every step, and the OpenCL backend
 * keeps them as the host copy of its device buffers. The mutators are named after what the slow clock
 * does; the accessors return the arrays themselves (not copies) for the kernels and uploads to read.
 */
public final class TransportFields {

    private final TransportModel model;
    private final float[][] diffusivityUm2PerS;
    /**
     * Per species that binds reversibly to collagen, its retardation factor R ≥ 1 per voxel (total over
     * free amount); null for a species without binding (R = 1).
     */
    private final float[][] retardation;
    private final float[] vesselSurfaceToVolumePerUm;
    /** Perfused fraction per voxel of the last {@link #applyMatrixState}, or null without compression. */
    private float[] perfusedFraction;
    /** Multiplier of the uptake Vmax per species and cell code (1 unless a slow step changes it). */
    private final double[][] uptakeScale;
    private StabilityLimit stabilityLimit;
    /**
     * Per species, from the last refresh: see {@link #reactionStiffness}. Computed on first use after a
     * refresh (null until then): only the large-step schemes and validate read it, and a biology run
     * refreshes the diffusivity at every slow step.
     */
    private ReactionStiffness[] reactionStiffness;
    /** The cells of the last refresh, which {@link #reactionStiffness} is computed for. */
    private byte[] refreshedCells;

    private TransportFields(TransportModel model) {
        this.model = model;
        int n = model.speciesCount();
        this.diffusivityUm2PerS = new float[n][];
        for (int s = 0; s < n; s++) {
            diffusivityUm2PerS[s] = new float[model.grid().voxelCount()];
            model.fillDiffusivity(s, model.compiledStiffnessKpa(), model.compiledCells(), model.compiledGagFraction(),
                    diffusivityUm2PerS[s]);
        }
        this.retardation = new float[n][];
        for (int s = 0; s < n; s++) {
            if (model.bindsToMatrix(s)) {
                retardation[s] = new float[model.grid().voxelCount()];
                model.fillRetardation(s, model.compiledStiffnessKpa(), model.compiledCells(), retardation[s]);
            }
        }
        this.vesselSurfaceToVolumePerUm = model.builtWallPerUm();
        float[] perfused = model.compiledPerfusedFraction();
        this.perfusedFraction = perfused == null ? null : perfused.clone();
        if (perfused != null) {
            org.stromasim.matrix.VesselCompression.openWall(vesselSurfaceToVolumePerUm, perfused, vesselSurfaceToVolumePerUm);
        }
        this.uptakeScale = new double[n][CellType.COUNT];
        for (double[] scale : uptakeScale) {
            java.util.Arrays.fill(scale, 1.0);
        }
        this.refreshedCells = model.compiledCells().clone();
        this.stabilityLimit = limitOfDiffusivity();
    }

    /**
     * The fields of {@code model} as compiled, in arrays of their own (none shared with the model): the
     * diffusivity of the stiffness, cells and hyaluronan it was compiled from, and its wall.
     */
    public static TransportFields of(TransportModel model) {
        return new TransportFields(model);
    }

    /** The compiled model these fields belong to. */
    public TransportModel model() {
        return model;
    }

    /**
     * Recomputes every species' voxel diffusivity from the tissue's current stiffness, cells and hyaluronan (after
     * matrix remodelling), in place, and the stability limit with it; a species bound to the matrix gets
     * the retardation of the new collagen, its free concentration in {@code tissue} re-partitioned so that
     * R·C is kept.
     */
    public void refreshDiffusivity(Tissue tissue) {
        model.fillDiffusivity(tissue, diffusivityUm2PerS);
        refreshRetardation(tissue);
        this.stabilityLimit = limitOfDiffusivity();
        this.reactionStiffness = null;
        this.refreshedCells = tissue.cell();
    }

    /**
     * Sets the matrix state of the slow clock from the tissue: with vessel compression, each wall voxel's perfused
     * fraction from its stiffness and hyaluronan; then recomputes the diffusivity (stiffness, cells, hyaluronan).
     * The wall array is rewritten in place (the Java backend reads it at its next step; the OpenCL backend copies
     * it at upload and after a slow step).
     */
    public void applyMatrixState(Tissue tissue) {
        recompressVessels(tissue);
        refreshDiffusivity(tissue);
    }

    /**
     * The wall part of {@link #applyMatrixState} alone, for a backend that recomputed the diffusivity itself
     * from the same state (the OpenCL slow step).
     */
    public void recompressVessels(Tissue tissue) {
        float[] perfused = model.compressVessels(tissue, vesselSurfaceToVolumePerUm);
        if (perfused != null) {
            this.perfusedFraction = perfused;
            this.reactionStiffness = null;
        }
    }

    /**
     * Recomputes the stability limit after the backend rewrote the diffusivity arrays with values it
     * computed itself from the same law and stiffness (the OpenCL slow step computes them on its device
     * and reads them back here), so the arrays, the limit and the device agree. {@code host} holds the
     * cells the device computed them for.
     */
    public void acceptDeviceDiffusivity(Tissue host) {
        refreshRetardation(host);
        this.stabilityLimit = limitOfDiffusivity();
        this.reactionStiffness = null;
        this.refreshedCells = host.cell();
    }

    /** The retardation of every binding species from the tissue's current collagen (stiffness and cells), in place. */
    /**
     * The retardation of the tissue's current collagen, for every species bound to the matrix; the free
     * concentration in {@code tissue} is re-partitioned so that the total R·C of each voxel is kept. Binding
     * is at local equilibrium, so sites that remodelling adds fill from the free pool and sites it removes
     * release theirs: the matrix neither creates nor destroys solute.
     */
    private void refreshRetardation(Tissue tissue) {
        float[] updated = null;
        for (int s = 0; s < retardation.length; s++) {
            if (retardation[s] == null) {
                continue;
            }
            if (updated == null) {
                updated = new float[retardation[s].length];
            }
            model.fillRetardation(s, tissue.stiffnessKpa(), tissue.cell(), updated);
            float[] r = retardation[s];
            float[] c = tissue.concentration(s);
            for (int v = 0; v < r.length; v++) {
                if (updated[v] != r[v]) {
                    c[v] = (float) ((double) c[v] * r[v] / updated[v]);
                    r[v] = updated[v];
                }
            }
        }
    }

    /**
     * Species s's retardation factor R per voxel (R ∂C/∂t = ∇·(D∇C) + reactions; what is conserved is
     * ∫R·C), or null when it does not bind to the matrix (R = 1). The live array: the kernels read it.
     */
    public float[] retardation(int s) {
        return retardation[s];
    }

    /** Scales the uptake Vmax of species {@code s} in voxels of {@code cell} from the next advance on. */
    public void scaleUptake(int s, CellType cell, double factor) {
        if (!(factor >= 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("uptake scale must be a finite number >= 0, got " + factor);
        }
        uptakeScale[s][cell.code()] = factor;
    }


    /** Perfused fraction of each voxel's vessel wall (a copy), or empty without {@code ecm.vessel_compression}. */
    public Optional<float[]> perfusedFraction() {
        return perfusedFraction == null ? Optional.empty() : Optional.of(perfusedFraction.clone());
    }

    /**
     * Voxel diffusivity of species {@code s}, µm²/s. The live array (not a copy): only the backend that
     * owns these fields writes it, when it recomputed it elsewhere, followed by {@link #acceptDeviceDiffusivity}.
     */
    public float[] diffusivityUm2PerS(int s) {
        return diffusivityUm2PerS[s];
    }

    /** Vessel wall area per volume of each voxel after compression, 1/µm. The live array. */
    public float[] vesselSurfaceToVolumePerUm() {
        return vesselSurfaceToVolumePerUm;
    }

    /**
     * Multiplier of the Michaelis–Menten Vmax of species {@code s} by cell code, read by the backend at
     * the start of every advance (the live array; 1 = as compiled).
     */
    public double[] uptakeScale(int s) {
        return uptakeScale[s];
    }

    /**
     * Species s's stiffest reaction rate and the reaction–diffusion commutator its split steps err by,
     * for the cells and diffusivity of the last refresh.
     */
    public ReactionStiffness reactionStiffness(int s) {
        if (reactionStiffness == null) {
            ReactionStiffness[] computed = new ReactionStiffness[model.speciesCount()];
            for (int i = 0; i < computed.length; i++) {
                computed[i] = ReactionStiffness.of(model.grid(), diffusivityUm2PerS[i], refreshedCells,
                        vesselSurfaceToVolumePerUm, model.vesselWallDistanceUm(), retardation[i], model.reactions(i),
                        model.plasma(i) != null);
            }
            reactionStiffness = computed;
        }
        return reactionStiffness[s];
    }

    /** The largest split step within the split error bound for every species ({@link ReactionStiffness#largestAccurateStepS}). */
    public double largestAccurateSplitStepS() {
        double largest = Double.POSITIVE_INFINITY;
        for (int s = 0; s < model.speciesCount(); s++) {
            largest = Math.min(largest, reactionStiffness(s).largestAccurateStepS());
        }
        return largest;
    }

    /**
     * The explicit stability limit of species s alone, dx²/max_v Σ_faces D_face, s ({@code +∞} when it
     * does not diffuse); set-up cost (one pass over the grid). Multirate schemes size each species' work from it.
     */
    public double explicitLimitS(int s) {
        double sum = FaceSums.maxFaceSum(model.grid(), diffusivityUm2PerS[s], model.boundaries(s));
        double dx = model.grid().voxelUm();
        return sum > 0 ? dx * dx / sum : Double.POSITIVE_INFINITY;
    }

    public StabilityLimit stabilityLimit() {
        return stabilityLimit;
    }

    /** Throws an {@link IllegalArgumentException} with the numbers if {@code dtS} exceeds the stability limit. */
    public void checkTimeStep(double dtS) {
        stabilityLimit.check(dtS);
    }

    /** The step a run uses: its explicit dt (checked) or safety × the stability limit. */
    public double timeStepS(RunSpec run) {
        if (run.dtS() != null) {
            checkTimeStep(run.dtS());
            return run.dtS();
        }
        return stabilityLimit.automaticStepS(run.stabilitySafety());
    }

    private StabilityLimit limitOfDiffusivity() {
        return model.stabilityLimitOf(diffusivityUm2PerS);
    }
}
