package org.stromasim.tissue;

import java.util.List;
import org.stromasim.grid.Grid3D;
import org.stromasim.imaging.VolumeResampler;
import org.stromasim.scenario.TissueImageSpec;

/**
 * Applies {@code tissue.images} ({@link TissueImageSpec}) to the voxels whose centres each image covers,
 * in list order; voxels outside every image keep what the procedural build gave them. Label images are
 * resampled nearest (a label is never averaged), continuous fields trilinearly ({@link VolumeResampler}).
 */
final class ImagePainter {

    private ImagePainter() {
    }

    /**
     * Cell type (and the region it implies: cancer → tumour, anything else → normal interstitium), or the
     * stroma region with the cell kept.
     */
    static void paintCells(Grid3D grid, List<TissueImageSpec> images, byte[] regions, byte[] cell) {
        for (TissueImageSpec image : images) {
            if (image.sets() != TissueImageSpec.Target.CELL) {
                continue;
            }
            float[] codes = VolumeResampler.nearest(image.volume(), grid);
            for (int v = 0; v < codes.length; v++) {
                if (Float.isNaN(codes[v]) || codes[v] == TissueImageSpec.KEEP_CODE) {
                    continue; // outside the image, or a label that keeps the voxel as built
                }
                if (codes[v] == TissueImageSpec.STROMA_CODE) {
                    regions[v] = TissueRegion.STROMA.code(); // vessels, painted later, still overwrite it
                    continue;
                }
                byte code = (byte) codes[v];
                cell[v] = code;
                regions[v] = code == CellType.CANCER.code() ? TissueRegion.TUMOUR.code() : TissueRegion.NORMAL.code();
            }
        }
    }

    /**
     * Stiffness, kPa, after the procedural baseline and texture: a measured image is the final value (a
     * texture on top would add heterogeneity the measurement already holds). Vessel lumen keeps its value.
     */
    static void paintStiffness(Grid3D grid, List<TissueImageSpec> images, byte[] regions, float[] stiffnessKpa,
                               org.stromasim.scenario.DiffusivityLawSpec law) {
        byte vessel = TissueRegion.VESSEL.code();
        org.stromasim.matrix.FibreFractionStiffness powerLaw = org.stromasim.matrix.FibreFractionStiffness.of(law);
        for (TissueImageSpec image : images) {
            boolean collagen = image.sets() == TissueImageSpec.Target.COLLAGEN_FRACTION;
            if (image.sets() != TissueImageSpec.Target.STIFFNESS_KPA && !collagen) {
                continue;
            }
            // a collagen image is interpolated as the measured fraction, then turned into stiffness per voxel
            float[] sampled = VolumeResampler.trilinear(image.volume(), grid);
            for (int v = 0; v < sampled.length; v++) {
                if (!Float.isNaN(sampled[v]) && regions[v] != vessel) {
                    stiffnessKpa[v] = collagen ? (float) powerLaw.stiffnessKpa(sampled[v]) : sampled[v];
                }
            }
        }
    }

    /** Initial concentration of the named species, in its unit, vessel voxels included (as the constant initial). */
    static void paintConcentrations(Grid3D grid, List<TissueImageSpec> images, Tissue tissue) {
        for (TissueImageSpec image : images) {
            if (image.sets() != TissueImageSpec.Target.INITIAL_CONCENTRATION) {
                continue;
            }
            float[] c = VolumeResampler.trilinear(image.volume(), grid);
            float[] field = tissue.concentration(image.species());
            for (int v = 0; v < c.length; v++) {
                if (!Float.isNaN(c[v])) {
                    field[v] = c[v];
                }
            }
        }
    }
}
