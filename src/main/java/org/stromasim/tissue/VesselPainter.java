package org.stromasim.tissue;

import java.util.ArrayList;
import java.util.List;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.TissueSpec.RandomWalkVessel;
import org.stromasim.scenario.TissueSpec.StraightVessel;
import org.stromasim.scenario.TissueSpec.VesselSpec;
import org.stromasim.scenario.Vec3;

/**
 * Turns the scenario's vessel list into a lumen mask. Each random-walk vessel draws from its own stream
 * (run seed, vessel number), so adding or editing one vessel leaves the others where they were.
 */
public final class VesselPainter {

    private VesselPainter() {
    }

    /**
     * The vessels as straight capsule segments, µm: one per straight vessel, one per step of a random
     * walk (a walk of length 0 is one sphere).
     */
    static List<VesselSegment> segments(List<VesselSpec> vessels, long runSeed) {
        List<VesselSegment> segments = new ArrayList<>();
        int nextPlasmaGroup = 1; // the order of TissueSpec.plasmaGroups
        for (int n = 0; n < vessels.size(); n++) {
            VesselSpec vessel = vessels.get(n);
            double r = vessel.radiusUm();
            if (!(r > 0) || !Double.isFinite(r)) {
                throw new IllegalArgumentException("tissue.vessels[" + n + "].radius_um must be a positive finite µm, got " + r);
            }
            if (vessel instanceof StraightVessel s) {
                if (s.fromUm() == null || s.toUm() == null) {
                    throw new IllegalArgumentException("tissue.vessels[" + n + "] (straight) needs from_um and to_um");
                }
                segments.add(new VesselSegment(xyz(s.fromUm()), xyz(s.toUm()), r));
            } else if (vessel instanceof org.stromasim.scenario.TissueSpec.NetworkVessel net) {
                List<String> curveGroups = List.copyOf(net.groupPlasma().keySet());
                for (org.stromasim.scenario.TissueSpec.NetworkSegment s : net.segments()) {
                    double scale = net.exchangeScale(s);
                    int at = s.group() == null ? -1 : curveGroups.indexOf(s.group());
                    int plasmaGroup = at < 0 ? 0 : nextPlasmaGroup + at;
                    if (scale > 0) { // a segment without blood flow is left out: no lumen held at plasma, no wall
                        segments.add(new VesselSegment(xyz(s.fromUm()), xyz(s.toUm()), s.radiusUm(), scale, plasmaGroup));
                    }
                }
                nextPlasmaGroup += curveGroups.size();
            } else if (vessel instanceof RandomWalkVessel w) {
                List<double[]> path;
                try {
                    path = RandomWalkPath.vertices(w, SeedStreams.stream(runSeed, SeedStreams.Purpose.VESSEL_WALK, n));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("tissue.vessels[" + n + "]: " + e.getMessage(), e);
                }
                for (int p = 1; p < path.size(); p++) {
                    segments.add(new VesselSegment(path.get(p - 1), path.get(p), r));
                }
                if (path.size() == 1) {
                    segments.add(new VesselSegment(path.get(0), path.get(0), r));
                }
            }
        }
        return segments;
    }

    /** The lumen voxels of the segments ({@link VesselRasteriser#capsule}). */
    public static boolean[] lumenMask(Grid3D grid, List<VesselSegment> segments) {
        boolean[] lumen = new boolean[grid.voxelCount()];
        for (VesselSegment s : segments) {
            VesselRasteriser.capsule(grid, s.a(), s.b(), s.radiusUm(), lumen);
        }
        return lumen;
    }

    private static double[] xyz(Vec3 v) {
        return new double[]{v.x(), v.y(), v.z()};
    }
}
