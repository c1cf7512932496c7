package org.stromasim.report;

import java.util.List;
import org.stromasim.grid.Grid3D;
import org.stromasim.metrics.PenetrationProfile;
import org.stromasim.metrics.TumourDepth;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.VesselDistanceTransform;

/**
 * What the vessel-distance shells are made of: the share of their voxels that are tumour and that lie in
 * the stroma shell (non-tumour voxels within the scenario's {@code tissue.stroma_shell_um} of the
 * tumour), in the same shells as the drug profiles. A profile against vessel distance averages over
 * whatever tissue lies at that distance, so a change in composition shows in it: where the far shells
 * hold no tumour (the corners of the box, away from the nest) the drug is not taken up there and the
 * mean rises again.
 *
 * @param tumourShare    per shell, the fraction of voxels that are tumour (a profile of a 0/1 field)
 * @param stromaShare    the same for the stroma shell; null when the scenario could not be read
 * @param stromaShellUm  the shell thickness used, NaN when unknown
 */
record ShellComposition(PenetrationProfile tumourShare, PenetrationProfile stromaShare, double stromaShellUm) {

    static ShellComposition of(RunData run) {
        return of(run.lastSnapshot().tissue(), stromaShellUm(run));
    }

    /** The composition of {@code tissue}'s vessel-distance shells; {@code shellUm} NaN for no stroma share. */
    static ShellComposition of(Tissue tissue, double shellUm) {
        Grid3D grid = tissue.grid();
        byte[] cell = tissue.cell();
        float[] tumour = new float[cell.length];
        boolean[] isTumour = new boolean[cell.length];
        for (int v = 0; v < cell.length; v++) {
            isTumour[v] = TumourDepth.isTumour(cell[v]);
            tumour[v] = isTumour[v] ? 1f : 0f;
        }
        PenetrationProfile tumourShare = PenetrationProfile.measure(grid, cell, tissue.vesselDistanceUm(), tumour);
        if (!(shellUm > 0)) {
            return new ShellComposition(tumourShare, null, Double.NaN);
        }
        boolean[] inShell = stromaShell(tissue, shellUm);
        float[] stroma = new float[cell.length];
        for (int v = 0; v < cell.length; v++) {
            stroma[v] = inShell[v] ? 1f : 0f;
        }
        PenetrationProfile stromaShare = PenetrationProfile.measure(grid, cell, tissue.vesselDistanceUm(), stroma);
        return new ShellComposition(tumourShare, stromaShare, shellUm);
    }

    /** The stroma shell: tissue voxels (not tumour, not vessel lumen) within {@code shellUm} of the tumour. */
    static boolean[] stromaShell(Tissue tissue, double shellUm) {
        byte[] cell = tissue.cell();
        boolean[] isTumour = new boolean[cell.length];
        for (int v = 0; v < cell.length; v++) {
            isTumour[v] = TumourDepth.isTumour(cell[v]);
        }
        float[] fromTumour = new float[cell.length];
        VesselDistanceTransform.compute(tissue.grid(), isTumour, fromTumour);
        boolean[] inShell = new boolean[cell.length];
        for (int v = 0; v < cell.length; v++) {
            inShell[v] = !isTumour[v] && cell[v] != CellType.VESSEL.code() && fromTumour[v] <= shellUm;
        }
        return inShell;
    }

    /** The stroma shell thickness of the run's resolved scenario; NaN when it cannot be read. */
    static double stromaShellUm(RunData run) {
        String yaml = run.lastSnapshot().header().info().scenarioYaml();
        if (yaml == null || yaml.isBlank()) {
            return Double.NaN;
        }
        try {
            return ScenarioLoader.parse(yaml, "the snapshot's scenario", List.of()).tissue().stromaShellUm();
        } catch (RuntimeException unreadable) {
            // a report still draws the drug profiles; only the composition panel loses its stroma line
            return Double.NaN;
        }
    }
}
