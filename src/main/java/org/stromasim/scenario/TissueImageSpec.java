package org.stromasim.scenario;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.stromasim.imaging.ScalarVolume;

/**
 * A tissue image (an entry of YAML list {@code tissue.images}; docs/tissue-from-files.md): a 3D image file
 * that sets one field of the voxels it covers, read and checked when the scenario is loaded.
 *
 * @param file          the file, absolute (a relative path is taken from the scenario's folder)
 * @param dataset       HDF5 only: the dataset path; null for TIFF and NRRD
 * @param sets          the field it sets
 * @param species       {@link Target#INITIAL_CONCENTRATION} only: the species; null otherwise
 * @param intensityRange the linear map's intensity end points [a, b], or null (values taken as they are)
 * @param valueRange    the field values the end points map to, in the field's unit, or null
 * @param labels        {@link Target#CELL} only: label → cell type key, {@code stroma} or {@code keep}; null otherwise
 * @param spacingUm     voxel spacing as the scenario gives it (it replaces the file's), or null
 * @param originUm      centre of the first voxel as the scenario gives it, or null
 * @param lengthUnitUm  µm per length unit of a file that names no unit, or null
 * @param volume        the image placed in space, values in the field's unit; for {@link Target#CELL}
 *                      the cell-type code per sample, {@link #KEEP_CODE} or {@link #STROMA_CODE}
 */
public record TissueImageSpec(String file, String dataset, Target sets, String species, double[] intensityRange,
                              double[] valueRange, Map<Integer, String> labels, Vec3 spacingUm, Vec3 originUm,
                              Double lengthUnitUm, ScalarVolume volume) {

    /** Equal when every key and the image read are equal (a record compares arrays by identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof TissueImageSpec t && file.equals(t.file) && Objects.equals(dataset, t.dataset)
                && sets == t.sets && Objects.equals(species, t.species) && Arrays.equals(intensityRange, t.intensityRange)
                && Arrays.equals(valueRange, t.valueRange) && Objects.equals(labels, t.labels)
                && Objects.equals(spacingUm, t.spacingUm) && Objects.equals(originUm, t.originUm)
                && Objects.equals(lengthUnitUm, t.lengthUnitUm) && Objects.equals(volume, t.volume);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, dataset, sets, species, Arrays.hashCode(intensityRange), Arrays.hashCode(valueRange),
                labels, spacingUm, originUm, lengthUnitUm, volume);
    }

    /** Label-table entry that leaves a voxel as the procedural build made it. */
    public static final String KEEP = "keep";
    /**
     * Label-table entry that marks a voxel stroma (the fibrotic region: its baseline stiffness
     * {@code ecm.stiffness_kpa.stroma} and the stroma metrics) and keeps its cell as built.
     */
    public static final String STROMA = "stroma";
    /** Sample value in {@link #volume()} of a label that keeps the voxel. */
    public static final float KEEP_CODE = -1;
    /** Sample value in {@link #volume()} of a label that marks the voxel stroma. */
    public static final float STROMA_CODE = -2;

    /** What an image sets, with its YAML name and how it is resampled onto the grid. */
    public enum Target {
        /** ECM stiffness, kPa, final (the stiffness texture does not apply on top of a measured image). */
        STIFFNESS_KPA("stiffness_kpa"),
        /** Cell type per voxel from a label image (resampled nearest). */
        CELL("cell"),
        /** Initial concentration of one species, in its unit. */
        INITIAL_CONCENTRATION("initial_concentration"),
        /**
         * Collagen fibre volume fraction, 0 < φ ≤ the law's maximum: resampled trilinearly, then set as
         * the stiffness that gives that φ under the diffusivity law's power law (final, as a stiffness image).
         */
        COLLAGEN_FRACTION("collagen_fraction");

        private final String key;

        Target(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
