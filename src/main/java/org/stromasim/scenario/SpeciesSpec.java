package org.stromasim.scenario;

import java.util.Map;
import org.stromasim.grid.Face;
import org.stromasim.tissue.CellType;

/**
 * One diffusing species (an entry of YAML list {@code species}). Concentrations, rates and
 * saturation levels are all in the species' own {@link ConcentrationUnit}.
 *
 * @param name            field name (e.g. drug, lactate, il6, tgfb)
 * @param unit            concentration unit of every value below
 * @param d0Um2PerS       free diffusivity D0 in water at 37 °C, µm²/s
 * @param stokesRadiusNm  hydrodynamic (Stokes) radius r_s, nm
 * @param decayPerS       first-order decay rate everywhere, 1/s
 * @param initial         initial concentration everywhere outside vessels
 * @param boundaries      boundary condition on each of the six domain faces
 * @param vessel          exchange across vessel walls; {@code null} = the species does not cross vessel walls
 * @param uptake          Michaelis–Menten uptake by cell type (absent = none)
 * @param secretion       secretion by cell type (absent = none)
 * @param bindingPerS     linear, irreversible binding to matrix / sequestration by cell type, 1/s
 * @param ecmBinding      fast reversible binding to collagen (retardation); {@code null} = none (R = 1)
 */
public record SpeciesSpec(
        String name,
        ConcentrationUnit unit,
        double d0Um2PerS,
        double stokesRadiusNm,
        double decayPerS,
        double initial,
        Map<Face, BoundarySpec> boundaries,
        VesselExchangeSpec vessel,
        Map<CellType, UptakeSpec> uptake,
        Map<CellType, SecretionSpec> secretion,
        Map<CellType, Double> bindingPerS,
        EcmBindingSpec ecmBinding) {

    /** A species without reversible matrix binding (R = 1). */
    public SpeciesSpec(String name, ConcentrationUnit unit, double d0Um2PerS, double stokesRadiusNm, double decayPerS,
                       double initial, Map<Face, BoundarySpec> boundaries, VesselExchangeSpec vessel,
                       Map<CellType, UptakeSpec> uptake, Map<CellType, SecretionSpec> secretion,
                       Map<CellType, Double> bindingPerS) {
        this(name, unit, d0Um2PerS, stokesRadiusNm, decayPerS, initial, boundaries, vessel, uptake, secretion,
                bindingPerS, null);
    }

    /**
     * Fast, reversible binding to collagen sites at local equilibrium with a linear isotherm: bound =
     * (B_max/K_d)·free with B_max proportional to the voxel's collagen fibre volume fraction φ, so the
     * retardation factor (total over free) is R = 1 + {@code boundToFreePerCollagenFraction}·φ.
     *
     * @param boundToFreePerCollagenFraction B_max/K_d per unit collagen volume fraction (dimensionless, ≥ 0)
     */
    public record EcmBindingSpec(double boundToFreePerCollagenFraction) {
        /** R = 1 + ratio·φ of a voxel with collagen fraction φ. */
        public double retardation(double collagenFraction) {
            return 1.0 + boundToFreePerCollagenFraction * collagenFraction;
        }
    }

    public SpeciesSpec {
        unit = unit == null ? ConcentrationUnit.MICROMOLAR : unit;
        boundaries = Map.copyOf(boundaries);
        uptake = uptake == null ? Map.of() : Map.copyOf(uptake);
        secretion = secretion == null ? Map.of() : Map.copyOf(secretion);
        bindingPerS = bindingPerS == null ? Map.of() : Map.copyOf(bindingPerS);
    }

    public BoundarySpec boundary(Face face) {
        return boundaries.get(face);
    }

    /** Concentration units (YAML: uM, nM). */
    public enum ConcentrationUnit {
        MICROMOLAR("uM", "µM"), NANOMOLAR("nM", "nM");

        private final String key;
        private final String symbol;

        ConcentrationUnit(String key, String symbol) {
            this.key = key;
            this.symbol = symbol;
        }

        public String key() {
            return key;
        }

        /** Printable symbol, e.g. µM. */
        public String symbol() {
            return symbol;
        }
    }

    /** Boundary condition on one face. {@code value} is used only by FIXED. */
    public record BoundarySpec(BoundaryType type, double value) {
        public static final BoundarySpec ZERO_FLUX = new BoundarySpec(BoundaryType.ZERO_FLUX, 0.0);
    }

    public enum BoundaryType {
        /** No flux through the face. */
        ZERO_FLUX,
        /** Concentration held at {@code value} on the face itself (half a voxel outside the last centre). */
        FIXED,
        /** The face is joined to the opposite face (both must say periodic). */
        PERIODIC
    }

    /**
     * Michaelis–Menten uptake by a fully viable voxel of a cell type: rate = vmax·C/(km + C).
     *
     * @param vmaxPerS maximal uptake rate, concentration unit per s
     * @param km       half-saturation concentration, concentration unit
     */
    public record UptakeSpec(double vmaxPerS, double km) {
    }

    /**
     * Secretion by a fully viable voxel of a cell type: rate·(1 − C/saturation), or a constant rate
     * when {@code saturation} is null.
     *
     * @param ratePerS   secretion rate, concentration unit per s
     * @param saturation level at which secretion stops, concentration unit; {@code null} = none
     */
    public record SecretionSpec(double ratePerS, Double saturation) {
    }

    /**
     * Exchange across vessel walls into tissue voxels that touch a vessel:
     * dC/dt = P·(S/V)·(C_plasma(t) − C), with S/V = (number of vessel faces)/dx.
     *
     * @param permeabilityUmPerS wall permeability P, µm/s
     * @param plasma             plasma concentration over time
     */
    public record VesselExchangeSpec(double permeabilityUmPerS, PlasmaCurveSpec plasma) {
    }
}
