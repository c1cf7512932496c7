package org.stromasim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sweep plot legends in numeric order and axis titles with units instead of raw keys. */
class SweepPlotLabelsTest {

    @Test
    void seriesValuesSortAsNumbersNotAsText() {
        List<String> values = new ArrayList<>(List.of("117", "50", "9.1", "1e3", "3.04"));
        values.sort(SweepPlot::compareValues);
        assertEquals(List.of("3.04", "9.1", "50", "117", "1e3"), values);
        List<String> words = new ArrayList<>(List.of("strang", "117", "lie"));
        words.sort(SweepPlot::compareValues);
        assertEquals(List.of("117", "lie", "strang"), words, "numbers first, words in text order");
    }

    @Test
    void keysAndColumnsBecomeTitlesWithUnits() {
        assertEquals("species drug d0 (µm²/s)", AxisLabel.of("species.drug.d0_um2_per_s"));
        assertEquals("ecm stiffness stroma (kPa)", AxisLabel.of("ecm.stiffness_kpa.stroma"));
        assertEquals("species drug vessel permeability (µm/s)", AxisLabel.of("species.drug.vessel.permeability_um_per_s"));
        assertEquals("drug exposure tumour mean (µM·s)", AxisLabel.of("drug_exposure_tumour_mean_uM_s"));
        assertEquals("drug penetration depth (µm)", AxisLabel.of("drug_penetration_depth_um"));
        assertEquals("cancer exposed (%)", AxisLabel.of("cancer_exposed_fraction"));
        assertEquals("run seed", AxisLabel.of("run.seed"));
    }
}
