package org.stromasim.report;

import org.stromasim.metrics.RimProfile;
import java.io.IOException;
import java.io.PrintWriter;
import org.stromasim.flow.FlowFieldNames;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * The interstitial flow of a run with {@code ecm.flow}, from the newest snapshot's {@code ifp_mmHg} and
 * Darcy velocity components (the pressure is not in metrics.csv, so there is no time course): mean
 * interstitial fluid pressure in living cancer voxels, in the stroma shell and in the normal tissue
 * beyond it; the pressure in the deepest layer of the tumour (its centre, where Baxter and Jain's
 * profile is flat); the interstitial speed |u| averaged over tissue (every voxel but vessel lumen), its
 * largest value, and its value at the tumour surface (where the outward flow leaves the tumour: the
 * mean of the two layers that touch it); and both across the surface ({@link RimProfile}).
 *
 * @param cancerIfpMmHg     mean IFP over living cancer voxels (NaN without any)
 * @param stromaIfpMmHg     mean IFP over the stroma shell (NaN when its thickness is unknown or it is empty)
 * @param normalIfpMmHg     mean IFP over tissue outside tumour and stroma shell (NaN when there is none)
 * @param centreIfpMmHg     mean IFP in the deepest layer of the tumour (NaN without tumour)
 * @param meanSpeedUmPerS   mean |u| over tissue voxels
 * @param maxSpeedUmPerS    largest |u| over tissue voxels
 * @param rimSpeedUmPerS    |u| at the tumour surface: the mean of the layers either side (NaN without one)
 * @param ifpAcrossRim      IFP against the signed distance from the tumour surface
 * @param speedAcrossRim    |u| likewise
 */
public record FlowReadout(double cancerIfpMmHg, double stromaIfpMmHg, double normalIfpMmHg, double centreIfpMmHg,
                          double meanSpeedUmPerS, double maxSpeedUmPerS, double rimSpeedUmPerS,
                          RimProfile ifpAcrossRim, RimProfile speedAcrossRim) {

    /** The flow read-outs of {@code run}; null when its newest snapshot has no pressure field. */
    public static FlowReadout of(RunData run) throws IOException {
        float[] p = run.derivedField(FlowFieldNames.PRESSURE);
        if (p == null) {
            return null;
        }
        float[][] u = new float[3][];
        for (int axis = 0; axis < 3; axis++) {
            u[axis] = run.derivedField(FlowFieldNames.velocity(axis));
            if (u[axis] == null) {
                throw new ReportInputException(run.lastSnapshot().header().file() + ": has " + FlowFieldNames.PRESSURE
                        + " but no " + FlowFieldNames.velocity(axis));
            }
        }
        Tissue tissue = run.lastSnapshot().tissue();
        double shellUm = ShellComposition.stromaShellUm(run);
        return of(tissue, p, u, shellUm > 0 ? ShellComposition.stromaShell(tissue, shellUm) : null);
    }

    /** The read-outs of the given fields; {@code stroma} marks the stroma shell (null when unknown). */
    static FlowReadout of(Tissue tissue, float[] p, float[][] u, boolean[] stroma) {
        byte[] cell = tissue.cell();
        double[] sum = new double[3];
        long[] count = new long[3];
        double speedSum = 0;
        double fastest = 0;
        long tissueVoxels = 0;
        float[] speed = new float[cell.length];
        for (int v = 0; v < cell.length; v++) {
            speed[v] = (float) Math.sqrt((double) u[0][v] * u[0][v] + (double) u[1][v] * u[1][v]
                    + (double) u[2][v] * u[2][v]);
            if (cell[v] == CellType.VESSEL.code()) {
                continue;
            }
            speedSum += speed[v];
            fastest = Math.max(fastest, speed[v]);
            tissueVoxels++;
            boolean tumour = cell[v] == CellType.CANCER.code() || cell[v] == CellType.DEAD.code();
            int region = cell[v] == CellType.CANCER.code() ? 0 : tumour ? -1 : stroma != null && stroma[v] ? 1 : 2;
            if (region >= 0) {
                sum[region] += p[v];
                count[region]++;
            }
        }
        RimProfile ifpAcross = RimProfile.of(tissue, p);
        RimProfile speedAcross = RimProfile.of(tissue, speed);
        return new FlowReadout(mean(sum[0], count[0]), stroma == null ? Double.NaN : mean(sum[1], count[1]),
                mean(sum[2], count[2]), ifpAcross.deepest(), mean(speedSum, tissueVoxels),
                tissueVoxels > 0 ? fastest : Double.NaN, speedAcross.atSurface(), ifpAcross, speedAcross);
    }

    private static double mean(double sum, long n) {
        return n > 0 ? sum / n : Double.NaN;
    }

    /** The single-run section of the report. */
    void print(PrintWriter out, RunData run) {
        out.printf("interstitial flow, newest snapshot (t = %s):%n", SteadyState.duration(run.lastSnapshot().info().timeS()));
        row(out, "mean IFP, living cancer voxels", Comparison.value(cancerIfpMmHg, "mmHg"));
        row(out, "mean IFP, deepest layer of the tumour", Comparison.value(centreIfpMmHg, "mmHg"));
        row(out, "mean IFP, stroma shell", Double.isNaN(stromaIfpMmHg)
                ? "n/a (no stroma shell)"
                : Comparison.value(stromaIfpMmHg, "mmHg"));
        row(out, "mean IFP, normal tissue", Comparison.value(normalIfpMmHg, "mmHg"));
        row(out, "interstitial speed, mean over tissue", Comparison.value(meanSpeedUmPerS, "µm/s"));
        row(out, "interstitial speed, largest", Comparison.value(maxSpeedUmPerS, "µm/s"));
        row(out, "interstitial speed at the tumour surface", Comparison.value(rimSpeedUmPerS, "µm/s"));
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf("  %-44s %s%n", label, value);
    }

    /** The comparison section: the second run against the first, in words. */
    static void printComparison(PrintWriter out, FlowReadout a, FlowReadout b, String secondName) {
        out.println("  interstitial flow (newest snapshots):");
        line(out, "mean IFP in living cancer voxels", a.cancerIfpMmHg, b.cancerIfpMmHg, "mmHg", secondName);
        line(out, "mean IFP in the deepest layer of the tumour", a.centreIfpMmHg, b.centreIfpMmHg, "mmHg", secondName);
        line(out, "mean IFP in the stroma shell", a.stromaIfpMmHg, b.stromaIfpMmHg, "mmHg", secondName);
        line(out, "mean IFP in normal tissue", a.normalIfpMmHg, b.normalIfpMmHg, "mmHg", secondName);
        line(out, "mean interstitial speed", a.meanSpeedUmPerS, b.meanSpeedUmPerS, "µm/s", secondName);
        line(out, "largest interstitial speed", a.maxSpeedUmPerS, b.maxSpeedUmPerS, "µm/s", secondName);
        line(out, "interstitial speed at the tumour surface", a.rimSpeedUmPerS, b.rimSpeedUmPerS, "µm/s", secondName);
    }

    private static void line(PrintWriter out, String label, double a, double b, String unit, String secondName) {
        if (!Double.isFinite(a) && !Double.isFinite(b)) {
            return; // e.g. no stroma shell in either scenario: nothing to compare
        }
        out.println("    " + Comparison.values(label, a, b, unit, secondName));
    }
}
