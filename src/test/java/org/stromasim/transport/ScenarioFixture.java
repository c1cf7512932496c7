package org.stromasim.transport;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.EcmSpec;
import org.stromasim.scenario.GridSpec;
import org.stromasim.scenario.MetricsSpec;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.scenario.SpeciesSpec.BoundarySpec;
import org.stromasim.scenario.SpeciesSpec.BoundaryType;
import org.stromasim.scenario.TissueSpec;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * Builds {@link Scenario} records in test code (the YAML loader is not used here). Defaults: a 1-voxel
 * grid of 10 µm, the exponential law with a 1 kPa scale (so zero stiffness gives D = D0), Strang
 * splitting, drug species "drug", and species with D0 = 0, no reactions and zero-flux faces.
 */
public final class ScenarioFixture {

    private GridSpec grid = new GridSpec(1, 1, 1, 10.0);
    private DiffusivityLawSpec law = new DiffusivityLawSpec.Exponential(1.0);
    private RunSpec.Splitting splitting = RunSpec.Splitting.STRANG;
    private Double dtS;
    private org.stromasim.scenario.DiffusionSpec diffusion;
    private org.stromasim.scenario.MultigridSpec multigrid;
    private String drugSpecies = "drug";
    private final List<SpeciesSpec> species = new ArrayList<>();

    public static ScenarioFixture scenario() {
        return new ScenarioFixture();
    }

    public static SpeciesFixture species(String name) {
        return new SpeciesFixture(name);
    }

    public ScenarioFixture grid(int nx, int ny, int nz, double voxelUm) {
        grid = new GridSpec(nx, ny, nz, voxelUm);
        return this;
    }

    public ScenarioFixture law(DiffusivityLawSpec spec) {
        law = spec;
        return this;
    }

    public ScenarioFixture splitting(RunSpec.Splitting s) {
        splitting = s;
        return this;
    }

    public ScenarioFixture dt(double seconds) {
        dtS = seconds;
        return this;
    }

    /** The diffusion scheme (default explicit). */
    public ScenarioFixture diffusion(org.stromasim.scenario.DiffusionSpec spec) {
        diffusion = spec;
        return this;
    }

    /** The multigrid coarsenings ({@code run.multigrid}; default geometric). */
    public ScenarioFixture multigrid(org.stromasim.scenario.MultigridSpec spec) {
        multigrid = spec;
        return this;
    }

    /** The implicit scheme's solves with {@code coarsening}. */
    public ScenarioFixture diffusionCoarsening(org.stromasim.solver.Coarsening coarsening) {
        return multigrid(new org.stromasim.scenario.MultigridSpec(null, coarsening));
    }

    public ScenarioFixture drugSpecies(String name) {
        drugSpecies = name;
        return this;
    }

    public ScenarioFixture with(SpeciesFixture s) {
        species.add(s.build());
        return this;
    }

    public Scenario build() {
        RunSpec run = new RunSpec(1.0, 1.0, 1.0, 1L, dtS, null, splitting, diffusion, multigrid);
        EcmSpec ecm = new EcmSpec(law, new EcmSpec.RegionStiffness(0, 0, 0), null);
        TissueSpec tissue = new TissueSpec(List.of(), 0.0, null, List.of());
        return new Scenario("test", "built in test code", grid, run, ecm, tissue, species,
                new MetricsSpec(drugSpecies, 0.0));
    }

    /** An all-ECM tissue on the scenario's grid with zero stiffness, full viability and zero concentrations. */
    public static Tissue emptyTissue(Scenario scenario) {
        Grid3D g = scenario.grid().toGrid();
        return new Tissue(g, scenario.species().stream().map(SpeciesSpec::name).toList());
    }

    /** Builder of one {@link SpeciesSpec}. */
    public static final class SpeciesFixture {
        private final String name;
        private double d0 = 0.0;
        private double stokesRadiusNm = 0.5;
        private double decayPerS = 0.0;
        private final Map<Face, BoundarySpec> boundaries = new EnumMap<>(Face.class);
        private SpeciesSpec.VesselExchangeSpec vessel;
        private final Map<CellType, SpeciesSpec.UptakeSpec> uptake = new EnumMap<>(CellType.class);
        private final Map<CellType, SpeciesSpec.SecretionSpec> secretion = new EnumMap<>(CellType.class);
        private final Map<CellType, Double> binding = new EnumMap<>(CellType.class);
        private SpeciesSpec.EcmBindingSpec ecmBinding;

        private SpeciesFixture(String name) {
            this.name = name;
            for (Face f : Face.values()) {
                boundaries.put(f, BoundarySpec.ZERO_FLUX);
            }
        }

        public SpeciesFixture d0(double um2PerS) {
            d0 = um2PerS;
            return this;
        }

        public SpeciesFixture stokesRadius(double nm) {
            stokesRadiusNm = nm;
            return this;
        }

        public SpeciesFixture decay(double perS) {
            decayPerS = perS;
            return this;
        }

        public SpeciesFixture fixed(Face face, double value) {
            boundaries.put(face, new BoundarySpec(BoundaryType.FIXED, value));
            return this;
        }

        /** Makes both faces of an axis (0 = x, 1 = y, 2 = z) periodic. */
        public SpeciesFixture periodic(int axis) {
            for (Face f : Face.values()) {
                if (f.axis() == axis) {
                    boundaries.put(f, new BoundarySpec(BoundaryType.PERIODIC, 0.0));
                }
            }
            return this;
        }

        public SpeciesFixture boundary(Face face, BoundaryType type) {
            boundaries.put(face, new BoundarySpec(type, 0.0));
            return this;
        }

        public SpeciesFixture vessel(double permeabilityUmPerS, PlasmaCurveSpec plasma) {
            vessel = new SpeciesSpec.VesselExchangeSpec(permeabilityUmPerS, plasma);
            return this;
        }

        public SpeciesFixture uptake(CellType cell, double vmaxPerS, double km) {
            uptake.put(cell, new SpeciesSpec.UptakeSpec(vmaxPerS, km));
            return this;
        }

        public SpeciesFixture secretion(CellType cell, double ratePerS, Double saturation) {
            secretion.put(cell, new SpeciesSpec.SecretionSpec(ratePerS, saturation));
            return this;
        }

        public SpeciesFixture binding(CellType cell, double perS) {
            binding.put(cell, perS);
            return this;
        }

        /** Reversible collagen binding (needs a fibre_matrix law): R = 1 + ratio·φ_collagen. */
        public SpeciesFixture ecmBinding(double boundToFreePerCollagenFraction) {
            ecmBinding = new SpeciesSpec.EcmBindingSpec(boundToFreePerCollagenFraction);
            return this;
        }

        SpeciesSpec build() {
            return new SpeciesSpec(name, SpeciesSpec.ConcentrationUnit.MICROMOLAR, d0, stokesRadiusNm, decayPerS, 0.0,
                    boundaries, vessel, uptake, secretion, binding, ecmBinding);
        }
    }
}
