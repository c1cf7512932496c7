package org.stromasim.tissue;

import java.util.SplittableRandom;
import org.stromasim.scenario.TissueSpec.Fibroblasts;

/**
 * Scatters fibroblasts and CAFs over matrix voxels: in a stroma (normal) voxel a cell is present with
 * probability stromaFraction (normalFraction), and is a CAF with probability cafFractionStroma
 * (cafFractionNormal). Two uniform numbers are drawn for every voxel in index order whatever its
 * region, so the draws a voxel sees do not depend on the nests or vessels, and raising a fraction only
 * adds cells (the coupling is monotone).
 */
final class FibroblastPlacer {

    private FibroblastPlacer() {
    }

    /** Writes FIBROBLAST / CAF codes into {@code cell} for voxels of region NORMAL or STROMA. */
    static void place(Fibroblasts spec, byte[] regions, byte[] cell, SplittableRandom random) {
        check("tissue.fibroblasts.stroma_fraction", spec.stromaFraction());
        check("tissue.fibroblasts.normal_fraction", spec.normalFraction());
        check("tissue.fibroblasts.caf_fraction_stroma", spec.cafFractionStroma());
        check("tissue.fibroblasts.caf_fraction_normal", spec.cafFractionNormal());
        byte normal = TissueRegion.NORMAL.code();
        byte stroma = TissueRegion.STROMA.code();
        byte fibroblast = CellType.FIBROBLAST.code();
        byte caf = CellType.CAF.code();
        for (int v = 0; v < regions.length; v++) {
            double present = random.nextDouble();
            double activated = random.nextDouble();
            double pCell;
            double pCaf;
            if (regions[v] == stroma) {
                pCell = spec.stromaFraction();
                pCaf = spec.cafFractionStroma();
            } else if (regions[v] == normal) {
                pCell = spec.normalFraction();
                pCaf = spec.cafFractionNormal();
            } else {
                continue;
            }
            if (present < pCell) {
                cell[v] = activated < pCaf ? caf : fibroblast;
            }
        }
    }

    private static void check(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1], got " + value);
        }
    }
}
