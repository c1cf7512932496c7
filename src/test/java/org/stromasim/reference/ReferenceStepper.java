package org.stromasim.reference;

import java.util.List;
import org.stromasim.grid.Face;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.scenario.SpeciesSpec.BoundaryType;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * The transport and reaction equations written once more, plainly, in double: the executable statement
 * of what the backends approximate. It reads only the scenario and the tissue (no class of the product's
 * transport, backend or biology packages), and it integrates the <em>unsplit</em> semi-discrete system
 *
 * <pre>
 *   dC_v/dt = (1/dx²)·Σ_faces F_face + R_v(C_v, t)
 *   interior face  F = D_face·(C_nb − C_v),  D_face = 2·D_v·D_nb/(D_v + D_nb)  (0 when either is 0)
 *   held face      F = 2·D_v·(g − C_v)       (the held value g sits half a voxel outside)
 *   zero-flux face F = 0;  periodic faces take the neighbour from the opposite side
 *   R_v = −(k + k_bind[cell])·C − a·Vmax[cell]·C/(Km[cell] + C) + a·rate[cell]·(1 − C/saturation[cell])
 *         + P·(S/V)_v·(C_plasma(t) − C)
 *   dE_v/dt = C_drug,v  (drug exposure)
 * </pre>
 *
 * with D_v = D0·law(stiffness_v) outside vessels and 0 in them, a = viability, S/V the tissue's own
 * vessel wall area per volume (or, for a tissue given as a voxel mask, its voxel faces shared with
 * vessel voxels over dx). Vessel voxels are lumen: they do not react or diffuse; a species that crosses
 * vessel walls is held there at the plasma level, the others keep their value.
 *
 * <p>Time: classical fourth-order Runge–Kutta, at a step the caller chooses (the tests take a quarter of
 * the explicit stability limit or less, and at most a quarter of the inverse of the fastest reaction
 * rate, where RK4's error per step is below (1/4)⁵/120 ≈ 1e-5 of the stiffest mode and far smaller
 * for the smooth ones that survive). A plasma curve's jump (a bolus start) is taken as the left limit
 * at the end of a step and the right limit at its start, so a jump on a step boundary costs no order.
 *
 * <p>Not covered (refused): the fibre-matrix diffusivity law, uptake scaling by a slow step, the
 * biology slow step, and rebalanced or large-step coupling (those are schemes, not equations).
 */
public final class ReferenceStepper {

    private final int nx;
    private final int ny;
    private final int nz;
    private final double dxUm;
    private final int speciesCount;
    private final byte[] cell;
    private final double[] alive;
    private final double[] wallPerUm;
    /** Per voxel, its centre's distance from its wall, µm (the tissue's; 0 without). */
    private final double[] wallDistanceUm;
    /** Per voxel its plasma group (the tissue's), or null: all vessels carry the species' own curves. */
    private final byte[] plasmaGroup;
    /** Per plasma group, species name → its curve there (the scenario's; group 0 empty). */
    private final List<java.util.Map<String, PlasmaCurveSpec>> groupCurves;
    private final double[][] d;
    private final SpeciesSpec[] spec;
    private final double[][] c;
    private final double[] exposure;
    private final int drug;
    /** Per species, the retardation factor R per voxel of reversible matrix binding, or null (R = 1). */
    private final double[][] retardation;

    private ReferenceStepper(Scenario scenario, Tissue tissue) {
        this.nx = tissue.grid().nx();
        this.ny = tissue.grid().ny();
        this.nz = tissue.grid().nz();
        this.dxUm = tissue.grid().voxelUm();
        int n = nx * ny * nz;
        List<SpeciesSpec> species = scenario.species();
        this.speciesCount = species.size();
        this.cell = tissue.cell().clone();
        this.alive = new double[n];
        for (int v = 0; v < n; v++) {
            alive[v] = tissue.viability()[v];
        }
        this.wallPerUm = wallAreaPerVolume(tissue);
        this.wallDistanceUm = new double[cell.length];
        if (tissue.vesselWall() != null && tissue.vesselWall().wallDistanceUm() != null) {
            for (int v = 0; v < cell.length; v++) {
                wallDistanceUm[v] = tissue.vesselWall().wallDistanceUm()[v];
            }
        }
        this.plasmaGroup = tissue.vesselWall() == null ? null : tissue.vesselWall().plasmaGroup();
        this.groupCurves = scenario.tissue() == null ? List.of(java.util.Map.of())
                : org.stromasim.scenario.TissueSpec.plasmaGroups(scenario.tissue().vessels());
        this.spec = species.toArray(new SpeciesSpec[0]);
        this.d = new double[speciesCount][n];
        this.c = new double[speciesCount][n];
        for (int s = 0; s < speciesCount; s++) {
            for (int v = 0; v < n; v++) {
                d[s][v] = isVessel(v) ? 0.0
                        : spec[s].d0Um2PerS() * relativeDiffusivity(scenario.ecm().diffusivityLaw(),
                        tissue.stiffnessKpa()[v], spec[s].stokesRadiusNm());
                c[s][v] = tissue.concentration(s)[v];
            }
        }
        this.exposure = new double[n];
        for (int v = 0; v < n; v++) {
            exposure[v] = tissue.drugExposure()[v];
        }
        this.drug = species.stream().map(SpeciesSpec::name).toList().indexOf(scenario.metrics().drugSpecies());
        this.retardation = new double[speciesCount][];
    }

    /**
     * Gives species s the retardation factor R per voxel (≥ 1): its equation becomes R·dC/dt = diffusion
     * + reactions (fast reversible binding at equilibrium; the exposure stays ∫C dt of the free level).
     */
    public ReferenceStepper retard(int s, double[] r) {
        retardation[s] = r.clone();
        return this;
    }

    /** A reference run starting from {@code tissue}'s state (copied). */
    public static ReferenceStepper of(Scenario scenario, Tissue tissue) {
        return new ReferenceStepper(scenario, tissue);
    }

    /** The explicit stability limit of the unsplit forward Euler step, dx²/max_v Σ_faces D_face, s. */
    public double explicitLimitS() {
        double worst = 0;
        for (int s = 0; s < speciesCount; s++) {
            for (int v = 0; v < cell.length; v++) {
                double sum = 0;
                for (Face face : Face.values()) {
                    int nb = neighbour(v, face, s);
                    if (nb >= 0) {
                        sum += harmonic(d[s][v], d[s][nb]);
                    } else if (spec[s].boundaries().getOrDefault(face, SpeciesSpec.BoundarySpec.ZERO_FLUX).type()
                            == BoundaryType.FIXED) {
                        sum += 2 * d[s][v];
                    }
                }
                worst = Math.max(worst, sum);
            }
        }
        return worst > 0 ? dxUm * dxUm / worst : Double.POSITIVE_INFINITY;
    }

    /** The fastest linear reaction rate (decay, binding, uptake at C = 0, saturation, wall exchange), 1/s. */
    public double fastestReactionPerS() {
        double worst = 0;
        for (int s = 0; s < speciesCount; s++) {
            for (int v = 0; v < cell.length; v++) {
                if (!isVessel(v)) {
                    worst = Math.max(worst, linearRate(s, v));
                }
            }
        }
        return worst;
    }

    private double linearRate(int s, int v) {
        CellType type = CellType.fromCode(cell[v]);
        SpeciesSpec sp = spec[s];
        double rate = sp.decayPerS() + sp.bindingPerS().getOrDefault(type, 0.0);
        SpeciesSpec.UptakeSpec u = sp.uptake().get(type);
        if (u != null) {
            rate += alive[v] * u.vmaxPerS() / u.km();
        }
        SpeciesSpec.SecretionSpec sec = sp.secretion().get(type);
        if (sec != null && sec.saturation() != null) {
            rate += alive[v] * sec.ratePerS() / sec.saturation();
        }
        if (sp.vessel() != null) {
            rate += wallRate(s, v);
        }
        return rate;
    }

    /**
     * The row-sum norm of the commutator of species s's diffusion operator L and its diagonal of largest
     * reaction rates Λ (uptake at C = 0, full viability), 1/s²: ([L, Λ]C)_v = Σ_nb (D_face/dx²)(λ_nb − λ_v)C_nb,
     * so its row sum is max_v Σ_faces (D_face/dx²)·|λ_v − λ_nb| over tissue neighbours inside the domain.
     * Strang splitting's error grows with h² times it (docs/large-steps.md).
     */
    public double splitCommutatorPerS2(int s) {
        int n = cell.length;
        double[] lambda = new double[n];
        SpeciesSpec sp = spec[s];
        for (int v = 0; v < n; v++) {
            if (isVessel(v)) {
                continue;
            }
            CellType type = CellType.fromCode(cell[v]);
            lambda[v] = sp.decayPerS() + sp.bindingPerS().getOrDefault(type, 0.0);
            SpeciesSpec.UptakeSpec u = sp.uptake().get(type);
            if (u != null && u.vmaxPerS() > 0) {
                lambda[v] += u.vmaxPerS() / u.km();
            }
            SpeciesSpec.SecretionSpec sec = sp.secretion().get(type);
            if (sec != null && sec.saturation() != null) {
                lambda[v] += sec.ratePerS() / sec.saturation();
            }
            if (sp.vessel() != null) {
                lambda[v] += wallRate(s, v);
            }
        }
        double worst = 0;
        for (int v = 0; v < n; v++) {
            if (isVessel(v) || !(d[s][v] > 0)) {
                continue;
            }
            int i = v % nx;
            int j = (v / nx) % ny;
            int k = v / (nx * ny);
            int[] neighbours = {i > 0 ? v - 1 : -1, i < nx - 1 ? v + 1 : -1, j > 0 ? v - nx : -1,
                j < ny - 1 ? v + nx : -1, k > 0 ? v - nx * ny : -1, k < nz - 1 ? v + nx * ny : -1};
            double sum = 0;
            for (int nb : neighbours) {
                if (nb >= 0 && !isVessel(nb)) {
                    sum += harmonic(d[s][v], d[s][nb]) * Math.abs(lambda[v] - lambda[nb]);
                }
            }
            worst = Math.max(worst, sum / (dxUm * dxUm));
        }
        return worst;
    }

    /** Advances from {@code startS} to {@code endS} in {@code steps} equal RK4 steps. */
    public void advance(double startS, double endS, int steps) {
        double h = (endS - startS) / steps;
        int n = cell.length;
        int size = speciesCount * n + n;
        double[] y = pack();
        double[] k1 = new double[size];
        double[] k2 = new double[size];
        double[] k3 = new double[size];
        double[] k4 = new double[size];
        double[] stage = new double[size];
        for (int step = 0; step < steps; step++) {
            double t = startS + step * h;
            double tEnd = startS + (step + 1) * h;
            derivative(t, y, k1);
            combine(y, k1, h / 2, stage);
            derivative(t + h / 2, stage, k2);
            combine(y, k2, h / 2, stage);
            derivative(t + h / 2, stage, k3);
            combine(y, k3, h, stage);
            derivative(Math.nextDown(tEnd), stage, k4);
            for (int i = 0; i < size; i++) {
                y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
            holdLumen(y, Math.nextDown(tEnd));
        }
        unpack(y);
    }

    public double[] concentration(int s) {
        return c[s];
    }

    public double[] drugExposure() {
        return exposure;
    }

    private double[] pack() {
        int n = cell.length;
        double[] y = new double[speciesCount * n + n];
        for (int s = 0; s < speciesCount; s++) {
            System.arraycopy(c[s], 0, y, s * n, n);
        }
        System.arraycopy(exposure, 0, y, speciesCount * n, n);
        return y;
    }

    private void unpack(double[] y) {
        int n = cell.length;
        for (int s = 0; s < speciesCount; s++) {
            System.arraycopy(y, s * n, c[s], 0, n);
        }
        System.arraycopy(y, speciesCount * n, exposure, 0, n);
    }

    private static void combine(double[] y, double[] k, double h, double[] out) {
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + h * k[i];
        }
    }

    private void holdLumen(double[] y, double t) {
        int n = cell.length;
        for (int s = 0; s < speciesCount; s++) {
            if (spec[s].vessel() == null) {
                continue;
            }
            for (int v = 0; v < n; v++) {
                if (isVessel(v)) {
                    y[s * n + v] = plasma(curve(s, v), t);
                }
            }
        }
    }

    /** dy/dt of the packed state (concentrations of every species, then the exposure) at time t. */
    private void derivative(double t, double[] y, double[] out) {
        int n = cell.length;
        double inverseDx2 = 1 / (dxUm * dxUm);
        for (int s = 0; s < speciesCount; s++) {
            SpeciesSpec sp = spec[s];
            boolean crosses = sp.vessel() != null;
            for (int v = 0; v < n; v++) {
                double cv = y[s * n + v];
                if (isVessel(v)) {
                    out[s * n + v] = 0; // lumen: held (crossing species) or left alone
                    continue;
                }
                double flux = 0;
                for (Face face : Face.values()) {
                    int nb = neighbour(v, face, s);
                    if (nb >= 0) {
                        flux += harmonic(d[s][v], d[s][nb]) * (y[s * n + nb] - cv);
                    } else {
                        SpeciesSpec.BoundarySpec b = sp.boundaries().getOrDefault(face, SpeciesSpec.BoundarySpec.ZERO_FLUX);
                        if (b.type() == BoundaryType.FIXED) {
                            flux += 2 * d[s][v] * (b.value() - cv);
                        }
                    }
                }
                CellType type = CellType.fromCode(cell[v]);
                double rate = -(sp.decayPerS() + sp.bindingPerS().getOrDefault(type, 0.0)) * cv;
                SpeciesSpec.UptakeSpec u = sp.uptake().get(type);
                if (u != null) {
                    rate -= alive[v] * u.vmaxPerS() * cv / (u.km() + Math.max(cv, 0));
                }
                SpeciesSpec.SecretionSpec sec = sp.secretion().get(type);
                if (sec != null) {
                    double saturationTerm = sec.saturation() == null ? 1 : 1 - cv / sec.saturation();
                    rate += alive[v] * sec.ratePerS() * saturationTerm;
                }
                if (crosses && wallPerUm[v] > 0) {
                    rate += wallRate(s, v) * (plasma(curve(s, v), t) - cv);
                }
                double capacity = retardation[s] == null ? 1 : retardation[s][v];
                out[s * n + v] = (flux * inverseDx2 + rate) / capacity;
            }
        }
        for (int v = 0; v < n; v++) {
            double cv = 0;
            if (drug >= 0) {
                boolean heldLumen = isVessel(v) && spec[drug].vessel() != null;
                cv = heldLumen ? plasma(curve(drug, v), t) : y[drug * n + v];
            }
            out[speciesCount * n + v] = cv;
        }
    }

    /** The plasma curve of species s in the vessels voxel v belongs to or exchanges with. */
    private PlasmaCurveSpec curve(int s, int v) {
        int g = plasmaGroup == null ? 0 : plasmaGroup[v];
        PlasmaCurveSpec own = groupCurves.get(g).get(spec[s].name());
        return own != null ? own : spec[s].vessel().plasma();
    }

    private boolean isVessel(int v) {
        return cell[v] == CellType.VESSEL.code();
    }

    private static double harmonic(double a, double b) {
        return a > 0 && b > 0 ? 2 * a * b / (a + b) : 0;
    }

    /** The neighbour of v across a face (wrapped on a periodic face), or −1 on a domain face. */
    private int neighbour(int v, Face face, int s) {
        int i = v % nx;
        int j = (v / nx) % ny;
        int k = v / (nx * ny);
        int[] ijk = {i, j, k};
        int[] size = {nx, ny, nz};
        int axis = face.axis();
        ijk[axis] += face.side();
        if (ijk[axis] < 0 || ijk[axis] >= size[axis]) {
            BoundaryType type = spec[s].boundaries().getOrDefault(face, SpeciesSpec.BoundarySpec.ZERO_FLUX).type();
            if (type != BoundaryType.PERIODIC || size[axis] == 1) {
                return -1;
            }
            ijk[axis] = Math.floorMod(ijk[axis], size[axis]);
        }
        return ijk[0] + nx * (ijk[1] + ny * ijk[2]);
    }

    /** The stiffness laws, from their defining formulas (docs/scenario-reference.md). */
    static double relativeDiffusivity(DiffusivityLawSpec law, double stiffnessKpa, double stokesRadiusNm) {
        if (law instanceof DiffusivityLawSpec.Exponential e) {
            return Math.exp(-Math.max(stiffnessKpa, 0) / e.stiffnessScaleKpa());
        }
        if (law instanceof DiffusivityLawSpec.Ogston o) {
            // fibre fraction from E = E_ref·(φ/φ_ref)^n, at most 1; D/D0 = exp(−√φ·(1 + r_s/r_f))
            double phi = stiffnessKpa <= 0 ? 0
                    : Math.min(1, o.referenceFibreFraction()
                    * Math.exp(Math.log(stiffnessKpa / o.referenceStiffnessKpa()) / o.stiffnessExponent()));
            return Math.exp(-Math.sqrt(phi) * (1 + stokesRadiusNm / o.fibreRadiusNm()));
        }
        throw new IllegalArgumentException("the reference stepper has no " + law.getClass().getSimpleName()
                + " law (only exponential and ogston)");
    }

    /**
     * The wall's exchange rate of voxel v, 1/s: the wall (1/P per area) and the tissue between the wall
     * and the voxel's centre (δ/D) as resistances in series, times the wall area per volume.
     */
    private double wallRate(int s, int v) {
        double p = spec[s].vessel().permeabilityUmPerS();
        if (wallPerUm[v] == 0) {
            return 0;
        }
        double resistance = 1 / p + (wallDistanceUm[v] > 0 ? wallDistanceUm[v] / d[s][v] : 0);
        return wallPerUm[v] / resistance;
    }

    /** The wall area per volume: the tissue's own, or voxel faces shared with vessel voxels over dx. */
    private double[] wallAreaPerVolume(Tissue tissue) {
        int n = cell.length;
        double[] sv = new double[n];
        if (tissue.vesselWall() != null) {
            float[] given = tissue.vesselWall().areaPerVolumePerUm();
            for (int v = 0; v < n; v++) {
                sv[v] = isVessel(v) ? 0 : given[v];
            }
            return sv;
        }
        for (int v = 0; v < n; v++) {
            if (isVessel(v)) {
                continue;
            }
            int i = v % nx;
            int j = (v / nx) % ny;
            int k = v / (nx * ny);
            int faces = 0;
            faces += i > 0 && isVessel(v - 1) ? 1 : 0;
            faces += i < nx - 1 && isVessel(v + 1) ? 1 : 0;
            faces += j > 0 && isVessel(v - nx) ? 1 : 0;
            faces += j < ny - 1 && isVessel(v + nx) ? 1 : 0;
            faces += k > 0 && isVessel(v - nx * ny) ? 1 : 0;
            faces += k < nz - 1 && isVessel(v + nx * ny) ? 1 : 0;
            sv[v] = faces / dxUm;
        }
        return sv;
    }

    /** Plasma level at t: the curve's defining formula (docs/scenario-reference.md). */
    static double plasma(PlasmaCurveSpec curve, double t) {
        if (curve instanceof PlasmaCurveSpec.Constant k) {
            return k.level();
        }
        if (curve instanceof PlasmaCurveSpec.Bolus b) {
            double start = b.startS() == null ? 0 : b.startS();
            if (t < start) {
                return 0;
            }
            double tau = t - start;
            List<Double> halfLives = b.halfLivesS();
            if (halfLives.size() == 1) {
                return b.peak() * Math.exp(-Math.log(2) * tau / halfLives.get(0));
            }
            double fast = b.fastFraction();
            return b.peak() * (fast * Math.exp(-Math.log(2) * tau / halfLives.get(0))
                    + (1 - fast) * Math.exp(-Math.log(2) * tau / halfLives.get(1)));
        }
        if (curve instanceof PlasmaCurveSpec.Infusion inf) {
            double start = inf.startS() == null ? 0 : inf.startS();
            if (t < start) {
                return 0;
            }
            double tau = t - start;
            double rise = Math.log(2) / inf.halfLifeS();
            if (tau <= inf.durationS()) {
                return inf.level() * (1 - Math.exp(-rise * tau));
            }
            return inf.level() * (1 - Math.exp(-rise * inf.durationS())) * Math.exp(-rise * (tau - inf.durationS()));
        }
        if (curve instanceof PlasmaCurveSpec.RepeatedBolus r) {
            double sum = 0;
            double firstStart = r.dose().startS() == null ? 0 : r.dose().startS();
            for (int dose = 0; dose < r.count(); dose++) {
                double shiftedStart = firstStart + dose * r.intervalS();
                if (t >= shiftedStart) {
                    sum += plasma(r.dose(), t - dose * r.intervalS());
                }
            }
            return sum;
        }
        throw new IllegalArgumentException("unknown plasma curve " + curve);
    }
}
