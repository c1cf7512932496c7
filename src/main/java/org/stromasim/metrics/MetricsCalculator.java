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
 * {@code cancer_exposed_fraction} (cancer voxels whose exposure exceeds the scenario threshold);
 * then {@code mean_stiffness_kpa} (matrix and cell voxels) and {@code viable_fraction} (mean
 * viability of cancer voxels, dead ones included).
 */
public final class MetricsCalculator {

    /** 1 µM in 1 µm³ is 10⁻⁶ mol/L × 10⁻¹⁵ L = 10⁻²¹ mol = 10⁻³ amol. */
    private static final double AMOL_PER_MICROMOLAR_UM3 = 1e-3;

    private final Scenario scenario;
    private final int drugSpecies;
    private final List<String> columns;
    private final Map<String, String> units;

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
            unitOf.put("cancer_exposed_fraction", "1");
        }
        unitOf.put("mean_stiffness_kpa", "kPa");
        unitOf.put("viable_fraction", "1");
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

    public MetricsRow measure(Tissue state, double timeS) {
        double[] values = new double[columns.size()];
        int c = 0;
        values[c++] = timeS;
        byte[] cell = state.cell();
        byte vessel = CellType.VESSEL.code();
        double voxelVolume = state.grid().voxelVolumeUm3();
        for (int s = 0; s < scenario.species().size(); s++) {
            float[] conc = state.concentration(s);
            double sum = 0;
            double max = Double.NEGATIVE_INFINITY;
            long n = 0;
            for (int v = 0; v < conc.length; v++) {
                if (cell[v] == vessel) {
                    continue;
                }
                sum += conc[v];
                max = Math.max(max, conc[v]);
                n++;
            }
            values[c++] = sum * voxelVolume * amolPerUnitUm3(scenario.species().get(s).unit());
            values[c++] = n > 0 ? sum / n : Double.NaN;
            values[c++] = n > 0 ? max : Double.NaN;
        }
        if (drugSpecies >= 0) {
            PenetrationProfile profile = PenetrationProfile.measure(state.grid(), cell, state.vesselDistanceUm(),
                    state.concentration(drugSpecies));
            values[c++] = profile.perivascularMean();
            values[c++] = profile.halfDepthUm();
            values[c++] = exposedCancerFraction(state);
        }
        values[c++] = meanStiffness(state);
        values[c++] = viableCancerFraction(state);
        return new MetricsRow(columns, values);
    }

    private static double amolPerUnitUm3(ConcentrationUnit unit) {
        return switch (unit) {
            case MICROMOLAR -> AMOL_PER_MICROMOLAR_UM3;
            case NANOMOLAR -> AMOL_PER_MICROMOLAR_UM3 * 1e-3;
        };
    }

    private double exposedCancerFraction(Tissue state) {
        double threshold = scenario.metrics().exposureThresholdUnitS();
        byte cancer = CellType.CANCER.code();
        byte[] cell = state.cell();
        float[] exposure = state.drugExposure();
        long cancerVoxels = 0;
        long exposed = 0;
        for (int v = 0; v < cell.length; v++) {
            if (cell[v] == cancer) {
                cancerVoxels++;
                if (exposure[v] > threshold) {
                    exposed++;
                }
            }
        }
        return cancerVoxels > 0 ? (double) exposed / cancerVoxels : Double.NaN;
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
