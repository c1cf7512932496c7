package org.stromasim.transport;

import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.SpeciesSpec.BoundaryType;

/** Computes the {@link StabilityLimit} from the voxel diffusivities and boundary conditions (set-up code). */
final class StabilityAnalysis {

    private StabilityAnalysis() {
    }

    static StabilityLimit limit(Grid3D g, java.util.List<String> names, float[][] diffusivity,
                                SpeciesBoundaries[] boundaries) {
        double worstSum = 0.0;
        int worstSpecies = -1;
        for (int s = 0; s < names.size(); s++) {
            double sum = maxFaceCoefficientSum(g, diffusivity[s], boundaries[s]);
            if (sum > worstSum) {
                worstSum = sum;
                worstSpecies = s;
            }
        }
        double dx = g.voxelUm();
        if (worstSpecies < 0) {
            return new StabilityLimit(Double.POSITIVE_INFINITY, "none", 0.0, dx);
        }
        return new StabilityLimit(dx * dx / worstSum, names.get(worstSpecies), max(diffusivity[worstSpecies]), dx);
    }

    /** max over voxels of Σ_faces D_face, µm²/s (harmonic-mean faces; FIXED faces 2·D; zero-flux 0). */
    static double maxFaceCoefficientSum(Grid3D g, float[] d, SpeciesBoundaries bc) {
        double worst = 0.0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double dv = d[g.index(i, j, k)];
                    if (dv <= 0) {
                        continue;
                    }
                    double sum = 0.0;
                    for (Face face : Face.values()) {
                        int nb = GridNeighbours.neighbour(g, i, j, k, face);
                        if (nb < 0) {
                            BoundaryType type = bc.type(face);
                            if (type == BoundaryType.FIXED) {
                                sum += 2 * dv;
                                continue;
                            }
                            if (type != BoundaryType.PERIODIC) {
                                continue;
                            }
                            nb = GridNeighbours.wrapped(g, i, j, k, face);
                        }
                        double dn = d[nb];
                        if (dn > 0) {
                            sum += 2 * dv * dn / (dv + dn);
                        }
                    }
                    worst = Math.max(worst, sum);
                }
            }
        }
        return worst;
    }

    private static double max(float[] values) {
        double m = 0.0;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
