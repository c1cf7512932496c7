package org.stromasim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stromasim.tissue.CellType;

/**
 * The shipped doxorubicin uptake is El-Kareh & Secomb's law (docs/parameters.md §5) on the model's basis: C is
 * the interstitial-fluid concentration, so uptake per unit of that fluid is the per-cell rate times the cells per
 * tissue volume divided by the extracellular fraction α = 1 − φ_cell, and Km is the source's fluid constant Ke.
 * The reference is worked out here from the source's numbers, not read from the product.
 */
class DoxorubicinUptakeBasisTest {

    /** 0.28 ng / 10⁵ cells / min ÷ 543.5 g/mol, mol per cell per s. */
    private static final double MOL_PER_CELL_PER_S = 0.28e-9 / 1e5 / 543.5 / 60;
    /** PhysiCell's cell volume 2,494 µm³ in litres (1 µm³ = 10⁻¹⁵ L). */
    private static final double CELL_VOLUME_L = 2494e-15;
    /** Ke = 0.219 µg/mL ÷ 543.5 g/mol, µM: 0.219e-3 g/L / 543.5 g/mol = 4.029e-7 M. */
    private static final double KE_UM = 0.219e-3 / 543.5 * 1e6;

    /** Vmax per interstitial-fluid volume of a voxel whose cells fill {@code cellFraction} of it, µM/s. */
    private static double vmaxOnModelBasis(double cellFraction) {
        double perCellVolumeUmPerS = MOL_PER_CELL_PER_S / CELL_VOLUME_L * 1e6; // 0.03443 µM/s
        return perCellVolumeUmPerS * cellFraction / (1 - cellFraction);
    }

    /** The shipped values carry three significant digits: half a unit of the third is the allowed rounding. */
    private static void assertRounded(double reference, double shipped, String what) {
        double lastDigit = Math.pow(10, Math.floor(Math.log10(Math.abs(reference))) - 2);
        assertEquals(reference, shipped, 0.5 * lastDigit, what);
    }

    @Test
    void referenceArithmeticByHand() {
        // 5.152e-18 mol/cell/min; / 2.494e-12 L = 2.066 µM/min = 0.03443 µM/s per cell volume;
        // × 0.72/0.28 = 2.571 → 0.08853 µM/s; Ke 0.4029 µM; k = 0.2197 /s = 13.2 /min.
        assertEquals(5.152e-18, MOL_PER_CELL_PER_S * 60, 0.001e-18);
        assertEquals(0.08853, vmaxOnModelBasis(0.72), 0.00001);
        assertEquals(0.4029, KE_UM, 0.0001);
        assertEquals(13.18, vmaxOnModelBasis(0.72) / KE_UM * 60, 0.01);
    }

    @Test
    void doxorubicinPresetIsTheSourceOnTheModelsBasisWithTheSourcedCancerCellFraction() {
        Scenario s = ScenarioLoader.parse("""
                name: preset
                grid: {nx: 2, ny: 2, nz: 2, voxel_um: 20}
                run: {end_time_s: 1, snapshot_interval_s: 1, metrics_interval_s: 1, seed: 1}
                ecm:
                  diffusivity_law: {law: ogston, fibre_radius_nm: 20, reference_stiffness_kpa: 3.04,
                                    reference_fibre_fraction: 0.05, stiffness_exponent: 2.25}
                  stiffness_kpa: {normal: 3.04, stroma: 3.04, tumour: 3.04}
                tissue: {stroma_shell_um: 0, nests: [], vessels: []}
                species:
                  - name: drug
                    preset: doxorubicin
                """, "preset.yaml", List.of());
        SpeciesSpec.UptakeSpec u = s.species().get(0).uptake().get(CellType.CANCER);
        // φ_cell 0.72 = 1 − 0.28, the tumour extracellular fraction of docs/parameters.md §20
        assertRounded(vmaxOnModelBasis(0.72), u.vmaxPerS(), "Vmax, µM/s");
        assertRounded(KE_UM, u.km(), "Km, µM");
    }

    /**
     * Every shipped scenario whose drug is doxorubicin (D0 117 µm²/s) taken up by cancer cells carries the same law, with the cancer cell
     * fraction of its own matrix composition where it has one (fibre_matrix), else the sourced 0.72: a scenario that
     * changes the cancer voxels' cell fraction must change their uptake with it.
     */
    @Test
    void shippedDoxorubicinScenariosCarryTheModelBasisForTheirOwnCellFraction() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Path.of("configs"))) {
            walk.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        int checked = 0;
        for (Path file : files) {
            Scenario s = ScenarioLoader.load(file, List.of());
            SpeciesSpec drug = s.findSpecies(s.metrics().drugSpecies()).orElse(null);
            // the carcinoma-rim files carry a doxorubicin-like solute without uptake
            SpeciesSpec.UptakeSpec u = drug == null ? null : drug.uptake().get(CellType.CANCER);
            if (drug == null || drug.d0Um2PerS() != 117 || u == null) {
                continue;
            }
            double cellFraction = s.ecm().diffusivityLaw() instanceof DiffusivityLawSpec.FibreMatrix f
                    ? f.composition().cellFraction().of(CellType.CANCER.code()) : 0.72;
            assertRounded(vmaxOnModelBasis(cellFraction), u.vmaxPerS(), file + ": Vmax, µM/s");
            assertRounded(KE_UM, u.km(), file + ": Km, µM");
            checked++;
        }
        // default, normal-, fibrotic-stroma, fibrotic-barrier, three inhibitors, the perfused pair, tissue-from-files
        assertTrue(checked >= 10, "doxorubicin scenarios checked: " + checked);
    }
}
