package org.stromasim.flow;

import java.util.Arrays;
import org.stromasim.backend.StateUpdate;
import org.stromasim.grid.Face;
import org.stromasim.scenario.ConvectionSpec;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.FlowSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.scenario.SpeciesSpec.BoundaryType;
import org.stromasim.transport.PlasmaCurve;
import org.stromasim.transport.SpeciesBoundaries;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;
import org.stromasim.transport.WallExchange;

/**
 * Solute convection by the interstitial flow, as a split step every {@code ecm.flow.convection.interval_s}
 * on the state (run through {@link org.stromasim.backend.Backend#updateState}, so both backends run
 * this same code on the host). Over an interval [t − Δt, t], per species:
 * <ol>
 *   <li>wall voxels: what Patlak's flux adds to the diffusive exchange P·S/V·(C_p − C) the transport
 *       already integrates ({@link PatlakExchange}): dC/dt = (b − k + q)·C_p − (b − k)·C with
 *       k = P·S/V, b = k·w(Pe), q = J_v/V·(1 − σ_f), and the fluid lymphatics drain carries its solute
 *       out, −L·C with L = c_L·max(0, p − p_L); integrated exactly with C_p the plasma curve's mean over the interval;</li>
 *   <li>every voxel: advection by the Darcy face velocities ({@link LimitedAdvection}); fluid entering
 *       through a held domain face brings the species' fixed face value, or nothing.</li>
 * </ol>
 * The pressure is solved from the current stiffness, cells and vessels and kept while they are unchanged
 * (the slow step changes them).
 */
public final class Convection {

    private final Scenario scenario;
    private final FlowSpec flow;
    private final ConvectionSpec spec;
    private final int speciesCount;
    private final double[] permeabilityUmPerS;
    private final double[] reflection;
    /** Per species and plasma group, the curve its vessels carry (null: no vessel exchange). */
    private final PlasmaCurve[][] plasma;
    /** Per voxel its plasma group, or null when every vessel carries the species' own curves. */
    private final byte[] plasmaGroup;
    private final SpeciesBoundaries[] boundaries;
    /** The live matrix state and diffusivity of the backend whose state this updates. */
    private final TransportFields transport;
    private Fields fields;
    private int fieldsKey;

    private Convection(Scenario scenario, TransportFields transport) {
        TransportModel model = transport.model();
        this.scenario = scenario;
        this.transport = transport;
        this.flow = scenario.ecm().flow();
        this.spec = flow.convection();
        this.speciesCount = scenario.species().size();
        this.permeabilityUmPerS = new double[speciesCount];
        this.reflection = new double[speciesCount];
        this.plasma = new PlasmaCurve[speciesCount][];
        this.plasmaGroup = model.plasmaGroupCount() > 1 ? model.plasmaGroupOfVoxel() : null;
        this.boundaries = new SpeciesBoundaries[speciesCount];
        for (int s = 0; s < speciesCount; s++) {
            SpeciesSpec species = scenario.species().get(s);
            boundaries[s] = model.boundaries(s);
            if (species.vessel() != null) {
                permeabilityUmPerS[s] = species.vessel().permeabilityUmPerS();
                reflection[s] = spec.soluteReflection().get(species.name());
                plasma[s] = new PlasmaCurve[model.plasmaGroupCount()];
                for (int g = 0; g < plasma[s].length; g++) {
                    plasma[s][g] = model.plasma(s, g);
                }
            }
        }
    }

    /**
     * The convection of {@code scenario} on the state of the backend that holds {@code transport} (the fields
     * of the model compiled from it), or null when it has none.
     */
    public static Convection of(Scenario scenario, TransportFields transport) {
        FlowSpec flow = scenario.ecm().flow();
        return flow == null || flow.convection() == null ? null : new Convection(scenario, transport);
    }

    /** Interval of the split step, s. */
    public double intervalS() {
        return spec.intervalS();
    }

    /** The split step over the interval that ends at {@code endS}. */
    public StateUpdate stepEndingAt(double endS) {
        double dt = spec.intervalS();
        return state -> apply(state, endS - dt, dt);
    }

    /** Pressure-derived rates of one tissue state. */
    record Fields(LimitedAdvection advection, double[] filtrationPerS, double[] wallVelocityUmPerS,
                  float[] wallPerUm, double[] lymphPerS, boolean[] solid) {
    }

    Fields fields(Tissue state) {
        // the live compressed wall is the one the transport runs with now; hyaluronan is the state's own
        float[] wall = transport.vesselSurfaceToVolumePerUm().clone();
        int key = 31 * (31 * (31 * Arrays.hashCode(state.stiffnessKpa()) + Arrays.hashCode(state.cell()))
                + Arrays.hashCode(wall)) + Arrays.hashCode(state.gagFraction());
        if (fields != null && key == fieldsKey) {
            return fields;
        }
        DarcyStarlingProblem problem = InterstitialFlow.problem(flow,
                (DiffusivityLawSpec.FibreMatrix) scenario.ecm().diffusivityLaw(), state, wall);
        double[] p = DarcyStarlingSolver.solve(problem,
                scenario.run().multigrid().pressureCoarsening()).pressureMmHg();
        int n = p.length;
        boolean[] solid = new boolean[n];
        double[] filtration = new double[n];
        double[] wallVelocity = new double[n];
        double[] lymph = new double[n];
        double lpUmPerMmhgS = flow.vesselLpCmPerMmhgS() * InterstitialFlow.UM_PER_CM;
        for (int v = 0; v < n; v++) {
            solid[v] = state.cell()[v] == CellType.VESSEL.code();
            if (solid[v]) {
                continue;
            }
            double drive = problem.effectivePressureMmHg()[v] - p[v];
            filtration[v] = problem.filtration()[v] * drive;     // J_v/V, 1/s
            wallVelocity[v] = lpUmPerMmhgS * drive;              // J_v/S, µm/s
            lymph[v] = problem.lymphatic()[v] * Math.max(0, p[v] - problem.lymphPressureMmHg()[v]);
        }
        fields = new Fields(new LimitedAdvection(FaceVelocities.of(problem, p), solid), filtration, wallVelocity, wall,
                lymph, solid);
        fieldsKey = key;
        return fields;
    }

    void apply(Tissue state, double startS, double dtS) {
        Fields f = fields(state);
        int n = f.solid().length;
        double[] c = new double[n];
        for (int s = 0; s < speciesCount; s++) {
            float[] conc = state.concentration(s);
            float[] diffusivity = transport.diffusivityUm2PerS(s);
            // reversible matrix binding: R·dC/dt = terms, so each rate here is divided by the voxel's R
            float[] retardation = transport.retardation(s);
            float[] wallDistance = transport.model().vesselWallDistanceUm();
            double[] cpOfGroup = new double[plasma[s] == null ? 0 : plasma[s].length];
            for (int g = 0; g < cpOfGroup.length; g++) {
                cpOfGroup[g] = plasma[s][g].mean(startS, startS + dtS);
            }
            for (int v = 0; v < n; v++) {
                c[v] = conc[v];
                if (f.solid()[v]) {
                    continue;
                }
                double k = 0;
                double b = 0;
                double q = 0;
                if (plasma[s] != null && f.wallPerUm()[v] > 0) {
                    // the reaction pass exchanges at this rate (the wall in series with the tissue to the
                    // voxel centre); the Patlak terms take the same effective permeability
                    k = WallExchange.ratePerS(permeabilityUmPerS[s], f.wallPerUm()[v], wallDistance[v], diffusivity[v]);
                    double pe = PatlakExchange.peclet(f.wallVelocityUmPerS()[v], reflection[s], k / f.wallPerUm()[v]);
                    b = Double.isInfinite(pe) ? 0.0 : k * PatlakExchange.diffusiveWeight(pe);
                    q = f.filtrationPerS()[v] * (1 - reflection[s]);
                }
                double cp = plasma[s] == null ? 0.0 : cpOfGroup[plasmaGroup == null ? 0 : plasmaGroup[v]];
                double source = (b - k + q) * cp;
                double rate = (b - k) + f.lymphPerS()[v];
                c[v] = relax(c[v], source, rate, retardation == null ? dtS : dtS / retardation[v]);
            }
            f.advection().advance(c, dtS, inflow(s), retardation);
            for (int v = 0; v < n; v++) {
                if (!f.solid()[v]) {
                    conc[v] = (float) c[v];
                }
            }
        }
    }

    /** Exact solution of dC/dt = source − rate·C over dt (rate of either sign). */
    static double relax(double c, double source, double rate, double dt) {
        double x = -rate * dt;
        if (Math.abs(x) < 1e-8) {
            return c + (source - rate * c) * dt;
        }
        double growth = Math.exp(x);
        return c * growth + source * Math.expm1(x) / -rate;
    }

    /** Concentration of the fluid entering through each domain face: the species' held value, else 0. */
    private double[] inflow(int s) {
        double[] in = new double[Face.values().length];
        for (Face face : Face.values()) {
            if (boundaries[s].type(face) == BoundaryType.FIXED) {
                in[face.ordinal()] = boundaries[s].fixedValue(face);
            }
        }
        return in;
    }
}
