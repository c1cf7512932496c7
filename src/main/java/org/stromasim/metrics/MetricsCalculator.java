package org.stromasim.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.scenario.SpeciesSpec.ConcentrationUnit;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * Computes the per-interval metrics of a run from the host copy of the state. Every quantity is over
 * tissue voxels (vessel lumen excluded): that is what cells see and what perivascular imaging measures.
 *
 * <p>Columns: {@code time_s}; per species {@code <s>_total_amol} (amount in tissue, attomoles),
 * {@code <s>_mean_<unit>}, {@code <s>_max_<unit>}; for the drug species
 * {@code <drug>_perivascular_<unit>}, {@code <drug>_penetration_depth_um} (see {@link PenetrationProfile}),
 * {@code <drug>_penetration_depth_beyond_um} (when that depth is not reached in the domain: the farthest
 * distance the profile covers, so the depth is larger; NaN otherwise),
 * {@code cancer_exposed_fraction} (cancer voxels whose exposure exceeds the scenario threshold);
 * below the tumour boundary ({@link TumourDepth}) {@code <drug>_exposure_tumour_rim_<unit>_s} (mean
 * exposure in the rim shell, one voxel deep), {@code <drug>_exposure_tumour_mean_<unit>_s} (over the
 * tumour), {@code <drug>_exposure_half_depth_um} (depth beyond the rim shell at which the mean exposure
 * falls to half the rim's) and {@code <drug>_tumour_half_depth_um} (the same for the concentration), each
 * with its {@code _beyond_um} column;
 * then {@code mean_stiffness_kpa} (matrix and cell voxels) and {@code viable_fraction} (mean
 * viability of cancer voxels, dead ones included); with a {@code biology} section, the columns of
 * {@link BiologyMetrics} after those (computed from the host copy's concentrations: for a biology run
 * both backends download the state for every metrics row); last, the barrier columns of {@link FlowMetrics}.
 */
public final class MetricsCalculator {

    /** 1 µM in 1 µm³ is 10⁻⁶ mol/L × 10⁻¹⁵ L = 10⁻²¹ mol = 10⁻³ amol. */
    private static final double AMOL_PER_MICROMOLAR_UM3 = 1e-3;

    private final Scenario scenario;
    private final int drugSpecies;
    private final List<String> columns;
    private final Map<String, String> units;
    /** The biology columns, or null without a biology section. */
    private final BiologyMetrics biology;
    /** The barrier columns (flow, perfusion, GAG level); none without those ecm sections. */
    private final FlowMetrics flow;
    private ReductionPlan lastPlan;

    public MetricsCalculator(Scenario scenario) {
        this.scenario = scenario;
        this.drugSpecies = scenario.speciesIndex(scenario.metrics().drugSpecies());
        Map<String, String> unitOf = new LinkedHashMap<>();
        unitOf.put("time_s", "s");
        for (SpeciesSpec s : scenario.species()) {
            String unit = s.unit().key();
            unitOf.put(s.name() + "_total_amol", "amol");
            unitOf.put(s.name() + "_mean_" + unit, s.unit().symbol());
            unitOf.put(s.name() + "_max_" + unit, s.unit().symbol());
        }
        if (drugSpecies >= 0) {
            SpeciesSpec drug = scenario.species().get(drugSpecies);
            unitOf.put(drug.name() + "_perivascular_" + drug.unit().key(), drug.unit().symbol());
            unitOf.put(drug.name() + "_penetration_depth_um", "µm");
            unitOf.put(drug.name() + "_penetration_depth_beyond_um", "µm");
            unitOf.put("cancer_exposed_fraction", "1");
            String exposureUnit = drug.unit().symbol() + "·s";
            unitOf.put(drug.name() + "_exposure_tumour_rim_" + drug.unit().key() + "_s", exposureUnit);
            unitOf.put(drug.name() + "_exposure_tumour_mean_" + drug.unit().key() + "_s", exposureUnit);
            unitOf.put(drug.name() + "_exposure_half_depth_um", "µm");
            unitOf.put(drug.name() + "_exposure_half_depth_beyond_um", "µm");
            unitOf.put(drug.name() + "_tumour_half_depth_um", "µm");
            unitOf.put(drug.name() + "_tumour_half_depth_beyond_um", "µm");
        }
        unitOf.put("mean_stiffness_kpa", "kPa");
        unitOf.put("viable_fraction", "1");
        this.biology = scenario.biology() == null ? null : new BiologyMetrics(scenario);
        if (biology != null) {
            unitOf.putAll(biology.units());
        }
        this.flow = new FlowMetrics(scenario);
        unitOf.putAll(flow.units());
        this.units = Map.copyOf(unitOf);
        this.columns = List.copyOf(new ArrayList<>(unitOf.keySet()));
    }

    /** The unit of every column (µM, nM, amol, µm, kPa, s, or 1 for fractions). */
    public Map<String, String> units() {
        return units;
    }

    public List<String> columns() {
        return columns;
    }

    /**
     * The reductions the metrics need for a run on {@code tissue} (its cells and vessel distances): the
     * previous plan while the cell field is unchanged (the same object, so a device keeps its uploaded
     * index lists), a new one after cells changed.
     */
    public ReductionPlan reductionPlan(Tissue tissue) {
        ReductionPlan previous = lastPlan;
        if (previous != null && previous.builtFrom(tissue)) {
            return previous;
        }
        lastPlan = ReductionPlan.of(tissue, drugSpecies, scenario.metrics().exposureThresholdUnitS());
        return lastPlan;
    }

    /** Metrics of the host copy {@code state}, reduced on the host. */
    public MetricsRow measure(Tissue state, double timeS) {
        ReductionPlan plan = reductionPlan(state);
        return measure(state, timeS, plan, plan.onHost(state));
    }

    /**
     * Metrics from concentration sums reduced elsewhere (e.g. on a device) with {@code plan}; the
     * fields that the transport does not change (cells, stiffness, viability) are read from
     * {@code state}, whose concentrations are not used.
     */
    public MetricsRow measure(Tissue state, double timeS, ReductionPlan plan, StateReductions r) {
        double[] values = new double[columns.size()];
        int c = 0;
        values[c++] = timeS;
        double voxelVolume = state.grid().voxelVolumeUm3();
        long n = r.tissueVoxels();
        for (int s = 0; s < scenario.species().size(); s++) {
            double sum = r.speciesSum()[s];
            values[c++] = sum * voxelVolume * amolPerUnitUm3(scenario.species().get(s).unit());
            values[c++] = n > 0 ? sum / n : Double.NaN;
            values[c++] = n > 0 ? r.speciesMax()[s] : Double.NaN;
        }
        if (drugSpecies >= 0) {
            long[] count = new long[plan.shellCount()];
            for (int b = 0; b < count.length; b++) {
                count[b] = plan.shellVoxels(b);
            }
            PenetrationProfile profile = PenetrationProfile.fromShellSums(plan.voxelUm(), r.drugShellSum(), count);
            values[c++] = profile.perivascularMean();
            values[c++] = profile.halfDepthUm();
            values[c++] = profile.notReachedBeyondUm();
            values[c++] = plan.cancerVoxels() > 0 ? (double) r.exposedCancer() / plan.cancerVoxels() : Double.NaN;
            long[] depthCount = new long[plan.depthShellCount()];
            for (int t = 0; t < depthCount.length; t++) {
                depthCount[t] = plan.depthShellVoxels(t);
            }
            PenetrationProfile exposure = PenetrationProfile.fromShellSums(plan.voxelUm(), r.depthExposureSum(), depthCount);
            PenetrationProfile concentration = PenetrationProfile.fromShellSums(plan.voxelUm(), r.depthDrugSum(), depthCount);
            values[c++] = exposure.firstShellMean();
            values[c++] = exposure.overallMean();
            values[c++] = exposure.halfDepthUm();
            values[c++] = exposure.notReachedBeyondUm();
            values[c++] = concentration.halfDepthUm();
            values[c++] = concentration.notReachedBeyondUm();
        }
        values[c++] = meanStiffness(state);
        values[c++] = viableCancerFraction(state);
        if (biology != null) {
            c = biology.measure(state, timeS, values, c);
        }
        c = flow.measure(state, timeS, values, c);
        return new MetricsRow(columns, values);
    }

    private static double amolPerUnitUm3(ConcentrationUnit unit) {
        return switch (unit) {
            case MICROMOLAR -> AMOL_PER_MICROMOLAR_UM3;
            case NANOMOLAR -> AMOL_PER_MICROMOLAR_UM3 * 1e-3;
        };
    }

    private static double meanStiffness(Tissue state) {
        byte[] cell = state.cell();
        float[] stiffness = state.stiffnessKpa();
        byte vessel = CellType.VESSEL.code();
        double sum = 0;
        long n = 0;
        for (int v = 0; v < cell.length; v++) {
            if (cell[v] != vessel) {
                sum += stiffness[v];
                n++;
            }
        }
        return n > 0 ? sum / n : Double.NaN;
    }

    private static double viableCancerFraction(Tissue state) {
        byte[] cell = state.cell();
        float[] viability = state.viability();
        byte cancer = CellType.CANCER.code();
        byte dead = CellType.DEAD.code();
        double sum = 0;
        long n = 0;
        for (int v = 0; v < cell.length; v++) {
            if (cell[v] == cancer) {
                sum += viability[v];
                n++;
            } else if (cell[v] == dead) {
                n++;
            }
        }
        return n > 0 ? sum / n : Double.NaN;
    }
}
