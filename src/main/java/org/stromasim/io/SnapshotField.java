package org.stromasim.io;

import java.util.ArrayList;
import java.util.List;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * One voxel field of a snapshot: its dataset name, its unit and the tissue array behind it. Exactly
 * one of {@code floats} and {@code codes} is set; the cell codes are bytes in memory and float32 on
 * disk (small integers are exact in float32, and one number type keeps the file simple for viewers).
 *
 * @param name        dataset name under {@code /fields}
 * @param units       value of the dataset's {@code units} attribute
 * @param description free text stored on the dataset, or null for none
 * @param floats      the tissue's float array, or null
 * @param codes       the tissue's byte array, or null
 */
record SnapshotField(String name, String units, String description, float[] floats, byte[] codes) {

    int length() {
        return floats != null ? floats.length : codes.length;
    }

    /** Value of voxel {@code index} as stored on disk. */
    float valueAt(int index) {
        return floats != null ? floats[index] : codes[index];
    }

    /**
     * The fields of a tissue in file order: cell, stiffness_kpa, viability, vessel_distance_um, one per
     * species in species order, drug_exposure, and hyaluronan_fraction when the tissue has a hyaluronan state. The arrays are the tissue's own, so a reader can fill
     * them in place.
     */
    static List<SnapshotField> of(Tissue tissue, java.util.function.Function<String, String> speciesUnit,
            String exposureUnit) {
        List<SnapshotField> fields = new ArrayList<>();
        fields.add(new SnapshotField(SnapshotLayout.FIELD_CELL, SnapshotLayout.UNIT_DIMENSIONLESS, cellCodeLegend(),
                null, tissue.cell()));
        fields.add(new SnapshotField(SnapshotLayout.FIELD_STIFFNESS, SnapshotLayout.UNIT_KPA, null,
                tissue.stiffnessKpa(), null));
        fields.add(new SnapshotField(SnapshotLayout.FIELD_VIABILITY, SnapshotLayout.UNIT_DIMENSIONLESS, null,
                tissue.viability(), null));
        fields.add(new SnapshotField(SnapshotLayout.FIELD_VESSEL_DISTANCE, SnapshotLayout.UNIT_UM, null,
                tissue.vesselDistanceUm(), null));
        for (int s = 0; s < tissue.speciesCount(); s++) {
            String species = tissue.speciesNames().get(s);
            fields.add(new SnapshotField(species, speciesUnit.apply(species), null, tissue.concentration(s), null));
        }
        fields.add(new SnapshotField(SnapshotLayout.FIELD_DRUG_EXPOSURE, exposureUnit, null, tissue.drugExposure(),
                null));
        if (tissue.gagFraction() != null) {
            fields.add(new SnapshotField(SnapshotLayout.FIELD_HYALURONAN, SnapshotLayout.UNIT_DIMENSIONLESS,
                    "hyaluronan (glycosaminoglycan) volume fraction of the extracellular space; a state of the slow clock",
                    tissue.gagFraction(), null));
        }
        return fields;
    }

    /**
     * The split-scheme state of a tissue (written under {@link SnapshotLayout#SPLIT_STATE_GROUP}): the
     * rebalancing term of each species that carries one, in species order; empty for most runs.
     */
    static List<SnapshotField> splitState(Tissue tissue, java.util.function.Function<String, String> speciesUnit) {
        List<SnapshotField> fields = new ArrayList<>();
        for (int s = 0; s < tissue.speciesCount(); s++) {
            float[] q = tissue.rebalancePerS(s);
            if (q != null) {
                String species = tissue.speciesNames().get(s);
                fields.add(new SnapshotField(species, speciesUnit.apply(species) + "/s",
                        SnapshotLayout.SPLIT_STATE_DESCRIPTION, q, null));
            }
        }
        return fields;
    }

    /**
     * The vessel wall of a tissue (written under {@link SnapshotLayout#VESSEL_WALL_GROUP}): wall area
     * per volume and volume fraction, or nothing for a tissue without one.
     */
    static List<SnapshotField> vesselWall(org.stromasim.tissue.VesselWall wall) {
        if (wall == null) {
            return List.of();
        }
        List<SnapshotField> fields = new ArrayList<>(List.of(
                new SnapshotField(SnapshotLayout.WALL_AREA_PER_VOLUME, SnapshotLayout.UNIT_PER_UM,
                        "vessel wall area per voxel volume on the tissue side", wall.areaPerVolumePerUm(), null),
                new SnapshotField(SnapshotLayout.VESSEL_VOLUME_FRACTION, SnapshotLayout.UNIT_DIMENSIONLESS,
                        "fraction of the voxel inside the vessels", wall.volumeFraction(), null)));
        if (wall.plasmaGroup() != null) {
            fields.add(plasmaGroup(new float[wall.plasmaGroup().length]));
            float[] values = fields.get(2).floats();
            for (int v = 0; v < values.length; v++) {
                values[v] = wall.plasmaGroup()[v];
            }
        }
        if (wall.wallDistanceUm() != null) {
            fields.add(wallDistance(wall.wallDistanceUm()));
        }
        return fields;
    }

    /** The distance from each wall voxel's centre to its wall, over {@code values}. */
    static SnapshotField wallDistance(float[] values) {
        return new SnapshotField(SnapshotLayout.WALL_DISTANCE, SnapshotLayout.UNIT_UM,
                "distance from the voxel centre to the vessel wall it holds (0 without wall area)", values, null);
    }

    /** The wall's plasma group field over {@code values} (written as float32, like the cell codes). */
    static SnapshotField plasmaGroup(float[] values) {
        return new SnapshotField(SnapshotLayout.VESSEL_PLASMA_GROUP, SnapshotLayout.UNIT_DIMENSIONLESS,
                "plasma group of the vessel nearest the voxel (0: every species' own plasma curve)", values, null);
    }

    /** "0 ecm, 1 vessel, ..." from the enum, so the legend cannot drift from the codes. */
    static String cellCodeLegend() {
        StringBuilder legend = new StringBuilder("cell type code: ");
        for (CellType type : CellType.values()) {
            if (type.ordinal() > 0) {
                legend.append(", ");
            }
            legend.append(type.code()).append(' ').append(type.key());
        }
        return legend.toString();
    }

    /** Names that may not be used for a species because a fixed field already has them. */
    static boolean isReservedName(String name) {
        return name.equals(SnapshotLayout.FIELD_CELL) || name.equals(SnapshotLayout.FIELD_STIFFNESS)
                || name.equals(SnapshotLayout.FIELD_VIABILITY) || name.equals(SnapshotLayout.FIELD_VESSEL_DISTANCE)
                || name.equals(SnapshotLayout.FIELD_DRUG_EXPOSURE) || name.equals(SnapshotLayout.FIELD_HYALURONAN);
    }
}
