package org.stromasim.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Procedural tissue geometry (YAML section {@code tissue}), built deterministically from the run seed.
 *
 * @param nests          tumour nests (ellipsoids filled with cancer cells)
 * @param stromaShellUm  thickness of the fibrotic stroma shell around each nest, µm
 * @param fibroblasts    fibroblast and CAF densities
 * @param vessels        blood vessels
 * @param regions        shapes with their own stiffness and cell type, painted in order ({@link RegionSpec})
 * @param images         image files that set stiffness, cell type or an initial concentration where they
 *                       cover the domain ({@link TissueImageSpec}), applied in order
 */
public record TissueSpec(List<Nest> nests, double stromaShellUm, Fibroblasts fibroblasts, List<VesselSpec> vessels,
                         List<RegionSpec> regions, List<TissueImageSpec> images) {

    public TissueSpec {
        nests = nests == null ? List.of() : List.copyOf(nests);
        vessels = vessels == null ? List.of() : List.copyOf(vessels);
        regions = regions == null ? List.of() : List.copyOf(regions);
        images = images == null ? List.of() : List.copyOf(images);
        fibroblasts = fibroblasts == null ? new Fibroblasts(0.0, 0.0, 0.0, 0.0) : fibroblasts;
    }

    /** A tissue without extra regions or images. */
    public TissueSpec(List<Nest> nests, double stromaShellUm, Fibroblasts fibroblasts, List<VesselSpec> vessels) {
        this(nests, stromaShellUm, fibroblasts, vessels, List.of(), List.of());
    }

    /** A tissue without images. */
    public TissueSpec(List<Nest> nests, double stromaShellUm, Fibroblasts fibroblasts, List<VesselSpec> vessels,
                      List<RegionSpec> regions) {
        this(nests, stromaShellUm, fibroblasts, vessels, regions, List.of());
    }

    /** An ellipsoidal tumour nest, axis-aligned. */
    public record Nest(Vec3 centreUm, Vec3 radiiUm) {
    }

    /**
     * Fractions of matrix voxels that hold a fibroblast, and the fraction of those that are CAFs.
     *
     * @param stromaFraction     fraction of stroma-shell voxels holding a fibroblast or CAF, [0, 1]
     * @param normalFraction     the same in normal interstitium, [0, 1]
     * @param cafFractionStroma  fraction of stroma fibroblasts that are activated CAFs, [0, 1]
     * @param cafFractionNormal  the same in normal interstitium, [0, 1]
     */
    public record Fibroblasts(double stromaFraction, double normalFraction, double cafFractionStroma,
                              double cafFractionNormal) {
    }

    /**
     * The plasma groups of {@code vessels}: index 0 is the species' own curves (every vessel not in a
     * group with curves of its own), then each network's groups that give plasma curves, networks in
     * list order, groups in file order. Each vessel voxel carries the index of its group.
     */
    public static List<java.util.Map<String, PlasmaCurveSpec>> plasmaGroups(List<VesselSpec> vessels) {
        List<java.util.Map<String, PlasmaCurveSpec>> groups = new java.util.ArrayList<>();
        groups.add(java.util.Map.of());
        for (VesselSpec v : vessels) {
            if (v instanceof NetworkVessel n) {
                groups.addAll(n.groupPlasma().values());
            }
        }
        return groups;
    }

    /** The number of plasma groups, index 0 (the species' own curves) included. */
    public static int plasmaGroupCount(List<VesselSpec> vessels) {
        return plasmaGroups(vessels).size();
    }

    /** A vessel: straight capsule segments (YAML key {@code shape}); the wall comes from their true geometry. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "shape")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = StraightVessel.class, name = "straight"),
            @JsonSubTypes.Type(value = RandomWalkVessel.class, name = "random_walk"),
            @JsonSubTypes.Type(value = NetworkVessel.class, name = "network")
    })
    public sealed interface VesselSpec {
        double radiusUm();
    }

    /**
     * A vessel network read from a file ({@code VesselNetworkCsv}, {@code VesselNetworkVtp}; docs/vessel-geometry.md),
     * held as its segments so the tissue is built from what was checked.
     *
     * @param file         the file, absolute (a relative path in the scenario is resolved against the
     *                     scenario's folder); {@code .csv}: node–segment CSV, {@code .vtp}: VTK XML PolyData
     * @param radiusArray  .vtp only: the point-data array holding the radius (null for .csv)
     * @param lengthUnitUm µm per length unit of the file (1 = the file is in µm)
     * @param segments     its segments, in file order, in µm
     * @param groups       per vessel group that segments name: its permeability relative to every species' own
     * @param groupPlasma  per vessel group that has its own plasma curves: species name → the curve its
     *                     vessels carry instead of the species' own (a group or species not listed keeps
     *                     the species' curve)
     */
    public record NetworkVessel(String file, String radiusArray, double lengthUnitUm, List<NetworkSegment> segments,
                                java.util.Map<String, Double> groups,
                                java.util.Map<String, java.util.Map<String, PlasmaCurveSpec>> groupPlasma)
            implements VesselSpec {
        public NetworkVessel {
            segments = List.copyOf(segments);
            groups = java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(groups));
            java.util.Map<String, java.util.Map<String, PlasmaCurveSpec>> curves = new java.util.LinkedHashMap<>();
            for (var e : groupPlasma.entrySet()) {
                if (!groups.containsKey(e.getKey())) {
                    throw new IllegalArgumentException("plasma curves given for group '" + e.getKey()
                            + "', which is not one of the network's groups " + groups.keySet());
                }
                if (!e.getValue().isEmpty()) {
                    curves.put(e.getKey(), java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(e.getValue())));
                }
            }
            groupPlasma = java.util.Collections.unmodifiableMap(curves);
        }

        /** A network whose groups (if any) carry every species' own plasma curve. */
        public NetworkVessel(String file, String radiusArray, double lengthUnitUm, List<NetworkSegment> segments,
                             java.util.Map<String, Double> groups) {
            this(file, radiusArray, lengthUnitUm, segments, groups, java.util.Map.of());
        }

        /** A network whose segments all exchange at the species' own permeability. */
        public NetworkVessel(String file, String radiusArray, double lengthUnitUm, List<NetworkSegment> segments) {
            this(file, radiusArray, lengthUnitUm, segments, java.util.Map.of());
        }

        /** This network with per-group plasma curves (see the record's {@code groupPlasma}). */
        public NetworkVessel withGroupPlasma(java.util.Map<String, java.util.Map<String, PlasmaCurveSpec>> curves) {
            return new NetworkVessel(file, radiusArray, lengthUnitUm, segments, groups, curves);
        }

        /**
         * What segment s's wall area counts for in exchange: 0 when it is not perfused, else its group's
         * permeability scale (1 without a group).
         */
        public double exchangeScale(NetworkSegment s) {
            if (!s.perfused()) {
                return 0;
            }
            return s.group() == null ? 1.0 : groups.get(s.group());
        }

        /** The widest segment's radius, µm. */
        @Override
        public double radiusUm() {
            return segments.stream().mapToDouble(NetworkSegment::radiusUm).max().orElse(0);
        }
    }

    /**
     * One segment of a network: end points (µm), radius (µm), whether blood flows through it, and the
     * group whose permeability scale it takes (null: none).
     */
    public record NetworkSegment(Vec3 fromUm, Vec3 toUm, double radiusUm, boolean perfused, String group) {

        /** A perfused segment in no group. */
        public NetworkSegment(Vec3 fromUm, Vec3 toUm, double radiusUm) {
            this(fromUm, toUm, radiusUm, true, null);
        }
    }

    /** A straight cylinder between two points, µm. */
    public record StraightVessel(Vec3 fromUm, Vec3 toUm, double radiusUm) implements VesselSpec {
    }

    /**
     * A tortuous vessel: a persistent random walk from {@code startUm} along {@code direction},
     * turning by a Gaussian angle of s.d. {@code turnSdDeg} at every {@code stepUm}.
     */
    public record RandomWalkVessel(Vec3 startUm, Vec3 direction, double lengthUm, double stepUm, double turnSdDeg,
                                   double radiusUm) implements VesselSpec {
    }
}
