package org.stromasim.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stromasim.biology.DrugResponse;
import org.stromasim.biology.EndocrineResponse;
import org.stromasim.biology.InterventionLevels;
import org.stromasim.scenario.BiologySpec;
import org.stromasim.scenario.BiologySpec.InterventionKind;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.tissue.TissueRegion;
import org.stromasim.tissue.TissueRegions;

/**
 * The metrics of a scenario with a {@code biology} section, computed on the host copy of the state
 * (for a biology run both backends download the state for every metrics row):
 * <ul>
 *   <li>{@code caf_fraction}: CAF voxels / (quiescent fibroblast + CAF voxels);</li>
 *   <li>{@code stroma_mean_stiffness_kpa}, {@code tumour_mean_stiffness_kpa}: by {@link TissueRegion};</li>
 *   <li>{@code cancer_above_effective_ec50_fraction}: living cancer voxels whose drug measure (exposure or
 *       concentration, as the kill law reads) exceeds the EFFECTIVE EC50 there, after IL-6, lactate and
 *       the blockades active at that time;</li>
 *   <li>{@code tumour_mean_lactate_<unit>}: mean extracellular lactate over the tumour region;</li>
 *   <li>{@code cancer_lactate_supply}: mean fraction of MCT1 capacity in use in living cancer voxels;</li>
 *   <li>with {@code biology.endocrine} ({@link EndocrineResponse}), over living cancer voxels: the mean
 *       antagonist ER occupancy, the mean fraction of ER signalling suppressed, the mean net suppression
 *       after the IL-6 bypass, and the fraction of voxels whose net suppression is below
 *       {@code under_suppressed_below} (the resistance read-out).</li>
 * </ul>
 * The region map is rebuilt from the scenario once (it is deterministic and fixed during a run).
 */
final class BiologyMetrics {

    private final Scenario scenario;
    private final BiologySpec spec;
    private final DrugResponse response;
    private final InterventionLevels interventions;
    private final String lactateColumn;
    private final EndocrineResponse endocrine;
    private TissueRegions regions;

    BiologyMetrics(Scenario scenario) {
        this.scenario = scenario;
        this.spec = scenario.biology();
        this.response = new DrugResponse(spec.drugResponse());
        this.interventions = new InterventionLevels(spec.interventions());
        SpeciesSpec lactate = scenario.findSpecies(spec.lactateSpecies()).orElseThrow();
        this.lactateColumn = "tumour_mean_lactate_" + lactate.unit().key();
        this.endocrine = spec.endocrine() == null ? null : new EndocrineResponse(scenario);
    }

    /** Column → unit, in column order. */
    Map<String, String> units() {
        Map<String, String> u = new LinkedHashMap<>();
        u.put("caf_fraction", "1");
        u.put("stroma_mean_stiffness_kpa", "kPa");
        u.put("tumour_mean_stiffness_kpa", "kPa");
        u.put("cancer_above_effective_ec50_fraction", "1");
        u.put(lactateColumn, scenario.findSpecies(spec.lactateSpecies()).orElseThrow().unit().symbol());
        u.put("cancer_lactate_supply", "1");
        if (endocrine != null) {
            u.put("cancer_mean_er_occupancy", "1");
            u.put("cancer_mean_er_suppression", "1");
            u.put("cancer_mean_net_suppression", "1");
            u.put("cancer_under_suppressed_fraction", "1");
        }
        return u;
    }

    /** Writes the values of {@link #units()}'s columns into {@code values} from {@code at}; returns the next index. */
    int measure(Tissue state, double timeS, double[] values, int at) {
        if (regions == null) {
            regions = TissueBuilder.regions(scenario);
        }
        byte[] cell = state.cell();
        float[] il6 = state.concentration(spec.il6Species());
        float[] lactate = state.concentration(spec.lactateSpecies());
        float[] measure = response.onExposure() ? state.drugExposure()
                : state.concentration(scenario.metrics().drugSpecies());
        double il6Block = interventions.at(InterventionKind.IL6R_BLOCKER, timeS);
        double mct1Block = interventions.at(InterventionKind.MCT1_INHIBITOR, timeS);
        long fibroblasts = 0;
        long cafs = 0;
        long cancer = 0;
        long above = 0;
        double supply = 0;
        for (int v = 0; v < cell.length; v++) {
            int c = cell[v];
            if (c == CellType.FIBROBLAST.code()) {
                fibroblasts++;
            } else if (c == CellType.CAF.code()) {
                cafs++;
            } else if (c == CellType.CANCER.code()) {
                cancer++;
                if (measure[v] > response.effectiveEc50(il6[v], lactate[v], il6Block, mct1Block)) {
                    above++;
                }
                supply += response.lactateSupply(lactate[v], mct1Block);
            }
        }
        values[at++] = fibroblasts + cafs > 0 ? (double) cafs / (fibroblasts + cafs) : Double.NaN;
        values[at++] = regions.mean(state.stiffnessKpa(), TissueRegion.STROMA);
        values[at++] = regions.mean(state.stiffnessKpa(), TissueRegion.TUMOUR);
        values[at++] = cancer > 0 ? (double) above / cancer : Double.NaN;
        values[at++] = regions.mean(lactate, TissueRegion.TUMOUR);
        values[at++] = cancer > 0 ? supply / cancer : Double.NaN;
        if (endocrine != null) {
            at = measureEndocrine(state, timeS, values, at);
        }
        return at;
    }

    private int measureEndocrine(Tissue state, double timeS, double[] values, int at) {
        EndocrineResponse.Readout r = endocrine.readout(state, timeS);
        byte[] cell = state.cell();
        double below = spec.endocrine().underSuppressedBelow();
        long cancer = 0;
        long under = 0;
        double occupancy = 0;
        double suppression = 0;
        double net = 0;
        for (int v = 0; v < cell.length; v++) {
            if (cell[v] == CellType.CANCER.code()) {
                cancer++;
                occupancy += r.occupancy()[v];
                suppression += r.suppression()[v];
                net += r.netSuppression()[v];
                if (r.netSuppression()[v] < below) {
                    under++;
                }
            }
        }
        values[at++] = cancer > 0 ? occupancy / cancer : Double.NaN;
        values[at++] = cancer > 0 ? suppression / cancer : Double.NaN;
        values[at++] = cancer > 0 ? net / cancer : Double.NaN;
        values[at++] = cancer > 0 ? (double) under / cancer : Double.NaN;
        return at;
    }
}
