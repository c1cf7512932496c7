package org.stromasim.tissue;

/**
 * The vessel wall as the transport model sees it, per voxel, built once from the vessel segments
 * ({@link VesselWallGeometry}).
 *
 * @param areaPerVolumePerUm wall area per voxel volume S/V, 1/µm, on the tissue side: the wall that
 *                           crosses a lumen voxel is credited to the first tissue voxel outside it
 *                           along the wall's outward normal, so lumen voxels hold 0
 * @param volumeFraction     fraction of the voxel inside the vessels (the union of the capsules), 0..1
 * @param plasmaGroup        per voxel, the plasma group whose curves its lumen holds and its wall
 *                           exchanges with (the vessel nearest to it; {@link VesselWallGeometry#plasmaGroups}),
 *                           or null when every vessel carries the species' own curves (group 0)
 * @param wallDistanceUm     per voxel with wall area, the distance from its centre to the nearest vessel
 *                           surface, µm (0 elsewhere): the tissue between the wall and the point the
 *                           voxel's level stands for, a diffusion resistance in series with the wall's
 *                           ({@code transport.WallExchange}); null: every centre counts as on the wall
 */
public record VesselWall(float[] areaPerVolumePerUm, float[] volumeFraction, byte[] plasmaGroup,
                         float[] wallDistanceUm) {

    public VesselWall {
        if (areaPerVolumePerUm == null || volumeFraction == null || areaPerVolumePerUm.length != volumeFraction.length
                || (plasmaGroup != null && plasmaGroup.length != volumeFraction.length)
                || (wallDistanceUm != null && wallDistanceUm.length != volumeFraction.length)) {
            throw new IllegalArgumentException("vessel wall needs arrays of one length");
        }
    }

    /** A wall whose vessels all carry the species' own plasma curves, every centre on the wall. */
    public VesselWall(float[] areaPerVolumePerUm, float[] volumeFraction) {
        this(areaPerVolumePerUm, volumeFraction, null, null);
    }

    /** A wall with plasma groups, every centre on the wall. */
    public VesselWall(float[] areaPerVolumePerUm, float[] volumeFraction, byte[] plasmaGroup) {
        this(areaPerVolumePerUm, volumeFraction, plasmaGroup, null);
    }

    /** A deep copy. */
    public VesselWall copy() {
        return new VesselWall(areaPerVolumePerUm.clone(), volumeFraction.clone(),
                plasmaGroup == null ? null : plasmaGroup.clone(), wallDistanceUm == null ? null : wallDistanceUm.clone());
    }
}
