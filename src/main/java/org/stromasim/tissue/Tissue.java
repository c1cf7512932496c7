package org.stromasim.tissue;

import java.util.Arrays;
import java.util.List;
import org.stromasim.grid.Grid3D;

/**
 * The voxel state of a simulation: one flat primitive array per field, indexed as {@link Grid3D#index}.
 * This is what backends upload and download and what snapshots store. No object per voxel.
 */
public final class Tissue {

    private final Grid3D grid;
    private final List<String> speciesNames;
    /** {@link CellType} code per voxel. */
    private final byte[] cell;
    /** Local ECM stiffness, kPa. */
    private final float[] stiffnessKpa;
    /** Fraction of living cells in the voxel, 0..1. */
    private final float[] viability;
    /** Euclidean distance from the voxel centre to the nearest vessel voxel centre, µm (∞ with no vessels). */
    private final float[] vesselDistanceUm;
    /** Concentration per species, in the species' unit. */
    private final float[][] concentration;
    /** Time-integrated concentration of the drug species (unit·s). */
    private final float[] drugExposure;
    /**
     * Per species, the rebalancing term q (species unit/s) of the rebalanced RKL2 coupling, which is no
     * longer offered, or null. Only a snapshot written by that coupling carries one; it is read so that
     * both backends can refuse such a state on upload (org.stromasim.backend.RebalancingTermRefusal)
     * instead of silently dropping the term.
     */
    private final float[][] rebalancePerS;
    /**
     * The vessel wall built from the vessel segments (wall area per volume, volume fraction), or null
     * for a state given only as a voxel mask, whose wall is then the lumen voxels' faces
     * ({@code transport.VesselGeometry}). Fixed for a run; snapshots store it so a resume uses the same wall.
     */
    private VesselWall vesselWall;
    /**
     * Hyaluronan (GAG) volume fraction of the extracellular space per voxel, a state of the slow clock
     * ({@code ecm.hyaluronan}: deposition, turnover, hyaluronidase), or null when the scenario has no hyaluronan
     * turnover and every voxel has its cell type's fraction. Stored in snapshots.
     */
    private float[] gagFraction;

    public Tissue(Grid3D grid, List<String> speciesNames) {
        this.grid = grid;
        this.speciesNames = List.copyOf(speciesNames);
        int n = grid.voxelCount();
        this.cell = new byte[n];
        this.stiffnessKpa = new float[n];
        this.viability = new float[n];
        this.vesselDistanceUm = new float[n];
        this.concentration = new float[speciesNames.size()][n];
        this.drugExposure = new float[n];
        this.rebalancePerS = new float[speciesNames.size()][];
        Arrays.fill(viability, 1f);
    }

    /**
     * A state that shares {@code other}'s tissue fields (cells, stiffness, viability, vessel distance,
     * wall and hyaluronan: what transport reads but never writes) and has its own transported fields, copied from it.
     */
    private Tissue(Tissue other) {
        this.grid = other.grid;
        this.speciesNames = other.speciesNames;
        this.cell = other.cell;
        this.stiffnessKpa = other.stiffnessKpa;
        this.viability = other.viability;
        this.vesselDistanceUm = other.vesselDistanceUm;
        this.vesselWall = other.vesselWall;
        this.gagFraction = other.gagFraction;
        int n = grid.voxelCount();
        this.concentration = new float[speciesNames.size()][n];
        this.drugExposure = new float[n];
        this.rebalancePerS = new float[speciesNames.size()][];
        other.copyTransportedInto(this);
    }

    public Grid3D grid() {
        return grid;
    }

    public List<String> speciesNames() {
        return speciesNames;
    }

    public int speciesCount() {
        return speciesNames.size();
    }

    public byte[] cell() {
        return cell;
    }

    public float[] stiffnessKpa() {
        return stiffnessKpa;
    }

    public float[] viability() {
        return viability;
    }

    public float[] vesselDistanceUm() {
        return vesselDistanceUm;
    }

    public float[] concentration(int species) {
        return concentration[species];
    }

    public float[] concentration(String species) {
        int s = speciesNames.indexOf(species);
        if (s < 0) {
            throw new IllegalArgumentException("no species '" + species + "' in " + speciesNames);
        }
        return concentration[s];
    }

    public float[] drugExposure() {
        return drugExposure;
    }

    /** The rebalancing term of species s (see the field), or null when the state carries none for it. */
    public float[] rebalancePerS(int species) {
        return rebalancePerS[species];
    }

    /** The rebalancing term of species s, allocated (zero) if the state carried none for it. */
    public float[] rebalancePerSOrCreate(int species) {
        if (rebalancePerS[species] == null) {
            rebalancePerS[species] = new float[grid.voxelCount()];
        }
        return rebalancePerS[species];
    }

    /** The vessel wall built from segments, or null (see the field). */
    public VesselWall vesselWall() {
        return vesselWall;
    }

    public void setVesselWall(VesselWall wall) {
        if (wall != null && wall.areaPerVolumePerUm().length != grid.voxelCount()) {
            throw new IllegalArgumentException("vessel wall has " + wall.areaPerVolumePerUm().length
                    + " voxels, the grid " + grid.voxelCount());
        }
        this.vesselWall = wall;
    }

    /** The hyaluronan state per voxel (see the field), or null without one. */
    public float[] gagFraction() {
        return gagFraction;
    }

    /** Gives this state a hyaluronan field (all zero) when it has none; returns the field. */
    public float[] gagFractionOrCreate() {
        if (gagFraction == null) {
            gagFraction = new float[grid.voxelCount()];
        }
        return gagFraction;
    }

    public CellType cellAt(int index) {
        return CellType.fromCode(cell[index]);
    }

    /** Bytes held by the state fields (the figure peak memory is compared against). */
    public long stateBytes() {
        long wall = vesselWall == null ? 0
                : (8L + (vesselWall.plasmaGroup() == null ? 0 : 1) // + a group byte per voxel
                        + (vesselWall.wallDistanceUm() == null ? 0 : 4)) * grid.voxelCount(); // + a distance
        long gag = gagFraction == null ? 0 : 4L * grid.voxelCount();
        return (long) grid.voxelCount() * (1L + 4L * (4 + speciesNames.size())) + wall + gag;
    }

    /**
     * The bytes of the state fields of a tissue built from a scenario on this grid with {@code species}
     * species (its vessel wall included: two floats per voxel), before building it.
     */
    public static long stateBytes(Grid3D grid, int species) {
        return (long) grid.voxelCount() * (1L + 4L * (6 + species));
    }

    /** A deep copy (for checkpoints and for comparing backends). */
    public Tissue copy() {
        Tissue t = new Tissue(grid, speciesNames);
        copyInto(t);
        return t;
    }

    /**
     * A copy of the fields transport changes (concentrations, drug exposure, rebalancing terms) that
     * shares the tissue fields with this state, for runs of transport alone from one state (the
     * step-control pilots): the shared arrays must not be written while the copy is in use, which
     * only a biology slow step would do. Its memory is that of the transported fields alone.
     */
    public Tissue transportCopy() {
        return new Tissue(this);
    }

    /** Copies the fields transport changes (see {@link #transportCopy}) into {@code target}. */
    public void copyTransportedInto(Tissue target) {
        if (!target.grid.equals(grid) || !target.speciesNames.equals(speciesNames)) {
            throw new IllegalArgumentException("target state has a different grid or species list");
        }
        System.arraycopy(drugExposure, 0, target.drugExposure, 0, drugExposure.length);
        for (int s = 0; s < concentration.length; s++) {
            System.arraycopy(concentration[s], 0, target.concentration[s], 0, concentration[s].length);
            target.rebalancePerS[s] = rebalancePerS[s] == null ? null : rebalancePerS[s].clone();
        }
    }

    /** Copies every field of this state into {@code target}, which must have the same grid and species. */
    public void copyInto(Tissue target) {
        if (!target.grid.equals(grid) || !target.speciesNames.equals(speciesNames)) {
            throw new IllegalArgumentException("target state has a different grid or species list");
        }
        System.arraycopy(cell, 0, target.cell, 0, cell.length);
        System.arraycopy(stiffnessKpa, 0, target.stiffnessKpa, 0, stiffnessKpa.length);
        System.arraycopy(viability, 0, target.viability, 0, viability.length);
        System.arraycopy(vesselDistanceUm, 0, target.vesselDistanceUm, 0, vesselDistanceUm.length);
        System.arraycopy(drugExposure, 0, target.drugExposure, 0, drugExposure.length);
        for (int s = 0; s < concentration.length; s++) {
            System.arraycopy(concentration[s], 0, target.concentration[s], 0, concentration[s].length);
            target.rebalancePerS[s] = rebalancePerS[s] == null ? null : rebalancePerS[s].clone();
        }
        target.vesselWall = vesselWall == null ? null : vesselWall.copy();
        target.gagFraction = gagFraction == null ? null : gagFraction.clone();
    }
}
