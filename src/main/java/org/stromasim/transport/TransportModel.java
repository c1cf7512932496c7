package org.stromasim.transport;

import java.util.List;
import java.util.OptionalInt;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * A scenario and a tissue compiled into the flat parameters the backends execute: per species a
 * voxel diffusivity array, boundary codes per face, reaction coefficients per cell code and a plasma
 * curve; per voxel the vessel wall area per volume. Nothing here is evaluated per voxel per step
 * through a virtual call or a map.
 *
 * <p>Diffusivity: D_v = D0·law(stiffness_v, r_s), µm²/s, and 0 in vessel voxels, so vessels are an
 * impermeable lumen for diffusion and reach the tissue only through the wall-exchange term.
 *
 * <p>The diffusivity arrays are shared with the backends (not copied): {@link #refreshDiffusivity}
 * rewrites them in place, so a Java backend sees the new values at its next step.
 */
public final class TransportModel {

    private final Grid3D grid;
    private final List<SpeciesSpec> species;
    private final List<String> speciesNames;
    private final DiffusivityLaw law;
    private final float[][] diffusivityUm2PerS;
    private final SpeciesBoundaries[] boundaries;
    private final SpeciesReactions[] reactions;
    private final PlasmaCurve[] plasma;
    /** Per species that crosses vessel walls, the curve of each plasma group (index 0: {@link #plasma}). */
    private final PlasmaCurve[][] groupPlasma;
    /** Per voxel, its plasma group (see {@code tissue.VesselWall}), or null when there is one group. */
    private final byte[] plasmaGroupOfVoxel;
    private final float[] vesselSurfaceToVolumePerUm;
    /** Per voxel, its centre's distance from the vessel wall it holds, µm ({@link WallExchange}). */
    private final float[] vesselWallDistanceUm;
    /** The wall as built (uncompressed); the live array is this times the perfused fraction. */
    private final float[] builtWallPerUm;
    /** Vessel compression by solid stress, or null (the live wall stays the built one). */
    private final org.stromasim.matrix.VesselCompression compression;
    /** Perfused fraction per voxel of the last {@link #applyMatrixState}, or null without compression. */
    private float[] perfusedFraction;
    /** GAG level g of the last {@link #applyMatrixState} (multiplies every gag_fraction; 1 as built). */
    private double gagLevel = 1.0;
    /**
     * Per species, from the last {@link #refreshDiffusivity}: see {@link #reactionStiffness}. Computed on
     * first use after a refresh (null until then): only the large-step schemes and validate read it,
     * and a biology run refreshes the diffusivity at every slow step.
     */
    private ReactionStiffness[] reactionStiffness;
    /** The cells of the last refresh, which {@link #reactionStiffness} is computed for. */
    private byte[] refreshedCells;
    private final int drugSpeciesIndex;
    private final RunSpec.Splitting splitting;
    private final org.stromasim.scenario.DiffusionSpec diffusion;
    private StabilityLimit stabilityLimit;
    /** Multiplier of the uptake Vmax per species and cell code (1 unless a slow step changes it). Live. */
    private final double[][] uptakeScale;
    private final boolean needsSlowSteps;

    private TransportModel(Scenario scenario, Tissue tissue) {
        this.grid = tissue.grid();
        this.species = scenario.species();
        this.speciesNames = tissue.speciesNames();
        this.law = DiffusivityLaw.of(scenario.ecm().diffusivityLaw());
        int n = species.size();
        this.diffusivityUm2PerS = new float[n][grid.voxelCount()];
        this.boundaries = new SpeciesBoundaries[n];
        this.reactions = new SpeciesReactions[n];
        this.plasma = new PlasmaCurve[n];
        for (int s = 0; s < n; s++) {
            SpeciesSpec spec = species.get(s);
            if (!(spec.d0Um2PerS() >= 0) || !Double.isFinite(spec.d0Um2PerS())) {
                throw new IllegalArgumentException("species " + spec.name() + ": d0_um2_per_s must be a finite number "
                        + ">= 0, got " + spec.d0Um2PerS());
            }
            if (!(spec.stokesRadiusNm() >= 0) || !Double.isFinite(spec.stokesRadiusNm())) {
                throw new IllegalArgumentException("species " + spec.name() + ": stokes_radius_nm must be a finite "
                        + "number >= 0, got " + spec.stokesRadiusNm());
            }
            boundaries[s] = SpeciesBoundaries.of(spec);
            reactions[s] = SpeciesReactions.of(spec);
            if (spec.vessel() != null) {
                if (spec.vessel().plasma() == null) {
                    throw new IllegalArgumentException("species " + spec.name() + ": vessel exchange needs a plasma curve");
                }
                plasma[s] = PlasmaCurve.forSpecies(spec, name -> speciesNamed(scenario, name));
            }
        }
        List<java.util.Map<String, org.stromasim.scenario.PlasmaCurveSpec>> groups = scenario.tissue() == null
                ? List.of(java.util.Map.of())
                : org.stromasim.scenario.TissueSpec.plasmaGroups(scenario.tissue().vessels());
        this.groupPlasma = new PlasmaCurve[n][];
        for (int s = 0; s < n; s++) {
            if (plasma[s] == null) {
                continue;
            }
            SpeciesSpec spec = species.get(s);
            groupPlasma[s] = new PlasmaCurve[groups.size()];
            for (int g = 0; g < groups.size(); g++) {
                groupPlasma[s][g] = PlasmaCurve.inGroup(spec, groups.get(g), name -> speciesNamed(scenario, name), plasma[s]);
            }
        }
        this.plasmaGroupOfVoxel = plasmaGroups(tissue, groups.size());
        lowerEstradiolByAromataseInhibition(scenario);
        this.vesselSurfaceToVolumePerUm = VesselGeometry.surfaceToVolumePerUm(tissue);
        this.vesselWallDistanceUm = VesselGeometry.wallDistanceUm(tissue);
        this.builtWallPerUm = vesselSurfaceToVolumePerUm.clone();
        this.compression = scenario.ecm().vesselCompression() == null ? null
                : new org.stromasim.matrix.VesselCompression(scenario.ecm().vesselCompression());
        compressVessels(tissue);
        this.drugSpeciesIndex = scenario.speciesIndex(scenario.metrics().drugSpecies());
        this.splitting = scenario.run().splitting();
        this.uptakeScale = new double[n][CellType.COUNT];
        for (double[] scale : uptakeScale) {
            java.util.Arrays.fill(scale, 1.0);
        }
        this.needsSlowSteps = scenario.biology() != null;
        this.diffusion = scenario.run().diffusion();
        refreshDiffusivity(tissue);
    }

    /** Compiles a scenario for a tissue built from it (same grid, same species in the same order). */
    public static TransportModel compile(Scenario scenario, Tissue tissue) {
        Grid3D expected = scenario.grid().toGrid();
        if (!expected.equals(tissue.grid())) {
            throw new IllegalArgumentException("tissue grid " + tissue.grid() + " does not match the scenario grid "
                    + expected);
        }
        List<String> names = scenario.species().stream().map(SpeciesSpec::name).toList();
        if (!names.equals(tissue.speciesNames())) {
            throw new IllegalArgumentException("tissue species " + tissue.speciesNames()
                    + " do not match the scenario species " + names);
        }
        requireKnownCellCodes(tissue);
        return new TransportModel(scenario, tissue);
    }

    private static void requireKnownCellCodes(Tissue tissue) {
        byte[] cell = tissue.cell();
        for (int v = 0; v < cell.length; v++) {
            if (cell[v] < 0 || cell[v] >= CellType.COUNT) {
                throw new IllegalArgumentException("voxel " + v + " has cell code " + cell[v]
                        + "; allowed 0.." + (CellType.COUNT - 1));
            }
        }
    }

    /**
     * Recomputes every species' voxel diffusivity from the tissue's current stiffness and cells (after
     * matrix remodelling), in place, and the stability limit with it.
     */
    public void refreshDiffusivity(Tissue tissue) {
        if (!tissue.grid().equals(grid)) {
            throw new IllegalArgumentException("tissue grid " + tissue.grid() + " is not the model grid " + grid);
        }
        float[] stiffness = tissue.stiffnessKpa();
        byte[] cell = tissue.cell();
        byte vessel = CellType.VESSEL.code();
        for (int s = 0; s < species.size(); s++) {
            SpeciesSpec spec = species.get(s);
            float[] d = diffusivityUm2PerS[s];
            for (int v = 0; v < d.length; v++) {
                if (cell[v] == vessel) {
                    d[v] = 0f;
                    continue;
                }
                double value = spec.d0Um2PerS() * (law instanceof FibreMatrixLaw f
                        ? f.relativeDiffusivity(stiffness[v], cell[v], spec.stokesRadiusNm(), gagLevel)
                        : law.relativeDiffusivity(stiffness[v], cell[v], spec.stokesRadiusNm()));
                if (!(value >= 0) || !Double.isFinite(value)) {
                    throw new IllegalArgumentException("species " + spec.name() + ": diffusivity at voxel " + v
                            + " is " + value + " µm²/s (stiffness " + stiffness[v] + " kPa); it must be finite, >= 0");
                }
                d[v] = (float) value;
            }
        }
        this.stabilityLimit = StabilityAnalysis.limit(grid, speciesNames, diffusivityUm2PerS, boundaries);
        this.reactionStiffness = null;
        this.refreshedCells = cell;
    }

    /**
     * Sets the matrix state of the slow clock: the GAG level g (multiplies every cell type's gag_fraction) and,
     * with vessel compression, each wall voxel's perfused fraction from the tissue's stiffness and g; then
     * recomputes the diffusivity. The live wall array is rewritten in place (the Java backend reads it at its
     * next step; the OpenCL backend copies it at upload and after a slow step).
     */
    public void applyMatrixState(Tissue tissue, double gagLevel) {
        recompressVessels(tissue, gagLevel);
        refreshDiffusivity(tissue);
    }

    /**
     * The wall part of {@link #applyMatrixState} alone, for a backend that recomputed the diffusivity itself
     * with the same GAG level (the OpenCL slow step).
     */
    public void recompressVessels(Tissue tissue, double gagLevel) {
        if (!(gagLevel >= 0) || !Double.isFinite(gagLevel)) {
            throw new IllegalArgumentException("GAG level must be a finite number >= 0, got " + gagLevel);
        }
        this.gagLevel = gagLevel;
        compressVessels(tissue);
    }

    private void compressVessels(Tissue tissue) {
        if (compression == null) {
            return;
        }
        perfusedFraction = compression.perfusedFractions(tissue.stiffnessKpa(), tissue.cell(), builtWallPerUm, gagLevel);
        org.stromasim.matrix.VesselCompression.openWall(builtWallPerUm, perfusedFraction, vesselSurfaceToVolumePerUm);
        this.reactionStiffness = null;
    }

    /** The GAG level of the last {@link #applyMatrixState} (1 as built). */
    public double gagLevel() {
        return gagLevel;
    }

    /** Perfused fraction of each voxel's vessel wall (a copy), or empty without {@code ecm.vessel_compression}. */
    public java.util.Optional<float[]> perfusedFraction() {
        return perfusedFraction == null ? java.util.Optional.empty() : java.util.Optional.of(perfusedFraction.clone());
    }

    /** The vessel wall area per volume as built, before compression (1/µm; a copy). */
    public float[] builtWallPerUm() {
        return builtWallPerUm.clone();
    }

    /**
     * Species s's stiffest reaction rate and the reaction–diffusion commutator its split steps err by,
     * for the cells and diffusivity of the last {@link #refreshDiffusivity}.
     */
    public ReactionStiffness reactionStiffness(int s) {
        if (reactionStiffness == null) {
            ReactionStiffness[] computed = new ReactionStiffness[species.size()];
            for (int i = 0; i < computed.length; i++) {
                computed[i] = ReactionStiffness.of(grid, diffusivityUm2PerS[i], refreshedCells,
                        vesselSurfaceToVolumePerUm, vesselWallDistanceUm, reactions[i], plasma[i] != null);
            }
            reactionStiffness = computed;
        }
        return reactionStiffness[s];
    }

    /** The largest split step within the split error bound for every species ({@link ReactionStiffness#largestAccurateStepS}). */
    public double largestAccurateSplitStepS() {
        double largest = Double.POSITIVE_INFINITY;
        for (int s = 0; s < species.size(); s++) {
            largest = Math.min(largest, reactionStiffness(s).largestAccurateStepS());
        }
        return largest;
    }

    /**
     * Recomputes the stability limit after a backend rewrote the live diffusivity arrays with values it
     * computed itself from the same law and stiffness (the OpenCL slow step computes them on its device
     * and reads them back here), so the arrays, the limit and the device agree.
     */
    public void diffusivityRewritten() {
        this.stabilityLimit = StabilityAnalysis.limit(grid, speciesNames, diffusivityUm2PerS, boundaries);
    }

    public Grid3D grid() {
        return grid;
    }

    public int speciesCount() {
        return species.size();
    }

    public List<String> speciesNames() {
        return speciesNames;
    }

    /**
     * Voxel diffusivity of species {@code s}, µm²/s. The live array (not a copy): only a backend that
     * recomputed it elsewhere writes it, followed by {@link #diffusivityRewritten}.
     */
    public float[] diffusivityUm2PerS(int s) {
        return diffusivityUm2PerS[s];
    }

    public SpeciesBoundaries boundaries(int s) {
        return boundaries[s];
    }

    public SpeciesReactions reactions(int s) {
        return reactions[s];
    }

    /**
     * With {@code biology.endocrine}, the oestradiol species' plasma level is its curve times
     * (1 − aromatase inhibition): an aromatase inhibitor lowers the oestradiol that vessels deliver.
     */
    private void lowerEstradiolByAromataseInhibition(Scenario scenario) {
        if (scenario.biology() == null || scenario.biology().endocrine() == null) {
            return;
        }
        int e2 = scenario.speciesIndex(scenario.biology().endocrine().estradiolSpecies());
        org.stromasim.biology.InterventionLevels levels =
                new org.stromasim.biology.InterventionLevels(scenario.biology().interventions());
        if (e2 >= 0 && plasma[e2] != null) {
            java.util.function.DoubleUnaryOperator remaining = t -> 1.0 - levels.at(
                    org.stromasim.scenario.BiologySpec.InterventionKind.AROMATASE_INHIBITOR, t);
            plasma[e2] = PlasmaCurve.scaled(plasma[e2], remaining);
            for (int g = 0; g < groupPlasma[e2].length; g++) {
                groupPlasma[e2][g] = PlasmaCurve.scaled(groupPlasma[e2][g], remaining);
            }
        }
    }

    /**
     * The tissue's per-voxel plasma groups, checked against the scenario's group count; null when the
     * scenario has one group (a tissue built from it then has none either).
     */
    private static byte[] plasmaGroups(Tissue tissue, int groupCount) {
        byte[] groups = tissue.vesselWall() == null ? null : tissue.vesselWall().plasmaGroup();
        if (groups == null) {
            if (groupCount > 1) {
                throw new IllegalArgumentException("the scenario gives " + (groupCount - 1) + " vessel group(s) plasma"
                        + " curves of their own, but the tissue holds no plasma group per voxel (a state saved before"
                        + " per-group plasma curves, or one given only as a voxel mask)");
            }
            return null;
        }
        for (int v = 0; v < groups.length; v++) {
            if (groups[v] < 0 || groups[v] >= groupCount) {
                throw new IllegalArgumentException("voxel " + v + " is in plasma group " + groups[v] + "; the scenario"
                        + " has groups 0.." + (groupCount - 1));
            }
        }
        return groupCount > 1 ? groups : null;
    }

    private static SpeciesSpec speciesNamed(Scenario scenario, String name) {
        int index = scenario.speciesIndex(name);
        return index < 0 ? null : scenario.species().get(index);
    }

    /** The plasma curve of species {@code s}, or {@code null} when it does not cross vessel walls. */
    public PlasmaCurve plasma(int s) {
        return plasma[s];
    }

    /** The number of plasma groups (1 unless vessel groups carry plasma curves of their own). */
    public int plasmaGroupCount() {
        return plasmaGroupOfVoxel == null ? 1 : groupPlasma.length == 0 ? 1 : groupCountOf();
    }

    private int groupCountOf() {
        for (PlasmaCurve[] g : groupPlasma) {
            if (g != null) {
                return g.length;
            }
        }
        return 1;
    }

    /**
     * The plasma curve of species {@code s} in the vessels of plasma group {@code group} (0: the
     * species' own), or {@code null} when the species does not cross vessel walls.
     */
    public PlasmaCurve plasma(int s, int group) {
        return groupPlasma[s] == null ? null : groupPlasma[s][group];
    }

    /**
     * Per voxel, the plasma group whose curves its lumen holds and its wall exchanges with; null when
     * {@link #plasmaGroupCount()} is 1. The live array (read, never written).
     */
    public byte[] plasmaGroupOfVoxel() {
        return plasmaGroupOfVoxel;
    }

    /** Vessel wall area per volume of each voxel of a tissue, 1/µm (see {@link VesselGeometry}); a new array. */
    public static float[] vesselSurfaceToVolumePerUm(Tissue tissue) {
        return VesselGeometry.surfaceToVolumePerUm(tissue);
    }

    /** Vessel wall area per volume of each voxel, 1/µm (see {@link VesselGeometry}). The live array. */
    /**
     * Per voxel, the distance from its centre to the vessel wall it holds, µm (0 without a wall or where
     * the tissue carries no distances): δ of {@link WallExchange}. Read, never written.
     */
    public float[] vesselWallDistanceUm() {
        return vesselWallDistanceUm;
    }

    public float[] vesselSurfaceToVolumePerUm() {
        return vesselSurfaceToVolumePerUm;
    }

    /** Index of the species whose exposure is accumulated, if the scenario has it. */
    public OptionalInt drugSpeciesIndex() {
        return drugSpeciesIndex < 0 ? OptionalInt.empty() : OptionalInt.of(drugSpeciesIndex);
    }

    /**
     * Whether the scenario has a {@code biology} section, whose slow step a backend must run
     * ({@link org.stromasim.backend.Backend#runSlowStep}); a backend that cannot must refuse the model.
     */
    public boolean needsSlowSteps() {
        return needsSlowSteps;
    }

    /**
     * Multiplier of the Michaelis–Menten Vmax of species {@code s} by cell code, read by the backend at
     * the start of every advance (the live array; 1 = as compiled).
     */
    public double[] uptakeScale(int s) {
        return uptakeScale[s];
    }

    /** Scales the uptake Vmax of species {@code s} in voxels of {@code cell} from the next advance on. */
    public void setUptakeScale(int s, CellType cell, double factor) {
        if (!(factor >= 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("uptake scale must be a finite number >= 0, got " + factor);
        }
        uptakeScale[s][cell.code()] = factor;
    }

    public RunSpec.Splitting splitting() {
        return splitting;
    }

    /** The diffusion time integrator the scenario asks for ({@code run.diffusion}). */
    public org.stromasim.scenario.DiffusionSpec diffusion() {
        return diffusion;
    }

    /**
     * The explicit stability limit of species s alone, dx²/max_v Σ_faces D_face, s ({@code +∞} when it
     * does not diffuse); set-up cost (one pass over the grid). Multirate schemes size each species' work from it.
     */
    public double explicitLimitS(int s) {
        double sum = FaceSums.maxFaceSum(grid, diffusivityUm2PerS(s), boundaries(s));
        return sum > 0 ? grid.voxelUm() * grid.voxelUm() / sum : Double.POSITIVE_INFINITY;
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
}
