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
 * A scenario and a tissue compiled into the flat parameters the backends execute: per species the
 * diffusivity law, boundary codes per face, reaction coefficients per cell code and a plasma curve; per
 * voxel the vessel wall area per volume as built. Nothing here is evaluated per voxel per step through a
 * virtual call or a map.
 *
 * <p>Diffusivity: D_v = D0·law(stiffness_v, r_s), µm²/s, and 0 in vessel voxels, so vessels are an
 * impermeable lumen for diffusion and reach the tissue only through the wall-exchange term.
 *
 * <p>Immutable: every field is final and no array it holds is written after compilation. What the slow
 * clock changes (diffusivity, compressed wall, GAG level, uptake scales) lives in a {@link TransportFields}
 * that each backend makes from the model and owns; the model keeps the stiffness and cells it was compiled
 * from, from which {@link TransportFields#of} computes the fields as compiled.
 */
public final class TransportModel {

    private final Grid3D grid;
    private final List<SpeciesSpec> species;
    private final List<String> speciesNames;
    private final DiffusivityLaw law;
    private final SpeciesBoundaries[] boundaries;
    private final SpeciesReactions[] reactions;
    private final PlasmaCurve[] plasma;
    /** Per species that crosses vessel walls, the curve of each plasma group (index 0: {@link #plasma}). */
    private final PlasmaCurve[][] groupPlasma;
    /** Per voxel, its plasma group (see {@code tissue.VesselWall}), or null when there is one group. */
    private final byte[] plasmaGroupOfVoxel;
    /** Per voxel, its centre's distance from the vessel wall it holds, µm ({@link WallExchange}). */
    private final float[] vesselWallDistanceUm;
    /** The wall as built (uncompressed); a live wall is this times the perfused fraction. */
    private final float[] builtWallPerUm;
    /** Vessel compression by solid stress, or null (the live wall stays the built one). */
    private final org.stromasim.matrix.VesselCompression compression;
    /** Perfused fraction per voxel as compiled, or null without compression. */
    private final float[] perfusedFraction;
    /**
     * Copies of the stiffness and cells the model was compiled from: {@link TransportFields#of} computes the
     * diffusivity as compiled from them (5 bytes per voxel instead of 4 per species).
     */
    private final float[] compiledStiffnessKpa;
    private final byte[] compiledCells;
    /** The hyaluronan state the model was compiled from, or null without one. */
    private final float[] compiledGagFraction;
    private final int drugSpeciesIndex;
    private final RunSpec.Splitting splitting;
    private final org.stromasim.scenario.DiffusionSpec diffusion;
    private final org.stromasim.solver.Coarsening diffusionCoarsening;
    private final boolean needsSlowSteps;

    private TransportModel(Scenario scenario, Tissue tissue) {
        this.grid = tissue.grid();
        this.species = scenario.species();
        this.speciesNames = tissue.speciesNames();
        this.law = DiffusivityLaw.of(scenario.ecm().diffusivityLaw());
        for (SpeciesSpec spec : species) {
            if (spec.ecmBinding() != null && !(law instanceof FibreMatrixLaw)) {
                throw new IllegalArgumentException("species " + spec.name() + ": ecm_binding needs ecm.diffusivity_law"
                        + " fibre_matrix (its sites follow the collagen fraction of that law's composition)");
            }
        }
        int n = species.size();
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
        this.builtWallPerUm = VesselGeometry.surfaceToVolumePerUm(tissue);
        this.vesselWallDistanceUm = VesselGeometry.wallDistanceUm(tissue);
        this.compression = scenario.ecm().vesselCompression() == null ? null
                : new org.stromasim.matrix.VesselCompression(scenario.ecm().vesselCompression());
        this.perfusedFraction = compression == null ? null
                : compression.perfusedFractions(tissue.stiffnessKpa(), tissue.cell(), builtWallPerUm,
                        gagLevels(tissue.cell(), tissue.gagFraction()));
        this.drugSpeciesIndex = scenario.speciesIndex(scenario.metrics().drugSpecies());
        this.splitting = scenario.run().splitting();
        this.needsSlowSteps = scenario.biology() != null;
        this.diffusion = scenario.run().diffusion();
        this.diffusionCoarsening = scenario.run().multigrid().diffusionCoarsening();
        this.compiledStiffnessKpa = tissue.stiffnessKpa().clone();
        this.compiledCells = tissue.cell().clone();
        this.compiledGagFraction = tissue.gagFraction() == null ? null : tissue.gagFraction().clone();
        float[] scratch = new float[grid.voxelCount()];
        for (int s = 0; s < n; s++) {
            // refuses a bad value at compile time, before any backend exists
            fillDiffusivity(s, compiledStiffnessKpa, compiledCells, compiledGagFraction, scratch);
        }
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
        // a state without hyaluronan in a scenario that turns it over starts at the baseline, as a built tissue does
        org.stromasim.matrix.HyaluronanState.initialise(scenario, tissue);
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
     * Writes every species' voxel diffusivity of the tissue's stiffness and cells at GAG level
     * {@code gagLevel} into {@code diffusivityUm2PerS} (one array per species, voxel order).
     */
    void fillDiffusivity(Tissue tissue, float[][] diffusivityUm2PerS) {
        if (!tissue.grid().equals(grid)) {
            throw new IllegalArgumentException("tissue grid " + tissue.grid() + " is not the model grid " + grid);
        }
        for (int s = 0; s < species.size(); s++) {
            fillDiffusivity(s, tissue.stiffnessKpa(), tissue.cell(), tissue.gagFraction(), diffusivityUm2PerS[s]);
        }
    }

    /**
     * Species s's voxel diffusivity of {@code stiffness}, {@code cell} and the hyaluronan state {@code gag} (null:
     * the cell types' GAG fractions), into {@code d}.
     */
    void fillDiffusivity(int s, float[] stiffness, byte[] cell, float[] gag, float[] d) {
        byte vessel = CellType.VESSEL.code();
        SpeciesSpec spec = species.get(s);
        for (int v = 0; v < d.length; v++) {
            if (cell[v] == vessel) {
                d[v] = 0f;
                continue;
            }
            double value = spec.d0Um2PerS() * (law instanceof FibreMatrixLaw f && gag != null
                    ? f.relativeDiffusivityWithGag(stiffness[v], cell[v], spec.stokesRadiusNm(), gag[v])
                    : law.relativeDiffusivity(stiffness[v], cell[v], spec.stokesRadiusNm()));
            if (!(value >= 0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException("species " + spec.name() + ": diffusivity at voxel " + v
                        + " is " + value + " µm²/s (stiffness " + stiffness[v] + " kPa); it must be finite, >= 0");
            }
            d[v] = (float) value;
        }
    }

    /** Whether species {@code s} binds reversibly to collagen ({@code species[].ecm_binding}). */
    public boolean bindsToMatrix(int s) {
        return species.get(s).ecmBinding() != null;
    }

    /** Whether any species binds reversibly to collagen. */
    public boolean anyMatrixBinding() {
        for (int s = 0; s < species.size(); s++) {
            if (bindsToMatrix(s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Species s's retardation factor R = 1 + (B_max/K_d per collagen fraction)·φ_collagen per voxel of
     * {@code stiffness} and {@code cell}, into {@code r}; 1 in vessel voxels (the lumen holds plasma, no
     * matrix). Only for a species that {@link #bindsToMatrix}; the binder guarantees the composition law.
     */
    void fillRetardation(int s, float[] stiffness, byte[] cell, float[] r) {
        SpeciesSpec.EcmBindingSpec binding = species.get(s).ecmBinding();
        org.stromasim.matrix.CompositionLaw composition = ((FibreMatrixLaw) law).compositionLaw();
        byte vessel = CellType.VESSEL.code();
        for (int v = 0; v < r.length; v++) {
            if (cell[v] == vessel) {
                r[v] = 1f;
                continue;
            }
            double collagen = composition.collagenFraction(stiffness[v]);
            double value = binding.retardation(collagen);
            if (!(value >= 1) || !Double.isFinite(value)) {
                throw new IllegalArgumentException("species " + species.get(s).name() + ": retardation at voxel " + v
                        + " is " + value + " (collagen fraction " + collagen + "); it must be finite, >= 1");
            }
            r[v] = (float) value;
        }
    }

    /** The explicit stability limit of diffusivity arrays (one per species) on this model's grid and boundaries. */
    StabilityLimit stabilityLimitOf(float[][] diffusivityUm2PerS) {
        return StabilityAnalysis.limit(grid, speciesNames, diffusivityUm2PerS, boundaries);
    }

    /**
     * With vessel compression: writes the wall of the tissue's stiffness and hyaluronan into {@code openWallPerUm} and returns each wall voxel's perfused fraction (a new array); without,
     * writes nothing and returns null.
     */
    float[] compressVessels(Tissue tissue, float[] openWallPerUm) {
        if (compression == null) {
            return null;
        }
        float[] perfused = compression.perfusedFractions(tissue.stiffnessKpa(), tissue.cell(), builtWallPerUm,
                gagLevels(tissue.cell(), tissue.gagFraction()));
        org.stromasim.matrix.VesselCompression.openWall(builtWallPerUm, perfused, openWallPerUm);
        return perfused;
    }

    /** The vessel wall area per volume as built, before compression (1/µm; a copy). */
    public float[] builtWallPerUm() {
        return builtWallPerUm.clone();
    }

    /** The perfused fraction as compiled (at the built GAG level), or null without compression; never written. */
    float[] compiledPerfusedFraction() {
        return perfusedFraction;
    }

    /** The stiffness the model was compiled from; never written. */
    float[] compiledStiffnessKpa() {
        return compiledStiffnessKpa;
    }

    /** The cells the model was compiled from; never written. */
    byte[] compiledCells() {
        return compiledCells;
    }

    /** The hyaluronan state the model was compiled from (null without one); never written. */
    float[] compiledGagFraction() {
        return compiledGagFraction;
    }

    /** Voxel → hyaluronan relative to its cell type's baseline (1 everywhere without a state). */
    private java.util.function.IntToDoubleFunction gagLevels(byte[] cell, float[] gag) {
        return org.stromasim.matrix.HyaluronanState.levels(law instanceof FibreMatrixLaw f ? f.compositionLaw() : null,
                cell, gag);
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
            double[] changes = levels.changeTimesS(org.stromasim.scenario.BiologySpec.InterventionKind.AROMATASE_INHIBITOR);
            plasma[e2] = PlasmaCurve.scaled(plasma[e2], remaining, changes);
            for (int g = 0; g < groupPlasma[e2].length; g++) {
                groupPlasma[e2][g] = PlasmaCurve.scaled(groupPlasma[e2][g], remaining, changes);
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
        return groupCount > 1 ? groups.clone() : null; // its own copy: the tissue may change its wall
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
     * {@link #plasmaGroupCount()} is 1. Read, never written (callers must not write it either).
     */
    public byte[] plasmaGroupOfVoxel() {
        return plasmaGroupOfVoxel;
    }

    /** Vessel wall area per volume of each voxel of a tissue, 1/µm (see {@link VesselGeometry}); a new array. */
    public static float[] vesselSurfaceToVolumePerUm(Tissue tissue) {
        return VesselGeometry.surfaceToVolumePerUm(tissue);
    }

    /**
     * Per voxel, the distance from its centre to the vessel wall it holds, µm (0 without a wall or where
     * the tissue carries no distances): δ of {@link WallExchange}. Read, never written.
     */
    public float[] vesselWallDistanceUm() {
        return vesselWallDistanceUm;
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

    public RunSpec.Splitting splitting() {
        return splitting;
    }

    /** The diffusion time integrator the scenario asks for ({@code run.diffusion}). */
    public org.stromasim.scenario.DiffusionSpec diffusion() {
        return diffusion;
    }

    /** The coarsening of the implicit scheme's multigrid solves ({@code run.multigrid.diffusion_coarsening}). */
    public org.stromasim.solver.Coarsening diffusionCoarsening() {
        return diffusionCoarsening;
    }
}
