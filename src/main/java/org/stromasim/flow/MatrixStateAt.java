package org.stromasim.flow;

import java.util.Optional;
import org.stromasim.biology.MatrixTreatment;
import org.stromasim.matrix.VesselCompression;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportModel;

/**
 * The matrix state of a stored tissue at a time, as the transport model held it then: the GAG level of the slow
 * clock ({@link MatrixTreatment#gagLevelAt}) and the vessel wall after compression ({@link VesselCompression}).
 * Snapshots and validate read it; a running backend's {@link TransportFields} have the same numbers live.
 *
 * @param gagLevel         g (multiplies every GAG fraction)
 * @param wallPerUm        vessel wall area per volume after compression, 1/µm
 * @param perfusedFraction perfused fraction of each voxel's wall, or null without {@code ecm.vessel_compression}
 */
public record MatrixStateAt(double gagLevel, float[] wallPerUm, float[] perfusedFraction) {

    public static MatrixStateAt of(Scenario scenario, Tissue tissue, double timeS) {
        double g = MatrixTreatment.of(scenario).gagLevelAt(timeS);
        float[] wall = TransportModel.vesselSurfaceToVolumePerUm(tissue);
        if (scenario.ecm().vesselCompression() == null) {
            return new MatrixStateAt(g, wall, null);
        }
        float[] f = new VesselCompression(scenario.ecm().vesselCompression()).perfusedFractions(tissue.stiffnessKpa(),
                tissue.cell(), wall, g);
        VesselCompression.openWall(wall, f, wall);
        return new MatrixStateAt(g, wall, f);
    }

    public Optional<float[]> perfused() {
        return Optional.ofNullable(perfusedFraction);
    }
}
