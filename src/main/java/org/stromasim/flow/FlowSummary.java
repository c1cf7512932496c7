package org.stromasim.flow;

import org.stromasim.tissue.CellType;

/**
 * A one-line summary of a flow field: pressure range, mean tumour (cancer-voxel) pressure, mean and
 * fastest Darcy speed over tissue.
 */
public final class FlowSummary {

    private FlowSummary() {
    }

    public static String of(InterstitialFlow.Fields f, byte[] cell) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double tumourSum = 0;
        long tumour = 0;
        double fastest = 0;
        double speedSum = 0;
        long tissue = 0;
        for (int v = 0; v < cell.length; v++) {
            if (cell[v] == CellType.VESSEL.code()) {
                continue;
            }
            double p = f.pressureMmHg()[v];
            min = Math.min(min, p);
            max = Math.max(max, p);
            if (cell[v] == CellType.CANCER.code()) {
                tumourSum += p;
                tumour++;
            }
            double ux = f.velocityUmPerS()[0][v];
            double uy = f.velocityUmPerS()[1][v];
            double uz = f.velocityUmPerS()[2][v];
            double speed = Math.sqrt(ux * ux + uy * uy + uz * uz);
            fastest = Math.max(fastest, speed);
            speedSum += speed;
            tissue++;
        }
        return String.format("IFP %.3g – %.3g mmHg over tissue, mean %s in cancer voxels; Darcy speed mean %.3g, "
                + "fastest %.3g µm/s", min, max, tumour > 0 ? String.format("%.3g mmHg", tumourSum / tumour) : "n/a",
                tissue > 0 ? speedSum / tissue : 0.0, fastest);
    }
}
