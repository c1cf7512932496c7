package org.stromasim.flow;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;
import org.stromasim.matrix.CompositionLaw;
import org.stromasim.matrix.MatrixComposition;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.FlowSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.solver.FaceCondition;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportModel;

/**
 * The steady interstitial fluid pressure and Darcy velocity of a tissue state under a scenario's
 * {@code ecm.flow}: K from each voxel's composition ({@link HydraulicConductivity}); filtration
 * Lp·S/V·(p_e − p) in tissue voxels that share faces with vessel voxels (S/V the wall area per volume
 * the transport uses); lymphatic drainage in ecm and fibroblast voxels (normal tissue; tumour nests
 * have no functional lymphatics); every domain face held at the far-field pressure except those the
 * scenario names as symmetry planes (zero flux). Vessel voxels
 * are holes in the matrix (no Darcy flux through them) whose pressure is reported as p_v.
 *
 * <p>Computed from the current stiffness, cells, GAG level and compressed vessels whenever asked (snapshots,
 * validate, metrics); with {@code ecm.flow.convection} it also moves the solutes ({@link Convection}).
 */
public final class InterstitialFlow {

    /** 1 cm/(mmHg·s) in µm/(mmHg·s). */
    static final double UM_PER_CM = 1e4;

    private InterstitialFlow() {
    }

    /**
     * Pressure (mmHg), cell-centred Darcy velocity {ux, uy, uz} (µm/s), and what the solve took
     * (multigrid-preconditioned CG iterations and the mean residual reduction per iteration).
     */
    public record Fields(float[] pressureMmHg, float[][] velocityUmPerS, int iterations, double meanReduction) {
    }

    /**
     * The flow of {@code tissue} (its stiffness, cells, hyaluronan and the vessels they compress) when the scenario
     * has {@code ecm.flow}, else empty.
     */
    public static Optional<Fields> of(Scenario scenario, Tissue tissue) {
        if (scenario.ecm().flow() == null) {
            return Optional.empty();
        }
        return Optional.of(of(scenario, tissue, MatrixStateAt.of(scenario, tissue)));
    }

    /** The flow of {@code tissue} with the matrix state {@code matrix}; the scenario must have {@code ecm.flow}. */
    public static Fields of(Scenario scenario, Tissue tissue, MatrixStateAt matrix) {
        FlowSpec flow = scenario.ecm().flow();
        DiffusivityLawSpec.FibreMatrix law = (DiffusivityLawSpec.FibreMatrix) scenario.ecm().diffusivityLaw();
        DarcyStarlingProblem problem = problem(flow, law, tissue, matrix.wallPerUm());
        DarcyStarlingSolver.Solution solution = DarcyStarlingSolver.solve(problem,
                scenario.run().multigrid().pressureCoarsening());
        double[] p = solution.pressureMmHg();
        float[] pressure = new float[p.length];
        for (int v = 0; v < p.length; v++) {
            pressure[v] = (float) p[v];
        }
        return new Fields(pressure, DarcyVelocity.cellCentred(problem, p), solution.stats().iterations(),
                solution.stats().meanReduction());
    }

    /**
     * The problem of the tissue's composition (its hyaluronan state when it has one) with {@code wallPerUm} the
     * (compressed) wall.
     */
    static DarcyStarlingProblem problem(FlowSpec flow, DiffusivityLawSpec.FibreMatrix law, Tissue tissue,
                                        float[] wallPerUm) {
        Grid3D g = tissue.grid();
        int n = g.voxelCount();
        CompositionLaw composition = new CompositionLaw(law.composition());
        HydraulicConductivity hydraulic = new HydraulicConductivity(law.collagenFibreRadiusNm(), law.gagFibreRadiusNm(),
                flow.viscosityPaS());
        float[] k = new float[n];
        double[] filtration = new double[n];
        double[] effective = new double[n];
        double[] lymphatic = new double[n];
        double[] lymphPressure = new double[n];
        double lp = flow.vesselLpCmPerMmhgS() * UM_PER_CM;
        double pe = flow.effectiveVesselPressureMmhg();
        for (int v = 0; v < n; v++) {
            int code = tissue.cell()[v];
            if (code == CellType.VESSEL.code()) {
                // a hole in the matrix that reports the vessel pressure: a·p = f with a = 1
                filtration[v] = 1.0;
                effective[v] = flow.vesselPressureMmhg();
                continue;
            }
            MatrixComposition c = composition.composition(tissue.stiffnessKpa()[v], code, tissue.gagFraction(), v);
            double conductivity = hydraulic.conductivity(c);
            if (!Double.isFinite(conductivity)) {
                throw new IllegalArgumentException("voxel " + v + " (" + CellType.fromCode(code).key() + ") has no collagen"
                        + " and no GAG, so its hydraulic conductivity is infinite; give it a GAG fraction > 0");
            }
            k[v] = (float) conductivity;
            filtration[v] = lp * wallPerUm[v];
            effective[v] = pe;
            if (code == CellType.ECM.code() || code == CellType.FIBROBLAST.code()) {
                lymphatic[v] = flow.lymphaticPerMmhgS();
                lymphPressure[v] = flow.lymphPressureMmhg();
            }
        }
        Map<Face, FaceCondition> faces = new EnumMap<>(Face.class);
        for (Face f : Face.values()) {
            faces.put(f, flow.zeroFluxFaces().contains(f) ? FaceCondition.ZERO_FLUX
                    : FaceCondition.fixed(flow.boundaryPressureMmhg()));
        }
        return new DarcyStarlingProblem(g.nx(), g.ny(), g.nz(), g.voxelUm(), k, filtration, effective, lymphatic,
                lymphPressure, faces);
    }
}
