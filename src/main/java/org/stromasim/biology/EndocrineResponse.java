package org.stromasim.biology;

import java.util.List;
import org.stromasim.pharmacokinetics.DosingCurves;
import org.stromasim.scenario.BiologySpec;
import org.stromasim.scenario.BiologySpec.InterventionKind;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.PlasmaCurve;

/**
 * Oestrogen-receptor pharmacodynamics of cancer voxels ({@code biology.endocrine}): antagonist
 * occupancy and the fraction of ER signalling suppressed ({@link EstrogenReceptorBinding}), the IL-6
 * bypass that offsets it, and the kill by cytotoxic antagonists. Everything is a function of the
 * current concentrations, the time and the scenario, so the read-outs are recomputed for every output
 * (nothing extra is stored in snapshots, and a resumed run reads the same values).
 *
 * <p>Net suppression N = (1 − S)·(1 − b): S the relative ER signalling, b the IL-6 bypass. The kill rate
 * is maxKill·N·(share of the antagonist load from cytotoxic ligands): a cytostatic antagonist
 * suppresses signalling without killing.
 */
public final class EndocrineResponse {

    private final BiologySpec.Endocrine spec;
    private final int estradiol;
    private final double estradiolNmPerUnit;
    private final PlasmaCurve untreatedEstradiol;
    private final int il6;
    private final int[] ligands;
    private final double[] ligandNmPerUnit;
    private final double[] kiNm;
    private final boolean[] cytotoxic;
    private final InterventionLevels interventions;
    private final double deathViability;

    public EndocrineResponse(Scenario scenario) {
        BiologySpec biology = scenario.biology();
        this.spec = biology.endocrine();
        if (spec == null) {
            throw new IllegalArgumentException("scenario " + scenario.name() + " has no biology.endocrine section");
        }
        this.estradiol = scenario.speciesIndex(spec.estradiolSpecies());
        SpeciesSpec e2 = scenario.species().get(estradiol);
        this.estradiolNmPerUnit = nmPerUnit(e2);
        this.untreatedEstradiol = PlasmaCurve.forSpecies(e2, name -> scenario.findSpecies(name).orElse(null));
        this.il6 = scenario.speciesIndex(biology.il6Species());
        List<BiologySpec.ErLigand> list = spec.ligands();
        this.ligands = new int[list.size()];
        this.ligandNmPerUnit = new double[list.size()];
        this.kiNm = new double[list.size()];
        this.cytotoxic = new boolean[list.size()];
        for (int i = 0; i < list.size(); i++) {
            ligands[i] = scenario.speciesIndex(list.get(i).species());
            // only the drug not bound to proteins binds ER: the level that binds is f_u times the species level
            ligandNmPerUnit[i] = nmPerUnit(scenario.species().get(ligands[i])) * list.get(i).unboundFraction();
            kiNm[i] = list.get(i).kiNm();
            cytotoxic[i] = list.get(i).response() == BiologySpec.ResponseMode.CYTOTOXIC;
        }
        this.interventions = new InterventionLevels(biology.interventions());
        this.deathViability = biology.drugResponse().deathViability();
    }

    private static double nmPerUnit(SpeciesSpec species) {
        return 1000.0 / DosingCurves.unitsPerMicromolar(species.unit());
    }

    /** Whether any antagonist kills (only then does the slow step change the state). */
    public boolean kills() {
        for (boolean c : cytotoxic) {
            if (c) {
                return spec.maxKillPerS() > 0;
            }
        }
        return false;
    }

    /** The untreated plasma oestradiol at {@code timeS}, nM (the reference of the relative signalling). */
    public double referenceEstradiolNm(double timeS) {
        return untreatedEstradiol.at(timeS) * estradiolNmPerUnit;
    }

    /** Oestradiol occupancy at the untreated plasma level without antagonist, at {@code timeS} (S's reference). */
    public double referenceOccupancy(double timeS) {
        return EstrogenReceptorBinding.estradiolOccupancy(referenceEstradiolNm(timeS), spec.estradiolKdNm(), 0.0);
    }

    /** 1 − IL-6R blockade at {@code timeS}: the share of IL-6 the bypass sees. */
    public double il6PassAt(double timeS) {
        return 1.0 - interventions.at(InterventionKind.IL6R_BLOCKER, timeS);
    }

    /** Offsets in one antagonist's entry of {@link #ligandTable()}, and its length. */
    public static final int LIGAND_SPECIES = 0;
    public static final int LIGAND_NM_PER_UNIT = 1;
    public static final int LIGAND_INVERSE_KI = 2;
    public static final int LIGAND_CYTOTOXIC = 3;
    public static final int LIGAND_STRIDE = 4;

    /** Per antagonist {species index, nM per species unit, 1/Ki (1/nM), 1 if cytotoxic else 0}, for a device. */
    public float[] ligandTable() {
        float[] table = new float[LIGAND_STRIDE * ligands.length];
        for (int i = 0; i < ligands.length; i++) {
            table[LIGAND_STRIDE * i + LIGAND_SPECIES] = ligands[i];
            table[LIGAND_STRIDE * i + LIGAND_NM_PER_UNIT] = (float) ligandNmPerUnit[i];
            table[LIGAND_STRIDE * i + LIGAND_INVERSE_KI] = (float) (1.0 / kiNm[i]);
            table[LIGAND_STRIDE * i + LIGAND_CYTOTOXIC] = cytotoxic[i] ? 1f : 0f;
        }
        return table;
    }

    /** The oestradiol species index and nM per its unit. */
    public int estradiolSpecies() {
        return estradiol;
    }

    public double estradiolNmPerUnit() {
        return estradiolNmPerUnit;
    }

    /** The IL-6 species index. */
    public int il6Species() {
        return il6;
    }

    public BiologySpec.Endocrine spec() {
        return spec;
    }

    /** The per-voxel read-outs at {@code timeS}; 0 outside living cancer voxels. */
    public Readout readout(Tissue state, double timeS) {
        int n = state.cell().length;
        Readout out = new Readout(new float[n], new float[n], new float[n]);
        double reference = referenceEstradiolNm(timeS);
        double il6Pass = il6PassAt(timeS);
        float[] e2 = state.concentration(estradiol);
        float[] il6Level = state.concentration(il6);
        float[][] drug = new float[ligands.length][];
        for (int i = 0; i < ligands.length; i++) {
            drug[i] = state.concentration(ligands[i]);
        }
        byte cancer = CellType.CANCER.code();
        byte[] cell = state.cell();
        double[] levels = new double[ligands.length];
        for (int v = 0; v < n; v++) {
            if (cell[v] != cancer) {
                continue;
            }
            for (int i = 0; i < ligands.length; i++) {
                levels[i] = drug[i][v] * ligandNmPerUnit[i];
            }
            double load = EstrogenReceptorBinding.antagonistLoad(levels, kiNm);
            double e = e2[v] * estradiolNmPerUnit;
            double suppressed = 1.0 - EstrogenReceptorBinding.relativeSignalling(e, reference, spec.estradiolKdNm(), load);
            out.occupancy[v] = (float) EstrogenReceptorBinding.antagonistOccupancy(e, spec.estradiolKdNm(), load);
            out.suppression[v] = (float) suppressed;
            out.netSuppression[v] = (float) (suppressed * (1.0 - bypass(il6Level[v], il6Pass)));
        }
        return out;
    }

    /** b(I), the share of the lost ER signalling that IL-6 replaces. */
    public double bypass(double il6Level, double il6Pass) {
        BiologySpec.Il6Bypass b = spec.il6Bypass();
        double i = Math.max(il6Level, 0.0) * il6Pass;
        double ih = Math.pow(i, b.hillN());
        return ih > 0 ? b.maxFraction() * ih / (ih + Math.pow(b.ec50(), b.hillN())) : 0.0;
    }

    /**
     * The kill by cytotoxic antagonists over a slow step [startS, endS], with the levels and
     * interventions at its end (as the drug response reads the state after the transport advance):
     * viability ← viability·e^(−k·Δt), DEAD below the drug response's death threshold.
     *
     * @return the number of voxels that died
     */
    public int killStep(Tissue state, double startS, double endS) {
        double dt = endS - startS;
        if (!kills() || !(dt > 0)) {
            return 0;
        }
        Readout r = readout(state, endS);
        byte[] cell = state.cell();
        float[] viability = state.viability();
        double[] levels = new double[ligands.length];
        int died = 0;
        for (int v = 0; v < cell.length; v++) {
            if (cell[v] != CellType.CANCER.code()) {
                continue;
            }
            double load = 0.0;
            double cytotoxicLoad = 0.0;
            for (int i = 0; i < ligands.length; i++) {
                levels[i] = Math.max(state.concentration(ligands[i])[v] * ligandNmPerUnit[i], 0.0) / kiNm[i];
                load += levels[i];
                cytotoxicLoad += cytotoxic[i] ? levels[i] : 0.0;
            }
            double k = load > 0 ? spec.maxKillPerS() * Math.max(r.netSuppression[v], 0.0f) * cytotoxicLoad / load : 0.0;
            if (k > 0) {
                viability[v] = (float) (viability[v] * Math.exp(-k * dt));
            }
            if (viability[v] < deathViability) {
                cell[v] = CellType.DEAD.code();
                died++;
            }
        }
        return died;
    }

    /**
     * Per-voxel fields: antagonist ER occupancy, fraction of ER signalling suppressed, and net
     * suppression after the IL-6 bypass.
     */
    public record Readout(float[] occupancy, float[] suppression, float[] netSuppression) {
    }
}
