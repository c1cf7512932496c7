package org.stromasim.transport;

/**
 * The exchange rate per volume between a vessel and a tissue voxel, 1/s. A voxel's level stands for its
 * centre, which lies δ beyond the wall it holds; between them the solute crosses the wall (resistance
 * 1/P per area) and then diffuses through δ of tissue (δ/D), in series:
 *
 * <pre>  k = (S/V) / (1/P + δ/D) = P·(S/V)·D / (D + P·δ)</pre>
 *
 * For a wall that limits (P·δ/D ≪ 1) this is the familiar P·(S/V); for a wall held at the plasma level
 * (P → ∞) it is (S/V)·D/δ, the diffusive conductance of the half voxel, so that a voxel whose centre
 * lies well beyond the wall is no longer pinned to the plasma. Without it a held wall converges only at
 * first order, with a larger constant than the voxel-face wall (docs/vessel-geometry.md). δ = 0
 * (a centre on the wall, or a wall without distances) gives P·(S/V); so does D = 0 with δ = 0.
 */
public final class WallExchange {

    private WallExchange() {
    }

    /**
     * @param permeabilityUmPerS P of the species, µm/s
     * @param svPerUm            wall area per voxel volume, 1/µm
     * @param distanceUm         δ, the voxel centre's distance from the wall, µm (≥ 0)
     * @param diffusivityUm2PerS D of the species in the voxel, µm²/s (≥ 0)
     */
    public static double ratePerS(double permeabilityUmPerS, double svPerUm, double distanceUm, double diffusivityUm2PerS) {
        double conductance = permeabilityUmPerS * svPerUm;
        if (!(distanceUm > 0) || conductance == 0) {
            return conductance;
        }
        return conductance * diffusivityUm2PerS / (diffusivityUm2PerS + permeabilityUmPerS * distanceUm);
    }
}
