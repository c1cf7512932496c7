package org.stromasim.flow;

import java.util.Optional;
import org.stromasim.matrix.HyaluronanState;
import org.stromasim.matrix.VesselCompression;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportModel;

/**
 * The vessel wall of a stored tissue after compression ({@link VesselCompression}) by its stiffness and
 * hyaluronan, as the transport model held it. Snapshots and validate read it; a running backend's
 * {@link org.stromasim.transport.TransportFields} have the same numbers live.
 *
 * @param wallPerUm        vessel wall area per volume after compression, 1/µm
 * @param perfusedFraction perfused fraction of each voxel's wall, or null without {@code ecm.vessel_compression}
 */
public record MatrixStateAt(float[] wallPerUm, float[] perfusedFraction) {

    /**
     * Whether the scenario's outputs read the compressed wall at all: vessel compression or interstitial
     * flow. Without either, callers skip {@link #of}, which allocates a voxel field per call.
     */
    public static boolean isRead(Scenario scenario) {
        return scenario.ecm().vesselCompression() != null || scenario.ecm().flow() != null;
    }

    public static MatrixStateAt of(Scenario scenario, Tissue tissue) {
        float[] wall = TransportModel.vesselSurfaceToVolumePerUm(tissue);
        if (scenario.ecm().vesselCompression() == null) {
            return new MatrixStateAt(wall, null);
        }
        float[] f = new VesselCompression(scenario.ecm().vesselCompression()).perfusedFractions(tissue.stiffnessKpa(),
                tissue.cell(), wall, HyaluronanState.levels(scenario, tissue));
        VesselCompression.openWall(wall, f, wall);
        return new MatrixStateAt(wall, f);
    }

    public Optional<float[]> perfused() {
        return Optional.ofNullable(perfusedFraction);
    }
}
