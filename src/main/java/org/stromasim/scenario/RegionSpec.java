package org.stromasim.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.TissueRegion;

/**
 * A tissue region (YAML list {@code tissue.regions}): a shape and what the voxels whose centres lie in
 * it get. Regions are painted in list order after the nests, their stroma shells and the fibroblasts,
 * and before the vessels, so a later region overwrites an earlier one and vessels overwrite all.
 *
 * @param shape        the volume
 * @param stiffnessKpa baseline ECM stiffness of its voxels (the stiffness texture applies on top as in
 *                     every region), kPa; null = keep
 * @param cell         cell type of its voxels (not {@code vessel}); null = keep. {@code cancer} also
 *                     marks them tumour (for tumour metrics), any other type normal interstitium
 * @param region       the anatomical region of its voxels (normal, stroma, tumour: baseline stiffness
 *                     from {@code ecm.stiffness_kpa} and the region metrics), over what {@code cell}
 *                     implies; null = as {@code cell} implies, or keep. With it a nest and its stroma
 *                     shell are two regions: {@code cell: cancer} in the nest, {@code region: stroma} around it
 */
public record RegionSpec(ShapeSpec shape, Double stiffnessKpa, CellType cell, TissueRegion region) {

    /** A region that sets no anatomical region of its own. */
    public RegionSpec(ShapeSpec shape, Double stiffnessKpa, CellType cell) {
        this(shape, stiffnessKpa, cell, null);
    }

    /** A volume, named by the YAML key {@code shape}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "shape")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Box.class, name = "box"),
            @JsonSubTypes.Type(value = HalfSpace.class, name = "half_space"),
            @JsonSubTypes.Type(value = Slab.class, name = "slab"),
            @JsonSubTypes.Type(value = Cylinder.class, name = "cylinder"),
            @JsonSubTypes.Type(value = Ellipsoid.class, name = "ellipsoid"),
            @JsonSubTypes.Type(value = Union.class, name = "union"),
            @JsonSubTypes.Type(value = Difference.class, name = "difference")
    })
    public sealed interface ShapeSpec {
    }

    /** Axis-aligned box min ≤ p ≤ max, µm. */
    public record Box(Vec3 minUm, Vec3 maxUm) implements ShapeSpec {
    }

    /** The points p with (p − point)·normal ≥ 0: the side the normal points to. */
    public record HalfSpace(Vec3 pointUm, Vec3 normal) implements ShapeSpec {
    }

    /** The points whose distance along the unit normal from {@code pointUm} lies in [0, thicknessUm]. */
    public record Slab(Vec3 pointUm, Vec3 normal, double thicknessUm) implements ShapeSpec {
    }

    /** A finite cylinder with flat ends between two axis points, µm. */
    public record Cylinder(Vec3 fromUm, Vec3 toUm, double radiusUm) implements ShapeSpec {
    }

    /** An axis-aligned ellipsoid (a sphere with three equal radii), µm. */
    public record Ellipsoid(Vec3 centreUm, Vec3 radiiUm) implements ShapeSpec {
    }

    /** The points in any of the shapes. */
    public record Union(List<ShapeSpec> of) implements ShapeSpec {
        public Union {
            of = List.copyOf(of);
        }
    }

    /** The points in {@code of[0]} and in none of the others. */
    public record Difference(List<ShapeSpec> of) implements ShapeSpec {
        public Difference {
            of = List.copyOf(of);
        }
    }
}
